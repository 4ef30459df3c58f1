"""Files → model: the registry, the catalogs and every Markdown file under content/.

YAML is read with PyYAML's safe loader only (a `!!python/...` tag is an error, never
executed), without anchors, aliases or merge keys (a few hundred bytes of aliases expand
to gigabytes), and every mapping remembers the line of each of its keys so that every
problem can be reported as `file:line`.  Loading never stops at the first problem: it
collects them all, and leaves values it could not read as None for `rules` to judge.
Every field is checked for its type, its length and invisible control characters here,
so nothing downstream (rules, pages, feeds, the terminal) meets a value it did not expect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import (
    Approval,
    Catalog,
    Consultation,
    Document,
    Entry,
    Lines,
    Organization,
    Problem,
    Registry,
    Site,
)

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ORG_ID = SLUG


class LineMap(dict):
    """A mapping from YAML that knows the line of each key."""

    line: int = 0
    lines: dict[str, int]
    duplicates: list[tuple[str, int]]


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    # The tag of a plain scalar depends on its text only (this loader has no path
    # resolvers), and a site repeats the same few hundred values — dates, scopes, org ids —
    # tens of thousands of times; PyYAML would try its regular expressions on every one.
    _resolved: dict[str, str] = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.fast_built: dict[yaml.Node, Any] = {}  # see _construct
        self.fast_building: set[yaml.Node] = set()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode or not implicit[0] or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        tag = self._resolved.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 40 and len(self._resolved) < 100_000:
                self._resolved[value] = tag
        return tag


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_MERGE, _VALUE = "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _construct(loader: Any, node: yaml.Node) -> Any:
    """The value of one node: plain strings, lists and mappings built here, the rest by PyYAML.

    PyYAML's generic construct_object spends about a microsecond of bookkeeping per node,
    and a region has ~40 nodes in each of 20,000 front matters: most of `disclose check`.
    Every other tag (dates, numbers, booleans, and the unsafe ones the safe constructor
    rejects) still goes through it, and aliases and recursion behave as there.
    """
    tag = node.tag
    if tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    if tag == _TIMESTAMP and type(node) is yaml.ScalarNode and _PLAIN_DATE.fullmatch(node.value):
        value = node.value  # YYYY-MM-DD: the date PyYAML would build, or the text if impossible
        try:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            return str(value)
    if tag != _MAP and tag != _SEQ:
        return loader.construct_object(node, deep=True)
    if node in loader.fast_built:
        return loader.fast_built[node]
    if node in loader.fast_building:
        raise yaml.constructor.ConstructorError(None, None, "found unconstructable recursive node", node.start_mark)
    loader.fast_building.add(node)
    try:
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            value = _construct_mapping(loader, node)
        elif tag == _SEQ and isinstance(node, yaml.SequenceNode):
            value = [_construct(loader, child) for child in node.value]
        else:
            value = loader.construct_object(node, deep=True)  # PyYAML's error for a misplaced tag
    finally:
        loader.fast_building.discard(node)
    loader.fast_built[node] = value
    return value


class Refused(yaml.YAMLError):
    """YAML that parses but is not accepted: `line` (0-based in the text parsed), message, hint."""

    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


SHARED_VALUE = ("YAML anchors (&name), aliases (*name) and merge keys (<<) are not allowed",
                "write the value out in full")
# Lists and mappings inside each other: an item needs 3 levels (approval.superior.org), a
# catalog 4 (entries, an entry, its methods).  A value so deep that building it reaches
# Python's recursion limit (a few hundred levels; libyaml stops at 1,000) is refused, not a
# traceback, and reported at the first node deeper than this; anything less deep is
# refused by the field's own reader (text, a list of names …).
DEEPEST = 20
# Line breaks to YAML that an editor shows within one line (and that would shift every
# line number after them).
_HIDDEN_BREAKS = ("\u2028", "\u2029", "\x85")


def _load(text: str) -> Any:
    """yaml.load(text, Loader=_LineLoader), through `_construct`; Refused for what we do not accept."""
    line = _shared_value_line(text)
    if line is not None:
        raise Refused(line, *SHARED_VALUE)
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _construct(loader, node)
        except RecursionError:
            raise Refused(_too_deep_line(node), "lists and mappings are nested too deeply here",
                          "write the field as the format describes: text, a list or a few fields") from None
    finally:
        loader.dispose()


def _shared_value_line(text: str) -> int | None:
    """The 0-based line of the first anchor or alias in `text`, or None.

    Why: nine aliases of nine aliases of … (the "billion laughs") make a few hundred
    bytes a value of billions of elements, which hangs whatever prints or walks it, and
    editors never need them.  The C parser composes aliases without calling back into
    Python, so they are found by the scanner's tokens instead — and only where the text
    has an '&' or a '*' at all: that costs nothing measurable on ordinary front matter.
    (Merge keys are refused in _construct_mapping, whose loop sees every key anyway.)
    """
    if "&" not in text and "*" not in text:
        return None
    scanner = _BaseLoader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                return token.start_mark.line
    except yaml.YAMLError:
        pass  # the text does not parse: the parse itself reports where
    finally:
        scanner.dispose()
    return None


def _too_deep_line(root: yaml.Node) -> int:
    """The 0-based line of the first node nested more than DEEPEST levels under `root`."""
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > DEEPEST:
            return node.start_mark.line
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in reversed(node.value) for child in reversed(pair))
    return root.start_mark.line


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineMap:
    # No flatten_mapping: a merge key, however it is spelt (`<<`, `!!merge`), is refused
    # below, where the key is seen anyway.
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.lines = {}
    mapping.duplicates = []
    for key_node, value_node in node.value:
        # Keys are taken as written: YAML 1.1 would read `on:` (superior.on) as True.
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be plain text", key_node.start_mark
            )
        if key_node.tag != _STR:
            if key_node.tag == _MERGE:
                raise Refused(key_node.start_mark.line, *SHARED_VALUE)
            if key_node.tag != _VALUE:  # `=`, which flatten_mapping made a string
                _construct(loader, key_node)  # still rejects unsafe tags on keys
        key = str(key_node.value)
        value = _construct(loader, value_node)
        if key in mapping:
            mapping.duplicates.append((key, key_node.start_mark.line + 1))
        mapping[key] = value
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    # An impossible date such as 2026-13-01 would raise ValueError deep in PyYAML; keep
    # the text so the field's reader reports it with its line.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return str(node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass
class Reader:
    """Reads typed fields out of one YAML mapping, recording problems with their lines."""

    path: str
    data: LineMap
    problems: list[Problem]
    line_offset: int = 0

    def line(self, key: str | None = None) -> int:
        if key is not None and key in self.data.lines:
            return self.data.lines[key] + self.line_offset
        return self.data.line + self.line_offset

    def lines(self) -> Lines:
        return Lines(self.path, self.line(), {k: v + self.line_offset for k, v in self.data.lines.items()})

    def problem(self, key: str | None, message: str, hint: str = "", rule: str = "") -> None:
        self.problems.append(Problem(self.path, self.line(key), message, hint, rule))

    def check_duplicates(self) -> None:
        for key, line in self.data.duplicates:
            self.problems.append(
                Problem(self.path, line + self.line_offset, f"field '{key}' is given twice",
                        "keep one of the two lines")
            )

    def check_known(self, known: set[str], what: str) -> None:
        for key in self.data:
            if key not in known:
                close = _closest(key, known)
                hint = f"did you mean '{close}'?" if close else f"known fields: {', '.join(sorted(known))}"
                self.problem(key, f"unknown field '{_shown(key)}' in {what}", hint)

    def text(self, key: str, required: bool = False, what: str = "") -> str | None:
        """A text field, stripped; None (with a problem) for a number, date, list … or control characters.

        A number or a date where text is expected is reported, not converted: YAML has
        already read `id: 0123` as 83 and `title: 2026-03-05` as a date, so str() of it
        would not be what the editor wrote.
        """
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, f"missing required field '{key}'{what}", f"add a line '{key}: …'")
            return None
        if type(value) is not str:
            hint = (f"write '{key}: <text>'" if isinstance(value, dict | list)
                    else f"put it in quotes to make it text, as written: {key}: '…'")
            self.problem(key, f"'{key}' must be text, not {_kind(value)}", hint)
            return None
        value = value.strip()
        if len(value) > LONGEST.get(key, NAME_LONGEST) or not value.isprintable():
            return self._checked(key, value)
        return value

    def _checked(self, key: str, value: str) -> str | None:
        """`value` with a problem if it is too long (kept) or has control characters (None)."""
        multiline = key in MULTILINE
        bad = next((char for char in value if _is_control(char, multiline)), None)
        if bad == "\n":
            self.problem(key, f"'{key}' must be one line", f"write '{key}' on a single line, without '|' or '\\n'")
            return None
        if bad is not None:
            self.problem(key, f"'{key}' contains the invisible control character U+{ord(bad):04X}",
                         "delete it (retype the text if you cannot see where it is)")
            return None
        longest = LONGEST.get(key, NAME_LONGEST)
        if len(value) > longest:
            self.problem(key, f"'{key}' is {len(value)} characters long; at most {longest} are allowed",
                         "shorten it" + (" and put the details in the body" if key in ("title", "description") else ""))
        return value

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, f"missing required field '{key}'",
                             f"add '{key}:' with one of {', '.join(allowed)}")
            return None
        if not isinstance(value, str) or value not in allowed:
            close = _closest(_shown(value), set(allowed))
            hint = f"did you mean '{close}'?" if close else f"use one of {', '.join(allowed)}"
            self.problem(key, f"'{key}' is '{_shown(value)}', which is not one of {', '.join(allowed)}", hint)
            return None
        return value

    def choices(self, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        """A list of words of a vocabulary (Material's `hide`); () with a problem for any other."""
        names = self.id_list(key)
        for name in names:
            if name not in allowed:
                close = _closest(name, set(allowed))
                hint = f"did you mean '{close}'?" if close else f"use only {', '.join(allowed)}"
                self.problem(key, f"'{key}' lists '{_shown(name)}', which is not one of {', '.join(allowed)}", hint)
                return ()
        return names

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(None, f"missing required date '{key}'", f"add '{key}: YYYY-MM-DD'")
            return None
        return parse_date(value, lambda msg: self.problem(key, msg, "write the date as YYYY-MM-DD, e.g. 2026-03-01"), key)

    def id_list(self, key: str) -> tuple[str, ...]:
        """A list of names (one name alone is a list of one), each checked as a text field."""
        value = self.data.get(key)
        if value is None:
            return ()
        if type(value) is str:
            value = [value]
        if not isinstance(value, list) or not all(type(v) is str for v in value):
            self.problem(key, f"'{key}' must be a list of names", f"write '{key}: [a, b]', in quotes where a name looks like a number")
            return ()
        names = tuple(v.strip() for v in value)
        most, longest = MOST.get(key, LIST_MOST), LONGEST.get(key, NAME_LONGEST)
        if len(names) > most:
            self.problem(key, f"'{key}' lists {len(names)} names; at most {most} are allowed", "shorten the list")
        for name in names:
            if len(name) > longest or not name.isprintable():
                if self._checked(key, name) is None:
                    return ()
        return names

    def mapping(self, key: str) -> Reader | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, LineMap):
            self.problem(key, f"'{key}' must be a mapping of fields", f"indent the fields of '{key}' under it")
            return None
        sub = Reader(self.path, value, self.problems, self.line_offset)
        sub.check_duplicates()
        return sub


