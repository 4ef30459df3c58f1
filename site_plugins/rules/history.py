"""Rules of a disclosure's later life (Art. 18, 26): withdrawal, change notes and old addresses.

A published item keeps its address: withdrawn, it leaves a notice there that says when and
why (`withdrawn`); edited, it says what changed (`changes`); moved, its old addresses lead
to it (`moved_from`).  What these records say is shown to every reader of the item, so they
must be complete, dated within the item's life, and an old address must belong to nothing
else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..i18n import _
from ..model import Document, Problem, Site, page_address
from ..vocab import Status
from .addresses import RESERVED_PATHS, reserved_by
from .common import at


def withdrawn_item_says_when_and_why(doc: Document, site: Site) -> Iterator[Problem]:
    """Art. 18, 26: an approved item taken down says on which day and why (its notice shows it).

    A draft never approved may be withdrawn without a record: it was never shown.
    """
    if doc.status != Status.WITHDRAWN or doc.withdrawn is not None:
        return
    if doc.approval is not None and doc.approval.approved_on is not None:
        yield at(
            doc,
            "status",
            _(
                "a withdrawn item that was approved needs a 'withdrawn' record: its address then shows a notice with the day and the reason"
            ),
            _("add withdrawn: {on: YYYY-MM-DD, reason: <why it is withdrawn>}"),
            "Art. 26",
        )


def withdrawal_record_only_when_withdrawn(doc: Document, site: Site) -> Iterator[Problem]:
    """A withdrawal record belongs to a withdrawn item; on any other it would be shown nowhere."""
    if doc.withdrawn is not None and doc.status != Status.WITHDRAWN:
        yield at(
            doc,
            "withdrawn",
            _("'withdrawn' is only for status: withdrawn, not '{status}'").format(status=doc.status),
            _("set status: withdrawn to take the item down, or remove 'withdrawn'"),
            "Art. 18",
        )


def withdrawal_not_after_today(doc: Document, clock: dt.date) -> Iterator[Problem]:
    """A withdrawal takes effect when it is published: its day is today or earlier."""
    w = doc.withdrawn
    if w is not None and w.on is not None and w.on > clock:
        yield at(
            doc,
            "withdrawn.on",
            _("withdrawn.on {on} is after today ({clock})").format(on=w.on, clock=clock),
            _("write the day the item is taken down (today or earlier); to end an item on a later day, use expires"),
            "Art. 18",
        )


def change_notes_within_the_items_life(doc: Document, clock: dt.date) -> Iterator[Problem]:
    """Art. 26: a change note records an edit of the published item: dated from its publication to today."""
    for number, change in enumerate(doc.changes):
        if change.on is None:
            continue
        where = f"changes.{number}.on"
        if doc.date is not None and change.on < doc.date:
            yield at(
                doc,
                where,
                _("the change note of {on} is dated before the item's date {date}").format(on=change.on, date=doc.date),
                _("date it on or after {date}: an edit before publication needs no note").format(date=doc.date),
                "Art. 26",
            )
        elif change.on > clock:
            yield at(
                doc,
                where,
                _("the change note of {on} is dated after today ({clock})").format(on=change.on, clock=clock),
                _("date it on the day the change is published (today or earlier)"),
                "Art. 26",
            )


def old_addresses_lead_to_one_page(site: Site) -> Iterator[Problem]:
    """A `moved_from` address is answered by a redirect: it must be nobody else's address.

    Not the document's own, not another document's (whatever its scope or status: the
    redirect would stand where that page is, or will be), not an attachment's or a folder
    the site generates, and claimed by one document only — or one build would lead the old
    address to one page and another build to another.
    """
    owners: dict[str, Document] = {}  # address without case → the document at it
    for doc in site.documents:
        owners.setdefault(doc.url.casefold(), doc)
    attachments = {path.casefold(): doc for doc in site.documents for path in doc.attachment_paths()}
    claimed: dict[str, tuple[Document, str]] = {}
    for doc in site.documents:
        if not doc.moved_from:
            continue
        if doc.replaces:
            yield at(
                doc,
                "moved_from",
                _("a page variant has no address of its own: it is shown at the address of the page it replaces"),
                _("write moved_from on {replaces} instead").format(replaces=doc.replaces),
            )
            continue
        for old in doc.moved_from:
            address = page_address(old)
            folded = address.casefold()
            shown = f"/{address}"
            owner = owners.get(folded)
            if owner is doc:
                yield at(
                    doc,
                    "moved_from",
                    _("moved_from lists {old}, this page's own address {shown}").format(old=old[:-3], shown=shown),
                    _("remove it: a page does not redirect to itself"),
                )
            elif owner is not None:
                yield at(
                    doc,
                    "moved_from",
                    _("moved_from lists {old}, the address /{url} of {path}").format(
                        old=old[:-3], url=owner.url, path=owner.where.path
                    ),
                    _("remove it: that address belongs to that page, and a redirect there would take its place"),
                )
            elif not address:
                yield at(
                    doc, "moved_from", _("moved_from lists the home page's address /"), _("remove it from moved_from")
                )
            elif (entry := reserved_by(address + "index.html")) is not None:
                yield at(
                    doc,
                    "moved_from",
                    _("moved_from lists {old}, an address the site generates for {what} ({entry})").format(
                        old=old[:-3], what=_(RESERVED_PATHS[entry]), entry=entry
                    ),
                    _("remove it from moved_from"),
                )
            elif (holder := attachments.get(folded.rstrip("/"))) is not None:
                yield at(
                    doc,
                    "moved_from",
                    _("moved_from lists {old}, where {path} publishes an attachment").format(
                        old=old[:-3], path=holder.where.path
                    ),
                    _("remove it from moved_from, or rename the attachment"),
                )
            elif folded in claimed and claimed[folded][0] is not doc:
                first = claimed[folded][0]
                yield at(
                    doc,
                    "moved_from",
                    _("moved_from lists {old}, which {path} lists too").format(old=old[:-3], path=first.where.path),
                    _("an old address leads to one page: keep it in the moved_from of one of them"),
                )
            else:
                claimed.setdefault(folded, (doc, old))


def history_problems(site: Site, clock: dt.date) -> Iterator[Problem]:
    """Every problem of the site's withdrawals, change notes and old addresses at `clock`."""
    for doc in site.documents:
        if doc.is_item:
            yield from withdrawn_item_says_when_and_why(doc, site)
            yield from withdrawal_record_only_when_withdrawn(doc, site)
            yield from withdrawal_not_after_today(doc, clock)
            yield from change_notes_within_the_items_life(doc, clock)
    yield from old_addresses_lead_to_one_page(site)
