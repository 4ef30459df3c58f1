"""Rules of one item or page, judged on its own front matter with the registry and catalogs.

An item (党务公开事项) answers to its catalog entry (scope, timing, period), to the approval
procedure of Art. 18–19 and to the dates of Art. 17, 22; a plain page only states its scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..i18n import _
from ..model import Document, Entry, Problem, Site
from ..periods import COVERS_FORMS, Period
from ..vocab import ApprovalLevel, PeriodKind, Scope, Status, Timing
from .common import at


def item_org_is_known(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 2: every item is issued by an organization of the registry."""
    if doc.org and doc.org not in site.registry:
        yield at(
            doc,
            "org",
            _("unknown organization '{org}'").format(org=doc.org),
            _("use an id from catalogs/organizations.yml"),
            "Art. 2",
        )


def _entry_of(doc: Document, site: Site) -> Entry | None:
    catalog = site.catalogs.get(doc.org or "")
    return catalog.entry(doc.catalog) if catalog and doc.catalog else None


def item_entry_exists(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 14, 18: an item that names a catalog entry names one that exists."""
    if not doc.catalog or not doc.org or doc.org not in site.registry:
        return
    catalog = site.catalogs.get(doc.org)
    if catalog is None:
        yield at(
            doc,
            "catalog",
            _("'{org}' has no catalog, so entry '{catalog}' does not exist").format(org=doc.org, catalog=doc.catalog),
            _("add catalogs/{org}.yml, or remove 'catalog' and get superior approval").format(org=doc.org),
            "Art. 14",
        )
    elif catalog.entry(doc.catalog) is None:
        ids = ", ".join(e.id for e in catalog.entries[:12])
        yield at(
            doc,
            "catalog",
            _("no entry '{catalog}' in the catalog of '{org}'").format(catalog=doc.catalog, org=doc.org),
            _("use one of: {ids}").format(ids=ids),
            "Art. 14",
        )


def item_not_wider_than_entry(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 15: an item is never published wider than its catalog entry allows."""
    entry = _entry_of(doc, site)
    if entry and isinstance(doc.scope, Scope) and isinstance(entry.scope, Scope):
        if doc.scope.width > entry.scope.width:
            yield at(
                doc,
                "scope",
                _("scope '{scope}' is wider than its catalog entry's scope '{entry_scope}'").format(
                    scope=doc.scope, entry_scope=entry.scope
                ),
                _("set scope: {scope} (or narrower), or change the catalog first").format(scope=entry.scope),
                "Art. 15",
            )


def specific_scope_lists_its_audience(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 15(4): `specific` names the organizations it is for; other scopes name none."""
    if doc.scope == Scope.SPECIFIC and not doc.audience:
        yield at(
            doc,
            "scope",
            _("scope 'specific' needs an 'audience' list"),
            _("add audience: [org-id, …] with the organizations that may see it"),
            "Art. 15",
        )
    if doc.scope != Scope.SPECIFIC and doc.audience:
        yield at(
            doc,
            "audience",
            _("'audience' is only for scope 'specific', not '{scope}'").format(scope=doc.scope),
            _("remove 'audience' or set scope: specific"),
            "Art. 15",
        )
    for org in doc.audience:
        if org not in site.registry:
            yield at(
                doc,
                "audience",
                _("audience names unknown organization '{org}'").format(org=org),
                _("use ids from catalogs/organizations.yml"),
                "Art. 15",
            )


def item_timing_matches_entry(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 17: an item has the timing of its catalog entry, and its period."""
    entry = _entry_of(doc, site)
    if entry and doc.timing and entry.timing and doc.timing != entry.timing:
        yield at(
            doc,
            "timing",
            _("timing '{timing}' differs from its catalog entry's '{entry_timing}'").format(
                timing=doc.timing, entry_timing=entry.timing
            ),
            _("set timing: {timing}").format(timing=entry.timing),
            "Art. 17",
        )
    if entry and doc.period and entry.period and doc.period != entry.period:
        yield at(
            doc,
            "period",
            _("period '{period}' differs from its catalog entry's '{entry_period}'").format(
                period=doc.period, entry_period=entry.period
            ),
            _("set period: {period} or leave it out").format(period=entry.period),
            "Art. 17",
        )
    if doc.timing == Timing.PERIODIC and not doc.catalog and not doc.period:
        yield at(
            doc,
            "timing",
            _("a periodic item outside the catalog needs a 'period'"),
            _("add period: monthly, quarterly, half-yearly or yearly"),
            "Art. 17",
        )
    if doc.timing and doc.timing != Timing.PERIODIC and doc.period:
        yield at(
            doc,
            "period",
            _("'period' is only for periodic items, not '{timing}'").format(timing=doc.timing),
            _("remove 'period'"),
            "Art. 17",
        )


def item_period(doc: Document, site: Site) -> PeriodKind | None:
    entry = _entry_of(doc, site)
    return doc.period or (entry.period if entry else None)


def periodic_item_covers_a_period(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 17: a periodic item reports on one period, written in that period's form."""
    if doc.timing != Timing.PERIODIC:
        if doc.covers:
            yield at(doc, "covers", _("'covers' is only for periodic items"), _("remove 'covers'"), "Art. 17")
        return
    period = item_period(doc, site)
    if not doc.covers:
        form = _(COVERS_FORMS[period]) if isinstance(period, PeriodKind) else _("e.g. 2026-Q3")
        yield at(
            doc,
            "timing",
            _("a periodic item needs 'covers': the period it reports on"),
            _("add covers: {form}").format(form=form),
            "Art. 17",
        )
        return
    covered = Period.parse(doc.covers)
    if isinstance(period, PeriodKind) and (covered is None or covered.kind is not period):
        yield at(
            doc,
            "covers",
            _("covers '{covers}' is not a {period} period").format(covers=doc.covers, period=period),
            _("write it as {form}").format(form=_(COVERS_FORMS[period])),
            "Art. 17",
        )


def approved_item_has_approval(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18: proposed, reviewed with a passed secrecy review, and approved."""
    if doc.status != Status.APPROVED:
        return
    a = doc.approval
    if a is None:
        yield at(
            doc,
            "status",
            _("an approved item needs an 'approval' record"),
            _("add approval: proposed_by, reviewed_by, reviewed_on, secrecy_review, approved_by, approved_on"),
            "Art. 18",
        )
        return
    for name in ("proposed_by", "reviewed_by", "reviewed_on", "secrecy_review", "approved_by", "approved_on"):
        if getattr(a, name) in (None, ""):
            written = f"approval.{name}" in doc.where.fields  # the key is there, with nothing after it
            yield at(
                doc,
                f"approval.{name}" if written else "approval",
                _("approval.{name} is empty").format(name=name)
                if written
                else _("the approval record has no '{name}'").format(name=name),
                _("fill in approval.{name} (Art. 18 proposal, review, approval)").format(name=name)
                if written
                else _("add approval.{name} (Art. 18 proposal, review, approval)").format(name=name),
                "Art. 18",
            )
    if a.secrecy_review not in (None, "", "passed"):
        yield at(
            doc,
            "approval.secrecy_review",
            _("secrecy review is '{secrecy_review}', so the item cannot be published").format(
                secrecy_review=a.secrecy_review
            ),
            _("publish only after the secrecy review (保密审查) is passed: secrecy_review: passed"),
            "Art. 18(2)",
        )


def important_item_has_principal_or_decision(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18(3): an important matter is approved by the principal or decided collectively."""
    if doc.status != Status.APPROVED or doc.level != ApprovalLevel.IMPORTANT or doc.approval is None:
        return
    a = doc.approval
    if not a.decision and a.approver_role != "principal":
        yield at(
            doc,
            "level",
            _("an important item needs the principal's approval or a collective decision"),
            _("add approval.approver_role: principal, or approval.decision: <meeting record>"),
            "Art. 18(3)",
        )
    if a.approver_role not in (None, "principal"):
        yield at(
            doc,
            "approval.approver_role",
            _("approver_role '{approver_role}' is not 'principal'").format(approver_role=a.approver_role),
            _("write approver_role: principal, or use 'decision'"),
            "Art. 18(3)",
        )


def superior_approval_where_required(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18(3), 19: superior-level items and items outside the catalog need a superior's approval."""
    if doc.status != Status.APPROVED or doc.approval is None:
        return
    needs = doc.level == ApprovalLevel.SUPERIOR or not doc.catalog
    a = doc.approval
    if not needs:
        return
    why = _("level 'superior'") if doc.level == ApprovalLevel.SUPERIOR else _("an item outside the catalog")
    rule = "Art. 18(3)" if doc.level == ApprovalLevel.SUPERIOR else "Art. 19"
    if not a.superior_org or not a.superior_on:
        yield at(
            doc,
            "approval",
            _("{why} needs the superior organization's approval").format(why=why),
            _("add approval.superior: {org: <superior org id>, on: YYYY-MM-DD}"),
            rule,
        )
        return
    if not doc.org or doc.org not in site.registry:
        return
    ancestors = site.registry.ancestors(doc.org)
    catalog = site.catalogs.get(site.registry.roots()[0]) if site.registry.roots() else None
    outside = catalog.filed_with if (catalog and not ancestors and catalog.org == doc.org) else None
    if a.superior_org not in ancestors and a.superior_org != outside:
        chain = ", ".join(ancestors) or (outside or _("its superior named in its catalog's filed_with"))
        yield at(
            doc,
            "approval.superior",
            _("'{superior_org}' is not a superior of '{org}'").format(superior_org=a.superior_org, org=doc.org),
            _("the approving organization must be one of: {chain}").format(chain=chain),
            rule,
        )


def public_important_item_has_risk_assessment(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 23: important or superior-level public items are risk-assessed."""
    if (
        doc.status != Status.APPROVED
        or doc.scope != Scope.PUBLIC
        or doc.level not in (ApprovalLevel.IMPORTANT, ApprovalLevel.SUPERIOR)
    ):
        return
    if doc.approval is not None and not doc.approval.risk_assessment:
        yield at(
            doc,
            "approval",
            _("a public {level} item needs a risk assessment").format(level=doc.level),
            _("add approval.risk_assessment: <the assessment and the plan>"),
            "Art. 23",
        )


def approval_dates_in_order(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18: reviewed, then approved, then published (reviewed_on ≤ approved_on ≤ date)."""
    a = doc.approval
    if doc.status != Status.APPROVED or a is None:
        return
    if a.reviewed_on and a.approved_on and a.reviewed_on > a.approved_on:
        yield at(
            doc,
            "approval.approved_on",
            _("approved_on {approved_on} is before reviewed_on {reviewed_on}").format(
                approved_on=a.approved_on, reviewed_on=a.reviewed_on
            ),
            _("an item is approved after it is reviewed; fix the dates"),
            "Art. 18",
        )
    if a.approved_on and doc.date and a.approved_on > doc.date:
        yield at(
            doc,
            "date",
            _("date {date} is before approved_on {approved_on}").format(date=doc.date, approved_on=a.approved_on),
            _("an item is published on or after its approval; fix the dates"),
            "Art. 18",
        )
    if a.superior_on and doc.date and a.superior_on > doc.date:
        yield at(
            doc,
            "approval.superior",
            _("superior approval on {superior_on} is after the date {date}").format(
                superior_on=a.superior_on, date=doc.date
            ),
            _("the superior approves before publication; fix the dates"),
            "Art. 19",
        )


def expiry_after_publication(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 17: an item expires after it is published."""
    if doc.expires and doc.date and doc.expires < doc.date:
        yield at(
            doc,
            "expires",
            _("expires {expires} is before the date {date}").format(expires=doc.expires, date=doc.date),
            _("set expires after the publication date, or remove it"),
            "Art. 17",
        )


def references_exist(doc: Document, site: Site, ids: dict[str, Document]) -> Iterator[Problem]:
    """Art. 25, 26: interpretations and corrections point to an existing item."""
    for field, rule in (("interprets", "Art. 25"), ("corrects", "Art. 26")):
        target = getattr(doc, field)
        if not target:
            continue
        if target == doc.id:
            yield at(
                doc,
                field,
                _("item {field} itself").format(field=field),
                _("name the id of another item in '{field}'").format(field=field),
                rule,
            )
        elif target not in ids:
            # A file moved (moved_from) without `id:` took a new number: its path.
            moved = next((d for d in site.documents if d.is_item and f"{target}.md" in d.moved_from), None)
            hint = (
                _(
                    "content/{path} moved from {target} and its index number became {id}: write id: {target} "
                    "in it (a published item keeps its number), or name {id} here"
                ).format(path=moved.path, target=target, id=moved.id)
                if moved is not None
                else _("use the target's id (its path under content/ without .md, or its 'id')")
            )
            yield at(
                doc, field, _("'{field}' names unknown item '{target}'").format(field=field, target=target), hint, rule
            )


def consultation_is_complete(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 22: a call for opinions says until when and through which channel."""
    c = doc.consultation
    if c is not None and c.until and doc.date and c.until < doc.date:
        yield at(
            doc,
            "consultation",
            _("the consultation ends ({until}) before it is published ({date})").format(until=c.until, date=doc.date),
            _("set consultation.until after the date"),
            "Art. 22",
        )


def page_scope_lists_its_audience(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 15: a plain page states its scope like any item; a `unit` page names its organization."""
    yield from specific_scope_lists_its_audience(doc, site)
    if doc.scope == Scope.UNIT and not doc.org:
        yield at(
            doc,
            "scope",
            _("a page of scope 'unit' needs 'org': the organization whose area may see it"),
            _("add org: <org id>"),
            "Art. 15",
        )
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
