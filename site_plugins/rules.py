"""Validation: one function per rule, each naming the article it enforces.

`validate(site)` runs every rule over a loaded site and returns the problems, sorted by
file and line.  Rules judge model objects only; reading files is `load`'s job.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import unquote

from .audience import Audience, Publication, build_clock, document_visible, lifecycle
from .audience import readers as readers_of
from .model import Catalog, Document, Entry, PeriodKind, Problem, Registry, Scope, Site
from .periods import COVERS_FORMS, Period

ID_FORM = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_./\u4e00-\u9fff-]*$")


def _at(doc: Document, field: str, message: str, hint: str, rule: str = "") -> Problem:
    return Problem(doc.where.path, doc.where.of(field), message, hint, rule)


# --------------------------------------------------------------------------- registry


def registry_is_one_tree(registry: Registry) -> Iterator[Problem]:
    """Art. 4: the organizations form one tree under one root; every parent exists."""
    roots = registry.roots()
    for org in registry:
        if org.parent and org.parent not in registry:
            yield Problem(org.where.path, org.where.of("parent"),
                          f"'{org.id}' names parent '{org.parent}', which is not in the registry",
                          "use the id of its superior organization", "Art. 4")
        elif org.parent == org.id or (org.parent and org.id in registry.ancestors(org.parent)):
            yield Problem(org.where.path, org.where.of("parent"),
                          f"'{org.id}' is its own superior (the parents form a cycle)",
                          "point 'parent' at the real superior organization", "Art. 4")
    if len(registry) and len(roots) != 1:
        names = ", ".join(roots) or "none"
        line = registry[roots[1]].where.start if len(roots) > 1 else 1
        path = next(iter(registry)).where.path
        yield Problem(path, line, f"the registry must have exactly one root (found: {names})",
                      "give every organization but the top one a 'parent'", "Art. 4")


def grassroots_have_a_sector(registry: Registry) -> Iterator[Problem]:
    """Art. 11: a grassroots organization says which sector it serves, and only it does."""
    for org in registry:
        if org.kind == "grassroots" and not org.sector:
            yield Problem(org.where.path, org.where.start,
                          f"grassroots organization '{org.id}' has no 'sector'",
                          "add sector: township, village, soe, private, social, public-institution or agency",
                          "Art. 11")
        if org.kind and org.kind != "grassroots" and org.sector:
            yield Problem(org.where.path, org.where.of("sector"),
                          f"'{org.id}' is a {org.kind}, but only grassroots organizations have a sector",
                          "remove 'sector' or set kind: grassroots", "Art. 11")


# --------------------------------------------------------------------------- catalogs


def catalog_belongs_to_a_known_org(catalog: Catalog, registry: Registry) -> Iterator[Problem]:
    """Art. 14: a catalog is adopted by an organization of the registry."""
    if catalog.org not in registry:
        yield Problem(catalog.where.path, catalog.where.of("org"),
                      f"catalog of unknown organization '{catalog.org}'",
                      "add the organization to catalogs/organizations.yml or fix 'org'", "Art. 14")


def catalog_dates_in_order(catalog: Catalog, registry: Registry) -> Iterator[Problem]:
    """Art. 14: a catalog is filed with the superior after it was adopted."""
    if catalog.adopted_on and catalog.filed_on and catalog.filed_on < catalog.adopted_on:
        yield Problem(catalog.where.path, catalog.where.of("filed_on"),
                      f"filed_on {catalog.filed_on} is before adopted_on {catalog.adopted_on}",
                      "a catalog is filed (备案) after the organization adopts it", "Art. 14")


def catalog_entries_well_formed(catalog: Catalog, registry: Registry) -> Iterator[Problem]:
    """Art. 14, 17, 20: entry ids unique; periodic entries have a period; at least one method."""
    seen: dict[str, int] = {}
    for entry in catalog.entries:
        where = entry.where
        if entry.id in seen:
            yield Problem(where.path, where.of("id"), f"entry id '{entry.id}' is used twice in this catalog",
                          f"the first is at line {seen[entry.id]}; give each entry a unique id", "Art. 14")
        seen.setdefault(entry.id, where.of("id"))
        if entry.timing == "periodic" and not entry.period:
            yield Problem(where.path, where.start, f"periodic entry '{entry.id}' has no 'period'",
                          "add period: monthly, quarterly, half-yearly or yearly", "Art. 17")
        if entry.timing and entry.timing != "periodic" and entry.period:
            yield Problem(where.path, where.of("period"),
                          f"entry '{entry.id}' is {entry.timing} but gives a period",
                          "remove 'period' or set timing: periodic", "Art. 17")
        if not entry.methods:
            yield Problem(where.path, where.start, f"entry '{entry.id}' names no disclosure method",
                          "add methods: [website, bulletin-board] or the ways it is disclosed", "Art. 20")


# --------------------------------------------------------------------------- items


def item_org_is_known(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 2: every item is issued by an organization of the registry."""
    if doc.org and doc.org not in site.registry:
        yield _at(doc, "org", f"unknown organization '{doc.org}'",
                  "use an id from catalogs/organizations.yml", "Art. 2")


def _entry_of(doc: Document, site: Site) -> Entry | None:
    catalog = site.catalogs.get(doc.org or "")
    return catalog.entry(doc.catalog) if catalog and doc.catalog else None


