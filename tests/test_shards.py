"""`disclose build --orgs`: shards of a split build add up to the whole build (docs/scaling.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, SiteWriter, build

from site_plugins.merge import MANIFEST

# Files of a shard alone: its sitemap of its own pages and what it was built from; the merge
# writes the whole site's sitemap and search index (tests/test_merge.py).
PER_SHARD = ("sitemap.xml", "sitemap.xml.gz", MANIFEST)


def shard(root: Path, audience: str, orgs: str) -> tuple[int, Path, str]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "site_plugins.cli",
            "--root",
            str(root),
            "build",
            "--audience",
            audience,
            "--orgs",
            orgs,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH},
        check=False,
    )
    suffix = "+".join(sorted(o.replace("!", "not-") for o in orgs.split(",")))
    slug = audience.replace(":", "-")
    return done.returncode, root / "site" / f"{slug}@{suffix}", done.stdout + done.stderr


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> SiteWriter:
    site = SiteWriter(tmp_path_factory.mktemp("shards") / "src")
    site.item("region/a.md", org="region", title="自治区事项")
    site.item("region/party.md", org="region", entry="party-long", title="自治区党内事项")
    site.item("league/b.md", org="league", title="盟事项")
    site.item("banner/c.md", org="banner", entry="party-long", title="旗党内事项")
    site.item("village/d.md", org="village", title="嘎查事项")
    site.item("soe/e.md", org="soe", title="国企事项")
    # A withdrawal notice in one shard linked from a correction in the other, and a redirect (issue 14).
    withdrawn = {"on": "2026-04-01", "reason": "撤回"}
    site.item("league/chehui.md", org="league", title="盟撤回事项", status="withdrawn", withdrawn=withdrawn)
    site.item("region/gengzheng.md", org="region", title="自治区更正", corrects="league/chehui", date="2026-04-02")
    site.item("village/xin.md", org="village", title="嘎查搬家事项", moved_from=["village/jiu"])
    return site


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and not p.relative_to(out).as_posix().startswith("pagefind/") and p.name not in PER_SHARD
    }


@pytest.mark.parametrize("audience", ["public", "party"])
def test_a_league_shard_and_the_rest_add_up_to_the_whole_build(region: SiteWriter, audience: str) -> None:
    whole = files(build(region.root, audience))
    code, league_dir, log = shard(region.root, audience, "league")
    assert code == 0, log
    code, rest_dir, log = shard(region.root, audience, "region,!league")
    assert code == 0, log
    league, rest = files(league_dir), files(rest_dir)
    # Item and organization pages are in exactly one shard, and as in the whole build.
    for path in whole:
        if path.startswith(("league/", "banner/", "village/")) or path.split("/")[:2] in (
            [kind, org] for kind in ("orgs", "compliance") for org in ("league", "banner", "town", "village")
        ):
            assert path in league and path not in rest and league[path] == whole[path], path
        elif path.startswith(("region/", "soe/")) or path.split("/")[:2] in (
            [kind, org] for kind in ("orgs", "compliance") for org in ("region", "soe")
        ):
            assert path in rest and path not in league and rest[path] == whole[path], path
        else:  # whole-site pages, exports, assets: every shard writes them, the same bytes
            assert league.get(path) == whole[path] and rest.get(path) == whole[path], path
    assert set(league) | set(rest) == set(whole)


def test_a_shard_naming_an_unknown_organization_fails_and_writes_nothing(region: SiteWriter) -> None:
    code, out, log = shard(region.root, "public", "nowhere")
    assert code == 1 and "unknown organization nowhere" in log
    assert not out.exists()


def test_the_nearest_named_superior_decides_and_packed_shards_cover_the_registry_once(region: SiteWriter) -> None:
    from site_plugins.load import load_site
    from site_plugins.shards import Shard, ShardError, pack

    registry = load_site(region.root).registry
    nested = Shard.parse("region,!league,town", registry)
    assert [o for o in ("region", "league", "banner", "town", "village", "soe") if nested.has_org(o)] == [
        "region",
        "town",
        "village",
        "soe",
    ]
    with pytest.raises(ShardError, match="league and !league"):
        Shard.parse("league,!league", registry)
    weights = {"region": 9, "league": 2, "banner": 5, "town": 1, "village": 4, "soe": 3}
    for jobs in (1, 2, 3, 6):
        specs = pack(registry, weights, jobs)
        assert 1 <= len(specs) <= jobs
        shards = [Shard.parse(spec, registry) for spec in specs]
        for org in registry:
            assert sum(s.has_org(org.id) for s in shards) == 1, (jobs, org.id, specs)
    loads = [
        sum(w for o, w in weights.items() if Shard.parse(s, registry).has_org(o)) for s in pack(registry, weights, 2)
    ]
    assert sorted(loads) == [12, 12]
