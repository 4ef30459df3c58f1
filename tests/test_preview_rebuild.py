"""Preview rebuilds (plugins/preview.py): after an edit, what changed is shown and nothing else moves.

The dirty builds `disclose serve` runs, driven in-process the way its live-reload loop
does it: a fresh config per build, into the same output folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, SiteWriter

from site_plugins import engine

PREVIEW = {"audience": "party", "preview": True}  # what `disclose serve` sets


@pytest.fixture
def preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CLOCK_EPOCH)
    site = SiteWriter(tmp_path / "src")
    site.item("region/a.md", org="region", title="自治区事项甲", body="甲的正文。")
    site.item("region/b.md", org="region", title="自治区事项乙", body="乙的正文。", interprets="region/a")
    site.item("league/c.md", org="league", title="盟事项丙", body="丙的正文。")
    out = tmp_path / "out"

    def rebuild() -> Path:
        config = engine.load_config(str(site.root / "mkdocs.yml"), PREVIEW, site_dir=str(out))
        engine.build(config, serve_url="http://127.0.0.1:8000/", dirty=True, command="serve")
        return out

    rebuild()
    return site, rebuild


def read(out: Path, rel: str) -> str:
    return (out / rel).read_text("utf-8")


def test_a_body_edit_shows_on_its_page_and_leaves_other_pages_alone(preview) -> None:
    site, rebuild = preview
    out = rebuild()
    league_page = out / "orgs/league/index.html"
    before = league_page.stat().st_mtime_ns
    site.item("region/a.md", org="region", title="自治区事项甲", body="甲的新正文。")
    rebuild()
    assert "甲的新正文。" in read(out, "region/a/index.html")
    assert league_page.stat().st_mtime_ns == before


def test_a_title_edit_reaches_its_org_page_feed_exports_and_the_page_that_interprets_it(preview) -> None:
    site, rebuild = preview
    out = rebuild()
    league_page = out / "orgs/league/index.html"
    before = league_page.stat().st_mtime_ns
    site.item("region/a.md", org="region", title="自治区事项甲（修订）", body="甲的正文。")
    rebuild()
    assert "自治区事项甲（修订）" in read(out, "orgs/region/index.html")
    assert "自治区事项甲（修订）" in read(out, "orgs/region/feed.xml")
    assert "自治区事项甲（修订）" in read(out, "data/items.json")
    assert "自治区事项甲（修订）" in read(out, "region/b/index.html")  # 本文解读：<title of a>
    assert league_page.stat().st_mtime_ns == before


def test_an_item_that_becomes_hidden_leaves_the_output(preview) -> None:
    site, rebuild = preview
    out = rebuild()
    assert (out / "league/c/index.html").is_file()
    site.item("league/c.md", org="league", entry="unit-long", title="盟事项丙", body="丙的正文。")  # unit scope
    rebuild()
    assert not (out / "league/c/index.html").exists()
    assert "盟事项丙" not in read(out, "orgs/league/index.html")
    assert "盟事项丙" not in read(out, "data/items.json")


def test_a_catalog_edit_rerenders_every_item_page(preview) -> None:
    site, rebuild = preview
    out = rebuild()
    from sitegen import ENTRIES

    entries = [dict(e, title="公开长期事项（新）") if e["id"] == "pub-long" else e for e in ENTRIES]
    site.catalog("league", entries=entries)
    site.catalog("region", entries=entries)
    rebuild()
    assert "公开长期事项（新）" in read(out, "league/c/index.html")
    assert "公开长期事项（新）" in read(out, "region/a/index.html")


def test_the_output_of_a_preview_equals_a_fresh_preview_build(preview, tmp_path: Path) -> None:
    site, rebuild = preview
    site.item("region/a.md", org="region", title="自治区事项甲（二）", body="甲的第二版正文。")
    site.item("league/c.md", org="league", title="盟事项丙", body="丙的第二版正文。", date="2026-04-01")
    out = rebuild()
    fresh = tmp_path / "fresh"
    config = engine.load_config(str(site.root / "mkdocs.yml"), PREVIEW, site_dir=str(fresh))
    engine.build(config, serve_url="http://127.0.0.1:8000/", command="serve")
    ignored = {"sitemap.xml", "sitemap.xml.gz"}
    for path in sorted(fresh.rglob("*")):
        rel = path.relative_to(fresh).as_posix()
        if path.is_file() and path.name not in ignored and not rel.startswith("pagefind/"):
            assert (out / rel).read_bytes() == path.read_bytes(), rel


def test_a_save_landing_while_a_rebuild_runs_is_shown_by_the_next_one(preview, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs reads a page, then renders it, asking twice whether its source is newer than
    its output: a save between the two once made it render a page it never read (a crash)."""
    import os
    import time

    from mkdocs.commands import build as mkdocs_build

    site, rebuild = preview
    out = rebuild()
    real = mkdocs_build._populate_page
    saved = []

    def populate(page, config, files, dirty=False):  # noqa: ANN001, ANN202 - MkDocs' own signature
        real(page, config, files, dirty)
        if page.file.src_uri == "league/c.md" and not saved:  # read (or skipped) already: now saved
            path = site.item("league/c.md", org="league", title="盟事项丙", body="丙的新正文。")
            later = time.time_ns() + 5_000_000_000
            os.utime(path, ns=(later, later))
            saved.append(path)

    monkeypatch.setattr(mkdocs_build, "_populate_page", populate)
    site.item("region/a.md", org="region", title="自治区事项甲", body="甲的新正文。")
    rebuild()  # must not fail
    assert saved
    assert "甲的新正文。" in read(out, "region/a/index.html")
    monkeypatch.setattr(mkdocs_build, "_populate_page", real)
    rebuild()  # what the watcher starts for that save
    assert "丙的新正文。" in read(out, "league/c/index.html")


