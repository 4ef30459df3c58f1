"""The CI configurations of ci-examples/ build a region in shards and merge it, as they say.

Their own lines are run here, in a git checkout of the sample: GitLab's clock line sets the
pipeline's SOURCE_DATE_EPOCH, its shard job's script runs once per row of its
`parallel:matrix` (the variables set as GitLab sets them), and GitHub's merge step runs with
its `${{ … }}` expressions filled in; GitHub's matrix and shard step must be GitLab's.  The
merged public site must be the one-process build of the same clock, byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from sitegen import REPO, build, copy_sample

EXAMPLES = REPO / "ci-examples"


def configs() -> tuple[dict, dict]:
    gitlab = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text(encoding="utf-8"))
    github = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text(encoding="utf-8"))
    return gitlab, github


def github_runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step and step["run"] != "make install"]


def test_both_configurations_build_the_same_shards_with_the_same_commands() -> None:
    gitlab, github = configs()
    (rows,) = gitlab["shard"]["parallel"]["matrix"]
    matrix = github["jobs"]["shard"]["strategy"]["matrix"]
    assert (rows["AUDIENCE"], rows["ORGS"]) == (matrix["audience"], matrix["orgs"])
    assert gitlab["merge"]["parallel"]["matrix"] == [{"AUDIENCE": matrix["audience"]}]
    to_github = {'"$AUDIENCE"': '"${{ matrix.audience }}"', '"$ORGS"': '"${{ matrix.orgs }}"'}

    def as_github(line: str) -> str:
        for word, expression in to_github.items():
            line = line.replace(word, expression)
        return line

    assert [as_github(line) for line in gitlab["shard"]["script"]] == github_runs(github["jobs"]["shard"])
    assert [as_github(line) for line in gitlab["merge"]["script"]] == github_runs(github["jobs"]["merge"])
    # Every job of both has the one clock of the pipeline.
    assert gitlab["shard"]["needs"] == ["clock"] and "clock" in gitlab["merge"]["needs"]
    epoch = "${{ needs.clock.outputs.epoch }}"
    assert github["jobs"]["shard"]["env"]["SOURCE_DATE_EPOCH"] == github["jobs"]["merge"]["env"]["SOURCE_DATE_EPOCH"]
    assert github["jobs"]["merge"]["env"]["SOURCE_DATE_EPOCH"] == epoch


def sh(line: str, root: Path, env: dict[str, str]) -> None:
    done = subprocess.run(["sh", "-c", line], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{line}\n{done.stdout}{done.stderr}"


def test_the_pipeline_s_lines_build_and_merge_the_sample_into_its_one_process_build(tmp_path: Path) -> None:
    gitlab, github = configs()
    root = copy_sample(tmp_path / "repo")
    shutil.copytree(EXAMPLES, root / "ci-examples")
    shutil.copy(REPO / ".gitignore", root / ".gitignore")
    for words in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "sample"]):
        subprocess.run(
            ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *words], check=True
        )
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env |= {"PYTHONPATH": str(REPO), "DISCLOSE": f"{sys.executable} -m site_plugins.cli"}
    for line in gitlab["clock"]["script"]:
        sh(line, root, env)
    (dotenv,) = gitlab["clock"]["artifacts"]["reports"]["dotenv"].split()
    name, _, epoch = (root / dotenv).read_text(encoding="utf-8").strip().partition("=")
    assert name == "SOURCE_DATE_EPOCH" and epoch.isdigit()
    env["SOURCE_DATE_EPOCH"] = epoch
    whole = build(root, "public", epoch)
    expected = {p.relative_to(whole).as_posix(): p.read_bytes() for p in whole.rglob("*") if p.is_file()}
    shutil.rmtree(whole)
    (rows,) = gitlab["shard"]["parallel"]["matrix"]
    for orgs in rows["ORGS"]:
        for line in gitlab["shard"]["script"]:
            sh(line, root, env | {"AUDIENCE": "public", "ORGS": orgs})
    assert len(list((root / "site/shards").glob("public@*"))) == len(rows["ORGS"])
    for line in github_runs(github["jobs"]["merge"]):
        sh(line.replace("${{ matrix.audience }}", "public"), root, env)
    merged = root / "site/public"
    got = {p.relative_to(merged).as_posix(): p.read_bytes() for p in merged.rglob("*") if p.is_file()}
    assert sorted(got) == sorted(expected)
    assert [p for p in got if got[p] != expected[p]] == []
