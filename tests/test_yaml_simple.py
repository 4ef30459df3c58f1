"""yamlpos reads simple YAML in Python (`_simple`): it must give exactly what PyYAML gives, or give up.

Compared on every YAML text of the sample, the test data and a generated region, and on
texts hypothesis puts together from tricky lines: whatever `_simple` reads must equal
PyYAML's result in every value, type, line and duplicate, and whatever PyYAML refuses
`_simple` must give up on.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sitegen import REPO

from site_plugins.yamlpos import _NOT_SIMPLE, LineMap, Refused, _load_with_pyyaml, _simple, parse_yaml

sys.path.insert(0, str(REPO / "bench"))


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types (True is not 1), with equal lines and duplicates in every mapping."""
    if type(a) is not type(b):
        return False
    if isinstance(a, LineMap):
        return (
            a.line == b.line
            and a.lines == b.lines
            and a.duplicates == b.duplicates
            and list(a) == list(b)
            and all(same(a[k], b[k]) for k in a)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def reference(text: str) -> Any:
    """PyYAML's reading, or the exception class it raises."""
    try:
        return _load_with_pyyaml(text)
    except (yaml.YAMLError, Refused) as error:
        return type(error)


def check(text: str) -> bool:
    """Whether `_simple` read the text (and, if so, that it agrees with PyYAML)."""
    got = _simple(text)
    if got is _NOT_SIMPLE:
        return False
    want = reference(text)
    assert not isinstance(want, type), f"PyYAML refuses, _simple read {got!r}:\n{text}"
    assert same(got, want), f"_simple {got!r}\nPyYAML {want!r}\n{text}"
    return True


def yaml_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "catalogs").rglob("*.yml"))]
    for path in sorted((REPO / "content").rglob("*.md")) + sorted((REPO / "tests").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            texts.append(text[4 : text.index("\n---\n", 4) + 1])
    return texts


def test_every_yaml_text_of_the_sample_reads_the_same_and_most_of_it_is_read_in_python() -> None:
    texts = yaml_texts()
    read = sum(check(text) for text in texts)
    assert len(texts) > 40 and read >= len(texts) * 0.6, (read, len(texts))


def test_a_generated_regions_catalogs_registry_and_front_matter_read_the_same_and_all_in_python(
    tmp_path: Path,
) -> None:
    from generate import generate

    generate(tmp_path, 200, seed=5, orgs=600)
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "catalogs").rglob("*.yml"))]
    for path in sorted((tmp_path / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        texts.append(text[4 : text.index("\n---\n", 4) + 1])
    assert all(check(text) for text in texts)


def test_what_pyyaml_reports_is_still_reported_with_its_line() -> None:
    problems: list[Any] = []
    assert parse_yaml("title: a\nscope: public\n  bad: indent\n", "x.yml", problems) is None
    assert [p.line for p in problems] == [3]


# --------------------------------------------------------------------------- generated texts

KEYS = ["id", "title", "scope", "on", "yes", "a_b", "x1", "entries", "approval", "Methods", "my-key", "a b", "中"]
VALUES = [
    "a",
    "public",
    "yes",
    "No",
    "OFF",
    "on",
    "On",
    "y",
    "n",
    "true",
    "~",
    "null",
    "Null",
    "",
    "2026-01-05",
    "2026-13-01",
    "2026-1-5",
    "2026-01-05 10:00:00",
    "2026-01-05T10:00:00Z",
    "0",
    "0123",
    "12",
    "-1",
    "+1",
    "1.5",
    "1_000",
    "0x1f",
    "1:30",
    ".inf",
    ".5",
    "=",
    "<<",
    "a: b",
    "a:b",
    "a:",
    "a #c",
    "a#c",
    "#c",
    "'q'",
    "'it''s'",
    "''",
    "'a' #c",
    "'a'#c",
    "'a' b",
    "'open",
    '"x"',
    '""',
    '"a\\"b"',
    '"a\\nb"',
    '"open',
    '"a" #c',
    '"a"b',
    "[a, b]",
    "[a,b]",
    "[]",
    "[ ]",
    "[a,]",
    "[a, [b]]",
    "[yes, 12, 2026-01-05]",
    "[a: b]",
    "['a']",
    "[a] #c",
    "[a]b",
    "{a: 1}",
    "|",
    ">",
    "&x a",
    "*x",
    "!!str x",
    "!x",
    "%x",
    "@x",
    "`x",
    "中文",
    "中文 #注释",
    "中文：说明",
    "\u00a0x",
    "a\tb",
    "x  ",
    "http://example.org/a",
    "- a",
    "-a",
    "?x",
    ":x",
    ",x",
    "a, b",
    "a [b]",
    "a {b}",
    "第十条（五）",
    "“两个维护”",
    "\u3000x",
    "a\x85b",
    "a\ufeffb",
    "a\x7fb",
    "a\u202eb",
]
INDENTS = ["", " ", "  ", "   ", "    ", "      "]


@st.composite
def lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["key", "key", "key", "open", "item", "item-key", "comment", "blank", "raw"]))
    indent = draw(st.sampled_from(INDENTS))
    key = draw(st.sampled_from(KEYS))
    value = draw(st.sampled_from(VALUES))
    if kind == "key":
        return f"{indent}{key}: {value}"
    if kind == "open":
        return f"{indent}{key}:" + draw(st.sampled_from(["", "  ", " # c", "#c"]))
    if kind == "item":
        return f"{indent}- {value}"
    if kind == "item-key":
        return f"{indent}-{draw(st.sampled_from([' ', '  ']))}{key}: {value}"
    if kind == "comment":
        return f"{indent}# {value}"
    if kind == "blank":
        return indent
    return indent + draw(st.sampled_from(["---", "...", "-", "- ", "key:value", "just words", "- - a", "? a", "a :b"]))


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines(), min_size=1, max_size=12))
@example(["entries:", "- id: a", "  title: b", "scope: c"])
@example(["entries:", "  - id: a", "    methods:", "    - x", "    department: d", "  - id: b"])
@example(["a:", "  b:", "    c: 2026-01-05", "d: [x, y]  # c"])
@example(["- id: a", "  name: b", "- id: c", "  name: d"])
@example(["k: v", "k: w"])
def test_simple_yaml_reads_exactly_what_pyyaml_reads_or_gives_up(texts: list[str]) -> None:
    check("\n".join(texts) + "\n")


@pytest.mark.parametrize(
    "text",
    [
        "required: true\n",
        "covers: 2026\n",
        "on: 2026-03-02\n",
        "a: 2026-02-30\n",
        "entries:\n- id: a\n",
        "a:\n  b: 1\nc: 2\n",
        "a: [x, y]   # c\n",
        "- a\n- b\n",
    ],
)
def test_simple_texts_are_read_in_python(text: str) -> None:
    assert check(text)


def test_values_keep_pyyamls_types() -> None:
    got = _simple("a: yes\nb: 12\nc: 2026-01-05\nd: '12'\ne: 2026-02-30\n")
    assert got == {"a": True, "b": 12, "c": dt.date(2026, 1, 5), "d": "12", "e": "2026-02-30"}
    assert type(got["a"]) is bool and type(got["b"]) is int
