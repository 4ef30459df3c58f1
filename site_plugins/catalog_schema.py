"""The catalog and template schemas: `catalogs/<org>.yml` and `catalogs/templates/<id>.yml`.

Each reads one file into the model through `fields.Reader`, collecting every problem with
its line; a value it cannot read is left as None (or the empty word) for `rules` to judge.
A catalog is read as written — its own entries and what it `extends` (a `CatalogSource`);
`guidance.Expander` then makes the catalog the rest of the product sees.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .fields import Reader, closest
from .guidance import CatalogSource, Extension, Narrowing, Template
from .i18n import N_, _
from .model import Catalog, Entry, Lines, Problem
from .vocab import METHODS, Method, PeriodKind, Scope, Timing
from .walk import read_text
from .yamlpos import LineMap, parse_yaml

# A required word the loader could not read: reported, so such a site is never built.
UNREAD: Any = ""

# title_mn: the entry's title in Traditional Mongolian script (rules/translations.py judges it).
ENTRY_FIELDS = {"id", "title", "title_mn", "basis", "scope", "timing", "period", "methods", "department"}
EXTENSION_FIELDS = {"extends", "remove", "narrow"}
CATALOG_FIELDS = {"org", "adopted_on", "filed_with", "filed_on", "scope", "entries"} | EXTENSION_FIELDS
TEMPLATE_FIELDS = {"template", "title", "issued_by", "issued_on", "scope", "entries"} | EXTENSION_FIELDS
NARROWING_FIELDS = {"id", "scope", "period", "methods", "department"}
# What a narrowing cannot change, and why: the hint of its problem.
NOT_NARROWED = {
    "title": N_("the title is the template's"),
    "title_mn": N_("the Mongolian title is the template's"),
    "basis": N_("the article an entry implements is the template's"),
    "timing": N_("the timing is the template's (Art. 17); narrow its period instead"),
    "required": N_("only the template's issuer decides what is required"),
}


def _as_written(word: str) -> Any:  # noqa: ANN401 - a word outside its vocabulary, already reported
    return word


def _read(path: Path, rel: str, problems: list[Problem], what: str, fields: str) -> LineMap | None:
    """The file's YAML mapping, or None with a problem."""
    try:
        data = parse_yaml(read_text(path), rel, problems)
    except UnicodeDecodeError:
        problems.append(Problem(rel, 0, _("file is not UTF-8 text"), _("save the file as UTF-8")))
        return None
    except OSError as error:
        problems.append(
            Problem(
                rel,
                0,
                _("cannot be read: {strerror}").format(strerror=error.strerror),
                _("check the file and run again"),
            )
        )
        return None
    if not isinstance(data, LineMap):
        if not any(p.path == rel for p in problems):
            problems.append(
                Problem(
                    rel,
                    1,
                    _("{what} must be a mapping with {fields} …").format(what=what, fields=fields),
                    _("see README, 'The registry and catalogs'"),
                )
            )
        return None
    return data


def _entries(r: Reader, rel: str, problems: list[Problem], *, templated: bool) -> tuple[list[Entry], set[str]]:
    what = _("template") if templated else _("catalog")
    """The entries under `entries:` and, in a template, the ids marked `required: true`."""
    entries: list[Entry] = []
    required: set[str] = set()
    raw_entries = r.data.get("entries")
    if raw_entries is None:
        if "extends" not in r.data:
            r.problem(
                None,
                _("the {what} has no 'entries'").format(what=what),
                _("list the {what}'s entries under 'entries:', or extend a template").format(what=what),
            )
        return entries, required
    if not isinstance(raw_entries, list):
        r.problem("entries", _("'entries' must be a list"), _("start each entry with '- id: …'"))
        return entries, required
    known = ENTRY_FIELDS | {"required"} if templated else ENTRY_FIELDS
    for raw in raw_entries:
        if not isinstance(raw, LineMap):
            r.problem("entries", _("an entry must be a mapping of fields"), _("write '- id: …' then title, scope …"))
            continue
        e = Reader(rel, raw, problems)
        e.check_duplicates()
        if not templated and "required" in raw:
            e.problem(
                "required",
                _("'required' belongs in a template: an organization's own entries are its own to keep"),
                _("remove the line (a template under catalogs/templates/ may mark entries required: true)"),
            )
        else:
            e.check_known(known, _("a catalog entry"))
        entry_id = e.text("id", required=True)
        if entry_id is None:
            continue
        if templated and _flag(e, "required"):
            required.add(entry_id)
        entries.append(
            Entry(
                id=entry_id,
                title=e.text("title", required=True) or entry_id,
                basis=e.text("basis", required=True) or "",
                scope=e.choice("scope", Scope, required=True) or UNREAD,
                timing=e.choice("timing", Timing, required=True) or UNREAD,
                period=e.choice("period", PeriodKind),
                methods=_methods(e),
                department=e.text("department", required=True) or "",
                where=e.lines(),
                title_mn=e.text("title_mn"),
            )
        )
    return entries, required


def _methods(e: Reader) -> tuple[Method, ...]:
    methods = e.id_list("methods")
    for method in methods:
        if method not in METHODS:
            close = closest(method, set(METHODS))
            e.problem(
                "methods",
                _("unknown method '{method}' (Art. 20)").format(method=method),
                _("did you mean '{close}'?").format(close=close)
                if close
                else _("use: {names}").format(names=", ".join(METHODS)),
            )
    # an unknown method is reported above; it stays as written, for the messages
    return tuple(Method(m) if m in METHODS else _as_written(m) for m in methods)


