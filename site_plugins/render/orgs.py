"""Organization pages: each organization's page and bulletin-board sheet, and the organization tree."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import EntryStatus, newest_first
from ..vocab import KIND_LABELS, METHOD_LABELS, ORG_LEVEL_LABELS, PERIOD_LABELS, SCOPE_LABELS, TIMING_LABELS
from .links import HeadingIds, Links, link, org_url
from .rows import CatalogFacts, Count, Crumb, EntryRow, ItemLink, OrgLink, SheetRow, TreeRow, item_link
from .view import LEVEL_ORDER, GeneratedPage, View

STATE_LABELS = {"ok": "按时公开", "overdue": "逾期未公开", "empty": "尚无公开事项"}


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
        subordinates=[_org_link(to, c, view) for c in sorted(children)],
        catalog=catalog_data,
        feed_href=to(here + "feed.xml"),
        print_href=to(here + "print/"),
        archived=[ItemLink(to(d.url), d.title, d.covers, d.date, expires=d.expires) for d in archived],
        outside=[item_link(to, d) for d in newest_first(outside)],
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
    )


_CLOSE = TreeRow("close")


def _tree_rows(view: View, to: Links) -> list[TreeRow]:
    """The tree depth first, children by level then id; no recursion (a region is deep and wide)."""
    registry = view.registry
    tree = registry.children()
    counts = view.items_by_org()
    rank = {lvl: i for i, lvl in enumerate(LEVEL_ORDER)}

    def kids(org_id: str) -> list[str]:
        return sorted(tree.get(org_id, []), key=lambda c: (rank.get(registry[c].level, 9), c))

    rows: list[TreeRow] = []
    # A stack of (children still to visit, depth); a finished one closes its organization.
    stack: list[tuple[Iterator[str], int]] = [(iter(registry.roots()), 0)]
    while stack:
        pending, depth = stack[-1]
        org_id = next(pending, None)
        if org_id is None:
            stack.pop()
            if stack:
                rows.append(_CLOSE)
            continue
        org = registry[org_id]
        below = kids(org_id)
        row = TreeRow(
            "open" if below else "leaf",
            to(org_url(org_id)),
            org.name,
            ORG_LEVEL_LABELS.get(org.level, ""),
            len(counts.get(org_id, ())),
            depth < 1,
            len(below),
        )
        rows.append(row)
        if below:
            stack.append((iter(below), depth + 1))
    return rows


def org_index(view: View) -> GeneratedPage:
    """The organization tree by level, with counts of visible items."""
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
        tree=_tree_rows(view, to),
    )
    return GeneratedPage("组织机构", html)


def print_page(org_id: str, view: View) -> GeneratedPage:
    """An A4 bulletin-board sheet (公开栏, Art. 20) of the organization's current public items.

    A bulletin board hangs where anyone passes, so even an intranet build's sheet lists
    only public items.
    """
    org = view.registry[org_id]
    here = org_url(org_id) + "print/"
    current = [d for d in view.items_of(org_id) if d.scope == "public"]
    html = view.render(
        "print.html",
        org_name=org.name,
        clock=view.clock,
        items=[
            SheetRow(d.title, view.entry_title(d) or "目录外", d.date)
            for d in sorted(current, key=lambda d: (d.date, d.id), reverse=True)
        ],
        org_href=link(here, org_url(org_id)),
    )
    return GeneratedPage(f"{org.name} 党务公开栏", html, hide=("navigation", "toc"))
