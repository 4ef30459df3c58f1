"""`disclose diff`'s comparison: what each audience sees on either side, and what changes.

Both sides go through the same `audience.publish` and `validate_publication` as a build,
so the diff cannot disagree with what a build publishes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..audience import Audience, AudienceError, document_visible, lifecycle, publish
from ..i18n import _
from ..model import Catalog, Document, Problem, Site
from ..rules import validate_publication
from ..rules.common import linked_items
from .review import Owner, Review, addresses_of
from .sides import CONTENT, DOCUMENT_FIELDS, ENTRY_FIELDS, Side, entry_record, git, load_side

Records = dict[str, dict[str, Any]]


@dataclass
class AudienceRecords:
    """What one audience sees of one side at the clock: records by document or entry key."""

    documents: Records = field(default_factory=dict)
    scheduled: Records = field(default_factory=dict)
    entries: Records = field(default_factory=dict)
    addresses: dict[str, Owner] = field(default_factory=dict)  # what stands at each address (review.py)


def _audience_records(
    side: Side, audience_text: str, clock: dt.date, site: Site | None = None
) -> tuple[AudienceRecords, list[Problem]]:
    site = site or side.sound
    try:
        audience = Audience.parse(audience_text, site.registry)
    except AudienceError:
        return AudienceRecords(), []  # the organization does not exist on this side: it sees nothing
    pub = publish(site, audience, clock)
    seen = AudienceRecords()
    for doc in pub.documents:
        seen.documents[doc.id] = side.record(doc, doc.path in pub.archived)
    for doc in pub.notices:  # withdrawn: the audience sees the notice at its address
        seen.documents[doc.id] = side.record(doc, False, notice=True)
    seen.addresses = addresses_of(pub)
    for doc in site.documents:
        # Approved and in scope, but dated after the clock: it goes live on its date by itself.
        if lifecycle(doc, clock) == "embargoed" and document_visible(doc, audience, site.registry):
            seen.scheduled[doc.id] = side.record(doc, False)
    for catalog in pub.catalogs.values():
        for entry in catalog.entries:
            seen.entries[f"{catalog.org}/{entry.id}"] = side.entry_record(catalog, entry)
    return seen, validate_publication(pub, site)


def _summary(key: str, record: dict[str, Any]) -> dict[str, Any]:
    keep = ("title", "path", "scope", "org", "date") if "path" in record else ("title", "scope", "timing")
    return {"id": key, **{k: record.get(k) for k in keep}}


def _compare(
    old: Records,
    new: Records,
    fields: Iterable[str],
    baseline: tuple[Records, Records] | None = None,
    why: Callable[[str, str], str] | None = None,
    bodies: tuple[Side, Side] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Added, removed and changed keys between two views of one audience.

    With a `baseline` (the party views), keys whose outcome is the very same as there are
    left out: a unit build sees everything the party build sees, and repeating those
    changes for every organization would bury what only that organization sees.
    """
    keys = old.keys() | new.keys()
    if baseline is not None:
        keys = {k for k in keys if old.get(k) is not baseline[0].get(k) or new.get(k) is not baseline[1].get(k)}
    added: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for key in sorted(keys):
        before, after = old.get(key), new.get(key)
        if before is None and after is not None:
            reason = why(key, "added") if why else None
            added.append(_summary(key, after) | ({"why": reason} if reason else {}))
        elif after is None and before is not None:
            reason = why(key, "removed") if why else None
            removed.append(_summary(key, before) | ({"why": reason} if reason else {}))
        elif before is not None and after is not None and before is not after:
            names = [name for name in fields if before.get(name) != after.get(name)]
            if not names:
                continue
            shown = [n for n in names if n != "body"]
            change: dict[str, Any] = {
                **_summary(key, after),
                "fields": names,
                "before": {n: before.get(n) for n in shown},
                "after": {n: after.get(n) for n in shown},
            }
            if "body" in names and after.get("body") is None:
                change["body_diff"] = [_("(no longer shown: the address shows the withdrawal notice)")]
            elif "body" in names and bodies is not None:
                change["body_diff"] = _body_diff(bodies[0].by_id[key].body, bodies[1].by_id[key].body)
            changed.append(change)
    return {"added": added, "removed": removed, "changed": changed}


