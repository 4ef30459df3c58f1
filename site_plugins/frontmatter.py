"""Where a Markdown file's front matter begins and ends, strictly: the body is what follows.

The body MkDocs renders is what follows the front matter as this module cuts it, so this
is the one parser of the boundary; a line that would end the front matter for some other
reader and not for this one stops the file.
"""

from __future__ import annotations

import re

from .i18n import _
from .model import Problem

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
            problems.append(
                Problem(
                    rel,
                    1,
                    _("the front matter's opening line has invisible characters after '---' ({codes})").format(
                        codes=_codes(line[3:])
                    ),
                    _("delete them"),
                )
            )
        else:
            problems.append(
                Problem(
                    rel,
                    1,
                    _("no front matter: every Markdown file under content/ needs one"),
                    _("start the file with '---', the fields (title, scope …), then '---'"),
                )
            )
        return None
    if opened.end() == len(text):
        problems.append(Problem(rel, 1, _("front matter is not closed"), _("end the front matter with a line '---'")))
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
        problems.append(Problem(rel, 1, _("front matter is not closed"), _("end the front matter with a line '---'")))
        return None
    return start, end, after


def _marker_problem(text: str, at: int, rel: str) -> Problem | None:
    """The problem with the line at `at`, which begins with '---' or '...' and does not close the front matter."""
    stop = text.find("\n", at)
    line = text[at:] if stop < 0 else text[at:stop]
    marker, rest = line[:3], line[3:]
    number = text.count("\n", 0, at) + 1
    if marker == "..." and _only_invisible(rest):
        return Problem(rel, number, _("'...' does not end front matter here"), _("end it with '---'"))
    if _only_invisible(rest):
        return Problem(
            rel,
            number,
            _("the front matter's closing line has invisible characters after '---' ({codes})").format(
                codes=_codes(rest.strip(_SPACE_TAB))
            ),
            _("delete them"),
        )
    dashes = rest.rstrip(_SPACE_TAB)
    if marker == "---" and dashes.strip("-") == "":
        return Problem(
            rel,
            number,
            _("a line of {value} '-' does not end front matter").format(value=3 + len(dashes)),
            _("end it with exactly '---'"),
        )
    return None  # other text after '---' or '...': YAML itself reports it


def _only_invisible(text: str) -> bool:
    """True for text of whitespace (any Unicode space) and invisible format characters only."""
    import unicodedata

    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def _codes(text: str) -> str:
    return ", ".join(f"U+{ord(char):04X}" for char in text)
