"""Per-organization listings, periods and compliance figures (Art. 14, 17, 28–31).

An entry is `overdue` when its newest item covers a period older than the most recent
period that ended at least `grace_days` days before the build clock (`periods.Period.
latest_due`); entries with no item are `empty`; everything else is `ok`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from .model import Catalog, Document, Entry, Registry
from .periods import Period
from .vocab import PeriodKind, Scope, Timing

# Old names of the period arithmetic, now in `periods`: scaffold.py still asks for this one.
period_containing = Period.containing


class EntryState(StrEnum):
    """An entry's timing state at the clock: disclosed on time, overdue, or nothing yet."""

    OK = "ok"
    OVERDUE = "overdue"
    EMPTY = "empty"


@dataclass(frozen=True)
class EntryStatus:
    """A catalog entry with its items (newest first) and its timing state at the clock."""

    entry: Entry
    items: tuple[Document, ...]
    state: EntryState
    newest: Document | None
    due: Period | None = None


def newest_first(items: list[Document]) -> list[Document]:
    def key(doc: Document) -> tuple[dt.date, dt.date, str]:
        period = Period.parse(doc.covers) if doc.covers else None
        return (period.start if period else dt.date.min, doc.date or dt.date.min, doc.id)

    return sorted(items, key=key, reverse=True)


def entry_status(entry: Entry, items: list[Document], clock: dt.date, grace_days: int) -> EntryStatus:
    ordered = newest_first(items)
    newest = ordered[0] if ordered else None
    if newest is None:
        return EntryStatus(entry, (), EntryState.EMPTY, None)
    if entry.timing == Timing.PERIODIC and isinstance(entry.period, PeriodKind):
        due = Period.latest_due(entry.period, clock, grace_days)
        covered = Period.parse(newest.covers)
        if covered is None or covered.start < due.start:
            return EntryStatus(entry, tuple(ordered), EntryState.OVERDUE, newest, due)
        return EntryStatus(entry, tuple(ordered), EntryState.OK, newest, due)
    return EntryStatus(entry, tuple(ordered), EntryState.OK, newest)


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
    scope_counts: dict[Scope, int]

    @property
    def overdue(self) -> list[EntryStatus]:
        return [s for s in self.entries if s.state is EntryState.OVERDUE]

    @property
    def empty(self) -> list[EntryStatus]:
        return [s for s in self.entries if s.state is EntryState.EMPTY]

    @property
    def findings(self) -> int:
        catalog_faults = sum(
            not ok for ok in (self.has_catalog, self.adopted, self.filed, self.filed_with_right_superior)
        )
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
    by_scope: dict[Scope, int]
    by_timing: dict[Timing | str, int]  # "" counts items without a timing
    consultations: tuple[Document, ...]
    missed_periods: dict[str, list[str]]  # entry id -> period labels due in the year but not covered


def annual_report(
    org_id: str, year: int, catalog: Catalog | None, items: list[Document], clock: dt.date, grace_days: int
) -> AnnualReport:
    own = [d for d in items if d.org == org_id and d.date and d.date.year == year]
    missed: dict[str, list[str]] = {}
    if catalog is not None:
        for entry in catalog.entries:
            if entry.timing != Timing.PERIODIC or not isinstance(entry.period, PeriodKind):
                continue
            covered = {d.covers for d in items if d.org == org_id and d.catalog == entry.id}
            # A catalog binds from its adoption (Art. 14): a period that ended before it is owed by no one.
            owed = [
                p
                for p in Period.due_in(entry.period, year, clock, grace_days)
                if catalog.adopted_on is None or p.end > catalog.adopted_on
            ]
            gaps = [p.label for p in owed if p.label not in covered]
            if gaps:
                missed[entry.id] = gaps
    return AnnualReport(
        org=org_id,
        year=year,
        items=tuple(sorted(own, key=lambda d: (d.date or dt.date.min, d.id))),
        by_entry=dict(sorted(Counter(d.catalog or "（目录外）" for d in own).items())),
        by_scope=dict(sorted(Counter(d.scope for d in own).items())),
        by_timing=dict(sorted(Counter(d.timing or "" for d in own).items())),
        consultations=tuple(d for d in own if d.consultation is not None),
        missed_periods=missed,
    )
