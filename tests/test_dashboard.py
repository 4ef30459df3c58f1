"""The compliance dashboard a supervisor reads (issue 11 point 7): findings marked in words,
entries as lists, a CSV of the same rows, the drill-down by league and banner with rolled-up
counts, and — in Chromium at 1280 and 390 px — headers that fit, a card per organization on a
phone, lists open on paper.  The core is driven directly (render.compliance); the CSV and the
browser run over real builds."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from sitegen import CLOCK, SiteWriter, build, copy_sample
from test_browser import ARTIFACTS, serving

from site_plugins.prepare import prepare
from site_plugins.render import View
from site_plugins.render.compliance import DASHBOARD_CSV, dashboard_csv, dashboard_pages

LEAGUES, BANNERS, TOWNS = 3, 3, 2


def small_region() -> list[dict]:
    """A region of the real shape: organs, 3 leagues × 3 banners × 2 townships with a village each."""
    orgs = [
        {"id": "r", "name": "自治区党委", "kind": "committee", "level": "region"},
        {"id": "r-jw", "name": "自治区纪委监委", "kind": "discipline", "level": "region", "parent": "r"},
    ]
    for league in range(1, LEAGUES + 1):
        lid = f"l{league}"
        orgs.append({"id": lid, "name": f"第{league}盟委", "kind": "committee", "level": "league", "parent": "r"})
        orgs.append(
            {"id": f"{lid}-soe", "name": f"第{league}盟某公司党委", "kind": "grassroots", "level": "unit"}
            | {"sector": "soe", "parent": lid}
        )
        for banner in range(1, BANNERS + 1):
            bid = f"{lid}-b{banner}"
            orgs.append(
                {"id": bid, "name": f"第{league}盟第{banner}旗委", "kind": "committee"}
                | {"level": "banner", "parent": lid}
            )
            for town in range(1, TOWNS + 1):
                tid = f"{bid}-t{town}"
                orgs.append(
                    {"id": tid, "name": f"{bid}第{town}镇党委", "kind": "grassroots", "level": "township"}
                    | {"sector": "township", "parent": bid}
                )
                orgs.append(
                    {"id": f"{tid}-v", "name": f"{tid}嘎查党支部", "kind": "grassroots", "level": "village"}
                    | {"sector": "village", "parent": tid}
                )
    return orgs


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> SiteWriter:
    site = SiteWriter(tmp_path_factory.mktemp("dashboard") / "src", orgs=small_region())
    # l1's quarterly entry is behind (2025-Q4 at 2026-11-20: 2026-Q3 is due); l2's is on time.
    site.item("l1/q.md", org="l1", entry="pub-q", covers="2025-Q4", title="第1盟季度通报")
    site.item("l2/q.md", org="l2", entry="pub-q", covers="2026-Q3", title="第2盟季度通报")
    site.item("l1-b1/a.md", org="l1-b1", entry="pub-long", title="=第1旗公开事项、含顿号")
    (site.root / "catalogs/l3-b2-t1.yml").unlink()  # no catalog
    return site


@pytest.fixture(scope="module")
def view(region: SiteWriter) -> View:
    prepared = prepare(region.root, "party", CLOCK)
    assert prepared.publication is not None, prepared.problems
    return View(prepared.publication, prepared.site.registry, grace_days=30)


def parsed(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def org_rows(html: str) -> list[str]:
    return [tr.attributes["data-org"] or "" for tr in parsed(html).css("#compliance-table tbody tr")]


def roll_ups(html: str) -> dict[str, list[str]]:
    return {
        tr.css_first("th a, th").text().split(" ")[0]: [td.text() for td in tr.css("td")]
        for tr in parsed(html).css(".dashboard-rollups tbody tr")
    }


def totals(html: str) -> dict[str, str]:
    return {d.css_first("dt").text(): d.css_first("dd").text() for d in parsed(html).css(".dashboard-totals > div")}


def test_the_top_of_the_drill_down_lists_the_regions_own_organizations_and_rolls_up_each_league(view: View) -> None:
    pages = dashboard_pages(view)
    top = pages["compliance/index.md"]
    assert top.hide == ("navigation", "toc")
    assert org_rows(top.html) == ["r", "r-jw"]
    lines = roll_ups(top.html)
    assert list(lines) == ["第1盟委", "第2盟委", "第3盟委"]
    per_league = 2 + BANNERS * (1 + 2 * TOWNS)  # the league, its company, its banners' subtrees
    assert all(cells[0] == str(per_league) for cells in lines.values())
    assert "逾期 1 项" in lines["第1盟委"][3] and "0" == lines["第2盟委"][3]
    links = [a.attributes["href"] for a in parsed(top.html).css(".dashboard-rollups a")]
    assert links == ["../compliance/l1/", "../compliance/l2/", "../compliance/l3/"] or links == ["l1/", "l2/", "l3/"]
    # The page's totals are the region's: its rows and every league rolled up.
    assert totals(top.html)["组织"] == str(len(view.registry))
    # The same sums as the CSV's, which has every organization of the build row by row.
    rows = list(csv.DictReader(io.StringIO(dashboard_csv(view)[1:])))
    assert len(rows) == len(view.registry)
    assert totals(top.html)["逾期事项"] == str(sum(int(r["逾期事项数"]) for r in rows)) != "0"
    assert totals(top.html)["空缺事项"] == str(sum(int(r["空缺事项数"]) for r in rows))
    assert totals(top.html)["公开事项"] == str(sum(int(r["公开事项数"]) for r in rows)) == "3"
    assert totals(top.html)["存在问题的组织"] == str(sum(r["问题数"] != "0" for r in rows))


def test_a_league_rolls_up_its_banners_and_a_banner_lists_every_organization_of_its_subtree(view: View) -> None:
    pages = dashboard_pages(view)
    league = pages["compliance/l3/index.md"].html
    assert org_rows(league) == ["l3", "l3-soe"]
    assert list(roll_ups(league)) == ["第3盟第1旗委", "第3盟第2旗委", "第3盟第3旗委"]
    assert "目录或备案有问题" in parsed(league).css_first(".dashboard-rollups thead").text()
    assert "有问题 1 个" in roll_ups(league)["第3盟第2旗委"][2]  # the township without a catalog
    banner = pages["compliance/l3-b2/index.md"].html
    assert org_rows(banner) == ["l3-b2"]
    assert list(roll_ups(banner)) == ["l3-b2第1镇党委", "l3-b2第2镇党委"]
    assert "各苏木乡镇（街道）汇总" in banner
    town = pages["compliance/l3-b2-t1/index.md"].html
    assert org_rows(town) == ["l3-b2-t1", "l3-b2-t1-v"] and roll_ups(town) == {}
    trail = [a.text() for a in parsed(town).css(".dashboard-trail a")]
    assert trail == ["党务公开合规监督", "第3盟委", "第3盟第2旗委"]
    row = parsed(town).css_first('tr[data-org="l3-b2-t1"]')
    assert "✘ 无目录" in row.text()


def test_no_page_of_the_drill_down_holds_more_than_one_subtree(view: View) -> None:
    pages = dashboard_pages(view)
    assert set(pages) == {"compliance/index.md"} | {
        f"compliance/{o.id}/index.md" for o in view.registry if o.level in ("league", "banner", "township")
    }
    biggest = max(len(org_rows(p.html)) for p in pages.values())
    assert biggest == 2  # one subtree's own organizations: never the region, never a league's banners
    # Every organization is a row of exactly one page.
    rows = [o for p in pages.values() for o in org_rows(p.html)]
    assert sorted(rows) == sorted(o.id for o in view.registry)


def test_overdue_and_empty_entries_are_marked_in_words_and_listed_one_per_item(view: View) -> None:
    tree = parsed(dashboard_pages(view)["compliance/l1/index.md"].html)
    l1 = tree.css_first('tr[data-org="l1"]')
    overdue = l1.css_first('td[data-label="逾期事项"]')
    assert overdue.css_first(".dashboard-flag--overdue").text() == "逾期 1 项"
    assert [li.text() for li in overdue.css("li")] == ["公开季度事项"]
    empty = l1.css_first('td[data-label="空缺事项"]')
    assert empty.css_first(".dashboard-flag--empty").text().startswith("空缺 ")
    assert len(empty.css("li")) == int(empty.css_first(".dashboard-flag--empty").text().split()[1])
    assert "、" not in "".join(li.text() for li in empty.css("li")) or len(empty.css("li")) > 1
    assert "dashboard-row--bad" in (l1.attributes["class"] or "")
    assert "问题" in l1.css_first("th").text()
    l2 = parsed(dashboard_pages(view)["compliance/l2/index.md"].html).css_first('tr[data-org="l2"]')
    assert l2.css_first('td[data-label="逾期事项"]').text() == "无"


def test_the_dashboard_headers_are_column_headers_and_the_csv_is_linked(view: View) -> None:
    tree = parsed(dashboard_pages(view)["compliance/index.md"].html)
    assert all(th.attributes.get("scope") == "col" for th in tree.css("thead th"))
    assert all(th.attributes.get("scope") == "row" for th in tree.css("#compliance-table tbody th"))
    link = tree.css_first("a.dashboard-download")
    assert link.attributes["href"] == "compliance.csv" and "download" in link.attributes
    banner = parsed(dashboard_pages(view)["compliance/l1-b1/index.md"].html)
    assert banner.css_first("a.dashboard-download").attributes["href"] == "../compliance.csv"


def test_the_csv_has_the_dashboards_rows_with_entries_one_per_line(view: View) -> None:
    text = dashboard_csv(view)
    assert text.startswith("\ufeff组织代码,组织,")
    rows = list(csv.reader(io.StringIO(text[1:])))
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == [o.id for o in view.registry]
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    assert by_id["l1"]["逾期事项数"] == "1" and by_id["l1"]["逾期事项"] == "公开季度事项"
    empty = by_id["l1"]["空缺事项"].split("\n")
    assert len(empty) == int(by_id["l1"]["空缺事项数"]) > 1
    assert by_id["l3-b2-t1"]["目录"] == "无目录"
    assert by_id["l1-b1"]["公开事项数"] == "1"


def test_a_csv_cell_that_would_start_a_formula_is_written_as_text() -> None:
    from site_plugins.render.compliance import _cell

    assert [_cell(v) for v in ("=1+1", "+1", "-1", "@x", "第1旗", 3)] == ["'=1+1", "'+1", "'-1", "'@x", "第1旗", "3"]


def test_only_intranet_builds_write_the_csv_and_it_matches_their_dashboard(region: SiteWriter) -> None:
    party = build(region.root, "party")
    public = build(region.root, "public")
    assert not (public / DASHBOARD_CSV).exists() and not (public / "compliance").exists()
    text = (party / DASHBOARD_CSV).read_text("utf-8")
    ids = [r[0] for r in csv.reader(io.StringIO(text[1:]))][1:]
    # The CSV's rows are the organizations of every page of the drill-down, once each.
    shown = []
    for page in sorted(party.glob("compliance/**/index.html")):
        if page.parent.name.isdigit():
            continue  # an annual report
        html = page.read_text("utf-8")
        shown += re.findall(r'<tr class="dashboard-row[^"]*" data-org="([^"]+)"', html)
        assert re.search(r'href="(\.\./)*compliance\.csv" download', html), page
    assert len(shown) == len(ids) and set(shown) == set(ids) == {o["id"] for o in region.orgs}
    assert (party / "compliance/l3-b2/index.html").exists() and (party / "compliance/l3-b2-t1/index.html").exists()


# ------------------------------------------------------------------ browser


@pytest.fixture(scope="module")
def sample_party(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(copy_sample(tmp_path_factory.mktemp("sample")), "party")


@pytest.fixture(scope="module")
def served(sample_party: Path) -> Iterator[str]:
    with serving({"party": sample_party}) as addresses:
        yield addresses["party"]


# Visible headers whose text does not fit (a header wrapped one character per line overflows);
# a phone's card hides the column headers but for screen readers (a 1 px clipped <thead>).
NARROW_HEADERS = """() => [...document.querySelectorAll('th')]
  .filter(th => th.getClientRects().length && (th.closest('thead, tbody, table') || th).offsetWidth > 1)
  .filter(th => th.scrollWidth > th.clientWidth)
  .map(th => th.textContent)"""
# Every header's text on one line: its height is one line's.
WRAPPED_HEADERS = """() => [...document.querySelectorAll('thead th')]
  .filter(th => th.offsetWidth > 1)
  .filter(th => { const r = document.createRange(); r.selectNodeContents(th.querySelector('button') || th);
                  return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size > 1 })
  .map(th => th.textContent)"""
CONTRAST = """(selector) => [...document.querySelectorAll(selector)].map(el => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b };
  let node = el, bg = 'rgba(0, 0, 0, 0)';
  while (node && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(node).backgroundColor; node = node.parentElement }
  const [a, b] = [lum(getComputedStyle(el).color), lum(bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255,255,255)' : bg)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_dashboard_reads_at_desktop_and_phone_width(chromium, served: str, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(served + "compliance/")
        assert page.evaluate(NARROW_HEADERS) == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"dashboard-{width}.png"), full_page=True)
        rows = page.locator(".dashboard-table tbody tr").count()  # organizations and roll-ups
        height = page.evaluate("document.documentElement.scrollHeight")
        if width == 1280:
            assert page.evaluate(WRAPPED_HEADERS) == []
            # Full width: no sidebars, and the table fits the page without scrolling sideways.
            assert page.evaluate("document.querySelector('.md-sidebar--primary')?.offsetWidth || 0") == 0
            assert page.evaluate(
                "[...document.querySelectorAll('.dashboard-scroll')].every(e => e.scrollWidth <= e.clientWidth)"
            )
            # An organization's name and a year link never break every few characters.
            years = page.locator(".dashboard-years a").first.bounding_box()
            assert years is not None and years["height"] < 30
        else:
            # A card per organization: the cells stacked under their labels, the lists folded.
            display = page.evaluate("getComputedStyle(document.querySelector('#compliance-table tbody tr')).display")
            assert display == "block"
            assert height < 400 + 350 * rows, height  # was 4,763 px for 9 organizations on one page
            summary = page.locator('tr[data-org="nmg-jw"] td[data-label="空缺事项"] summary')
            assert not page.locator('tr[data-org="nmg-jw"] td[data-label="空缺事项"] li').first.is_visible()
            summary.click()
            assert page.locator('tr[data-org="nmg-jw"] td[data-label="空缺事项"] li').first.is_visible()
        # Overdue in words, not colour alone, and legible (WCAG 1.4.3: 4.5:1).
        flags = page.locator('td[data-label="逾期事项"] .dashboard-flag--overdue')
        assert flags.count() >= 1 and all(t.startswith("逾期 ") for t in flags.all_inner_texts())
        for selector in (
            ".dashboard-flag",
            ".dashboard-sub",
            ".dashboard-none",
            ".dashboard-ok",
            ".dashboard-totals dt",
        ):
            assert min(page.evaluate(CONTRAST, selector)) >= 4.5, selector
    finally:
        context.close()


