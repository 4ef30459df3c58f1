"""Every page type of the sample (public, party, a unit) and of a generated region, under axe-core in Chromium; the 长辈 mode; no sitemap fetch.

axe-core is the npm package pinned in tests/js/package.json (`make axe` installs it with
`npm ci` into tests/js/node_modules); the test injects it from that file, so the page
under test loads nothing from another host.  The rules run are WCAG 2.0/2.1 A and AA;
a serious or critical violation fails the page and is printed with its selectors.

The same pages show the theme's own conventions (issue 11): `lang="zh-CN"`, a skip link in
Chinese, the 长辈 (适老化) mode switched from the header on every page and remembered, the
government-site footer and `<meta>` tags, and no page view that downloads sitemap.xml
(Material fetches it for every `<link rel=alternate>` it finds; the feed link must not be one).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitegen import REPO, build, copy_sample
from test_browser import ARTIFACTS, PUBLIC_ITEM, serving

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

from site_plugins.load import load_site  # noqa: E402

AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Every page type a reader meets, by audience.  The 404 page is loaded by its own address:
# http.server answers a missing one with its own page, a web server with ours (README).
PAGES: dict[str, dict[str, str]] = {
    "public": {
        "home": "",
        "item": PUBLIC_ITEM.lstrip("/"),
        "org": "orgs/nmg-dw/",
        "org-index": "orgs/",
        "search": "search/?q=巡视整改",
        "about": "about/",
        "consultations": "consultations/",
        "interpretations": "interpretations/",
        "404": "404.html",
        # The Mongolian pages (mn/, issue 15): vertical columns, lang mn-Mong.
        "mn-item": "mn/nmg-dw/2026/xunshi-zhenggai-2026q3/",
        "mn-home": "mn/",
        "mn-search": "mn/search/?q=ᠪᠡᠯᠴᠢᠭᠡᠷ",
    },
    "party": {
        "home": "",
        "item": "sdz-dw/2026/dangfei-shoujiao-2025/",
        "org": "orgs/nmg-dw/",
        "org-index": "orgs/",
        "dashboard": "compliance/",
        "dashboard-league": "compliance/xlgl-mw/",
        "annual-report": "compliance/nmg-dw/2026/",
        "search": "search/?q=党费",
        "about": "about/",
        "404": "404.html",
        "mn-item": "mn/sdz-dw/2026/dangfei-shoujiao-2025/",
        "mn-search": "mn/search/?q=ᠲᠠᠲᠠᠪᠤᠷ",
    },
    "unit:zlq-qw": {
        "home": "",
        "item": "zlq-qw/2026/zhuti-zeren-qingdan/",
        "org": "orgs/zlq-qw/",
        "dashboard-banner": "compliance/zlq-qw/",
        "search": "search/?q=主体责任",
        "about": "about/",
    },
}
# A region of bench/generate.py's shape (1,263 organizations): pages with many rows — an
# organization with dozens of subordinates, the dashboard's roll-ups.  Its addresses are
# found in the build (`_region_page`).
REGION_PAGES = {
    "region-public": ["home", "item", "org-many-children", "org-index", "consultations", "search"],
    "region-party": ["home", "item", "org-many-children", "dashboard", "dashboard-league", "search"],
    "region-unit": ["home", "org-many-children", "interpretations", "dashboard"],
}
CASES = [(audience, kind) for audience, pages in PAGES.items() for kind in pages]
CASES += [(region, kind) for region, kinds in REGION_PAGES.items() for kind in kinds]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = copy_sample(tmp_path_factory.mktemp("a11y"))
    region = tmp_path_factory.mktemp("a11y-region") / "src"
    generate(region, 150, seed=5)
    # The unit build of the region's first banner committee.
    banner = next(o.id for o in load_site(region).registry if o.level == "banner")
    audiences = {"region-public": "public", "region-party": "party", "region-unit": f"unit:{banner}"}
    return {audience: build(root, audience) for audience in PAGES} | {
        name: build(region, audiences[name]) for name in REGION_PAGES
    }


@pytest.fixture(scope="module")
def servers(built: dict[str, Path]) -> Iterator[dict[str, str]]:
    with serving(built) as addresses:
        yield addresses


def _region_page(out: Path, kind: str) -> str:
    """The address of a page type in the generated region's build."""
    items = json.loads((out / "data/items.json").read_text("utf-8"))["items"]
    if kind == "item":
        return urlsplit(items[0]["url"]).path.lstrip("/")
    if kind == "org-many-children":
        # The organization page with the most subordinates listed.
        sizes = {page: (page).read_text("utf-8").count("<li") for page in (out / "orgs").glob("*/index.html")}
        return str(max(sizes, key=sizes.__getitem__).parent.relative_to(out)) + "/"
    if kind == "dashboard-league":
        return str(min((out / "compliance").glob("*/index.html")).parent.relative_to(out)) + "/"
    return {
        "home": "",
        "org-index": "orgs/",
        "dashboard": "compliance/",
        "consultations": "consultations/",
        "interpretations": "interpretations/",
        "search": "search/?q=党委",
    }[kind]


