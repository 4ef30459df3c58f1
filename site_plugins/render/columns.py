"""The site's columns (栏目) besides the organizations: 政策解读 (Art. 25) and 征求意见 (Art. 22).

A column lists every item of its kind that the build publishes, 50 to a page
(`interpretations/`, `interpretations/2/` …), so no page grows with the region: a page holds
at most `PER_PAGE` rows whatever the number of items.  Interpretations are newest first;
consultations that are open come first, closing soonest first, then the closed ones, the
latest closed first.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..model import Document
from .links import HeadingIds, Links
from .rows import ItemLink
from .view import GeneratedPage, View

PER_PAGE = 50


class Column(NamedTuple):
    folder: str  # the column's address: <folder>/ and <folder>/<n>/
    title: str
    intro: str
    empty: str


INTERPRETATIONS = Column(
    "interpretations",
    "政策解读",
    "各级党组织对已公开的重要事项所作的解读（《实施细则》第二十五条）。",
    "暂无政策解读。",
)
CONSULTATIONS = Column(
    "consultations",
    "征求意见",
    "党组织就有关事项公开征求党员和群众的意见（《实施细则》第二十二条），截止前可通过各事项所列渠道反馈。",
    "暂无征求意见的事项。",
)
COLUMNS = (INTERPRETATIONS, CONSULTATIONS)


def _newest(doc: Document) -> tuple[dt.date, str]:
    return (doc.date or dt.date.min, doc.id)


def column_items(view: View, column: Column) -> list[Document]:
    """The column's items, in the order its pages list them."""
    live = view.live()
    if column is INTERPRETATIONS:
        return sorted((d for d in live if d.interprets), key=_newest, reverse=True)
    consulting = [d for d in live if d.consultation is not None and d.consultation.until]
    clock = view.clock

    def until(d: Document) -> dt.date:
        assert d.consultation is not None and d.consultation.until is not None
        return d.consultation.until

    open_ = sorted((d for d in consulting if until(d) >= clock), key=lambda d: (until(d), d.id))
    closed = sorted((d for d in consulting if until(d) < clock), key=lambda d: (until(d), d.id), reverse=True)
    return open_ + closed


def page_url(column: Column, number: int) -> str:
    return f"{column.folder}/" if number == 1 else f"{column.folder}/{number}/"


def page_count(items: int) -> int:
    return max(1, -(-items // PER_PAGE))


def listing_row(to: Links, doc: Document, view: View) -> ItemLink:
    """An item as the listings (the columns, the home page) show it: title and period,
    organization, and the date or, for a consultation, its closing day."""
    until = doc.consultation.until if doc.consultation is not None else None
    return ItemLink(to(doc.url), doc.title, doc.covers, doc.date, org_name=view.org_name(doc.org), until=until)


def column_sources(view: View) -> list[str]:
    """The source paths of every column page (as `column_pages` makes them), without rendering."""
    return [
        f"{page_url(column, number)}index.md"
        for column in COLUMNS
        for number in range(1, page_count(len(column_items(view, column))) + 1)
    ]


def column_pages(view: View) -> dict[str, GeneratedPage]:
    """Every page of every column, by source path (`interpretations/index.md`,
    `interpretations/2/index.md` …); a column without items still has its first page."""
    pages: dict[str, GeneratedPage] = {}
    for column in COLUMNS:
        docs = column_items(view, column)
        count = page_count(len(docs))
        for number in range(1, count + 1):
            url = page_url(column, number)
            to = Links(url)
            shown = docs[(number - 1) * PER_PAGE : number * PER_PAGE]
            rows = [listing_row(to, d, view) for d in shown]
            title = column.title if number == 1 else f"{column.title}（第 {number} 页）"
            html = view.render(
                "column.html",
                ids=HeadingIds(view.slugs),
                title=column.title,
                intro=column.intro,
                empty=column.empty,
                clock=view.clock,
                rows=rows,
                total=len(docs),
                number=number,
                pages=count,
                first=to(page_url(column, 1)),
                last=to(page_url(column, count)),
                previous=to(page_url(column, number - 1)) if number > 1 else "",
                next=to(page_url(column, number + 1)) if number < count else "",
            )
            pages[f"{url}index.md"] = GeneratedPage(title, html, hide=("navigation", "toc"))
    return pages