def test_the_printed_dashboard_shows_every_list_and_hides_the_controls(chromium, served: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(served + "compliance/")
        page.emulate_media(media="print")
        assert page.locator('tr[data-org="nmg-jw"] td[data-label="空缺事项"] li').first.is_visible()
        assert not page.locator(".dashboard-download").is_visible()
        assert not page.locator(".dashboard-filters").is_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('#compliance-table thead')).display") == (
            "table-header-group"
        )
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_an_annual_report_reads_at_desktop_and_phone_width(chromium, served: str, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(served + "compliance/nmg-jw/2026/")
        assert page.evaluate(NARROW_HEADERS) == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"annual-report-{width}.png"), full_page=True)
        assert page.locator(".dashboard-missed .dashboard-flag--overdue").first.inner_text() == "逾期"
        assert page.locator(".dashboard-trail a").all_inner_texts() == ["党务公开合规监督", "内蒙古自治区纪委监委"]
    finally:
        context.close()


def test_a_keyboard_sorts_the_dashboard_and_the_sorted_column_says_so(chromium, served: str) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(served + "compliance/")
        header = page.locator("#compliance-table thead th", has_text="空缺事项")
        button = header.locator("button")
        counts = "els => els.map(td => Number(td.dataset.sort))"
        cells = page.locator('#compliance-table tbody td[data-label="空缺事项"]')
        first = cells.evaluate_all(counts)
        button.focus()
        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "ascending"
        ascending = page.locator('#compliance-table tbody td[data-label="空缺事项"]').evaluate_all(counts)
        assert ascending == sorted(first) != first and ascending[0] < ascending[-1]
        page.keyboard.press("Space")
        assert header.get_attribute("aria-sort") == "descending"
        descending = page.locator('#compliance-table tbody td[data-label="空缺事项"]').evaluate_all(counts)
        assert descending == sorted(ascending, reverse=True)
        assert page.locator("#compliance-table thead th[aria-sort]").count() == 1
        page.select_option("#filter-level", "region")
        levels = page.locator("#compliance-table tbody tr:not([hidden])").evaluate_all(
            "els => els.map(e => e.dataset.level)"
        )
        assert levels and set(levels) == {"region"}
    finally:
        context.close()
