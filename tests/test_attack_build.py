"""Attacks on the build itself, written as a careless or hostile editor would try them.

Each test names the finding it answers (issue 10).  The defence under test is the design —
publishing from the core's list, the decoy docs_dir, the sanitizer, the output check, the
atomic swap — so each attack is aimed where a weaker defence (a deny-list of what MkDocs
found, a regular expression over the Markdown) let it through.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser
from sitegen import CLOCK_EPOCH, ENGINE_COMMAND, SiteWriter, build, output_text

from site_plugins import verify


def plain_mkdocs(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(root), "SOURCE_DATE_EPOCH": CLOCK_EPOCH, **(env or {})}
    return subprocess.run(
        [*ENGINE_COMMAND, "build", "-q", *args], cwd=root, capture_output=True, text=True, timeout=300, env=environment
    )


def disclose(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )


def everything(site_dir: Path) -> str:
    return "\n".join(f"{name}\n{text}" for name, text in output_text(site_dir).items())


@pytest.fixture
def party_site(site: SiteWriter) -> SiteWriter:
    """A public item and a party item whose slug, title and attachment are canaries."""
    site.write("content/region/mimi-fujian-qzx.pdf", b"%PDF-1.4 partysecretbytes")
    site.item(
        "region/neibu-tongbao-qzx.md",
        entry="party-long",
        title="党内通报甲乙丙",
        attachments=["mimi-fujian-qzx.pdf"],
        body="党内正文丁戊己。",
    )
    site.item("region/gongkai.md", title="公开事项", body="公开正文。")
    return site


PARTY_CANARIES = ("neibu-tongbao-qzx", "党内通报甲乙丙", "mimi-fujian-qzx", "党内正文丁戊己", "partysecretbytes")


# --------------------------------------------------------------------------- no plugin, no content


def without_plugin(root: Path) -> None:
    config = (root / "mkdocs.yml").read_text("utf-8")
    block = re.search(r"^plugins:\n(?:(?:  .*)?\n)+", config, re.M)
    assert block is not None
    (root / "mkdocs.yml").write_text(config.replace(block.group(0), ""), "utf-8")


def test_mkdocs_without_the_plugin_publishes_no_item_attachment_or_catalog(
    party_site: SiteWriter, tmp_path: Path
) -> None:
    """Finding: an engine that ignores our plugin (Zensical) published every page."""
    without_plugin(party_site.root)
    out = tmp_path / "out"
    result = plain_mkdocs(party_site.root, "-d", str(out))
    assert result.returncode == 0, result.stderr
    text = everything(out)
    for canary in (*PARTY_CANARIES, "公开正文", "gongkai", "公开长期事项", "测试自治区党委"):
        assert canary not in text, canary
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert pages == ["404.html", "index.html"], pages
    assert "disclose build" in (out / "index.html").read_text("utf-8")


def test_docs_dir_pointing_at_content_is_refused(party_site: SiteWriter, tmp_path: Path) -> None:
    """Setting docs_dir back to content/ would let any engine without the plugin publish it all."""
    config = party_site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("docs_dir: theme/no-plugin", "docs_dir: content"), "utf-8")
    result = plain_mkdocs(party_site.root, "-d", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "docs_dir" in result.stderr and "theme/no-plugin" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


# --------------------------------------------------------------------------- allow-list


@pytest.mark.parametrize("target", ["../catalogs", "../.git", "/etc"])
def test_a_symlinked_folder_under_content_stops_the_build(party_site: SiteWriter, target: str) -> None:
    """Finding: a symlinked folder under content/ was published whole in the public build."""
    root = party_site.root
    (root / ".git").mkdir(exist_ok=True)
    (root / ".git" / "secret-object").write_text("党内正文丁戊己", "utf-8")
    os.symlink(target, root / "content" / "linked")
    result = disclose(root, "build", "--audience", "public")
    assert result.returncode == 1
    assert "content/linked" in result.stderr
    assert not (root / "site" / "public").exists()


def test_a_file_mkdocs_would_find_on_its_own_is_not_published(party_site: SiteWriter) -> None:
    """Whatever sits in the decoy docs_dir or the theme as Markdown never becomes a page."""
    root = party_site.root
    (root / "theme/no-plugin/leak.md").write_text("# neibu-tongbao-qzx 党内通报甲乙丙\n", "utf-8")
    (root / "theme/no-plugin/leak.pdf").write_bytes(b"partysecretbytes")
    public = build(root, "public")
    text = everything(public)
    for canary in PARTY_CANARIES:
        assert canary not in text, canary
    assert not (public / "leak").exists() and not (public / "leak.pdf").exists()


def test_the_public_build_holds_no_party_canary(party_site: SiteWriter) -> None:
    public = build(party_site.root, "public")
    party = build(party_site.root, "party")
    text = everything(public)
    for canary in PARTY_CANARIES:
        assert canary not in text, canary
    assert "党内通报甲乙丙" in everything(party)
    assert (party / "region/mimi-fujian-qzx.pdf").read_bytes().endswith(b"partysecretbytes")


# --------------------------------------------------------------------------- what MkDocs renders


def test_an_html_comment_in_a_public_item_is_not_published(site: SiteWriter) -> None:
    """Finding: <!-- 审核意见 … --> in a public item was published verbatim."""
    site.item(
        "region/a.md", body="正文。\n\n<!-- 审核意见：张某某认为第二段不宜公开 -->\n\n<p>段落<!--内联批注甲--></p>\n"
    )
    public = build(site.root, "public")
    html = (public / "region/a/index.html").read_text("utf-8")
    assert "审核意见" not in html and "内联批注甲" not in html and "张某某" not in html
    assert "<!--" not in html


@pytest.mark.parametrize(
    "payload",
    [
        '<script>alert("x")</script>',
        "<img src=#x onerror=alert(1)>",
        "<IMG SRC=#x ONERROR=alert(1)>",
        "<svg/onload=alert(1)>",
        '<a href="javascript:alert(1)">点我</a>',
        '<a href="jav&#x09;ascript:alert(1)">点我</a>',
        '<iframe src="https://example.com/"></iframe>',
        '<form action="https://example.com/"><input name=q></form>',
        '<p style="background:url(https://example.com/x.png)">样式</p>',
        '<div onmouseover="alert(1)">悬停</div>',
        "<details open ontoggle=alert(1)>",
        '<object data="https://example.com/x.swf"></object>',
        '<meta http-equiv="refresh" content="0;url=https://example.com/">',
    ],
)
def test_raw_html_in_an_item_is_cleaned_to_the_allowed_set(site: SiteWriter, payload: str) -> None:
    site.item("region/a.md", body=f"正文。\n\n{payload}\n\n结尾。\n")
    public = build(site.root, "public")
    html = (public / "region/a/index.html").read_text("utf-8")
    tree = LexborHTMLParser(html)
    article = tree.css_first("article")
    assert article is not None
    for node in article.traverse(include_text=False):
        attributes = node.attributes or {}
        assert not [a for a in attributes if a.lower().startswith("on")], node.html
        assert node.tag not in ("script", "iframe", "form", "object", "svg", "meta", "input"), node.html
        assert "style" not in attributes, node.html
        assert "javascript" not in (attributes.get("href") or "").lower().replace("\t", ""), node.html
    assert "example.com" not in article.html
    assert "结尾" in article.text()


def test_script_in_a_title_is_text_everywhere(site: SiteWriter) -> None:
    """Finding: <img src=x onerror=…> in a title ran in the header, the <h1> and the <title>."""
    title = '<img src=x onerror=alert(1)>"><script>alert(2)</script>: 标题'
    site.item("region/a.md", title=title)
    public = build(site.root, "public")
    for page in ("region/a/index.html", "orgs/region/index.html", "index.html"):
        html = (public / page).read_text("utf-8")
        tree = LexborHTMLParser(html)
        assert tree.css("img[onerror]") == [] and [s for s in tree.css("script") if "alert" in (s.text() or "")] == []
    tree = LexborHTMLParser((public / "region/a/index.html").read_text("utf-8"))
    assert tree.css_first("title").text().startswith(title)
    assert tree.css_first("article h1").text() == title
    assert title in tree.css_first(".md-header__topic:last-child").text()


def test_a_body_cannot_set_page_meta_data(site: SiteWriter) -> None:
    """The body MkDocs renders is the loader's: a second front matter inside it sets nothing."""
    site.item("region/a.md", body="---\ntemplate: 404.html\ntitle: 伪造标题\n---\n\ntemplate: 404.html\n\n正文。\n")
    public = build(site.root, "public")
    html = (public / "region/a/index.html").read_text("utf-8")
    assert "<title>测试事项 - " in html
    assert "伪造标题" not in LexborHTMLParser(html).css_first("title").text()


