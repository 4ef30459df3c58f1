"""Fail closed, fail clearly: each kind of broken input stops `check` and `build`.

Every case starts from a valid site with one public canary item, breaks one thing, and
expects both commands to exit non-zero naming the broken file — and the build to leave
the previously published site exactly as it was.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, ENGINE_COMMAND, ORGS, SiteWriter, dump

BROKEN = "zqbrokencanary"


def _replace(site: SiteWriter, rel: str, old: str, new: str) -> None:
    path = site.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _approval(site: SiteWriter, **change: object) -> dict:
    fields = site.item_fields()
    fields["approval"].update(change)
    return fields["approval"]


CASES: dict[str, tuple[str, Callable[[SiteWriter], None]]] = {
    "scope typo": ("content/x/bad.md", lambda s: s.item("x/bad.md", scope="pubilc")),
    "scope missing": (
        "content/x/bad.md",
        lambda s: (s.item("x/bad.md"), _replace(s, "content/x/bad.md", "scope: public\n", "")),
    ),
    "unknown org": ("content/x/bad.md", lambda s: s.item("x/bad.md", org="nmg-xx")),
    "unknown catalog entry": ("content/x/bad.md", lambda s: s.item("x/bad.md", catalog="xunshi")),
    "wider than its entry": ("content/x/bad.md", lambda s: s.item("x/bad.md", catalog="party-long", scope="public")),
    "specific without audience": ("content/x/bad.md", lambda s: s.item("x/bad.md", entry="spec-now", audience=None)),
    "missing approval": ("content/x/bad.md", lambda s: s.item("x/bad.md", approval=None)),
    "secrecy review pending": (
        "content/x/bad.md",
        lambda s: s.item("x/bad.md", approval=_approval(s, secrecy_review="pending")),
    ),
    "dates out of order": (
        "content/x/bad.md",
        lambda s: s.item("x/bad.md", approval=_approval(s, approved_on="2026-02-01", reviewed_on="2026-02-10")),
    ),
    "published before approval": ("content/x/bad.md", lambda s: s.item("x/bad.md", date="2026-02-01")),
    "outside catalog without superior": ("content/x/bad.md", lambda s: s.item("x/bad.md", catalog=None)),
    "important without principal": ("content/x/bad.md", lambda s: s.item("x/bad.md", level="important")),
    "unsafe yaml": (
        "content/x/bad.md",
        lambda s: s.write("content/x/bad.md", "---\ntitle: !!python/object/apply:os.getcwd []\nscope: public\n---\n"),
    ),
    "broken yaml": (
        "content/x/bad.md",
        lambda s: s.write("content/x/bad.md", "---\ntitle: [未闭合\nscope: public\n---\n"),
    ),
    "no front matter": ("content/x/bad.md", lambda s: s.write("content/x/bad.md", f"# {BROKEN}\n")),
    "bad date": ("content/x/bad.md", lambda s: s.item("x/bad.md", date="2026-02-30")),
    "wrong covers form": ("content/x/bad.md", lambda s: s.item("x/bad.md", entry="pub-q", covers="2026-7")),
    "timing differs from entry": (
        "content/x/bad.md",
        lambda s: s.item("x/bad.md", timing="periodic", covers="2026-Q1"),
    ),
    "interprets unknown item": ("content/x/bad.md", lambda s: s.item("x/bad.md", interprets="nope/nope")),
    "missing attachment": ("content/x/bad.md", lambda s: s.item("x/bad.md", attachments=["gone.pdf"])),
    "stray file": ("content/x/stray.pdf", lambda s: s.write("content/x/stray.pdf", BROKEN.encode())),
    "unknown parent in registry": (
        "catalogs/organizations.yml",
        lambda s: s.write(
            "catalogs/organizations.yml",
            dump([*ORGS, {"id": "orphan", "name": "孤", "kind": "committee", "level": "banner", "parent": "nowhere"}]),
        ),
    ),
    "catalog scope typo": (
        "catalogs/league.yml",
        lambda s: _replace(s, "catalogs/league.yml", "scope: public", "scope: publik"),
    ),
    "duplicate field": (
        "content/x/bad.md",
        lambda s: (
            s.item("x/bad.md"),
            _replace(s, "content/x/bad.md", "scope: public\n", "scope: party\nscope: public\n"),
        ),
    ),
}


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"SOURCE_DATE_EPOCH": CLOCK_EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(root), "LANGUAGE": "en"}
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid site, built once; each case copies it, breaks it and rebuilds."""
    site = SiteWriter(tmp_path_factory.mktemp("bad") / "src")
    site.item("region/good.md", title="好事项 zqgoodcanary", body=f"正文 {BROKEN}不在这里".replace(BROKEN, "ok"))
    result = run(site.root, "build", "--audience", "public")
    assert result.returncode == 0, result.stderr
    return site.root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_there_are_at_least_twenty_kinds_of_broken_input() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_stops_check_and_build_and_names_the_file(published: Path, tmp_path: Path, case: str) -> None:
    import shutil

    root = tmp_path / "src"
    shutil.copytree(published, root)
    site = SiteWriter.__new__(SiteWriter)
    site.root, site.orgs = root, ORGS
    path, breaker = CASES[case]
    breaker(site)
    before = snapshot(root / "site" / "public")

    check = run(root, "check")
    assert check.returncode == 1, check.stdout
    assert f"{path}:" in check.stderr or f"{path} " in check.stderr, check.stderr
    assert " — " in check.stderr  # every message carries a fix

    build = run(root, "build", "--audience", "public")
    assert build.returncode == 1
    assert path in build.stderr
    assert snapshot(root / "site" / "public") == before, "a failed build changed the published site"
    assert BROKEN not in "".join(v.decode("utf-8", "replace") for v in before.values())


def test_mkdocs_build_itself_stops_on_broken_input(published: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "src"
    shutil.copytree(published, root)
    (root / "content/x").mkdir()
    (root / "content/x/bad.md").write_text("---\ntitle: t\nscope: pubic\n---\n", encoding="utf-8")
    result = subprocess.run(
        [*ENGINE_COMMAND, "build", "-q", "-d", str(tmp_path / "out")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(root)},
    )
    assert result.returncode != 0
    assert "content/x/bad.md:3:" in result.stderr + result.stdout
    assert not (tmp_path / "out" / "index.html").exists()


def test_an_unknown_audience_stops_the_build(published: Path) -> None:
    for audience in ("everyone", "unit:ghost", "Public"):
        result = run(published, "build", "--audience", audience)
        assert result.returncode == 1 and "unknown audience" in result.stderr, result.stderr
