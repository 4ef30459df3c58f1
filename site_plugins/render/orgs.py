"""Organization pages: each organization's page (with its bulletin-board sheet, printed from the
page itself) and the organization tree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import NamedTuple

from ..catalog import EntryStatus, newest_first
from ..vocab import (
    KIND_LABELS,
    METHOD_LABELS,
    ORG_LEVEL_LABELS,
    PERIOD_LABELS,
    SCOPE_LABELS,
    TIMING_LABELS,
    OrgLevel,
)
from .links import HeadingIds, Links, file_link, org_url
from .rows import CatalogFacts, Count, Crumb, EntryRow, ItemLink, OrgLink, SheetRow, TreeRow, WithdrawnLink, item_link
from .view import LEVEL_ORDER, GeneratedPage, View

STATE_LABELS = {"ok": "按时公开", "overdue": "逾期未公开", "empty": "尚无公开事项"}
# An organization page names at most this many direct subordinates; an organization with
# more (an organs' work committee has thousands of branches) lists them all on pages of
# SUBORDINATES_PER_PAGE at orgs/<id>/subordinates/<n>/, so no page grows with the region.
SUBORDINATES_SHOWN = 200
SUBORDINATES_PER_PAGE = 1000


def subordinate_uris(org_id: str, view: View) -> list[str]:
    """The pages listing all of an organization's direct subordinates: none for up to
    SUBORDINATES_SHOWN of them, else one per SUBORDINATES_PER_PAGE."""
    count = len(view.registry.children().get(org_id, []))
    if count <= SUBORDINATES_SHOWN:
        return []
    pages = -(-count // SUBORDINATES_PER_PAGE)
    return [f"{org_url(org_id)}subordinates/{n}/index.md" for n in range(1, pages + 1)]


def subordinate_pages(org_id: str, view: View) -> dict[str, GeneratedPage]:
    """The pages of `subordinate_uris`: every direct subordinate, by id, linked."""
    org = view.registry[org_id]
    children = sorted(view.registry.children().get(org_id, []))
    uris = subordinate_uris(org_id, view)
    above = list(reversed(view.registry.ancestors(org_id)))
    pages = {}
    for n, uri in enumerate(uris, 1):
        here = uri[: -len("index.md")]
        to = Links(here)
        part = children[(n - 1) * SUBORDINATES_PER_PAGE : n * SUBORDINATES_PER_PAGE]
        ancestors = [Crumb(view.org_name(a), to(org_url(a))) for a in above]
        html = view.render(
            "subordinates.html",
            crumbs=[
                Crumb("首页", to("")),
                Crumb("组织机构", to("orgs/")),
                *ancestors,
                Crumb(org.name, to(org_url(org_id))),
            ],
            org_name=org.name,
            number=n,
            pages=[(k, to(u[: -len("index.md")])) for k, u in enumerate(uris, 1)],
            first=(n - 1) * SUBORDINATES_PER_PAGE + 1,
            total=len(children),
            subordinates=[_org_link(to, c, view) for c in part],
        )
        pages[uri] = GeneratedPage(f"{org.name} 下级组织（{n}/{len(uris)}）", html)
    return pages


def _org_link(to: Links, org_id: str, view: View) -> OrgLink:
    return OrgLink(to(org_url(org_id)), view.org_name(org_id))


def org_page(org_id: str, view: View) -> GeneratedPage:
    """An organization's page: place in the tree, catalog and the items under each entry."""
    org = view.registry[org_id]
    here = org_url(org_id)
    to = Links(here)
    children = view.registry.children().get(org_id, [])
    catalog = view.pub.catalogs.get(org_id)
    catalog_data = None
    if catalog is not None:
        filed_with = (
            view.org_name(catalog.filed_with) if catalog.filed_with in view.registry else (catalog.filed_with or "—")
        )
        catalog_data = CatalogFacts(
            catalog.adopted_on,
            catalog.filed_on,
            filed_with,
            [_entry_row(to, status) for status in view.statuses(org_id)],
        )
    archived = sorted(view.cross_links().archived.get(org_id, []), key=lambda d: (d.expires, d.id), reverse=True)
    outside = [d for d in view.items_of(org_id) if not d.catalog]
    ancestors = [Crumb(view.org_name(a), to(org_url(a))) for a in reversed(view.registry.ancestors(org_id))]
    html = view.render(
        "org.html",
        ids=HeadingIds(view.slugs),
        crumbs=[Crumb("首页", to("")), Crumb("组织机构", to("orgs/")), *ancestors, Crumb(org.name)],
        org=org,
        kind_label=KIND_LABELS.get(org.kind, org.kind),
        level_label=ORG_LEVEL_LABELS.get(org.level, org.level),
        superiors=[_org_link(to, a, view) for a in reversed(view.registry.ancestors(org_id))],
        subordinates=[_org_link(to, c, view) for c in sorted(children)[:SUBORDINATES_SHOWN]],
        subordinates_total=len(children),
        subordinates_href=to(uris[0][: -len("index.md")]) if (uris := subordinate_uris(org_id, view)) else "",
        catalog=catalog_data,
        feed_href=to(here + "feed.xml"),
        sheet=_sheet_rows(org_id, view),
        clock=view.clock,
        archived=[ItemLink(to(d.url), d.title, d.covers, d.date, expires=d.expires) for d in archived],
        outside=[item_link(to, d) for d in newest_first(outside)],
        withdrawn=[
            WithdrawnLink(to(d.url), d.title, d.date, d.withdrawn.on if d.withdrawn else None)
            for d in view.notices_of(org_id)
        ],
    )
    return GeneratedPage(org.name, html)


