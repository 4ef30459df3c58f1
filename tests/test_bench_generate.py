"""The benchmark generator writes a valid, deterministic region of the real shape (bench/generate.py)."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sitegen import CLOCK_EPOCH, REPO

from site_plugins.load import load_site
from site_plugins.rules import validate

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402
from region import LEAGUES, REAL_TOTAL, build_region, shape  # noqa: E402


def test_generated_region_passes_check_and_covers_every_scope_timing_and_status(tmp_path: Path) -> None:
    generate(tmp_path, 400, seed=3)
    site = load_site(tmp_path)
    assert validate(site) == []
    assert len(site.registry) == 1263
    assert len(site.catalogs) == 1263
    items = site.items()
    assert len(items) == 400
    levels = Counter(o.level for o in site.registry)
    assert levels["league"] == 24  # 12 committees + 12 commissions
    assert levels["banner"] >= 206  # 103 committees + 103 commissions (+ organs)
    assert levels["township"] >= 103 and levels["village"] >= levels["township"]
    assert {d.scope for d in items} == {"public", "party", "unit", "specific"}
    assert {d.timing for d in items} == {"long-term", "periodic", "immediate"}
    assert {d.status for d in items} == {"approved", "draft", "withdrawn"}
    assert all(800 <= len(d.body) <= 3000 for d in items)
    assert (tmp_path / "mkdocs.yml").is_file() and (tmp_path / "theme").is_dir()


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 60, seed=7, orgs=600)
    generate(tmp_path / "b", 60, seed=7, orgs=600)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


def test_the_full_region_has_the_real_counts_and_the_real_banners() -> None:
    counts = shape(REAL_TOTAL)
    assert (counts["township"], counts["village"]) == (1025, 13860)
    orgs = build_region(REAL_TOTAL, random.Random(1))
    assert len(orgs) == 80_000 and len({o.id for o in orgs}) == 80_000
    by_level = Counter((o.level, o.kind) for o in orgs)
    assert by_level["league", "committee"] == 12 and by_level["banner", "committee"] == 103
    assert by_level["township", "grassroots"] == 1025 and by_level["village", "grassroots"] == 13860
    # Territorial organizations (leagues, banners, townships, villages and communities): about 15,000.
    assert 12 + 103 + 1025 + 13860 == 15_000
    assert by_level["unit", "grassroots"] > 60_000
    assert {o.sector for o in orgs if o.level == "unit"} == {"soe", "private", "social", "public-institution", "agency"}
    banners = {o.name for o in orgs if o.level == "banner" and o.kind == "committee"}
    assert {"中共正蓝旗委员会", "中共土默特左旗委员会", "中共额济纳旗委员会", "中共满洲里市委员会"} <= banners
    assert sum(len(names) for *_, names in LEAGUES) == 103
    # The region and leagues publish far more per organization than a village branch.
    weight = {o.level: o.weight for o in orgs if o.kind in ("committee", "grassroots")}
    assert weight["region"] > weight["league"] > weight["banner"] > weight["township"] > weight["village"]


def test_a_region_of_n_organizations_passes_disclose_check_with_n_organizations_in_templated_catalogs(
    tmp_path: Path,
) -> None:
    root = tmp_path / "region"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), str(root), "--orgs", "3000", "--items", "300"],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), "check", "--no-cache"],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": CLOCK_EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANGUAGE": "en"},
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3000 organizations, 3000 catalogs, 300 items" in result.stdout
    site = load_site(root)
    levels = Counter(o.level for o in site.registry)
    assert levels["township"] >= 103 and levels["village"] > levels["township"] and levels["unit"] > levels["village"]
    # Every catalog but the region's own organs' is a few lines on a template.
    catalogs = sorted((root / "catalogs").glob("*.yml"))
    extending = [p for p in catalogs if "\nextends: " in p.read_text(encoding="utf-8")]
    assert len(extending) == 3000 - 9
    assert max(len(p.read_text(encoding="utf-8").splitlines()) for p in extending) <= 30
    lengths = sorted(len(p.read_text(encoding="utf-8").splitlines()) for p in extending)
    assert lengths[len(lengths) // 2] <= 8
    assert all(site.catalogs[o.id].entries for o in site.registry)
