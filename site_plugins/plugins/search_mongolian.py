"""The Mongolian item pages (mn/) in a search index of their own: Pagefind language `mn`.

The Chinese index (search.py) holds the Chinese item pages as bigram words; the Mongolian
pages are indexed as they are written — Traditional Mongolian separates words with spaces,
and a case suffix with U+202F, which Pagefind reads as a space too — in the same bundle
(pagefind/) under the language `mn`, which the Mongolian search page selects
(search.js, `data-language="mn"`).  Pagefind neither stems nor segments `mn`.

As for the Chinese index, the pages handed to Pagefind are exactly the build's Mongolian
item pages (`published`, from the publication), newest first, and the index must hold
exactly as many (SearchIndexError otherwise).  Only a page's title and translated body are
indexed (templates/disclosure/mn_page.html marks them `data-disclosure-search="mn"`): not
its record, its attachments or the page's frame.  A result shows the title, the
organization (its Mongolian name where it has one) and the date.
"""

from __future__ import annotations

import datetime as dt
import html as markup
import json
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from . import search as chinese
from .search import BATCH_PAGES, BUNDLE_DIR, SearchIndexError, _build_merged, _index_batch, _write_files

LANGUAGE = "mn"  # the index's key in pagefind-entry.json (translations.LANGUAGE)
MARKER = '<div class="disclosure-mn__text" data-disclosure-search="mn">'
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_H1_ID = re.compile(r'(<h1[^>]*?)\s+id="[^"]*"')


class Indexed(NamedTuple):
    """What a result shows besides the title: the item's publication date and organization."""

    published: dt.date | None
    org: str


class MongolianPage(NamedTuple):
    """A Mongolian item page as Pagefind is given it (staged when a run asks for it, as search.ItemPage)."""

    url: str
    published: dt.date | None
    path: Path
    org: str

    @property
    def html(self) -> str:
        return stage(self.path.read_text("utf-8"), self.published, self.org)


def stage(page: str, published: dt.date | None, org: str) -> str:
    """What Pagefind is given for one Mongolian item page: its title and body as written."""
    at = page.find(MARKER)
    if at < 0:
        raise SearchIndexError("a Mongolian item page lacks its search mark (templates/disclosure/mn_page.html)")
    rest = page[at + len(MARKER) :]
    title = _H1.search(rest)
    plain_title = re.sub(r"<[^>]+>", "", title.group(1)).strip() if title else ""
    meta = f'<span data-pagefind-meta="title" data-pagefind-ignore>{plain_title}</span>'
    if org:
        meta += f'<span data-pagefind-meta="org" data-pagefind-ignore>{markup.escape(org)}</span>'
    if published:
        meta += f'<span data-pagefind-meta="published" data-pagefind-ignore>{published.isoformat()}</span>'
    body = _H1_ID.sub(r"\1", rest, count=1)  # the title is no sub-result of its own page
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head><body>'
        f"<div data-pagefind-body>{meta}{body}"
    )


def pages_of(site_dir: Path, published: Mapping[str, Indexed]) -> list[MongolianPage]:
    """The Mongolian item pages of `site_dir`, newest first (ties by URL): exactly `published`."""
    pages = []
    for url, indexed in published.items():
        rel = url.strip("/")
        path = site_dir / (f"{rel}/index.html" if rel else "index.html")
        if not path.is_file() or MARKER not in path.read_text("utf-8"):
            raise SearchIndexError(f"the Mongolian item page {url} was not written, or lacks its search mark")
        pages.append(MongolianPage("/" + rel + "/", indexed.published, path, indexed.org))
    pages.sort(key=lambda p: p.url)
    pages.sort(key=lambda p: p.published or dt.date.min, reverse=True)
    return pages


def build_index(site_dir: Path, published: Mapping[str, Indexed], batch_pages: int = BATCH_PAGES) -> int:
    """Index the Mongolian item pages into site_dir/pagefind/ beside the Chinese index; their count.

    Call after search.build_index (which empties the bundle first).  `published`: each
    Mongolian item page's date and organization by its address (`mn/region/2026/a/`).
    """
    if not published:
        return 0
    bundle = site_dir / BUNDLE_DIR
    entry_path = bundle / "pagefind-entry.json"
    if not entry_path.is_file():
        raise SearchIndexError("the Mongolian pages are indexed beside the Chinese index, which this build lacks")
    pages = pages_of(site_dir, published)
    batches = [pages[start : start + batch_pages] for start in range(0, len(pages), batch_pages)]
    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder)
        if len(batches) == 1:
            _write_files(made, _index_batch(batches[0], LANGUAGE))  # type: ignore[arg-type]
        else:
            _build_merged(made, batches, 0, LANGUAGE)  # type: ignore[arg-type]
        own = json.loads((made / "pagefind-entry.json").read_text("utf-8"))
        info = own["languages"].get(LANGUAGE)
        if info is None or info["page_count"] != len(pages) or len(own["languages"]) != 1:
            raise SearchIndexError(
                f"the Mongolian search index holds {own['languages']} but this build needs {len(pages)}"
            )
        entry = json.loads(entry_path.read_text("utf-8"))
        if entry.get("version") != own.get("version"):
            raise SearchIndexError("the Chinese and Mongolian indexes were written by different Pagefind versions")
        # Pagefind names a language's files after it (mn_…): beside the Chinese ones, none is replaced.
        for path in sorted(made.rglob("*")):
            rel = path.relative_to(made).as_posix()
            if path.is_file() and path.name.startswith((f"{LANGUAGE}_", f"pagefind.{LANGUAGE}_")):
                target = bundle / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    entry["languages"][LANGUAGE] = info
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return len(pages)


def build_indexes(
    site_dir: Path,
    *,
    published: Mapping[str, dt.date | None],
    mongolian: Mapping[str, Indexed],
    batch_pages: int,
    recent: int,
    cache: chinese.BatchCache | None = None,
) -> None:
    """A build's whole search bundle: the Chinese index of its item pages, then the Mongolian
    one beside it — what one build writes and what `disclose merge` writes over the union.
    `cache`: the Chinese batches of the last build (an incremental build); the Mongolian
    pages are few and indexed afresh."""
    chinese.build_index(
        site_dir,
        expected_pages=len(published),
        batch_pages=batch_pages,
        recent=recent,
        published=published,
        cache=cache,
    )
    build_index(site_dir, mongolian, batch_pages=batch_pages)