def _entry_row(to: Links, status: EntryStatus) -> EntryRow:
    e = status.entry
    newest = status.newest
    return EntryRow(
        e.id,
        e.title,
        e.basis,
        SCOPE_LABELS.get(e.scope, e.scope),
        TIMING_LABELS.get(e.timing, e.timing),
        PERIOD_LABELS.get(e.period, e.period) if e.period else None,
        "、".join(METHOD_LABELS.get(m, m) for m in e.methods),
        e.department,
        status.state,
        STATE_LABELS[status.state],
        None if newest is None else ItemLink(to(newest.url), newest.title, newest.covers, newest.date),
        [ItemLink(to(d.url), d.title, d.covers, d.date) for d in status.items[1:]] if newest is not None else [],
        e.title_mn,
    )


# The organization index shows the territorial tree down to the banners (旗县): region,
# league and banner organizations.  Below them — townships, villages, the branches of
# agencies and enterprises — each organization's page lists its own subordinates and the
# name search (`name_groups`) finds any of them: the index does not grow with the villages.
INDEX_LEVELS = frozenset({OrgLevel.REGION, OrgLevel.LEAGUE, OrgLevel.BANNER})


def _tree_rows(view: View, to: Links) -> list[TreeRow]:
    """The index's tree depth first, children by level then id; no recursion (a region is
    deep and wide).  An organization's subordinates outside INDEX_LEVELS are counted: a leaf
    says how many it has, an open one ends with a link to its page for the others."""
    registry = view.registry
    tree = registry.children()
    counts = view.items_by_org()
    rank = {lvl: i for i, lvl in enumerate(LEVEL_ORDER)}

    def kids(org_id: str) -> list[str]:
        shown = [c for c in tree.get(org_id, []) if registry[c].level in INDEX_LEVELS]
        return sorted(shown, key=lambda c: (rank.get(registry[c].level, 9), c))

    rows: list[TreeRow] = []
    # A stack of (children still to visit, depth, the organization they are of, how many of
    # its subordinates are not shown); a finished one closes its organization.
    stack: list[tuple[Iterator[str], int, str, int]] = [(iter(registry.roots()), 0, "", 0)]
    while stack:
        pending, depth, parent, hidden = stack[-1]
        org_id = next(pending, None)
        if org_id is None:
            stack.pop()
            if stack:
                rows.append(TreeRow("close", to(org_url(parent)), view.org_name(parent), below=hidden))
            continue
        org = registry[org_id]
        below = kids(org_id)
        every = len(tree.get(org_id, ()))
        row = TreeRow(
            "open" if below else "leaf",
            to(org_url(org_id)),
            org.name,
            ORG_LEVEL_LABELS.get(org.level, ""),
            len(counts.get(org_id, ())),
            depth < 1,
            len(below) if below else every,
        )
        rows.append(row)
        if below:
            stack.append((iter(below), depth + 1, org_id, every - len(below)))
    return rows


def org_index(view: View) -> GeneratedPage:
    """The organization index: counts by level, the name search, and the tree to the banners."""
    here = "orgs/"
    by_level = {lvl: 0 for lvl in LEVEL_ORDER}
    for o in view.registry:
        if o.level in by_level:
            by_level[o.level] += 1
    to = Links(here)
    html = view.render(
        "org_index.html",
        ids=HeadingIds(view.slugs),
        crumbs=[Crumb("首页", to("")), Crumb("组织机构")],
        levels=[Count(ORG_LEVEL_LABELS[lvl], n) for lvl, n in by_level.items() if n],
        groups=[(g.label, file_link(here, g.file)) for g in name_groups(view)],
        tree=_tree_rows(view, to),
    )
    return GeneratedPage("组织机构", html)


NAMES_FOLDER = "orgs/names/"


class NameGroup(NamedTuple):
    """One file of the organization-name search: the organizations of one league (盟市) and
    below it, or of the region's own level; a reader picks the group, then types."""

    label: str
    file: str  # orgs/names/<n>.json
    orgs: list[str]


def name_groups(view: View) -> list[NameGroup]:
    """The organizations by the league (盟市) they are in — the region's own first — so that
    no file of the name search holds the region: ~7,000 names at 80,000 organizations."""
    registry = view.registry
    league_of: dict[str, str] = {}
    groups: dict[str, list[str]] = {"": []}
    for o in registry:
        chain = [o.id, *registry.ancestors(o.id)]
        league = next((a for a in chain if registry[a].level == OrgLevel.LEAGUE), "")
        league_of[o.id] = league
        groups.setdefault(league, []).append(o.id)
    return [
        NameGroup("自治区本级" if league == "" else view.org_name(league), f"{NAMES_FOLDER}{n}.json", members)
        for n, (league, members) in enumerate(groups.items())
        if members
    ]


def names_json(view: View, group: NameGroup) -> str:
    """A name-search file: [name, link from orgs/, the superior's name] per organization."""
    to = Links("orgs/")
    registry = view.registry
    rows = [[view.org_name(o), to(org_url(o)), view.org_name(registry[o].parent)] for o in group.orgs]
    return json.dumps({"group": group.label, "orgs": rows}, ensure_ascii=False, separators=(",", ":"))


def _sheet_rows(org_id: str, view: View) -> list[SheetRow]:
    """The bulletin-board sheet (公开栏, Art. 20) of the organization's current public items,
    newest first: a part of its page that only a printer shows (disclosure.css), so a
    region of 80,000 organizations writes no second page per organization.

    A bulletin board hangs where anyone passes, so even an intranet build's sheet lists
    only public items.
    """
    current = [d for d in view.items_of(org_id) if d.scope == "public"]
    return [
        SheetRow(d.title, view.entry_title(d) or "目录外", d.date)
        for d in sorted(current, key=lambda d: (d.date, d.id), reverse=True)
    ]
