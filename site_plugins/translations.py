"""Mongolian versions (蒙古文版): `<name>.mn.md` beside `<name>.md`, read into `Translation`s.

Inner Mongolia publishes in Chinese and in Traditional Mongolian script.  A Mongolian
version is a sibling file with the suffix of mkdocs-static-i18n (`about.mn.md` beside
`about.md`) that holds words only: `title`, an optional `description`, and the body.
Everything else — scope, audience, organization, dates, approval, attachments — is the
original's, so a translation can never be wider than its original; a field that would
say otherwise is a problem here, at its line.  Whether an original exists and what the
text may hold is judged by rules/translations.py.
"""

from __future__ import annotations

import os

from .fields import Reader, quoted
from .frontmatter import front_matter_bounds
from .i18n import _
from .model import Problem, Translation
from .walk import read_text
from .yamlpos import LineMap, parse_yaml

LANGUAGE = "mn"  # the folder of the Mongolian pages (mn/) and Pagefind's index language
SUFFIX = f".{LANGUAGE}.md"
TRANSLATION_FIELDS = {"title", "description"}

# What only the original says (schemas.ITEM_FIELDS | schemas.PAGE_FIELDS), named so the
# message can say where the value comes from instead of "unknown field".
ORIGINAL_FIELDS = frozenset(
    {
        "type",
        "org",
        "catalog",
        "scope",
        "audience",
        "timing",
        "period",
        "covers",
        "level",
        "approval",
        "status",
        "date",
        "expires",
        "interprets",
        "corrects",
        "consultation",
        "attachments",
        "id",
        "withdrawn",
        "changes",
        "moved_from",
        "hide",
        "replaces",
    }
)


def is_translation(rel: str) -> bool:
    """Whether a content-relative path is a Mongolian version (`x.mn.md`, not `mn.md` itself)."""
    return rel.endswith(SUFFIX) and rel.rpartition("/")[2] != SUFFIX[1:]


def original_of(rel: str) -> str:
    """The content-relative path of the document `rel` translates: `a/b.mn.md` → `a/b.md`."""
    return rel[: -len(SUFFIX)] + ".md"


def split_translations(markdown: list[str]) -> tuple[list[str], list[str]]:
    """The Markdown files of content/ as (documents, Mongolian versions), each in walk order."""
    if not any(rel.endswith(SUFFIX) for rel in markdown):
        return markdown, []  # the usual site: one scan, nothing else
    documents = [rel for rel in markdown if not is_translation(rel)]
    return documents, [rel for rel in markdown if is_translation(rel)]


def load_translation(path: str | os.PathLike[str], rel: str, shown: str, problems: list[Problem]) -> Translation | None:
    """Read one `.mn.md`: front matter with `title` (and `description`), then the body.

    `rel` is the path under content/; `shown` the path problems are reported with.
    """
    try:
        text = read_text(path)
    except UnicodeDecodeError:
        problems.append(Problem(shown, 0, _("file is not UTF-8 text"), _("save the file as UTF-8")))
        return None
    except OSError as error:
        problems.append(
            Problem(
                shown,
                0,
                _("cannot be read: {strerror}").format(strerror=error.strerror),
                _("check the file and run again"),
            )
        )
        return None
    bounds = front_matter_bounds(text, shown, problems)
    if bounds is None:
        return None
    start, end, after = bounds
    rest = text[after:]
    body = rest.lstrip("\n")
    line_offset = text.count("\n", 0, start)
    body_line = text.count("\n", 0, after) + len(rest) - len(body) + 1
    before = len(problems)
    data = parse_yaml(text[start:end], shown, problems, line_offset=line_offset)
    if not isinstance(data, LineMap):
        if len(problems) == before:
            problems.append(
                Problem(shown, 1, _("front matter must be a mapping of fields"), _("write one 'field: value' per line"))
            )
        return None
    r = Reader(shown, data, problems, line_offset=line_offset)
    r.check_duplicates()
    original = original_of(rel)
    for key in data:
        if key in ORIGINAL_FIELDS:
            r.problem(
                key,
                _(
                    "a Mongolian version cannot set '{quoted}': it takes it from its original content/{original} (Art. 15: never wider than the original)"
                ).format(quoted=quoted(key), original=original),
                _("remove the line; change '{quoted}' in content/{original} if it is wrong").format(
                    quoted=quoted(key), original=original
                ),
                "Art. 15",
            )
    r.check_known(TRANSLATION_FIELDS | ORIGINAL_FIELDS, _("a Mongolian version (title, description)"))
    return Translation(
        path=rel,
        original=original,
        title=r.text("title", required=True) or "",
        body=body,
        where=r.lines(),
        body_line=body_line,
        description=r.text("description"),
    )
