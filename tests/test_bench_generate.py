"""The benchmark generator writes a valid, deterministic region (bench/generate.py)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from sitegen import REPO

from site_plugins.load import load_site
from site_plugins.rules import validate

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402


def test_generated_region_passes_check_and_covers_every_scope_timing_and_status(tmp_path: Path) -> None:
    generate(tmp_path, 400, seed=3)
    site = load_site(tmp_path)
    assert validate(site) == []
    assert len(site.registry) == 1263
    assert len(site.catalogs) == 1263
    items = site.items()
    assert len(items) == 400
    assert Counter(o.level for o in site.registry)["league"] == 24  # 12 committees + 12 commissions
    assert Counter(o.level for o in site.registry)["banner"] == 103
    assert {d.scope for d in items} == {"public", "party", "unit", "specific"}
    assert {d.timing for d in items} == {"long-term", "periodic", "immediate"}
    assert {d.status for d in items} == {"approved", "draft", "withdrawn"}
    assert all(800 <= len(d.body) <= 3000 for d in items)
    assert (tmp_path / "mkdocs.yml").is_file() and (tmp_path / "theme").is_dir()


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    generate(tmp_path / "a", 60, seed=7)
    generate(tmp_path / "b", 60, seed=7)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)
