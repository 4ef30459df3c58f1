"""The tools speak the editors' language: Chinese by default, English when the environment says en.

The rest of the suite runs in English (conftest.py); these tests run the CLI in Chinese and
hold the catalog to the sources: every message extracted from site_plugins is in the
committed template and translated (not empty, not fuzzy), with the same {placeholders},
and the committed .mo is the .po compiled.
"""

from __future__ import annotations

import io
import os
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sitegen import CLOCK_EPOCH, REPO, SiteWriter

from site_plugins import i18n
from site_plugins.model import Problem

LOCALE = REPO / "site_plugins" / "locale"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "disclose.po"
MO = PO.with_suffix(".mo")
POT = LOCALE / "disclose.pot"
NO_LANGUAGE = {variable: "" for variable in i18n.VARIABLES}


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {message.id for message in catalog if message.id}


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.use(i18n.CHINESE)
    yield
    i18n.use(i18n.ENGLISH)


def test_the_committed_template_is_what_the_sources_mark() -> None:
    extracted: set[object] = set()
    keywords = {"_": None, "N_": None, "_n": (1, 2)}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO / "site_plugins"), method_map=[("**.py", "python")], keywords=keywords
    ):
        extracted.add(message)
    assert extracted == _ids(_catalog(POT)), "run `make messages` and translate the new messages"


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    catalog = _catalog(PO)
    assert _ids(catalog) == _ids(_catalog(POT)), "run `make messages`: the catalog is not the template's"
    empty = [m.id for m in catalog if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not empty and not fuzzy, (empty, fuzzy)


def test_each_translation_has_the_placeholders_of_its_message() -> None:
    wrong = []
    for message in _catalog(PO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_names(text) for text in ids))
        wrong += [(message.id, text) for text in strings if _names(text) != expected]
    assert not wrong


def test_the_committed_mo_is_the_po_compiled() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(PO))
    assert MO.read_bytes() == compiled.getvalue(), "run `make messages` (it compiles the .mo)"


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({}, "zh_CN"),
        ({"LANG": "en"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "C.UTF-8"}, "zh_CN"),
        ({"LANG": "fr_FR.UTF-8"}, "zh_CN"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh_CN"),
        ({"LANGUAGE": "fr:en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LANG": "en"}, "en"),
    ],
)
def test_the_language_is_the_first_set_variable_s_as_gettext_reads_them(
    environment: dict[str, str], language: str
) -> None:
    assert i18n.language_of(environment) == language


def test_articles_are_cited_in_the_language_of_the_messages(chinese: None) -> None:
    assert i18n.rule_article("Art. 15") == "第15条"
    assert i18n.rule_article("Art. 18(5)") == "第18条第（五）项"
    assert i18n.rule_article("Art. 25, 26") == "第25条、第26条"
    assert i18n.rule_article("索引号") == "索引号"
    problem = Problem("content/a.md", 7, "公开范围（scope）不能为空", "请填写 public", "Art. 15", warning=True)
    assert str(problem) == "content/a.md:7: 提醒：公开范围（scope）不能为空 [第15条] — 请填写 public"
    i18n.use(i18n.ENGLISH)
    assert str(problem).startswith("content/a.md:7: warning: ") and "[Art. 15]" in str(problem)


def _check(root: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **NO_LANGUAGE, "SOURCE_DATE_EPOCH": CLOCK_EPOCH, **environment}
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), "check", "--no-cache"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


@pytest.fixture
def broken(site: SiteWriter) -> SiteWriter:
    """An item published wider than its catalog entry allows (Art. 15), at its `scope:` line."""
    site.item("region/2026/wide.md", entry="party-long", scope="public")
    return site


def _scope_line(site: SiteWriter) -> int:
    text = (site.root / "content/region/2026/wide.md").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(text, 1) if line.startswith("scope:"))


def test_check_speaks_chinese_by_default_with_the_file_line_and_article(broken: SiteWriter) -> None:
    result = _check(broken.root)
    assert result.returncode == 1, result.stdout + result.stderr
    line = next(text for text in result.stderr.splitlines() if "wide.md" in text)
    assert line == (
        f"content/region/2026/wide.md:{_scope_line(broken)}: "
        "公开范围“public”宽于其目录条目的公开范围“party” [第15条] — 请设置 scope: party（或更窄），或先修改党务公开目录"
    )
    assert result.stderr.splitlines()[-1] == "发现 1 个问题；未发布任何内容。"


def test_lang_en_gives_english(broken: SiteWriter) -> None:
    for lang in ("en", "en_US.UTF-8"):
        result = _check(broken.root, LANG=lang)
        assert result.returncode == 1
        assert (
            f"wide.md:{_scope_line(broken)}: scope 'public' is wider than its catalog entry's scope 'party' [Art. 15]"
            in (result.stderr)
        ), result.stderr


def test_an_unknown_audience_is_refused_in_chinese(site: SiteWriter) -> None:
    env = {**os.environ, **NO_LANGUAGE, "SOURCE_DATE_EPOCH": CLOCK_EPOCH}
    result = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(site.root), "build", "--audience", "everyone"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert (
        result.stderr
        == "生成 everyone 失败；site/ 保持原样：\n受众“everyone”不存在——请使用 public、party 或 unit:<组织id>\n"
    )
