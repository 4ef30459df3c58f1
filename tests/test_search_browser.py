"""Search as a reader uses it, in Chromium: unspaced queries, the header box's instant results.

Issue 11 point 6. Readers do not type spaces between Chinese words: 巡视整改通报 must find
the sample's three 巡视整改…通报 items on the search page and under the header box, with
their organization and date, the items that hold the query as written first; a word only a
party item holds finds nothing in the public build. Screenshots (1280 and 390 px) go to
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from sitegen import SiteWriter, build, copy_sample
from test_browser import ARTIFACTS, FIRST_SEARCH_BUDGET, serving

THREE = {  # the sample's items whose titles hold 巡视整改 … 通报, with their organization and date
    "/nmg-dw/2026/xunshi-zhenggai-2026q1/": "2026-04-15",
    "/nmg-dw/2026/xunshi-zhenggai-2026q2/": "2026-07-15",
    "/nmg-dw/2026/xunshi-zhenggai-2026q3/": "2026-10-16",
}
ORGANIZATION = "中共内蒙古自治区委员会"
PARTY_ONLY = "党费收缴"  # only /sdz-dw/2026/dangfei-shoujiao-2025/ (scope party) says it


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    folders = {audience: build(root, audience) for audience in ("public", "party")}
    # The exact phrase first: the older item says 巡视整改通报 once; the newer one says its
    # words apart, many times (it scores higher on the words).
    site = SiteWriter(tmp_path_factory.mktemp("phrase"))
    site.item("region/2026/exact.md", title="第一号", body="本期巡视整改通报如下。", date="2026-04-01")
    site.item(
        "region/2026/apart.md",
        title="第二号",
        body="巡视工作持续推进，整改任务逐项落实。" * 6 + "有关情况另行通报，巡视与整改情况通报如下。",
        date="2026-05-01",
    )
    site.item("region/2026/other.md", title="第三号", body="巡视工作持续推进。", date="2026-06-01")
    folders["phrase"] = build(site.root, "public")
    with serving(folders) as addresses:
        yield addresses


@pytest.fixture(scope="module")
def browser(chromium: object) -> object:
    return chromium  # conftest.py


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    foreign: list[str] = []

    def route(route) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    opened = context.new_page()
    yield opened
    assert foreign == []  # nothing from another host
    context.close()


def search_page(page, base: str, query: str) -> list[dict[str, str]]:
    """The search page's results for `query`: path, organization and date of each, in order."""
    page.goto(f"{base}search/?q={quote(query)}", wait_until="domcontentloaded")
    page.wait_for_function(
        "() => /找到|未找到|失败/.test(document.querySelector('.pagefind-ui__message').textContent)", timeout=20000
    )
    return _listed(page, ".pagefind-ui__result", ".pagefind-ui__result-title a")


def header_box(page, base: str, query: str) -> list[dict[str, str]]:
    """Type `query` into the header box of the home page; its instant results, in order."""
    page.goto(base, wait_until="networkidle")
    page.fill("form.disclosure-search input[name=q]", query)
    page.wait_for_function(
        "() => /找到|失败/.test(document.querySelector('.disclosure-search__count').textContent)", timeout=20000
    )
    assert page.is_visible(".disclosure-search__instant")
    assert page.get_attribute("form.disclosure-search input[name=q]", "aria-expanded") == "true"
    return _listed(page, ".disclosure-search__item", "a.disclosure-search__link")


def _listed(page, item: str, link: str) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        item,
        f"""items => items.map(i => ({{
            path: new URL(i.querySelector({link!r}).href).pathname,
            org: (i.querySelector('.disclosure-search__org') || {{}}).textContent || '',
            date: (i.querySelector('.disclosure-search__date') || {{}}).textContent || '',
        }}))""",
    )


def _shot(page, name: str, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=name.startswith("search-page"))


