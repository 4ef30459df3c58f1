"""What `disclose diff` asks a reviewer to look at beyond the lists: addresses that vanish, and
edits of a published item that tell its readers nothing.

A published address never breaks (issue 14): a page a reader, a link or a feed had must
still answer — with the page, its withdrawal notice, or a redirect (`moved_from`).  Only a
change between two revisions can break one, so this is where it is found: an address one
audience could open before and cannot after, whose file is gone from its place, is a
problem of the newer side.  An address that disappears because its own file now says so
(scope narrowed, expiry brought forward, a problem in the file) is a visibility change,
listed with its reason in the audience's block.

A body edit of a published item without a new change note (`changes`) is not an error —
a typo fix needs none — but a reviewer must decide whether readers should be told.

An index number (索引号, an item's `id`) is never given twice: check sees one revision, so an
id that the older side gave another item — since deleted, or renumbered — is found here, and
so is a published item whose number changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..audience import Publication, leaves_notice, lifecycle, readers
from ..i18n import _
from ..model import Document, Problem, page_address
from ..vocab import Lifecycle, Status
from .sides import CONTENT, Side


class Owner(NamedTuple):
    """What stands at an address of one build: a page, a withdrawal notice or a redirect, of one document."""

    kind: str  # "page", "notice" or "redirect"
    doc: Document


def addresses_of(pub: Publication) -> dict[str, Owner]:
    """Every address of a build that stands for a document (drafts are not published)."""
    found: dict[str, Owner] = {}
    for doc in pub.documents:
        if doc.path not in pub.drafts:
            found[doc.url] = Owner("page", doc)
    for doc in pub.notices:
        found[doc.url] = Owner("notice", doc)
    for redirect in pub.redirects:
        found.setdefault(redirect.address, Owner("redirect", redirect.to))
    return found


@dataclass
class Review:
    """Findings collected over every audience of one diff, each listed once with its audiences."""

    vanished: dict[str, tuple[Problem, list[str], Owner]] = field(default_factory=dict)
    unnoted: dict[str, tuple[Document, list[str]]] = field(default_factory=dict)
    widened: dict[str, tuple[Problem, Document]] = field(default_factory=dict)
    numbers: list[Problem] = field(default_factory=list)

    def compare_numbers(self, before: Side, after: Side, clock: dt.date) -> None:
        """Note every index number the newer side gives an item other than the one the older
        side gave it to, and every published item whose number changed (its readers, links and
        open-data users know it by that number)."""
        for doc in after.site.documents:
            if not doc.is_item:
                continue
            prior = before.by_id.get(doc.id)
            if prior is None or not prior.is_item or prior.path == doc.path or prior.path in doc.moved_from:
                continue
            now = after.by_path.get(prior.path)
            if now is None and prior.title == doc.title and prior.org == doc.org:
                continue  # the same item moved: `compare_addresses` asks for its moved_from if it was published
            held = _("now numbered {id}").format(id=now.id) if now is not None else _("deleted since")
            self.numbers.append(
                Problem(
                    f"{CONTENT}/{doc.path}",
                    doc.where.of("id"),
                    _(
                        "index number {id} was, in {label}, the number of {content}/{path} ({title}), {held}: an index number is never given to another item"
                    ).format(
                        id=doc.id, label=before.label, content=CONTENT, path=prior.path, title=prior.title, held=held
                    ),
                    _(
                        "give this item a number of its own (disclose new gives the next one), or, if it is that item moved, add moved_from: [{path}]"
                    ).format(path=prior.path[:-3]),
                    "索引号",
                )
            )
        # An item is the file at its path, or the file that names its path in moved_from.
        moved_to = {old: d for d in after.site.documents for old in d.moved_from if old not in after.by_path}
        for prior in before.site.documents:
            now = after.by_path.get(prior.path) or moved_to.get(prior.path)
            if now is None or now.id == prior.id or not prior.is_item or not _was_published(prior, before, clock):
                continue
            self.numbers.append(
                Problem(
                    f"{CONTENT}/{now.path}",
                    now.where.of("id" if "id" in now.where.fields else "moved_from"),
                    _("the index number of this published item changes from {id} to {now_id}").format(
                        id=prior.id, now_id=now.id
                    ),
                    _(
                        "keep id: {id} — a published item keeps its number (links, interpretations and open data name it so)"
                    ).format(id=prior.id),
                    "索引号",
                )
            )

    def compare_claims(self, before: Side, after: Side) -> None:
        """Note every old address (`moved_from`) that was, in the older revision, the address of
        another document not every reader of the claimant could see: the redirect would put that
        address — its name, perhaps a secret one — in front of them (check sees only the newer side)."""
        earlier = {d.url.casefold(): d for d in before.site.documents}
        for doc in after.sound.documents:
            for old in doc.moved_from:
                prior = earlier.get(page_address(old).casefold())
                if prior is None or prior.id == doc.id:
                    continue
                wider = readers(doc.scope, doc.org, doc.audience, after.site.registry) - readers(
                    prior.scope, prior.org, prior.audience, before.site.registry
                )
                if wider:
                    shown = ", ".join(sorted(str(a) for a in wider)[:3]) + (" …" if len(wider) > 3 else "")
                    self.widened[page_address(old)] = (
                        Problem(
                            f"{CONTENT}/{doc.path}",
                            doc.where.of("moved_from"),
                            _(
                                "moved_from lists {old}, in {label} the address of {content}/{path} ({scope}): a redirect there would show it to readers who could not see it ({shown})"
                            ).format(
                                old=old[:-3],
                                label=before.label,
                                content=CONTENT,
                                path=prior.path,
                                scope=prior.scope,
                                shown=shown,
                            ),
                            _(
                                "remove it: an item may take over only an old address at least as widely visible as itself"
                            ),
                            "Art. 15",
                        ),
                        prior,
                    )

    def compare_addresses(
        self, before: Side, after: Side, old: dict[str, Owner], new: dict[str, Owner], audience: str
    ) -> None:
        """Note every address `audience` had in `old` that `new` answers with nothing."""
        after_paths = {d.path for d in after.site.documents}
        before_paths = {d.path for d in before.site.documents}
        for address in sorted(old.keys() - new.keys()):
            owner = old[address]
            if address in self.vanished:
                self.vanished[address][1].append(audience)
                continue
            problem = _vanished(address, owner, before_paths, after, after_paths, new)
            if problem is not None:
                self.vanished[address] = (problem, [audience], owner)

    def compare_bodies(
        self, before: Side, after: Side, old: dict[str, Any], new: dict[str, Any], audience: str
    ) -> None:
        """Note every published item `audience` sees on both sides whose body changed without a new change note."""
        for key in old.keys() & new.keys():
            was, now = old[key], new[key]
            if was is now or was.get("body") is None or now.get("body") is None or was["body"] == now["body"]:
                continue
            doc = after.by_id.get(key)
            if doc is None or not doc.is_item:
                continue
            if any(change not in was["changes"] for change in now["changes"]):
                continue  # a change note came with the edit
            if key in self.unnoted:
                self.unnoted[key][1].append(audience)
            else:
                self.unnoted[key] = (doc, [audience])

    def addresses(self) -> list[dict[str, Any]]:
        """Every address finding, by address: vanished ones (with the audiences that had them)
        and old addresses a redirect would widen."""
        found = [
            {
                "address": "/" + address,
                "id": owner.doc.id,
                "title": owner.doc.title,
                "was": f"{CONTENT}/{owner.doc.path}",
                "audiences": audiences,
                "problem": str(problem),
            }
            for address, (problem, audiences, owner) in self.vanished.items()
        ]
        found += [
            {
                "address": "/" + address,
                "id": prior.id,
                "title": prior.title,
                "was": f"{CONTENT}/{prior.path}",
                "audiences": [],
                "problem": str(problem),
            }
            for address, (problem, prior) in self.widened.items()
        ]
        return sorted(found, key=lambda finding: (finding["address"], finding["problem"]))

    def attention(self) -> list[dict[str, Any]]:
        return [
            {
                "id": key,
                "title": doc.title,
                "path": f"{CONTENT}/{doc.path}",
                "audiences": audiences,
                "why": "the body of a published item changed without a new change note (changes)",
            }
            for key, (doc, audiences) in sorted(self.unnoted.items())
        ]


def _was_published(doc: Document, side: Side, clock: dt.date) -> bool:
    """Whether `side` shows `doc` at `clock` (live or archived) or its withdrawal notice."""
    if doc.path not in side.sound_paths:
        return False
    return lifecycle(doc, clock) in (Lifecycle.LIVE, Lifecycle.EXPIRED) or leaves_notice(doc)


def _vanished(
    address: str, owner: Owner, before_paths: set[str], after: Side, after_paths: set[str], new: dict[str, Owner]
) -> Problem | None:
    """The problem of an address that disappears, or None where its own file now hides it."""
    doc = owner.doc
    shown = "/" + address
    if owner.kind == "redirect":
        now = after.by_id.get(doc.id)
        if now is None or now.url not in new:
            return None  # the document it led to is not shown now: its redirects go with it (listed above)
        old = next((o[:-3] for o in doc.moved_from if page_address(o) == address), address.rstrip("/"))
        return Problem(
            f"{CONTENT}/{now.path}",
            now.where.of("moved_from") if now.moved_from else now.where.start or 1,
            _("the old address {shown} led to this page, and no longer does: moved_from does not list {old}").format(
                shown=shown, old=old
            ),
            _("keep it in moved_from: [{old}] — a published address never breaks").format(old=old),
        )
    if doc.path in after_paths:
        now = after.by_path.get(doc.path)
        if owner.kind == "page" and now is not None and now.status == Status.WITHDRAWN and not leaves_notice(now):
            # Shown by the older revision, so published: a withdrawal must leave its notice.
            w = now.withdrawn
            when = (
                _("withdrawn.on {on} is before its date or approval").format(on=w.on)
                if w is not None
                else _("it has no withdrawal record")
            )
            return Problem(
                f"{CONTENT}/{now.path}",
                now.where.of("withdrawn.on" if w is not None else "status"),
                _(
                    "this item is published at {shown} (the older revision shows it), but {when}, so its withdrawal would leave no notice there"
                ).format(shown=shown, when=when),
                _("write the day it is taken down, e.g. withdrawn: {on: <today>, reason: …}"),
                "Art. 26",
            )
        return None  # the file is still there: its scope, status, dates or problems hide it (listed above)
    moved = after.by_id.get(doc.id)
    if moved is None or not moved.is_item:
        moved = next(
            (
                d
                for d in after.site.documents
                if d.title == doc.title and d.org == doc.org and d.path not in before_paths
            ),
            None,
        )
    old = doc.path[:-3]
    if moved is not None:
        return Problem(
            f"{CONTENT}/{moved.path}",
            moved.where.of("moved_from") if moved.moved_from else moved.where.start or 1,
            _("{content}/{path} moved here, and its address {shown} would disappear without a redirect").format(
                content=CONTENT, path=doc.path, shown=shown
            ),
            _("add moved_from: [{old}] — a published address never breaks").format(old=old),
        )
    what = _("withdrawal notice") if owner.kind == "notice" else _("page")
    return Problem(
        f"{CONTENT}/{doc.path}",
        0,
        _("this file is deleted, and the address {shown} of its {what} would disappear without a redirect").format(
            shown=shown, what=what
        ),
        _(
            "keep the file and take the item down with status: withdrawn and withdrawn: {{on, reason}} (its address then shows a notice), or add moved_from: [{old}] to the page that replaces it"
        ).format(old=old),
    )
