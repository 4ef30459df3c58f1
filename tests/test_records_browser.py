"""The record panel in Chromium (issue 14 point 4): readable at 1280 and 390 px, no serious axe
finding, and the 意见采纳情况 / 原征求意见 links lead to each other's pages.

Screenshots of both widths go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sitegen import build, copy_sample
from test_accessibility import _axe, _described, _loopback_only
from test_browser import ARTIFACTS, serving

CALL = "xlgl-mw/2026/caoyuan-shengtai-zhengqiu-yijian/"
OUTCOME = "xlgl-mw/2026/caoyuan-shengtai-yijian-caina/"
ON_REQUEST = "nmg-zzb/2026/fazhan-dangyuan-zhixing-dafu/"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    root = copy_sample(tmp_path_factory.mktemp("records"))
    with serving({"public": build(root, "public"), "xlgl": build(root, "unit:xlgl-mw")}) as addresses:
        yield addresses


@pytest.fixture
def page(chromium) -> Iterator:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.route("**/*", _loopback_only)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("audience", "address"), [("public", OUTCOME), ("public", CALL), ("xlgl", ON_REQUEST)])
def test_the_record_panel_is_readable_at_both_widths_and_axe_finds_nothing_serious(
    page, servers: dict[str, str], audience: str, address: str
) -> None:
    page.goto(servers[audience] + address, wait_until="networkidle")
    panel = page.locator("dl.disclosure-meta")
    bad = [v for v in _axe(page) if v["impact"] in ("serious", "critical")]
    assert not bad, _described(bad)
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"record-{audience}-{address.strip('/').replace('/', '-')}"
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        # Every label and its value side by side and on screen: no value pushed under its label
        # or off the page.
        for row in panel.locator("> div").all():
            label, value = row.locator("dt").bounding_box(), row.locator("dd").bounding_box()
            assert label and value and label["x"] < value["x"] and abs(label["y"] - value["y"]) < 2
            assert value["x"] + value["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        panel.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"))
        page.screenshot(path=str(ARTIFACTS / f"{name}-page-{width}.png"), full_page=True)


def test_the_outcome_and_its_consultation_lead_to_each_other(page, servers: dict[str, str]) -> None:
    page.goto(servers["public"] + CALL, wait_until="networkidle")
    page.click(".disclosure-outcome a")
    assert page.url == servers["public"] + OUTCOME
    assert page.locator("h1").inner_text().endswith("意见采纳情况的说明")
    page.click(".disclosure-outcome-of a")
    assert page.url == servers["public"] + CALL


def test_the_panel_says_on_request_where_it_is_shown(page, servers: dict[str, str]) -> None:
    page.goto(servers["xlgl"] + ON_REQUEST, wait_until="networkidle")
    row = page.locator("dl.disclosure-meta > div", has_text="公开方式")
    assert row.locator("dd").inner_text() == "依申请公开"
    response = page.goto(servers["public"] + ON_REQUEST)
    assert response is not None and response.status == 404
