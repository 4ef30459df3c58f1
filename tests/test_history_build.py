"""Real builds of an item's later life (issue 14): withdrawal notices, change notes, redirects.

One small site holds every case, built for public, party and one unit through the real CLI
path; every output file is searched (gzip decompressed, the search index decoded) for
what must not be there.  Each hidden case carries canary words in its title, body,
reason and file names, so a leak is found whichever output it reached.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from sitegen import SiteWriter, build, output_text

from site_plugins.load import load_site
from site_plugins.rules import validate

ATOM = "{http://www.w3.org/2005/Atom}"

# A public item, published and then withdrawn: its notice stands in every build.
PUBLIC_WITHDRAWN = "region/2026/chehui-gonggao.md"
# A party item withdrawn: its notice only in intranet builds; nothing of it in public.
PARTY_WITHDRAWN = "region/2026/zqpartywithdrawncanary.md"
# A unit item of the banner withdrawn: its notice only in the builds of the banner's area.
UNIT_WITHDRAWN = "banner/2026/zqunitwithdrawncanary.md"
# Withdrawn before its date came: never shown, so it leaves nothing anywhere.
NEVER_PUBLISHED = "region/2026/zqneverpublishedcanary.md"
# Expired, then withdrawn: the public site had already dropped it; the intranet archive keeps a notice.
EXPIRED_WITHDRAWN = "region/2026/zqexpiredwithdrawncanary.md"
CHANGED = "region/2026/xiugai.md"
MOVED = "region/2026/banjia.md"
PARTY_MOVED = "region/2026/dangnei-banjia.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteWriter:
    site = SiteWriter(tmp_path_factory.mktemp("history") / "src")
    site.write("content/region/2026/chehui-fujian.pdf", b"%PDF-1.4 zqwithdrawnattachmentcanary\n")
    site.item(
        PUBLIC_WITHDRAWN,
        title="关于调整议事规则的公告",
        body="zqwithdrawnbodycanary 原公告正文。\n",
        attachments=["chehui-fujian.pdf"],
        status="withdrawn",
        withdrawn={"on": "2026-04-01", "reason": "公告内容有误 <script>alert('撤回')</script> & 已更正"},
    )
    site.item(
        "region/2026/gengzheng.md",
        title="关于调整议事规则的更正公告",
        corrects=PUBLIC_WITHDRAWN[:-3],
        date="2026-04-02",
    )
    site.item(
        PARTY_WITHDRAWN,
        entry="party-long",
        title="党内撤回 zqpartytitlecanary",
        body="zqpartybodycanary\n",
        status="withdrawn",
        withdrawn={"on": "2026-04-01", "reason": "党内原因 zqpartyreasoncanary"},
        moved_from=["region/2025/zqpartyoldaddresscanary"],
    )
    site.item(
        UNIT_WITHDRAWN,
        org="banner",
        entry="unit-long",
        title="本单位撤回 zqunittitlecanary",
        status="withdrawn",
        withdrawn={"on": "2026-04-01", "reason": "本单位原因 zqunitreasoncanary"},
    )
    site.item(
        NEVER_PUBLISHED,
        title="未发布即撤回 zqnevertitlecanary",
        date="2026-06-01",
        status="withdrawn",
        withdrawn={"on": "2026-05-20", "reason": "发布前撤回 zqneverreasoncanary"},
    )
    site.item(
        EXPIRED_WITHDRAWN,
        entry="pub-now",
        title="到期后撤回 zqexpiredtitlecanary",
        expires="2026-03-20",
        status="withdrawn",
        withdrawn={"on": "2026-04-01", "reason": "到期后撤回 zqexpiredreasoncanary"},
    )
    site.item(
        CHANGED,
        title="修改过的事项",
        body="修改后的正文。\n",
        changes=[
            {"on": "2026-05-01", "note": "补充第二部分"},
            {"on": "2026-06-10", "note": "更正联系电话 <b>不是标签</b>"},
        ],
    )
    site.item(MOVED, title="搬家的事项", moved_from=["region/2025/jiu-dizhi", "region/2025/geng-jiu/"])
    site.item(
        PARTY_MOVED, entry="party-long", title="党内搬家的事项", moved_from=["region/2025/zqpartymovedfromcanary"]
    )
    assert [str(p) for p in validate(load_site(site.root), warnings=True, every_build=True)] == []
    return site


@pytest.fixture(scope="module")
def built(site: SiteWriter) -> dict[str, Path]:
    return {audience: build(site.root, audience) for audience in ("public", "party", "unit:banner", "unit:soe")}


@pytest.fixture(scope="module")
def texts(built: dict[str, Path]) -> dict[str, dict[str, str]]:
    return {audience: output_text(out) for audience, out in built.items()}


def page(out: Path, rel: str) -> str:
    return (out / rel[:-3] / "index.html").read_text(encoding="utf-8")


def article(html: str) -> LexborHTMLParser:
    tree = LexborHTMLParser(html)
    node = tree.css_first("article")
    assert node is not None
    return LexborHTMLParser(node.html or "")


# ------------------------------------------------------------------ withdrawal notices


def test_a_withdrawn_items_address_shows_its_notice_without_body_or_attachments(built: dict[str, Path]) -> None:
    for audience in ("public", "party"):
        html = page(built[audience], PUBLIC_WITHDRAWN)
        shown = " ".join(article(html).text(separator=" ").split())
        assert "关于调整议事规则的公告" in shown
        assert "本事项已于 2026-04-01 撤回" in shown
        assert "测试自治区党委" in shown and "2026-03-05" in shown  # organization and publication date
        assert "zqwithdrawnbodycanary" not in html and "chehui-fujian" not in html
        assert not (built[audience] / "region/2026/chehui-fujian.pdf").exists()
        assert "<title>已撤回：关于调整议事规则的公告 - " in html


def test_a_withdrawal_reason_holding_html_is_shown_as_text(built: dict[str, Path]) -> None:
    html = page(built["public"], PUBLIC_WITHDRAWN)
    tree = LexborHTMLParser(html)
    reason = tree.css_first(".disclosure-withdrawn-reason")
    assert reason is not None and reason.text() == "公告内容有误 <script>alert('撤回')</script> & 已更正"
    assert not [s for s in tree.css("script") if "撤回" in (s.text() or "")]


def test_a_correction_and_its_withdrawn_target_link_each_other(built: dict[str, Path]) -> None:
    for out in built.values():
        correction = page(out, "region/2026/gengzheng.md")
        assert 'href="../chehui-gonggao/"' in correction
        notice = article(page(out, PUBLIC_WITHDRAWN))
        (listed,) = notice.css(".disclosure-corrects-by a")
        assert listed.attributes["href"] == "../gengzheng/" and listed.text() == "关于调整议事规则的更正公告"


def test_a_notice_is_in_the_feeds_as_withdrawn_and_in_the_open_data(built: dict[str, Path]) -> None:
    out = built["public"]
    for feed in ("feed.xml", "orgs/region/feed.xml"):
        root = ET.fromstring((out / feed).read_bytes())
        entry = next(e for e in root.findall(f"{ATOM}entry") if "chehui-gonggao" in e.findtext(f"{ATOM}id", ""))
        assert entry.findtext(f"{ATOM}title") == "【已撤回】关于调整议事规则的公告"
        assert entry.findtext(f"{ATOM}updated") == "2026-04-01T00:00:00+08:00"
        assert entry.findtext(f"{ATOM}published") == "2026-03-05T00:00:00+08:00"
        assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {"public", "withdrawn"}
        assert "撤回原因：公告内容有误" in entry.findtext(f"{ATOM}summary", "")
    items = {i["id"]: i for i in json.loads((out / "data/items.json").read_text("utf-8"))["items"]}
    assert items[PUBLIC_WITHDRAWN[:-3]]["withdrawn"] == {
        "on": "2026-04-01",
        "reason": "公告内容有误 <script>alert('撤回')</script> & 已更正",
    }
    assert items["region/2026/gengzheng"]["corrects"] == PUBLIC_WITHDRAWN[:-3]


def test_a_notice_is_in_the_sitemap_dated_by_its_withdrawal_and_out_of_search(built: dict[str, Path]) -> None:
    out = built["public"]
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    entry = re.search(r"<url>\s*<loc>[^<]*chehui-gonggao/</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap)
    assert entry is not None and entry.group(1) == "2026-04-01"
    assert "data-pagefind-body" not in page(out, PUBLIC_WITHDRAWN)  # only item bodies are indexed
    index = "\n".join(text for rel, text in output_text(out).items() if rel.startswith("pagefind/"))
    assert "议事规则的公告" not in index.replace("议事规则的更正公告", "")


def test_nothing_of_a_party_items_withdrawal_reaches_the_public_build(texts: dict[str, dict[str, str]]) -> None:
    public = texts["public"]
    blob, names = "\n".join(public.values()), "\n".join(public)
    for canary in ("zqpartywithdrawncanary", "zqpartytitlecanary", "zqpartybodycanary", "zqpartyreasoncanary"):
        assert canary not in blob and canary not in names, canary
    # …nor its old address: a redirect is published only where its item is seen.
    assert "zqpartyoldaddresscanary" not in blob and "zqpartyoldaddresscanary" not in names
    party = "\n".join(texts["party"].values())
    assert "zqpartytitlecanary" in party and "zqpartyreasoncanary" in party and "zqpartybodycanary" not in party


def test_a_unit_items_notice_is_only_in_the_builds_of_its_area(texts: dict[str, dict[str, str]]) -> None:
    for audience, seen in (("public", False), ("party", False), ("unit:soe", False), ("unit:banner", True)):
        blob = "\n".join(texts[audience].values()) + "\n".join(texts[audience])
        for canary in ("zqunitwithdrawncanary", "zqunittitlecanary", "zqunitreasoncanary"):
            assert (canary in blob) is seen, (audience, canary)


def test_an_item_withdrawn_before_it_was_published_leaves_nothing_in_any_build(
    texts: dict[str, dict[str, str]],
) -> None:
    for audience, files in texts.items():
        blob, names = "\n".join(files.values()), "\n".join(files)
        for canary in ("zqneverpublishedcanary", "zqnevertitlecanary", "zqneverreasoncanary"):
            assert canary not in blob and canary not in names, (audience, canary)


def test_an_item_that_expired_before_its_withdrawal_leaves_a_notice_in_the_intranet_only(
    built: dict[str, Path], texts: dict[str, dict[str, str]]
) -> None:
    public = "\n".join(texts["public"].values()) + "\n".join(texts["public"])
    assert "zqexpiredtitlecanary" not in public and "zqexpiredwithdrawncanary" not in public
    assert "到期后撤回 zqexpiredreasoncanary" in page(built["party"], EXPIRED_WITHDRAWN)


# ------------------------------------------------------------------ change notes


def test_a_changed_item_shows_its_newest_change_as_its_update_day_and_every_note(built: dict[str, Path]) -> None:
    tree = article(page(built["public"], CHANGED))
    panel = {
        dt.text(): dd.text()
        for div in tree.css("dl.disclosure-meta > div")
        if (dt := div.css_first("dt")) is not None and (dd := div.css_first("dd")) is not None
    }
    assert panel["发布日期"] == "2026-03-05" and panel["更新日期"] == "2026-06-10"
    assert tree.css_first("h2#changes").text() == "更新记录"
    notes = [li.text(separator=" ") for li in tree.css("ol.disclosure-changes li")]
    assert notes == ["2026-06-10 　更正联系电话 <b>不是标签</b>", "2026-05-01 　补充第二部分", "2026-03-05 　首次发布"]
    assert not tree.css("ol.disclosure-changes b")  # a note is text


def test_a_changed_item_is_an_updated_entry_in_the_feeds_and_dated_so_in_sitemap_and_data(
    built: dict[str, Path],
) -> None:
    out = built["public"]
    root = ET.fromstring((out / "feed.xml").read_bytes())
    first = root.findall(f"{ATOM}entry")[0]  # the most recently changed comes first
    assert first.findtext(f"{ATOM}id", "").endswith("/region/2026/xiugai/")
    assert first.findtext(f"{ATOM}updated") == "2026-06-10T00:00:00+08:00"
    assert first.findtext(f"{ATOM}published") == "2026-03-05T00:00:00+08:00"
    assert first.findtext(f"{ATOM}summary") == "2026-06-10 更新：更正联系电话 <b>不是标签</b>"
    assert root.findtext(f"{ATOM}updated") == "2026-06-10T00:00:00+08:00"
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert re.search(r"xiugai/</loc>\s*<lastmod>2026-06-10</lastmod>", sitemap)
    items = {i["id"]: i for i in json.loads((out / "data/items.json").read_text("utf-8"))["items"]}
    assert items[CHANGED[:-3]]["updated"] == "2026-06-10"
    assert [c["on"] for c in items[CHANGED[:-3]]["changes"]] == ["2026-06-10", "2026-05-01"]


def test_change_notes_are_not_searched_as_the_items_words(built: dict[str, Path]) -> None:
    from site_plugins.plugins.search_pages import EXCLUDED

    assert {"#changes", ".disclosure-changes"} <= set(EXCLUDED)
    index = "\n".join(t for rel, t in output_text(built["public"]).items() if rel.startswith("pagefind/"))
    assert "修改后的正文" in index  # the body is indexed…
    assert "联系电话" not in index and "补充第二部分" not in index and "更新记录" not in index  # …the notes are not


# ------------------------------------------------------------------ redirects


def test_an_old_address_is_a_redirect_page_to_the_moved_item(built: dict[str, Path]) -> None:
    for audience, old in (("public", "region/2025/jiu-dizhi/"), ("party", "region/2025/geng-jiu/")):
        html = (built[audience] / old / "index.html").read_text("utf-8")
        tree = LexborHTMLParser(html)
        refresh = tree.css_first('meta[http-equiv="refresh"]')
        assert refresh is not None and refresh.attributes["content"] == "0; url=../../2026/banjia/"
        canonical = tree.css_first('link[rel="canonical"]')
        assert canonical is not None and canonical.attributes["href"].endswith("/region/2026/banjia/")
        link = tree.css_first("main a")
        assert link is not None and link.attributes["href"] == "../../2026/banjia/" and link.text() == "搬家的事项"
        assert tree.css_first("html").attributes["lang"] == "zh-CN"


def test_a_redirect_is_in_neither_the_sitemap_nor_the_search_index(built: dict[str, Path]) -> None:
    for audience in ("public", "party"):
        files = output_text(built[audience])
        assert "jiu-dizhi" not in files["sitemap.xml"] and "geng-jiu" not in files["sitemap.xml"]
        assert not [rel for rel, text in files.items() if rel.startswith("pagefind/") and "jiu-dizhi" in text]


def test_a_redirect_in_an_intranet_build_is_marked_and_kept_from_search_engines(built: dict[str, Path]) -> None:
    html = (built["party"] / "region/2025/jiu-dizhi/index.html").read_text("utf-8")
    assert "党内资料 注意保密" in html and '<meta name="robots" content="noindex, nofollow">' in html
    assert "<title>页面已迁移：搬家的事项 - " in html and "·党内版</title>" in html
    public = (built["public"] / "region/2025/jiu-dizhi/index.html").read_text("utf-8")
    assert "党内资料" not in public and "noindex" not in public


def test_a_party_items_old_address_redirects_only_in_intranet_builds(built: dict[str, Path]) -> None:
    assert not (built["public"] / "region/2025/zqpartymovedfromcanary").exists()
    public = output_text(built["public"])
    assert not [rel for rel, text in public.items() if "zqpartymovedfromcanary" in rel + text]
    assert (built["party"] / "region/2025/zqpartymovedfromcanary/index.html").is_file()
    assert (built["unit:soe"] / "region/2025/zqpartymovedfromcanary/index.html").is_file()


def test_a_withdrawn_items_old_address_leads_to_its_notice_where_the_notice_stands(built: dict[str, Path]) -> None:
    html = (built["party"] / "region/2025/zqpartyoldaddresscanary/index.html").read_text("utf-8")
    assert 'url=../../2026/zqpartywithdrawncanary/"' in html


def test_moved_from_taking_a_party_items_address_stops_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    site = SiteWriter(tmp_path / "src")
    site.item("region/2026/neibu.md", entry="party-long", title="党内事项")
    site.item("region/2026/gongkai.md", title="公开事项", moved_from=["region/2026/neibu"])
    with pytest.raises(AssertionError, match="moved_from lists region/2026/neibu, the address /region/2026/neibu/"):
        build(site.root, "public")
    assert not (site.root / "site" / "public").exists()


def test_a_hidden_items_old_address_shown_on_a_public_page_stops_the_build(tmp_path: Path) -> None:
    """check knows current addresses only; the output check also watches hidden items' old ones."""
    site = SiteWriter(tmp_path / "src")
    site.item("region/2026/dangnei.md", entry="party-long", moved_from=["region/2025/zqoldpartyname"])
    site.item("region/2026/gongkai.md", body="原党内通知见 region/2025/zqoldpartyname 。\n")
    with pytest.raises(AssertionError, match="the page shows 'zqoldpartyname'"):
        build(site.root, "public")
    assert not (site.root / "site" / "public").exists()
    assert build(site.root, "party").is_dir()  # there the old address is the party item's redirect


