"""Compliance pages (intranet builds): the dashboard, its subtree views, its CSV, and each
organization's annual reports.

The dashboard is read by a supervisor top-down (合规监督): the region's own organizations
row by row, and every league (盟市) as one rolled-up line; a league's view has its own
organizations row by row and every banner (旗县) rolled up; a banner's, its own and every
township (苏木乡镇) rolled up; a township's, all of its organizations.  So no page grows
with the region: a page holds one level's roll-ups and the organizations of one subtree
(`dashboard_pages`).  The CSV has every organization of the build, for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from ..catalog import Compliance, annual_report, compliance
from ..model import Registry
from ..vocab import ORG_LEVEL_LABELS, SCOPE_LABELS, TIMING_LABELS, OrgLevel
from .links import HeadingIds, Links, file_link, org_url
from .rows import Count, ItemLink, MissedPeriods, Option, OutsideItem, YearLink, item_link
from .view import LEVEL_ORDER, GeneratedPage, View

K = TypeVar("K", bound=str)

DASHBOARD_TITLE = "党务公开合规监督"
DASHBOARD_URL = "compliance/"
# The CSV of the dashboard's rows (every organization the build shows), beside the dashboard.
DASHBOARD_CSV = "compliance/compliance.csv"
# The levels a supervisor drills down by: each league, banner and township has its own subtree
# view.  A township too: at 80,000 organizations a banner holds ~800, too many rows for a page.
DRILL_LEVELS = (OrgLevel.LEAGUE, OrgLevel.BANNER, OrgLevel.TOWNSHIP)
ROLL_UP_HEADINGS = {
    OrgLevel.LEAGUE: "各盟市汇总",
    OrgLevel.BANNER: "各旗县（市、区）汇总",
    OrgLevel.TOWNSHIP: "各苏木乡镇（街道）汇总",
}


class DashboardRow(NamedTuple):
    """One organization on the dashboard: what a supervisor checks, as texts and flags."""

    org: str
    level: str
    league: str
    findings: int
    href: str
    name: str
    level_label: str
    league_name: str
    catalog_ok: bool
    catalog_label: str  # 已通过 / 未通过 / 无目录
    filed_ok: bool
    filed_label: str  # 已备案 / 未备案 / 备案对象有误 / 无目录
    overdue: list[str]
    empty: list[str]
    outside: list[OutsideItem]
    item_count: int
    reports: list[YearLink]


class RollUp(NamedTuple):
    """A subtree (league, banner) as one line: its counts summed over all its organizations."""

    org: str
    href: str  # its own subtree view, or '' where there is none
    name: str
    level_label: str
    orgs: int
    with_findings: int
    catalog_faults: int  # organizations whose catalog is missing, not adopted or not filed right
    overdue: int
    empty: int
    items: int


class TrailStep(NamedTuple):
    href: str
    name: str


@dataclass
class _Tally:
    orgs: int = 0
    with_findings: int = 0
    catalog_faults: int = 0
    overdue: int = 0
    empty: int = 0
    items: int = 0

    def add(self, c: Compliance) -> None:
        self.orgs += 1
        self.with_findings += c.findings > 0
        self.catalog_faults += not (c.has_catalog and c.adopted and c.filed and c.filed_with_right_superior)
        self.overdue += len(c.overdue)
        self.empty += len(c.empty)
        self.items += c.item_count

    def merge(self, other: RollUp) -> None:
        self.orgs += other.orgs
        self.with_findings += other.with_findings
        self.catalog_faults += other.catalog_faults
        self.overdue += other.overdue
        self.empty += other.empty
        self.items += other.items


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


def _drill_anchor(org_id: str, registry: Registry, proper: bool = False) -> str:
    """The nearest league or banner at or above the organization ('' for the region's own);
    `proper`: strictly above it."""
    chain = registry.ancestors(org_id) if proper else [org_id, *registry.ancestors(org_id)]
    for candidate in chain:
        if registry[candidate].level in DRILL_LEVELS:
            return candidate
    return ""


def report_years(view: View, org_id: str) -> set[int]:
    """The years an organization has an annual report page for: its items' years and this one."""
    return {d.date.year for d in view.items_of(org_id) if d.date} | {view.clock.year}


def _catalog_label(c: Compliance) -> str:
    if not c.has_catalog:
        return "无目录"
    return "已通过" if c.adopted else "未通过"


def _filed_label(c: Compliance) -> str:
    if not c.has_catalog:
        return "无目录"
    if not c.filed:
        return "未备案"
    return "已备案" if c.filed_with_right_superior else "备案对象有误"


class _Dashboard:
    """The compliance figures of a build, computed once for all of its dashboard pages."""

    def __init__(self, view: View) -> None:
        self.view = view
        registry = view.registry
        self.figures = {c.org: c for c in compliance_rows(view)}
        self.anchor = {o.id: _drill_anchor(o.id, registry) for o in registry}
        # Subtrees (leagues, banners) by the subtree they are drawn in ('' is the top).
        self.subtrees: dict[str, list[str]] = {}
        for o in registry:
            if o.level in DRILL_LEVELS:
                self.subtrees.setdefault(_drill_anchor(o.id, registry, proper=True), []).append(o.id)
        self.tallies: dict[str, _Tally] = {}
        for o in registry:
            for above in [o.id, *registry.ancestors(o.id)]:
                if registry[above].level in DRILL_LEVELS:
                    self.tallies.setdefault(above, _Tally()).add(self.figures[o.id])

    def row(self, org_id: str, to: Links) -> DashboardRow:
        view, c = self.view, self.figures[org_id]
        org = view.registry[org_id]
        league = _league_of(org_id, view.registry)
        return DashboardRow(
            org=org_id,
            level=org.level,
            league=league,
            findings=c.findings,
            href=to(org_url(org_id)),
            name=org.name,
            level_label=ORG_LEVEL_LABELS.get(org.level, ""),
            league_name=view.org_name(league),
            catalog_ok=c.has_catalog and c.adopted,
            catalog_label=_catalog_label(c),
            filed_ok=c.has_catalog and c.filed and c.filed_with_right_superior,
            filed_label=_filed_label(c),
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
            reports=[YearLink(to(f"compliance/{org_id}/{y}/"), y) for y in sorted(report_years(view, org_id))],
        )

    def roll_up(self, org_id: str, href: str) -> RollUp:
        org, t = self.view.registry[org_id], self.tallies[org_id]
        return RollUp(
            org_id,
            href,
            org.name,
            ORG_LEVEL_LABELS.get(org.level, ""),
            t.orgs,
            t.with_findings,
            t.catalog_faults,
            t.overdue,
            t.empty,
            t.items,
        )

    def total(self, org_ids: Iterable[str]) -> _Tally:
        tally = _Tally()
        for org_id in org_ids:
            tally.add(self.figures[org_id])
        return tally

    def page(
        self, url: str, title: str, crumbs: list[TrailStep], roll_ups: list[str], rows: list[str]
    ) -> GeneratedPage:
        """One dashboard page at `url`: `rows`, the subtree's own organizations, and the
        subtrees below it rolled up (`roll_ups`), each linking to its own view; the totals
        count both."""
        view, to = self.view, Links(url)
        lines = [self.roll_up(o, to(f"compliance/{o}/")) for o in roll_ups]
        tally = self.total(rows)
        for line in lines:
            tally.merge(line)
        levels = {view.registry[o].level for o in rows}
        html = view.render(
            "dashboard.html",
            ids=HeadingIds(view.slugs),
            title=title,
            crumbs=crumbs,
            clock=view.clock,
            grace_days=view.grace_days,
            csv_href=file_link(url, DASHBOARD_CSV),
            total=tally,
            roll_up_heading=ROLL_UP_HEADINGS.get(view.registry[roll_ups[0]].level, "汇总") if roll_ups else "",
            roll_ups=lines,
            levels=[Option(lvl, ORG_LEVEL_LABELS[lvl]) for lvl in LEVEL_ORDER if lvl in levels],
            rows=[self.row(o, to) for o in rows],
        )
        return GeneratedPage(title, html, hide=("navigation", "toc"))


def dashboard_pages(view: View) -> dict[str, GeneratedPage]:
    """The drill-down dashboard (intranet builds only), by source path: the top
    (compliance/index.md: the region's own organizations, every league rolled up) and one
    view per league, banner and township (compliance/<id>/index.md: its own organizations,
    the subtrees below it rolled up).  A page holds one subtree's organizations, never the
    region's.  In a shard build, keep the pages of the shard's organizations (and the top)."""
    d = _Dashboard(view)
    registry = view.registry
    own: dict[str, list[str]] = {}
    for o in registry:
        own.setdefault(d.anchor[o.id], []).append(o.id)
    pages = {"compliance/index.md": d.page(DASHBOARD_URL, DASHBOARD_TITLE, [], d.subtrees.get("", []), own.get("", []))}
    for o in registry:
        if o.level not in DRILL_LEVELS:
            continue
        url = f"compliance/{o.id}/"
        to = Links(url)
        chain = [a for a in reversed(registry.ancestors(o.id)) if registry[a].level in DRILL_LEVELS]
        crumbs = [
            TrailStep(to(DASHBOARD_URL), DASHBOARD_TITLE),
            *(TrailStep(to(f"compliance/{a}/"), view.org_name(a)) for a in chain),
        ]
        pages[f"{url}index.md"] = d.page(
            url, f"{o.name} 党务公开合规监督", crumbs, d.subtrees.get(o.id, []), own.get(o.id, [])
        )
    return pages


CSV_HEADER = [
    "组织代码",
    "组织",
    "层级",
    "所属盟市",
    "目录",
    "备案",
    "逾期事项数",
    "逾期事项",
    "空缺事项数",
    "空缺事项",
    "目录外事项数",
    "目录外事项（上级审批）",
    "公开事项数",
    "问题数",
]


def _cell(text: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ would start a formula."""
    value = str(text)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def dashboard_csv(view: View) -> str:
    """The dashboard's rows as CSV (UTF-8 with a byte order mark, as spreadsheets expect):
    every organization the build shows; several entries in a cell one per line."""
    d = _Dashboard(view)
    to = Links(DASHBOARD_URL)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for o in view.registry:
        r = d.row(o.id, to)
        outside = [f"{i.title}（{i.superior_org} {i.superior_on}）" for i in r.outside]
        writer.writerow(
            _cell(v)
            for v in (
                r.org,
                r.name,
                r.level_label,
                r.league_name,
                r.catalog_label,
                r.filed_label,
                len(r.overdue),
                "\n".join(r.overdue),
                len(r.empty),
                "\n".join(r.empty),
                len(outside),
                "\n".join(outside),
                r.item_count,
                r.findings,
            )
        )
    return out.getvalue()


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
        org=org.name,
        org_href=to(org_url(org_id)),
        dashboard_href=to(DASHBOARD_URL),
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
        missed_count=sum(len(p) for p in report.missed_periods.values()),
        items=[item_link(to, d) for d in report.items],
    )
    return GeneratedPage(title, html)