def test_the_cycle_collector_is_paused_only_while_a_rebuild_runs(preview, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from site_plugins.plugins import preview as preview_module

    site, rebuild = preview
    seen = []
    real = preview_module.Session.skip_unchanged
    monkeypatch.setattr(preview_module.Session, "skip_unchanged", lambda *a: seen.append(gc.isenabled()) or real(*a))
    site.item("region/a.md", org="region", title="自治区事项甲", body="甲的又一版正文。")
    rebuild()
    assert seen == [False] and gc.isenabled()

    def fail(*args: object) -> None:
        raise RuntimeError("a rebuild that fails half way")

    monkeypatch.setattr(preview_module.Session, "skip_unchanged", fail)
    site.item("region/a.md", org="region", title="自治区事项甲", body="甲的第三版正文。")
    with pytest.raises(RuntimeError):
        rebuild()
    assert gc.isenabled()


def test_withdrawing_an_item_shows_its_notice_and_a_new_reason_shows_at_once(preview) -> None:
    site, rebuild = preview
    out = rebuild()
    withdrawn = {"on": "2026-04-01", "reason": "第一次写的原因"}
    site.item("league/c.md", org="league", title="盟事项丙", body="丙的正文。", status="withdrawn", withdrawn=withdrawn)
    rebuild()
    notice = read(out, "league/c/index.html")
    assert "第一次写的原因" in notice and "丙的正文" not in notice
    site.item(
        "league/c.md",
        org="league",
        title="盟事项丙",
        body="丙的正文。",
        status="withdrawn",
        withdrawn={"on": "2026-04-01", "reason": "改过的原因"},
    )
    rebuild()  # only the notice changed: nothing the listings show
    assert "改过的原因" in read(out, "league/c/index.html")
    assert "改过的原因" in read(out, "orgs/league/feed.xml") and "改过的原因" in read(out, "data/items.json")


def test_a_new_old_address_gets_its_redirect_in_the_preview(preview) -> None:
    site, rebuild = preview
    out = rebuild()
    site.item("league/c.md", org="league", title="盟事项丙", body="丙的正文。", moved_from=["league/jiu"])
    rebuild()
    assert 'url=../c/"' in read(out, "league/jiu/index.html")