# Longest text accepted per field (per name, for a list), in characters; any other text
# field: NAME_LONGEST (names of people, organizations and departments, ids, a
# consultation's channel).  A disclosure's substance is its body: these bound what pages,
# feeds, print sheets and search results show as titles and labels.
NAME_LONGEST = 100
LONGEST = {"title": 200, "description": 500, "risk_assessment": 500, "decision": 200, "basis": 200,
           "covers": 20, "attachments": 200}
# Text that may run over several lines; every other field is one line.
MULTILINE = frozenset({"description", "risk_assessment"})
# Most names a list field may give; any other list: LIST_MOST.
LIST_MOST = 50
MOST = {"audience": 200, "hide": 3}
# Invisible characters that are not text: C0/C1 controls (an ESC rewrites the terminal
# `check` prints to), the line and paragraph separators, and the bidirectional overrides
# and isolates that make text display in an order other than the one it is stored in.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def _is_control(char: str, multiline: bool) -> bool:
    if char == "\t" or (char == "\n" and multiline):
        return False
    return char < " " or "\x7f" <= char <= "\x9f" or char in _BIDI


def _kind(value: Any) -> str:
    """What YAML made of a value, in an editor's words."""
    if isinstance(value, bool):
        return "true/false (YAML reads yes, no, on and off as true/false)"
    if isinstance(value, int | float):
        return f"a number ({_shown(value)})"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


