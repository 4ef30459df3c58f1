"""Per-organization listings, periods and compliance figures (Art. 14, 17, 28–31).

Periods: a period ends at the start of the day after its last day.  An entry is
`overdue` when its newest item covers a period older than the most recent period that
ended at least `grace_days` days before the build clock; with grace 0, 2026-Q3 is due
on 2026-10-01.  Entries with no item are `empty`; everything else is `ok`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from .model import Catalog, Document, Entry, Registry

_COVERS = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$")
MONTHS_PER = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: [start, end) in days."""

    start: dt.date
    end: dt.date  # exclusive
    label: str = field(compare=False)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_of(covers: str) -> Period | None:
    """The period named by a `covers` value: 2026-07, 2026-Q3, 2026-H2 or 2026."""
    match = _COVERS.match(covers or "")
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2):
        month = int(match.group(2))
        if not 1 <= month <= 12:
            return None
        start, months = dt.date(year, month, 1), 1
    elif match.group(3):
        start, months = dt.date(year, 3 * int(match.group(3)) - 2, 1), 3
    elif match.group(4):
        start, months = dt.date(year, 6 * int(match.group(4)) - 5, 1), 6
    else:
        start, months = dt.date(year, 1, 1), 12
    return Period(start, add_months(start, months), covers)


def period_containing(kind: str, day: dt.date) -> Period:
    months = MONTHS_PER[kind]
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    return Period(start, add_months(start, months), label_of(kind, start))


def label_of(kind: str, start: dt.date) -> str:
    if kind == "monthly":
        return f"{start.year}-{start.month:02d}"
    if kind == "quarterly":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if kind == "half-yearly":
        return f"{start.year}-H{(start.month - 1) // 6 + 1}"
    return f"{start.year}"


def latest_due_period(kind: str, clock: dt.date, grace_days: int) -> Period:
    """The most recent period of this kind that ended at least grace_days before clock."""
    cutoff = clock - dt.timedelta(days=grace_days)
    current = period_containing(kind, cutoff)
    # `current` has not ended by the cutoff (its end is after it); the one before has.
    previous_start = add_months(current.start, -MONTHS_PER[kind])
    return Period(previous_start, current.start, label_of(kind, previous_start))


def due_periods(kind: str, clock: dt.date, grace_days: int, year: int) -> list[Period]:
    """Periods of `year` that were due at clock."""
    last = latest_due_period(kind, clock, grace_days)
    periods: list[Period] = []
    start = dt.date(year, 1, 1)
    while start.year == year and start <= last.start:
        periods.append(Period(start, add_months(start, MONTHS_PER[kind]), label_of(kind, start)))
        start = add_months(start, MONTHS_PER[kind])
    return periods


@dataclass(frozen=True)
class EntryStatus:
    """A catalog entry with its items (newest first) and its timing state at the clock."""

    entry: Entry
    items: tuple[Document, ...]
    state: str  # ok, overdue, empty
    newest: Document | None
    due: Period | None = None


def newest_first(items: list[Document]) -> list[Document]:
    def key(doc: Document) -> tuple:
        period = period_of(doc.covers or "") if doc.covers else None
        return (period.start if period else dt.date.min, doc.date or dt.date.min, doc.id)

    return sorted(items, key=key, reverse=True)


def entry_status(entry: Entry, items: list[Document], clock: dt.date, grace_days: int) -> EntryStatus:
    ordered = newest_first(items)
    newest = ordered[0] if ordered else None
    if newest is None:
        return EntryStatus(entry, (), "empty", None)
    if entry.timing == "periodic" and entry.period in MONTHS_PER:
        due = latest_due_period(entry.period, clock, grace_days)
        covered = period_of(newest.covers or "")
        if covered is None or covered.start < due.start:
            return EntryStatus(entry, tuple(ordered), "overdue", newest, due)
        return EntryStatus(entry, tuple(ordered), "ok", newest, due)
    return EntryStatus(entry, tuple(ordered), "ok", newest)


