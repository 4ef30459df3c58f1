"""Validation: one function per rule, each naming the article it enforces.

`validate(site)` runs every rule over a loaded site and returns the problems, sorted by
file and line.  Rules judge model objects only; reading files is `load`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from .audience import Audience, Publication, document_visible
from .model import SCOPE_WIDTH, Catalog, Document, Entry, Problem, Registry, Site

COVERS_FORMS = {
    "monthly": (re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"), "YYYY-MM, e.g. 2026-07"),
    "quarterly": (re.compile(r"^\d{4}-Q[1-4]$"), "YYYY-Qn, e.g. 2026-Q3"),
    "half-yearly": (re.compile(r"^\d{4}-H[12]$"), "YYYY-Hn, e.g. 2026-H2"),
    "yearly": (re.compile(r"^\d{4}$"), "YYYY, e.g. 2026"),
}
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
    if entry and doc.scope in SCOPE_WIDTH and entry.scope in SCOPE_WIDTH:
        if SCOPE_WIDTH[doc.scope] > SCOPE_WIDTH[entry.scope]:
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


def item_period(doc: Document, site: Site) -> str | None:
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
        form = COVERS_FORMS[period][1] if period in COVERS_FORMS else "e.g. 2026-Q3"
        yield _at(doc, "timing", "a periodic item needs 'covers': the period it reports on",
                  f"add covers: {form}", "Art. 17")
    elif period in COVERS_FORMS and not COVERS_FORMS[period][0].match(doc.covers):
        yield _at(doc, "covers", f"covers '{doc.covers}' is not a {period} period",
                  f"write it as {COVERS_FORMS[period][1]}", "Art. 17")


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


def attachments_exist(doc: Document, site: Site, files: set[str]) -> Iterator[Problem]:
    """Attachments are files beside the item; they inherit its scope."""
    for name, path in zip(doc.attachments, doc.attachment_paths(), strict=True):
        if "/" in name or "\\" in name or name.startswith("."):
            yield _at(doc, "attachments", f"attachment '{name}' is not a file name beside the item",
                      "put the file in the item's folder and list its bare name")
        elif name.endswith(".md"):
            yield _at(doc, "attachments", f"attachment '{name}' is a Markdown file",
                      "attachments are files such as PDF or images; a Markdown file is its own item")
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


def validate(site: Site) -> list[Problem]:
    """Every problem of the site (loading problems included), sorted and without repeats."""
    problems = list(site.problems)
    problems += registry_is_one_tree(site.registry)
    problems += grassroots_have_a_sector(site.registry)
    for catalog in site.catalogs.values():
        for rule in CATALOG_RULES:
            problems += rule(catalog, site.registry)
    ids = site.by_id()
    files = set(site.other_files)
    for doc in site.documents:
        if doc.is_item:
            for rule in ITEM_RULES:
                problems += rule(doc, site)
            problems += references_exist(doc, site, ids)
        else:
            problems += page_scope_lists_its_audience(doc, site)
        problems += attachments_exist(doc, site, files)
    problems += document_ids_unique(site)
    problems += every_content_file_belongs_to_a_document(site)
    return sorted(set(problems))


def validate_publication(pub: Publication, site: Site) -> list[Problem]:
    """Audience-dependent rules (Art. 25, 26): a shown link must not point at a hidden item."""
    problems: list[Problem] = []
    shown = pub.by_id()
    everything = site.by_id()
    for doc in pub.items():
        for field, rule in (("interprets", "Art. 25"), ("corrects", "Art. 26")):
            target = getattr(doc, field)
            if target and target in everything and target not in shown:
                hidden = everything[target]
                why = ("is not visible to this audience"
                       if not document_visible(hidden, pub.audience, site.registry) else "is not published yet")
                problems.append(_at(doc, field, f"'{field}' points to '{target}', which {why} ({pub.audience})",
                                    f"give this item a scope no wider than '{hidden.scope}', or publish the target first",
                                    rule))
    problems += links_to_hidden_files(pub, site)
    return sorted(problems)


# Markdown links and images, reference definitions and raw HTML attributes.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)|(?:href|src)\s*=\s*[\"']([^\"']+)", re.M)


def links_to_hidden_files(pub: Publication, site: Site) -> list[Problem]:
    """A shown page must not link to a file the audience may not see: the link itself
    would publish the hidden file's name (and MkDocs leaves unresolved links as written)."""
    import posixpath
    from urllib.parse import unquote

    shown = pub.paths() | pub.attachments
    everything = {d.path for d in site.documents} | set(site.other_files)
    problems: list[Problem] = []
    for doc in pub.documents:
        if "](" not in doc.body and "]:" not in doc.body and "=" not in doc.body:
            continue
        folder = doc.path.rpartition("/")[0]
        for match in _LINK.finditer(doc.body):
            group = next(i for i in (1, 2, 3) if match.group(i))
            target = unquote(match.group(group).split("#", 1)[0].split("?", 1)[0])
            if not target or "://" in target or target.startswith(("/", "mailto:")):
                continue
            resolved = posixpath.normpath(posixpath.join(folder, target))
            if resolved in everything and resolved not in shown:
                line = doc.body_line + doc.body.count("\n", 0, match.start(group))
                problems.append(Problem(doc.where.path, line,
                                        f"links to '{target}', which is not visible to {pub.audience}",
                                        "remove the link, or link only to items at least as widely visible", "Art. 15"))
    return problems


__all__ = ["validate", "validate_publication", "Audience"]
