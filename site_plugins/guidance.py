"""Catalog templates (党务公开指导目录, Art. 14): a catalog made from its superior's guidance.

Art. 14 has superiors guide the catalogs of their subordinates ("加强对本系统本领域党务
公开目录编制的监督和指导").  A template (`catalogs/templates/<id>.yml`) is such guidance: the
entries every organization of a kind discloses, issued by a guiding organization.  A
catalog that says `extends: <id>` takes the template's entries and may

* `remove:` entries the template does not mark `required: true`;
* `narrow:` an entry — a narrower scope (Art. 15: never wider), a shorter period
  (Art. 17: at least as often), fewer methods (Art. 20), its own department;
* add `entries:` of its own (new ids only);

and states its own adoption and filing as every catalog does.  A template may itself
extend another template (a league's guidance built on the region's).  The expanded
catalog is a plain `Catalog`: validation, pages and the dashboard never see a template.

Everything a catalog may not do is a `Problem` at the line of the key that does it, and is
not applied: an expanded catalog is never wider than its templates allow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .fields import closest
from .i18n import _
from .model import Catalog, Entry, Lines, Problem, Registry
from .vocab import Method, PeriodKind, Scope, Timing

TEMPLATES_FOLDER = "templates"  # under catalogs/


@dataclass(frozen=True)
class Narrowing:
    """What a catalog changes in one entry it takes from its template (`narrow:`): never wider."""

    id: str
    scope: Scope | None
    period: PeriodKind | None
    methods: tuple[Method, ...] | None
    department: str | None
    where: Lines


@dataclass(frozen=True)
class Extension:
    """How a catalog or template is made from a template: `extends`, `remove`, `narrow`.

    `where` holds the lines of the file's own keys (`extends`, `remove`, `narrow`, …).
    """

    template: str
    remove: tuple[str, ...]
    narrow: tuple[Narrowing, ...]
    where: Lines


@dataclass(frozen=True)
class Template:
    """A guidance catalog (指导目录): entries a superior sets for catalogs of a kind (Art. 14).

    `entries` are its own (added to what it extends); `required` the ids of its own
    entries a catalog may not remove; `scope`, when given, the widest scope a catalog
    made from it may itself be published in (Art. 14 "按照规定在党内或者向社会公开").
    """

    id: str
    title: str
    issued_by: str | None
    issued_on: dt.date | None
    scope: Scope | None
    entries: tuple[Entry, ...]
    required: frozenset[str]
    extension: Extension | None
    where: Lines


@dataclass(frozen=True)
class CatalogSource:
    """A catalog file as read: the catalog with its own entries only, and what it extends."""

    catalog: Catalog
    extension: Extension | None


@dataclass(frozen=True)
class Expanded:
    """A template with everything it extends applied: the entries a catalog starts from."""

    id: str
    entries: tuple[Entry, ...]
    required: frozenset[str]
    scope: Scope | None  # the narrowest ceiling along the chain
    path: str  # the template's file, for messages


def template_path(catalogs_dir: str, template_id: str) -> str:
    return f"{catalogs_dir}/{TEMPLATES_FOLDER}/{template_id}.yml"


class Expander:
    """Expands catalogs against the site's templates; each template is expanded once.

    `templates`: the templates read (by id); `catalog_orgs`: the organizations that have a
    catalog file (an `extends:` naming one of them is refused); `registry` for
    `issued_by`.  Problems go to `problems`.
    """

    def __init__(
        self,
        templates: Mapping[str, Template],
        catalog_orgs: Iterable[str],
        registry: Registry,
        problems: list[Problem],
        catalogs_dir: str = "catalogs",
    ) -> None:
        self.templates = templates
        self.catalog_orgs = frozenset(catalog_orgs)
        self.registry = registry
        self.problems = problems
        self.catalogs_dir = catalogs_dir
        self._expanded: dict[str, Expanded | None] = {}
        self._expanding: list[str] = []

    # ----------------------------------------------------------------- templates

    def template(self, template_id: str) -> Expanded | None:
        """The template with its chain applied (computed once); None if it cannot be expanded."""
        if template_id in self._expanded:
            return self._expanded[template_id]
        template = self.templates[template_id]
        self._expanding.append(template_id)
        try:
            result = self._expand_template(template)
        finally:
            self._expanding.pop()
        self._expanded[template_id] = result
        return result

    def _expand_template(self, template: Template) -> Expanded | None:
        path = template.where.path
        if template.issued_by is not None and template.issued_by not in self.registry:
            self.problems.append(
                Problem(
                    path,
                    template.where.of("issued_by"),
                    _("template '{id}' is issued by '{issued_by}', which is not in the registry").format(
                        id=template.id, issued_by=template.issued_by
                    ),
                    _("name the guiding organization by its id in catalogs/organizations.yml"),
                    "Art. 14",
                )
            )
        own = tuple(template.entries)
        if template.extension is None:
            return Expanded(template.id, own, template.required, template.scope, path)
        base = self._base(template.extension, path, _("template '{id}'").format(id=template.id))
        if base is None:  # reported where it fails; the template's own entries still stand
            return Expanded(template.id, own, template.required, template.scope, path)
        scope = self._ceiling(base, template.scope, template.where, _("template '{id}'").format(id=template.id))
        entries = self._apply(base, template.extension, own, path)
        required = (base.required - set(template.extension.remove)) | template.required
        return Expanded(template.id, entries, frozenset(required), scope, path)

    def _base(self, extension: Extension, path: str, what: str) -> Expanded | None:
        """The expanded template `extension` names, or None with a problem at `extends`."""
        wanted = extension.template
        line = extension.where.of("extends")
        if wanted in self._expanding:
            cycle = " → ".join([*self._expanding[self._expanding.index(wanted) :], wanted])
            self.problems.append(
                Problem(
                    path,
                    line,
                    _("{what} extends '{wanted}', which extends it again: the templates form a cycle ({cycle})").format(
                        what=what, wanted=wanted, cycle=cycle
                    ),
                    _("remove one of the 'extends' lines: a template builds on a more general one, never back"),
                    "Art. 14",
                )
            )
            return None
        if wanted not in self.templates:
            folder = f"{self.catalogs_dir}/{TEMPLATES_FOLDER}/"
            if wanted in self.catalog_orgs or wanted in self.registry:
                self.problems.append(
                    Problem(
                        path,
                        line,
                        _("{what} extends '{wanted}', an organization's own catalog, not a template").format(
                            what=what, wanted=wanted
                        ),
                        _(
                            "extend a guidance template under {folder} (an organization's catalog is its own and changes with it); to share {wanted}'s entries, issue them as a template there"
                        ).format(folder=folder, wanted=wanted),
                        "Art. 14",
                    )
                )
            else:
                close = closest(wanted, set(self.templates))
                self.problems.append(
                    Problem(
                        path,
                        line,
                        _("{what} extends '{wanted}', and there is no template {folder}{wanted}.yml").format(
                            what=what, wanted=wanted, folder=folder
                        ),
                        _("did you mean '{close}'?").format(close=close)
                        if close
                        else _("write the id of a template in {folder}").format(folder=folder),
                        "Art. 14",
                    )
                )
            return None
        return self.template(wanted)

    def _ceiling(self, base: Expanded, scope: Scope | None, where: Lines, what: str) -> Scope | None:
        """The narrower of `base`'s ceiling and `scope`; a `scope` wider than the ceiling is a problem."""
        ceiling = base.scope
        if ceiling is None or not isinstance(ceiling, Scope):
            return scope
        if scope is None or not isinstance(scope, Scope):
            return ceiling
        if scope.width > ceiling.width:
            self.problems.append(
                Problem(
                    where.path,
                    where.of("scope"),
                    _("{what} is published with scope {scope}, wider than template '{id}' allows ({ceiling})").format(
                        what=what, scope=scope, id=base.id, ceiling=ceiling
                    ),
                    _("set scope: {ceiling} or narrower (Art. 15: never wider than the guidance)").format(
                        ceiling=ceiling
                    ),
                    "Art. 14",
                )
            )
            return ceiling
        return scope

    # ----------------------------------------------------------------- catalogs

    def catalog(self, source: CatalogSource) -> Catalog:
        """The catalog with its template's entries: as written when it extends nothing."""
        catalog, extension = source.catalog, source.extension
        if extension is None:
            return catalog
        path = catalog.where.path
        base = self._base(extension, path, _("the catalog of '{org}'").format(org=catalog.org))
        if base is None:
            return catalog
        self._ceiling(base, catalog.scope, catalog.where, _("the catalog of '{org}'").format(org=catalog.org))
        entries = self._apply(base, extension, catalog.entries, path)
        return dataclasses.replace(catalog, entries=entries)

    # ----------------------------------------------------------------- remove, narrow, add

    def _apply(self, base: Expanded, extension: Extension, own: tuple[Entry, ...], path: str) -> tuple[Entry, ...]:
        """`base`'s entries without the removed ones, narrowed, then `own` (new ids only)."""
        index = {entry.id: entry for entry in base.entries}
        removed = self._removed(base, extension, index, path)
        narrowed: dict[str, Entry] = {}
        for narrowing in extension.narrow:
            entry = self._narrowed(base, narrowing, index, removed, narrowed)
            if entry is not None:
                narrowed[narrowing.id] = entry
        entries = [narrowed.get(entry.id, entry) for entry in base.entries if entry.id not in removed]
        for entry in own:
            if entry.id in index:
                self.problems.append(
                    Problem(
                        entry.where.path,
                        entry.where.of("id"),
                        _("entry '{id}' is already in template '{base_id}' ({path}:{start})").format(
                            id=entry.id,
                            base_id=base.id,
                            path=index[entry.id].where.path,
                            start=index[entry.id].where.start,
                        ),
                        _(
                            "to change it, list it under 'narrow:'; to leave it out, under 'remove:' — an entry of your own needs an id of its own"
                        ),
                        "Art. 14",
                    )
                )
                continue
            entries.append(entry)
        return tuple(entries)

    def _removed(self, base: Expanded, extension: Extension, index: dict[str, Entry], path: str) -> set[str]:
        removed: set[str] = set()
        line = extension.where.of("remove")
        for entry_id in extension.remove:
            if entry_id not in index:
                close = closest(entry_id, set(index) - removed)
                self.problems.append(
                    Problem(
                        path,
                        line,
                        _("'remove' names '{entry_id}', which template '{id}' has no entry of").format(
                            entry_id=entry_id, id=base.id
                        ),
                        _("did you mean '{close}'?").format(close=close)
                        if close
                        else _("name entries of {path}").format(path=base.path),
                        "Art. 14",
                    )
                )
            elif entry_id in base.required:
                self.problems.append(
                    Problem(
                        path,
                        line,
                        _("'remove' names '{entry_id}', which template '{id}' requires (required: true)").format(
                            entry_id=entry_id, id=base.id
                        ),
                        _(
                            "keep it — narrow its scope or methods under 'narrow:' if it must reach fewer readers; only the template's issuer can make it optional"
                        ),
                        "Art. 14",
                    )
                )
            elif entry_id in removed:
                self.problems.append(
                    Problem(
                        path,
                        line,
                        _("'remove' names '{entry_id}' twice").format(entry_id=entry_id),
                        _("name each entry once"),
                        "Art. 14",
                    )
                )
            else:
                removed.add(entry_id)
        return removed

    def _narrowed(
        self,
        base: Expanded,
        narrowing: Narrowing,
        index: dict[str, Entry],
        removed: set[str],
        done: dict[str, Entry],
    ) -> Entry | None:
        """The template's entry with `narrowing` applied, or None (with problems) where it is not allowed."""
        where = narrowing.where
        entry = index.get(narrowing.id)

        def refuse(field: str, message: str, hint: str, rule: str) -> None:
            self.problems.append(Problem(where.path, where.of(field), message, hint, rule))

        if entry is None:
            close = closest(narrowing.id, set(index))
            refuse(
                "id",
                _("'narrow' names '{id}', which template '{base_id}' has no entry of").format(
                    id=narrowing.id, base_id=base.id
                ),
                _("did you mean '{close}'?").format(close=close)
                if close
                else _("name an entry of {path}").format(path=base.path),
                "Art. 14",
            )
            return None
        if narrowing.id in removed:
            refuse(
                "id",
                _("entry '{id}' is both removed and narrowed").format(id=narrowing.id),
                _("keep one of the two"),
                "Art. 14",
            )
            return None
        if narrowing.id in done:
            refuse(
                "id",
                _("entry '{id}' is narrowed twice").format(id=narrowing.id),
                _("put its changes under one '- id:'"),
                "Art. 14",
            )
            return None
        ok = True
        changes: dict[str, object] = {}
        if narrowing.scope is not None and isinstance(entry.scope, Scope) and isinstance(narrowing.scope, Scope):
            if narrowing.scope.width > entry.scope.width:
                narrower = ", ".join(s for s in Scope if s.width <= entry.scope.width)
                refuse(
                    "scope",
                    _(
                        "'narrow' gives entry '{id}' scope {scope}, wider than template '{base_id}' allows ({entry_scope})"
                    ).format(id=entry.id, scope=narrowing.scope, base_id=base.id, entry_scope=entry.scope),
                    _("use one of {narrower} — a catalog may narrow who sees an entry, never widen it").format(
                        narrower=narrower
                    ),
                    "Art. 15",
                )
                ok = False
            else:
                changes["scope"] = narrowing.scope
        if narrowing.period is not None and isinstance(narrowing.period, PeriodKind):
            if entry.timing != Timing.PERIODIC or not isinstance(entry.period, PeriodKind):
                refuse(
                    "period",
                    _("entry '{id}' is {value}: it has no period to narrow").format(
                        id=entry.id, value=entry.timing or _("not periodic")
                    ),
                    _("remove 'period' from the narrowing"),
                    "Art. 17",
                )
                ok = False
            elif narrowing.period.months > entry.period.months:
                refuse(
                    "period",
                    _(
                        "'narrow' gives entry '{id}' period {period}, less often than template '{base_id}' requires ({entry_period})"
                    ).format(id=entry.id, period=narrowing.period, base_id=base.id, entry_period=entry.period),
                    _("a catalog may disclose more often than its template, never less often"),
                    "Art. 17",
                )
                ok = False
            else:
                changes["period"] = narrowing.period
        if narrowing.methods is not None:
            extra = [m for m in narrowing.methods if m not in entry.methods]
            if extra:
                refuse(
                    "methods",
                    _("'narrow' gives entry '{id}' methods the template does not ({names})").format(
                        id=entry.id, names=", ".join(extra)
                    ),
                    _("choose among the template's methods: {names}").format(names=", ".join(entry.methods)),
                    "Art. 20",
                )
                ok = False
            elif not narrowing.methods:
                refuse(
                    "methods",
                    _("'narrow' leaves entry '{id}' no method").format(id=entry.id),
                    _("keep at least one"),
                    "Art. 20",
                )
                ok = False
            else:
                changes["methods"] = narrowing.methods
        if narrowing.department is not None:
            changes["department"] = narrowing.department
        if not ok:
            return None
        # Problems about the narrowed entry point at the narrowing, in the catalog.
        fields = dict(entry.where.fields) if entry.where.path == where.path else {}
        fields.update(where.fields)
        return dataclasses.replace(entry, where=Lines(where.path, where.start, fields), **changes)  # type: ignore[arg-type]
