"""Timing state of catalog entries (Art. 17) at period boundaries, against a fixed clock."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_plugins.catalog import entry_status
from site_plugins.model import Entry, Item, Lines
from site_plugins.periods import Period
from site_plugins.vocab import PeriodKind

D = dt.date


def entry(period: str | None = "quarterly", timing: str = "periodic") -> Entry:
    return Entry("e", "条目", "第八条", "public", timing, period, ("website",), "办公厅", Lines("x"))


JAN_1 = D(2026, 1, 1)


def item(covers: str | None, date: D = JAN_1) -> Item:
    return Item(
        path=f"a/{covers}.md",
        id=f"a/{covers}",
        title="t",
        scope="public",
        audience=(),
        status="approved",
        attachments=(),
        body="",
        where=Lines("x"),
        org="o",
        catalog="e",
        timing="periodic" if covers else "long-term",
        covers=covers,
        date=date,
    )


@pytest.mark.parametrize(
    ("covers", "start", "end"),
    [
        ("2026-07", D(2026, 7, 1), D(2026, 8, 1)),
        ("2026-12", D(2026, 12, 1), D(2027, 1, 1)),
        ("2026-Q1", D(2026, 1, 1), D(2026, 4, 1)),
        ("2026-Q4", D(2026, 10, 1), D(2027, 1, 1)),
        ("2026-H1", D(2026, 1, 1), D(2026, 7, 1)),
        ("2026-H2", D(2026, 7, 1), D(2027, 1, 1)),
        ("2024", D(2024, 1, 1), D(2025, 1, 1)),
    ],
)
def test_periods_are_parsed_in_each_form(covers: str, start: D, end: D) -> None:
    period = Period.parse(covers)
    assert period is not None
    assert (period.start, period.end, period.label) == (start, end, covers)


@pytest.mark.parametrize("covers", ["2026-13", "2026-00", "2026-Q5", "2026-H3", "26", "2026-7", "0000", "9999", ""])
def test_text_that_names_no_period_is_none(covers: str) -> None:
    assert Period.parse(covers) is None


def test_a_period_shifted_by_periods_of_its_kind() -> None:
    q3 = Period.parse("2026-Q3")
    assert q3 is not None
    assert [q3.shifted(n).label for n in (-3, -1, 1, 2)] == ["2025-Q4", "2026-Q2", "2026-Q4", "2027-Q1"]
    assert [p.label for p in Period.due_in(PeriodKind.HALF_YEARLY, 2026, D(2026, 11, 20), 30)] == ["2026-H1"]


@pytest.mark.parametrize(
    ("kind", "clock", "grace", "due"),
    [
        # Quarter ends: Q3 ends 2026-09-30; with 30 days' grace it is due from 2026-10-31.
        ("quarterly", D(2026, 10, 30), 30, "2026-Q2"),
        ("quarterly", D(2026, 10, 31), 30, "2026-Q3"),
        ("quarterly", D(2026, 10, 1), 0, "2026-Q3"),
        ("quarterly", D(2026, 9, 30), 0, "2026-Q2"),
        # Month ends, including February of a leap year: Feb 2024 ends on the 29th.
        ("monthly", D(2024, 3, 30), 30, "2024-01"),
        ("monthly", D(2024, 3, 31), 30, "2024-02"),
        ("monthly", D(2025, 3, 30), 30, "2025-01"),
        ("monthly", D(2024, 2, 29), 0, "2024-01"),
        ("monthly", D(2024, 3, 1), 0, "2024-02"),
        # Half-years and years, across the year boundary.
        ("half-yearly", D(2027, 1, 30), 30, "2026-H1"),
        ("half-yearly", D(2027, 1, 31), 30, "2026-H2"),
        ("yearly", D(2027, 1, 30), 30, "2025"),
        ("yearly", D(2027, 1, 31), 30, "2026"),
        ("yearly", D(2027, 1, 1), 0, "2026"),
    ],
)
def test_the_latest_due_period_at_boundaries(kind: str, clock: D, grace: int, due: str) -> None:
    assert Period.latest_due(PeriodKind(kind), clock, grace).label == due


def test_a_periodic_entry_is_overdue_when_its_newest_item_is_older_than_the_due_period() -> None:
    clock = D(2026, 11, 20)
    assert entry_status(entry(), [item("2026-Q3")], clock, 30).state == "ok"
    assert entry_status(entry(), [item("2026-Q2"), item("2026-Q1")], clock, 30).state == "overdue"
    assert entry_status(entry(), [item("2026-Q2")], D(2026, 10, 30), 30).state == "ok"
    assert entry_status(entry(), [], clock, 30).state == "empty"


def test_newest_is_by_period_not_by_file_order() -> None:
    status = entry_status(entry(), [item("2026-Q1"), item("2026-Q3"), item("2026-Q2")], D(2026, 11, 20), 30)
    assert [d.covers for d in status.items] == ["2026-Q3", "2026-Q2", "2026-Q1"]


def test_other_timings_are_ok_or_empty() -> None:
    assert entry_status(entry(None, "long-term"), [item(None)], D(2030, 1, 1), 30).state == "ok"
    assert entry_status(entry(None, "immediate"), [], D(2030, 1, 1), 30).state == "empty"


def _independent_due(kind: PeriodKind, clock: D, grace: int) -> str:
    """Walk every period from 2020 and keep the last that ended grace days before clock."""
    step = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}[kind]
    best = None
    year, month = 2020, 1
    while year < 2032:
        end_month = month + step
        end = D(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
        if end + dt.timedelta(days=grace) <= clock:
            best = (year, month)
        year, month = end.year, end.month
    assert best is not None
    y, m = best
    return {
        "monthly": f"{y}-{m:02d}",
        "quarterly": f"{y}-Q{(m - 1) // 3 + 1}",
        "half-yearly": f"{y}-H{(m - 1) // 6 + 1}",
        "yearly": f"{y}",
    }[kind]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(list(PeriodKind)), st.dates(D(2022, 1, 1), D(2030, 12, 31)), st.integers(0, 120))
def test_due_period_agrees_with_an_independent_walk(kind: PeriodKind, clock: D, grace: int) -> None:
    assert Period.latest_due(kind, clock, grace).label == _independent_due(kind, clock, grace)


def test_an_annual_report_counts_missed_periods_only_from_the_catalog_s_adoption() -> None:
    """Finding (issue 14): a catalog adopted on 2026-01-10 was reported as having missed twelve
    monthly periods of 2025, before it existed."""
    from site_plugins.catalog import annual_report
    from site_plugins.model import Catalog

    monthly = Entry("m", "每月事项", "第八条", "public", "periodic", "monthly", ("website",), "办公厅", Lines("x"))
    catalog = Catalog("a", D(2026, 1, 10), "p", D(2026, 1, 15), "public", (monthly,), Lines("catalogs/a.yml"))
    clock = D(2026, 5, 20)
    assert annual_report("a", 2025, catalog, [], clock, 0).missed_periods == {}
    assert annual_report("a", 2026, catalog, [], clock, 0).missed_periods == {
        "m": ["2026-01", "2026-02", "2026-03", "2026-04"]
    }
