"""Page content for a publication: item panels, organization pages, index, dashboard, reports.

Pure functions from the domain model to HTML.  They only ever receive a `View` of a
`Publication` — what the audience may see — so nothing hidden can be rendered here.

Markup lives in Jinja templates with autoescape (`templates/disclosure/*.html`, each
overridable by a file of the same name in the project's `theme/disclosure/`, the way
Material partials are overridden).  Python computes the data — texts, labels, dates,
numbers and links — and never writes HTML, Markdown or YAML itself: every value reaches
the page escaped, whatever an editor typed into a title or a registry name.  A generated
page is a `GeneratedPage` (plain title, finished HTML), never a Markdown file with front
matter.

No MkDocs import: another site engine could call the same functions.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markdown.extensions.toc import slugify, unique

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

# The package's own templates; a project overrides one by writing theme/disclosure/<name>.
TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment(theme_dir: str | Path | None = None) -> Environment:
    """The Jinja environment of generated pages: `theme_dir` first, then the package's templates.

    `theme_dir` is the project's Material override folder (mkdocs.yml `theme.custom_dir`,
    `theme/` in this repository): `theme/disclosure/org.html` replaces the package's
    `disclosure/org.html`.  A folder that does not exist is left out.  Undefined names
    fail instead of printing nothing, so a typo in an override stops the build.
    """
    folders = [str(theme_dir)] if theme_dir is not None and Path(theme_dir).is_dir() else []
    folders.append(str(TEMPLATES))
    return Environment(
        loader=FileSystemLoader(folders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Read once per environment: a build makes one (View's default), and no page should
        # cost a stat of every template it imports.
        auto_reload=False,
    )


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build generates (organization, index, print sheet, dashboard, report, home).

    `title` is plain text, not escaped: whoever prints it (a theme, a feed) escapes it for
    its own output.  `html` is the page's finished, escaped content, its <h1> included.
    `hide`: Material's `hide` settings for the page (e.g. navigation, toc).
    """

    title: str
    html: str
    hide: tuple[str, ...] = ()


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for plain relative paths, without its abspath calls.

    Links are made tens of thousands of times per build (every organization page links
    its items, parents and children); anything unusual goes to posixpath.relpath.
    """
    if _unusual(path) or _unusual(start):
        return posixpath.relpath(path, start)
    to = [] if path == "." else path.split("/")
    base = [] if start == "." else start.split("/")
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def _unusual(path: str) -> bool:
    """Absolute, or with an empty, '.' or '..' segment (the lone '.' is the current folder)."""
    if path == ".":
        return False
    framed = f"/{path}/"
    return path.startswith("/") or "//" in framed or "/./" in framed or "/../" in framed


def _not_a_scheme(target: str) -> str:
    """A relative link whose first segment has a colon ('javascript:x/') would read as a scheme."""
    if ":" in target.partition("/")[0]:
        return "./" + target
    return target


_FILE_SUFFIXES = (".xml", ".json", ".pdf", ".png", ".jpg")


class Links:
    """Relative links from one page (a directory URL, '' is the home page) to others.

    The page's side is split once: an organization page links hundreds of items, and a
    region's pages together make hundreds of thousands of links.
    """

    def __init__(self, from_url: str) -> None:
        self.start = from_url.rstrip("/") or "."
        self.plain = not _unusual(self.start)
        depth = 0 if self.start == "." else self.start.count("/") + 1
        self.up = "../" * depth
        self.head = "" if self.start == "." else self.start.partition("/")[0]
        self.inside = self.start + "/"

    def __call__(self, to_url: str) -> str:
        """Relative link to a directory URL (or to a .xml, .json, .pdf, .png or .jpg file)."""
        path = to_url.rstrip("/") or "."
        if not self.plain or _unusual(path) or path == ".":
            target = _relpath(path, self.start)
        elif not self.head:
            target = path  # from the home page
        elif path.startswith(self.inside):
            target = path[len(self.inside):]  # below this page: orgs/ → orgs/<id>/
        elif path == self.head or path.startswith(self.head + "/"):
            target = _relpath(path, self.start)
        else:
            target = self.up + path  # nothing in common: up to the root, then down
        if ":" in target:
            target = _not_a_scheme(target)
        if to_url.endswith(_FILE_SUFFIXES):
            return target
        return "./" if target == "." else target + "/"


def link(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ('' is the home page)."""
    return Links(from_url)(to_url)


def file_link(from_url: str, path: str) -> str:
    """Relative link from a directory URL to a file (an attachment: any name, any extension)."""
    target = _not_a_scheme(_relpath(path, from_url.rstrip("/") or "."))
    # '%', '#' and '?' in a file name would end or change the URL's path.
    return target.replace("%", "%25").replace("#", "%23").replace("?", "%3F")


