"""`disclose merge` and `disclose build --jobs N`: shards joined into the one-process build, byte for byte.

The region is small but exercises every whole-site file that lists pages: the search index
is joined from several Pagefind batches with a first-query index of the newest items, and
the sitemap is an index of several files (mkdocs.yml's limits are set low).  Every file of
the merged site, search and sitemap included, is compared with a full build's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, REPO, SiteWriter, build

from site_plugins.merge import MANIFEST

# Low limits, so that a small region joins Pagefind batches and splits its sitemap.
LIMITS = "      search_batch_pages: 4\n      search_recent_pages: 5\n      sitemap_urls: 12\n"


def disclose(root: Path, *words: str, epoch: str | None = CLOCK_EPOCH) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *words],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def git(root: Path, *words: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *words],
        check=True,
        capture_output=True,
    )


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def write_region(root: Path) -> SiteWriter:
    site = SiteWriter(root)
    orgs = ("region", "league", "banner", "town", "village", "soe")
    for number in range(24):
        org = orgs[number % len(orgs)]
        day = f"2026-{3 + number % 8:02d}-{3 + number % 25:02d}"
        site.item(
            f"{org}/p{number}.md", org=org, title=f"{org}公开事项{number}", date=day, body=f"草原生态第{number}号。"
        )
    site.item("region/party.md", org="region", entry="party-long", title="自治区党内事项")
    site.item("banner/c.md", org="banner", entry="party-long", title="旗党内事项")
    withdrawn = {"on": "2026-04-01", "reason": "撤回"}
    site.item("league/chehui.md", org="league", title="盟撤回事项", status="withdrawn", withdrawn=withdrawn)
    site.item("region/gengzheng.md", org="region", title="自治区更正", corrects="league/chehui", date="2026-04-02")
    site.item("village/xin.md", org="village", title="嘎查搬家事项", moved_from=["village/jiu"])
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      search: pagefind\n", "      search: pagefind\n" + LIMITS), encoding="utf-8")
    (root / ".gitignore").write_text("site/\n", encoding="utf-8")  # as the repository's: builds are no sources
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "region")
    return site


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_region(tmp_path_factory.mktemp("merge") / "src").root


@pytest.fixture(scope="module")
def whole(region: Path) -> dict[str, dict[str, bytes]]:
    """The one-process builds, kept aside (later builds publish into the same folders)."""
    return {audience: files(build(region, audience)) for audience in ("public", "party")}


def shard(region: Path, audience: str, orgs: str, epoch: str = CLOCK_EPOCH) -> Path:
    done = disclose(region, "build", "--audience", audience, "--orgs", orgs, epoch=epoch)
    assert done.returncode == 0, done.stdout + done.stderr
    suffix = "+".join(sorted(o.replace("!", "not-") for o in orgs.split(",")))
    return region / "site" / f"{audience}@{suffix}"


@pytest.fixture(scope="module")
def shards(region: Path, whole: dict) -> dict[str, list[Path]]:
    return {a: [shard(region, a, "league"), shard(region, a, "region,!league")] for a in ("public", "party")}


def test_the_search_index_and_sitemap_of_the_region_are_joined_and_split(whole: dict) -> None:
    public = whole["public"]
    entry = json.loads(public["pagefind/pagefind-entry.json"])
    assert set(entry["languages"]) == {"cmn", "cmn-x-recent"}  # several batches, and the newest apart
    assert b"<sitemapindex" in public["sitemap.xml"] and "sitemap-2.xml" in public


@pytest.mark.parametrize("audience", ["public", "party"])
def test_merged_shards_are_the_one_process_build_byte_for_byte(
    region: Path, whole: dict, shards: dict, tmp_path: Path, audience: str
) -> None:
    league, rest = shards[audience]
    manifest = json.loads((league / MANIFEST).read_text("utf-8"))
    assert manifest["audience"] == audience and manifest["source_date_epoch"] == CLOCK_EPOCH
    assert not (league / "pagefind").exists()  # the merge indexes the union
    out = tmp_path / "merged"
    done = disclose(region, "merge", str(out), str(league), str(rest))
    assert done.returncode == 0, done.stdout + done.stderr
    merged = files(out)
    assert sorted(merged) == sorted(whole[audience])
    different = [p for p in merged if merged[p] != whole[audience][p]]
    assert not different, different


def test_build_jobs_2_is_the_one_process_build_byte_for_byte(region: Path, whole: dict, shards: dict) -> None:
    done = disclose(region, "build", "--audience", "public", "--jobs", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "in 2 shards" in done.stdout
    built = files(region / "site" / "public")
    assert sorted(built) == sorted(whole["public"])
    assert [p for p in built if built[p] != whole["public"][p]] == []
    assert not [p for p in (region / "site").iterdir() if ".shards-" in p.name]  # the scratch folder is gone


def refused(region: Path, out: Path, *shard_dirs: Path, epoch: str | None = CLOCK_EPOCH) -> str:
    (out / "index.html").parent.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text("old", encoding="utf-8")
    done = disclose(region, "merge", str(out), *map(str, shard_dirs), epoch=epoch)
    assert done.returncode == 1, done.stdout
    assert files(out) == {"index.html": b"old"}  # nothing was published
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    return done.stderr


def copied(folder: Path, into: Path) -> Path:
    shutil.copytree(folder, into / folder.name)
    return into / folder.name


def test_a_page_the_audience_may_not_see_is_never_merged(region: Path, shards: dict, tmp_path: Path) -> None:
    public_rest = copied(shards["public"][1], tmp_path)
    party_page = shards["party"][1] / "region/party/index.html"
    (public_rest / "region/party").mkdir()
    shutil.copy(party_page, public_rest / "region/party/index.html")
    error = refused(region, tmp_path / "out", shards["public"][0], public_rest)
    assert "the whole public build writes no region/party/index.html" in error


def test_a_file_two_shards_hold_differently_stops_the_merge(region: Path, shards: dict, tmp_path: Path) -> None:
    rest = copied(shards["public"][1], tmp_path)
    (rest / "data/items.json").write_text("[]", encoding="utf-8")
    error = refused(region, tmp_path / "out", shards["public"][0], rest)
    assert "data/items.json:" in error and "hold different files" in error


def test_shards_of_another_audience_clock_or_commit_are_refused(region: Path, shards: dict, tmp_path: Path) -> None:
    league, rest = shards["public"]
    error = refused(region, tmp_path / "a", league, shards["party"][1])
    assert "built for party, not public" in error
    other_day = str(int(CLOCK_EPOCH) + 86_400)
    error = refused(region, tmp_path / "b", league, rest, epoch=other_day)
    assert f"SOURCE_DATE_EPOCH={CLOCK_EPOCH}" in error and "pass the same value to every shard" in error
    error = refused(region, tmp_path / "c", league, rest, epoch=None)
    assert "SOURCE_DATE_EPOCH" in error
    moved = copied(rest, tmp_path)
    manifest = json.loads((moved / MANIFEST).read_text("utf-8"))
    (moved / MANIFEST).write_text(json.dumps({**manifest, "commit": "0" * 40}), encoding="utf-8")
    error = refused(region, tmp_path / "d", league, moved)
    assert f"built from commit {'0' * 40}" in error and "same commit" in error
    error = refused(region, tmp_path / "e", league, region / "content")
    assert f"no {MANIFEST}" in error


def test_a_missing_shard_stops_the_merge(region: Path, shards: dict, tmp_path: Path) -> None:
    error = refused(region, tmp_path / "out", shards["public"][0])
    assert "give every shard" in error or "no shard built it" in error


def test_uncommitted_sources_are_refused_unless_allowed(region: Path, shards: dict, tmp_path: Path) -> None:
    league, rest = shards["public"]
    (region / "notes.txt").write_text("草稿", encoding="utf-8")
    try:
        error = refused(region, tmp_path / "out", league, rest)
        assert "uncommitted changes" in error and "commit" in error
    finally:
        (region / "notes.txt").unlink()
