"""What every rule module needs: a problem located at a field of a document."""

from __future__ import annotations

from ..model import Document, Problem


def at(doc: Document, field: str, message: str, hint: str, rule: str = "") -> Problem:
    """A problem of `doc`, on the line where `field` is written (its first line if unknown)."""
    return Problem(doc.where.path, doc.where.of(field), message, hint, rule)