def org_url(org_id: str) -> str:
    return f"orgs/{org_id}/"


class HeadingIds:
    """Heading ids as MkDocs' toc extension made them when these pages were Markdown.

    Python-Markdown's default slug of the heading text, made unique on the page with _1,
    _2, … (a Chinese heading's slug is empty: '_1', '_2', …).  One per page, called by its
    template in the order the headings appear, so links to the pages keep their anchors.
    `slugs`: slugs already computed, shared by the pages of a build (the same headings
    recur on thousands of pages).
    """

    def __init__(self, slugs: dict[str, str] | None = None) -> None:
        self.used: set[str] = set()
        self.slugs = {} if slugs is None else slugs

    def __call__(self, text: str) -> str:
        text = str(text)
        slug = self.slugs.get(text)
        if slug is None:
            slug = self.slugs[text] = slugify(text, "-")
        return unique(slug, self.used)


# ---------------------------------------------------------------- what the templates receive
# Plain rows, not dicts: a template reads `row.name` by attribute, and on a dict Jinja tries
# the attribute, fails, then the key — about a microsecond per value on pages of thousands.


class ItemLink(NamedTuple):
    """An item as a listing shows it: linked title, period covered, date (and what the list adds)."""

    href: str
    title: str
    covers: str | None
    date: dt.date | None
    expires: dt.date | None = None
    org_name: str = ""
    until: dt.date | None = None


class OrgLink(NamedTuple):
    href: str
    name: str


class FileLink(NamedTuple):
    href: str
    name: str


class Count(NamedTuple):
    label: str
    count: int


class Option(NamedTuple):
    value: str
    label: str


class ApprovalTrail(NamedTuple):
    """Art. 18's steps as an item page shows them (names already hidden where they must be)."""

    proposed_by: str
    reviewed_by: str
    reviewed_on: dt.date | str
    secrecy_passed: bool
    approved_by: str
    approved_on: dt.date | str
    principal: bool
    decision: str | None
    superior_org: str | None
    superior_on: dt.date | None
    risk_assessment: str | None  # its text, or None where only the fact is shown
    risk_assessed: bool


class ConsultationState(NamedTuple):
    open: bool
    until: dt.date | None
    channel: str


class EntryRow(NamedTuple):
    """A catalog entry on its organization's page, with its state and items."""

    id: str
    title: str
    basis: str
    scope_label: str
    timing_label: str
    period_label: str | None
    methods: str  # the methods' labels, joined with 、
    department: str
    state: str
    state_label: str
    newest: ItemLink | None
    earlier: list[ItemLink]


class CatalogFacts(NamedTuple):
    adopted_on: dt.date | None
    filed_on: dt.date | None
    filed_with: str
    entries: list[EntryRow]


class SheetRow(NamedTuple):
    title: str
    entry_title: str
    date: dt.date | None


class OutsideItem(NamedTuple):
    """An item outside the catalog on the dashboard, with the superior that approved it."""

    href: str
    title: str
    superior_org: str
    superior_on: dt.date | str | None


class YearLink(NamedTuple):
    href: str
    year: int


class ComplianceRow(NamedTuple):
    level: str
    league: str
    findings: int
    href: str
    name: str
    level_label: str
    league_name: str
    catalog_adopted: bool
    filed_right: bool
    overdue: list[str]
    empty: list[str]
    outside: list[OutsideItem]
    item_count: int
    reports: list[YearLink]


class MissedPeriods(NamedTuple):
    title: str
    periods: list[str]


@dataclass
class View:
    """Everything a renderer needs for one build, derived once from the publication.

    `templates`: the Jinja environment pages are rendered with (`environment(theme_dir)`
    for a project's overrides); by default the package's own templates.
    """

    pub: Publication
    registry: Registry
    grace_days: int = 30
    hide_names: bool = False
    site_name: str = "党务公开"
    templates: Environment = field(default_factory=environment, repr=False)
    _statuses: dict[str, list[EntryStatus]] = field(default_factory=dict)
    _loaded: dict[str, Template] = field(default_factory=dict, repr=False)
    _slugs: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def clock(self) -> dt.date:
        return self.pub.clock

    def template(self, name: str) -> Template:
        """disclosure/<name>, looked up once per view (not once per page: no stat per page)."""
        if name not in self._loaded:
            self._loaded[name] = self.templates.get_template(f"disclosure/{name}")
        return self._loaded[name]

    def render(self, name: str, **data: Any) -> str:
        return self.template(name).render(data)

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