def _address(built: dict[str, Path], audience: str, kind: str) -> str:
    return PAGES[audience][kind] if audience in PAGES else _region_page(built[audience], kind)


@pytest.fixture
def context(chromium) -> Iterator:
    opened = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    opened.route("**/*", _loopback_only)
    yield opened
    opened.close()


def _loopback_only(route) -> None:
    if route.request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def _settled(page) -> None:
    """Wait until no CSS transition or animation runs: axe measures colours as they are painted,
    and a colour half-way through a fade is neither the one before nor the one after."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=10000)


def _axe(page) -> list[dict]:
    assert AXE.is_file(), f"{AXE} missing: run `make axe` (npm ci in tests/js)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA,
    )
    return result["violations"]


def _described(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])})")
        for node in v["nodes"][:8]:
            lines.append(
                f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return "\n".join(lines)


@pytest.mark.parametrize(("audience", "kind"), CASES, ids=[f"{a}-{k}" for a, k in CASES])
def test_every_page_type_has_no_serious_or_critical_wcag_violation(
    context, built, servers, audience, kind, capsys
) -> None:
    page = context.new_page()
    page.goto(servers[audience] + _address(built, audience, kind), wait_until="networkidle")
    if kind == "search":
        page.wait_for_function(
            "() => /找到|未找到/.test((document.querySelector('.pagefind-ui__message') || {}).textContent || '')",
            timeout=20000,
        )
    if kind == "mn-search":
        page.wait_for_selector(".pagefind-ui__result", timeout=20000)
    _settled(page)
    violations = _axe(page)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    with capsys.disabled():
        counts = f"{sum(len(v['nodes']) for v in bad)} serious/critical nodes in {len(bad)} rules"
        print(f"\naxe {audience} {kind}: {counts}; {len(violations) - len(bad)} lesser rules")
    assert not bad, f"{audience} {kind}:\n{_described(bad)}"
    # Every page type at desktop and phone width, for a person to look at (issue 11 point 10).
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"page-{audience.replace(':', '-')}-{kind}"
    page.screenshot(path=str(ARTIFACTS / f"{name}-1280.png"), full_page=True)
    # The same elder mode on every page: and axe has nothing serious to say of it either.
    page.click("#disclosure-elder")
    assert page.evaluate("document.documentElement.dataset.elder") == "on"
    _settled(page)
    bad = [v for v in _axe(page) if v["impact"] in ("serious", "critical")]
    assert not bad, f"{audience} {kind}, 长辈模式:\n{_described(bad)}"
    page.click("#disclosure-elder")  # back to the ordinary mode, for the phone
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=str(ARTIFACTS / f"{name}-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{audience} {kind} scrolls sideways"


@pytest.mark.parametrize("audience", list(PAGES))
def test_no_page_view_downloads_the_sitemap_while_the_feed_stays_discoverable(context, servers, audience) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for kind, path in PAGES[audience].items():
        page.goto(servers[audience] + path, wait_until="networkidle")
        page.wait_for_timeout(200)  # Material's handlers run after the document is ready
        feeds = page.eval_on_selector_all(
            "link[type='application/atom+xml']", "links => links.map(l => [l.relList.contains('alternate'), l.href])"
        )
        assert feeds and all(is_alternate for is_alternate, _ in feeds), (kind, feeds)
    assert not [u for u in requested if "sitemap" in u], [u for u in requested if "sitemap" in u]


def test_pages_are_chinese_and_start_with_a_chinese_skip_link_to_the_content(context, servers) -> None:
    page = context.new_page()
    page.goto(servers["public"] + PUBLIC_ITEM.lstrip("/"), wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused[0] == "跳转至内容" or focused[0].startswith("跳"), focused
    target = page.evaluate(f"document.querySelector({focused[1]!r})") if focused[1].startswith("#") else None
    assert target is not None or page.query_selector(focused[1]) is not None, focused
    # Focus is visible: the focused link has an outline or a box shadow.
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow]; })()"
    )
    assert style[0] != "none" or style[1] != "none", style


def test_the_elder_mode_is_switched_by_keyboard_and_remembered_on_the_next_page(context, servers) -> None:
    page = context.new_page()
    base = servers["public"]
    page.goto(base, wait_until="networkidle")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    button = page.locator("#disclosure-elder")
    assert button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    larger = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    assert larger >= size * 1.2, (size, larger)
    page.goto(base + PUBLIC_ITEM.lstrip("/"), wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.elder") == "on"
    assert page.locator("#disclosure-elder").get_attribute("aria-pressed") == "true"
    line = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.md-typeset p'));"
        " return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()"
    )
    assert line >= 1.5, line
    page.locator("#disclosure-elder").press("Space")
    assert page.evaluate("document.documentElement.dataset.elder || ''") == ""
    page.reload(wait_until="networkidle")
    assert page.locator("#disclosure-elder").get_attribute("aria-pressed") == "false"


def test_the_intranet_banner_and_title_name_the_build_without_its_id(context, servers) -> None:
    page = context.new_page()
    page.goto(servers["party"] + "about/", wait_until="networkidle")
    assert page.text_content(".disclosure-banner").strip() == "党内资料 注意保密"
    assert page.title().endswith("党内版"), page.title()
    page.goto(servers["unit:zlq-qw"] + "about/", wait_until="networkidle")
    assert page.text_content(".disclosure-banner").strip() == "中共正蓝旗委员会内部资料 注意保密"
    assert page.title().endswith("·中共正蓝旗委员会内部版"), page.title()
    page.goto(servers["public"] + "about/", wait_until="networkidle")
    assert page.query_selector(".disclosure-banner") is None
    assert "党内版" not in page.title()
    # No empty announce strip above the public header.
    assert page.query_selector(".md-banner") is None


def test_the_footer_and_meta_tags_carry_the_government_site_identity(context, servers) -> None:
    page = context.new_page()
    page.goto(servers["public"] + PUBLIC_ITEM.lstrip("/"), wait_until="networkidle")
    footer = page.text_content(".disclosure-footer")
    for label in ("主办单位", "承办单位", "联系方式", "网站标识码", "ICP备案号", "公安机关备案号"):
        assert label in footer, label
    meta = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('meta[name], meta[property]')]"
        ".map(m => [m.getAttribute('name') || m.getAttribute('property'), m.content]))"
    )
    for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ArticleTitle", "ContentSource"):
        assert meta.get(name), (name, meta)
    assert meta["ArticleTitle"] == page.text_content("article h1").strip()
    assert meta["og:title"] and meta["og:type"] == "article" and meta["og:url"].endswith(PUBLIC_ITEM)
    page.goto(servers["public"], wait_until="networkidle")
    home = page.evaluate("[...document.querySelectorAll('meta[name]')].map(m => m.getAttribute('name'))")
    assert "SiteName" in home and "ArticleTitle" not in home, home


def test_an_item_page_names_its_publication_date_and_publishing_organization(context, servers) -> None:
    page = context.new_page()
    page.goto(servers["public"] + PUBLIC_ITEM.lstrip("/"), wait_until="networkidle")
    meta = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('meta[name]')].map(m => [m.getAttribute('name'), m.content]))"
    )
    assert meta.get("PubDate") == "2026-10-16", meta
    assert meta.get("ContentSource") == "中共内蒙古自治区委员会", meta


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_home_and_an_item_page_for_a_person_to_look_at(chromium, servers, width) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    context.route("**/*", _loopback_only)
    try:
        page = context.new_page()
        for audience, item in (("public", PAGES["public"]["item"]), ("party", PAGES["party"]["item"])):
            for kind, path in (("home", ""), ("item", item)):
                page.goto(servers[audience] + path, wait_until="networkidle")
                page.screenshot(path=str(ARTIFACTS / f"a11y-{kind}-{audience}-{width}.png"), full_page=True)
                # Nothing wider than the screen: a phone reader never scrolls sideways.
                assert page.evaluate("document.documentElement.scrollWidth") <= width, (audience, kind)
    finally:
        context.close()
