"""Rules of the organization registry (catalogs/organizations.yml, Art. 4, 11; the codes of index numbers)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fields import quoted
from ..i18n import _
from ..model import Organization, Problem, Registry
from ..vocab import OrgKind


def registry_is_one_tree(registry: Registry) -> Iterator[Problem]:
    """Art. 4: the organizations form one tree under one root; every parent exists."""
    roots = registry.roots()
    for org in registry:
        if org.parent and org.parent not in registry:
            yield Problem(
                org.where.path,
                org.where.of("parent"),
                _("'{id}' names parent '{parent}', which is not in the registry").format(id=org.id, parent=org.parent),
                _("use the id of its superior organization"),
                "Art. 4",
            )
        elif org.parent == org.id or (org.parent and org.id in registry.ancestors(org.parent)):
            yield Problem(
                org.where.path,
                org.where.of("parent"),
                _("'{id}' is its own superior (the parents form a cycle)").format(id=org.id),
                _("point 'parent' at the real superior organization"),
                "Art. 4",
            )
    if len(registry) and len(roots) != 1:
        names = ", ".join(roots) or "none"
        line = registry[roots[1]].where.start if len(roots) > 1 else 1
        path = next(iter(registry)).where.path
        yield Problem(
            path,
            line,
            _("the registry must have exactly one root (found: {names})").format(names=names),
            _("give every organization but the top one a 'parent'"),
            "Art. 4",
        )


def grassroots_have_a_sector(registry: Registry) -> Iterator[Problem]:
    """Art. 11: a grassroots organization says which sector it serves, and only it does."""
    for org in registry:
        if org.kind == OrgKind.GRASSROOTS and not org.sector:
            yield Problem(
                org.where.path,
                org.where.start,
                _("grassroots organization '{id}' has no 'sector'").format(id=org.id),
                _("add sector: township, village, soe, private, social, public-institution or agency"),
                "Art. 11",
            )
        if org.kind and org.kind != OrgKind.GRASSROOTS and org.sector:
            yield Problem(
                org.where.path,
                org.where.of("sector"),
                _("'{id}' is a {kind}, but only grassroots organizations have a sector").format(
                    id=org.id, kind=org.kind
                ),
                _("remove 'sector' or set kind: grassroots"),
                "Art. 11",
            )


# 机构代码: what an index number (索引号) begins with — letters, digits and '-' (no '/': the pattern's separator).
ORG_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,31}$")
# 统一社会信用代码 (GB 32100-2015): 18 characters of this alphabet, the last one a check character.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check(code: str) -> str | None:
    """The check character a 统一社会信用代码 whose first 17 characters are `code[:17]` must end
    with, or None if `code` is not 18 characters of the code's alphabet."""
    if len(code) != 18 or any(char not in _CREDIT_ALPHABET for char in code):
        return None
    total = sum(_CREDIT_ALPHABET.index(char) * weight for char, weight in zip(code, _CREDIT_WEIGHTS, strict=False))
    return _CREDIT_ALPHABET[(31 - total % 31) % 31]


def organization_codes_identify_one_organization(registry: Registry) -> Iterator[Problem]:
    """索引号: an organization's `code` (its 机构代码, else its id) begins the index numbers of its
    items, so it is written as an id may be, a 统一社会信用代码 has its right check character, and
    no two organizations share one — compared without case, as index numbers are."""
    holders: dict[str, Organization] = {}
    for org in registry:
        if org.code is not None:
            if not ORG_CODE.match(org.code):
                yield Problem(
                    org.where.path,
                    org.where.of("code"),
                    _("code '{quoted}' of '{id}' has characters other than letters, digits and '-'").format(
                        quoted=quoted(org.code), id=org.id
                    ),
                    _("write the organization's code as issued, e.g. its 统一社会信用代码 11150000MB0000000X"),
                    "索引号",
                )
                continue
            check = credit_code_check(org.code.upper())
            if check is not None and org.code[-1].upper() != check:
                yield Problem(
                    org.where.path,
                    org.where.of("code"),
                    _(
                        "code '{code}' of '{id}' is not a valid 统一社会信用代码: its check character (the last) would be '{check}'"
                    ).format(code=org.code, id=org.id, check=check),
                    _("copy the code again from the organization's certificate; a typo changes the check character"),
                    "索引号",
                )
        key = org.index_code.casefold()
        first = holders.setdefault(key, org)
        if first is not org:
            what = _("code") if org.code else _("id (it has no code)")
            yield Problem(
                org.where.path,
                org.where.of("code" if org.code else "id"),
                _(
                    "'{id}' would number its items {index_code}/…, as '{first_id}' (line {start}) does: its {what} is the other's code"
                ).format(id=org.id, index_code=org.index_code, first_id=first.id, start=first.where.start, what=what),
                _("give each organization its own code: two organizations' index numbers must never meet"),
                "索引号",
            )
