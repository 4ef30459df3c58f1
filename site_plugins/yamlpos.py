"""YAML with line positions: a fast safe loader whose mappings know the line of each key.

YAML is read with PyYAML's safe loader only (a `!!python/...` tag is an error, never
executed), without anchors, aliases or merge keys (a few hundred bytes of aliases expand
to gigabytes), and every mapping remembers the line of each of its keys so that every
problem can be reported as `file:line`.  `parse_yaml` turns whatever is not accepted
into a `Problem`; it never raises on bad input.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from .i18n import N_, _
from .model import Problem

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict[str, Any]):
    """A mapping from YAML that knows the line of each key."""

    line: int = 0
    lines: dict[str, int]
    duplicates: list[tuple[str, int]]


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    # The tag of a plain scalar depends on its text only (this loader has no path
    # resolvers), and a site repeats the same few hundred values — dates, scopes, org ids —
    # tens of thousands of times; PyYAML would try its regular expressions on every one.
    _resolved: dict[str, str] = {}
    _implicit_first: frozenset[str | None] = frozenset()  # set below, once the class exists

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.fast_built: dict[yaml.Node, Any] = {}  # see _construct
        self.fast_building: set[yaml.Node] = set()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode or not implicit[0] or self.yaml_path_resolvers:
            return str(super().resolve(kind, value, implicit))
        # What PyYAML's resolver does first: only a value starting with one of a few characters
        # (digits, sign, '.', '~', y/n/t/f/o …) can be anything but text.  Most values (org ids,
        # names) start with none of them; the cache below could not hold 80,000 org ids.
        if value and value[0] not in self._implicit_first:
            return _STR
        tag = self._resolved.get(value)
        if tag is None:
            tag = str(super().resolve(kind, value, implicit))
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


SHARED_VALUE = (
    N_("YAML anchors (&name), aliases (*name) and merge keys (<<) are not allowed"),
    N_("write the value out in full"),
)
# Lists and mappings inside each other: an item needs 3 levels (approval.superior.org), a
# catalog 4 (entries, an entry, its methods).  A value so deep that building it reaches
# Python's recursion limit (a few hundred levels; libyaml stops at 1,000) is refused, not a
# traceback, and reported at the first node deeper than this; anything less deep is
# refused by the field's own reader (text, a list of names …).
DEEPEST = 20
# Line breaks to YAML that an editor shows within one line (and that would shift every
# line number after them).
_HIDDEN_BREAKS = ("\u2028", "\u2029", "\x85")


# --------------------------------------------------------------------------- the common case, in Python
#
# Most YAML the product reads — front matter, catalogs, the registry — is block mappings and
# lists of plain words, dates, quoted text and `[a, b]` lists, one value a line.  Read line by
# line, that costs a fraction of PyYAML's C composer calling back into Python for every node,
# which matters for 80,000 catalog files and a registry of 80,000 organizations.  `_simple`
# reads exactly that subset and gives exactly what `_load` would give (values, types, each
# mapping's lines and duplicates); anything else — a tab, a block scalar, a tag, an anchor, a
# multi-line or escaped string, a number other than a plain integer, a null, a flow mapping,
# odd indentation, a character libyaml treats specially — makes it give up (`_NOT_SIMPLE`) and
# PyYAML reads the text as before, errors and all.  tests/test_yaml_simple.py compares the two.

_NOT_SIMPLE: Any = object()
_INT, _BOOL = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"
# Anything but a line break, printable ASCII and the printable non-ASCII planes, less U+0085,
# U+2028/2029 and U+FEFF (which libyaml reads as breaks or a byte-order mark).
_UNUSUAL = re.compile("[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A plain scalar this reader does not take: one starting with an indicator, or holding ': '
# or ending in ':' (flow items: any of ':[]{}#').
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_REFUSED = re.compile(r"[-?:,\[\]{}#&*!|>'\"%@`]|.*[:\[\]{}#]")
_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


def _plain(value: str) -> Any:
    """A plain scalar's value, resolved as PyYAML's resolver resolves it; _NOT_SIMPLE for nulls, floats …"""
    if value[0] not in _LineLoader._implicit_first:
        return value
    resolved = _LineLoader._resolved
    tag = resolved.get(value)
    if tag is None:
        tag = _STR
        for candidate, regexp in _LineLoader.yaml_implicit_resolvers[value[0]]:
            if regexp.match(value):
                tag = candidate
                break
        if len(value) <= 40 and len(resolved) < 100_000:
            resolved[value] = tag
    if tag == _STR:
        return value
    if tag == _TIMESTAMP:
        if not _PLAIN_DATE.fullmatch(value):
            return _NOT_SIMPLE  # a date with a time of day
        try:
            return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            return value  # as _construct: the text, for the field's reader to report
    if tag == _BOOL:
        return _BOOLS[value.lower()]
    if tag == _INT and value.isdigit() and (value[0] != "0" or value == "0"):
        return int(value)
    return _NOT_SIMPLE


def _only_a_comment(rest: str) -> bool:
    """Whether what follows a closing quote or bracket is nothing, or a comment after a space."""
    words = rest.lstrip(" ")
    return not words or (words[0] == "#" and len(words) < len(rest))


def _scalar(text: str) -> Any:
    """The value written after 'key: ' or '- ' (spaces at the line's end already gone), or _NOT_SIMPLE."""
    first = text[0]
    if first == '"':
        end = text.find('"', 1)
        if end < 0 or "\\" in text[1:end] or not _only_a_comment(text[end + 1 :]):
            return _NOT_SIMPLE
        return text[1:end]
    if first == "'":
        end = text.find("'", 1)
        while end > 0 and text[end + 1 : end + 2] == "'":
            end = text.find("'", end + 2)
        if end < 0 or not _only_a_comment(text[end + 1 :]):
            return _NOT_SIMPLE
        return text[1:end].replace("''", "'")
    if first == "[":
        close = text.find("]")
        if close < 0 or not _only_a_comment(text[close + 1 :]):
            return _NOT_SIMPLE
        inner = text[1:close]
        items: list[Any] = []
        if not inner.strip(" "):
            return items
        for part in inner.split(","):
            part = part.strip(" ")
            if not part or _FLOW_REFUSED.match(part):
                return _NOT_SIMPLE
            value = _plain(part)
            if value is _NOT_SIMPLE:
                return _NOT_SIMPLE
            items.append(value)
        return items
    cut = text.find(" #")
    if cut >= 0:
        text = text[:cut].rstrip(" ")
    if text[0] in _INDICATORS or ": " in text or text[-1] == ":":
        return _NOT_SIMPLE
    return _plain(text)


def _new_mapping(line: int) -> LineMap:
    mapping = LineMap()
    mapping.line = line
    mapping.lines = {}
    mapping.duplicates = []
    return mapping


def _simple(text: str) -> Any:
    """What `_load` gives for YAML of the simple subset above, or _NOT_SIMPLE for anything else."""
    if _UNUSUAL.search(text):
        return _NOT_SIMPLE
    root: Any = None
    stack: list[tuple[int, Any, bool]] = []  # open containers: (indent, list or LineMap, is a mapping)
    pending: tuple[int, LineMap, str] | None = None  # a key whose value is the block below it
    deepest = 0
    number = 0
    for raw in text.split("\n"):
        number += 1
        line = raw.rstrip(" ")
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(stripped)
        dash = stripped[0] == "-"
        body = stripped
        body_indent = indent
        if dash:
            if len(stripped) == 1 or stripped[1] != " ":
                return _NOT_SIMPLE  # '-' with its value below, '---', or a scalar such as '-1'
            body = stripped[2:].lstrip(" ")
            body_indent = indent + len(stripped) - len(body)
        if pending is not None:
            above, owner, owner_key = pending
            pending = None
            new: Any
            if dash and indent >= above:
                new = []
            elif not dash and indent > above:
                new = _new_mapping(number)
            else:
                return _NOT_SIMPLE  # nothing below the key: a null
            owner[owner_key] = new
            stack.append((indent, new, not dash))
        while stack and stack[-1][0] > indent:
            stack.pop()
        if dash:
            if not stack:
                if root is not None:
                    return _NOT_SIMPLE
                root = []
                stack.append((indent, root, False))
            top, container, is_mapping = stack[-1]
            if is_mapping or top != indent:
                return _NOT_SIMPLE
            colon = body.find(":")
            if colon < 0 or (colon + 1 < len(body) and body[colon + 1] != " "):
                if body[0] == "-":
                    return _NOT_SIMPLE  # a list in a list
                value = _scalar(body)
                if value is _NOT_SIMPLE:
                    return _NOT_SIMPLE
                container.append(value)
                continue
            item = _new_mapping(number)
            container.append(item)
            stack.append((body_indent, item, True))
            indent, stripped = body_indent, body
        elif not stack:
            if root is not None:
                return _NOT_SIMPLE
            root = _new_mapping(number)
            stack.append((indent, root, True))
        deepest = max(deepest, len(stack))
        top, container, is_mapping = stack[-1]
        if not is_mapping:
            # A key after a list written at its own key's indent: the list has ended.
            if top == indent and len(stack) > 1 and stack[-2][2] and stack[-2][0] == indent:
                stack.pop()
                top, container, is_mapping = stack[-1]
            else:
                return _NOT_SIMPLE
        if top != indent:
            return _NOT_SIMPLE
        colon = stripped.find(":")
        key = stripped[:colon]
        if colon <= 0 or not (key.isascii() and key.isidentifier()):
            return _NOT_SIMPLE
        after = stripped[colon + 1 :]
        if key in container:
            container.duplicates.append((key, number))
        container.lines[key] = number
        if not after or (after[0] == " " and after.lstrip(" ")[0] == "#"):
            container[key] = None
            pending = (indent, container, key)
            continue
        if after[0] != " ":
            return _NOT_SIMPLE
        value = _scalar(after.lstrip(" "))
        if value is _NOT_SIMPLE:
            return _NOT_SIMPLE
        container[key] = value
    if pending is not None or root is None or deepest > DEEPEST:
        return _NOT_SIMPLE
    return root


def _load(text: str) -> Any:
    """yaml.load(text, Loader=_LineLoader), through `_construct`; Refused for what we do not accept."""
    line = _shared_value_line(text)
    if line is not None:
        raise Refused(line, *map(_, SHARED_VALUE))
    simple = _simple(text)
    if simple is not _NOT_SIMPLE:
        return simple
    return _load_with_pyyaml(text)


def _load_with_pyyaml(text: str) -> Any:
    """`_load` of a text without anchors or aliases, by PyYAML (the reference `_simple` is tested against)."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _construct(loader, node)
        except RecursionError:
            raise Refused(
                _too_deep_line(node),
                _("lists and mappings are nested too deeply here"),
                _("write the field as the format describes: text, a list or a few fields"),
            ) from None
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
                return int(token.start_mark.line)
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
            raise yaml.constructor.ConstructorError(None, None, _("a key must be plain text"), key_node.start_mark)
        if key_node.tag != _STR:
            if key_node.tag == _MERGE:
                raise Refused(key_node.start_mark.line, *map(_, SHARED_VALUE))
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


_LineLoader._implicit_first = frozenset(_LineLoader.yaml_implicit_resolvers)
assert None not in _LineLoader._implicit_first  # no resolver for every first character (PyYAML has none)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def parse_yaml(text: str, path: str, problems: list[Problem], line_offset: int = 0) -> Any:
    """Safe-load one YAML document; a syntax error, unsafe tag or alias becomes a Problem."""
    if "\u2028" in text or "\u2029" in text or "\x85" in text:  # one test each: the usual case is none
        at = min(found for found in map(text.find, _HIDDEN_BREAKS) if found >= 0)
        return _fail(
            problems,
            path,
            text.count("\n", 0, at) + 1 + line_offset,
            _(
                "the invisible line separator U+{code:04X} is in the YAML: it ends a line for YAML but not in an editor"
            ).format(code=ord(text[at])),
            _("delete it, or put a real line break there"),
        )
    try:
        return _load(text)  # _LineLoader is a SafeLoader
    except Refused as refused:
        return _fail(problems, path, refused.line + 1 + line_offset, refused.message, refused.hint)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = (mark.line + 1 + line_offset) if mark is not None else line_offset + 1
        detail = getattr(error, "problem", None) or str(error).splitlines()[0]
        if "python/" in str(error) or "could not determine a constructor" in str(error):
            return _fail(
                problems,
                path,
                line,
                _("YAML tag not allowed: {detail}").format(detail=detail),
                _("remove the '!!' tag; only plain YAML values are accepted"),
            )
        return _fail(
            problems,
            path,
            line,
            _("YAML syntax error: {detail}").format(detail=detail),
            _("check indentation and quote values that contain ':' or '#'"),
        )


def _fail(problems: list[Problem], path: str, line: int, message: str, hint: str) -> None:
    problems.append(Problem(path, line, message, hint))
    return None
