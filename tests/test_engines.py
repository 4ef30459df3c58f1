"""The engines and themes we support (site_plugins/engine.py, README "Engines").

MkDocs 1.6 + Material 9.x is the environment of this suite; `make test-properdocs` runs the
whole suite again on ProperDocs with no mkdocs package (CI runs both).  Here, from any of
them: the plugin is found by both engines, a build on ProperDocs-without-MkDocs really runs
on ProperDocs, a build error reaches the editor with its reason on either engine, and the
sample builds with the MaterialX theme.  `make test` installs .venv-properdocs and
.venv-materialx; without them these fail.
"""

from __future__ import annotations

import os
import subprocess
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, REPO, SiteWriter, copy_sample, output_text

PROPERDOCS = REPO / ".venv-properdocs" / "bin" / "python"
MATERIALX = REPO / ".venv-materialx" / "bin" / "python"
ENGINES = {"mkdocs": REPO / ".venv" / "bin" / "python", "properdocs": PROPERDOCS}


def run(python: Path, root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert python.is_file(), f"run `make test`: it installs {python.parent.parent.name}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH}
    env.pop("DISCLOSE_AUDIENCE", None)
    return subprocess.run(
        [str(python), "-m", "site_plugins.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=600,
        check=False,
    )


def test_the_plugin_is_registered_for_both_engines() -> None:
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        found = {e.name: e.value for e in entry_points(group=group)}
        assert found.get("disclosure") == "site_plugins.plugins.disclosure:DisclosurePlugin", group


def test_without_the_mkdocs_package_disclose_builds_on_properdocs(tmp_path: Path) -> None:
    probe = (
        subprocess.run(
            [str(PROPERDOCS), "-c", "import importlib.util as u; print(u.find_spec('mkdocs'))"],
            capture_output=True,
            text=True,
            check=True,
        )
        if PROPERDOCS.is_file()
        else None
    )
    assert probe is not None and probe.stdout.strip() == "None", "the ProperDocs venv must have no mkdocs package"
    root = copy_sample(tmp_path / "sample")
    result = run(PROPERDOCS, root, "build", "--all")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (root / "site" / "public" / "index.html").read_text("utf-8")
    assert 'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9' in page
    assert "党内资料 注意保密" in (root / "site" / "party" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_build_error_reaches_the_editor_with_its_reason_on_either_engine(engine: str, tmp_path: Path) -> None:
    """Finding: on ProperDocs a hidden page named in a hand-written nav ended as "Aborted with
    a BuildError!" and no reason — the CLI listened to the `mkdocs` logger, ProperDocs logs to
    `properdocs`."""
    site = SiteWriter(tmp_path / "src")
    site.item("region/a.md", org="region", entry="party-long", title="党内事项甲")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "nav:\n  - 事项: region/a.md\n", "utf-8")
    result = run(ENGINES[engine], site.root, "build", "--audience", "public")
    assert result.returncode == 1
    assert "nav lists content/region/a.md, not visible to public — remove them from nav" in result.stderr
    assert not (site.root / "site" / "public").exists()


def test_the_sample_builds_with_the_materialx_theme(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  name: material\n" in text
    config.write_text(text.replace("  name: material\n", "  name: materialx\n"), "utf-8")
    result = run(MATERIALX, root, "build", "--all")
    assert result.returncode == 0, result.stdout + result.stderr
    public, party = root / "site" / "public", root / "site" / "party"
    # Our overrides (theme/) apply on MaterialX too: the intranet banner, the generated pages.
    assert "党内资料 注意保密" in (party / "index.html").read_text("utf-8")
    assert (public / "orgs" / "index.html").is_file() and (party / "compliance" / "index.html").is_file()
    assert "assets/stylesheets" in (public / "index.html").read_text("utf-8")
    # What the party build holds beyond the public one stays out of the public one.
    party_only = {p.relative_to(party).as_posix() for p in party.rglob("*.html")} - {
        p.relative_to(public).as_posix() for p in public.rglob("*.html")
    }
    assert party_only, "the sample's party build has pages the public one has not"
    text = "\n".join(output_text(public).values())
    for rel in party_only:
        if rel.startswith("compliance/"):
            continue
        assert rel.rsplit("/", 2)[-2] not in text, rel
