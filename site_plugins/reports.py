"""Figures for `disclose report`: compliance and annual numbers per organization (Art. 28–31).

The report is for supervisors working on the repository itself, so it counts every
published item (approved and dated on or before the clock), whatever its scope.
"""

from __future__ import annotations

import datetime as dt

from .audience import lifecycle
from .catalog import annual_report, compliance
from .model import Document, Site
from .vocab import Lifecycle


def published(site: Site, clock: dt.date) -> list[Document]:
    """Items that were disclosed by the clock: live or already expired."""
    return [d for d in site.items() if lifecycle(d, clock) in (Lifecycle.LIVE, Lifecycle.EXPIRED)]


def _orgs(site: Site, org: str | None) -> list[str]:
    if org is None:
        return [o.id for o in site.registry]
    return [o.id for o in site.registry if site.registry.is_within(o.id, org)]


def timing_rows(site: Site, clock: dt.date, grace_days: int, org: str | None = None) -> list[list[str]]:
    """`org,entry,timing,newest,state` rows: the timing state of every catalog entry."""
    items = published(site, clock)
    rows: list[list[str]] = []
    for org_id in _orgs(site, org):
        result = compliance(org_id, site.registry, site.catalogs.get(org_id), items, clock, grace_days)
        for status in result.entries:
            newest = status.newest
            label = (newest.covers or (newest.date.isoformat() if newest.date else "")) if newest else ""
            rows.append([org_id, status.entry.id, status.entry.timing, label, status.state])
    return rows


def report_rows(
    site: Site, clock: dt.date, grace_days: int, year: int, org: str | None = None
) -> tuple[list[str], list[list[str]]]:
    """One row per organization: catalog, overdue/empty entries, items of the year."""
    items = published(site, clock)
    header = ["组织", "目录", "备案", "逾期", "空缺", "目录外", f"{year}年公开", "征求意见", "未按期"]
    rows: list[list[str]] = []
    for org_id in _orgs(site, org):
        catalog = site.catalogs.get(org_id)
        c = compliance(org_id, site.registry, catalog, items, clock, grace_days)
        report = annual_report(org_id, year, catalog, items, clock, grace_days)
        missed = sum(len(v) for v in report.missed_periods.values())
        rows.append(
            [
                site.registry[org_id].name,
                "已通过" if c.adopted else ("未通过" if c.has_catalog else "无目录"),
                "已备案" if c.filed and c.filed_with_right_superior else "未备案",
                str(len(c.overdue)),
                str(len(c.empty)),
                str(len(c.outside_catalog)),
                str(len(report.items)),
                str(len(report.consultations)),
                str(missed),
            ]
        )
    return header, rows