# --------------------------------------------------------------------------- the output check


def output(files: set[str], **kwargs) -> verify.Output:  # noqa: ANN003
    return verify.Output(
        root=Path("/nonexistent"),
        files=files,
        own_hosts=frozenset({"dwgk.example.gov.cn"}),
        forbidden_hosts=frozenset({"dwgk.dj.nmg"}),
        **kwargs,
    )


BUILT = {"index.html", "a/b/index.html", "a/c/index.html", "a/file.pdf", "assets/x.css"}


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="../hidden/">x</a>',
        "<A HREF=../hidden/>x</A>",
        "<a href=/a/hidden/>x</a>",
        '<a href="https://dwgk.example.gov.cn/a/hidden/">x</a>',
        '<img srcset="../c/ 1x, ../hidden.png 2x">',
        '<object data="../hidden.pdf"></object>',
        '<video poster="../h.png"></video>',
        '<form action="../h/"></form>',
        '<button formaction="../h/">x</button>',
        '<blockquote cite="../hidden/">q</blockquote>',
        '<meta http-equiv="refresh" content="0; url=../hidden/">',
        "<p style=\"background: url('../hidden.png')\">x</p>",
        "<style>p{background:url(../hidden.png)}</style>",
        '<a href="../hid%64en/">x</a>',
        '<a href="http://dwgk.dj.nmg/x/">x</a>',
        '<img src="https://cdn.example.com/x.png">',
        '<link rel="stylesheet" href="https://fonts.example.com/x.css">',
        '<a href="javascript:alert(1)">x</a>',
        '<p onclick="x()">x</p>',
        "<img/onerror=alert(1) src=x>",
        "<p>a<!-- note --></p>",
        '<a href="../../../../etc/">x</a>',
    ],
)
def test_the_output_check_rejects_what_a_weaker_check_would_miss(markup: str) -> None:
    assert verify.check_page(f"<html><body>{markup}</body></html>", "a/b/index.html", output(BUILT)), markup


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="../c/">x</a>',
        '<a href="../file.pdf">x</a>',
        '<a href="../../">x</a>',
        '<a href="#top">x</a>',
        '<a href="/a/c/">x</a>',
        '<a href="https://dwgk.example.gov.cn/a/c/">x</a>',
        '<a href="https://www.gov.cn/">x</a>',
        '<a href="mailto:dwgk@example.org.cn">x</a>',
        '<link rel="alternate" href="https://www.12371.cn/feed.xml">',
        '<img src="../file.pdf">',
        '<link rel="stylesheet" href="../../assets/x.css">',
        "<p>upon=x 党务公开</p>",
    ],
)
def test_the_output_check_accepts_links_of_the_build(markup: str) -> None:
    assert verify.check_page(f"<html><body>{markup}</body></html>", "a/b/index.html", output(BUILT)) == [], markup


