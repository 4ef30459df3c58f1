"""The Chinese bigram encoding, written twice, answers one table of cases on both sides.

search_bigrams.py makes the index (Python), search.js makes the query and shows the
results (JavaScript, run here in node as the browser runs it: tests/search_js.cjs).
tests/data/bigram_cases.json holds, for each text, the index words, the query and the
text read back; both implementations must give exactly those.  The Python side decides
the index; the query side must find it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from site_plugins.plugins.search_bigrams import HAN, WORD_PREFIX, bigrams, text_of_bigrams

ROOT = Path(__file__).resolve().parent.parent
SEARCH_JS = ROOT / "theme" / "assets" / "javascripts" / "search.js"
CASES: list[dict[str, str]] = json.loads((ROOT / "tests" / "data" / "bigram_cases.json").read_text("utf-8"))["cases"]


def _names(case: dict[str, str]) -> str:
    return case["case"]


@pytest.fixture(scope="module")
def search_js() -> list[dict[str, Any]]:
    """search.js's answers for every case, in table order."""
    node = shutil.which("node")
    assert node, "the bigram table is checked against search.js in node: install nodejs"
    done = subprocess.run(
        [node, str(ROOT / "tests" / "search_js.cjs"), str(SEARCH_JS)],
        input=json.dumps(CASES),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    answers: list[dict[str, Any]] = json.loads(done.stdout)
    assert len(answers) == len(CASES)
    return answers


@pytest.mark.parametrize("case", CASES, ids=_names)
def test_the_index_gets_the_words_the_table_gives(case: dict[str, str]) -> None:
    assert bigrams(case["text"]) == case["index"]


@pytest.mark.parametrize("case", CASES, ids=_names)
def test_the_index_words_read_back_as_the_table_gives(case: dict[str, str]) -> None:
    assert text_of_bigrams(case["index"]) == case["read_back"]


def test_search_js_turns_every_text_into_the_query_the_table_gives(search_js: list[dict[str, Any]]) -> None:
    wrong = [
        (case["case"], case["query"], answer["query"])
        for case, answer in zip(CASES, search_js, strict=True)
        if answer["query"] != case["query"]
    ]
    assert not wrong, wrong


def test_search_js_reads_the_index_words_back_as_the_table_gives(search_js: list[dict[str, Any]]) -> None:
    wrong = [
        (case["case"], case["read_back"], answer["read_back"])
        for case, answer in zip(CASES, search_js, strict=True)
        if answer["read_back"] != case["read_back"]
    ]
    assert not wrong, wrong


@pytest.mark.parametrize("case", CASES, ids=_names)
def test_every_chinese_word_of_a_query_is_a_word_the_index_holds_for_the_same_text(case: dict[str, str]) -> None:
    # What makes a search find its text: the query's encoded words are among the index's.
    asked = {word for word in case["query"].replace('"', " ").split() if word.startswith(WORD_PREFIX)}
    assert asked <= set(case["index"].split())


def test_search_js_takes_the_same_characters_for_han_as_the_index() -> None:
    # The table samples the ranges; this compares them whole.
    script = SEARCH_JS.read_text("utf-8")
    written = "".join(char if char == "-" else f"\\u{ord(char):04x}" for char in HAN)
    classes = re.findall(r"\[((?:\\u[0-9a-f]{4}-\\u[0-9a-f]{4})+)\]", script)
    assert classes and set(classes) == {written}, classes


def test_the_table_covers_runs_of_one_two_and_more_characters_and_text_outside_the_ranges() -> None:
    runs = {len(run) for case in CASES for run in re.findall(f"[{HAN}]+", case["text"])}
    assert {1, 2, 3, 4} <= runs
    assert any(ord(char) > 0xFFFF for case in CASES for char in case["text"])  # surrogate pairs in JavaScript
    assert any(case["text"] == "" for case in CASES)
