"""An item's later life in a real browser (issue 14): the withdrawal notice and the redirect pages.

The repository's sample is built for public and party through the real CLI path and served
on 127.0.0.1; Debian's Chromium (conftest.py) opens an old address and a withdrawn item's
address the way a reader's bookmark or a feed reader's link would.  Requests to any other
host are refused.  Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitegen import build, copy_sample
from test_accessibility import _axe
from test_browser import ARTIFACTS, serving

WITHDRAWN = "xlgl-mw/2026/ganbu-renmian-2026-03/"  # public, withdrawn on 2026-03-24, corrected by …-gengzheng
CORRECTION = "xlgl-mw/2026/ganbu-renmian-2026-03-gengzheng/"
PARTY_WITHDRAWN = "xlgl-mw/2026/dangjian-zeren-2025/"  # party, withdrawn: its notice only on the intranet
OLD_ADDRESS = "zlq-ry-dzb/2026/qiye-fazhan-2026h1/"  # moved_from of zlq-ry-dzb/qiye-fazhan/2026h1.md
NEW_ADDRESS = "zlq-ry-dzb/qiye-fazhan/2026h1/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = copy_sample(tmp_path_factory.mktemp("history-browser"))
    return {audience: build(root, audience) for audience in ("public", "party")}


@pytest.fixture(scope="module")
def servers(built: dict[str, Path]) -> Iterator[dict[str, str]]:
    with serving(built) as addresses:
        yield addresses


@pytest.fixture
def context(chromium) -> Iterator:
    opened = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:") else route.abort()
    )
    yield opened
    opened.close()


def test_an_old_address_brings_the_reader_to_the_moved_item(context, servers) -> None:
    for audience in ("public", "party"):
        page = context.new_page()
        page.goto(servers[audience] + OLD_ADDRESS)
        page.wait_for_url(servers[audience] + NEW_ADDRESS, timeout=10000)
        assert page.locator("article h1").inner_text() == "公司党支部2026年上半年引领企业健康发展情况"
        page.close()


def test_a_reader_whose_browser_does_not_follow_the_refresh_sees_a_link_to_the_new_address(context, servers) -> None:
    base = servers["public"]
    page = context.new_page()
    # Answer the refresh's request with 204 No Content, which a browser does not navigate to: the
    # redirect page stays, as for a reader whose browser does not follow it; its link must lead on.
    page.route(base + NEW_ADDRESS, lambda route: route.fulfill(status=204))
    page.goto(base + OLD_ADDRESS)
    link = page.get_by_role("link", name="公司党支部2026年上半年引领企业健康发展情况")
    assert link.is_visible()
    assert page.locator("h1").inner_text() == "页面已迁移"
    assert page.title().startswith("页面已迁移：")
    bad = [v for v in _axe(page) if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
    page.unroute(base + NEW_ADDRESS)
    link.click()
    page.wait_for_url(base + NEW_ADDRESS)
    page.close()


def test_a_withdrawn_items_address_shows_the_notice_and_links_its_correction_both_ways(context, servers) -> None:
    base = servers["public"]
    page = context.new_page()
    response = page.goto(base + WITHDRAWN)
    assert response is not None and response.status == 200
    text = page.locator("article").inner_text()
    assert "盟委关于部分干部职务任免的通知" in text
    assert "本事项已于 2026-03-24 撤回" in text and "通知所列任免事项表述有误" in text
    assert "锡林郭勒盟委" in text and "2026-03-20" in text
    assert "陶某某" not in text and "任免事项" not in page.locator("article h2").all_inner_texts()  # no body
    note = page.locator(".disclosure-note--withdrawn")
    assert note.is_visible() and note.get_attribute("role") == "note"
    bad = [v for v in _axe(page) if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "history-withdrawn-notice.png"), full_page=True)
    page.get_by_role("link", name="盟委关于部分干部职务任免的通知（更正）").click()
    page.wait_for_url(base + CORRECTION)
    page.locator(".disclosure-corrects a").click()
    page.wait_for_url(base + WITHDRAWN)
    page.close()


def test_a_party_items_notice_is_on_the_intranet_and_not_on_the_public_site(context, servers) -> None:
    page = context.new_page()
    response = page.goto(servers["party"] + PARTY_WITHDRAWN)
    assert response is not None and response.status == 200
    assert "本事项已于 2026-02-06 撤回" in page.locator("article").inner_text()
    bad = [v for v in _axe(page) if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
    assert page.locator(".disclosure-banner").inner_text().strip() == "党内资料 注意保密"
    response = page.goto(servers["public"] + PARTY_WITHDRAWN)
    assert response is not None and response.status == 404
    page.close()
