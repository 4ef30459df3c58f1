"""Page content for a publication: item panels, organization pages, index, dashboard, reports.

Pure functions from the domain model to Markdown/HTML text.  They only ever receive a
`Publication` — what the audience may see — so nothing hidden can be rendered here.
No MkDocs import: another site engine could call the same functions.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from html import escape

from .audience import Publication
from .catalog import (
    Compliance,
    EntryStatus,
    annual_report,
    catalog_status,
    compliance,
    newest_first,
)
from .model import (
    KIND_LABELS,
    LEVEL_LABELS,
    METHOD_LABELS,
    ORG_LEVEL_LABELS,
    PERIOD_LABELS,
    SCOPE_LABELS,
    TIMING_LABELS,
    Document,
    Registry,
)

STATE_LABELS = {"ok": "按时公开", "overdue": "逾期未公开", "empty": "尚无公开事项"}
LEVEL_ORDER = ["region", "league", "banner", "township", "village", "unit"]


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for plain relative paths, without its abspath calls.

    Links are made tens of thousands of times per build (every organization page links
    its items, parents and children); anything unusual goes to posixpath.relpath.
    """
    to = [] if path == "." else path.split("/")
    base = [] if start == "." else start.split("/")
    if path.startswith("/") or start.startswith("/") or any(p in ("", ".", "..") for p in (*to, *base)):
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def link(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ('' is the home page)."""
    target = _relpath(to_url.rstrip("/") or ".", from_url.rstrip("/") or ".")
    if to_url.endswith((".xml", ".json", ".pdf", ".png", ".jpg")):
        return target
    return "./" if target == "." else target + "/"


def org_url(org_id: str) -> str:
    return f"orgs/{org_id}/"


def h(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass
class View:
    """Everything a renderer needs for one build, derived once from the publication."""

    pub: Publication
    registry: Registry
    grace_days: int = 30
    hide_names: bool = False
    site_name: str = "党务公开"
    _statuses: dict[str, list[EntryStatus]] = field(default_factory=dict)

    @property
    def clock(self) -> dt.date:
        return self.pub.clock

    def live(self) -> list[Document]:
        return self.pub.live_items()

    def statuses(self, org_id: str) -> list[EntryStatus]:
        if org_id not in self._statuses:
            catalog = self.pub.catalogs.get(org_id)
            self._statuses[org_id] = catalog_status(catalog, self._items_by_org().get(org_id, []), self.clock, self.grace_days) if catalog else []
        return self._statuses[org_id]

    def _items_by_org(self) -> dict[str, list[Document]]:
        if not hasattr(self, "_by_org"):
            by_org: dict[str, list[Document]] = {}
            for doc in self.live():
                by_org.setdefault(doc.org or "", []).append(doc)
            self._by_org = by_org
        return self._by_org

    def items_of(self, org_id: str) -> list[Document]:
        return self._items_by_org().get(org_id, [])

    def _links(self) -> tuple[dict[str, Document], dict[tuple[str, str], list[Document]], dict[str, list[Document]]]:
        """Visible items by id, by (field, id they interpret or correct), and archived ones by org.

        Built once: asked on every item and organization page, and scanning every item there
        made a build quadratic in the number of items.
        """
        if not hasattr(self, "_link_index"):
            pointing: dict[tuple[str, str], list[Document]] = {}
            archived: dict[str, list[Document]] = {}
            for doc in self.pub.items():
                for field_name in ("interprets", "corrects"):
                    target = getattr(doc, field_name)
                    if target:
                        pointing.setdefault((field_name, target), []).append(doc)
                if doc.path in self.pub.archived:
                    archived.setdefault(doc.org or "", []).append(doc)
            self._link_index = (self.pub.by_id(), pointing, archived)
        return self._link_index

    def entry_title(self, doc: Document) -> str | None:
        catalog = self.pub.catalogs.get(doc.org or "")
        entry = catalog.entry(doc.catalog) if catalog and doc.catalog else None
        return entry.title if entry else None

    def org_name(self, org_id: str | None) -> str:
        return self.registry[org_id].name if org_id and org_id in self.registry else (org_id or "")


# --------------------------------------------------------------------------- item pages


def _person(view: View, name: str | None) -> str:
    if not name:
        return "—"
    return "（略）" if view.hide_names else h(name)


def item_panel(doc: Document, view: View) -> str:
    """The metadata panel on top of an item page (SPEC §8)."""
    here = doc.url
    rows: list[tuple[str, str]] = []
    rows.append(("发布机构", f'<a href="{link(here, org_url(doc.org or ""))}">{h(view.org_name(doc.org))}</a>'))
    entry = view.entry_title(doc)
    rows.append(("目录事项", h(entry) if entry else ("目录外事项（经上级审核同意）" if not doc.catalog else "—")))
    rows.append(("索引号", f"<code>{h(doc.id)}</code>"))
    rows.append(("公开范围", f'<span class="disclosure-scope disclosure-scope--{h(doc.scope)}">{h(SCOPE_LABELS.get(doc.scope, doc.scope))}</span>'))
    timing = TIMING_LABELS.get(doc.timing or "", doc.timing or "")
    if doc.covers:
        timing += f"（{h(doc.covers)}）"
    rows.append(("公开时限", timing))
    rows.append(("审批级别", h(LEVEL_LABELS.get(doc.level or "", doc.level or ""))))
    rows.append(("发布日期", f'<time datetime="{doc.date}">{doc.date}</time>'))
    if doc.expires:
        rows.append(("有效期至", str(doc.expires)))
    a = doc.approval
    if a is not None:
        trail = [
            f"提出：{_person(view, a.proposed_by)}",
            f"审核：{_person(view, a.reviewed_by)}（{a.reviewed_on or '—'}）",
            "保密审查：通过" if a.secrecy_review == "passed" else "保密审查：—",
            f"审批：{_person(view, a.approved_by)}（{a.approved_on or '—'}）",
        ]
        if a.approver_role == "principal":
            trail.append("主要负责人审批")
        if a.decision:
            trail.append(f"集体研究决定：{h(a.decision)}")
        if a.superior_org:
            trail.append(f"上级审批：{h(view.org_name(a.superior_org))}（{a.superior_on}）")
        if a.risk_assessment and not view.hide_names:
            trail.append(f"风险评估：{h(a.risk_assessment)}")
        elif a.risk_assessment:
            trail.append("风险评估：已完成")
        rows.append(("审批流程", "；".join(trail)))
    if doc.consultation is not None:
        c = doc.consultation
        state = "征求意见中" if c.until and view.clock <= c.until else "已截止"
        rows.append(("征求意见", f'<span class="disclosure-consultation disclosure-consultation--{"open" if state == "征求意见中" else "closed"}">{state}</span>'
                     f"，截止 {c.until}；意见反馈渠道：{h(c.channel)}"))
    body = "\n".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    notes = []
    if doc.path in view.pub.archived:
        notes.append(f'<p class="disclosure-note disclosure-note--archived">本事项已于 {doc.expires} 到期，现存档备查。</p>')
    if doc.path in view.pub.drafts:
        notes.append('<p class="disclosure-note disclosure-note--draft">草稿预览：本事项尚未批准或尚未到发布日期，不会出现在正式站点。</p>')
    return "\n".join(notes) + f'\n<table class="disclosure-meta">\n{body}\n</table>\n\n'


def item_related(doc: Document, view: View) -> str:
    """Attachments, the item this one explains or corrects, and those pointing to it."""
    here = doc.url
    by_id, pointed_at, _ = view._links()
    parts: list[str] = []
    if doc.attachments:
        # Beside the item's file, so one level up from its page (directory URLs).
        links = "".join(f'<li><a href="{h(_relpath(path, here.rstrip("/") or "."))}">{h(name)}</a></li>'
                        for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True))
        parts.append(f'<h2 id="attachments">附件</h2>\n<ul class="disclosure-attachments">{links}</ul>')
    for field_name, label in (("interprets", "本文解读"), ("corrects", "本文澄清或更正")):
        target = by_id.get(getattr(doc, field_name) or "")
        if target is not None:
            parts.append(f'<p class="disclosure-{field_name}">{label}：<a href="{link(here, target.url)}">{h(target.title)}</a></p>')
    for field_name, label in (("interprets", "政策解读"), ("corrects", "澄清与更正")):
        pointing = sorted(pointed_at.get((field_name, doc.id), []), key=lambda d: (d.date, d.id))
        if pointing:
            links = "".join(f'<li><a href="{link(here, d.url)}">{h(d.title)}</a>（{d.date}）</li>' for d in pointing)
            parts.append(f'<h2 id="{field_name}-by">{label}</h2>\n<ul class="disclosure-{field_name}-by">{links}</ul>')
    return ("\n\n" + "\n\n".join(parts) + "\n") if parts else ""


# --------------------------------------------------------------------------- organizations


def _item_link(here: str, doc: Document) -> str:
    covers = f"（{h(doc.covers)}）" if doc.covers else ""
    return f'<a href="{link(here, doc.url)}">{h(doc.title)}</a>{covers} <small>{doc.date}</small>'


def org_page(org_id: str, view: View) -> str:
    """An organization's page: place in the tree, catalog and the items under each entry."""
    org = view.registry[org_id]
    here = org_url(org_id)
    children = view.registry.children().get(org_id, [])
    out = [f"---\ntitle: {org.name}\n---\n", f"# {h(org.name)}\n"]
    chain = list(reversed(view.registry.ancestors(org_id)))
    facts = [
        ("类别", KIND_LABELS.get(org.kind, org.kind)),
        ("层级", ORG_LEVEL_LABELS.get(org.level, org.level)),
        ("上级组织", " › ".join(f'<a href="{link(here, org_url(a))}">{h(view.org_name(a))}</a>' for a in chain) or "—"),
    ]
    if children:
        facts.append(("下级组织", "、".join(f'<a href="{link(here, org_url(c))}">{h(view.org_name(c))}</a>' for c in sorted(children))))
    catalog = view.pub.catalogs.get(org_id)
    if catalog is not None:
        facts.append(("公开目录", f"{catalog.adopted_on or '未记载'} 讨论通过；{catalog.filed_on or '未记载'} 报{h(view.org_name(catalog.filed_with) if catalog.filed_with in view.registry else (catalog.filed_with or '—'))}备案"))
    facts.append(("订阅", f'<a href="{link(here, here + "feed.xml")}">RSS</a> · <a href="{link(here, here + "print/")}">公开栏打印版</a>'))
    out.append('<table class="disclosure-org">' + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts) + "</table>\n")
    if catalog is None:
        out.append("\n本组织的党务公开目录不在本站点公开范围内。\n")
    else:
        out.append("\n## 党务公开目录\n")
        for status in view.statuses(org_id):
            out.append(_entry_block(here, status, view))
    archived = sorted(view._links()[2].get(org_id, []), key=lambda d: (d.expires, d.id), reverse=True)
    if archived:
        out.append("\n## 存档事项（已到期）\n")
        out.append("<ul>" + "".join(f"<li>{_item_link(here, d)}（{d.expires} 到期）</li>" for d in archived) + "</ul>\n")
    outside = [d for d in view.items_of(org_id) if not d.catalog]
    if outside:
        out.append("\n## 目录外公开事项\n")
        out.append("<ul>" + "".join(f"<li>{_item_link(here, d)}</li>" for d in newest_first(outside)) + "</ul>\n")
    return "\n".join(out)


