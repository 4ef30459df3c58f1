"""`disclose diff`: what a change makes visible, changes or hides, per audience.

A reviewer approving a merge request must see exactly what becomes public (or
party-visible) with it.  Each side of the comparison is read from git itself, never by
checking anything out, so the working tree, the index and HEAD are untouched; the second
side may be the working tree (`sides`).  Both sides go through the same `load_site`,
`validate` and `audience.publish` as a build, so the diff cannot disagree with what a
build publishes (`compare`).

For every audience — public, party, and unit:<org> for each organization touched by a
changed item — the result lists documents that become visible (added), stop being
visible (removed) and stay visible but change (title, body, attachments by content
hash, scope, dates …: a document's record, `record.document_record`), the same for
catalog entries, and items that are approved and would be visible but are embargoed
until a later date (scheduled), since those go live without another review.  A unit
build sees all that the party build sees, so a unit list holds only what goes beyond
the party list (unit and specific scopes).  A side that fails validation has its
problems reported; like the preview, its broken files are left out and the rest is
compared.  `format_diff` writes the result for people (`text`).
"""

from __future__ import annotations

from .compare import AudienceRecords, diff_revisions
from .sides import CATALOGS, CONTENT, DOCUMENT_FIELDS, ENTRY_FIELDS, Side, load_side
from .text import format_diff

__all__ = [
    "CATALOGS",
    "CONTENT",
    "DOCUMENT_FIELDS",
    "ENTRY_FIELDS",
    "AudienceRecords",
    "Side",
    "diff_revisions",
    "format_diff",
    "load_side",
]
