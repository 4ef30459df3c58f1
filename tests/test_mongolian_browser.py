"""The Mongolian pages in Chromium (issue 15, "Done when"): vertical columns in the shipped
font, the language switch both ways, sideways scrolling on a phone, and search in Mongolian.

The repository's sample, built for public and party through the real CLI path and served on
127.0.0.1 (tests/test_browser.py); every request to another host is refused and reported.
axe-core runs on the Mongolian page types in tests/test_accessibility.py.  Screenshots at
1280 and 390 px go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from sitegen import build, copy_sample
from test_browser import Visit, serving
from test_mongolian_build import PARTY_ITEM, PARTY_WORD_MN, SEARCH_WORD_MN

MN_ITEM = "mn/nmg-dw/2026/xunshi-zhenggai-2026q3/"
ZH_ITEM = "nmg-dw/2026/xunshi-zhenggai-2026q3/"
FOUND = "mn/xlgl-mw/2026/caoyuan-shengtai-zhengqiu-yijian/"  # the only Mongolian body with ᠪᠡᠯᠴᠢᠭᠡᠷ
FONT = "assets/fonts/NotoSansMongolian-Regular.woff2"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    root = copy_sample(tmp_path_factory.mktemp("mn-browser"))
    built: dict[str, Path] = {audience: build(root, audience) for audience in ("public", "party")}
    with serving(built) as addresses:
        yield addresses


def visit(chromium: object, width: int) -> Visit:
    v = Visit(chromium)
    v.page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
    return v


def platform_fonts(page, selector: str) -> list[dict]:  # noqa: ANN001 - a Playwright page
    """The fonts Chromium drew `selector`'s text with (DevTools: CSS.getPlatformFontsForNode)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts: list[dict] = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return fonts


