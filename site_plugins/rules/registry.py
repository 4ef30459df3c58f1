"""Rules of the organization registry (catalogs/organizations.yml, Art. 4, 11)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Problem, Registry
from ..vocab import OrgKind


def registry_is_one_tree(registry: Registry) -> Iterator[Problem]:
    """Art. 4: the organizations form one tree under one root; every parent exists."""
    roots = registry.roots()
    for org in registry:
        if org.parent and org.parent not in registry:
            yield Problem(
                org.where.path,
                org.where.of("parent"),
                f"'{org.id}' names parent '{org.parent}', which is not in the registry",
                "use the id of its superior organization",
                "Art. 4",
            )
        elif org.parent == org.id or (org.parent and org.id in registry.ancestors(org.parent)):
            yield Problem(
                org.where.path,
                org.where.of("parent"),
                f"'{org.id}' is its own superior (the parents form a cycle)",
                "point 'parent' at the real superior organization",
                "Art. 4",
            )
    if len(registry) and len(roots) != 1:
        names = ", ".join(roots) or "none"
        line = registry[roots[1]].where.start if len(roots) > 1 else 1
        path = next(iter(registry)).where.path
        yield Problem(
            path,
            line,
            f"the registry must have exactly one root (found: {names})",
            "give every organization but the top one a 'parent'",
            "Art. 4",
        )


def grassroots_have_a_sector(registry: Registry) -> Iterator[Problem]:
    """Art. 11: a grassroots organization says which sector it serves, and only it does."""
    for org in registry:
        if org.kind == OrgKind.GRASSROOTS and not org.sector:
            yield Problem(
                org.where.path,
                org.where.start,
                f"grassroots organization '{org.id}' has no 'sector'",
                "add sector: township, village, soe, private, social, public-institution or agency",
                "Art. 11",
            )
        if org.kind and org.kind != OrgKind.GRASSROOTS and org.sector:
            yield Problem(
                org.where.path,
                org.where.of("sector"),
                f"'{org.id}' is a {org.kind}, but only grassroots organizations have a sector",
                "remove 'sector' or set kind: grassroots",
                "Art. 11",
            )