_PATHS = ["index.html", "a/b/index.html", "a/c/index.html", "a/file.pdf", "x/index.html", "y.pdf"]
_NAMES = ["xunshi-2026", "gongshi.pdf", "c", "file"]


@settings(max_examples=300, deadline=None)
@given(
    links=st.lists(st.sampled_from(["../c/", "../file.pdf", "/x/", "../../y.pdf", "../../", "/a/b/"]), max_size=4),
    words=st.lists(st.sampled_from(_NAMES), max_size=3),
    before=st.tuples(st.sets(st.sampled_from(_PATHS)), st.sets(st.sampled_from(_NAMES))),
    after=st.tuples(st.sets(st.sampled_from(_PATHS)), st.sets(st.sampled_from(_NAMES))),
    host=st.sampled_from(["dwgk.example.gov.cn", "other.example.cn"]),
)
def test_a_verdict_that_held_holds_in_every_context_its_context_covers(
    links: list[str], words: list[str], before: tuple, after: tuple, host: str
) -> None:
    """An incremental build does not parse a copied page again when the last build's sealed
    context covers this build's (verify.Context): the page's verdict must then be the same.
    Links come and go with the files, names with the hidden set — only coverage is trusted."""
    page = "<html><body>" + "".join(f'<a href="{u}">x</a>' for u in links) + " ".join(words) + "</body></html>"
    old = output(set(before[0]), hidden_names=frozenset(before[1]))
    new = verify.Output(
        root=Path("/nonexistent"),
        files=set(after[0]),
        own_hosts=frozenset({host}),
        forbidden_hosts=frozenset({"dwgk.dj.nmg"}),
        hidden_names=frozenset(after[1]),
    )
    if verify.Context.of(old).covers(verify.Context.of(new)) and not verify.check_page(page, "a/b/index.html", old):
        assert verify.check_page(page, "a/b/index.html", new) == []


