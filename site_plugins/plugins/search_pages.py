"""The item pages of a finished build as Pagefind is given them, and the records read back.

Only disclosure items are indexed: the theme marks their body with `data-pagefind-body`
(theme/partials/content.html), and the metadata panel and cross-link lists are excluded
(`EXCLUDED`) so a query matches the words of the item itself.  Each page is staged: its
body and title alone, Chinese turned into bigram words (search_bigrams).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .pagefind_service import SearchIndexError
from .search_bigrams import INDEX_LANGUAGE, bigrams, text_of_bigrams

# Parts of an item page that are not the item's own words (render.item_panel/item_related).
EXCLUDED = (
    ".disclosure-meta",
    ".disclosure-note",
    ".disclosure-attachments",
    "#attachments",
    ".disclosure-interprets",
    ".disclosure-corrects",
    "#interprets-by",
    ".disclosure-interprets-by",
    "#corrects-by",
    ".disclosure-corrects-by",
    "#changes",
    ".disclosure-changes",
)
FRAGMENT_SIGNATURE = b"pagefind_dcd"

# Inline markup does not break a run of text; removed in the staged copy so that
# 对<strong>巡视</strong>整改 is indexed as one run.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|cite|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|time|u)(?:\s[^>]*)?>", re.I
)
_TEXT = re.compile(r">([^<]+)<")
_BODY = re.compile(r"<div data-pagefind-body>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_H1_ID = re.compile(r'(<h1[^>]*?)\s+id="[^"]*"')
# The panel's 发布机构 (render.item_panel, templates/disclosure/item_panel.html, a table row
# or a definition list entry): the name a result shows is the one the item page shows.
# tests/test_reader_search.py reads it back from the index.
_ORGANIZATION = re.compile(r"<(th|dt)>发布机构</\1>\s*<(?:td|dd)>(.*?)</(?:td|dd)>", re.S)
# Only for a caller that does not pass the publication dates (see item_pages).


class ItemPage(NamedTuple):
    """One item page as Pagefind indexes it: its URL, publication date (None: unknown) and file.

    The staged HTML (`html`) is made when a Pagefind run asks for it, not kept for every
    page at once (about 20 KB per item page).
    """

    url: str
    published: dt.date | None
    path: Path
    sha256: str | None = None  # of the file's bytes as item_pages read them (search.BatchCache's key)

    @property
    def html(self) -> str:
        return stage(self.path.read_text("utf-8"), self.published)


def stage(html: str, published: dt.date | None = None) -> str:
    """What Pagefind is given for one item page: its body and title, Chinese turned into bigram words.

    The record also keeps, unindexed, what a result shows under its title: the publishing
    organization as the page's metadata panel names it, and the publication date.
    """
    marker = _BODY.search(html)
    assert marker is not None, "item_pages lists only pages with data-pagefind-body"
    title = _H1.search(html, marker.end())
    plain_title = _plain(title.group(1)) if title else ""
    organization = _ORGANIZATION.search(html, marker.end())
    body = _INLINE_TAG.sub("", html[marker.end() :])
    # The title's anchor would repeat the title as a sub-result of its own page.
    body = _H1_ID.sub(r"\1", body, count=1)
    body = _TEXT.sub(lambda m: ">" + bigrams(m.group(1)) + "<", body)
    # The result title is shown as written; the indexed h1 keeps its bigrams for matching.
    meta = f'<span data-pagefind-meta="title" data-pagefind-ignore>{plain_title}</span>'
    if organization:
        meta += f'<span data-pagefind-meta="org" data-pagefind-ignore>{_plain(organization.group(2))}</span>'
    if published:
        meta += f'<span data-pagefind-meta="published" data-pagefind-ignore>{published.isoformat()}</span>'
    # Pagefind reads nothing outside data-pagefind-body (and the language is forced), so
    # the page's header and navigation are left out of what is sent to it.
    return (
        f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8"></head><body>'
        + marker.group(0)
        + meta
        + body
    )


def _plain(html: str) -> str:
    """Markup's text, still escaped as it was in the page (Pagefind reads it as HTML)."""
    return re.sub(r"<[^>]+>", "", html).strip()


def item_pages(site_dir: Path, published: Mapping[str, dt.date | None]) -> list[ItemPage]:
    """Every page of `site_dir` with data-pagefind-body; newest first.

    `published`: each item's publication date by the URL of its page as the engine gives
    it (`region/2026/a/`), from the publication the build was made of — never read back
    from the pages.  The pages must be exactly those items (SearchIndexError otherwise).
    Ties (the same date) are listed by URL, so the order — and with it the index — is the
    same on every build.
    """
    dates = {url.lstrip("/"): date for url, date in published.items()}
    pages: list[ItemPage] = []
    # Every page is looked at (110,000 at 80,000 organizations): its bytes are searched for
    # the marker, an ASCII text, without decoding them; a folder listing without pathlib.
    marker = _BODY.pattern.encode("ascii")
    top = str(site_dir)
    for folder, _subfolders, names in os.walk(top):
        base = os.path.relpath(folder, top).replace(os.sep, "/")
        for name in names:
            if not name.endswith(".html"):
                continue
            with open(os.path.join(folder, name), "rb") as stream:
                data = stream.read()
            if marker not in data:
                continue
            rel = name if base == "." else f"{base}/{name}"
            url = "/" + (rel.removesuffix("index.html") if rel == "index.html" or rel.endswith("/index.html") else rel)
            pages.append(ItemPage(url, dates.get(url[1:]), site_dir / rel, hashlib.sha256(data).hexdigest()))
    _check_pages_are_the_items({page.url[1:] for page in pages}, set(dates))
    pages.sort(key=lambda p: p.url)
    pages.sort(key=lambda p: p.published or dt.date.min, reverse=True)  # stable: URL order within a day
    return pages


def _check_pages_are_the_items(pages: set[str], items: set[str]) -> None:
    """The pages that carry data-pagefind-body are exactly the build's items, or SearchIndexError."""
    if pages == items:
        return
    problems = []
    if pages - items:
        problems.append(f"pages that are not items of this build: {', '.join(sorted(pages - items)[:5])}")
    if items - pages:
        problems.append(f"items without a page that carries it: {', '.join(sorted(items - pages)[:5])}")
    raise SearchIndexError(
        "data-pagefind-body is on other pages than this build's items (theme/partials/content.html) — "
        + "; ".join(problems)
    )


def read_fragments(bundle: Path) -> dict[str, dict[str, Any]]:
    """Every page record of a Pagefind bundle, by URL, with its content as plain text.

    Pagefind's fragment files are gzip-compressed JSON behind a `pagefind_dcd` signature.
    """
    records: dict[str, dict[str, Any]] = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        record: dict[str, Any] = json.loads(
            data[len(FRAGMENT_SIGNATURE) :] if data.startswith(FRAGMENT_SIGNATURE) else data
        )
        record["text"] = text_of_bigrams(record.get("content", ""))
        records[record["url"]] = record
    return records
