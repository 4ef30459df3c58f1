"""Rules that must hold in every build at once, whoever reads and whenever it is built.

`disclose check` judges the sources for no audience in particular, so a rule that depends
on who reads a page compares the audiences `may_see` admits (Readers, audience.readers)
and asks `lifecycle` on the days that matter: such a rule then holds in every build, at
every build clock from now on, and a build never learns of a problem that check did not
report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..audience import Audience, leaves_notice, lifecycle
from ..audience import readers as readers_of
from ..i18n import _
from ..model import Document, Problem, Registry, Site
from ..vocab import Lifecycle, Status
from .common import linked_items


class Readers:
    """Who may see a document: `audience.readers`, the audiences `may_see` admits."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._public = Audience("public")
        self._within: dict[tuple[frozenset[Audience], frozenset[Audience]], bool] = {}

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


def visibility_gap(outer: Document, inner: Document, readers: Readers, clock: dt.date) -> tuple[str, str] | None:
    """Why some build showing `outer` as it is now would not show `inner`, on some day: (kind, why).

    `outer` as written now is shown from `since` = max(its date, clock) on: live and then
    archived in intranet builds, live until its `expires` in the public build.  `inner`
    must be in every such build on every such day.  Kinds: `hidden` (an audience of outer
    may not see inner), `unpublished` (a draft, withdrawn before it was published, or dated
    after `since`; a withdrawn item that was published is shown as its notice),
    `expires` (inner leaves the public site while outer is still on it).  The answer can
    only get better as the clock advances, so time passing never turns a sound pair bad.
    """
    if not readers.all_see(outer, inner):
        return "hidden", ""
    since = max(outer.date, clock) if outer.is_item and outer.date else clock
    state = lifecycle(inner, since)
    if state is Lifecycle.WITHDRAWN and leaves_notice(inner):
        # Its notice stands, for good, in every build that showed it when it was withdrawn:
        # the public one only if it had not expired by then.
        assert inner.withdrawn is not None and inner.withdrawn.on is not None
        if readers.public(outer) and inner.expires is not None and inner.expires < inner.withdrawn.on:
            return "expires", _("left the public site after {expires}, before it was withdrawn").format(
                expires=inner.expires
            )
        return None
    if state in (Lifecycle.DRAFT, Lifecycle.WITHDRAWN):
        return "unpublished", _("a draft") if state is Lifecycle.DRAFT else _("withdrawn")
    if state is Lifecycle.EMBARGOED:
        return "unpublished", _("published only from {date}").format(date=inner.date) if inner.date else _(
            "without a date"
        )
    until = outer.expires if outer.is_item else None  # the last day outer is on the public site
    if readers.public(outer) and (until is None or since <= until):
        if lifecycle(inner, until or dt.date.max) is Lifecycle.EXPIRED:
            return "expires", _("leaves the public site after {expires}").format(expires=inner.expires)
    return None


def references_shown_wherever_the_item_is(
    doc: Document, site: Site, ids: dict[str, Document], readers: Readers, clock: dt.date, every_build: bool
) -> Iterator[Problem]:
    """Art. 25, 26, 18(5): the item an interpretation or correction points to, and the outcome a
    consultation names, is shown wherever the item is (a public consultation never names a
    party item: its page would show that item's title).

    A target that expires while the item stays public is a warning: the public page then
    simply stops linking to it.  The other cases stop only the builds that would show the
    broken link (`validate_publication`); `every_build` (check) reports them for all builds.
    """
    if doc.status != Status.APPROVED or doc.date is None:
        return
    for field, target_id, rule in linked_items(doc):
        target = ids.get(target_id)
        if target is None or target is doc:
            continue
        gap = visibility_gap(doc, target, readers, clock)
        if gap is None:
            continue
        kind, why = gap
        if kind == "expires":
            past = target.expires is not None and target.expires < clock
            message = (
                _("{field} {path} which expired on {expires}; the public page no longer links to it").format(
                    field=field, path=target.where.path, expires=target.expires
                )
                if past
                else _(
                    "{field} {path} which expires on {expires}; after that day the public page will no longer link to it"
                ).format(field=field, path=target.where.path, expires=target.expires)
            )
            yield Problem(
                doc.where.path,
                doc.where.of(field),
                message,
                _(
                    "nothing to do if that is meant; to take this item off the public site with it, add expires: {expires}"
                ).format(expires=target.expires),
                rule,
                warning=True,
            )
        elif every_build:
            if kind == "hidden":
                message = _("'{field}' points to {path} ({scope}), which not every reader of this item may see").format(
                    field=field, path=target.where.path, scope=target.scope
                )
                hint = _(
                    "give this item a scope no wider than '{scope}', or point to an item at least as widely visible"
                ).format(scope=target.scope)
            else:
                message = _(
                    "'{field}' points to {path} ({scope}, {why}), which is not published whenever this item is"
                ).format(field=field, path=target.where.path, scope=target.scope, why=why)
                hint = _("publish the target first: approved and dated no later than this item")
            yield Problem(doc.where.path, doc.where.of(field), message, hint, rule)