def test_a_context_does_not_cover_one_with_a_file_less_a_name_more_or_another_host() -> None:
    base = verify.Context.of(output(set(BUILT), hidden_names=frozenset({"xunshi-2026"})))
    assert base.covers(verify.Context.of(output(BUILT | {"new/index.html"}, hidden_names=frozenset())))
    assert not base.covers(verify.Context.of(output(BUILT - {"a/c/index.html"}, hidden_names=frozenset())))
    assert not base.covers(verify.Context.of(output(set(BUILT), hidden_names=frozenset({"xunshi-2026", "b"}))))
    other_host = verify.Output(root=Path("/"), files=set(BUILT), hidden_names=frozenset({"xunshi-2026"}))
    assert not base.covers(verify.Context.of(other_host))


def test_a_link_to_a_hidden_item_that_check_missed_stops_the_build(party_site: SiteWriter) -> None:
    """The output check is independent of check's rules: a link they let through still fails the build."""
    root = party_site.root
    (root / "site/public").mkdir(parents=True)
    (root / "site/public/index.html").write_text("yesterday's site", "utf-8")
    # An address no rule could know: composed by the browser-side path of a generated list.
    party_site.item("region/b.md", title="公开事项乙", body="见[通报](../zhe-ge-bu-cun-zai/)。")
    result = disclose(root, "build", "--audience", "public")
    assert result.returncode == 1
    line = (root / "content/region/b.md").read_text("utf-8").splitlines().index("见[通报](../zhe-ge-bu-cun-zai/)。") + 1
    assert f"content/region/b.md:{line}: " in result.stderr and "zhe-ge-bu-cun-zai" in result.stderr, result.stderr
    assert (root / "site/public/index.html").read_text("utf-8") == "yesterday's site"
    assert [p.name for p in (root / "site").iterdir()] == ["public"]  # no temporary folder left


# --------------------------------------------------------------------------- plain mkdocs build is as safe


def test_plain_mkdocs_build_for_the_party_writes_site_party_never_site_public(party_site: SiteWriter) -> None:
    """Finding: DISCLOSE_AUDIENCE=party mkdocs build wrote the party build into site/public/."""
    root = party_site.root
    result = plain_mkdocs(root, env={"DISCLOSE_AUDIENCE": "party"})
    assert result.returncode == 0, result.stderr
    assert (root / "site/party/region/neibu-tongbao-qzx/index.html").is_file()
    assert not (root / "site/public").exists()
    result = plain_mkdocs(root)
    assert result.returncode == 0, result.stderr
    assert "党内通报甲乙丙" not in everything(root / "site/public")
    assert sorted(p.name for p in (root / "site").iterdir()) == ["party", "public"]