def _flag(r: Reader, key: str) -> bool:
    value = r.data.get(key)
    if value is None or value is False:
        return False
    if value is True:
        return True
    r.problem(
        key,
        _("'{key}' must be true or false").format(key=key),
        _("write '{key}: true' or leave the line out").format(key=key),
    )
    return False


def _extension(r: Reader, rel: str, problems: list[Problem]) -> Extension | None:
    """What the file takes from a template (`extends`, `remove`, `narrow`), or None if it extends nothing."""
    template = r.text("extends")
    if template is None:
        for key in ("remove", "narrow"):
            if key in r.data and "extends" not in r.data:
                r.problem(
                    key,
                    _("'{key}' changes a template, but the file names none").format(key=key),
                    _("add 'extends: <template id>'"),
                )
        return None
    remove = r.id_list("remove")
    narrowings: list[Narrowing] = []
    raw_narrow = r.data.get("narrow")
    if raw_narrow is not None and not isinstance(raw_narrow, list):
        r.problem("narrow", _("'narrow' must be a list"), _("start each narrowed entry with '- id: …'"))
        raw_narrow = None
    for raw in raw_narrow or []:
        if not isinstance(raw, LineMap):
            r.problem(
                "narrow", _("a narrowed entry must be a mapping of fields"), _("write '- id: …' then scope, period …")
            )
            continue
        n = Reader(rel, raw, problems)
        n.check_duplicates()
        for key in raw:
            if key in NOT_NARROWED:
                n.problem(
                    key,
                    _("'{key}' cannot be narrowed: {why}").format(key=key, why=_(NOT_NARROWED[key])),
                    _(
                        "narrow scope, period, methods or department — or remove the entry and add one of your own (with an id of its own) under 'entries:'"
                    ),
                    "Art. 14",
                )
            elif key not in NARROWING_FIELDS:
                close = closest(key, NARROWING_FIELDS)
                n.problem(
                    key,
                    _("unknown field '{key}' in a narrowed entry").format(key=key),
                    _("did you mean '{close}'?").format(close=close)
                    if close
                    else _("known fields: {names}").format(names=", ".join(sorted(NARROWING_FIELDS))),
                )
        entry_id = n.text("id", required=True)
        if entry_id is None:
            continue
        if not any(key in raw for key in NARROWING_FIELDS - {"id"}):
            n.problem(
                "id",
                _("the narrowing of '{entry_id}' changes nothing").format(entry_id=entry_id),
                _("give scope, period, methods or department"),
            )
            continue
        narrowings.append(
            Narrowing(
                id=entry_id,
                scope=n.choice("scope", Scope),
                period=n.choice("period", PeriodKind),
                methods=_methods(n) if "methods" in raw else None,
                department=n.text("department"),
                where=n.lines(),
            )
        )
    return Extension(template, remove, tuple(narrowings), r.lines())


def load_catalog(path: Path, rel: str, problems: list[Problem]) -> CatalogSource | None:
    """An organization's catalog (党务公开目录, SPEC §4) as written, with what it extends."""
    data = _read(path, rel, problems, _("a catalog"), "org, adopted_on, entries")
    if data is None:
        return None
    r = Reader(rel, data, problems)
    r.check_duplicates()
    if "template" in data and "org" not in data:
        r.problem(
            "template",
            _("this is a template, not an organization's catalog"),
            _("move it to catalogs/templates/{name}: templates live in their own folder").format(name=path.name),
        )
        return None
    r.check_known(CATALOG_FIELDS, _("a catalog"))
    org = r.text("org", required=True) or ""
    entries, _narrowings = _entries(r, rel, problems, templated=False)
    extension = _extension(r, rel, problems)
    catalog = Catalog(
        org=org,
        adopted_on=r.date("adopted_on"),
        filed_with=r.text("filed_with"),
        filed_on=r.date("filed_on"),
        scope=r.choice("scope", Scope, required=True) or UNREAD,
        entries=tuple(entries),
        where=r.lines(),
    )
    return CatalogSource(catalog, extension)


def load_template(path: Path, rel: str, problems: list[Problem]) -> Template | None:
    """A guidance catalog (指导目录, Art. 14): `catalogs/templates/<id>.yml`."""
    data = _read(path, rel, problems, _("a template"), "template, title, issued_by, entries")
    if data is None:
        return None
    r = Reader(rel, data, problems)
    r.check_duplicates()
    if "org" in data and "template" not in data:
        r.problem(
            "org",
            _("this is an organization's catalog, not a template"),
            _("move it to catalogs/{name}, or write 'template: {stem}' instead of 'org:'").format(
                name=path.name, stem=path.stem
            ),
        )
        return None
    r.check_known(TEMPLATE_FIELDS, _("a template"))
    template_id = r.text("template", required=True)
    if template_id is None:
        return None
    if template_id != path.stem:
        r.problem(
            "template",
            _("template file is named '{name}' but says template: {template_id}").format(
                name=path.name, template_id=template_id
            ),
            _("name the file {name}/{template_id}.yml or fix 'template' (catalogs extend it by that id)").format(
                name=path.parent.name, template_id=template_id
            ),
        )
        return None
    entries, required = _entries(r, rel, problems, templated=True)
    return Template(
        id=template_id,
        title=r.text("title", required=True) or template_id,
        issued_by=r.text("issued_by", required=True),
        issued_on=r.date("issued_on"),
        scope=r.choice("scope", Scope),
        entries=tuple(entries),
        required=frozenset(required),
        extension=_extension(r, rel, problems),
        where=r.lines(),
    )


__all__ = ["Lines", "load_catalog", "load_template"]
