"""The site's columns 政策解读 and 征求意见 (issue 11 point 2): every interpretation and every
consultation the build publishes, 50 to a page, open consultations first; tabs in the header,
"全部 …" links on the home page; nothing of another audience, whatever the number of items.
Built for real from a generated site (tests/sitegen.py) and read with an HTML parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

import pytest
from selectolax.lexbor import LexborHTMLParser
from sitegen import CLOCK, SiteWriter, build

from site_plugins.render.columns import PER_PAGE

OPEN, CLOSED = 57, 63  # 120 consultations: three pages


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteWriter:
    site = SiteWriter(tmp_path_factory.mktemp("columns") / "src")
    (site.root / "content/index.md").unlink()  # the home page is generated
    for n in range(OPEN + CLOSED):
        # Open ones close on CLOCK + 1 … + OPEN days, closed ones closed 1 … CLOSED days ago.
        until = CLOCK + dt.timedelta(days=n + 1) if n < OPEN else CLOCK - dt.timedelta(days=n - OPEN + 1)
        site.item(
            f"league/2026/consult-{n:03}.md",
            org="league",
            title=f"征求意见稿第{n:03}号",
            # Open ones were published 60 days ago, closed ones 30 days before they closed.
            date=str(CLOCK - dt.timedelta(days=60) if n < OPEN else until - dt.timedelta(days=30)),
            consultation={"until": str(until), "channel": "信箱"},
        )
    site.item("region/2026/policy.md", id="policy", title="关于目录管理的通知", date="2026-03-05")
    for n in range(3):
        site.item(f"region/2026/explain-{n}.md", title=f"解读第{n}篇", interprets="policy", date=f"2026-0{4 + n}-01")
    # Canaries: a party consultation and a party interpretation never reach the public build.
    site.item(
        "town/2026/party-consult.md",
        org="town",
        entry="party-long",
        title="党内征求意见canary",
        date="2026-11-01",
        consultation={"until": "2026-12-20", "channel": "党支部"},
    )
    site.item("town/2026/party-explain.md", org="town", entry="party-long", title="党内解读canary", interprets="policy")
    return site


@pytest.fixture(scope="module")
def public(site: SiteWriter) -> Path:
    return build(site.root, "public")


@pytest.fixture(scope="module")
def party(site: SiteWriter) -> Path:
    return build(site.root, "party")


def parsed(out: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((out / page / "index.html").read_text("utf-8"))


def titles(tree: LexborHTMLParser) -> list[str]:
    return [a.text() for a in tree.css(".disclosure-list__title a")]


def test_consultations_are_paged_fifty_at_a_time_open_ones_first(public: Path) -> None:
    pages = [parsed(public, p) for p in ("consultations", "consultations/2", "consultations/3")]
    assert not (public / "consultations/4").exists() and not (public / "consultations/1").exists()
    listed = [titles(p) for p in pages]
    assert [len(t) for t in listed] == [PER_PAGE, PER_PAGE, OPEN + CLOSED - 2 * PER_PAGE]
    every = [t for page in listed for t in page]
    # Open ones, closing soonest first; then the closed ones, latest closed first.
    assert every == [f"征求意见稿第{n:03}号" for n in range(OPEN + CLOSED)]
    states = [s.text().split()[0] for p in pages for s in p.css(".disclosure-list__until")]
    assert states == ["截止"] * OPEN + ["已截止"] * CLOSED
    assert "共 120 项，第 2 / 3 页" in pages[1].css_first(".disclosure-column__intro").text()


def test_the_pager_links_the_pages_of_a_column_to_each_other(public: Path) -> None:
    def pager(page: str) -> dict[str, str]:
        nav = parsed(public, page).css_first("nav.disclosure-pager")
        base = f"http://site/{page}/"
        return {a.text(): urljoin(base, a.attributes["href"] or "") for a in nav.css("a")}

    assert pager("consultations") == {"下一页": "http://site/consultations/2/", "尾页": "http://site/consultations/3/"}
    assert pager("consultations/2") == {
        "首页": "http://site/consultations/",
        "上一页": "http://site/consultations/",
        "下一页": "http://site/consultations/3/",
        "尾页": "http://site/consultations/3/",
    }
    assert set(pager("consultations/3")) == {"首页", "上一页"}
    assert parsed(public, "consultations/2").css_first('nav [aria-current="page"]').text() == "第 2 页"


def test_interpretations_are_listed_newest_first_on_one_page(public: Path) -> None:
    tree = parsed(public, "interpretations")
    assert titles(tree) == ["解读第2篇", "解读第1篇", "解读第0篇"]
    assert tree.css_first("nav.disclosure-pager") is None
    assert tree.css_first("h1").text() == "政策解读"


def test_the_columns_are_tabs_and_the_home_page_links_them(public: Path) -> None:
    home = LexborHTMLParser((public / "index.html").read_text("utf-8"))
    tabs = [a.text().strip() for a in home.css(".md-tabs__link")]
    assert tabs[:4] == ["首页", "组织机构", "政策解读", "征求意见"]
    more = {a.text(): a.attributes["href"] for a in home.css(".disclosure-home__more a")}
    assert more["全部征求意见 ›"] == "consultations/" and more["全部政策解读 ›"] == "interpretations/"
    # The newest list (the consultations that closed most recently) says they are closed.
    newest = [li.css_first(".disclosure-list__until").text() for li in home.css("#newest + ul > li")]
    assert len(newest) == 12 and all(state.startswith("已截止 ") for state in newest)
    open_now = [li.css_first(".disclosure-list__until").text() for li in home.css("#consultations + ul > li")]
    assert open_now and all(state.startswith("截止 ") for state in open_now)


def test_a_column_holds_only_what_its_build_may_show(public: Path, party: Path) -> None:
    for page in ("consultations", "consultations/2", "consultations/3", "interpretations"):
        assert "canary" not in (public / page / "index.html").read_text("utf-8")
    assert "党内征求意见canary" in titles(parsed(party, "consultations"))
    assert "党内解读canary" in titles(parsed(party, "interpretations"))
    # And it is counted only where it is shown.
    assert "共 121 项" in parsed(party, "consultations").css_first(".disclosure-column__intro").text()
