"""Compliance pages (intranet builds): the dashboard and each organization's annual reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..catalog import Compliance, annual_report, compliance
from ..model import Registry
from ..vocab import ORG_LEVEL_LABELS, SCOPE_LABELS, TIMING_LABELS
from .links import HeadingIds, Links, org_url
from .rows import (
    ComplianceRow,
    Count,
    ItemLink,
    MissedPeriods,
    Option,
    OutsideItem,
    YearLink,
    item_link,
)
from .view import LEVEL_ORDER, GeneratedPage, View

K = TypeVar("K", bound=str)


def compliance_rows(view: View) -> list[Compliance]:
    return [
        # items_of: compliance() keeps only the org's own items, and scanning all per org was quadratic
        compliance(o.id, view.registry, view.pub.catalogs.get(o.id), view.items_of(o.id), view.clock, view.grace_days)
        for o in view.registry
    ]


def _league_of(org_id: str, registry: Registry) -> str:
    for candidate in [org_id, *registry.ancestors(org_id)]:
        if registry[candidate].level == "league":
            return candidate
    return ""


def report_years(view: View, org_id: str) -> set[int]:
    """The years an organization has an annual report page for: its items' years and this one."""
    return {d.date.year for d in view.items_of(org_id) if d.date} | {view.clock.year}


def dashboard(view: View) -> GeneratedPage:
    """The compliance dashboard (intranet builds only): sortable and filterable."""
    to = Links("compliance/")
    rows = []
    for c in compliance_rows(view):
        org = view.registry[c.org]
        league = _league_of(c.org, view.registry)
        years = sorted(report_years(view, c.org))
        rows.append(
            ComplianceRow(
                level=org.level,
                league=league,
                findings=c.findings,
                href=to(org_url(c.org)),
                name=org.name,
                level_label=ORG_LEVEL_LABELS.get(org.level, ""),
                league_name=view.org_name(league),
                catalog_adopted=c.has_catalog and c.adopted,
                filed_right=c.filed and c.filed_with_right_superior,
                overdue=[s.entry.title for s in c.overdue],
                empty=[s.entry.title for s in c.empty],
                outside=[
                    OutsideItem(
                        to(d.url),
                        d.title,
                        view.org_name(d.approval.superior_org if d.approval else None),
                        d.approval.superior_on if d.approval else "",
                    )
                    for d in c.outside_catalog
                ],
                item_count=c.item_count,
                reports=[YearLink(to(f"compliance/{c.org}/{y}/"), y) for y in years],
            )
        )
    html = view.render(
        "dashboard.html",
        ids=HeadingIds(view.slugs),
        clock=view.clock,
        grace_days=view.grace_days,
        levels=[Option(lvl, ORG_LEVEL_LABELS[lvl]) for lvl in LEVEL_ORDER],
        leagues=[Option(o.id, o.name) for o in view.registry if o.level == "league"],
        rows=rows,
    )
    return GeneratedPage("党务公开合规监督", html)


def annual_report_page(org_id: str, year: int, view: View) -> GeneratedPage:
    """The annual report (Art. 29) of one organization and year."""
    org = view.registry[org_id]
    to = Links(f"compliance/{org_id}/{year}/")
    # items_of: the report keeps only the org's own items; passing all of them made it quadratic
    report = annual_report(
        org_id, year, view.pub.catalogs.get(org_id), view.items_of(org_id), view.clock, view.grace_days
    )
    catalog = view.pub.catalogs.get(org_id)
    titles = {e.id: e.title for e in catalog.entries} if catalog else {}

    # `labels` is keyed like `counts` (entry ids, scopes, timings and ''), which a Mapping's
    # invariant key type cannot say.
    def counted(counts: Mapping[K, int], labels: Mapping[Any, str]) -> list[Count]:
        return [Count(labels.get(k, k), n) for k, n in counts.items()]

    title = f"{org.name} {year}年度党务公开情况"
    html = view.render(
        "annual_report.html",
        ids=HeadingIds(view.slugs),
        title=title,
        clock=view.clock,
        by_entry=counted(report.by_entry, titles),
        by_scope=counted(report.by_scope, SCOPE_LABELS),
        by_timing=counted(report.by_timing, TIMING_LABELS),
        consultations=[
            ItemLink(to(d.url), d.title, d.covers, d.date, until=d.consultation.until)
            for d in report.consultations
            if d.consultation
        ],
        missed=[MissedPeriods(titles.get(e, e), p) for e, p in report.missed_periods.items()],
        items=[item_link(to, d) for d in report.items],
    )
    return GeneratedPage(title, html)
