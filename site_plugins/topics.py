"""The topic vocabulary (主题分类): catalogs/topics.yml read into `Topic` records.

An item may say `topic: <id>`; the page shows the topic's name and the open data both.  The
file is a list of topics, each an `id` (a lowercase ASCII slug, unique) and a `name` (the
Chinese name readers see, unique).  A site without the file has no topics, and an item that
names one is refused (rules/records.py).
"""

from __future__ import annotations

from pathlib import Path

from .fields import SLUG, Reader, quoted
from .i18n import _
from .model import Problem, Topic
from .walk import read_text
from .yamlpos import LineMap, parse_yaml

# The vocabulary's file name in the catalogs folder (walk.catalog_files leaves it out of the catalogs).
TOPICS_FILE = "topics.yml"


def load_topics(path: Path, rel: str, problems: list[Problem]) -> dict[str, Topic]:
    """The topics of `path` by id ({} if the file does not exist); every problem with its line."""
    if not path.is_file():
        return {}
    try:
        data = parse_yaml(read_text(path), rel, problems)
    except UnicodeDecodeError:
        problems.append(Problem(rel, 0, _("file is not UTF-8 text"), _("save the file as UTF-8")))
        return {}
    except OSError as error:
        problems.append(
            Problem(
                rel,
                0,
                _("cannot be read: {strerror}").format(strerror=error.strerror),
                _("check the file and run again"),
            )
        )
        return {}
    if data is None:
        return {}
    if not isinstance(data, list):
        problems.append(
            Problem(rel, 1, _("the topic vocabulary must be a list of topics"), _("start each topic with '- id: …'"))
        )
        return {}
    topics: dict[str, Topic] = {}
    names: dict[str, Topic] = {}
    for raw in data:
        if not isinstance(raw, LineMap):
            problems.append(
                Problem(
                    rel, 1, _("a topic must be a mapping of fields"), _("write '- id: <slug>' and 'name: <主题名称>'")
                )
            )
            continue
        r = Reader(rel, raw, problems)
        r.check_duplicates()
        r.check_known({"id", "name"}, _("a topic"))
        topic_id = r.text("id", required=True)
        name = r.text("name", required=True)
        if topic_id is None or name is None:
            continue
        if not SLUG.match(topic_id):
            r.problem(
                "id",
                _("topic id '{quoted}' is not a lowercase ASCII slug").format(quoted=quoted(topic_id)),
                _("use lowercase letters, digits and '-' only, e.g. zuzhi-jianshe"),
            )
            continue
        if topic_id in topics:
            r.problem(
                "id",
                _("topic id '{topic_id}' is used twice").format(topic_id=topic_id),
                _("the first is at line {start}; give each topic its own id").format(
                    start=topics[topic_id].where.start
                ),
            )
            continue
        if name in names:
            r.problem(
                "name",
                _("topic name '{quoted}' is also the name of '{id}'").format(quoted=quoted(name), id=names[name].id),
                _("give each topic its own name, or keep one of the two"),
            )
            continue
        topics[topic_id] = names[name] = Topic(topic_id, name, r.lines())
    return topics