def _entry_block(here: str, status: EntryStatus, view: View) -> str:
    e = status.entry
    timing = TIMING_LABELS.get(e.timing, e.timing) + (f"（{PERIOD_LABELS.get(e.period or '', '')}）" if e.period else "")
    methods = "、".join(METHOD_LABELS.get(m, m) for m in e.methods)
    state = f'<span class="disclosure-state disclosure-state--{status.state}">{STATE_LABELS[status.state]}</span>'
    meta = (f"<p class=\"disclosure-entry-meta\">依据：{h(e.basis)} · 范围：{SCOPE_LABELS.get(e.scope, e.scope)} · 时限：{timing}"
            f" · 方式：{methods} · 责任部门：{h(e.department)} · 状态：{state}</p>")
    items = ""
    if status.newest is not None:
        items = f'<p class="disclosure-newest">最新：{_item_link(here, status.newest)}</p>'
        earlier = status.items[1:]
        if earlier:
            items += "<details><summary>往期（" + str(len(earlier)) + "）</summary><ul>" + "".join(
                f"<li>{_item_link(here, d)}</li>" for d in earlier) + "</ul></details>"
    return f'\n<section class="disclosure-entry" id="entry-{h(e.id)}">\n<h3>{h(e.title)}</h3>\n{meta}\n{items}\n</section>\n'