@pytest.mark.parametrize("width", [1280, 390])
def test_a_mongolian_item_page_is_set_in_vertical_columns_in_the_shipped_font(chromium, servers, width) -> None:
    v = visit(chromium, width)
    try:
        page = v.page
        page.goto(servers["public"] + MN_ITEM, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.evaluate("document.documentElement.lang") == "mn-Mong"
        modes = page.evaluate(
            "[...document.querySelectorAll('.disclosure-mn, .disclosure-mn h1, .disclosure-mn__body p, "
            ".disclosure-mn__record')].map(e => getComputedStyle(e).writingMode)"
        )
        assert modes and set(modes) == {"vertical-lr"}, modes
        # Columns from left to right: the title's column stands left of the body's, each taller than wide.
        boxes = page.evaluate(
            "['.disclosure-mn h1', '.disclosure-mn__record', '.disclosure-mn__body p'].map(s => {"
            " const r = document.querySelector(s).getBoundingClientRect(); return [r.left, r.width, r.height]; })"
        )
        (title_left, title_width, title_height), (record_left, _, _), (body_left, _, _) = boxes
        assert title_left < record_left < body_left, boxes
        assert title_height > title_width, boxes
        # The glyphs are the shipped font's: a web font from this site, loaded, and the one
        # Chromium drew the title with (this machine has no Mongolian font of its own).
        faces = page.evaluate("[...document.fonts].map(f => [f.family.replace(/\"/g, ''), f.status])")
        assert ["Noto Sans Mongolian", "loaded"] in faces, faces
        drawn = platform_fonts(page, ".disclosure-mn h1")
        mongolian = [f for f in drawn if f["familyName"] == "Noto Sans Mongolian"]
        assert mongolian and mongolian[0]["isCustomFont"] and mongolian[0]["glyphCount"] > 20, drawn
        assert any(urlsplit(url).path == "/" + FONT for url in v.requests), v.requests
        assert v.foreign() == []
        region = page.evaluate(
            "(() => { const r = document.querySelector('.disclosure-mn');"
            " return [r.scrollWidth, r.clientWidth, document.documentElement.scrollWidth]; })()"
        )
        if width == 390:
            # The columns exceed a phone's screen: the text scrolls sideways, the page does not.
            assert region[0] > region[1] + 100 and region[2] <= 390, region
        else:
            assert region[2] <= 1280, region
        v.screenshot(f"mn-item-public-{width}.png")
        for name, path in (("home", "mn/"), ("search", f"mn/search/?q={quote(SEARCH_WORD_MN)}")):
            page.goto(servers["public"] + path, wait_until="networkidle")
            page.evaluate("document.fonts.ready.then(() => true)")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name
            v.screenshot(f"mn-{name}-public-{width}.png")
        page.goto(servers["party"] + f"mn/{PARTY_ITEM}/", wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        v.screenshot(f"mn-item-party-{width}.png")
    finally:
        v.context.close()


def test_the_language_switch_leads_to_the_chinese_page_and_back(chromium, servers) -> None:
    v = visit(chromium, 1280)
    try:
        page = v.page
        base = servers["public"]
        page.goto(base + MN_ITEM, wait_until="networkidle")
        mongolian_title = page.text_content(".disclosure-mn h1")
        page.click("a.disclosure-language")
        page.wait_for_url(base + ZH_ITEM)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        assert page.text_content("article h1").strip().startswith("自治区党委关于2026年第三季度巡视整改")
        page.click("a.disclosure-language")
        page.wait_for_url(base + MN_ITEM)
        assert page.evaluate("document.documentElement.lang") == "mn-Mong"
        assert page.text_content(".disclosure-mn h1") == mongolian_title
        # The home page and the search page switch too.
        page.goto(base, wait_until="networkidle")
        page.click("a.disclosure-language")
        page.wait_for_url(base + "mn/")
        page.click("a.disclosure-language")
        page.wait_for_url(base)
        assert v.foreign() == []
    finally:
        v.context.close()


def test_a_mouse_wheel_over_the_columns_scrolls_them_sideways(chromium, servers) -> None:
    v = visit(chromium, 390)
    try:
        page = v.page
        page.goto(servers["public"] + MN_ITEM, wait_until="networkidle")
        box = page.locator(".disclosure-mn").bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, 400)
        page.wait_for_function("document.querySelector('.disclosure-mn').scrollLeft > 100")
        assert page.evaluate("window.scrollY") == 0  # the wheel moved the columns, not the page
        # The keyboard reaches it too: the region takes the focus and arrow keys scroll it.
        page.evaluate("document.querySelector('.disclosure-mn').scrollLeft = 0")
        page.focus(".disclosure-mn")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("document.querySelector('.disclosure-mn').scrollLeft > 0")
    finally:
        v.context.close()


def _search(page, base: str, word: str) -> list[str]:  # noqa: ANN001 - a Playwright page
    page.goto(base + "mn/search/", wait_until="networkidle")
    page.fill("#disclosure-search input[name=q]", word)
    page.press("#disclosure-search input[name=q]", "Enter")
    page.wait_for_function(
        "q => (document.querySelector('.pagefind-ui__message') || {}).textContent.startsWith(q + ' — ')", arg=word
    )
    return page.eval_on_selector_all(
        ".pagefind-ui__results > li > .pagefind-ui__result-title a", "links => links.map(a => a.getAttribute('href'))"
    )


def test_a_mongolian_word_of_a_body_finds_its_item_on_the_mongolian_search_page(chromium, servers) -> None:
    v = visit(chromium, 1280)
    try:
        page = v.page
        found = _search(page, servers["public"], SEARCH_WORD_MN)
        assert found == ["/" + FOUND], found
        assert page.locator(".pagefind-ui__results mark").first.text_content() == SEARCH_WORD_MN
        page.click(".pagefind-ui__results > li > .pagefind-ui__result-title a")
        page.wait_for_url(servers["public"] + FOUND)
        assert SEARCH_WORD_MN in page.text_content(".disclosure-mn__body")
        # The party item's Mongolian words are found in the party build only.
        assert _search(page, servers["public"], PARTY_WORD_MN) == []
        assert _search(page, servers["party"], PARTY_WORD_MN) == [f"/mn/{PARTY_ITEM}/"]
        # The header box of a Mongolian page searches the Mongolian pages.
        page.goto(servers["public"] + MN_ITEM, wait_until="networkidle")
        page.fill(".disclosure-search__input", SEARCH_WORD_MN)
        page.wait_for_selector(".disclosure-search__instant:not([hidden]) a.disclosure-search__link")
        links = page.eval_on_selector_all("a.disclosure-search__link", "links => links.map(a => a.pathname)")
        assert links == ["/" + FOUND], links
        assert v.foreign() == []
    finally:
        v.context.close()
