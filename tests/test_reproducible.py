"""Reproducible builds (SPEC §10): same sources and SOURCE_DATE_EPOCH, byte-identical output.

The sample site is copied twice and each copy is built by the real CLI in its own
process — with a different hash seed, so set and dict iteration order differ, and with
different file times on the sources, so nothing may depend on them.  Every output file
is compared byte for byte: pages, search index, sitemap.xml(.gz), feeds, JSON.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import subprocess
import sys
from pathlib import Path

from sitegen import CLOCK_EPOCH, REPO, copy_sample

AUDIENCES = ("public", "party")


def build_all(root: Path, hash_seed: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), "build", "--all", "--jobs", "2"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_sample_with_the_same_clock_are_identical_byte_for_byte(tmp_path: Path) -> None:
    first, second = copy_sample(tmp_path / "first"), copy_sample(tmp_path / "second")
    for path in second.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))  # sources touched long ago
    build_all(first, "1")
    build_all(second, "2")

    for audience in AUDIENCES:
        one, two = files_of(first / "site" / audience), files_of(second / "site" / audience)
        # The comparison covers the outputs most likely to drift, so make sure they exist.
        for required in (
            "index.html",
            "sitemap.xml",
            "sitemap.xml.gz",
            "feed.xml",
            "data/items.json",
            "data/catalogs.json",
        ):
            assert required in one, f"{audience}: {required} was not built"
        assert sorted(one) == sorted(two), f"{audience}: the two builds made different files"
        different = [name for name in one if one[name] != two[name]]
        assert different == [], f"{audience}: these files differ between two builds: {different}"


def test_dates_in_the_output_come_from_the_clock_not_from_the_time_of_the_build(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "sample")
    build_all(root, "0")
    clock = dt.datetime.fromtimestamp(int(CLOCK_EPOCH), dt.UTC)
    sitemap = (root / "site" / "public" / "sitemap.xml.gz").read_bytes()
    # gzip header bytes 4-7: the member's mtime, which would otherwise be the wall clock.
    assert int.from_bytes(sitemap[4:8], "little") <= int(CLOCK_EPOCH)
    assert int.from_bytes(sitemap[4:8], "little") > int(CLOCK_EPOCH) - 86_400
    text = gzip.decompress(sitemap).decode("utf-8")
    assert f"<lastmod>{clock.date().isoformat()}</lastmod>" in text
    assert text == (root / "site" / "public" / "sitemap.xml").read_text(encoding="utf-8")