def org_index(view: View) -> str:
    """The organization tree by level, with counts of visible items."""
    tree = view.registry.children()
    counts = {o.id: len(view.items_of(o.id)) for o in view.registry}
    here = "orgs/"

    def node(org_id: str, depth: int) -> str:
        org = view.registry[org_id]
        label = f'<a href="{link(here, org_url(org_id))}">{h(org.name)}</a> <small>{ORG_LEVEL_LABELS.get(org.level, "")} · {counts[org_id]} 项</small>'
        kids = sorted(tree.get(org_id, []), key=lambda c: (LEVEL_ORDER.index(view.registry[c].level) if view.registry[c].level in LEVEL_ORDER else 9, c))
        if not kids:
            return f"<li>{label}</li>"
        opened = " open" if depth < 1 else ""
        inner = "".join(node(k, depth + 1) for k in kids)
        return f"<li><details{opened}><summary>{label}</summary><ul>{inner}</ul></details></li>"

    roots = view.registry.roots()
    body = "".join(node(r, 0) for r in roots)
    by_level = {lvl: sum(1 for o in view.registry if o.level == lvl) for lvl in LEVEL_ORDER}
    summary = " · ".join(f"{ORG_LEVEL_LABELS[lvl]} {n}" for lvl, n in by_level.items() if n)
    return f"---\ntitle: 组织机构\n---\n\n# 组织机构\n\n<p>{summary}</p>\n\n<ul class=\"disclosure-tree\">{body}</ul>\n"


