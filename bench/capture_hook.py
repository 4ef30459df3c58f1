"""MkDocs hook for the benchmark baseline: save every page's final Markdown.

bench/run.py builds the public site once more with this hook (`hooks:` in a copy of
mkdocs.yml) and writes each page — metadata panel, generated organization pages and
all — as a plain Markdown file into $BENCH_CAPTURE_DIR.  Raw MkDocs + Material then
builds exactly those pages without the disclosure plugin, which is the baseline a
page of ours is compared with.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority


@event_priority(-100)  # after the disclosure plugin has added its panel
def on_page_markdown(markdown: str, page, config, files) -> str:  # noqa: ANN001 - MkDocs hook signature
    target = Path(os.environ["BENCH_CAPTURE_DIR"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False) if page.meta else ""
    target.write_text((f"---\n{meta}---\n\n" if meta else "") + markdown, encoding="utf-8")
    return markdown
