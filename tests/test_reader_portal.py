"""The readers' portal pages (issue 11, points 2 and 9), read from real builds with an HTML parser.

Breadcrumbs on item, organization and index pages; the item's metadata as a record of
labels and values; attachments with their type, images in the page; the home page's
listings (newest items, open consultations, interpretations) holding only what the build
shows; the organization index as a plain tree; the Chinese 404 page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode
from sitegen import SiteWriter, build, copy_sample

from site_plugins.render.view import file_size


def page(out: Path, url: str) -> LexborHTMLParser:
    return LexborHTMLParser((out / url / "index.html").read_text("utf-8"))


def text(node: LexborNode | None) -> str:
    assert node is not None
    return node.text(deep=True).strip()


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> SiteWriter:
    site = SiteWriter(tmp_path_factory.mktemp("portal") / "site-src")
    (site.root / "content/index.md").unlink()  # the home page is generated
    site.write("content/region/2026/tongbao.pdf", b"%PDF-1.4\n".ljust(9_830 - 6, b"%") + b"\n%%EOF")  # 9.6 KB
    site.write("content/region/2026/jiagou.png", b"\x89PNG\r\n\x1a\n")
    site.item(
        "region/2026/policy.md",
        id="policy",
        title="关于规范党务公开目录管理的通知",
        date="2026-03-05",
        attachments=["tongbao.pdf", "jiagou.png"],
    )
    site.item("region/2026/explain.md", title="一图读懂目录管理", interprets="policy", date="2026-03-06")
    site.item(
        "league/2026/consult.md",
        org="league",
        title="关于草原保护的征求意见稿",
        date="2026-11-01",
        consultation={"until": "2026-12-31", "channel": "信箱"},
    )
    site.item(
        "league/2026/closed.md",
        org="league",
        title="已截止的征求意见稿",
        date="2026-05-01",
        consultation={"until": "2026-06-30", "channel": "信箱"},
    )
    site.item("town/2026/party.md", org="town", entry="party-long", title="镇党内事项", date="2026-11-10")
    return site


@pytest.fixture(scope="module")
def public(region: SiteWriter) -> Path:
    return build(region.root, "public")


@pytest.fixture(scope="module")
def party(region: SiteWriter) -> Path:
    return build(region.root, "party")


def crumbs(tree: LexborHTMLParser) -> list[str]:
    return [text(li) for li in tree.css(".disclosure-breadcrumbs li")]


def test_an_item_page_shows_where_it_is_from_home_to_itself(public: Path) -> None:
    tree = page(public, "region/2026/policy")
    assert crumbs(tree) == ["首页", "组织机构", "测试自治区党委", "关于规范党务公开目录管理的通知"]
    links = [a.attributes["href"] for a in tree.css(".disclosure-breadcrumbs a")]
    assert links == ["../../../", "../../../orgs/", "../../../orgs/region/"]
    assert text(tree.css_first(".disclosure-breadcrumbs [aria-current=page]")) == "关于规范党务公开目录管理的通知"
    assert text(tree.css_first("article h1")) == "关于规范党务公开目录管理的通知"
    assert len(tree.css("article h1")) == 1


def test_organization_pages_and_the_index_show_where_they_are(public: Path) -> None:
    assert crumbs(page(public, "orgs/town")) == [
        "首页",
        "组织机构",
        "测试自治区党委",
        "测试盟委",
        "测试旗委",
        "测试镇党委",
    ]
    assert crumbs(page(public, "orgs")) == ["首页", "组织机构"]


def test_the_metadata_panel_keeps_each_label_apart_from_its_value(public: Path) -> None:
    panel = page(public, "region/2026/policy").css_first("dl.disclosure-meta")
    facts = {text(div.css_first("dt")): text(div.css_first("dd")) for div in panel.css("dl.disclosure-meta > div")}
    assert list(facts)[:3] == ["索引号", "发布机构", "发布日期"]
    assert facts["索引号"] == "policy"
    assert facts["发布机构"] == "测试自治区党委"
    assert facts["公开范围"] == "向社会公开"
    assert facts["公开时限"] == "长期公开"
    assert facts["发布日期"] == "2026-03-05"
    # The organization page's facts the same way: no '上级组织—' or '公开目录2026-01-15' run together.
    org = page(public, "orgs/league").css_first("dl.disclosure-org")
    org_facts = {text(div.css_first("dt")): text(div.css_first("dd")) for div in org.css("dl.disclosure-org > div")}
    assert org_facts["上级组织"] == "测试自治区党委"
    assert org_facts["公开目录"].startswith("2026-01-10 讨论通过")


def test_attachments_show_their_type_and_images_show_in_the_page(public: Path) -> None:
    items = page(public, "region/2026/policy").css(".disclosure-attachments > li")
    assert [text(li.css_first("a")) for li in items] == ["tongbao.pdf", "jiagou.png"]
    assert [text(li.css_first(".disclosure-attachment-type")) for li in items] == [
        "PDF 文档，9.6 KB",
        "PNG 图片，8 字节",
    ]
    assert items[0].css_first("img") is None
    image = items[1].css_first("img")
    assert image is not None and image.attributes["src"] == "../jiagou.png" and image.attributes["alt"] == "jiagou.png"


def test_file_sizes_read_as_a_reader_reads_them() -> None:
    sizes = [0, 812, 1023, 1024, 9_830, 10 * 1024, 364_544, 1024**2 - 1, 2_516_582, 3 * 1024**3, 5 * 1024**4]
    assert [file_size(n) for n in sizes] == [
        "0 字节",
        "812 字节",
        "1023 字节",
        "1.0 KB",
        "9.6 KB",
        "10 KB",
        "356 KB",
        "1024 KB",
        "2.4 MB",
        "3.0 GB",
        "5120 GB",
    ]


def listing(tree: LexborHTMLParser, section: str) -> list[str]:
    return [text(li.css_first(".disclosure-list__title a")) for li in tree.css(f"#{section} + ul > li")]


def test_the_home_page_lists_newest_items_consultations_and_interpretations(public: Path) -> None:
    home = LexborHTMLParser((public / "index.html").read_text("utf-8"))
    newest = listing(home, "newest")
    assert newest[0] == "关于草原保护的征求意见稿"  # the newest first
    assert set(newest) >= {"关于规范党务公开目录管理的通知", "一图读懂目录管理", "已截止的征求意见稿"}
    first = home.css_first("#newest + ul > li")
    assert text(first.css_first(".disclosure-list__org")) == "测试盟委"
    assert listing(home, "consultations") == ["关于草原保护的征求意见稿"]  # the closed one is not open
    assert text(home.css_first("#consultations + ul .disclosure-list__until")) == "截止 2026-12-31"
    assert listing(home, "interpretations") == ["一图读懂目录管理"]


def test_the_home_page_lists_only_what_its_build_shows(public: Path, party: Path) -> None:
    assert "镇党内事项" not in (public / "index.html").read_text("utf-8")
    assert "镇党内事项" in listing(LexborHTMLParser((party / "index.html").read_text("utf-8")), "newest")


def test_a_sites_own_home_page_gets_the_listings_above_its_text(tmp_path: Path) -> None:
    out = build(copy_sample(tmp_path / "sample"), "public")
    home = LexborHTMLParser((out / "index.html").read_text("utf-8"))
    assert listing(home, "newest") and listing(home, "consultations") and listing(home, "interpretations")
    article = text(home.css_first("article"))
    assert article.index("最新公开") < article.index("如何查找公开事项")  # the page's own text follows
    assert len(home.css("article h1")) == 1


def test_the_organization_index_is_a_plain_tree_without_links_in_its_toggles(public: Path) -> None:
    tree = page(public, "orgs")
    assert tree.css(".disclosure-tree summary a") == [] and tree.css(".admonition") == []
    top = tree.css_first(".disclosure-tree > li")
    assert text(top.css_first("a")) == "测试自治区党委"
    # The tree stops at the banners: the company under the region is counted and linked …
    assert text(top.css_first("summary")) == "下级组织（1）"
    assert text(top.css_first(".disclosure-tree__more a")) == "测试自治区党委的其他下级组织（1）"
    assert top.css_first(".disclosure-tree__more a").attributes["href"] == "region/"
    # … and the banner's township is its page's to list.
    banner = next(li for li in tree.css(".disclosure-tree li") if text(li.css_first("a")) == "测试旗委")
    assert "下级组织 1 个" in text(banner.css_first("small"))
    assert "测试镇党委" not in tree.css_first(".disclosure-tree").text()


def test_the_404_page_is_chinese_with_search_and_a_way_home(public: Path) -> None:
    tree = LexborHTMLParser((public / "404.html").read_text("utf-8"))
    assert text(tree.css_first("title")).startswith("页面不存在")
    assert text(tree.css_first("article h1")) == "页面不存在"
    assert "Not found" not in tree.html
    form = tree.css_first(".disclosure-not-found form")
    assert form.attributes["action"] == "/search/" and form.css_first("input").attributes["name"] == "q"
    homes = [a.attributes["href"] for a in tree.css(".disclosure-not-found a")]
    assert homes[0] in ("/", "/.") and "/orgs/" in homes
    assert tree.css_first("header form[role=search]") is not None  # the header's search box too
