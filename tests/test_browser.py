"""The sample site in a real browser: browsing, Chinese search per audience, print, no third parties.

Builds the repository's sample (content/, catalogs/, mkdocs.yml, theme/) for the public and
party audiences into a temporary folder through the real CLI path, serves each output
folder with http.server on 127.0.0.1, and drives Debian's Chromium with Playwright.
Every request of every page is routed through a recorder that lets only 127.0.0.1
through, so a resource from another host fails the test that loaded it.
Screenshots go to test-artifacts/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitegen import REPO, SiteWriter, build, copy_sample

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"

PUBLIC_ITEM = "/nmg-dw/2026/xunshi-zhenggai-2026q3/"  # 巡视整改 in its title and body; 信访渠道 only in its body
PARTY_ITEM = "/sdz-dw/2026/dangfei-shoujiao-2025/"  # the only item with 党费收缴; scope party

# Bytes a reader's first search may download on the sample site (15 public items), cold
# cache, as http.server sends them (no gzip): the search page, search.js, Pagefind's loader
# and WebAssembly, its entry and metadata files, the query's index chunk and the records of
# the results shown — about 160 KB measured.  Pagefind's default UI (135 KB) or its web
# worker (41 KB) coming back would break it.  A regression guard, not a timing test; the
# 20,000-item figures are in docs/search.md.
FIRST_SEARCH_BUDGET = 200_000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output readable
        pass


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample site built for public and party, as the CLI builds it."""
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    # Pagefind runs over batches of 4 item pages, joined (pagefind_merge): the browser
    # searches a joined index, as it does on any site of more than 500 items.
    _with_search_options(root, search_batch_pages=4)
    return {audience: build(root, audience) for audience in ("public", "party")}


def _with_search_options(root: Path, **options: int) -> None:
    config = (root / "mkdocs.yml").read_text("utf-8")
    assert "      search: pagefind\n" in config
    extra = "".join(f"      {key}: {value}\n" for key, value in options.items())
    (root / "mkdocs.yml").write_text(
        config.replace("      search: pagefind\n", "      search: pagefind\n" + extra), "utf-8"
    )


RECENT = 12  # the first-query index of the `many` site: its 12 newest items of 30


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """30 public items that all say 党务公开, with a first-query index of the newest 12 (and one without)."""
    built = {}
    for name, recent in (("recent", RECENT), ("whole", 0)):
        root = tmp_path_factory.mktemp(f"many-{name}")
        site = SiteWriter(root)
        for number in range(30):
            site.item(
                f"region/2026/item-{number:02d}.md",
                title=f"第{number:02d}号通报",
                body=f"本期党务公开第{number:02d}号，内容见正文。" + ("另附草原生态保护情况。" if number == 3 else ""),
                date=f"2026-{3 + number // 4:02d}-{10 + number % 4:02d}",
            )
        _with_search_options(root, search_batch_pages=5, search_recent_pages=recent)
        built[name] = build(root, "public")
    return built


@contextlib.contextmanager
def serving(folders: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each built folder served on its own loopback port; yields name → base address."""
    running = {}
    for name, folder in folders.items():
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running[name] = server
    try:
        yield {name: f"http://127.0.0.1:{server.server_address[1]}/" for name, server in running.items()}
    finally:
        for server in running.values():
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def servers(sample: dict[str, Path], many: dict[str, Path]) -> Iterator[dict[str, str]]:
    with serving(sample | many) as addresses:
        yield addresses


@pytest.fixture(scope="module")
def browser(chromium: object) -> object:
    return chromium  # conftest.py


class Visit:
    """A browser page whose every request is recorded; requests to other hosts are refused."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.requests: list[str] = []
        self.responses: list = []
        self.context.route("**/*", self._route)
        self.context.on("response", lambda response: self.responses.append(response))
        self.page = self.context.new_page()

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    def foreign(self) -> list[str]:
        return [
            u for u in self.requests if urlsplit(u).hostname != "127.0.0.1" and not u.startswith(("data:", "blob:"))
        ]

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def search(self, base: str, query: str) -> None:
        """Type into the header box on the home page and submit, as a reader does."""
        self.page.goto(base, wait_until="networkidle")
        self.submit(query)

    def submit(self, query: str) -> None:
        """Search from the header box of the page that is open; wait for the results."""
        self.page.fill("form.disclosure-search input[name=q]", query)
        self.page.press("form.disclosure-search input[name=q]", "Enter")
        self.page.wait_for_url("**/search/?q=*")
        # The results list (search.js) says how many results it found, or that there are none.
        self.page.wait_for_selector(".pagefind-ui__message", timeout=20000)
        self.page.wait_for_function(
            "() => /找到|未找到/.test(document.querySelector('.pagefind-ui__message').textContent)", timeout=20000
        )
        if not self.page.text_content(".pagefind-ui__message").startswith("未找到"):
            self.page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)

    def result_links(self) -> list[str]:
        return self.page.eval_on_selector_all(
            ".pagefind-ui__result-link", "links => links.map(a => new URL(a.href).pathname)"
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser) -> Iterator[Visit]:
    opened = Visit(browser)
    yield opened
    opened.close()