def _body_diff(old: str, new: str, limit: int = 60) -> list[str]:
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", n=1, lineterm=""))[2:]
    return (
        lines if len(lines) <= limit else [*lines[:limit], _("… {count} more line(s)").format(count=len(lines) - limit)]
    )


def _state(doc: Document, side: Side, audience_text: str, clock: dt.date) -> str:
    """Why a document is not visible to an audience on one side, in a reviewer's words."""
    if doc.path not in side.sound_paths:
        return _("file has problems")
    try:
        audience = Audience.parse(audience_text, side.sound.registry)
    except AudienceError:
        return _("organization not in the registry")
    if not document_visible(doc, audience, side.sound.registry):
        return _("scope {scope}").format(scope=doc.scope)
    state = lifecycle(doc, clock)
    if state == "embargoed":
        return (
            _("embargoed until {date}").format(date=doc.date) if doc.status == "approved" and doc.date else _("no date")
        )
    if state == "expired":
        return _("expired {expires}").format(expires=doc.expires)
    if state == "withdrawn":
        return _("withdrawn before it was published") if doc.withdrawn is not None else _("withdrawn")
    return str(state)


def _reasons(before: Side, after: Side, audience_text: str, clock: dt.date) -> Callable[[str, str], str]:
    moved = {old: doc for doc in after.site.documents for old in doc.moved_from}  # old path → where it went

    def why(key: str, kind: str) -> str:
        if kind == "added":  # why was it not visible before?
            doc = before.by_id.get(key)
            return (
                _("new file")
                if doc is None
                else _("was: {state}").format(state=_state(doc, before, audience_text, clock))
            )
        doc = after.by_id.get(key)  # removed: why is it not visible now?
        if doc is None:
            was = before.by_id.get(key)
            to = moved.get(was.path) if was is not None else None
            return (
                _("moved to {content}/{path}: its address redirects there").format(content=CONTENT, path=to.path)
                if to is not None
                else _("file deleted")
            )
        return _("now: {state}").format(state=_state(doc, after, audience_text, clock))

    return why


NARROW_SCOPES = ("unit", "specific")


def _narrowed(before: Side, after: Side) -> tuple[Site, Site]:
    """Each side cut down to what a unit build may see differently from the party build.

    A unit build sees exactly what the party build sees plus items and catalog entries of
    scope unit or specific, so only those (on either side, with the items they link to,
    for the link checks) need to be selected again for every organization — with a
    thousand organizations touched, selecting the whole site for each would take minutes.
    """
    ids = {d.id for side in (before, after) for d in side.site.documents if d.scope in NARROW_SCOPES}
    entries = {
        (c.org, e.id)
        for side in (before, after)
        for c in side.site.catalogs.values()
        for e in c.entries
        if c.scope in NARROW_SCOPES or e.scope in NARROW_SCOPES
    }

    def cut(side: Side) -> Site:
        site = side.sound
        linked = {t for d in site.documents if d.id in ids for _, t, _ in linked_items(d)}
        catalogs = {
            org: replace(c, entries=tuple(e for e in c.entries if (org, e.id) in entries))
            for org, c in site.catalogs.items()
        }
        return Site(
            site.registry,
            {org: c for org, c in catalogs.items() if c.entries},
            [d for d in site.documents if d.id in ids or d.id in linked],
            site.other_files,
            [],
            topics=site.topics,
        )

    return cut(before), cut(after)