def _item_link(to: Links, doc: Document) -> ItemLink:
    return ItemLink(to(doc.url), doc.title, doc.covers, doc.date)


def _org_link(to: Links, org_id: str, view: View) -> OrgLink:
    return OrgLink(to(org_url(org_id)), view.org_name(org_id))


# --------------------------------------------------------------------------- item pages


def _person(view: View, name: str | None) -> str:
    if not name:
        return "—"
    return "（略）" if view.hide_names else name


def item_panel(doc: Document, view: View) -> str:
    """The metadata panel on top of an item page (SPEC §8), as HTML."""
    entry = view.entry_title(doc)
    approval = None
    a = doc.approval
    if a is not None:
        approval = ApprovalTrail(
            proposed_by=_person(view, a.proposed_by),
            reviewed_by=_person(view, a.reviewed_by),
            reviewed_on=a.reviewed_on or "—",
            secrecy_passed=a.secrecy_review == "passed",
            approved_by=_person(view, a.approved_by),
            approved_on=a.approved_on or "—",
            principal=a.approver_role == "principal",
            decision=a.decision,
            superior_org=view.org_name(a.superior_org) if a.superior_org else None,
            superior_on=a.superior_on,
            # Public builds say that an assessment was made, not what it found.
            risk_assessment=None if view.hide_names else a.risk_assessment,
            risk_assessed=bool(a.risk_assessment),
        )
    consultation = None
    if doc.consultation is not None:
        c = doc.consultation
        consultation = ConsultationState(bool(c.until and view.clock <= c.until), c.until, c.channel)
    return view.render(
        "item_panel.html",
        archived=doc.path in view.pub.archived,
        draft=doc.path in view.pub.drafts,
        org_href=link(doc.url, org_url(doc.org or "")),
        org_name=view.org_name(doc.org),
        entry_title=entry if entry else ("目录外事项（经上级审核同意）" if not doc.catalog else "—"),
        id=doc.id,
        scope=doc.scope,
        scope_label=SCOPE_LABELS.get(doc.scope, doc.scope),
        timing_label=TIMING_LABELS.get(doc.timing or "", doc.timing or ""),
        covers=doc.covers,
        level_label=LEVEL_LABELS.get(doc.level or "", doc.level or ""),
        date=doc.date,
        expires=doc.expires,
        approval=approval,
        consultation=consultation,
    ) + "\n"


def item_related(doc: Document, view: View) -> str:
    """Attachments, the item this one explains or corrects, and those pointing to it, as HTML
    ('' when there are none)."""
    here = doc.url
    by_id, pointed_at, _ = view._links()
    targets = {name: by_id.get(getattr(doc, name) or "") for name in ("interprets", "corrects")}
    pointing = {name: pointed_at.get((name, doc.id)) for name in ("interprets", "corrects")}
    if not doc.attachments and not any(targets.values()) and not any(pointing.values()):
        return ""  # most items: no template to render

    to = Links(here)

    def listed(docs: list[Document] | None) -> list[ItemLink]:
        return [_item_link(to, d) for d in sorted(docs or (), key=lambda d: (d.date, d.id))]

    html = view.render(
        "item_related.html",
        attachments=[FileLink(file_link(here, path), name)
                     for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True)],
        interprets=_item_link(to, targets["interprets"]) if targets["interprets"] else None,
        corrects=_item_link(to, targets["corrects"]) if targets["corrects"] else None,
        interpreted_by=listed(pointing["interprets"]),
        corrected_by=listed(pointing["corrects"]),
    )
    # Blank lines around it: it may still follow an item's Markdown body.
    return "\n\n" + html.strip() + "\n" if html.strip() else ""


# --------------------------------------------------------------------------- organizations