def home_page(view: View) -> str:
    here = ""
    newest = sorted(view.live(), key=lambda d: (d.date, d.id), reverse=True)[:20]
    items = "".join(f"<li>{_item_link(here, d)} · {h(view.org_name(d.org))}</li>" for d in newest)
    return (f"---\ntitle: {view.site_name}\n---\n\n# {h(view.site_name)}\n\n"
            f'<p><a href="{link(here, "orgs/")}">按组织机构浏览</a></p>\n\n## 最新公开\n\n<ul>{items}</ul>\n')


def print_page(org_id: str, view: View) -> str:
    """An A4 bulletin-board sheet (公开栏, Art. 20) of the organization's current public items.

    A bulletin board hangs where anyone passes, so even an intranet build's sheet lists
    only public items.
    """
    org = view.registry[org_id]
    here = org_url(org_id) + "print/"
    current = [d for d in view.items_of(org_id) if d.scope == "public"]
    rows = "".join(
        f"<tr><td>{h(d.title)}</td><td>{h(view.entry_title(d) or '目录外')}</td><td>{d.date}</td></tr>"
        for d in sorted(current, key=lambda d: (d.date, d.id), reverse=True)
    )
    return (f"---\ntitle: {org.name} 党务公开栏\nhide: [navigation, toc]\n---\n\n"
            f'<div class="disclosure-print">\n<h1>{h(org.name)}党务公开栏</h1>\n'
            f"<p>更新日期：{view.clock}</p>\n"
            f"<table><thead><tr><th>公开事项</th><th>目录事项</th><th>日期</th></tr></thead><tbody>{rows}</tbody></table>\n"
            f'<p class="disclosure-print-url">网上查阅：<a href="{link(here, org_url(org_id))}">{h(org.name)}</a></p>\n</div>\n')


# --------------------------------------------------------------------------- compliance


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


