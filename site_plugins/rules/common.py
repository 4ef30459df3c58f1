"""What every rule module needs: a problem located at a field of a document."""

from __future__ import annotations

from ..model import Document, Problem


def at(doc: Document, field: str, message: str, hint: str, rule: str = "") -> Problem:
    """A problem of `doc`, on the line where `field` is written (its first line if unknown)."""
    return Problem(doc.where.path, doc.where.of(field), message, hint, rule)


def linked_items(doc: Document) -> tuple[tuple[str, str, str], ...]:
    """The items `doc` links by id, as (field, id, article): what it interprets (Art. 25) or
    corrects (Art. 26), and the outcome its consultation names (Art. 18(5), 22)."""
    found = [(field, target, rule) for field, rule in _LINKS if (target := getattr(doc, field))]
    if doc.consultation is not None and doc.consultation.outcome:
        found.append(("consultation.outcome", doc.consultation.outcome, "Art. 18(5)"))
    return tuple(found)


_LINKS = (("interprets", "Art. 25"), ("corrects", "Art. 26"))
