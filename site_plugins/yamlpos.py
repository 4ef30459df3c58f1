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

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.fast_built: dict[yaml.Node, Any] = {}  # see _construct
        self.fast_building: set[yaml.Node] = set()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode or not implicit[0] or self.yaml_path_resolvers:
            return str(super().resolve(kind, value, implicit))
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
    "YAML anchors (&name), aliases (*name) and merge keys (<<) are not allowed",
    "write the value out in full",
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
            raise Refused(
                _too_deep_line(node),
                "lists and mappings are nested too deeply here",
                "write the field as the format describes: text, a list or a few fields",
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
            raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
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


def parse_yaml(text: str, path: str, problems: list[Problem], line_offset: int = 0) -> Any:
    """Safe-load one YAML document; a syntax error, unsafe tag or alias becomes a Problem."""
    if "\u2028" in text or "\u2029" in text or "\x85" in text:  # one test each: the usual case is none
        at = min(found for found in map(text.find, _HIDDEN_BREAKS) if found >= 0)
        return _fail(
            problems,
            path,
            text.count("\n", 0, at) + 1 + line_offset,
            f"the invisible line separator U+{ord(text[at]):04X} is in the YAML: it ends a line "
            "for YAML but not in an editor",
            "delete it, or put a real line break there",
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
                f"YAML tag not allowed: {detail}",
                "remove the '!!' tag; only plain YAML values are accepted",
            )
        return _fail(
            problems,
            path,
            line,
            f"YAML syntax error: {detail}",
            "check indentation and quote values that contain ':' or '#'",
        )


def _fail(problems: list[Problem], path: str, line: int, message: str, hint: str) -> None:
    problems.append(Problem(path, line, message, hint))
    return None
