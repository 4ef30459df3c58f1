"""Independent black-box leak test, written from SPEC.md and README.md only.

A generated site (tests/blackbox_corpus.py: ~30 organizations, hundreds of items and
pages, attachments, every scope/timing/level/status) is checked and built with the real
CLI for the public, party and three unit audiences; then every output file (gzip
members decompressed, binaries read leniently, paths included) is searched for canary
tokens. A canary the audience may not see must appear nowhere; the canary of every
visible, published, unexpired item must appear somewhere in that build.

Readings of the SPEC this test relies on:
- build clock = China date (UTC+8) of SOURCE_DATE_EPOCH; `date` after it = embargo;
  `expires` = last live day (expired items: absent from public, not asserted intranet);
- `unit` = the issuing org and everything under it; `specific` = only listed orgs;
- catalog entries (§8 "each visible entry") follow the same scope rules as items;
  a party-scope catalog shows none of its non-public entries in the public build.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import blackbox_corpus as bc  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
# 2026-11-20 17:30 UTC = 2026-11-21 01:30 in China: the build date is 2026-11-21
EPOCH = int(dt.datetime(2026, 11, 20, 17, 30, tzinfo=dt.UTC).timestamp())
SEED = 20261121
BUILDS = ["public", "party"] + [f"unit:{o}" for o in bc.UNIT_BUILDS]
CORE = re.compile(r"(?=(zb[a-z]{10}))")
FULL = re.compile(r"(?=(zb[a-z]{10}canary))")


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    env.pop("DISCLOSE_AUDIENCE", None)
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def decoded(data: bytes) -> str:
    """Text of a file; gzip members decompressed (repeatedly), binaries read leniently."""
    texts = [data.decode("utf-8", errors="replace")]
    for _ in range(3):
        if data[:2] != b"\x1f\x8b":
            break
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = d.decompress(data)
        texts.append(data.decode("utf-8", errors="replace"))
    return "\n".join(texts)


def scan(folder: Path) -> tuple[dict[str, set[str]], dict[str, set[str]], list[Path]]:
    """core -> files, full canary -> files, and all files (paths searched too)."""
    cores: dict[str, set[str]] = {}
    fulls: dict[str, set[str]] = {}
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for p in files:
        rel = p.relative_to(folder).as_posix()
        text = rel + "\n" + decoded(p.read_bytes())
        for m in CORE.finditer(text):
            cores.setdefault(m.group(1), set()).add(rel)
        for m in FULL.finditer(text):
            fulls.setdefault(m.group(1), set()).add(rel)
    return cores, fulls, files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("bbsite")
    corpus = bc.generate(root, SEED, EPOCH, per_org=11, project=PROJECT)
    check = run_cli(root, "check")
    assert check.returncode == 0, f"check rejected the corpus:\n{check.stdout}\n{check.stderr}"
    builds = {}
    for aud in BUILDS:
        r = run_cli(root, "build", "--audience", aud)
        assert r.returncode == 0, f"build --audience {aud} failed:\n{r.stdout}\n{r.stderr}"
        folder = root / "site" / aud.replace(":", "-")
        assert folder.is_dir(), f"build --audience {aud} wrote no {folder}"
        builds[aud] = (folder, *scan(folder))
    return corpus, builds


def test_corpus_is_large_and_varied(site):
    corpus, _ = site
    items = [t for t in corpus.things if t.kind == "item"]
    assert len(items) >= 300
    assert len(bc.ORGS) >= 25
    assert {t.scope for t in items} == {"public", "party", "unit", "specific"}
    assert {t.timing for t in items} == {"long-term", "periodic", "immediate"}
    assert {t.status for t in items} == {"approved", "draft", "withdrawn"}
    assert {t.scope for t in corpus.things if t.kind == "page"} == {"public", "party", "unit", "specific"}
    assert any(t.date > corpus.today for t in items) and any(t.expired(corpus.today) for t in items)
    s = corpus.stats
    assert (
        min(
            s["crlf"],
            s["bom"],
            s["chinese_names"],
            s["attachments"],
            s["consultations"],
            s["outside_catalog"],
            s["links"],
        )
        > 0
    ), s
    # the canaries are unique and no core is a part of another
    cores = [c[:12] for c in corpus.canaries()]
    assert len(set(cores)) == len(cores)


@pytest.mark.parametrize("aud", BUILDS)
def test_no_leak_and_nothing_missing(site, aud):
    corpus, builds = site
    folder, cores, fulls, files = builds[aud]
    see, hide = bc.expectations(corpus, aud)
    assert set(see).isdisjoint(hide)
    assert len(see) > 30 and len(hide) > 30, (len(see), len(hide))
    leaks = []
    for c, why in sorted(hide.items()):
        where = cores.get(c[:12])
        if where:
            leaks.append(f"{c} [{why}] leaked into {len(where)} file(s): {sorted(where)[:8]}")
    missing = [f"{c} [{why}]" for c, why in sorted(see.items()) if c not in fulls]
    assert not leaks, f"{aud}: {len(leaks)} hidden canaries leaked:\n" + "\n".join(leaks)
    assert not missing, f"{aud}: {len(missing)} visible canaries appear in no file:\n" + "\n".join(missing)


def test_visible_items_have_their_page_and_attachments(site):
    """Item pages at the path of their file (§8) and attachments beside them."""
    corpus, builds = site
    for aud in BUILDS:
        folder, _, fulls, _ = builds[aud]
        see, _ = bc.expectations(corpus, aud)
        problems = []
        for t in corpus.things:
            if t.canary not in see:
                continue
            page = folder / t.path[:-3] / "index.html"
            if not page.is_file():
                problems.append(f"{t.canary}: no page {page.relative_to(folder)}")
            elif t.canary not in page.read_text(encoding="utf-8", errors="replace"):
                problems.append(f"{t.canary}: page {page.relative_to(folder)} lacks its canary")
            for a in t.attachments:
                f = folder / Path(t.path).parent / a
                if not f.is_file():
                    problems.append(f"{t.canary}: attachment {f.relative_to(folder)} missing")
        assert not problems, f"{aud}:\n" + "\n".join(problems)


def test_public_build_markings(site):
    _, builds = site
    folder, _, _, files = builds["public"]
    bad = [p.relative_to(folder).as_posix() for p in files if "compliance" in p.relative_to(folder).as_posix()]
    assert not bad, f"public build has compliance files: {bad}"
    robots = folder / "robots.txt"
    if robots.exists():
        agent_all, disallow_all = False, False
        for line in robots.read_text(encoding="utf-8").splitlines():
            k, _, v = line.partition(":")
            k, v = k.strip().lower(), v.split("#")[0].strip()
            if k == "user-agent":
                agent_all = v == "*"
            elif k == "disallow" and agent_all and v == "/":
                disallow_all = True
        assert not disallow_all, f"public robots.txt disallows everything:\n{robots.read_text()}"


def test_party_build_banner_on_every_page(site):
    _, builds = site
    folder, _, _, files = builds["party"]
    pages = [p for p in files if p.suffix == ".html"]
    assert len(pages) > 100
    unmarked = [
        p.relative_to(folder).as_posix()
        for p in pages
        if "党内资料" not in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert not unmarked, f"{len(unmarked)} party pages without 党内资料: {unmarked[:20]}"