def _touched_orgs(before: Side, after: Side) -> set[str]:
    """Organizations whose own unit build a changed item or catalog entry may reach."""

    def records(side: Side) -> dict[str, str]:
        # Status is compared too: a draft becoming approved is a change even if nothing else is.
        return {d.id: json.dumps([d.status, side.record(d, False)], sort_keys=True) for d in side.site.documents}

    old, new = records(before), records(after)
    orgs: set[str] = set()
    for key in old.keys() | new.keys():
        if old.get(key) == new.get(key):
            continue
        for doc in (before.by_id.get(key), after.by_id.get(key)):
            if doc is not None:
                orgs.update([doc.org] if doc.org else [])
                orgs.update(doc.audience)  # a specific item is seen in the listed organizations' builds

    def entries(catalog: Catalog | None) -> list[dict[str, Any]] | None:
        return None if catalog is None else [entry_record(catalog, e) | {"id": e.id} for e in catalog.entries]

    for org_id in before.site.catalogs.keys() | after.site.catalogs.keys():
        if entries(before.site.catalogs.get(org_id)) != entries(after.site.catalogs.get(org_id)):
            orgs.add(org_id)
    known = set(before.site.registry.organizations) | set(after.site.registry.organizations)
    return orgs & known


def diff_revisions(root: Path, rev1: str, rev2: str | None, clock: dt.date) -> dict[str, Any]:
    """Compare what each audience sees at `clock` in rev1 and in rev2 (None: the working tree).

    Raises ValueError for an unknown revision or a folder outside git; problems of the
    sites themselves are part of the result.
    """
    root = Path(root)
    git(root, "rev-parse", "--git-dir")  # a plain error when root is not in a git repository
    before = load_side(root, rev1)
    after = load_side(root, rev2)
    audiences = ["public", "party"] + [f"unit:{org}" for org in sorted(_touched_orgs(before, after))]
    result_audiences: dict[str, Any] = {}
    extra: dict[str, list[Problem]] = {"before": [], "after": []}
    party: tuple[AudienceRecords, AudienceRecords] | None = None
    review = Review()
    review.compare_claims(before, after)
    review.compare_numbers(before, after, clock)
    narrow = _narrowed(before, after) if len(audiences) > 2 else None
    for audience_text in audiences:
        unit = audience_text.startswith("unit:")
        old, old_problems = _audience_records(before, audience_text, clock, narrow[0] if unit and narrow else None)
        new, new_problems = _audience_records(after, audience_text, clock, narrow[1] if unit and narrow else None)
        extra["before"] += old_problems
        extra["after"] += new_problems
        if audience_text == "party":
            party = (old, new)
        base = party if unit else None

        def baseline(part: str) -> tuple[Records, Records] | None:
            return (getattr(base[0], part), getattr(base[1], part)) if base else None  # noqa: B023

        review.compare_addresses(before, after, old.addresses, new.addresses, audience_text)
        review.compare_bodies(before, after, old.documents, new.documents, audience_text)
        why = _reasons(before, after, audience_text, clock)
        result_audiences[audience_text] = {
            "documents": _compare(
                old.documents, new.documents, DOCUMENT_FIELDS, baseline("documents"), why, (before, after)
            ),
            "scheduled": _compare(
                old.scheduled, new.scheduled, DOCUMENT_FIELDS, baseline("scheduled"), None, (before, after)
            ),
            "entries": _compare(old.entries, new.entries, ENTRY_FIELDS + ("catalog_scope",), baseline("entries")),
        }

    def side_info(side: Side, more: list[Problem]) -> dict[str, Any]:
        problems = sorted(set(side.problems) | set(more))
        return {"rev": side.label, "commit": side.commit, "ok": not problems, "problems": [str(p) for p in problems]}

    changes = sum(
        len(section[kind])
        for a in result_audiences.values()
        for section in a.values()
        for kind in ("added", "removed", "changed")
    )
    return {
        "clock": clock.isoformat(),
        "before": side_info(before, extra["before"]),
        "after": side_info(after, extra["after"]),
        "audiences": result_audiences,
        "changes": changes,
        # Addresses readers had that the newer side answers with nothing: problems, like the side's own.
        "addresses": review.addresses(),
        # Index numbers given again, or changed on a published item: problems too.
        "numbers": [str(problem) for problem in sorted(review.numbers)],
        # Published items whose body changed without a change note: for the reviewer to judge.
        "attention": review.attention(),
    }
