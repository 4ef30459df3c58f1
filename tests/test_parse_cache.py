"""`disclose check` remembers parsed files on disk (site_plugins/parse_cache.py).

Every check runs in a fresh process, as an editor's or the pre-commit hook's does, so
what it knows of earlier checks comes from the cache file only.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import REPO, SiteWriter

from site_plugins import parse_cache


def check(root: Path, cache: Path, *extra: str, **env: str) -> tuple[int, str]:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from site_plugins.cli import main; sys.exit(main(sys.argv[1:]))",
            "--root",
            str(root),
            "check",
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "DISCLOSE_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO), **env},
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def site(tmp_path: Path) -> SiteWriter:
    site = SiteWriter(tmp_path / "site")
    for number in range(5):
        site.item(f"region/2026/item-{number}.md", title=f"事项{number}")
    return site


def test_an_unchanged_site_checks_the_same_from_the_cache(site: SiteWriter, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = check(site.root, cache)
    assert first[0] == 0, first[1]
    files = list(cache.glob("parsed-*.pickle"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    assert check(site.root, cache) == first
    assert files[0].stat().st_mtime_ns == stamp  # nothing new was parsed: not rewritten


def test_an_edited_file_is_parsed_again(site: SiteWriter, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert check(site.root, cache)[0] == 0
    item = site.root / "content/region/2026/item-3.md"
    good = item.read_text("utf-8")
    item.write_text(good.replace("scope: public", "scope: publik"), "utf-8")
    code, output = check(site.root, cache)
    assert code == 1
    line = next(n for n, text in enumerate(good.splitlines(), 1) if text.startswith("scope:"))
    assert f"content/region/2026/item-3.md:{line}:" in output and "publik" in output
    item.write_text(good, "utf-8")
    assert check(site.root, cache)[0] == 0
    # The body alone changed: parsed again too (a problem in it would be found).
    item.write_text(good + "\n[链接](missing.md)\n", "utf-8")
    assert check(site.root, cache) == check(site.root, cache, "--no-cache")


def _poison(cache_file: Path, version: str) -> None:
    """A cache whose entries claim a problem no file has."""
    from site_plugins.model import Problem

    version_now, documents, others = pickle.loads(cache_file.read_bytes())

    def poison(entries: dict) -> dict:
        return {
            key: (text, value, (Problem(key[1], 1, "POISONED", "never shown"),))
            for key, (text, value, _) in entries.items()
        }

    cache_file.write_bytes(pickle.dumps((version, poison(documents), poison(others))))


def test_a_cache_from_other_code_is_not_used(site: SiteWriter, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check(site.root, cache)
    (cache_file,) = cache.glob("parsed-*.pickle")
    _poison(cache_file, "another version")
    code, output = check(site.root, cache)
    assert code == 0 and "POISONED" not in output
    # The same code: its entries are used (which is why the cache lives outside the working copy).
    _poison(cache_file, parse_cache._code_version())
    assert "POISONED" in check(site.root, cache)[1]
    assert "POISONED" not in check(site.root, cache, "--no-cache")[1]


def test_an_entry_for_other_text_is_not_used(site: SiteWriter, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    check(site.root, cache)
    (cache_file,) = cache.glob("parsed-*.pickle")
    _poison(cache_file, parse_cache._code_version())
    for item in (site.root / "content").rglob("*.md"):  # every file edited: no entry matches its text
        item.write_text(item.read_text("utf-8").replace("title: ", "title: 修改后的"), "utf-8")
    for catalog in (site.root / "catalogs").glob("*.yml"):
        catalog.write_text(catalog.read_text("utf-8") + "\n", "utf-8")
    code, output = check(site.root, cache)
    assert code == 0 and "POISONED" not in output, output


def test_a_broken_cache_file_is_ignored(site: SiteWriter, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = check(site.root, cache)
    (cache_file,) = cache.glob("parsed-*.pickle")
    cache_file.write_bytes(b"not a pickle at all")
    assert check(site.root, cache) == expected
    assert pickle.loads(cache_file.read_bytes())[0] == parse_cache._code_version()  # written afresh


def test_no_cache_when_turned_off(site: SiteWriter, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert check(site.root, cache, DISCLOSE_CACHE="off")[0] == 0
    assert check(site.root, cache, "--no-cache")[0] == 0
    assert not cache.exists()


def test_the_cache_is_outside_the_working_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISCLOSE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = tmp_path / "site"
    path = parse_cache.cache_file(root)
    assert path is not None and path.is_relative_to(tmp_path / "xdg" / "disclose")
    assert not path.is_relative_to(root)