def catalog_status(catalog: Catalog, items: list[Document], clock: dt.date, grace_days: int) -> list[EntryStatus]:
    """Every entry of the catalog with the items (of this org) filed under it."""
    by_entry: dict[str, list[Document]] = {}
    for doc in items:
        if doc.org == catalog.org and doc.catalog:
            by_entry.setdefault(doc.catalog, []).append(doc)
    return [entry_status(e, by_entry.get(e.id, []), clock, grace_days) for e in catalog.entries]


@dataclass(frozen=True)
class Compliance:
    """What a supervisor checks of one organization (Art. 14, 17, 19, 28–31)."""

    org: str
    has_catalog: bool
    adopted: bool
    filed: bool
    filed_with_right_superior: bool
    entries: tuple[EntryStatus, ...]
    outside_catalog: tuple[Document, ...]
    item_count: int
    scope_counts: dict[str, int]

    @property
    def overdue(self) -> list[EntryStatus]:
        return [s for s in self.entries if s.state == "overdue"]

    @property
    def empty(self) -> list[EntryStatus]:
        return [s for s in self.entries if s.state == "empty"]

    @property
    def findings(self) -> int:
        catalog_faults = sum(not ok for ok in (self.has_catalog, self.adopted, self.filed, self.filed_with_right_superior))
        return catalog_faults + len(self.overdue) + len(self.empty)


def compliance(
    org_id: str, registry: Registry, catalog: Catalog | None, items: list[Document], clock: dt.date, grace_days: int
) -> Compliance:
    own = [d for d in items if d.org == org_id]
    org = registry[org_id]
    if catalog is None:
        right = False
    elif org.parent:
        right = catalog.filed_with == org.parent
    else:
        right = bool(catalog.filed_with) and catalog.filed_with not in registry
    return Compliance(
        org=org_id,
        has_catalog=catalog is not None,
        adopted=bool(catalog and catalog.adopted_on and catalog.adopted_on <= clock),
        filed=bool(catalog and catalog.filed_on and catalog.filed_on <= clock),
        filed_with_right_superior=right,
        entries=tuple(catalog_status(catalog, own, clock, grace_days)) if catalog else (),
        outside_catalog=tuple(d for d in own if not d.catalog),
        item_count=len(own),
        scope_counts=dict(Counter(d.scope for d in own)),
    )


@dataclass(frozen=True)
class AnnualReport:
    """The yearly account of one organization's disclosure (Art. 29)."""

    org: str
    year: int
    items: tuple[Document, ...]
    by_entry: dict[str, int]
    by_scope: dict[str, int]
    by_timing: dict[str, int]
    consultations: tuple[Document, ...]
    missed_periods: dict[str, list[str]]  # entry id -> period labels due in the year but not covered


def annual_report(
    org_id: str, year: int, catalog: Catalog | None, items: list[Document], clock: dt.date, grace_days: int
) -> AnnualReport:
    own = [d for d in items if d.org == org_id and d.date and d.date.year == year]
    missed: dict[str, list[str]] = {}
    if catalog is not None:
        for entry in catalog.entries:
            if entry.timing != "periodic" or entry.period not in MONTHS_PER:
                continue
            covered = {d.covers for d in items if d.org == org_id and d.catalog == entry.id}
            gaps = [p.label for p in due_periods(entry.period, clock, grace_days, year) if p.label not in covered]
            if gaps:
                missed[entry.id] = gaps
    return AnnualReport(
        org=org_id,
        year=year,
        items=tuple(sorted(own, key=lambda d: (d.date, d.id))),
        by_entry=dict(sorted(Counter(d.catalog or "（目录外）" for d in own).items())),
        by_scope=dict(sorted(Counter(d.scope for d in own).items())),
        by_timing=dict(sorted(Counter(d.timing or "" for d in own).items())),
        consultations=tuple(d for d in own if d.consultation is not None),
        missed_periods=missed,
    )


def org_levels_order() -> list[str]:
    return ["region", "league", "banner", "township", "village", "unit"]