def test_an_unspaced_query_finds_the_three_items_that_hold_its_words_on_the_search_page(page, servers) -> None:
    results = search_page(page, servers["public"], "巡视整改通报")
    assert {r["path"] for r in results} == set(THREE)
    assert all(r["org"] == ORGANIZATION and r["date"] == THREE[r["path"]] for r in results), results
    assert page.text_content(".pagefind-ui__message").startswith("找到 3 个")
    # The excerpt is the body: the title is not run into it, headings are sub-results of their own.
    first = page.query_selector(".pagefind-ui__result")
    title = first.query_selector(".pagefind-ui__result-title").text_content()
    excerpt = first.query_selector(".pagefind-ui__result-excerpt").text_content()
    assert title not in excerpt and "hz" not in excerpt
    assert "<mark>巡视整改</mark>" in first.query_selector(".pagefind-ui__result-excerpt").inner_html()
    headings = [
        h.text_content()
        for h in first.query_selector_all(".pagefind-ui__result-nested-list .pagefind-ui__result-title")
    ]
    assert headings and all(h.startswith(("一、", "二、", "三、")) for h in headings), headings
    for width in (1280, 390):
        _shot(page, "search-page-巡视整改通报", width)


def test_the_header_box_lists_the_three_items_with_organization_and_date_as_one_types(page, servers) -> None:
    results = header_box(page, servers["public"], "巡视整改通报")
    assert {r["path"] for r in results} == set(THREE)
    assert all(r["org"] == ORGANIZATION and r["date"] == THREE[r["path"]] for r in results), results
    assert "找到 3 个" in page.text_content(".disclosure-search__count")
    for width in (1280, 390):
        _shot(page, "search-header-巡视整改通报", width)


def test_the_header_results_are_operated_by_keyboard(page, servers) -> None:
    header_box(page, servers["public"], "巡视整改通报")
    box = "form.disclosure-search input[name=q]"
    page.press(box, "ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('disclosure-search__link')")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("ArrowUp")  # above the first result: back in the box
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.press("Escape")
    assert not page.is_visible(".disclosure-search__instant")
    assert page.get_attribute(box, "aria-expanded") == "false"
    # Enter in the box opens the search page with every result.
    page.press(box, "Enter")
    page.wait_for_url("**/search/?q=*")
    # Enter on a result opens it.
    header_box(page, servers["public"], "巡视整改通报")
    page.press(box, "ArrowDown")
    target = page.evaluate("new URL(document.activeElement.href).pathname")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")


def test_items_that_hold_the_query_as_written_come_first(page, servers) -> None:
    for results in (
        search_page(page, servers["phrase"], "巡视整改通报"),
        header_box(page, servers["phrase"], "巡视整改通报"),
    ):
        assert [r["path"] for r in results] == ["/region/2026/exact/", "/region/2026/apart/"], results


def test_a_word_only_a_party_item_holds_finds_nothing_in_the_public_build(page, servers) -> None:
    assert search_page(page, servers["public"], PARTY_ONLY) == []
    assert page.text_content(".pagefind-ui__message").startswith("未找到")
    assert header_box(page, servers["public"], PARTY_ONLY) == []
    assert page.text_content(".disclosure-search__count").startswith("未找到")
    # The same query in the party build finds it, so the public build's silence is the index's.
    assert [r["path"] for r in search_page(page, servers["party"], PARTY_ONLY)] == [
        "/sdz-dw/2026/dangfei-shoujiao-2025/"
    ]


def test_a_query_of_words_the_items_do_not_all_hold_finds_nothing(page, servers) -> None:
    # 整改 and 通报 are in the sample, 锦标赛 nowhere: Pagefind alone would drop the missing word.
    assert search_page(page, servers["public"], "整改通报锦标赛") == []
    assert search_page(page, servers["public"], "整改 通报 锦标赛") == []


def test_the_header_box_s_first_results_download_less_than_the_first_search_budget(page, servers) -> None:
    page.goto(servers["public"], wait_until="networkidle")  # the home page's files (search.js too) are cached
    responses: list = []
    page.on("response", lambda response: responses.append(response))
    page.fill("form.disclosure-search input[name=q]", "巡视整改")
    page.wait_for_selector(".disclosure-search__item")
    page.wait_for_load_state("networkidle")
    sizes = {r.url: len(r.body()) for r in responses if r.status == 200}
    assert not [url for url in sizes if "pagefind-ui" in url or "pagefind-worker" in url], sizes
    assert sum(sizes.values()) < FIRST_SEARCH_BUDGET, sorted(sizes.items(), key=lambda kv: -kv[1])
    assert page.evaluate("document.documentElement.lang").startswith("zh")  # the page's own language is back