def test_a_reader_goes_from_the_home_page_to_an_organization_through_the_organization_tab(
    visit: Visit, servers
) -> None:
    page = visit.page
    page.goto(servers["public"], wait_until="networkidle")
    assert "最新公开" in page.text_content("article")
    visit.screenshot("home-public.png")
    page.click(".md-tabs__link:has-text('组织机构')")
    page.wait_for_url("**/orgs/")
    assert page.text_content("h1").strip() == "组织机构"
    page.click("article a:has-text('中共内蒙古自治区委员会')")
    page.wait_for_url("**/orgs/nmg-dw/")
    assert page.text_content("h1").strip() == "中共内蒙古自治区委员会"
    assert "党务公开目录" in page.text_content("article")
    visit.screenshot("org-nmg-dw-public.png")
    assert visit.foreign() == []


def test_public_search_finds_a_public_item_by_a_word_of_its_title_and_body(visit: Visit, servers) -> None:
    visit.search(servers["public"], "巡视整改")
    links = visit.result_links()
    assert PUBLIC_ITEM in links
    assert "找到" in visit.page.text_content(".pagefind-ui__message")
    # The excerpt is shown as written (the index stores encoded words) with the query marked.
    excerpts = " ".join(visit.page.eval_on_selector_all(".pagefind-ui__result-excerpt", "e => e.map(x => x.innerHTML)"))
    assert "<mark>巡视整改</mark>" in excerpts and "hz" not in excerpts
    visit.screenshot("search-public-巡视整改.png")
    assert visit.foreign() == []


def test_the_first_search_downloads_less_than_its_budget_and_no_default_ui(visit: Visit, servers) -> None:
    visit.page.goto(servers["public"], wait_until="networkidle")
    cached = set(visit.requests)  # the home page's styles and scripts: in the browser's cache now
    visit.responses.clear()
    visit.submit("巡视整改")
    visit.page.wait_for_load_state("networkidle")
    downloaded = {r.url: len(r.body()) for r in visit.responses if r.url not in cached and r.status == 200}
    names = sorted(urlsplit(url).path for url in downloaded)
    assert not [n for n in names if "pagefind-ui" in n or "pagefind-worker" in n], names
    assert any(n.endswith("/pagefind/pagefind.js") for n in names) and any(n.endswith(".pf_fragment") for n in names)
    total = sum(downloaded.values())
    assert total < FIRST_SEARCH_BUDGET, (total, sorted(downloaded.items(), key=lambda kv: -kv[1]))
    # Pagefind was told the language cmn-Hans; the page has its own back.
    assert visit.page.evaluate("document.documentElement.lang") == "zh-CN"


def test_public_search_finds_an_item_by_a_word_only_its_body_contains(visit: Visit, servers) -> None:
    visit.search(servers["public"], "信访渠道")
    assert visit.result_links()[0] == PUBLIC_ITEM
    assert visit.foreign() == []


def test_public_search_for_a_word_only_a_party_item_contains_finds_nothing(visit: Visit, servers) -> None:
    visit.search(servers["public"], "党费收缴")
    assert "未找到" in visit.page.text_content(".pagefind-ui__message")
    assert visit.result_links() == []
    visit.screenshot("search-public-党费收缴.png")
    assert visit.foreign() == []


