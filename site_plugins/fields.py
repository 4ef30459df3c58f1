"""The field reader: typed fields out of one YAML mapping, each problem with its line.

Loading never stops at the first problem: it collects them all, and leaves values it
could not read as None for `rules` to judge.  Every field is checked for its type, its
length and invisible control characters here, so nothing downstream (rules, pages,
feeds, the terminal) meets a value it did not expect.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from .i18n import _
from .model import Lines, Problem
from .yamlpos import LineMap

W = TypeVar("W", bound=StrEnum)

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ORG_ID = SLUG


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
                Problem(
                    self.path,
                    line + self.line_offset,
                    _("field '{key}' is given twice").format(key=key),
                    _("keep one of the two lines"),
                )
            )

    def check_known(self, known: set[str], what: str) -> None:
        for key in self.data:
            if key not in known:
                close = closest(key, known)
                hint = (
                    _("did you mean '{close}'?").format(close=close)
                    if close
                    else _("known fields: {names}").format(names=", ".join(sorted(known)))
                )
                self.problem(key, _("unknown field '{quoted}' in {what}").format(quoted=quoted(key), what=what), hint)

    def text(self, key: str, required: bool = False, what: str = "") -> str | None:
        """A text field, stripped; None (with a problem) for a number, date, list … or control characters.

        A number or a date where text is expected is reported, not converted: YAML has
        already read `id: 0123` as 83 and `title: 2026-03-05` as a date, so str() of it
        would not be what the editor wrote.
        """
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(
                    None,
                    _("missing required field '{key}'{what}").format(key=key, what=what),
                    _("add a line '{key}: …'").format(key=key),
                )
            return None
        if type(value) is not str:
            hint = (
                f"write '{key}: <text>'"
                if isinstance(value, dict | list)
                else _("put it in quotes to make it text, as written: {key}: '…'").format(key=key)
            )
            self.problem(key, _("'{key}' must be text, not {kind}").format(key=key, kind=_kind(value)), hint)
            return None
        value = value.strip()
        if len(value) > LONGEST.get(key, NAME_LONGEST) or not value.isprintable():
            return self._checked(key, value)
        return value

    def _checked(self, key: str, value: str) -> str | None:
        """`value` with a problem if it is too long (kept) or has control characters (None)."""
        multiline = key in MULTILINE
        bad = next((char for char in value if is_control(char, multiline)), None)
        if bad == "\n":
            self.problem(
                key,
                _("'{key}' must be one line").format(key=key),
                _("write '{key}' on a single line, without '|' or '\\n'").format(key=key),
            )
            return None
        if bad is not None:
            self.problem(
                key,
                _("'{key}' contains the invisible control character U+{code:04X}").format(key=key, code=ord(bad)),
                _("delete it (retype the text if you cannot see where it is)"),
            )
            return None
        longest = LONGEST.get(key, NAME_LONGEST)
        if len(value) > longest:
            self.problem(
                key,
                _("'{key}' is {count} characters long; at most {longest} are allowed").format(
                    key=key, count=len(value), longest=longest
                ),
                _("shorten it and put the details in the body") if key in ("title", "description") else _("shorten it"),
            )
        return value

    def choice(self, key: str, vocabulary: type[W], required: bool = False) -> W | None:
        """The member of `vocabulary` the field names; None (and a problem) for any other word."""
        allowed = tuple(vocabulary)
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(
                    None,
                    _("missing required field '{key}'").format(key=key),
                    _("add '{key}:' with one of {names}").format(key=key, names=", ".join(allowed)),
                )
            return None
        if not isinstance(value, str) or value not in allowed:
            close = closest(quoted(value), set(allowed))
            hint = (
                _("did you mean '{close}'?").format(close=close)
                if close
                else _("use one of {names}").format(names=", ".join(allowed))
            )
            self.problem(
                key,
                _("'{key}' is '{quoted}', which is not one of {names}").format(
                    key=key, quoted=quoted(value), names=", ".join(allowed)
                ),
                hint,
            )
            return None
        return vocabulary(value)

    def choices(self, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        """A list of words of a vocabulary (Material's `hide`); () with a problem for any other."""
        names = self.id_list(key)
        for name in names:
            if name not in allowed:
                close = closest(name, set(allowed))
                hint = (
                    _("did you mean '{close}'?").format(close=close)
                    if close
                    else _("use only {names}").format(names=", ".join(allowed))
                )
                self.problem(
                    key,
                    _("'{key}' lists '{quoted}', which is not one of {names}").format(
                        key=key, quoted=quoted(name), names=", ".join(allowed)
                    ),
                    hint,
                )
                return ()
        return names

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(
                    None,
                    _("missing required date '{key}'").format(key=key),
                    _("add '{key}: YYYY-MM-DD'").format(key=key),
                )
            return None
        return parse_date(
            value, lambda msg: self.problem(key, msg, _("write the date as YYYY-MM-DD, e.g. 2026-03-01")), key
        )

    def id_list(self, key: str) -> tuple[str, ...]:
        """A list of names (one name alone is a list of one), each checked as a text field."""
        value = self.data.get(key)
        if value is None:
            return ()
        if type(value) is str:
            value = [value]
        if not isinstance(value, list) or not all(type(v) is str for v in value):
            self.problem(
                key,
                _("'{key}' must be a list of names").format(key=key),
                _("write '{key}: [a, b]', in quotes where a name looks like a number").format(key=key),
            )
            return ()
        names = tuple(v.strip() for v in value)
        most, longest = MOST.get(key, LIST_MOST), LONGEST.get(key, NAME_LONGEST)
        if len(names) > most:
            self.problem(
                key,
                _("'{key}' lists {count} names; at most {most} are allowed").format(
                    key=key, count=len(names), most=most
                ),
                _("shorten the list"),
            )
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
            self.problem(
                key,
                _("'{key}' must be a mapping of fields").format(key=key),
                _("indent the fields of '{key}' under it").format(key=key),
            )
            return None
        sub = Reader(self.path, value, self.problems, self.line_offset)
        sub.check_duplicates()
        return sub


# Longest text accepted per field (per name, for a list), in characters; any other text
# field: NAME_LONGEST (names of people, organizations and departments, ids, a
# consultation's channel).  A disclosure's substance is its body: these bound what pages,
# feeds, print sheets and search results show as titles and labels.
NAME_LONGEST = 100
LONGEST = {
    "title": 200,
    "description": 500,
    "risk_assessment": 500,
    "decision": 200,
    "basis": 200,
    "covers": 20,
    "attachments": 200,
    "reason": 500,
    "note": 300,
    "moved_from": 300,
}
# Text that may run over several lines; every other field is one line.
MULTILINE = frozenset({"description", "risk_assessment", "reason"})
# Most names a list field may give; any other list: LIST_MOST.
LIST_MOST = 50
MOST = {"audience": 200, "hide": 3, "moved_from": 20}
# Invisible characters that are not text: C0/C1 controls (an ESC rewrites the terminal
# `check` prints to), the line and paragraph separators, and the bidirectional overrides
# and isolates that make text display in an order other than the one it is stored in.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


def is_control(char: str, multiline: bool) -> bool:
    if char == "\t" or (char == "\n" and multiline):
        return False
    return char < " " or "\x7f" <= char <= "\x9f" or char in _BIDI


def _kind(value: Any) -> str:
    """What YAML made of a value, in an editor's words."""
    if isinstance(value, bool):
        return _("true/false (YAML reads yes, no, on and off as true/false)")
    if isinstance(value, int | float):
        return _("a number ({quoted})").format(quoted=quoted(value))
    if isinstance(value, dt.datetime):
        return _("a date and time")
    if isinstance(value, dt.date):
        return _("a date ({date})").format(date=value.isoformat())
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping of fields")
    return type(value).__name__


def quoted(value: Any, longest: int = 60) -> str:
    """A value as a message may quote it: shortened, and every invisible character as its escape."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > longest:
        text = text[: longest - 1] + "…"
    if not text.isprintable():
        text = "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)
    return text


def parse_date(value: Any, report: Callable[[str], None], key: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        report(_("'{key}' has a time of day; give the date only").format(key=key))
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    report(_("'{key}' is '{quoted}', which is not a date").format(key=key, quoted=quoted(value)))
    return None


def closest(word: str, choices: set[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return found[0] if found else None