def _shown(value: Any, longest: int = 60) -> str:
    """A value as a message may quote it: shortened, and every invisible character as its escape."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > longest:
        text = text[: longest - 1] + "…"
    if not text.isprintable():
        text = "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)
    return text


def parse_date(value: Any, report: Any, key: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        report(f"'{key}' has a time of day; give the date only")
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    report(f"'{key}' is '{_shown(value)}', which is not a date")
    return None


def _closest(word: str, choices: set[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def parse_yaml(text: str, path: str, problems: list[Problem], line_offset: int = 0) -> Any:
    """Safe-load one YAML document; a syntax error, unsafe tag or alias becomes a Problem."""
    if "\u2028" in text or "\u2029" in text or "\x85" in text:  # one test each: the usual case is none
        at = min(found for found in map(text.find, _HIDDEN_BREAKS) if found >= 0)
        return _fail(problems, path, text.count("\n", 0, at) + 1 + line_offset,
                     f"the invisible line separator U+{ord(text[at]):04X} is in the YAML: it ends a line "
                     "for YAML but not in an editor", "delete it, or put a real line break there")
    try:
        return _load(text)  # _LineLoader is a SafeLoader
    except Refused as refused:
        return _fail(problems, path, refused.line + 1 + line_offset, refused.message, refused.hint)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = (mark.line + 1 + line_offset) if mark is not None else line_offset + 1
        detail = getattr(error, "problem", None) or str(error).splitlines()[0]
        if "python/" in str(error) or "could not determine a constructor" in str(error):
            return _fail(problems, path, line, f"YAML tag not allowed: {detail}",
                         "remove the '!!' tag; only plain YAML values are accepted")
        return _fail(problems, path, line, f"YAML syntax error: {detail}",
                     "check indentation and quote values that contain ':' or '#'")


def _fail(problems: list[Problem], path: str, line: int, message: str, hint: str) -> None:
    problems.append(Problem(path, line, message, hint))
    return None


def read_text(path: str | os.PathLike[str]) -> str:
    """Read UTF-8 text, accepting a byte-order mark and CRLF line endings.

    Never through a symbolic link (OSError): the folders were listed without following
    links (walk_content), and a link put in a file's place since must not be read either.
    """
    with open(os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb") as stream:
        text = stream.read().decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- registry


def load_registry(path: Path, rel: str, problems: list[Problem]) -> Registry:
    organizations: dict[str, Organization] = {}
    if not path.is_file():
        problems.append(Problem(rel, 0, "the organization registry is missing",
                                "create catalogs/organizations.yml with a list of organizations"))
        return Registry(organizations)
    try:
        data = parse_yaml(read_text(path), rel, problems)
    except UnicodeDecodeError:
        problems.append(Problem(rel, 0, "file is not UTF-8 text", "save the file as UTF-8"))
        return Registry(organizations)
    except OSError as error:
        problems.append(Problem(rel, 0, f"cannot be read: {error.strerror}", "check the file and run again"))
        return Registry(organizations)
    if data is None:
        if not any(p.path == rel for p in problems):
            problems.append(Problem(rel, 1, "the registry is empty", "list the organizations"))
        return Registry(organizations)
    if isinstance(data, LineMap) and isinstance(data.get("organizations"), list):
        data = data["organizations"]
    if not isinstance(data, list):
        problems.append(Problem(rel, 1, "the registry must be a list of organizations",
                                "start each organization with '- id: …'"))
        return Registry(organizations)
    known = {"id", "name", "kind", "level", "sector", "parent"}
    from .model import KINDS, LEVELS, SECTORS

    for raw in data:
        if not isinstance(raw, LineMap):
            problems.append(Problem(rel, 1, "an organization must be a mapping of fields",
                                    "write '- id: …' then name, kind, level, parent"))
            continue
        r = Reader(rel, raw, problems)
        r.check_duplicates()
        r.check_known(known, "an organization")
        org_id = r.text("id", required=True)
        if org_id is None:
            continue
        if not ORG_ID.match(org_id):
            r.problem("id", f"organization id '{org_id}' is not a lowercase ASCII slug",
                      "use lowercase letters, digits and '-' only, e.g. nmg-dw")
            continue
        if org_id in organizations:
            r.problem("id", f"organization id '{org_id}' is used twice",
                      f"the first is at line {organizations[org_id].where.start}; give each a unique id")
            continue
        organizations[org_id] = Organization(
            id=org_id,
            name=r.text("name", required=True) or org_id,
            kind=r.choice("kind", KINDS, required=True) or "",
            level=r.choice("level", LEVELS, required=True) or "",
            sector=r.choice("sector", SECTORS),
            parent=r.text("parent"),
            where=r.lines(),
        )
    return Registry(organizations)


# --------------------------------------------------------------------------- catalogs


def load_catalog(path: Path, rel: str, problems: list[Problem]) -> Catalog | None:
    from .model import METHODS, PERIODS, SCOPES, TIMINGS

    try:
        data = parse_yaml(read_text(path), rel, problems)
    except UnicodeDecodeError:
        problems.append(Problem(rel, 0, "file is not UTF-8 text", "save the file as UTF-8"))
        return None
    except OSError as error:
        problems.append(Problem(rel, 0, f"cannot be read: {error.strerror}", "check the file and run again"))
        return None
    if not isinstance(data, LineMap):
        if not any(p.path == rel for p in problems):
            problems.append(Problem(rel, 1, "a catalog must be a mapping with org, adopted_on, entries …",
                                    "see SPEC §4 for the catalog format"))
        return None
    r = Reader(rel, data, problems)
    r.check_duplicates()
    r.check_known({"org", "adopted_on", "filed_with", "filed_on", "scope", "entries"}, "a catalog")
    org = r.text("org", required=True) or ""
    entries: list[Entry] = []
    raw_entries = data.get("entries")
    if raw_entries is None:
        r.problem(None, "the catalog has no 'entries'", "list the catalog's entries under 'entries:'")
        raw_entries = []
    if not isinstance(raw_entries, list):
        r.problem("entries", "'entries' must be a list", "start each entry with '- id: …'")
        raw_entries = []
    known = {"id", "title", "basis", "scope", "timing", "period", "methods", "department"}
    for raw in raw_entries:
        if not isinstance(raw, LineMap):
            r.problem("entries", "an entry must be a mapping of fields", "write '- id: …' then title, scope …")
            continue
        e = Reader(rel, raw, problems)
        e.check_duplicates()
        e.check_known(known, "a catalog entry")
        entry_id = e.text("id", required=True)
        if entry_id is None:
            continue
        methods = e.id_list("methods")
        for method in methods:
            if method not in METHODS:
                close = _closest(method, set(METHODS))
                e.problem("methods", f"unknown method '{method}' (Art. 20)",
                          f"did you mean '{close}'?" if close else f"use: {', '.join(METHODS)}")
        entries.append(
            Entry(
                id=entry_id,
                title=e.text("title", required=True) or entry_id,
                basis=e.text("basis", required=True) or "",
                scope=e.choice("scope", SCOPES, required=True) or "",
                timing=e.choice("timing", TIMINGS, required=True) or "",
                period=e.choice("period", PERIODS),
                methods=methods,
                department=e.text("department", required=True) or "",
                where=e.lines(),
            )
        )
    return Catalog(
        org=org,
        adopted_on=r.date("adopted_on"),
        filed_with=r.text("filed_with"),
        filed_on=r.date("filed_on"),
        scope=r.choice("scope", SCOPES, required=True) or "",
        entries=tuple(entries),
        where=r.lines(),
    )


# --------------------------------------------------------------------------- documents

ITEM_FIELDS = {
    "title", "org", "catalog", "scope", "audience", "timing", "period", "covers", "level",
    "approval", "status", "date", "expires", "interprets", "corrects", "consultation",
    "attachments", "id", "type", "description",
}
PAGE_FIELDS = {"type", "title", "scope", "audience", "attachments", "status", "description", "hide", "org"}
PAGE_HIDE = ("navigation", "toc", "footer")  # what Material's `hide` knows
APPROVAL_FIELDS = {
    "proposed_by", "reviewed_by", "reviewed_on", "secrecy_review", "approved_by", "approved_on",
    "decision", "approver_role", "superior", "risk_assessment",
}


# What this process has parsed, by (kind, path shown in problems) → (what the file said,
# the result, the problems it gave).  One build loads the site up to three times (the CLI
# validates, picks the audience, then the plugin prepares) and `serve` reloads it on every
# save; a file whose text is unchanged is not parsed again.  Entries are keyed on the text
# itself, never on a modification time, so an edited file is always read afresh.
_PARSED: dict[tuple[str, str], tuple[Any, Any, tuple[Problem, ...]]] = {}


def _remembered(load: Any, path: Path, rel: str, problems: list[Problem]) -> Any:
    """load(path, rel, problems) for a registry or catalog file, parsed once per text."""
    try:
        text = path.read_bytes()
    except OSError:
        return load(path, rel, problems)
    key = (load.__name__, rel)
    hit = _PARSED.get(key)
    if hit is not None and hit[0] == text:
        problems.extend(hit[2])
        return hit[1]
    before = len(problems)
    value = load(path, rel, problems)
    try:
        unchanged = path.read_bytes() == text  # not edited while it was being read
    except OSError:
        unchanged = False
    if unchanged:
        _PARSED[key] = (text, value, tuple(problems[before:]))
    return value


# What an earlier `disclose check` parsed, read from its cache file (parse_cache.py):
# (kind, shown path) → (stored_digest of the file's parts, the document without its
# body, its problems).  Used only where the digest of the file as read now is the same;
# the keys used are noted in _STORED_USED (the cache keeps their entries as they are).
_STORED: dict[tuple[str, str], tuple[bytes, Document, tuple[Problem, ...]]] = {}
_STORED_USED: set[tuple[str, str]] = set()


def stored_digest(fingerprint: tuple[str, str, int], body: str) -> bytes:
    """A digest of what load_document compares to reuse a parse: path, front matter, blank lines, body."""
    page_path, head, blanks = fingerprint
    return hashlib.sha1(f"{page_path}\0{blanks}\0{head}\0{body}".encode()).digest()


# Previews only (`trust_unchanged`, used by `disclose serve`): a file whose size, inode and
# modification time are those it had when this process last read it, and that read came
# well after that modification, cannot have been written since — a later write moves the
# modification time past the read — so a preview rebuild need not read it again.  Builds
# that publish never rely on this: they compare the text itself (_PARSED).
# (file, shown path) → (its size/inode/mtime when read, the document, its problems)
_SEEN: dict[tuple[str, str], tuple[tuple[int, int, int], Document, tuple[Problem, ...]]] = {}
_SETTLED_SECONDS = 2.0  # far coarser than any file system's timestamp granularity


def load_document(path: str | os.PathLike[str], rel: str, problems: list[Problem], shown: str | None = None,
                  trust_unchanged: bool = False) -> Document | None:
    """Read one Markdown file: YAML front matter between two `---` lines, then the body.

    `rel` is the path under content/ (it names the page and the default id); `shown` is
    the path problems are reported with (the path from the site root).
    """
    page_path, rel = rel, shown or rel
    key = ("document", rel)
    stamp, read_at, seen_key = None, 0.0, None
    if trust_unchanged:  # only previews need the file's stamp (see _SEEN)
        try:
            stat = os.stat(path)
            stamp, read_at = (stat.st_mtime_ns, stat.st_size, stat.st_ino), time.time()
        except OSError:
            pass
        seen_key = (os.path.abspath(path), rel)
        seen = _SEEN.pop(seen_key, None)
        if seen is not None and stamp == seen[0]:
            _SEEN[seen_key] = seen
            problems.extend(seen[2])
            return seen[1]

    try:
        text = read_text(path)
    except UnicodeDecodeError:
        problems.append(Problem(rel, 0, "file is not UTF-8 text", "save the file as UTF-8"))
        return None
    except OSError as error:  # gone, or replaced by a link, since the folder was listed
        problems.append(Problem(rel, 0, f"cannot be read: {error.strerror}", "check the file and run again"))
        return None
    bounds = front_matter_bounds(text, rel, problems)
    if bounds is None:
        return None
    start, end, after = bounds
    fm_text, rest = text[start:end], text[after:]
    body = rest.lstrip("\n")
    line_offset = text.count("\n", 0, start)
    body_line = text.count("\n", 0, after) + len(rest) - len(body) + 1
    # Same front matter, same blank lines, same body: the same file, parsed before.
    fingerprint = (page_path, text[:after], len(rest) - len(body))
    hit = _PARSED.get(key)
    settled = stamp is not None and read_at - stamp[0] / 1e9 > _SETTLED_SECONDS
    if hit is None and key in _STORED:  # `disclose check`'s parse cache (parse_cache.py)
        digest, stored, stored_problems = _STORED[key]
        if digest == stored_digest(fingerprint, body):
            # A copy with the body (stored without it: the file has it); the stored
            # document stays as it is, to be stored again as it is.
            doc = object.__new__(Document)
            doc.__dict__.update(stored.__dict__)
            doc.__dict__["body"] = body
            hit = _PARSED[key] = (fingerprint, doc, stored_problems)
            _STORED_USED.add(key)
    if hit is not None and hit[0] == fingerprint and hit[1].body == body:
        problems.extend(hit[2])
        if settled and seen_key is not None:
            _SEEN[seen_key] = (stamp, hit[1], hit[2])
        return hit[1]
    before = len(problems)
    doc = _document(page_path, rel, fm_text, body, line_offset, body_line, problems)
    if doc is not None:
        _PARSED[key] = (fingerprint, doc, tuple(problems[before:]))
        if settled and seen_key is not None:
            _SEEN[seen_key] = (stamp, doc, _PARSED[key][2])
    return doc


_BLANKS_TO_END_OF_LINE = re.compile(r"[ \t]*(?=\n|\Z)")
_SPACE_TAB = " \t"


def front_matter_bounds(text: str, rel: str, problems: list[Problem]) -> tuple[int, int, int] | None:
    """Where the front matter's YAML starts and ends, and where its closing line ends.

    The front matter is the lines between an opening line and the first closing line
    that are exactly `---` (spaces and tabs after it allowed).  The body MkDocs renders is
    what follows, as this loader cuts it, so this is the one parser: it is strict rather
    than clever.  A `---` or `...` line inside the front matter with anything invisible
    after it (an ideographic or no-break space …), or a `...` end-of-document line, would
    end it for some other reader and not for this one: such a line is a Problem and the
    file is not read at all — nothing of its front matter can reach the body.
    None (with the problems added) for a file without usable front matter.
    """
    if not text.startswith("---") or (opened := _BLANKS_TO_END_OF_LINE.match(text, 3)) is None:
        line = text.partition("\n")[0]
        if line.startswith("---") and _only_invisible(line[3:]):
            problems.append(Problem(rel, 1, f"the front matter's opening line has invisible characters after "
                                    f"'---' ({_codes(line[3:])})", "delete them"))
        else:
            problems.append(Problem(rel, 1, "no front matter: every Markdown file under content/ needs one",
                                    "start the file with '---', the fields (title, scope …), then '---'"))
        return None
    if opened.end() == len(text):
        problems.append(Problem(rel, 1, "front matter is not closed", "end the front matter with a line '---'"))
        return None
    start = opened.end() + 1
    closing, end, after = start - 1, -1, -1  # start - 1: the newline that ends the opening line
    suspect: list[int] = []  # lines that begin '---' but are not a closing line
    while (closing := text.find("\n---", closing)) >= 0:
        closing += 1
        if (blanks := _BLANKS_TO_END_OF_LINE.match(text, closing + 3)) is not None:
            end, after = closing, blanks.end()
            break
        suspect.append(closing)
    limit = end if end >= 0 else len(text)
    dots = start - 1
    while (dots := text.find("\n...", dots, limit)) >= 0:
        dots += 1
        suspect.append(dots)
    found = [problem for at in sorted(suspect) if (problem := _marker_problem(text, at, rel)) is not None]
    if found:
        problems.extend(found)
        return None
    if end < 0:
        problems.append(Problem(rel, 1, "front matter is not closed", "end the front matter with a line '---'"))
        return None
    return start, end, after


def _marker_problem(text: str, at: int, rel: str) -> Problem | None:
    """The problem with the line at `at`, which begins with '---' or '...' and does not close the front matter."""
    stop = text.find("\n", at)
    line = text[at:] if stop < 0 else text[at:stop]
    marker, rest = line[:3], line[3:]
    number = text.count("\n", 0, at) + 1
    if marker == "..." and _only_invisible(rest):
        return Problem(rel, number, "'...' does not end front matter here", "end it with '---'")
    if _only_invisible(rest):
        return Problem(rel, number, f"the front matter's closing line has invisible characters after '---' "
                       f"({_codes(rest.strip(_SPACE_TAB))})", "delete them")
    dashes = rest.rstrip(_SPACE_TAB)
    if marker == "---" and dashes.strip("-") == "":
        return Problem(rel, number, f"a line of {3 + len(dashes)} '-' does not end front matter",
                       "end it with exactly '---'")
    return None  # other text after '---' or '...': YAML itself reports it


def _only_invisible(text: str) -> bool:
    """True for text of whitespace (any Unicode space) and invisible format characters only."""
    import unicodedata

    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def _codes(text: str) -> str:
    return ", ".join(f"U+{ord(char):04X}" for char in text)


def _document(page_path: str, rel: str, fm_text: str, body: str, line_offset: int, body_line: int,
              problems: list[Problem]) -> Document | None:
    """The item or page a Markdown file describes, once load_document has split it."""
    from .model import APPROVAL_LEVELS, PERIODS, SCOPES, STATUSES, TIMINGS

    before = len(problems)
    data = parse_yaml(fm_text, rel, problems, line_offset=line_offset)
    if not isinstance(data, LineMap):
        if len(problems) == before:
            problems.append(Problem(rel, 1, "front matter must be a mapping of fields",
                                    "write one 'field: value' per line"))
        return None
    r = Reader(rel, data, problems, line_offset=line_offset)
    r.check_duplicates()
    doc_type = data.get("type", "item")
    if doc_type not in ("item", "page"):
        r.problem("type", f"'type' is '{_shown(doc_type)}', which is not 'item' or 'page'",
                  "leave 'type' out for a disclosure item, or write 'type: page'")
        return None
    stem = page_path[:-3]
    title = r.text("title", required=True) or ""
    scope = r.choice("scope", SCOPES, required=True) or ""
    audience = r.id_list("audience")
    attachments = r.id_list("attachments")
    description = r.text("description")
    if doc_type == "page":
        r.check_known(PAGE_FIELDS, "a page")
        return Document(
            path=page_path, id=stem, type="page", title=title, scope=scope, audience=audience,
            status=r.choice("status", STATUSES) or ("approved" if "status" not in data else ""),
            attachments=attachments, body=body, where=r.lines(), body_line=body_line,
            org=r.text("org"), description=description, hide=r.choices("hide", PAGE_HIDE),
        )
    r.check_known(ITEM_FIELDS, "a disclosure item")
    approval = None
    ar = r.mapping("approval")
    if ar is not None:
        ar.check_known(APPROVAL_FIELDS, "the approval record")
        superior_org = superior_on = None
        sr = ar.mapping("superior")
        if sr is not None:
            sr.check_known({"org", "on"}, "the superior approval")
            superior_org = sr.text("org", required=True, what=" in approval.superior")
            superior_on = sr.date("on", required=True)
        approval = Approval(
            proposed_by=ar.text("proposed_by"), reviewed_by=ar.text("reviewed_by"),
            reviewed_on=ar.date("reviewed_on"), secrecy_review=ar.text("secrecy_review"),
            approved_by=ar.text("approved_by"), approved_on=ar.date("approved_on"),
            decision=ar.text("decision"), approver_role=ar.text("approver_role"),
            superior_org=superior_org, superior_on=superior_on,
            risk_assessment=ar.text("risk_assessment"),
        )
        for key, line in ar.lines().fields.items():
            r.data.lines.setdefault(f"approval.{key}", line - line_offset)
    consultation = None
    cr = r.mapping("consultation")
    if cr is not None:
        cr.check_known({"until", "channel"}, "the consultation")
        consultation = Consultation(until=cr.date("until", required=True),
                                    channel=cr.text("channel", required=True) or "")
    item_id = r.text("id") or stem
    return Document(
        path=page_path, id=item_id, type="item", title=title, scope=scope, audience=audience,
        status=r.choice("status", STATUSES, required=True) or "",
        attachments=attachments, body=body, where=r.lines(), body_line=body_line,
        org=r.text("org", required=True), catalog=r.text("catalog"),
        timing=r.choice("timing", TIMINGS, required=True), period=r.choice("period", PERIODS),
        covers=_covers(r),
        level=r.choice("level", APPROVAL_LEVELS, required=True),
        approval=approval, date=r.date("date", required=True), expires=r.date("expires"),
        interprets=r.text("interprets"), corrects=r.text("corrects"), consultation=consultation,
        description=description,
    )


def _covers(r: Reader) -> str | None:
    """The period an item covers, as text: `covers: 2025` (a year YAML reads as a number) is taken as '2025'."""
    value = r.data.get("covers")
    if type(value) is int and 1000 <= value <= 9999:
        return str(value)
    return r.text("covers")


def load_site(root: Path, content_dir: str = "content", catalogs_dir: str = "catalogs",
              trust_unchanged: bool = False, parallel: bool = False) -> Site:
    """Read a whole site: registry, catalogs and content.  Never raises on bad input.

    `trust_unchanged` (previews only): skip reading Markdown files whose stat shows they
    were not written since this process last read them (see _SEEN).  `parallel`: a large
    site's Markdown is parsed by two processes (`check`; a build has its own parallelism).
    """
    problems: list[Problem] = []
    documents: list[Document] = []
    other: list[str] = []
    content_path = root / content_dir
    folder = str(content_path)
    markdown: list[str] = []
    if content_path.is_symlink():
        _not_a_plain_file(problems, content_dir, link=True)
    else:
        for rel in walk_content(content_path, problems, content_dir):
            (markdown if rel.endswith(".md") else other).append(rel)
    # Started first, so the second process parses while this one reads the catalogs.
    forked = _parse_in_a_second_process(folder, markdown, content_dir) if parallel else None
    catalogs_path = root / catalogs_dir
    registry_path, registry_rel = catalogs_path / "organizations.yml", f"{catalogs_dir}/organizations.yml"
    if catalogs_path.is_symlink() or registry_path.is_symlink():
        _not_a_plain_file(problems, catalogs_dir if catalogs_path.is_symlink() else registry_rel, link=True)
        registry = Registry({})
    else:
        registry = _remembered(load_registry, registry_path, registry_rel, problems)
    catalogs: dict[str, Catalog] = {}
    for path in _catalog_files(catalogs_path, catalogs_dir, problems):
        rel = f"{catalogs_dir}/{path.name}"
        catalog = _remembered(load_catalog, path, rel, problems)
        if catalog is None:
            continue
        if catalog.org != path.stem:
            problems.append(Problem(rel, catalog.where.of("org"),
                                    f"catalog file is named '{path.name}' but says org: {catalog.org}",
                                    f"name the file catalogs/{catalog.org}.yml or fix 'org'"))
            continue
        catalogs[catalog.org] = catalog
    if not content_path.is_dir() and not content_path.is_symlink():
        problems.append(Problem(content_dir, 0, "the content folder is missing", "create content/ with items"))
    if forked is not None:
        markdown = markdown[:forked.count]
    for rel in markdown:
        doc = load_document(os.path.join(folder, rel), rel, problems, f"{content_dir}/{rel}", trust_unchanged)
        if doc is not None:
            documents.append(doc)
    if forked is not None:
        forked.join(documents, problems)
    return Site(registry, catalogs, documents, other, problems)


def _catalog_files(catalogs_path: Path, catalogs_dir: str, problems: list[Problem]) -> list[Path]:
    """The catalog files (*.yml, *.yaml but the registry), sorted; a symbolic link among them is a Problem."""
    if catalogs_path.is_symlink() or not catalogs_path.is_dir():
        return []  # reported with the registry
    with os.scandir(catalogs_path) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    files = []
    for entry in entries:
        if entry.name == "organizations.yml" or Path(entry.name).suffix not in (".yml", ".yaml"):
            continue
        if entry.is_symlink():
            _not_a_plain_file(problems, f"{catalogs_dir}/{entry.name}", link=True)
        else:
            files.append(Path(entry.path))
    return files


# A site this large is parsed by two processes when the caller allows it (`check`).
PARALLEL_FROM = 4000


class _Forked:
    """The rest of a site's Markdown files, parsed by a forked process (see load_site).

    The child appends its documents, pickled, a frame per 500 files, to an unnamed
    temporary file as it goes (a pipe would make it wait whenever this process is busy);
    `join` unpickles the frames as they come once this process has parsed its own share.
    """

    def __init__(self, count: int, pid: int, fd: int) -> None:
        self.count, self.pid, self.fd = count, pid, fd  # count: files the parent parses

    def _frame(self, offset: int) -> bytes | None:
        """The frame at `offset`, once the child has written all of it; None after the last."""
        finished = None
        while True:
            head = os.pread(self.fd, 8, offset)
            if len(head) == 8:
                size = int.from_bytes(head, "big")
                frame = os.pread(self.fd, size, offset + 8)
                if len(frame) == size:
                    return frame
            if finished is not None:  # the child had ended before this read: nothing more comes
                if finished != 0 or len(head) != 0:
                    raise RuntimeError("the process parsing part of the content failed")
                return None
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                finished = status
            else:
                time.sleep(0.002)

    def join(self, documents: list[Document], problems: list[Problem]) -> None:
        import gc
        import pickle

        collecting = gc.isenabled()
        gc.disable()  # a million new objects: the cycle collector would run over them again and again
        try:
            offset = 0
            while (frame := self._frame(offset)) is not None:
                offset += 8 + len(frame)
                results, parsed = pickle.loads(frame)
                for doc, found in results:
                    problems.extend(found)
                    if doc is not None:
                        documents.append(doc)
                _PARSED.update(parsed)
        finally:
            os.close(self.fd)
            if collecting:
                gc.enable()


# Files per frame the child sends, and the parent's share of the files (it also reads the
# registry and catalogs, and unpickles the child's frames): 0.45 was quickest of 0.4–0.5.
_FRAME_FILES = 500
_PARENT_SHARE = 0.45


def _parse_in_a_second_process(folder: str, markdown: list[str], content_dir: str) -> _Forked | None:
    """Fork a process that parses the later part of `markdown`; None where that is not worth it.

    PyYAML's composer is most of a cold `check` (bench/RESULTS.md) and runs on one core;
    the child sends its documents back pickled (it shares nothing else), and the parent
    takes them in file order, so problems are listed as a single process lists them.
    """
    if len(markdown) < PARALLEL_FROM or not hasattr(os, "fork") or _STORED:
        return None  # small, or the parse cache already holds the files (parse_cache.py)
    middle = int(len(markdown) * _PARENT_SHARE)
    import tempfile

    with tempfile.TemporaryFile() as spool:
        fd = os.dup(spool.fileno())  # the parent reads with pread, the child appends: no shared offset moves
    pid = os.fork()
    if pid == 0:  # the child: parse, send, leave without running the parent's clean-up
        import pickle

        code = 1
        try:
            rest = markdown[middle:]
            for start in range(0, len(rest), _FRAME_FILES):
                results, parsed = [], {}
                for rel in rest[start:start + _FRAME_FILES]:
                    found: list[Problem] = []
                    doc = load_document(os.path.join(folder, rel), rel, found, f"{content_dir}/{rel}")
                    results.append((doc, found))
                    key = ("document", f"{content_dir}/{rel}")
                    if key in _PARSED:
                        parsed[key] = _PARSED[key]
                frame = pickle.dumps((results, parsed), protocol=pickle.HIGHEST_PROTOCOL)
                data = len(frame).to_bytes(8, "big") + frame
                while data:
                    data = data[os.write(fd, data):]
            code = 0
        finally:
            os._exit(code)
    return _Forked(middle, pid, fd)


def walk_content(content_path: Path, problems: list[Problem] | None = None, shown: str = "content") -> list[str]:
    """Relative paths of every plain file under content/, sorted, folder by folder; never follows a link.

    A symbolic link, to a file or a folder, dangling or in a loop, would publish whatever
    it points to (../catalogs, ../.git, a file outside the repository): each one is left
    out and, given `problems`, reported as `shown/<path>`; so is anything else that is
    neither a file nor a folder (reading a FIFO would never end), and any name with control
    characters (a problem prints its path).  The paths come in os.walk's order: a folder's
    files, then each subfolder in turn.

    Names starting with '.' are skipped silently, with everything in a dot-folder, as
    MkDocs leaves them out of a site: a `.hidden/` folder is never published, and an
    editor's lock and swap files (Emacs's `.#item.md` links, Vim's `.item.md.swp`) do
    not stop a check.
    """
    found: list[str] = []
    folders = [""]  # to list, relative to content/; the next one last
    while folders:
        base = folders.pop()
        try:
            with os.scandir(os.path.join(content_path, base)) as listing:
                entries = sorted((entry for entry in listing if not entry.name.startswith(".")),
                                 key=lambda entry: entry.name)
        except OSError:
            continue  # the content folder is missing: load_site reports it
        subfolders = []
        for entry in entries:
            rel = f"{base}/{entry.name}" if base else entry.name
            if not entry.name.isprintable() and any(_is_control(char, False) for char in entry.name):
                if problems is not None:  # printed as it is, the name would write to the terminal
                    problems.append(Problem(_shown(f"{shown}/{rel}", 1000), 0, "the name has control characters",
                                            "rename it with visible characters only"))
            elif entry.is_symlink():
                _not_a_plain_file(problems, f"{shown}/{rel}", link=True)
            elif entry.is_dir(follow_symlinks=False):
                subfolders.append(rel)
            elif entry.is_file(follow_symlinks=False):
                found.append(rel)
            else:
                _not_a_plain_file(problems, f"{shown}/{rel}", link=False)
        folders.extend(reversed(subfolders))
    return found


def _not_a_plain_file(problems: list[Problem] | None, shown: str, link: bool) -> None:
    if problems is None:
        return
    if link:
        problems.append(Problem(shown, 0, "is a symbolic link",
                                "content must be real files in the repository; replace the link by the file(s) "
                                "it points to, or remove it"))
    else:
        problems.append(Problem(shown, 0, "is neither a file nor a folder (a device, pipe or socket)",
                                "content must be real files in the repository; remove it"))
