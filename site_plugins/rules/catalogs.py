"""Rules of the disclosure catalogs (党务公开目录, catalogs/<org>.yml, Art. 14, 17, 20)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..i18n import _
from ..model import Catalog, Entry, Problem, Registry
from ..vocab import Timing


def catalog_belongs_to_a_known_org(catalog: Catalog, registry: Registry) -> Iterator[Problem]:
    """Art. 14: a catalog is adopted by an organization of the registry."""
    if catalog.org not in registry:
        yield Problem(
            catalog.where.path,
            catalog.where.of("org"),
            _("catalog of unknown organization '{org}'").format(org=catalog.org),
            _("add the organization to catalogs/organizations.yml or fix 'org'"),
            "Art. 14",
        )


def catalog_dates_in_order(catalog: Catalog, registry: Registry) -> Iterator[Problem]:
    """Art. 14: a catalog is filed with the superior after it was adopted."""
    if catalog.adopted_on and catalog.filed_on and catalog.filed_on < catalog.adopted_on:
        yield Problem(
            catalog.where.path,
            catalog.where.of("filed_on"),
            _("filed_on {filed_on} is before adopted_on {adopted_on}").format(
                filed_on=catalog.filed_on, adopted_on=catalog.adopted_on
            ),
            _("a catalog is filed (备案) after the organization adopts it"),
            "Art. 14",
        )


def catalog_entries_well_formed(catalog: Catalog, registry: Registry) -> Iterator[Problem]:
    """Art. 14, 17, 20: entry ids unique; periodic entries have a period; at least one method.

    Run over every entry of every catalog: 80,000 catalogs of ~15 entries in a region.
    An entry taken from a template is judged again in each catalog that has it, but its
    problems point at the template's line, so `validate` reports each once.
    """
    seen: dict[str, Entry] = {}
    for entry in catalog.entries:
        first = seen.setdefault(entry.id, entry)
        if first is not entry:
            yield Problem(
                entry.where.path,
                entry.where.of("id"),
                _("entry id '{id}' is used twice in this catalog").format(id=entry.id),
                _("the first is at line {line}; give each entry a unique id").format(line=first.where.of("id")),
                "Art. 14",
            )
        timing = entry.timing
        if timing == Timing.PERIODIC:
            if not entry.period:
                yield Problem(
                    entry.where.path,
                    entry.where.start,
                    _("periodic entry '{id}' has no 'period'").format(id=entry.id),
                    _("add period: monthly, quarterly, half-yearly or yearly"),
                    "Art. 17",
                )
        elif timing and entry.period:
            yield Problem(
                entry.where.path,
                entry.where.of("period"),
                _("entry '{id}' is {timing} but gives a period").format(id=entry.id, timing=timing),
                _("remove 'period' or set timing: periodic"),
                "Art. 17",
            )
        if not entry.methods:
            yield Problem(
                entry.where.path,
                entry.where.start,
                _("entry '{id}' names no disclosure method").format(id=entry.id),
                _("add methods: [website, bulletin-board] or the ways it is disclosed"),
                "Art. 20",
            )


CATALOG_RULES: tuple[Callable[[Catalog, Registry], Iterable[Problem]], ...] = (
    catalog_belongs_to_a_known_org,
    catalog_dates_in_order,
    catalog_entries_well_formed,
)