def test_a_public_page_may_name_an_old_address_its_build_redirects(tmp_path: Path) -> None:
    site = SiteWriter(tmp_path / "src")
    site.item("region/2026/xin.md", title="新址", moved_from=["region/2025/zqsharedoldname"])
    site.item("region/2026/dangnei.md", entry="party-long", moved_from=["region/2024/zqsharedoldname"])
    site.item(
        "region/2026/gongkai.md", body="旧地址 [region/2025/zqsharedoldname](../../2025/zqsharedoldname/) 仍可访问。\n"
    )
    out = build(site.root, "public")
    assert (out / "region/2025/zqsharedoldname/index.html").is_file()
    assert not (out / "region/2024/zqsharedoldname").exists()


def test_an_organizations_page_lists_the_withdrawn_items_its_build_shows_notices_of(built: dict[str, Path]) -> None:
    def listed(audience: str) -> dict[str, str]:
        html = (built[audience] / "orgs/region/index.html").read_text(encoding="utf-8")
        section = article(html).css_first(".disclosure-withdrawn-list")
        if section is None:
            return {}
        return {a.text(): a.attributes["href"] or "" for a in section.css("a")}

    public = listed("public")
    assert public == {"关于调整议事规则的公告": "../../region/2026/chehui-gonggao/"}
    html = (built["public"] / "orgs/region/index.html").read_text(encoding="utf-8")
    assert "2026-03-05 发布，2026-04-01 撤回" in " ".join(article(html).text(separator=" ").split())
    party = listed("party")
    # The intranet shows the party item's notice and the expired one's (its archive kept it).
    assert set(party) == {"关于调整议事规则的公告", "党内撤回 zqpartytitlecanary", "到期后撤回 zqexpiredtitlecanary"}
    assert "未发布即撤回 zqnevertitlecanary" not in party
