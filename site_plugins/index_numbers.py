"""Index numbers (索引号): the pattern new items are numbered by, and when two numbers are one.

An item's `id` is its index number.  Items written before numbering keep the ids they had
(by default their path without `.md`), so every address and reference stays valid; `disclose
new` gives each new item the next number of its organization and year in the pattern of
mkdocs.yml's `index_pattern` (default `{code}/{year}-{serial:5}`: 机构代码/年份-流水号, e.g.
`11150000MB0000000X/2026-00012`).  A number is never given twice: the next serial is one
more than the highest any file under content/ holds for that organization and year —
drafts, withdrawn and hidden items included, as they are never deleted (an address never
breaks) — and `check` refuses two items whose numbers are the same or differ only in case
or in zeros before a number (`same_number`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import _

DEFAULT_PATTERN = "{code}/{year}-{serial:5}"

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# What the fixed text of a pattern may hold: the characters of an id (rules/files.py ID_FORM).
_LITERAL = re.compile(r"^[A-Za-z0-9_./\u4e00-\u9fff-]*$")
_DIGITS = re.compile(r"\d+")


class PatternError(ValueError):
    """An `index_pattern` that cannot number items; the message says how to write one."""


@dataclass(frozen=True)
class IndexPattern:
    """A parsed `index_pattern`: its parts in order, each a fixed text or a placeholder."""

    text: str
    parts: tuple[tuple[str, str], ...]  # ("text", "-") or ("code"|"year"|"serial", "")
    width: int  # the serial's digits, zero-padded (0: as many as it has)

    @classmethod
    def parse(cls, text: str) -> IndexPattern:
        """The pattern `text`: `{code}`, `{year}` and `{serial}` (or `{serial:N}`, N digits with
        leading zeros) once each, between fixed characters an id may hold."""
        parts: list[tuple[str, str]] = []
        seen: dict[str, int] = {}
        width = 0
        at = 0
        for match in _PLACEHOLDER.finditer(text):
            parts.append(("text", text[at : match.start()]))
            name, _colon, size = match.group(1).partition(":")
            if name not in ("code", "year", "serial") or (size and name != "serial"):
                raise PatternError(
                    _(
                        "'{{{placeholder}}}' is not a placeholder of index_pattern — use {{code}}, {{year}} and {{serial}} (or {{serial:5}} for five digits with leading zeros)"
                    ).format(placeholder=match.group(1))
                )
            if size:
                if not size.isdigit() or not 1 <= int(size) <= 9:
                    raise PatternError(
                        _("'{{serial:{size}}}' — give the serial's digits as 1 to 9, e.g. {{serial:5}}").format(
                            size=size
                        )
                    )
                width = int(size)
            seen[name] = seen.get(name, 0) + 1
            parts.append((name, ""))
            at = match.end()
        parts.append(("text", text[at:]))
        for name in ("code", "year", "serial"):
            if seen.get(name) != 1:
                raise PatternError(
                    _(
                        "index_pattern '{text}' must hold {{{name}}} exactly once, e.g. {example} (机构代码/年份-流水号): numbers are counted per organization and year"
                    ).format(text=text, name=name, example=DEFAULT_PATTERN)
                )
        for kind, fixed in parts:
            if kind == "text" and not _LITERAL.match(fixed):
                raise PatternError(
                    _(
                        "index_pattern '{text}' has '{fixed}' between its placeholders — use letters, digits, '-', '_', '.' or '/' there (an index number is an id), e.g. {example}"
                    ).format(text=text, fixed=fixed, example=DEFAULT_PATTERN)
                )
        if parts[0][0] == "text" and parts[0][1][:1] in ("-", "_", ".", "/"):
            raise PatternError(
                _(
                    "index_pattern '{text}' starts with '{first}' — begin it with a placeholder, a letter or a digit, e.g. {example}"
                ).format(text=text, first=parts[0][1][:1], example=DEFAULT_PATTERN)
            )
        return cls(text, tuple(p for p in parts if p != ("text", "")), width)

    def format(self, code: str, year: int, serial: int) -> str:
        values = {"code": code, "year": f"{year:04d}", "serial": f"{serial:0{self.width}d}"}
        return "".join(fixed if kind == "text" else values[kind] for kind, fixed in self.parts)

    def matcher(self, code: str, year: int) -> re.Pattern[str]:
        """The numbers of `code` and `year` in this pattern, however many zeros and in any case
        (so that a number written `…-12` or in lower case still counts as taken)."""
        pieces = {"code": re.escape(code), "year": f"0*{year}", "serial": r"(\d+)"}
        return re.compile(
            "".join(re.escape(fixed) if kind == "text" else pieces[kind] for kind, fixed in self.parts), re.IGNORECASE
        )

    def next_number(self, code: str, year: int, taken: Iterable[str]) -> str:
        """The index number after the highest of `code` and `year` among the ids `taken`: never
        one that was given before, nor one `same_number` as a taken id."""
        matcher = self.matcher(code, year)
        ids = list(taken)
        highest = 0
        for text in ids:
            found = matcher.fullmatch(text.strip())
            if found is not None:
                highest = max(highest, int(found.group(1)))
        known = {same_number(text) for text in ids}
        serial = highest + 1
        while same_number(self.format(code, year, serial)) in known:
            serial += 1
        return self.format(code, year, serial)


def same_number(index: str) -> str:
    """The normal form of an index number: two ids with the same normal form name one item to a
    reader (`NMGDW/2026-012` and `nmgdw/2026-12`), so only one item may hold it."""
    return _DIGITS.sub(lambda digits: digits.group().lstrip("0") or "0", index.casefold())
