"""Reporting periods (报告期, Art. 17): a month, quarter, half-year or year, and when one is due.

A periodic item names the period it reports on in `covers`: 2026-07, 2026-Q3, 2026-H2 or
2026.  A period is [start, end) in days — it ends at the start of the day after its last
day — and it is due once it has ended `grace_days` days ago: with grace 0, 2026-Q3 is
due on 2026-10-01.  Rules (the form of `covers`), catalog (overdue entries, missed
periods) and the benchmark generator all do their period arithmetic here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .i18n import N_
from .vocab import PeriodKind

_COVERS = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$")

# How `covers` is written for each kind, as the hint of a wrong one shows it.
COVERS_FORMS = {
    PeriodKind.MONTHLY: N_("YYYY-MM, e.g. 2026-07"),
    PeriodKind.QUARTERLY: N_("YYYY-Qn, e.g. 2026-Q3"),
    PeriodKind.HALF_YEARLY: N_("YYYY-Hn, e.g. 2026-H2"),
    PeriodKind.YEARLY: N_("YYYY, e.g. 2026"),
}


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period of a kind: [start, end) in days, ordered by its days."""

    start: dt.date
    end: dt.date  # exclusive
    kind: PeriodKind = field(compare=False)

    @property
    def label(self) -> str:
        """The period as `covers` writes it: 2026-07, 2026-Q3, 2026-H2 or 2026."""
        start = self.start
        if self.kind is PeriodKind.MONTHLY:
            return f"{start.year}-{start.month:02d}"
        if self.kind is PeriodKind.QUARTERLY:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.HALF_YEARLY:
            return f"{start.year}-H{(start.month - 1) // 6 + 1}"
        return f"{start.year}"

    @classmethod
    def starting(cls, kind: PeriodKind, start: dt.date) -> Period:
        """The period of `kind` that starts on the first of `start`'s month."""
        first = start.replace(day=1)
        return cls(first, add_months(first, kind.months), kind)

    @classmethod
    def parse(cls, covers: str | None) -> Period | None:
        """The period a `covers` value names, or None when it names none."""
        match = _COVERS.match(covers or "")
        if not match:
            return None
        year = int(match.group(1))
        if match.group(2):
            kind, month = PeriodKind.MONTHLY, int(match.group(2))
            if not 1 <= month <= 12:
                return None
        elif match.group(3):
            kind, month = PeriodKind.QUARTERLY, 3 * int(match.group(3)) - 2
        elif match.group(4):
            kind, month = PeriodKind.HALF_YEARLY, 6 * int(match.group(4)) - 5
        else:
            kind, month = PeriodKind.YEARLY, 1
        try:
            return cls.starting(kind, dt.date(year, month, 1))
        except ValueError:  # the year 0000, or a period ending after 9999: no period a date can hold
            return None

    @classmethod
    def containing(cls, kind: PeriodKind, day: dt.date) -> Period:
        """The period of `kind` that `day` falls in."""
        months = kind.months
        return cls.starting(kind, dt.date(day.year, (day.month - 1) // months * months + 1, 1))

    @classmethod
    def latest_due(cls, kind: PeriodKind, clock: dt.date, grace_days: int) -> Period:
        """The most recent period of `kind` that ended at least `grace_days` before `clock`."""
        # The period holding the cutoff has not ended by it (its end is after it); the one before has.
        return cls.containing(kind, clock - dt.timedelta(days=grace_days)).shifted(-1)

    @classmethod
    def due_in(cls, kind: PeriodKind, year: int, clock: dt.date, grace_days: int) -> list[Period]:
        """The periods of `kind` in `year` that were due at `clock`, oldest first."""
        last = cls.latest_due(kind, clock, grace_days)
        periods: list[Period] = []
        period = cls.starting(kind, dt.date(year, 1, 1))
        while period.start.year == year and period.start <= last.start:
            periods.append(period)
            period = period.shifted(1)
        return periods

    def shifted(self, count: int) -> Period:
        """The period `count` periods of its kind later (earlier when negative)."""
        return Period.starting(self.kind, add_months(self.start, count * self.kind.months))
