"""The pre-commit hook and the CI snippets of docs/reviewing.md do what the docs say.

The snippets are taken from the Markdown itself and their shell steps are run against a
real git repository, so the documentation cannot drift from the command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from sitegen import CLOCK_EPOCH, REPO, SiteWriter
from test_workflow_diff import GIT_ENV, commit_all, git


def yaml_blocks(doc: Path) -> list[dict | list]:
    return [
        yaml.safe_load(block)
        for block in re.findall(r"^```yaml\n(.*?)^```$", doc.read_text(encoding="utf-8"), re.S | re.M)
    ]


def shell_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    # `disclose` from this virtual environment, as `pip install -e .` gives it in CI.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return {**os.environ, **GIT_ENV, "PATH": path, "SOURCE_DATE_EPOCH": CLOCK_EPOCH, **extra}


def merge_request(site: SiteWriter) -> None:
    """main with one public item; branch `mr` makes it party-only and adds another."""
    site.item("region/a.md", title="甲事项")
    git(site.root, "init", "-q", "-b", "main")
    commit_all(site.root, "main")
    git(site.root, "switch", "-q", "-c", "mr")
    site.item("region/a.md", title="甲事项", entry="party-long")
    site.item("region/b.md", title="乙事项")
    commit_all(site.root, "mr")


def test_the_pre_commit_hook_runs_disclose_check_once_for_content_and_catalog_changes() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "disclose-check"
    assert hook["entry"] == "disclose check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/nmg-dw/2026/a.md") and files.search("catalogs/organizations.yml")
    assert not files.search("theme/main.html") and not files.search("docs/content/x.md")
    # `language: python` installs this package: its console script must be `disclose`.
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["disclose"] == "site_plugins.cli:entry"


def test_the_editing_guide_hook_configurations_name_the_hook() -> None:
    configs = [b for b in yaml_blocks(REPO / "docs" / "editing.md") if isinstance(b, dict) and "repos" in b]
    assert len(configs) == 2
    for config in configs:
        (hook,) = config["repos"][0]["hooks"]
        assert hook["id"] == "disclose-check"


def test_the_github_actions_step_writes_the_diff_comment_and_its_status(site: SiteWriter, tmp_path: Path) -> None:
    merge_request(site)
    (workflow,) = [b for b in yaml_blocks(REPO / "docs" / "reviewing.md") if isinstance(b, dict) and "jobs" in b]
    assert workflow[True]["pull_request"]["paths"] == ["content/**", "catalogs/**"]  # YAML 1.1 reads `on` as True
    steps = workflow["jobs"]["diff"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0
    (step,) = [s for s in steps if s.get("id") == "diff"]
    base = git(site.root, "merge-base", "main", "HEAD").strip()
    script = step["run"].replace("${{ github.event.pull_request.base.sha }}", base)
    output = tmp_path / "github_output"
    done = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=site.root,
        capture_output=True,
        text=True,
        env=shell_env(tmp_path, GITHUB_OUTPUT=str(output)),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert output.read_text() == "status=0\n"
    comment = (site.root / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith("#### disclose diff")
    assert "- region/a  甲事项" in comment and "+ region/b  乙事项" in comment
    assert '"region/b"' in (site.root / "diff.json").read_text(encoding="utf-8")


def test_the_gitlab_job_script_finds_the_merge_base_and_fails_on_a_broken_merge_request(
    site: SiteWriter, tmp_path: Path
) -> None:
    merge_request(site)
    site.write("content/region/broken.md", "---\ntitle: 坏\n---\n")
    commit_all(site.root, "broken")
    git(site.root, "remote", "add", "origin", str(site.root))  # the repository is its own origin
    (config,) = [b for b in yaml_blocks(REPO / "docs" / "reviewing.md") if isinstance(b, dict) and "disclose-diff" in b]
    job = config["disclose-diff"]
    assert job["variables"]["GIT_DEPTH"] == 0
    # Everything but installing and posting, which need the network and a token.
    script = "\n".join(line for line in job["script"] if not line.startswith(("pip ", "curl")))
    done = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=site.root,
        capture_output=True,
        text=True,
        check=False,
        env=shell_env(tmp_path, CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main"),
    )
    assert done.returncode == 1  # the merge request does not pass validation: the job fails
    note = (site.root / "note.md").read_text(encoding="utf-8")
    assert "does not build" in note and "content/region/broken.md" in note
    assert "+ region/b  乙事项" in note  # and the reviewer still sees the rest