def org_page(org_id: str, view: View) -> GeneratedPage:
    """An organization's page: place in the tree, catalog and the items under each entry."""
    org = view.registry[org_id]
    here = org_url(org_id)
    to = Links(here)
    children = view.registry.children().get(org_id, [])
    catalog = view.pub.catalogs.get(org_id)
    catalog_data = None
    if catalog is not None:
        filed_with = view.org_name(catalog.filed_with) if catalog.filed_with in view.registry else (catalog.filed_with or "—")
        catalog_data = CatalogFacts(catalog.adopted_on, catalog.filed_on, filed_with,
                                    [_entry_row(to, status) for status in view.statuses(org_id)])
    archived = sorted(view._links()[2].get(org_id, []), key=lambda d: (d.expires, d.id), reverse=True)
    outside = [d for d in view.items_of(org_id) if not d.catalog]
    html = view.render(
        "org.html",
        ids=HeadingIds(view._slugs),
        org=org,
        kind_label=KIND_LABELS.get(org.kind, org.kind),
        level_label=ORG_LEVEL_LABELS.get(org.level, org.level),
        superiors=[_org_link(to, a, view) for a in reversed(view.registry.ancestors(org_id))],
        subordinates=[_org_link(to, c, view) for c in sorted(children)],
        catalog=catalog_data,
        feed_href=to(here + "feed.xml"),
        print_href=to(here + "print/"),
        archived=[ItemLink(to(d.url), d.title, d.covers, d.date, expires=d.expires) for d in archived],
        outside=[_item_link(to, d) for d in newest_first(outside)],
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


class TreeRow(NamedTuple):
    """One step of the organization tree walked in order (templates/disclosure/org_index.html)."""

    kind: str  # "leaf", "open" (its subordinates follow) or "close" (their end)
    href: str = ""
    name: str = ""
    level_label: str = ""
    count: int = 0
    expanded: bool = False


_CLOSE = TreeRow("close")


def _tree_rows(view: View, to: Links) -> list[TreeRow]:
    """The tree depth first, children by level then id; no recursion (a region is deep and wide)."""
    registry = view.registry
    tree = registry.children()
    counts = view._items_by_org()
    rank = {lvl: i for i, lvl in enumerate(LEVEL_ORDER)}

    def kids(org_id: str) -> list[str]:
        return sorted(tree.get(org_id, []), key=lambda c: (rank.get(registry[c].level, 9), c))

    rows: list[TreeRow] = []
    # A stack of (children still to visit, depth); None closes an opened organization.
    stack: list[Any] = [(iter(registry.roots()), 0)]
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
        row = TreeRow("open" if below else "leaf", to(org_url(org_id)), org.name,
                      ORG_LEVEL_LABELS.get(org.level, ""), len(counts.get(org_id, ())), depth < 1)
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
    html = view.render(
        "org_index.html",
        ids=HeadingIds(view._slugs),
        levels=[Count(ORG_LEVEL_LABELS[lvl], n) for lvl, n in by_level.items() if n],
        tree=_tree_rows(view, Links(here)),
    )
    return GeneratedPage("组织机构", html)


def home_page(view: View) -> GeneratedPage:
    """The home page of a site without its own index.md: the newest items."""
    to = Links("")
    newest = sorted(view.live(), key=lambda d: (d.date, d.id), reverse=True)[:20]
    html = view.render(
        "home.html",
        ids=HeadingIds(view._slugs),
        site_name=view.site_name,
        orgs_href=to("orgs/"),
        newest=[ItemLink(to(d.url), d.title, d.covers, d.date, org_name=view.org_name(d.org)) for d in newest],
    )
    return GeneratedPage(view.site_name, html)


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
        items=[SheetRow(d.title, view.entry_title(d) or "目录外", d.date)
               for d in sorted(current, key=lambda d: (d.date, d.id), reverse=True)],
        org_href=link(here, org_url(org_id)),
    )
    return GeneratedPage(f"{org.name} 党务公开栏", html, hide=("navigation", "toc"))


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
        rows.append(ComplianceRow(
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
            outside=[OutsideItem(to(d.url), d.title,
                                 view.org_name(d.approval.superior_org if d.approval else None),
                                 d.approval.superior_on if d.approval else "")
                     for d in c.outside_catalog],
            item_count=c.item_count,
            reports=[YearLink(to(f"compliance/{c.org}/{y}/"), y) for y in years],
        ))
    html = view.render(
        "dashboard.html",
        ids=HeadingIds(view._slugs),
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
    report = annual_report(org_id, year, view.pub.catalogs.get(org_id), view.items_of(org_id), view.clock, view.grace_days)
    catalog = view.pub.catalogs.get(org_id)
    titles = {e.id: e.title for e in catalog.entries} if catalog else {}

    def counted(counts: dict[str, int], labels: dict[str, str]) -> list[Count]:
        return [Count(labels.get(k, k), n) for k, n in counts.items()]

    title = f"{org.name} {year}年度党务公开情况"
    html = view.render(
        "annual_report.html",
        ids=HeadingIds(view._slugs),
        title=title,
        clock=view.clock,
        by_entry=counted(report.by_entry, titles),
        by_scope=counted(report.by_scope, SCOPE_LABELS),
        by_timing=counted(report.by_timing, TIMING_LABELS),
        consultations=[ItemLink(to(d.url), d.title, d.covers, d.date, until=d.consultation.until)
                       for d in report.consultations if d.consultation],
        missed=[MissedPeriods(titles.get(e, e), p) for e, p in report.missed_periods.items()],
        items=[_item_link(to, d) for d in report.items],
    )
    return GeneratedPage(title, html)

