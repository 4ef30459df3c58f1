"""The organization index's name search (issue 12 point 3), in Chromium: a reader picks a league
and types part of a name; the results link to the organizations' pages, are written as text
whatever a name holds, and come from that league's file only (orgs/names/<n>.json)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitegen import ORGS, SiteWriter, build, copy_sample
from test_browser import ARTIFACTS, serving

HOSTILE = '<img src=x onerror="window.__pwned=1">测试嘎查'


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    sample = build(copy_sample(tmp_path_factory.mktemp("orgsearch")), "public")
    orgs = [dict(o, name=HOSTILE) if o["id"] == "village" else o for o in ORGS]
    hostile = SiteWriter(tmp_path_factory.mktemp("orgsearch-hostile") / "src", orgs=orgs)
    with serving({"sample": sample, "hostile": build(hostile.root, "public")}) as addresses:
        yield addresses


def _search(page, address: str, group: str, words: str) -> list[tuple[str, str]]:
    page.goto(address + "orgs/", wait_until="networkidle")
    page.select_option("#disclosure-org-group", label=group)
    page.fill("#disclosure-org-query", words)
    page.wait_for_function("() => document.getElementById('disclosure-org-status').textContent !== ''")
    found = page.eval_on_selector_all("#disclosure-org-results a", "as => as.map(a => [a.textContent, a.href])")
    return [(name, href) for name, href in found]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reader_finds_a_village_branch_by_part_of_its_name(chromium, sites, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        found = _search(page, sites["sample"], "中共锡林郭勒盟委员会", "乌日图 嘎查")
        assert found == [("中共上都镇乌日图塔拉嘎查支部委员会", sites["sample"] + "orgs/wrtt-gc/")]
        assert page.text_content("#disclosure-org-status") == "在中共锡林郭勒盟委员会找到 1 个组织"
        assert "上级：中共正蓝旗上都镇委员会" in page.text_content("#disclosure-org-results")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"org-search-{width}.png"), full_page=True)
        # Only the chosen league's file was read.
        names = sorted(u.rsplit("/", 1)[1] for u in requested if "/orgs/names/" in u)
        assert names == ["1.json"]
        page.click("#disclosure-org-results a")
        page.wait_for_load_state("networkidle")
        assert page.url == sites["sample"] + "orgs/wrtt-gc/"
        assert page.text_content("h1") == "中共上都镇乌日图塔拉嘎查支部委员会"
        # Nothing found says so; the region's own level is a range of its own.
        assert _search(page, sites["sample"], "中共锡林郭勒盟委员会", "纪委") == []
        assert "未找到名称含“纪委”的组织" in page.text_content("#disclosure-org-status")
        assert [n for n, _ in _search(page, sites["sample"], "自治区本级", "纪委")] == ["内蒙古自治区纪委监委"]
    finally:
        context.close()


def test_a_name_holding_markup_is_shown_as_text(chromium, sites) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        page = context.new_page()
        found = _search(page, sites["hostile"], "测试盟委", "嘎查")
        assert found == [(HOSTILE, sites["hostile"] + "orgs/village/")]
        assert page.locator("#disclosure-org-results img").count() == 0
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()


def test_without_javascript_the_form_stays_hidden_and_the_tree_leads_on(chromium, sites) -> None:
    context = chromium.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(sites["sample"] + "orgs/")
        assert not page.locator(".disclosure-org-search").is_visible()
        assert page.locator(".disclosure-tree a", has_text="中共正蓝旗委员会").count() == 1
    finally:
        context.close()


def test_every_organization_is_in_exactly_one_name_file(sites) -> None:
    import json
    import urllib.request

    rows = []
    for n in (0, 1):
        with urllib.request.urlopen(sites["sample"] + f"orgs/names/{n}.json") as response:
            rows += [name for name, _, _ in json.load(response)["orgs"]]
    registry = Path(__file__).resolve().parent.parent / "catalogs/organizations.yml"
    assert len(rows) == len(set(rows)) == registry.read_text("utf-8").count("\n- id:")