def test_the_same_search_in_the_party_build_finds_the_party_item(visit: Visit, servers) -> None:
    visit.search(servers["party"], "党费收缴")
    assert visit.result_links()[0] == PARTY_ITEM
    assert "党内资料" in visit.page.text_content(".disclosure-banner")
    visit.screenshot("search-party-党费收缴.png")
    assert visit.foreign() == []


def test_every_kind_of_page_loads_only_from_the_site_itself(visit: Visit, servers) -> None:
    pages = {
        "public": [
            "",
            "orgs/",
            "orgs/nmg-dw/",
            PUBLIC_ITEM.lstrip("/"),
            "about/",
            "search/?q=草原",
            "404.html",
        ],
        "party": ["", PARTY_ITEM.lstrip("/"), "compliance/", "search/?q=党费"],
    }
    for audience, paths in pages.items():
        for path in paths:
            visit.page.goto(servers[audience] + path, wait_until="networkidle")
    assert len(visit.requests) > 20  # the recorder did see the pages, styles, scripts and index
    assert visit.foreign() == []


def test_the_bulletin_board_sheet_prints_without_header_tabs_or_sidebars(visit: Visit, servers) -> None:
    page = visit.page
    page.goto(servers["public"] + "orgs/nmg-dw/", wait_until="networkidle")
    # On screen the sheet is hidden and the button that prints it shown (orgs.js).
    assert page.locator(".disclosure-print").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".disclosure-print-button").is_visible()
    page.emulate_media(media="print")
    # On paper the organization's page is its sheet: the catalog and the record panel are hidden.
    for part in (".disclosure-org", ".disclosure-entry", ".disclosure-print-button"):
        assert not page.locator(part).first.is_visible(), part
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary',
                                       '.md-footer', '.disclosure-search']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    sheet = page.locator(".disclosure-print")
    assert "中共内蒙古自治区委员会党务公开栏" in sheet.text_content()
    box = sheet.bounding_box()
    assert box is not None and box["x"] < 80  # the sheet starts at the page margin, not after a sidebar
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "print-nmg-dw.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
    visit.screenshot("print-nmg-dw.png")
    assert visit.foreign() == []


def test_a_first_query_reads_the_newest_items_index_and_more_results_come_from_the_whole(visit: Visit, servers) -> None:
    page = visit.page
    visit.search(servers["recent"], "党务公开")
    # The first page: the newest items' index only (one pf_meta), its count says so.
    metas = [u for u in visit.requests if u.endswith(".pf_meta")]
    assert len(metas) == 1, metas
    assert f"在最新的 {RECENT} 条公开事项中找到 {RECENT} 个 党务公开 的相关结果" in page.text_content(
        ".pagefind-ui__message"
    )
    first = visit.result_links()
    assert len(first) == 10
    # More: the rest of the newest, then the older items from the whole index, each once.
    while page.is_visible(".pagefind-ui__button"):
        before = len(visit.result_links())
        page.click(".pagefind-ui__button")
        page.wait_for_function(f"() => document.querySelectorAll('.pagefind-ui__result-link').length > {before}")
    links = visit.result_links()
    assert len(links) == 30 == len(set(links))
    assert page.text_content(".pagefind-ui__message").startswith("找到 30 个")
    assert len({u for u in visit.requests if u.endswith(".pf_meta")}) == 2
    visit.screenshot("search-recent-more.png")
    # The same order as a site without a first-query index: newest first.
    visit.search(servers["whole"], "党务公开")
    while page.is_visible(".pagefind-ui__button"):
        before = len(visit.result_links())
        page.click(".pagefind-ui__button")
        page.wait_for_function(f"() => document.querySelectorAll('.pagefind-ui__result-link').length > {before}")
    assert visit.result_links() == links
    assert links[0].endswith("item-29/")
    assert visit.foreign() == []


def test_a_rare_word_is_looked_up_in_the_whole_index_at_once(visit: Visit, servers) -> None:
    visit.search(servers["recent"], "草原生态")  # only an old item, outside the newest 12, says it
    links = visit.result_links()
    assert len(links) == 1 and links[0].endswith("item-03/")
    assert visit.page.text_content(".pagefind-ui__message").startswith("找到 1 个")