def dashboard(view: View) -> str:
    """The compliance dashboard (intranet builds only): sortable and filterable."""
    here = "compliance/"
    yes = lambda ok: "✔" if ok else '<b class="disclosure-bad">✘</b>'  # noqa: E731
    rows = []
    for c in compliance_rows(view):
        org = view.registry[c.org]
        league = _league_of(c.org, view.registry)
        outside = "；".join(
            f'<a href="{link(here, d.url)}">{h(d.title)}</a>（{h(view.org_name(d.approval.superior_org if d.approval else None))} {d.approval.superior_on if d.approval else ""}）'
            for d in c.outside_catalog) or "—"
        overdue = "、".join(h(s.entry.title) for s in c.overdue) or "—"
        empty = "、".join(h(s.entry.title) for s in c.empty) or "—"
        years = sorted({d.date.year for d in view.items_of(c.org) if d.date} | {view.clock.year})
        reports = " ".join(f'<a href="{link(here, f"compliance/{c.org}/{y}/")}">{y}</a>' for y in years)
        rows.append(
            f'<tr data-level="{org.level}" data-league="{league}" data-findings="{c.findings}">'
            f'<td><a href="{link(here, org_url(c.org))}">{h(org.name)}</a></td><td>{ORG_LEVEL_LABELS.get(org.level, "")}</td>'
            f"<td>{h(view.org_name(league))}</td><td>{yes(c.has_catalog and c.adopted)}</td>"
            f"<td>{yes(c.filed and c.filed_with_right_superior)}</td><td>{len(c.overdue)}</td><td>{overdue}</td>"
            f"<td>{len(c.empty)}</td><td>{empty}</td><td>{outside}</td><td>{c.item_count}</td><td>{reports}</td></tr>"
        )
    levels = "".join(f'<option value="{lvl}">{ORG_LEVEL_LABELS[lvl]}</option>' for lvl in LEVEL_ORDER)
    leagues = "".join(f'<option value="{o.id}">{h(o.name)}</option>' for o in view.registry if o.level == "league")
    return (
        "---\ntitle: 党务公开合规监督\n---\n\n# 党务公开合规监督\n\n"
        f"<p>统计时点：{view.clock}；定期公开宽限 {view.grace_days} 天。点击表头排序。</p>\n\n"
        '<div class="disclosure-filters"><label>层级 <select id="filter-level"><option value="">全部</option>'
        f'{levels}</select></label> <label>盟市 <select id="filter-league"><option value="">全部</option>{leagues}</select></label></div>\n\n'
        '<table class="disclosure-dashboard" id="compliance-table"><thead><tr><th>组织</th><th>层级</th><th>盟市</th><th>目录已通过</th>'
        "<th>已报上级备案</th><th>逾期数</th><th>逾期事项</th><th>空缺数</th><th>空缺事项</th><th>目录外事项（上级审批）</th><th>公开事项数</th><th>年度报告</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>\n"
    )


def annual_report_page(org_id: str, year: int, view: View) -> str:
    """The annual report (Art. 29) of one organization and year."""
    org = view.registry[org_id]
    here = f"compliance/{org_id}/{year}/"
    # items_of: the report keeps only the org's own items; passing all of them made it quadratic
    report = annual_report(org_id, year, view.pub.catalogs.get(org_id), view.items_of(org_id), view.clock, view.grace_days)
    catalog = view.pub.catalogs.get(org_id)
    titles = {e.id: e.title for e in catalog.entries} if catalog else {}

    def table(counts: dict[str, int], labels: dict[str, str]) -> str:
        return "<table><tbody>" + "".join(f"<tr><td>{h(labels.get(k, k))}</td><td>{n}</td></tr>" for k, n in counts.items()) + "</tbody></table>"

    consultations = "".join(f"<li>{_item_link(here, d)}（截止 {d.consultation.until}）</li>" for d in report.consultations if d.consultation) or "<li>无</li>"
    missed = "".join(f"<li>{h(titles.get(e, e))}：{'、'.join(p)}</li>" for e, p in report.missed_periods.items()) or "<li>无</li>"
    items = "".join(f"<li>{_item_link(here, d)}</li>" for d in report.items) or "<li>无</li>"
    return (
        f"---\ntitle: {org.name} {year}年度党务公开情况\n---\n\n# {h(org.name)} {year}年度党务公开情况\n\n"
        f"<p>共公开事项 {len(report.items)} 项（统计时点 {view.clock}）。</p>\n\n"
        f"## 按目录事项\n\n{table(report.by_entry, titles)}\n\n## 按公开范围\n\n{table(report.by_scope, SCOPE_LABELS)}\n\n"
        f"## 按公开时限\n\n{table(report.by_timing, TIMING_LABELS)}\n\n## 征求意见\n\n<ul>{consultations}</ul>\n\n"
        f"## 逾期未公开的定期事项\n\n<ul>{missed}</ul>\n\n## 公开事项清单\n\n<ul>{items}</ul>\n"
    )
