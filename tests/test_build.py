"""Real builds of the shipped sample site: what each audience gets, and how it is marked."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import CLOCK_EPOCH, ENGINE_COMMAND, SiteWriter, build, copy_sample, output_text

from site_plugins.audience import leaves_notice
from site_plugins.load import load_site
from site_plugins.rules import validate


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("sample") / "src")


@pytest.fixture(scope="module")
def public(sample: Path) -> Path:
    return build(sample, "public")


@pytest.fixture(scope="module")
def party(sample: Path) -> Path:
    return build(sample, "party")


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_the_sample_site_is_valid(sample: Path) -> None:
    site = load_site(sample)
    assert [str(p) for p in validate(site)] == []
    items = site.items()
    assert len(items) >= 30
    assert {d.scope for d in items} == {"public", "party", "unit", "specific"}
    assert {d.timing for d in items} == {"long-term", "periodic", "immediate"}
    assert {d.level for d in items} == {"routine", "important", "superior"}
    assert any(p.suffix == ".pdf" for p in (sample / "content").rglob("*"))
    assert any(p.suffix == ".png" for p in (sample / "content").rglob("*"))


def test_item_pages_live_at_the_path_of_their_file(public: Path, sample: Path) -> None:
    site = load_site(sample)
    shown = [
        d
        for d in site.items()
        if d.scope == "public" and d.status == "approved" and d.expires is None and d.date.isoformat() <= "2026-11-20"
    ]
    assert shown
    for doc in shown:
        assert (public / doc.url / "index.html").exists(), doc.path


def test_a_public_build_holds_no_non_public_item(public: Path, sample: Path) -> None:
    blob = "\n".join(output_text(public).values())
    for doc in load_site(sample).items():
        if doc.scope == "public" and leaves_notice(doc):
            continue  # its withdrawal notice stands at its address (test_history_build.py)
        if doc.scope != "public" or doc.status != "approved":
            assert doc.title not in blob, f"{doc.path} ({doc.scope}, {doc.status}) leaked"
            assert not (public / doc.url).exists()


def test_drafts_withdrawn_embargoed_and_expired_items_are_not_public(public: Path, party: Path, sample: Path) -> None:
    site = {d.path: d for d in load_site(sample).items()}
    draft = next(d for d in site.values() if d.status == "draft")
    withdrawn = next(d for d in site.values() if d.status == "withdrawn" and d.scope == "public")
    embargoed = next(d for d in site.values() if d.date.year == 2027)
    expired = next(d for d in site.values() if d.expires and d.expires.isoformat() < "2026-11-20")
    for doc in (draft, embargoed, expired):
        assert not (public / doc.url).exists(), doc.path
    for doc in (draft, embargoed):
        assert not (party / doc.url).exists(), doc.path
    # A withdrawn item that was published leaves only its notice (test_history_build.py).
    for out in (public, party):
        notice = (out / withdrawn.url / "index.html").read_text(encoding="utf-8")
        assert "撤回" in notice and withdrawn.body.strip().splitlines()[0] not in notice
    if expired.scope in ("public", "party"):
        archived = (party / expired.url / "index.html").read_text(encoding="utf-8")
        assert "存档备查" in archived  # SPEC §5: expired items stay in the intranet archive
        org_page = (party / "orgs" / expired.org / "index.html").read_text(encoding="utf-8")
        assert "存档事项" in org_page and expired.title in org_page


def test_intranet_pages_carry_the_banner_noindex_and_red_header(party: Path) -> None:
    for page in pages(party):
        html = page.read_text(encoding="utf-8")
        if "<html" not in html:
            continue
        assert "党内资料 注意保密" in html, page
        assert '<meta name="robots" content="noindex, nofollow">' in html, page
    assert (party / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_public_pages_carry_no_intranet_marking(public: Path) -> None:
    for page in pages(public):
        html = page.read_text(encoding="utf-8")
        assert "党内资料" not in html and "noindex" not in html, page
    assert "Disallow: /\n" not in (public / "robots.txt").read_text()


def test_the_ui_is_chinese_and_the_navigation_lists_sections_not_items(public: Path, sample: Path) -> None:
    html = (public / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in html
    links = re.findall(r'class="md-(?:nav|tabs)__link[^"]*"[^>]*>(.*?)</a>', html, re.S)
    nav = " ".join(re.sub(r"<[^>]+>|\s+", "", link) for link in links)
    assert "组织机构" in nav and len(links) < 40
    for doc in load_site(sample).items():
        assert doc.title not in nav


def test_an_item_page_shows_its_metadata_panel(public: Path) -> None:
    html = (public / "nmg-dw/2026/xunshi-zhenggai-2026q3/index.html").read_text(encoding="utf-8")
    panel = re.search(r'<dl class="disclosure-meta">.*?</dl>', html, re.S).group(0)
    for label in ("发布机构", "目录事项", "公开范围", "公开时限", "审批级别", "发布日期", "审批流程"):
        assert label in panel
    assert "向社会公开" in panel and "2026-Q3" in panel
    assert "（略）" in panel  # approvers' names are hidden in the public build


def test_intranet_item_pages_show_approvers_names(party: Path, sample: Path) -> None:
    html = (party / "nmg-dw/2026/xunshi-zhenggai-2026q3/index.html").read_text(encoding="utf-8")
    doc = next(d for d in load_site(sample).items() if d.path == "nmg-dw/2026/xunshi-zhenggai-2026q3.md")
    assert doc.approval.approved_by in html


def test_attachments_are_copied_for_visible_items(public: Path) -> None:
    assert (public / "nmg-dw/2026/zhenggai-tongbao.pdf").read_bytes().startswith(b"%PDF")
    assert (public / "wrtt-gc/2026/zuzhi-jiagou.png").exists()


def test_a_site_without_a_home_page_gets_one(site: SiteWriter) -> None:
    (site.root / "content/index.md").unlink()
    site.item("region/a.md", title="首页生成测试")
    out = build(site.root, "public")
    assert "首页生成测试" in (out / "index.html").read_text(encoding="utf-8")


def test_a_unit_build_marks_pages_with_the_units_name(site: SiteWriter) -> None:
    site.item("town/u.md", org="town", entry="unit-long", title="镇内事项")
    out = build(site.root, "unit:village")
    html = (out / "town/u/index.html").read_text(encoding="utf-8")
    assert "测试嘎查党支部内部资料 注意保密" in html
    assert out.name == "unit-village"


def test_a_successful_build_replaces_the_old_site_whole(site: SiteWriter) -> None:
    site.item("region/old.md", title="旧事项")
    out = build(site.root, "public")
    assert (out / "region/old/index.html").exists()
    (site.root / "content/region/old.md").unlink()
    site.item("region/new.md", title="新事项")
    out = build(site.root, "public")
    assert not (out / "region/old").exists() and (out / "region/new/index.html").exists()
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []  # no temporary folders left


def test_disclose_build_all_builds_public_and_party(site: SiteWriter) -> None:
    site.item("region/p.md", entry="party-long", title="党内事项")
    env = {"SOURCE_DATE_EPOCH": CLOCK_EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(site.root)}
    result = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(site.root), "build", "--all"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "党内事项" in (site.root / "site/party/region/p/index.html").read_text(encoding="utf-8")
    assert not (site.root / "site/public/region/p").exists()


def test_plain_mkdocs_build_defaults_to_the_public_audience(site: SiteWriter, tmp_path: Path) -> None:
    site.item("region/p.md", entry="party-long", title="党内事项")
    site.item("region/q.md", title="公开事项")
    out = tmp_path / "plain"
    result = subprocess.run(
        [*ENGINE_COMMAND, "build", "-q", "-d", str(out)],
        cwd=site.root,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(site.root)},
    )
    assert result.returncode == 0, result.stderr
    assert (out / "region/q/index.html").exists() and not (out / "region/p").exists()


def test_the_plugin_is_registered_as_an_entry_point() -> None:
    from importlib.metadata import entry_points

    names = {e.name: e.value for e in entry_points(group="mkdocs.plugins")}
    assert names.get("disclosure") == "site_plugins.plugins.disclosure:DisclosurePlugin"


def test_the_domain_core_does_not_import_mkdocs() -> None:
    code = (
        "import sys, site_plugins.model, site_plugins.load, site_plugins.rules, site_plugins.audience, "
        "site_plugins.catalog, site_plugins.render, site_plugins.export, site_plugins.prepare; "
        "print(any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_bulletin_board_sheets_list_only_public_items_even_on_the_intranet(party: Path, sample: Path) -> None:
    site = load_site(sample)

    def sheet_of(org_id: str) -> str:  # the part of the organization's page a printer shows
        page = (party / "orgs" / org_id / "index.html").read_text(encoding="utf-8")
        found = re.findall(r'<section class="disclosure-print".*?</section>', page, re.S)
        assert len(found) == 1, org_id
        return found[0]

    party_titles = 0
    for org in site.registry:
        sheet = sheet_of(org.id)
        for doc in site.items():
            if doc.org == org.id and doc.scope != "public":
                party_titles += doc.title in (party / "orgs" / org.id / "index.html").read_text(encoding="utf-8")
                assert doc.title not in sheet, (org.id, doc.path)
    assert party_titles  # the intranet page around the sheet does list party items
    assert not (party / "orgs/nmg-dw/print").exists()  # no second page per organization
    assert "2026年第三季度巡视整改" in sheet_of("nmg-dw")


def test_a_hand_written_nav_naming_a_hidden_page_stops_the_build(site: SiteWriter) -> None:
    site.item("region/p.md", entry="party-long", title="党内导航事项")
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nnav:\n  - 首页: index.md\n  - 党内导航事项: region/p.md\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="nav lists content/region/p.md, not visible to public"):
        build(site.root, "public")
    assert "党内导航事项" in (build(site.root, "party") / "index.html").read_text(encoding="utf-8")


def test_sitemap_dates_are_the_build_clocks_china_date(site: SiteWriter) -> None:
    import datetime as dt

    site.item("region/a.md")
    # 2026-11-20 20:00 UTC is 2026-11-21 in Beijing.
    epoch = str(int(dt.datetime(2026, 11, 20, 20, tzinfo=dt.UTC).timestamp()))
    out = build(site.root, "public", epoch=epoch)
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2026-11-21</lastmod>" in sitemap and "2026-11-20" not in sitemap