def item_entry_exists(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 14, 18: an item that names a catalog entry names one that exists."""
    if not doc.catalog or not doc.org or doc.org not in site.registry:
        return
    catalog = site.catalogs.get(doc.org)
    if catalog is None:
        yield _at(doc, "catalog", f"'{doc.org}' has no catalog, so entry '{doc.catalog}' does not exist",
                  f"add catalogs/{doc.org}.yml, or remove 'catalog' and get superior approval", "Art. 14")
    elif catalog.entry(doc.catalog) is None:
        ids = ", ".join(e.id for e in catalog.entries[:12])
        yield _at(doc, "catalog", f"no entry '{doc.catalog}' in the catalog of '{doc.org}'",
                  f"use one of: {ids}", "Art. 14")


def item_not_wider_than_entry(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 15: an item is never published wider than its catalog entry allows."""
    entry = _entry_of(doc, site)
    if entry and isinstance(doc.scope, Scope) and isinstance(entry.scope, Scope):
        if doc.scope.width > entry.scope.width:
            yield _at(doc, "scope", f"scope '{doc.scope}' is wider than its catalog entry's scope '{entry.scope}'",
                      f"set scope: {entry.scope} (or narrower), or change the catalog first", "Art. 15")


def specific_scope_lists_its_audience(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 15(4): `specific` names the organizations it is for; other scopes name none."""
    if doc.scope == "specific" and not doc.audience:
        yield _at(doc, "scope", "scope 'specific' needs an 'audience' list",
                  "add audience: [org-id, …] with the organizations that may see it", "Art. 15")
    if doc.scope != "specific" and doc.audience:
        yield _at(doc, "audience", f"'audience' is only for scope 'specific', not '{doc.scope}'",
                  "remove 'audience' or set scope: specific", "Art. 15")
    for org in doc.audience:
        if org not in site.registry:
            yield _at(doc, "audience", f"audience names unknown organization '{org}'",
                      "use ids from catalogs/organizations.yml", "Art. 15")


def item_timing_matches_entry(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 17: an item has the timing of its catalog entry, and its period."""
    entry = _entry_of(doc, site)
    if entry and doc.timing and entry.timing and doc.timing != entry.timing:
        yield _at(doc, "timing", f"timing '{doc.timing}' differs from its catalog entry's '{entry.timing}'",
                  f"set timing: {entry.timing}", "Art. 17")
    if entry and doc.period and entry.period and doc.period != entry.period:
        yield _at(doc, "period", f"period '{doc.period}' differs from its catalog entry's '{entry.period}'",
                  f"set period: {entry.period} or leave it out", "Art. 17")
    if doc.timing == "periodic" and not doc.catalog and not doc.period:
        yield _at(doc, "timing", "a periodic item outside the catalog needs a 'period'",
                  "add period: monthly, quarterly, half-yearly or yearly", "Art. 17")
    if doc.timing and doc.timing != "periodic" and doc.period:
        yield _at(doc, "period", f"'period' is only for periodic items, not '{doc.timing}'",
                  "remove 'period'", "Art. 17")


def item_period(doc: Document, site: Site) -> PeriodKind | None:
    entry = _entry_of(doc, site)
    return doc.period or (entry.period if entry else None)


def periodic_item_covers_a_period(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 17: a periodic item reports on one period, written in that period's form."""
    if doc.timing != "periodic":
        if doc.covers:
            yield _at(doc, "covers", "'covers' is only for periodic items", "remove 'covers'", "Art. 17")
        return
    period = item_period(doc, site)
    if not doc.covers:
        form = COVERS_FORMS[period] if isinstance(period, PeriodKind) else "e.g. 2026-Q3"
        yield _at(doc, "timing", "a periodic item needs 'covers': the period it reports on",
                  f"add covers: {form}", "Art. 17")
    elif isinstance(period, PeriodKind) and getattr(Period.parse(doc.covers), "kind", None) is not period:
        yield _at(doc, "covers", f"covers '{doc.covers}' is not a {period} period",
                  f"write it as {COVERS_FORMS[period]}", "Art. 17")


def approved_item_has_approval(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18: proposed, reviewed with a passed secrecy review, and approved."""
    if doc.status != "approved":
        return
    a = doc.approval
    if a is None:
        yield _at(doc, "status", "an approved item needs an 'approval' record",
                  "add approval: proposed_by, reviewed_by, reviewed_on, secrecy_review, approved_by, approved_on",
                  "Art. 18")
        return
    for name in ("proposed_by", "reviewed_by", "reviewed_on", "secrecy_review", "approved_by", "approved_on"):
        if getattr(a, name) in (None, ""):
            yield _at(doc, "approval", f"the approval record has no '{name}'",
                      f"add approval.{name} (Art. 18 proposal, review, approval)", "Art. 18")
    if a.secrecy_review not in (None, "", "passed"):
        yield _at(doc, "approval.secrecy_review",
                  f"secrecy review is '{a.secrecy_review}', so the item cannot be published",
                  "publish only after the secrecy review (保密审查) is passed: secrecy_review: passed", "Art. 18(2)")


def important_item_has_principal_or_decision(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18(3): an important matter is approved by the principal or decided collectively."""
    if doc.status != "approved" or doc.level != "important" or doc.approval is None:
        return
    a = doc.approval
    if not a.decision and a.approver_role != "principal":
        yield _at(doc, "level", "an important item needs the principal's approval or a collective decision",
                  "add approval.approver_role: principal, or approval.decision: <meeting record>", "Art. 18(3)")
    if a.approver_role not in (None, "principal"):
        yield _at(doc, "approval.approver_role", f"approver_role '{a.approver_role}' is not 'principal'",
                  "write approver_role: principal, or use 'decision'", "Art. 18(3)")


def superior_approval_where_required(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18(3), 19: superior-level items and items outside the catalog need a superior's approval."""
    if doc.status != "approved" or doc.approval is None:
        return
    needs = doc.level == "superior" or not doc.catalog
    a = doc.approval
    if not needs:
        return
    why = "level 'superior'" if doc.level == "superior" else "an item outside the catalog"
    rule = "Art. 18(3)" if doc.level == "superior" else "Art. 19"
    if not a.superior_org or not a.superior_on:
        yield _at(doc, "approval", f"{why} needs the superior organization's approval",
                  "add approval.superior: {org: <superior org id>, on: YYYY-MM-DD}", rule)
        return
    if not doc.org or doc.org not in site.registry:
        return
    ancestors = site.registry.ancestors(doc.org)
    catalog = site.catalogs.get(site.registry.roots()[0]) if site.registry.roots() else None
    outside = catalog.filed_with if (catalog and not ancestors and catalog.org == doc.org) else None
    if a.superior_org not in ancestors and a.superior_org != outside:
        chain = ", ".join(ancestors) or (outside or "its superior named in its catalog's filed_with")
        yield _at(doc, "approval.superior", f"'{a.superior_org}' is not a superior of '{doc.org}'",
                  f"the approving organization must be one of: {chain}", rule)


def public_important_item_has_risk_assessment(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 23: important or superior-level public items are risk-assessed."""
    if doc.status != "approved" or doc.scope != "public" or doc.level not in ("important", "superior"):
        return
    if doc.approval is not None and not doc.approval.risk_assessment:
        yield _at(doc, "approval", f"a public {doc.level} item needs a risk assessment",
                  "add approval.risk_assessment: <the assessment and the plan>", "Art. 23")


def approval_dates_in_order(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18: reviewed, then approved, then published (reviewed_on ≤ approved_on ≤ date)."""
    a = doc.approval
    if doc.status != "approved" or a is None:
        return
    if a.reviewed_on and a.approved_on and a.reviewed_on > a.approved_on:
        yield _at(doc, "approval.approved_on", f"approved_on {a.approved_on} is before reviewed_on {a.reviewed_on}",
                  "an item is approved after it is reviewed; fix the dates", "Art. 18")
    if a.approved_on and doc.date and a.approved_on > doc.date:
        yield _at(doc, "date", f"date {doc.date} is before approved_on {a.approved_on}",
                  "an item is published on or after its approval; fix the dates", "Art. 18")
    if a.superior_on and doc.date and a.superior_on > doc.date:
        yield _at(doc, "approval.superior", f"superior approval on {a.superior_on} is after the date {doc.date}",
                  "the superior approves before publication; fix the dates", "Art. 19")


def expiry_after_publication(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 17: an item expires after it is published."""
    if doc.expires and doc.date and doc.expires < doc.date:
        yield _at(doc, "expires", f"expires {doc.expires} is before the date {doc.date}",
                  "set expires after the publication date, or remove it", "Art. 17")


def references_exist(doc: Document, site: Site, ids: dict[str, Document]) -> Iterator[Problem]:
    """Art. 25, 26: interpretations and corrections point to an existing item."""
    for field, rule in (("interprets", "Art. 25"), ("corrects", "Art. 26")):
        target = getattr(doc, field)
        if not target:
            continue
        if target == doc.id:
            yield _at(doc, field, f"item {field} itself", f"name the id of another item in '{field}'", rule)
        elif target not in ids:
            yield _at(doc, field, f"'{field}' names unknown item '{target}'",
                      "use the target's id (its path under content/ without .md, or its 'id')", rule)


def consultation_is_complete(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 22: a call for opinions says until when and through which channel."""
    c = doc.consultation
    if c is not None and c.until and doc.date and c.until < doc.date:
        yield _at(doc, "consultation", f"the consultation ends ({c.until}) before it is published ({doc.date})",
                  "set consultation.until after the date", "Art. 22")


# What an attachment may be: files a browser shows or downloads, never runs (no .html,
# .svg, .xml, .js: on the site's host they would run script, or be a page nobody checked).
ATTACHMENT_TYPES = frozenset({
    "pdf", "ofd", "doc", "docx", "wps", "odt", "rtf", "txt", "xls", "xlsx", "et", "ods", "csv",
    "ppt", "pptx", "dps", "odp", "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff",
    "mp3", "m4a", "wav", "mp4", "webm", "zip", "rar", "7z",
})


def attachments_exist(doc: Document, site: Site, files: set[str]) -> Iterator[Problem]:
    """Attachments are files beside the item; they inherit its scope."""
    for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True):
        if "/" in name or "\\" in name or name.startswith("."):
            yield _at(doc, "attachments", f"attachment '{name}' is not a file name beside the item",
                      "put the file in the item's folder and list its bare name")
        elif name.endswith(".md"):
            yield _at(doc, "attachments", f"attachment '{name}' is a Markdown file",
                      "attachments are files such as PDF or images; a Markdown file is its own item")
        elif name.rpartition(".")[2].lower() not in ATTACHMENT_TYPES or "." not in name:
            yield _at(doc, "attachments", f"attachment '{name}' is not a document, table, image, audio or "
                      "video file — a browser would run a web page, SVG or script as part of the site",
                      f"publish it as PDF (or one of {', '.join(sorted(ATTACHMENT_TYPES))}), or put its text in the item")
        elif path not in files:
            yield _at(doc, "attachments", f"attachment '{name}' does not exist beside the item",
                      f"add content/{path} or remove it from 'attachments'")


def document_ids_unique(site: Site) -> Iterator[Problem]:
    """The index number (索引号) identifies one item."""
    seen: dict[str, Document] = {}
    for doc in site.documents:
        if not doc.is_item:
            continue
        if not ID_FORM.match(doc.id):
            yield _at(doc, "id", f"id '{doc.id}' has characters other than letters, digits, '-', '_', '.', '/'",
                      "use a simple index number such as nmg-dw-2026-001")
        if doc.id in seen:
            first = seen[doc.id]
            yield _at(doc, "id", f"id '{doc.id}' is also the id of {first.where.path}",
                      "give each item a unique 'id'")
        else:
            seen[doc.id] = doc


def every_content_file_belongs_to_a_document(site: Site) -> Iterator[Problem]:
    """Fail closed: a file nobody lists has no scope, so it must not be published."""
    listed = {path for doc in site.documents for path in doc.attachment_paths()}
    for rel in site.other_files:
        if rel not in listed:
            yield Problem(f"content/{rel}", 0, "file is not an attachment of any item or page, so it has no scope",
                          "list it under 'attachments' of the item beside it, or move it out of content/")


def page_scope_lists_its_audience(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 15: a plain page states its scope like any item; a `unit` page names its organization."""
    yield from specific_scope_lists_its_audience(doc, site)
    if doc.scope == "unit" and not doc.org:
        yield _at(doc, "scope", "a page of scope 'unit' needs 'org': the organization whose area may see it",
                  "add org: <org id>", "Art. 15")
    yield from item_org_is_known(doc, site)


ITEM_RULES: tuple[Callable[[Document, Site], Iterable[Problem]], ...] = (
    item_org_is_known,
    item_entry_exists,
    item_not_wider_than_entry,
    specific_scope_lists_its_audience,
    item_timing_matches_entry,
    periodic_item_covers_a_period,
    approved_item_has_approval,
    important_item_has_principal_or_decision,
    superior_approval_where_required,
    public_important_item_has_risk_assessment,
    approval_dates_in_order,
    expiry_after_publication,
    consultation_is_complete,
)
CATALOG_RULES = (catalog_belongs_to_a_known_org, catalog_dates_in_order, catalog_entries_well_formed)


# --------------------------------------------------------------------------- every build at once
#
# `disclose check` judges the sources for no audience in particular, so a rule that depends
# on who reads a page compares the audiences `may_see` admits (_Readers, audience.readers)
# and asks `lifecycle` on the days that matter: such a rule then holds in every build, at
# every build clock from now on, and a build never learns of a problem that check did not
# report.


class _Readers:
    """Who may see a document: `audience.readers`, the audiences `may_see` admits."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._public = Audience("public")
        self._within: dict[tuple[frozenset, frozenset], bool] = {}

    def of(self, doc: Document) -> frozenset[Audience]:
        return readers_of(doc.scope, doc.org, doc.audience, self.registry)

    def public(self, doc: Document) -> bool:
        return self._public in self.of(doc)

    def all_see(self, outer: Document, inner: Document) -> bool:
        """Does every audience that may see `outer` also see `inner`?"""
        key = (self.of(outer), self.of(inner))  # remembered sets: their hashes are kept, equal ones are one
        found = self._within.get(key)
        if found is None:
            found = self._within[key] = key[0] <= key[1]
        return found


def _gap(outer: Document, inner: Document, readers: _Readers, clock: dt.date) -> tuple[str, str] | None:
    """Why some build showing `outer` as it is now would not show `inner`, on some day: (kind, why).

    `outer` as written now is shown from `since` = max(its date, clock) on: live and then
    archived in intranet builds, live until its `expires` in the public build.  `inner`
    must be in every such build on every such day.  Kinds: `hidden` (an audience of outer
    may not see inner), `unpublished` (a draft, withdrawn, or dated after `since`),
    `expires` (inner leaves the public site while outer is still on it).  The answer can
    only get better as the clock advances, so time passing never turns a sound pair bad.
    """
    if not readers.all_see(outer, inner):
        return "hidden", ""
    since = max(outer.date, clock) if outer.is_item and outer.date else clock
    state = lifecycle(inner, since)
    if state in ("draft", "withdrawn"):
        return "unpublished", "a draft" if state == "draft" else "withdrawn"
    if state == "embargoed":
        return "unpublished", f"published only from {inner.date}" if inner.date else "without a date"
    until = outer.expires if outer.is_item else None  # the last day outer is on the public site
    if readers.public(outer) and (until is None or since <= until):
        if lifecycle(inner, until or dt.date.max) == "expired":
            return "expires", f"leaves the public site after {inner.expires}"
    return None


def references_shown_wherever_the_item_is(doc: Document, site: Site, ids: dict[str, Document], readers: _Readers,
                                          clock: dt.date, every_build: bool) -> Iterator[Problem]:
    """Art. 25, 26: the item an interpretation or correction points to is shown wherever it is.

    A target that expires while the item stays public is a warning: the public page then
    simply stops linking to it.  The other cases stop only the builds that would show the
    broken link (`validate_publication`); `every_build` (check) reports them for all builds.
    """
    if doc.status != "approved" or doc.date is None:
        return
    for field, rule in (("interprets", "Art. 25"), ("corrects", "Art. 26")):
        target = ids.get(getattr(doc, field) or "")
        if target is None or target is doc:
            continue
        gap = _gap(doc, target, readers, clock)
        if gap is None:
            continue
        kind, why = gap
        if kind == "expires":
            past = target.expires is not None and target.expires < clock
            message = (f"{field} {target.where.path} which expired on {target.expires}; the public page no longer links to it"
                       if past else
                       f"{field} {target.where.path} which expires on {target.expires}; "
                       "after that day the public page will no longer link to it")
            yield Problem(doc.where.path, doc.where.of(field), message,
                          f"nothing to do if that is meant; to take this item off the public site with it, "
                          f"add expires: {target.expires}", rule, warning=True)
        elif every_build:
            if kind == "hidden":
                message = (f"'{field}' points to {target.where.path} ({target.scope}), "
                           "which not every reader of this item may see")
                hint = f"give this item a scope no wider than '{target.scope}', or point to an item at least as widely visible"
            else:
                message = (f"'{field}' points to {target.where.path} ({target.scope}, {why}), "
                           "which is not published whenever this item is")
                hint = "publish the target first: approved and dated no later than this item"
            yield Problem(doc.where.path, doc.where.of(field), message, hint, rule)


def attachments_belong_to_one_document(site: Site) -> Iterator[Problem]:
    """An attachment takes its scope from the one item or page that lists it (docs/decisions.md)."""
    owner: dict[str, Document] = {}
    for doc in site.documents:  # in the order of their paths (load_site)
        if not doc.attachments:
            continue
        seen: set[str] = set()
        for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True):
            if path in seen:
                yield _at(doc, "attachments", f"attachment '{name}' is listed twice", "list it once")
                continue
            seen.add(path)
            first = owner.setdefault(path, doc)
            if first is not doc:
                yield _at(doc, "attachments",
                          f"attachment '{name}' is also listed by {first.where.path}: "
                          "an attachment belongs to exactly one item or page, whose scope it takes",
                          "list it under one of the two only (the other may link to it if it is at least as "
                          "widely visible), or give this one its own copy under another name", "Art. 15")


# --------------------------------------------------------------------------- addresses

# Output paths the site generates itself, whatever content/ holds: a path ending in '/' is
# a whole folder.  (The home page index.html is generated only when content/index.md is
# absent.)  The plugin may import this to check its own pages against it.
RESERVED_PATHS: dict[str, str] = {
    "orgs/": "the organization pages, their feeds and print sheets",
    "compliance/": "the compliance dashboard and annual reports",
    "search/": "the search page",
    "pagefind/": "the search index",
    "assets/": "the theme's scripts, styles and images",
    "data/items.json": "the open data of the items",
    "data/catalogs.json": "the open data of the catalogs",
    "feed.xml": "the Atom feed",
    "sitemap.xml": "the sitemap",
    "sitemap.xml.gz": "the compressed sitemap",
    "robots.txt": "robots.txt",
    "404.html": "the not-found page",
}
_RESERVED_FIRST = {path.split("/")[0] for path in RESERVED_PATHS}


def page_url(path: str) -> str:
    """Where MkDocs publishes content/<path>: a directory URL; index.md and README.md are their folder's."""
    folder, _, name = path[:-3].rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{path[:-3]}/"


def reserved_by(output: str) -> str | None:
    """The entry of RESERVED_PATHS that an output path (a page's index.html or a file) would overwrite."""
    folded = output.casefold()
    if folded.split("/")[0] not in _RESERVED_FIRST:
        return None
    for reserved in RESERVED_PATHS:
        if reserved.endswith("/"):
            if folded.startswith(reserved) or folded == reserved[:-1]:
                return reserved
        elif folded == reserved or folded.startswith(reserved + "/"):
            return reserved
    return None


def addresses_are_unique(site: Site) -> Iterator[Problem]:
    """Every page and attachment is published at an address of its own.

    MkDocs would otherwise keep one of two files silently (x.md and x/index.md are both
    x/; README.md is its folder's index.md) or the site's own pages would overwrite it, and
    two names differing only in case are one file on Windows and macOS checkouts and on
    case-insensitive web servers.
    """
    # Output path without case → who is published there: (output, subject, path, line, shown).
    first: dict[str, tuple[str, str, str, int, str]] = {}
    clashes: dict[str, list[tuple[str, str, str, int, str]]] = {}
    reserved: list[tuple[str, str, str, int, str]] = []
    sources = {d.path for d in site.documents}
    folders: set[str] = set()  # every folder a page needs, without case
    listed: set[str] = set()

    def publish(folded: str, owner: tuple[str, str, str, int, str]) -> None:
        if folded.partition("/")[0] in _RESERVED_FIRST:
            reserved.append(owner)
        if first.setdefault(folded, owner) is not owner:
            clashes.setdefault(folded, []).append(owner)

    for doc in site.documents:  # in the order of their paths (load_site): the first keeps an address
        url = page_url(doc.path)
        line = doc.where.start or 1
        output = url + "index.html"
        folded = output.casefold()
        publish(folded, (output, "this page", doc.where.path, line, url or "/"))
        folders.add(folded[:-11])  # the page's own folder; the ones above it are added below
        if doc.path.endswith("README.md") and doc.path.rpartition("/")[2] == "README.md":
            if not url and "index.md" not in sources:
                yield Problem(doc.where.path, line, "README.md is published by MkDocs as the home page, "
                              "which the site generates itself when content/index.md is absent",
                              "rename it content/index.md")
            elif url and doc.path[:-9] + "index.md" not in sources:
                yield Problem(doc.where.path, line,
                              f"README.md is published by MkDocs as its folder's index page ({url}), "
                              f"but this site's links name it {url}README/",
                              f"rename it content/{doc.path[:-9]}index.md")
        if doc.attachments:
            for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True):
                if path not in listed:
                    listed.add(path)
                    publish(path.casefold(), (path, f"attachment '{name}'", doc.where.path,
                                              doc.where.of("attachments"), path))
    for output, subject, path, line, shown in reserved:
        entry = reserved_by(output)
        if entry:
            yield Problem(path, line, f"{subject} is published at {shown}, an address the site generates "
                          f"for {RESERVED_PATHS[entry]} ({entry})",
                          f"rename or move it: nothing under content/ may be published at {entry}")
    for folded, owners in clashes.items():
        first_output, _, first_path, _, first_shown = first[folded]
        for output, subject, path, line, shown in owners:
            if output == first_output:
                readme = "README.md" in (path.rpartition("/")[2], first_path.rpartition("/")[2])
                why = ("MkDocs publishes README.md as its folder's index page, like index.md" if readme
                       else f"MkDocs publishes {first_path} and {path} both at {shown}" if output.endswith("index.html")
                       else "two files of one name")
                yield Problem(path, line, f"{subject} is published at {shown}, the same address as {first_path} "
                              f"({why}); only one of them would be built",
                              "rename or move one of the two")
            else:
                yield Problem(path, line, f"{subject} is published at {shown}, which differs only in case from "
                              f"{first_shown} of {first_path}",
                              "on Windows and macOS checkouts and on case-insensitive web servers they are the "
                              "same file: rename one of the two")
    for folder in list(folders):  # and the folders above them
        while "/" in folder:
            folder = folder.rpartition("/")[0]
            if folder in folders:
                break
            folders.add(folder)
    for path in listed:
        folded = path.casefold()
        if folded in folders:
            _, subject, where, line, shown = first[folded]
            needs = next(d.where.path for d in site.documents if page_url(d.path).casefold().startswith(folded + "/"))
            yield Problem(where, line, f"{subject} is published as the file {shown}, where {needs} needs a "
                          "folder of that name", "rename one of the two")


# --------------------------------------------------------------------------- mentions

# A Markdown backslash escape of ASCII punctuation: `xunshi\-zhenggai` is `xunshi-zhenggai`.
_ESCAPED = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# A name the ASCII tokens below can find as one token.
_SIMPLE_NAME = re.compile(r"[a-z0-9._-]*[a-z0-9][a-z0-9._-]*\Z")
# Characters right after a non-ASCII name that make it read as an address (x.md, x/, x#…).
_ANCHORS = "/.#?)\"'>"
# What ends a written address: spaces, quotes, brackets, Chinese punctuation.
_RUN_END = re.compile(r"[\s\"'<>()\[\]{}|\\^`,，。、；：？！（）《》“”‘’【】]+")


def _token_table(keep: bytes, marked: bytes) -> bytes:
    """bytes.translate table: ASCII letters (lower-cased), digits and `keep` stay; `marked`
    becomes a tab, everything else a space (both separate tokens)."""
    return bytes((c | 0x20 if 65 <= c <= 90 else c) if (c < 128 and chr(c).isalnum()) or c in keep
                 else 9 if c in marked else 32 for c in range(256))


# Tokens; a tab where the text has something `_decoded` undoes (& \ %).
_TOKENS = _token_table(b"._-", b"&\\%")
# A dot inside a token: a name may be followed by more (x.md, x.html, x.pdf.md, v1.2.md).
_INNER_DOT = re.compile(rb"\.[a-z0-9_-]")


def _decoded(text: str) -> str:
    """The text as a browser or a reader may take it.

    HTML character references (named, decimal, hexadecimal, with or without `;`), Markdown
    backslash escapes and percent-encoding are undone, again while anything changes (an
    entity may spell a percent sign and the other way round).  It may decode more than a
    browser would; never less.
    """
    for _ in range(3):
        before = text
        if "&" in text:
            text = html.unescape(text)
        if "\\" in text:
            text = _ESCAPED.sub("", text)
        if "%" in text:
            text = unquote(text, errors="replace")
        if text == before:
            break
    return text


class _Addresses:
    """Every name a page's address or an attachment is known by, and who holds it.

    A name is the last segment of a page's URL (the file's stem; the folder's name for
    index.md and README.md) or an attachment's file name, compared without case.  Finding
    them in a text does not depend on link syntax: an ASCII name is any equal ASCII token
    (a run of letters, digits, '.', '_', '-', with a final dot or surrounding '_' taken
    off), or any such token's part before one of its dots (x.md, x.pdf.md); a name with other characters
    (Chinese) counts where it is written as an address, followed by one of / . # ? ) " ' >
    — or, for a name with an extension such as 整改通报.pdf, wherever its extension
    follows it.  One pass over each text, a set lookup per token.
    """

    def __init__(self, site: Site, readers: _Readers, clock: dt.date) -> None:
        self.holders: dict[str, list[tuple[Document, str]]] = {}
        # Only names held by something not every reader sees on every day need watching:
        # a public page, live now and never expiring, is shown wherever anything is.
        watched: set[str] = set()
        everyone = len(site.registry) + 2  # public, party and a unit build per organization
        holders = self.holders
        for doc in site.documents:
            safe = (lifecycle(doc, clock) == "live" and (not doc.is_item or doc.expires is None)
                    and len(readers.of(doc)) == everyone)
            folder, _, stem = doc.path[:-3].rpartition("/")
            slug = (folder.rpartition("/")[2] if stem in ("index", "README") else stem).lower()  # as page_url
            if slug:
                holders.setdefault(slug, []).append((doc, "page"))
                if not safe:
                    watched.add(slug)
            if doc.attachments:
                for name in dict.fromkeys(n.lower() for n in doc.attachments if n):
                    holders.setdefault(name, []).append((doc, "attachment"))
                    if not safe:
                        watched.add(name)
        self.aliases: dict[bytes, str] = {}  # token → the name it writes
        self._also: dict[bytes, set[str]] = {}  # the rare token that writes two names ('x.' of x and x.)
        self.wide: set[str] = set()
        aliases, simple = self.aliases, _SIMPLE_NAME.match
        for name in watched:
            if not simple(name):
                self.wide.add(name)
                continue
            bare = name.encode()
            for written in (bare, bare + b"."):
                other = aliases.setdefault(written, name)
                if other != name:
                    self._also.setdefault(written, {other}).add(name)
        self._before: dict[str, set[int]] = {}  # last character of a name → lengths of such names
        self._at_dot: dict[str, set[tuple[int, int]]] = {}  # character before a name's last '.' → (offset, length)
        for name in self.wide:
            self._before.setdefault(name[-1], set()).add(len(name))
            dot = name.rfind(".")
            if dot > 0:
                self._at_dot.setdefault(name[dot - 1], set()).add((dot, len(name)))
        self._folders: dict[str, list[Document]] | None = None
        self.documents = site.documents

    def mentioned(self, text: str) -> set[str]:
        """The names written in a text, decoded first (`_decoded`)."""
        # Every non-ASCII character becomes '?', a separator: ASCII tokens stay apart.
        tokens = text.encode("ascii", "replace").translate(_TOKENS)
        if b"\t" in tokens:  # an entity, escape or percent-encoding somewhere
            text = _decoded(text)
            tokens = text.encode("ascii", "replace").translate(_TOKENS)
        if b"_" in tokens:  # Markdown emphasis around a name: __x__, _x_
            tokens = b" " + tokens + b" "
            for edge in (b" _", b" _", b"_ ", b"_ ", b"\t_", b"_\t"):
                tokens = tokens.replace(edge, b"  ")
        aliases = self.aliases
        split = tokens.split()
        found = aliases.keys() & split
        if _INNER_DOT.search(tokens):  # rare in Chinese text: then every token's parts before a dot
            for token in split:
                dot = token.find(b".", 1)
                while dot > 0:
                    if token[:dot] in aliases:
                        found.add(token[:dot])
                    dot = token.find(b".", dot + 1)
        names = {aliases[token] for token in found}
        if self._also:
            for token in found & self._also.keys():
                names.update(self._also[token])
        if self.wide:
            names.update(self._wide_in(text))
        return names

    def _wide_in(self, text: str) -> set[str]:
        found: set[str] = set()
        for anchor in _ANCHORS:
            i = text.find(anchor, 1)
            while i != -1:
                prev = text[i - 1].lower()
                for length in self._before.get(prev, ()):
                    if i >= length and (name := text[i - length:i].lower()) in self.wide:
                        found.add(name)
                if anchor == ".":
                    for offset, length in self._at_dot.get(prev, ()):
                        if i >= offset and (name := text[i - offset:i - offset + length].lower()) in self.wide:
                            found.add(name)
                i = text.find(anchor, i + 1)
        return found

    def folder_shown(self, name: str, doc: Document, readers: _Readers, clock: dt.date) -> bool:
        """Is `name` a folder in the address of something shown wherever `doc` is (so not a secret)?"""
        if self._folders is None:
            self._folders = {}
            for other in self.documents:
                for folder in dict.fromkeys(other.path.lower().split("/")[:-1]):
                    self._folders.setdefault(folder, []).append(other)
        return any(other is doc or _gap(doc, other, readers, clock) is None for other in self._folders.get(name, ()))

    def judge(self, doc: Document, texts: list[tuple[int, str]], names: set[str], readers: _Readers,
              clock: dt.date) -> Iterator[Problem]:
        """Problems of `doc`, whose `texts` (line, text) mention `names`: one per line and hidden holder."""
        judged = []
        for name in sorted(names):
            safe, unsafe = [], []
            for target, kind in self.holders[name]:
                gap = None if target is doc else _gap(doc, target, readers, clock)
                (unsafe if gap else safe).append((target, kind, gap))
            if unsafe:  # most mentions name what every reader sees: no line is read again for them
                judged.append((name, safe, unsafe))
        if not judged:
            return
        wanted = {name for name, _, _ in judged}
        lines = []
        for number, raw in texts:
            here = self.mentioned(raw) & wanted
            if here:
                lines.append((number, _decoded(raw), here))
        if not lines:  # a name written across lines (a percent-encoded line break): the body's first line
            lines = [(doc.body_line, _decoded(doc.body), wanted)]
        for name, safe, unsafe in judged:
            # Where the name also belongs to something every reader may see, only an address
            # that designates a hidden holder gives anything away; otherwise every mention does.
            shared = bool(safe) or self.folder_shown(name, doc, readers, clock)
            for number, text, here in lines:
                if name not in here:
                    continue
                meant = self._designated(doc, name, text, safe + unsafe) if shared else unsafe
                for target, kind, gap in unsafe:
                    if any(target is m[0] for m in meant):
                        yield _mention(doc, number, name, target, kind, gap, shared)

    def _designated(self, doc: Document, name: str, text: str, holders: list) -> list:
        """The holders of `name` that the addresses written in `text` point to."""
        meant: list = []
        source_folder = doc.path.lower().rpartition("/")[0]
        page_folder = page_url(doc.path).lower().rstrip("/")
        for run in _RUN_END.split(text.lower()):
            run = run.split("#", 1)[0].split("?", 1)[0]
            absolute = "//" in run or run.startswith("/")
            if "//" in run:
                run = run.split("//", 1)[1].partition("/")[2]  # scheme and host off
            segments = run.split("/")
            at = [i for i, segment in enumerate(segments) if name in self.mentioned(segment + "/")]
            if not at:
                continue
            i = at[-1]
            if any(s not in ("", ".", "index.html", "index.md") for s in segments[i + 1:]):
                continue  # the name is a folder on the way to something else
            written = [*segments[:i], name]
            exact: list = []
            if not absolute:
                places = {posixpath.normpath(posixpath.join(base, *written)) for base in (source_folder, page_folder)}
                exact = [h for h in holders if _location(h, name) in places]
            if exact:
                meant += exact
            elif absolute or len(written) > 1:
                clean = [s for s in written if s not in ("", ".", "..")]
                scores = [(_common_tail(clean, _location(h, name).split("/")), h) for h in holders]
                best = max(score for score, _ in scores)
                meant += [h for score, h in scores if score == best]
            # a bare name that is no sibling of this page: a word, or an address of what all may see
        return meant


def _location(holder: tuple[Document, str, object], name: str) -> str:
    """Where a holder of `name` is, as a path under the site's root without case: its page or its attachment."""
    doc, kind = holder[0], holder[1]
    if kind == "page":
        return page_url(doc.path).lower().rstrip("/")
    folder = doc.path.lower().rpartition("/")[0]
    return f"{folder}/{name}" if folder else name


def _common_tail(written: list[str], location: list[str]) -> int:
    n = 0
    while n < len(written) and n < len(location) and written[-1 - n] == location[-1 - n]:
        n += 1
    return n


def _mention(doc: Document, line: int, name: str, target: Document, kind: str, gap: tuple[str, str],
             shared: bool) -> Problem:
    what = "the address of" if kind == "page" else "an attachment of"
    reason, why = gap
    scope = target.scope or "no scope"
    if reason == "hidden":
        message = f"mentions '{name}', {what} {target.where.path} ({scope}), which not every reader of this page may see"
        hint = "remove it, or link only to items at least as widely visible"
    elif reason == "unpublished":
        message = f"mentions '{name}', {what} {target.where.path} ({scope}, {why}), which is not published whenever this page is"
        hint = ("remove it until the target is published, or date this item on or after the target"
                if target.status == "approved" else "remove it, or link only to published items")
    else:
        message = f"mentions '{name}', {what} {target.where.path} ({scope}, {why}), which is not published whenever this page is"
        hint = (f"remove it, or give this item expires: {target.expires} or earlier" if doc.is_item
                else "remove it: a page stays on the public site for good")
    if shared:
        hint += f"; other files are named '{name}' too — if you meant one of them, rename {target.where.path}"
    else:
        hint += f" (if '{name}' is not meant as that address, rename {target.where.path})"
    return Problem(doc.where.path, line, message, hint, "Art. 15")


def pages_name_only_what_their_readers_see(site: Site, readers: _Readers, clock: dt.date) -> Iterator[Problem]:
    """Art. 15: a page must not carry the address of anything some reader of it may not see.

    Any way of writing a page's address or an attachment's name — a Markdown link of any
    form, raw HTML, a full URL, plain text, escaped or encoded, in the body, the title or
    the description — puts it in front of every reader of the page; it must name only what
    every audience that sees the page sees too, on every day the page is shown (`_gap`).
    """
    index = _Addresses(site, readers, clock)
    if not index.aliases and not index.wide:
        return
    for doc in site.documents:
        if doc.status != "approved" or (doc.is_item and doc.date is None):
            continue
        description = getattr(doc, "description", None) or ""  # shown in the page's head
        names = index.mentioned(f"{doc.title}\n{description}\n{doc.body}")
        if names and readers.of(doc):
            texts = [(doc.where.of("title"), doc.title)]
            if description:
                texts.append((doc.where.of("description"), description))
            texts += [(doc.body_line + n, line) for n, line in enumerate(doc.body.split("\n"))]
            yield from index.judge(doc, texts, names, readers, clock)


def validate(site: Site, clock: dt.date | None = None, *, warnings: bool = False,
             every_build: bool = False) -> list[Problem]:
    """Every problem of the site (loading problems included), sorted and without repeats.

    `clock` (default: the build clock) is the first day the sources as they are now can be
    built.  `warnings`: also the warnings, which stop nothing.  `every_build` (check):
    also what `validate_publication` would stop some build on, for every audience at once.
    """
    clock = clock or build_clock()
    problems = list(site.problems)
    problems += registry_is_one_tree(site.registry)
    problems += grassroots_have_a_sector(site.registry)
    for catalog in site.catalogs.values():
        for rule in CATALOG_RULES:
            problems += rule(catalog, site.registry)
    ids = site.by_id()
    files = set(site.other_files)
    readers = _Readers(site.registry)
    for doc in site.documents:
        if doc.is_item:
            for rule in ITEM_RULES:
                problems += rule(doc, site)
            problems += references_exist(doc, site, ids)
            problems += references_shown_wherever_the_item_is(doc, site, ids, readers, clock, every_build)
        else:
            problems += page_scope_lists_its_audience(doc, site)
        problems += attachments_exist(doc, site, files)
    problems += document_ids_unique(site)
    problems += every_content_file_belongs_to_a_document(site)
    problems += attachments_belong_to_one_document(site)
    problems += addresses_are_unique(site)
    problems += pages_name_only_what_their_readers_see(site, readers, clock)
    if not warnings:
        problems = [p for p in problems if not p.warning]
    return sorted(set(problems))


def validate_publication(pub: Publication, site: Site) -> list[Problem]:
    """Audience-dependent rules (Art. 25, 26): a shown link must not point at a hidden item.

    A target missing only because it has expired (the public build drops it) is no error:
    the page then has no link to it, and `validate` has warned of that day in advance.
    What a page's text names is judged for every audience at once by `validate`
    (pages_name_only_what_their_readers_see).
    """
    problems: list[Problem] = []
    shown = pub.by_id()
    everything = site.by_id()
    for doc in pub.items():
        for field, rule in (("interprets", "Art. 25"), ("corrects", "Art. 26")):
            target = getattr(doc, field)
            if target and target in everything and target not in shown:
                hidden = everything[target]
                visible = document_visible(hidden, pub.audience, site.registry)
                if visible and lifecycle(hidden, pub.clock) == "expired":
                    continue
                why = "is not visible to this audience" if not visible else "is not published yet"
                problems.append(_at(doc, field, f"'{field}' points to '{target}', which {why} ({pub.audience})",
                                    f"give this item a scope no wider than '{hidden.scope}', or publish the target first",
                                    rule))
    return sorted(problems)


__all__ = ["RESERVED_PATHS", "Audience", "page_url", "reserved_by", "validate", "validate_publication"]
