"""`disclose check` attacked: whatever some build would leak or trip over must fail check first.

Written as an attacker would: a public page names a hidden item in every way a link can be
written or disguised; references cross organizations, scopes and lifecycles; two files
claim one address.  Each case goes through load_site + validate exactly as `check` does
(audience-independent, every build at once), some through the CLI itself, and the
clock-advance case through `prepare`, as a build does.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import CLOCK, SiteWriter

from site_plugins.load import load_site
from site_plugins.model import Problem
from site_plugins.prepare import prepare
from site_plugins.rules import RESERVED_PATHS, reserved_by, validate

HIDDEN = "content/region/2026/xunshi-zhenggai.md"
PUBLIC = "content/region/2026/gongkai.md"


def check(site: SiteWriter, clock: dt.date = CLOCK) -> list[Problem]:
    return validate(load_site(site.root), clock, warnings=True, every_build=True)


def lines(site: SiteWriter) -> list[str]:
    return [str(p) for p in check(site)]


def line_of(site: SiteWriter, rel: str, text: str) -> int:
    found = (site.root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(found, 1) if text in line)


def cli_check(site: SiteWriter) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC).timestamp()))}
    return subprocess.run(
        [str(Path(sys.executable).parent / "disclose"), "--root", str(site.root), "check", "--no-cache"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture
def hidden(site: SiteWriter) -> SiteWriter:
    """A party item with two attachments, beside which public pages will try to name it."""
    site.item(
        "region/2026/xunshi-zhenggai.md",
        entry="party-long",
        title="党内整改方案",
        attachments=["neibu-tongbao.pdf", "neibu-tu.png"],
    )
    site.write("content/region/2026/neibu-tongbao.pdf", b"%PDF-1.4 party only")
    site.write("content/region/2026/neibu-tu.png", b"\x89PNG party only")
    site.item("region/2026/gongkai-b.md", title="另一项公开事项")
    return site


# ---------------------------------------------------------------- every way of writing the address

LINK_FORMS = {
    "markdown link to the file": "见[整改](xunshi-zhenggai.md)。",
    "link with an anchor": "见[整改](xunshi-zhenggai.md#part-2)。",
    "relative directory URL": "见[整改](../2026/xunshi-zhenggai/)。",
    "root-relative URL": "见[整改](/region/2026/xunshi-zhenggai/)。",
    "absolute URL of the public site": "见[整改](https://dwgk.example.gov.cn/region/2026/xunshi-zhenggai/)。",
    "absolute URL of the intranet host": "见[整改](http://dwgk.dj.nmg/region/2026/xunshi-zhenggai/)。",
    "html page name": "见 xunshi-zhenggai.html 。",
    "raw html unquoted": "见<a href=../2026/xunshi-zhenggai/>整改</a>。",
    "raw html in capitals": "见<A HREF=../2026/XUNSHI-ZHENGGAI/>整改</A>。",
    "markdown backslash escape": "见[整改](xunshi\\-zhenggai.md)。",
    "decimal entity": '见<a href="xunshi&#45;zhenggai/">整改</a>。',
    "decimal entity without semicolon": '见<a href="xunshi&#45zhenggai/">整改</a>。',
    "hexadecimal entity": '见<a href="&#x78;unshi-zhenggai/">整改</a>。',
    "percent-encoding": "见[整改](xunshi%2Dzhenggai.md)。",
    "double percent-encoding": "见[整改](xunshi%252Dzhenggai.md)。",
    "entity spelling a percent-encoding": '见<a href="xunshi&#37;2Dzhenggai/">整改</a>。',
    "reference-style definition": "[r]: ../2026/xunshi-zhenggai/",
    "autolink": "<http://dwgk.dj.nmg/region/2026/xunshi-zhenggai/>",
    "plain text": "内部方案编号 xunshi-zhenggai，请勿外传。",
    "bold with underscores": "见 __xunshi-zhenggai__ 。",
    "inline code": "见 `xunshi-zhenggai` 。",
}


@pytest.mark.parametrize("form", sorted(LINK_FORMS))
def test_every_way_of_writing_a_hidden_items_address_is_an_error_at_its_line(hidden: SiteWriter, form: str) -> None:
    written = LINK_FORMS[form]
    body = f"正文第一段。\n\n{written}\n" + ("\n见[整改][r]。\n" if form.startswith("reference") else "")
    hidden.item("region/2026/gongkai.md", body=body)
    found = lines(hidden)
    line = line_of(hidden, PUBLIC, written)
    expected = (
        f"{PUBLIC}:{line}: mentions 'xunshi-zhenggai', the address of {HIDDEN} (party), which not every "
        "reader of this page may see [Art. 15] — remove it, or link only to items at least as widely visible"
    )
    assert len(found) == 1 and found[0].startswith(expected), found


ATTACHMENT_FORMS = {
    "markdown link": "附件：[通报](neibu-tongbao.pdf)",
    "image": "![图](neibu-tu.png)",
    "img srcset": '<img src="x.png" srcset="x.png 1x, ../2026/neibu-tu.png 2x">',
    "object data": '<object data="neibu-tongbao.pdf" type="application/pdf"></object>',
    "plain name in capitals": "附件 NEIBU-TONGBAO.PDF。",
    "name ending a sentence with a dot": "See neibu-tongbao.pdf.",
    "percent-encoded": "[通报](neibu%2Dtongbao%2Epdf)",
    "followed by another extension": "<./&#110eibu-tongbao.pdf.md>",
    "inside a longer dotted name": "[通报](neibu-tongbao.pdf.bak.zip)",
}


@pytest.mark.parametrize("form", sorted(ATTACHMENT_FORMS))
def test_every_way_of_naming_a_hidden_attachment_is_an_error(hidden: SiteWriter, form: str) -> None:
    written = ATTACHMENT_FORMS[form]
    hidden.item("region/2026/gongkai.md", body=f"正文。\n\n{written}\n")
    found = lines(hidden)
    name = "neibu-tu.png" if "tu" in written else "neibu-tongbao.pdf"
    assert len(found) == 1, found
    assert found[0].startswith(
        f"{PUBLIC}:{line_of(hidden, PUBLIC, written)}: mentions '{name}', an attachment of {HIDDEN} (party)"
    )


def test_a_chinese_file_name_is_caught_where_it_is_written_as_an_address(site: SiteWriter) -> None:
    site.item("region/2026/主题党日活动安排.md", entry="party-long")
    site.item(
        "region/2026/gongkai.md",
        body="活动安排见[此处](主题党日活动安排.md)。\n\n"
        "或 /region/2026/%E4%B8%BB%E9%A2%98%E5%85%9A%E6%97%A5%E6%B4%BB%E5%8A%A8%E5%AE%89%E6%8E%92/\n\n"
        "本月主题党日活动安排如下。\n",
    )
    found = lines(site)
    assert [p.split(":")[1] for p in found] == [
        str(line_of(site, PUBLIC, "此处")),
        str(line_of(site, PUBLIC, "%E4")),
    ], found
    assert all("'主题党日活动安排'" in p for p in found)
    # The same words as running text are Chinese, not an address: no problem on that line.


def test_links_to_items_at_least_as_widely_visible_are_fine(hidden: SiteWriter) -> None:
    hidden.item(
        "region/2026/gongkai.md",
        body='见[乙](gongkai-b.md)、[外部](https://www.12371.cn/)、<a href="../2026/gongkai-b/#x">乙</a>、2026年。\n',
    )
    hidden.item(
        "region/2026/dangnei.md",
        entry="party-long",
        body="党内页面可以链接[党内方案](xunshi-zhenggai.md)和[附件](neibu-tongbao.pdf)。\n",
    )
    assert lines(hidden) == []


def test_a_build_of_every_audience_is_stopped_by_a_mention_check_reports(hidden: SiteWriter) -> None:
    hidden.item("region/2026/gongkai.md", body="见[整改](xunshi-zhenggai.md)。\n")
    for audience in ("public", "party", "unit:village"):
        prepared = prepare(hidden.root, audience, CLOCK)
        assert prepared.publication is None and any("'xunshi-zhenggai'" in str(p) for p in prepared.problems)


# ---------------------------------------------------------------- who may see both


@pytest.mark.parametrize(
    ("outer", "inner", "sound"),
    [
        (("town", "unit-long", {}), ("soe", "unit-long", {}), False),  # unit of A → unit of unrelated B
        (("village", "unit-long", {}), ("town", "unit-long", {}), True),  # child's unit → parent's unit
        (("town", "unit-long", {}), ("village", "unit-long", {}), False),  # parent's unit → child's unit
        (("region", "spec-now", {"audience": ["village"]}), ("town", "unit-long", {}), True),  # village is within town
        (("region", "spec-now", {"audience": ["village", "soe"]}), ("town", "unit-long", {}), False),
        (("region", "party-long", {}), ("league", "party-long", {}), True),  # party → party
        (("region", "party-long", {}), ("league", "pub-long", {}), True),  # party → public
        (("town", "unit-long", {}), ("league", "party-long", {}), True),  # unit → party
        (("region", "party-long", {}), ("town", "unit-long", {}), False),  # party → unit
        (("region", "pub-long", {}), ("league", "party-long", {}), False),  # public → party
        (
            ("region", "spec-now", {"audience": ["village"]}),
            ("region", "spec-now", {"audience": ["village", "soe"]}),
            True,
        ),
        (
            ("region", "spec-now", {"audience": ["village", "soe"]}),
            ("region", "spec-now", {"audience": ["village"]}),
            False,
        ),
    ],
)
def test_a_mention_is_sound_only_where_every_reader_of_the_page_sees_the_target(
    site: SiteWriter, outer: tuple, inner: tuple, sound: bool
) -> None:
    site.item("t/target-item.md", org=inner[0], entry=inner[1], **inner[2])
    site.item("o/outer-item.md", org=outer[0], entry=outer[1], body="见[它](../t/target-item.md)。\n", **outer[2])
    found = lines(site)
    if sound:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith("content/o/outer-item.md:") and "'target-item'" in found[0], (
            found
        )


def test_a_public_page_may_not_name_a_draft_or_an_item_withdrawn_before_it_was_published(site: SiteWriter) -> None:
    site.item("region/2026/caogao.md", status="draft", approval=None)
    # Withdrawn the day before its date: it was never shown, so it leaves no notice to link to.
    withdrawn = {"on": "2026-03-04", "reason": "发布前撤回"}
    site.item("region/2026/chehui.md", status="withdrawn", withdrawn=withdrawn)
    site.item("region/2026/gongkai.md", body="见 caogao 与 chehui。\n")
    found = lines(site)
    assert len(found) == 2, found
    assert "content/region/2026/caogao.md (public, a draft), which is not published whenever this page is" in found[0]
    assert "content/region/2026/chehui.md (public, withdrawn)" in found[1]


def test_a_page_may_name_a_withdrawn_item_whose_notice_stands_but_not_its_attachments(site: SiteWriter) -> None:
    site.write("content/region/2026/chehui-fujian.pdf", b"%PDF-1.4\n")
    withdrawn = {"on": "2026-04-01", "reason": "内容有误"}
    site.item("region/2026/chehui.md", status="withdrawn", withdrawn=withdrawn, attachments=["chehui-fujian.pdf"])
    site.item("region/2026/gongkai.md", body="见 [撤回说明](chehui.md)。\n")
    assert lines(site) == []
    site.item("region/2026/gongkai.md", body="见 [原附件](chehui-fujian.pdf)。\n")
    found = lines(site)
    assert len(found) == 1 and "'chehui-fujian.pdf'" in found[0] and "its notice has no attachments" in found[0], found


def test_a_page_may_not_name_an_item_under_embargo(site: SiteWriter) -> None:
    site.item("region/2026/weilai.md", date="2026-12-24", title="尚未发布")
    site.item("region/2026/gongkai.md", body="下月将发布 [通知](weilai.md)。\n")
    site.write(
        "content/about.md", "---\ntype: page\nscope: public\ntitle: 关于\n---\n\n见 [通知](region/2026/weilai.md)\n"
    )
    found = lines(site)
    assert len(found) == 2, found
    assert all(
        "(public, published only from 2026-12-24), which is not published whenever this page is" in p for p in found
    )
    # Once the target is out (a later clock), the page and the item may name it.
    assert [str(p) for p in check(site, dt.date(2026, 12, 24))] == []


def test_an_item_embargoed_itself_may_name_an_item_published_before_it(site: SiteWriter) -> None:
    site.item("region/2026/weilai.md", date="2026-12-24")
    site.item("region/2026/gengwan.md", date="2026-12-30", body="依据 weilai。\n")
    site.item("region/2026/gengzao.md", date="2026-12-20", body="依据 weilai。\n")
    found = lines(site)
    assert len(found) == 1 and found[0].startswith("content/region/2026/gengzao.md:"), found


def test_an_old_item_edited_to_name_an_item_published_since_is_fine(site: SiteWriter) -> None:
    # The text as it is now is built from today on, when the target is already out.
    site.item("region/2026/houlai.md", date="2026-06-01")
    site.item("region/2026/zaoxian.md", date="2026-03-05", body="更新：见 [后续](houlai.md)。\n")
    assert lines(site) == []


def test_a_public_page_may_not_outlive_the_item_it_names(site: SiteWriter) -> None:
    site.item("region/2026/gongshi.md", entry="pub-now", expires="2026-12-31", title="任前公示")
    site.item("region/2026/shuoming.md", body="见[公示](gongshi.md)。\n")
    site.item("region/2026/tongqi.md", entry="pub-now", expires="2026-12-31", body="见[公示](gongshi.md)。\n")
    site.item("region/2026/dangnei.md", entry="party-long", body="见[公示](gongshi.md)。\n")  # the archive keeps it
    found = lines(site)
    assert len(found) == 1, found
    assert found[0].startswith("content/region/2026/shuoming.md:")
    assert "(public, leaves the public site after 2026-12-31)" in found[0]
    assert "give this item expires: 2026-12-31 or earlier" in found[0]


# ---------------------------------------------------------------- names shared by several files


def test_a_name_shared_with_a_visible_item_is_judged_by_the_address_written(site: SiteWriter) -> None:
    site.item("league/2026/tongzhi.md", org="league", entry="party-long")  # hidden from the public
    site.item("region/2026/tongzhi.md")  # the same name, public
    site.item("region/2026/a.md", body="见[通知](tongzhi.md)。\n\n编号 tongzhi。\n")
    site.item("region/2026/b.md", body="见[盟里的](../../league/2026/tongzhi/)。\n")
    site.item("region/2026/c.md", body="见 /league/2026/tongzhi/ 。\n")
    found = lines(site)
    assert [p.split(":")[0] for p in found] == ["content/region/2026/b.md", "content/region/2026/c.md"], found
    assert all(
        "content/league/2026/tongzhi.md (party)" in p and "other files are named 'tongzhi' too" in p for p in found
    )


def test_a_folder_name_of_visible_pages_is_no_secret_of_a_hidden_index_page(site: SiteWriter) -> None:
    site.write("content/region/2026/index.md", "---\ntype: page\nscope: party\ntitle: 2026年党内目录\n---\n\n党内。\n")
    site.item("region/2026/b.md")
    site.item("region/2026/a.md", body="2026年见[乙](../2026/b/)。\n")
    site.item("region/c.md", body="见[目录](2026/)。\n")
    found = lines(site)
    assert (
        len(found) == 1
        and found[0].startswith("content/region/c.md:")
        and "'2026', the address of content/region/2026/index.md (party)" in found[0]
    ), found


def test_an_attachment_name_used_twice_is_judged_by_the_address_written(site: SiteWriter) -> None:
    site.item("league/2026/neibu.md", org="league", entry="party-long", attachments=["fujian.pdf"])
    site.write("content/league/2026/fujian.pdf", b"%PDF party")
    site.item(
        "region/2026/gongkai.md",
        attachments=["fujian.pdf"],
        body="[附件](fujian.pdf)\n\n[盟的附件](../../league/2026/fujian.pdf)\n",
    )
    site.write("content/region/2026/fujian.pdf", b"%PDF public")
    found = lines(site)
    assert len(found) == 1 and f"{PUBLIC}:{line_of(site, PUBLIC, '盟的附件')}:" in found[0], found


# ---------------------------------------------------------------- attachments belong to one document


def test_an_attachment_listed_by_two_documents_is_an_error_naming_both(site: SiteWriter) -> None:
    site.item("region/2026/dangnei.md", entry="party-long", attachments=["gongyong.pdf"])
    site.item("region/2026/gongkai.md", attachments=["gongyong.pdf"])
    site.write("content/region/2026/gongyong.pdf", b"%PDF")
    found = lines(site)
    assert len(found) == 1, found
    line = line_of(site, PUBLIC, "attachments")
    assert found[0].startswith(
        f"{PUBLIC}:{line}: attachment 'gongyong.pdf' is also listed by content/region/2026/dangnei.md: "
        "an attachment belongs to exactly one item or page"
    )


# ---------------------------------------------------------------- addresses


TYPE = "is not a document, table, image, audio or video file"  # rules.ATTACHMENT_TYPES: tested on its own


def _only(site: SiteWriter, path: str, *words: str) -> str:
    found = [line for line in lines(site) if TYPE not in line]
    assert len(found) == 1, found
    assert found[0].startswith(path + ":"), found
    for word in words:
        assert word in found[0], found
    return found[0]


def test_x_md_and_x_index_md_collide(site: SiteWriter) -> None:
    site.item("region/x.md")
    site.item("region/x/index.md")
    _only(
        site,
        "content/region/x/index.md",
        "is published at region/x/, the same address as content/region/x.md",
        "rename or move one of the two",
    )


def test_readme_and_index_in_one_folder_collide(site: SiteWriter) -> None:
    site.item("region/x/index.md")
    site.item("region/x/README.md")
    _only(
        site,
        "content/region/x/index.md",
        "the same address as content/region/x/README.md",
        "MkDocs publishes README.md as its folder's index page",
    )


def test_a_lone_readme_is_renamed_index(site: SiteWriter) -> None:
    site.item("region/x/README.md")
    _only(
        site,
        "content/region/x/README.md",
        "this site's links name it region/x/README/",
        "rename it content/region/x/index.md",
    )


def test_a_readme_at_the_top_collides_with_the_generated_home_page(site: SiteWriter) -> None:
    (site.root / "content/index.md").unlink()
    site.write("content/README.md", "---\ntype: page\nscope: public\ntitle: 首页\n---\n\n欢迎。\n")
    _only(site, "content/README.md", "home page", "rename it content/index.md")


@pytest.mark.parametrize(
    ("rel", "reserved"),
    [
        ("orgs.md", "orgs/"),
        ("orgs/region/notes.md", "orgs/"),
        ("Orgs/x.md", "orgs/"),
        ("compliance/2026.md", "compliance/"),
        ("search/index.md", "search/"),
        ("pagefind.md", "pagefind/"),
        ("assets/x.md", "assets/"),
        ("feed.xml.md", "feed.xml"),
        ("sitemap.xml.md", "sitemap.xml"),
    ],
)
def test_a_page_at_a_generated_address_is_an_error(site: SiteWriter, rel: str, reserved: str) -> None:
    site.write(f"content/{rel}", "---\ntype: page\nscope: public\ntitle: 页面\n---\n\n正文。\n")
    _only(site, f"content/{rel}", f"an address the site generates for {RESERVED_PATHS[reserved]} ({reserved})")


@pytest.mark.parametrize(
    ("folder", "name", "reserved"),
    [
        ("", "feed.xml", "feed.xml"),
        ("", "robots.txt", "robots.txt"),
        ("", "404.html", "404.html"),
        ("", "sitemap.xml.gz", "sitemap.xml.gz"),
        ("data", "items.json", "data/items.json"),
        ("data", "catalogs.json", "data/catalogs.json"),
    ],
)
def test_an_attachment_at_a_generated_address_is_an_error(
    site: SiteWriter, folder: str, name: str, reserved: str
) -> None:
    page = f"{folder}/fujian.md" if folder else "index.md"
    site.write(
        f"content/{page}", f"---\ntype: page\nscope: public\ntitle: 附件页\nattachments: [{name}]\n---\n\n正文。\n"
    )
    site.write(f"content/{folder + '/' if folder else ''}{name}", b"x")
    _only(site, f"content/{page}", f"attachment '{name}' is published at", f"({reserved})")


def test_the_reserved_paths_cover_every_file_the_build_generates() -> None:
    for path in (
        "orgs/index.html",
        "orgs/region/index.html",
        "orgs/region/feed.xml",
        "compliance/index.html",
        "compliance/region/2026/index.html",
        "search/index.html",
        "data/items.json",
        "data/catalogs.json",
        "feed.xml",
        "sitemap.xml",
        "sitemap.xml.gz",
        "robots.txt",
        "404.html",
        "pagefind/pagefind.js",
        "assets/javascripts/disclosure.js",
    ):
        assert reserved_by(path), path
    for path in ("index.html", "region/2026/x/index.html", "data/other.csv", "feeds.xml", "organs/index.html"):
        assert reserved_by(path) is None, path


def test_an_attachment_at_the_address_of_a_page_is_an_error(site: SiteWriter) -> None:
    site.write("content/region/x/index.md", "---\ntype: page\nscope: public\ntitle: 页\n---\n\n正文。\n")
    site.item("region/x/a.md", attachments=["index.html"])
    site.write("content/region/x/index.html", b"<p>x</p>")
    found = [line for line in lines(site) if TYPE not in line]
    assert len(found) == 1 and found[0].startswith("content/region/x/index.md:")
    assert "the same address as content/region/x/a.md" in found[0] or "attachment 'index.html'" in found[0], found


def test_an_attachment_where_a_page_needs_a_folder_is_an_error(site: SiteWriter) -> None:
    site.item("region/x/a.md", attachments=["b"])
    site.write("content/region/x/b", b"data")
    site.item("region/x/b.md")
    _only(
        site,
        "content/region/x/a.md",
        "attachment 'b' is published as the file region/x/b, where content/region/x/b.md needs a folder",
    )


def test_two_pages_differing_only_in_case_collide(site: SiteWriter) -> None:
    site.item("region/2026/Tongzhi.md")
    site.item("region/2026/tongzhi.md")
    _only(
        site,
        "content/region/2026/tongzhi.md",
        "differs only in case from region/2026/Tongzhi/ of content/region/2026/Tongzhi.md",
        "Windows and macOS",
    )


def test_two_attachments_differing_only_in_case_collide(site: SiteWriter) -> None:
    site.item("region/2026/a.md", attachments=["Report.pdf"])
    site.item("region/2026/b.md", attachments=["report.pdf"])
    site.write("content/region/2026/Report.pdf", b"1")
    site.write("content/region/2026/report.pdf", b"2")
    _only(
        site,
        "content/region/2026/b.md",
        "attachment 'report.pdf' is published at region/2026/report.pdf, which differs only in case",
    )


# ---------------------------------------------------------------- references, and time passing


def test_a_public_item_interpreting_a_party_item_fails_check_but_not_the_party_build(site: SiteWriter) -> None:
    site.item("region/2026/secret.md", entry="party-long", id="secret")
    site.item("region/2026/guide.md", interprets="secret")
    found = lines(site)
    assert (
        len(found) == 1
        and "'interprets' points to content/region/2026/secret.md (party), which not every reader" in found[0]
    )
    result = cli_check(site)
    assert result.returncode == 1 and "content/region/2026/guide.md:" in result.stderr
    assert prepare(site.root, "party", CLOCK).publication is not None
    assert prepare(site.root, "public", CLOCK).publication is None


def test_interpreting_an_expiring_item_is_a_warning_and_check_passes(site: SiteWriter) -> None:
    site.item("region/2026/gongshi.md", entry="pub-now", expires="2026-12-31", id="gongshi")
    site.item("region/2026/jiedu.md", interprets="gongshi")
    line = line_of(site, "content/region/2026/jiedu.md", "interprets:")
    result = cli_check(site)
    assert result.returncode == 0, result.stderr
    assert (
        f"content/region/2026/jiedu.md:{line}: warning: interprets content/region/2026/gongshi.md which expires on "
        "2026-12-31; after that day the public page will no longer link to it [Art. 25]"
    ) in result.stderr
    assert "1 warning(s); they stop nothing." in result.stderr and result.stdout.startswith("ok:")
    site.item("region/2026/broken.md", org="ghost")
    result = cli_check(site)
    assert result.returncode == 1 and "warning: interprets" in result.stderr and "1 warning(s) besides" in result.stderr


def test_a_warning_sorts_hashes_and_prints_with_its_location() -> None:
    warning = Problem("content/a.md", 3, "interprets x", "nothing to do", "Art. 25", warning=True)
    error = Problem("content/a.md", 3, "interprets x", "nothing to do", "Art. 25")
    assert str(warning) == "content/a.md:3: warning: interprets x [Art. 25] — nothing to do"
    assert str(error) == "content/a.md:3: interprets x [Art. 25] — nothing to do"
    assert len({warning, error}) == 2 and sorted([warning, error]) == [error, warning]


@pytest.mark.parametrize("field", ["interprets", "corrects"])
def test_the_clock_passing_an_interpreted_items_expiry_never_breaks_a_build(site: SiteWriter, field: str) -> None:
    from site_plugins.render import View, item_related

    site.item("region/2026/gongshi.md", entry="pub-now", expires="2026-12-31", id="gongshi", title="任前公示")
    site.item("region/2026/jiedu.md", **{field: "gongshi"}, title="公示说明")
    for clock in (dt.date(2026, 12, 30), dt.date(2026, 12, 31), dt.date(2027, 1, 1), dt.date(2027, 6, 1)):
        for audience in ("public", "party"):
            prepared = prepare(site.root, audience, clock)
            assert prepared.publication is not None, (clock, audience, [str(p) for p in prepared.problems])
            assert prepared.problems and all(p.warning for p in prepared.problems)
            pub = prepared.publication
            jiedu = next(d for d in pub.documents if d.id == "region/2026/jiedu")
            related = item_related(jiedu, View(pub, prepared.site.registry))
            expired = clock > dt.date(2026, 12, 31)
            if audience == "public" and expired:
                assert "gongshi" not in pub.by_id() and "region/2026/gongshi" not in pub.paths()
                assert "gongshi/" not in related and "任前公示" not in related
            else:
                assert "gongshi" in pub.by_id() and "任前公示" in related
                assert ("region/2026/gongshi.md" in pub.archived) == expired


# ---------------------------------------------------------------- the audience policy, inverted


def test_readers_are_exactly_the_audiences_may_see_admits() -> None:
    """`audience.readers` asks may_see only where a scope can reach: it must miss no audience."""
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from sitegen import ORGS

    from site_plugins.audience import every_audience, may_see, readers
    from site_plugins.model import Lines, Organization, Registry

    extra = [
        {"id": "other", "name": "另一盟", "kind": "committee", "level": "league", "parent": "region"},
        {
            "id": "other-town",
            "name": "另一镇",
            "kind": "grassroots",
            "level": "township",
            "sector": "township",
            "parent": "other",
        },
    ]
    registry = Registry(
        {
            o["id"]: Organization(
                o["id"], o["name"], o["kind"], o["level"], o.get("sector"), o.get("parent"), Lines("x")
            )
            for o in [*ORGS, *extra]
        }
    )
    ids = list(registry.organizations)

    @settings(max_examples=400, deadline=None)
    @given(
        st.sampled_from(["public", "party", "unit", "specific", "pubic", ""]),
        st.one_of(st.none(), st.sampled_from([*ids, "ghost"])),
        st.lists(st.sampled_from([*ids, "ghost"]), max_size=4),
    )
    def same(scope: str, org: str | None, listed: list[str]) -> None:
        registry._memo.pop("readers", None)
        expected = {a for a in every_audience(registry) if may_see(a, scope, org, tuple(listed), registry)}
        assert readers(scope, org, tuple(listed), registry) == expected
        if scope in ("public", "party"):  # remembered once per site whoever issued it: it must not matter
            assert expected == {a for a in every_audience(registry) if may_see(a, scope, None, (), registry)}

    same()


def test_a_title_naming_a_hidden_item_is_an_error_at_the_title_line(hidden: SiteWriter) -> None:
    hidden.item("region/2026/gongkai.md", title="关于 xunshi-zhenggai 的说明")
    found = lines(hidden)
    assert len(found) == 1 and found[0].startswith(
        f"{PUBLIC}:{line_of(hidden, PUBLIC, 'title:')}: mentions 'xunshi-zhenggai'"
    ), found


def test_check_with_a_source_date_epoch_that_is_no_time_is_one_clear_line(site: SiteWriter) -> None:
    # check judges from the build clock on, so it reads SOURCE_DATE_EPOCH like a build does.
    result = subprocess.run(
        [str(Path(sys.executable).parent / "disclose"), "--root", str(site.root), "check", "--no-cache"],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"},
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "SOURCE_DATE_EPOCH is 'yesterday'" in result.stderr and " — " in result.stderr


@pytest.mark.parametrize("name", ["evil.svg", "note.html", "page.xhtml", "run.js", "data.xml", "noextension"])
def test_an_attachment_a_browser_would_run_is_an_error(site: SiteWriter, name: str) -> None:
    """Found by the black-box review: an SVG or HTML attachment ran script on the public host."""
    site.item("region/a.md", attachments=[name])
    site.write(f"content/region/{name}", b"<svg onload=alert(1)>")
    found = lines(site)
    assert len(found) == 1 and found[0].startswith("content/region/a.md:") and TYPE in found[0], found