def test_a_failing_plain_mkdocs_build_leaves_nothing_new(party_site: SiteWriter) -> None:
    """Finding: plain mkdocs build left hidden pages in site/public when it failed midway."""
    root = party_site.root
    assert plain_mkdocs(root).returncode == 0
    before = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    party_site.item("region/c.md", title="公开事项丙", body='<a href="../neibu-tongbao-qzx/">通报</a>')
    party_site.write(
        "content/region/c.md",
        (root / "content/region/c.md").read_text("utf-8").replace("<a href", "[x](../missing-page/) <a href"),
    )
    result = plain_mkdocs(root)
    assert result.returncode != 0
    after = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in (root / "site").iterdir()] == ["public"]


def test_an_abandoned_temporary_folder_of_a_killed_build_is_removed(party_site: SiteWriter) -> None:
    root = party_site.root
    abandoned = root / "site" / ".public.building-999999999"
    abandoned.mkdir(parents=True)
    (abandoned / "index.html").write_text("neibu-tongbao-qzx", "utf-8")
    build(root, "public")
    assert not abandoned.exists()


def test_a_large_sites_old_folder_is_removed_after_the_build_by_a_process_of_its_own(
    party_site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From DETACHED_REMOVAL_FROM files on, the build does not wait for the old folder's
    removal; the new site is complete when the build returns, the old one gone soon after."""
    from site_plugins.plugins import folders

    root = party_site.root
    build(root, "public")
    first = output_text(root / "site/public")
    (root / "site/public/stale.html").write_text("neibu-tongbao-qzx", "utf-8")  # only in the old folder
    monkeypatch.setattr(folders, "DETACHED_REMOVAL_FROM", 1)
    build(root, "public")
    assert output_text(root / "site/public") == first
    for _attempt in range(100):
        left = [p.name for p in (root / "site").iterdir() if p.name.startswith(".public.old-")]
        if not left:
            break
        time.sleep(0.1)
    assert not left, left
    assert not list((root / "site").rglob("stale.html"))


@pytest.mark.parametrize(
    "break_it, expected",
    [
        (lambda root: (root / "site").write_text("a file", "utf-8"), "site"),
        (lambda root: None, "SOURCE_DATE_EPOCH"),
    ],
)
def test_operational_errors_are_one_clear_line(party_site: SiteWriter, break_it, expected: str) -> None:  # noqa: ANN001
    root = party_site.root
    break_it(root)
    env = {"SOURCE_DATE_EPOCH": "yesterday"} if expected == "SOURCE_DATE_EPOCH" else {}
    result = disclose(root, "build", "--audience", "public", env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert expected in result.stderr and " — " in result.stderr, result.stderr
    result = plain_mkdocs(root, env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr


ZENSICAL = Path(__file__).resolve().parent.parent / ".venv-zensical" / "bin" / "zensical"


def test_zensical_which_ignores_our_plugin_publishes_nothing_of_the_sample(tmp_path: Path) -> None:
    """Finding: Zensical read mkdocs.yml, ignored the plugin and built 20 non-public pages.

    `make test` installs Zensical into .venv-zensical (its own pins); without it this fails.
    """
    from sitegen import copy_sample

    assert ZENSICAL.is_file(), "run `make test` (it installs Zensical into .venv-zensical)"
    root = copy_sample(tmp_path / "sample")
    result = subprocess.run(
        [str(ZENSICAL), "build"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(root)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = root / "site" / "public"
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert [p for p in built if p.endswith(".html")] == ["404.html", "index.html"], built
    # The theme's assets, the stub page (and its source, which Zensical copies as a theme file), its index.
    stub = {"404.html", "index.html", "search.json", "sitemap.xml", "no-plugin/index.md"}
    assert [p for p in built if not p.startswith("assets/") and p not in stub] == [], built
    text = everything(out)
    for rel in (root / "content").rglob("*.md"):
        assert rel.stem not in text or rel.stem == "index", rel
    for name in ("中共锡林郭勒盟委员会", "中共上都镇乌日图塔拉嘎查支部委员会", "中央巡视进驻、反馈、整改情况"):
        assert name not in text


@pytest.mark.parametrize(
    "written",
    [
        "neibu<b></b>-tongbao-qzx",
        "neibu-tong<!-- x -->bao-qzx",
        "neibu\u200b-tongbao-qzx",
        "ｎｅｉｂｕ-tongbao-qzx",
        "neibu&shy;-tongbao-qzx",
    ],
)
def test_a_hidden_address_split_by_markup_or_invisible_characters_stops_the_build(
    party_site: SiteWriter, written: str
) -> None:
    """Found by the black-box review: check reads the source, a reader reads the page — the output
    check reads the page's text, so a slug glued back together by the sanitizer is caught there."""
    party_site.item("region/b.md", title="公开事项乙", body=f"详见 {written} 号文。")
    result = disclose(party_site.root, "build", "--audience", "public")
    assert result.returncode == 1
    assert "content/region/b.md" in result.stderr and "the page shows 'neibu-tongbao-qzx'" in result.stderr, (
        result.stderr
    )
    assert not (party_site.root / "site" / "public").exists()


def test_a_hidden_address_in_an_organization_name_stops_the_public_build(party_site: SiteWriter) -> None:
    registry = party_site.root / "catalogs/organizations.yml"
    registry.write_text(registry.read_text("utf-8").replace("测试盟委", "测试盟委 neibu-tongbao-qzx"), "utf-8")
    result = disclose(party_site.root, "build", "--audience", "public")
    assert result.returncode == 1 and "catalogs/organizations.yml" in result.stderr, result.stderr
    assert not (party_site.root / "site" / "public").exists()


@pytest.mark.parametrize("where", [["-d", "www"], []])
def test_a_party_build_never_lands_in_a_folder_not_named_for_it(party_site: SiteWriter, where: list[str]) -> None:
    """Found by the black-box review: with site_dir: www the party build was written into www/."""
    root = party_site.root
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_dir: site/public", "site_dir: www"), "utf-8")
    result = plain_mkdocs(root, *where, env={"DISCLOSE_AUDIENCE": "party"})
    assert result.returncode == 0, result.stderr
    assert (root / "party/region/neibu-tongbao-qzx/index.html").is_file()
    assert not (root / "www").exists()


def test_an_empty_source_date_epoch_means_unset(party_site: SiteWriter) -> None:
    result = disclose(party_site.root, "build", "--audience", "public", env={"SOURCE_DATE_EPOCH": ""})
    assert result.returncode == 0, result.stderr


def test_open_data_does_not_name_an_expired_interpreted_item(site: SiteWriter) -> None:
    """Found by the black-box review: data/items.json still named the interpreted item after it expired."""
    import json

    site.item("region/a.md", title="被解读事项", expires="2026-11-01")
    site.item("region/b.md", title="解读", interprets="region/a")
    data = json.loads((build(site.root, "public") / "data/items.json").read_text("utf-8"))
    assert [i["interprets"] for i in data["items"]] == [None]


@pytest.mark.parametrize(
    "body",
    [
        "![neibu<b></b>-tongbao-qzx](#x)",
        '<img src="#x" alt="neibu&#8203;-tongbao-qzx">',
        '<abbr title="neibu<!---->-tongbao-qzx">缩写</abbr>',
        '[链接](#x "neibu\u200b-tongbao-qzx")',
    ],
)
def test_a_hidden_address_split_inside_an_attribute_stops_the_build(party_site: SiteWriter, body: str) -> None:
    """alt and title text is read by screen readers and shown on hover: it is page text too."""
    party_site.item("region/b.md", title="公开事项乙", body=body)
    result = disclose(party_site.root, "build", "--audience", "public")
    if result.returncode == 0:
        text = everything(party_site.root / "site" / "public")
        assert "neibu-tongbao-qzx" not in text.replace("\u200b", "").replace("&#8203;", "")
    else:
        assert "content/region/b.md" in result.stderr, result.stderr
        assert not (party_site.root / "site" / "public").exists()
