"""What the templates receive: plain rows of texts, labels, dates and links.

Plain rows, not dicts: a template reads `row.name` by attribute, and on a dict Jinja tries
the attribute, fails, then the key — about a microsecond per value on pages of thousands.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..model import Document
from .links import Links


class ItemLink(NamedTuple):
    """An item as a listing shows it: linked title, period covered, date (and what the list adds)."""

    href: str
    title: str
    covers: str | None
    date: dt.date | None
    expires: dt.date | None = None
    org_name: str = ""
    until: dt.date | None = None


def item_link(to: Links, doc: Document) -> ItemLink:
    return ItemLink(to(doc.url), doc.title, doc.covers, doc.date)


class OrgLink(NamedTuple):
    href: str
    name: str


class FileLink(NamedTuple):
    """An attachment as its item lists it: link, title (its file name: the model has no other),
    type label, size in bytes (None where the build does not know it), and whether it is an
    image the page shows inline."""

    href: str
    name: str
    kind: str = ""
    size: int | None = None
    image: bool = False


class Crumb(NamedTuple):
    """One step of a page's breadcrumbs (当前位置); the page itself has no link."""

    name: str
    href: str | None = None


class Count(NamedTuple):
    label: str
    count: int  # type: ignore[assignment]  # the templates' name for it; shadows tuple.count


class Option(NamedTuple):
    value: str
    label: str


class ApprovalTrail(NamedTuple):
    """Art. 18's steps as an item page shows them (names already hidden where they must be)."""

    proposed_by: str
    reviewed_by: str
    reviewed_on: dt.date | str
    secrecy_passed: bool
    approved_by: str
    approved_on: dt.date | str
    principal: bool
    decision: str | None
    superior_org: str | None
    superior_on: dt.date | None
    risk_assessment: str | None  # its text, or None where only the fact is shown
    risk_assessed: bool


class ConsultationState(NamedTuple):
    """A call for opinions as its page shows it: open at the build clock?, its deadline and
    channel, and the item reporting what became of the opinions (意见采纳情况), where shown."""

    open: bool
    until: dt.date | None
    channel: str
    outcome: ItemLink | None = None


class EntryRow(NamedTuple):
    """A catalog entry on its organization's page, with its state and items."""

    id: str
    title: str
    basis: str
    scope_label: str
    timing_label: str
    period_label: str | None
    methods: str  # the methods' labels, joined with 、
    department: str
    state: str
    state_label: str
    newest: ItemLink | None
    earlier: list[ItemLink]
    title_mn: str | None = None  # the entry's title in Traditional Mongolian script, if given


class CatalogFacts(NamedTuple):
    adopted_on: dt.date | None
    filed_on: dt.date | None
    filed_with: str
    entries: list[EntryRow]


class TreeRow(NamedTuple):
    """One step of the organization tree walked in order (templates/disclosure/org_index.html)."""

    kind: str  # "leaf", "open" (its subordinates follow) or "close" (their end)
    href: str = ""
    name: str = ""
    level_label: str = ""
    count: int = 0  # type: ignore[assignment]  # the templates' name for it; shadows tuple.count
    expanded: bool = False
    below: int = 0  # how many direct subordinates ("open" rows)


class WithdrawnLink(NamedTuple):
    """A withdrawn item on its organization's page: its notice, what it was, when it went."""

    href: str
    title: str
    date: dt.date | None
    withdrawn_on: dt.date | None


class SheetRow(NamedTuple):
    title: str
    entry_title: str
    date: dt.date | None


class OutsideItem(NamedTuple):
    """An item outside the catalog on the dashboard, with the superior that approved it."""

    href: str
    title: str
    superior_org: str
    superior_on: dt.date | str | None


class YearLink(NamedTuple):
    href: str
    year: int


class ComplianceRow(NamedTuple):
    level: str
    league: str
    findings: int
    href: str
    name: str
    level_label: str
    league_name: str
    catalog_adopted: bool
    filed_right: bool
    overdue: list[str]
    empty: list[str]
    outside: list[OutsideItem]
    item_count: int
    reports: list[YearLink]


class MissedPeriods(NamedTuple):
    title: str
    periods: list[str]
