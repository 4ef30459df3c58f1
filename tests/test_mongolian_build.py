"""The Mongolian pages (mn/, issue 15 points 2–5) in real builds: exactly the Mongolian
versions of what each build shows, and nothing of any other.

Builds the repository's sample (five Mongolian versions: three public items, one party
item, the home page) for the public, party and a unit audience, and canary corpora of
generated items, each with a Mongolian version, for every audience.  What each build must
hold is the test's own answer (SPEC §5–§6, as tests/test_leaks.py writes it out), never
the product's.  The core's side — reading, refusing, publishing with the original — is
tests/test_translations.py; the pages in Chromium, tests/test_mongolian_browser.py.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest
from selectolax.lexbor import LexborHTMLParser
from sitegen import CLOCK_EPOCH, REPO, SiteWriter, build, copy_sample, output_text
from test_leaks import Planted, plant
from test_translations import BODY_MN, TITLE_MN, mongolian

from site_plugins.glossary import Glossary
from site_plugins.load import load_site
from site_plugins.plugins.search import read_fragments

# The sample's Mongolian versions (content/**/*.mn.md) and who may see their originals.
PUBLIC_ITEMS = {
    "nmg-dw/2026/xunshi-zhenggai-2026q3",
    "xlgl-mw/2026/caoyuan-shengtai-zhengqiu-yijian",
    "sdz-dw/2026/caoyuan-fanghuo-dongyuan",
}
PARTY_ITEM = "sdz-dw/2026/dangfei-shoujiao-2025"  # scope: party
# The party item's Mongolian title and a word only its Mongolian body has (ᠲᠠᠲᠠᠪᠤᠷ, dues).
PARTY_TITLE_MN = (REPO / "content" / f"{PARTY_ITEM}.mn.md").read_text("utf-8").split("title: ", 1)[1].split("\n")[0]
PARTY_WORD_MN = "ᠲᠠᠲᠠᠪᠤᠷ"
SEARCH_WORD_MN = "ᠪᠡᠯᠴᠢᠭᠡᠷ"  # pasture: only in the body and title of the 锡林郭勒盟 consultation's version


def expected_pages(items: set[str]) -> set[str]:
    """mn/ of a build: the items' Mongolian pages, the Mongolian home page and its search page."""
    return {f"mn/{item}/index.html" for item in items} | {"mn/index.html", "mn/search/index.html"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = copy_sample(tmp_path_factory.mktemp("mn-sample"))
    return {audience: build(root, audience) for audience in ("public", "party", "unit:zlq-qw")}


def mongolian_files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in (out / "mn").rglob("*") if p.is_file()}


def page(out: Path, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((out / rel).read_text("utf-8"))


def test_every_build_holds_exactly_the_mongolian_versions_of_what_it_shows(sample: dict[str, Path]) -> None:
    assert mongolian_files(sample["public"]) == expected_pages(PUBLIC_ITEMS)
    # The party and a unit build show the party item (SPEC §6: party scope in every intranet build).
    assert mongolian_files(sample["party"]) == expected_pages(PUBLIC_ITEMS | {PARTY_ITEM})
    assert mongolian_files(sample["unit:zlq-qw"]) == expected_pages(PUBLIC_ITEMS | {PARTY_ITEM})
    # Every Mongolian item page stands beside its Chinese one.
    for item in PUBLIC_ITEMS:
        assert (sample["public"] / item / "index.html").is_file()


def test_the_mongolian_pages_are_mongolian_and_switch_to_their_chinese_page_and_back(sample: dict[str, Path]) -> None:
    out = sample["party"]
    base = "https://dwgk.example.gov.cn/"
    for rel in sorted(mongolian_files(out)):
        tree = page(out, rel)
        assert tree.css_first("html").attributes["lang"] == "mn-Mong", rel
        region = tree.css_first(".disclosure-mn")
        assert region is not None and region.attributes["lang"] == "mn-Mong", rel
        switch = tree.css_first("a.disclosure-language")
        assert switch is not None and switch.attributes["hreflang"] == "zh-CN", rel
        chinese = urlsplit(urljoin(base + rel, switch.attributes["href"])).path.lstrip("/")
        assert (out / chinese / "index.html").is_file(), (rel, chinese)
        back = page(out, f"{chinese}index.html" if chinese else "index.html").css_first("a.disclosure-language")
        assert back is not None and back.attributes["hreflang"] == "mn-Mong", chinese
        assert back.css_first("span").attributes["lang"] == "mn-Mong"
        again = urlsplit(urljoin(base + chinese, back.attributes["href"])).path.lstrip("/")
        assert f"{again}index.html" == rel, (rel, chinese, again)
        # The Chinese frame of a Mongolian page says it is Chinese.
        assert tree.css_first("header.md-header").attributes.get("lang") == "zh-CN"


def test_a_chinese_page_without_a_mongolian_version_has_no_switch(sample: dict[str, Path]) -> None:
    out = sample["public"]
    assert page(out, "nmg-dw/2026/xunshi-zhenggai-2026q1/index.html").css_first("a.disclosure-language") is None
    assert page(out, "orgs/nmg-dw/index.html").css_first("a.disclosure-language") is None
    assert page(out, "nmg-dw/2026/xunshi-zhenggai-2026q3/index.html").css_first("a.disclosure-language") is not None


def test_an_item_s_mongolian_page_shows_its_original_s_record_in_mongolian_where_it_can(
    sample: dict[str, Path],
) -> None:
    g = Glossary.load().label
    tree = page(sample["public"], "mn/xlgl-mw/2026/caoyuan-shengtai-zhengqiu-yijian/index.html")
    rows = {row.css_first("th").text(): row.css_first("td") for row in tree.css("table.disclosure-mn__record tr")}
    organization = rows[g("organization").text]
    assert organization.text().startswith("ᠳᠤᠮᠳᠠᠳᠤ ᠤᠯᠤᠰ") and "lang" not in organization.attributes  # name_mn
    assert organization.css_first("a").attributes["href"] == "../../../../orgs/xlgl-mw/"
    assert rows[g("date").text].text() == "2026-04-30"
    # A label the glossary has no Mongolian word for is shown in Chinese, marked as such.
    index = tree.css_first("table.disclosure-mn__record th span")
    assert (index.text(), index.attributes["lang"]) == ("索引号", "zh-CN")
    # The consultation's channel is the original's Chinese text.
    assert any(td.attributes.get("lang") == "zh-CN" and "锡林浩特" in td.text() for td in rows.values())
    # An organization without name_mn is named in Chinese, marked zh-CN.
    party = page(sample["party"], f"mn/{PARTY_ITEM}/index.html")
    names = [td for td in party.css("table.disclosure-mn__record td") if td.css_first("a")]
    assert names and names[0].text().startswith("ᠳᠤᠮᠳᠠᠳᠤ")  # sdz-dw has a name_mn
    fallback = page(sample["public"], "mn/nmg-dw/2026/xunshi-zhenggai-2026q3/index.html")
    entry = {row.css_first("th").text(): row.css_first("td").text() for row in fallback.css("tr")}
    xunshi = load_site(REPO).catalogs["nmg-dw"].entry("xunshi")
    assert xunshi is not None and xunshi.title_mn and entry[g("entry").text] == xunshi.title_mn


def test_a_party_item_s_mongolian_version_appears_nowhere_in_the_public_build(sample: dict[str, Path]) -> None:
    texts = output_text(sample["public"])  # pages, sitemap (gz too), feeds, data/*.json, search records
    for needle in (PARTY_TITLE_MN, PARTY_WORD_MN, f"mn/{PARTY_ITEM}"):
        leaked = [path for path, text in texts.items() if needle in text]
        assert not leaked, (needle, leaked)
    assert not [path for path in texts if "dangfei" in path]
    # ... and is in every part of the party build.
    party = output_text(sample["party"])
    for where in (f"mn/{PARTY_ITEM}/index.html", "data/items.json", "feed.xml", "mn/index.html"):
        assert PARTY_TITLE_MN in party[where], where
    assert any(PARTY_WORD_MN in text for path, text in party.items() if path.startswith("pagefind/fragment/mn_"))
    assert f"mn/{PARTY_ITEM}/" in party["sitemap.xml"]


def test_the_sitemap_lists_the_mongolian_pages_of_the_build(sample: dict[str, Path]) -> None:
    sitemap = gzip.decompress((sample["public"] / "sitemap.xml.gz").read_bytes()).decode()
    listed = {url.split("example.gov.cn/", 1)[1] for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert {f"mn/{item}/" for item in PUBLIC_ITEMS} | {"mn/"} <= listed
    assert f"mn/{PARTY_ITEM}/" not in listed
    # A Mongolian page's date is its original's.
    lastmod = re.search(r"<loc>[^<]*/mn/nmg-dw/2026/xunshi-zhenggai-2026q3/</loc>\s*<lastmod>([^<]+)<", sitemap)
    assert lastmod is not None and lastmod.group(1) == "2026-10-16"


def test_open_data_and_feeds_carry_the_mongolian_titles(sample: dict[str, Path]) -> None:
    schemas = REPO / "schemas"
    for audience, out in sample.items():
        items = json.loads((out / "data/items.json").read_text("utf-8"))
        jsonschema.validate(items, json.loads((schemas / "items.schema.json").read_text("utf-8")))
        catalogs = json.loads((out / "data/catalogs.json").read_text("utf-8"))
        jsonschema.validate(catalogs, json.loads((schemas / "catalogs.schema.json").read_text("utf-8")))
        translated = {urlsplit(i["url"]).path.strip("/") for i in items["items"] if i["title_mn"]}
        assert translated == PUBLIC_ITEMS | (set() if audience == "public" else {PARTY_ITEM}), audience
        named = {c["org"]: c["name_mn"] for c in catalogs["catalogs"]}
        assert named["xlgl-mw"].startswith("ᠳᠤᠮᠳᠠᠳᠤ") and named["nmg-jw"] is None
        titles = {(c["org"], e["id"]): e["title_mn"] for c in catalogs["catalogs"] for e in c["entries"]}
        assert titles[("nmg-dw", "xunshi")] and titles[("nmg-dw", "juece-bushu")] is None
    feed = (sample["public"] / "feed.xml").read_text("utf-8")
    links = re.findall(r'<link rel="alternate" hreflang="mn-Mong" href="([^"]+)" title="([^"]+)"/>', feed)
    assert {urlsplit(href).path.strip("/") for href, _ in links} == {f"mn/{item}" for item in PUBLIC_ITEMS}
    org_feed = (sample["public"] / "orgs/xlgl-mw/feed.xml").read_text("utf-8")
    assert SEARCH_WORD_MN in org_feed


def test_the_mongolian_pages_are_indexed_in_a_language_of_their_own(sample: dict[str, Path]) -> None:
    for audience, items in (("public", PUBLIC_ITEMS), ("party", PUBLIC_ITEMS | {PARTY_ITEM})):
        bundle = sample[audience] / "pagefind"
        entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
        assert entry["languages"]["mn"]["page_count"] == len(items), audience
        records = read_fragments(bundle)
        mongolian = {url.strip("/") for url in records if url.startswith("/mn/")}
        assert mongolian == {f"mn/{item}" for item in items}
        # Only the Chinese item pages are in the Chinese index (its own check, search.py), and
        # a Mongolian record holds the title and body, never the record or the frame.
        record = records["/mn/xlgl-mw/2026/caoyuan-shengtai-zhengqiu-yijian/"]
        assert SEARCH_WORD_MN in record["content"] and "2026-04-30" not in record["content"]
        assert record["meta"]["title"].startswith("ᠱᠢᠯᠢᠩᠭᠣᠯ") and record["meta"]["published"] == "2026-04-30"
        assert record["meta"]["org"].startswith("ᠳᠤᠮᠳᠠᠳᠤ")
        assert all(name.startswith(("cmn_", "mn_")) for name in (p.name for p in (bundle / "fragment").iterdir()))


def test_organization_pages_and_catalogs_show_mongolian_names(sample: dict[str, Path]) -> None:
    tree = page(sample["public"], "orgs/xlgl-mw/index.html")
    names = [(n.text(), n.attributes.get("lang")) for n in tree.css(".disclosure-mn-name")]
    registry = load_site(REPO).registry
    assert names[0] == (registry["xlgl-mw"].name_mn, "mn-Mong")
    entry = tree.css_first("#entry-zhongda-juece .disclosure-mn-name")
    assert entry is not None and entry.attributes["lang"] == "mn-Mong"
    assert page(sample["public"], "orgs/nmg-jw/index.html").css_first(".disclosure-mn-name") is None


def test_a_site_without_mongolian_versions_has_no_mongolian_pages(site: SiteWriter) -> None:
    site.item("region/2026/a.md", org="region", title="草场公告")
    out = build(site.root, "public")
    assert not (out / "mn").exists()
    assert "mn" not in json.loads((out / "pagefind/pagefind-entry.json").read_text("utf-8"))["languages"]
    assert "disclosure-language" not in (out / "region/2026/a/index.html").read_text("utf-8")


def test_the_output_check_expects_only_the_mongolian_pages_of_the_publication(
    site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Mongolian page the engine was handed beyond the publication's translations (a bug of
    the adapter) stops the build: the output check's list of mn/ comes from the core."""
    from site_plugins.engine import File, InclusionLevel
    from site_plugins.plugins.mongolian import MongolianPages

    site.item("region/2026/caochang.md", org="region", title="草场公告")
    mongolian(site, "region/2026/caochang.mn.md")
    site.item("region/2026/dangnei.md", org="region", entry="party-long", title="党内通知")
    mongolian(site, "region/2026/dangnei.mn.md", title="ᠨᠠᠮ ᠤᠨ ᠳᠣᠲᠣᠷᠠᠬᠢ ᠮᠡᠳᠡᠭᠳᠡᠯ", body="ᠨᠠᠮ ᠤᠨ zqmnextracanary")
    assert (build(site.root, "public") / "mn/region/2026/caochang/index.html").is_file()
    original = MongolianPages.files

    def one_too_many(self: MongolianPages, config: object) -> list[object]:
        extra = File.generated(
            config, "mn/region/2026/dangnei.md", content="ᠨᠠᠮ zqmnextracanary", inclusion=InclusionLevel.NOT_IN_NAV
        )
        return [*original(self, config), extra]

    monkeypatch.setattr(MongolianPages, "files", one_too_many)
    with pytest.raises(AssertionError, match=r"mn/region/2026/dangnei/index\.html: a file no page, attachment or"):
        build(site.root, "public")
    assert not (site.root / "site/public/mn/region/2026/dangnei").exists()  # the last good build stands


def disclose(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "site_plugins.cli", "--root", str(root), *args]
    environment = {**os.environ, "SOURCE_DATE_EPOCH": CLOCK_EPOCH}
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def test_check_refuses_a_mongolian_version_that_sets_its_scope_or_has_no_original(site: SiteWriter) -> None:
    site.item("region/2026/p.md", org="region", entry="party-long", title="党内通知")
    mongolian(site, "region/2026/p.mn.md", extra="scope: public\n")
    mongolian(site, "region/2026/gone.mn.md")
    done = disclose(site.root, "check")
    assert done.returncode == 1
    said = done.stdout + done.stderr
    assert "content/region/2026/p.mn.md:3: a Mongolian version cannot set 'scope'" in said, said
    assert "content/region/2026/gone.mn.md:1: this Mongolian version has no original" in said, said
    # And nothing is built from it.
    assert disclose(site.root, "build", "--audience", "public").returncode != 0
    assert not (site.root / "site" / "public").exists()


# ---------------------------------------------------------------------------- canaries


def mongolian_canary(planted: Planted) -> str:
    """A word only the item's Mongolian version holds (never the original's canary itself)."""
    return "zm" + planted.canary[2:12] + "mongol"


@pytest.fixture(scope="module")
def canaries(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteWriter, list[tuple[Planted, str]]]:
    """60 items of every scope, status and date, each with a Mongolian version carrying its canary."""
    site = SiteWriter(tmp_path_factory.mktemp("mn-canaries") / "src")
    planted = plant(site, random.Random(20261202), 60, attach_every=4)
    written = []
    for path in sorted((site.root / "content").rglob("*.md")):
        rel = path.relative_to(site.root / "content").as_posix()
        if rel == "index.md":
            continue
        text = path.read_text("utf-8")
        found = next(p for p in planted if p.canary in text)
        word = mongolian_canary(found)
        site.write(
            f"content/{rel[:-3]}.mn.md",
            f"---\ntitle: {TITLE_MN} {word}\n---\n\n{BODY_MN}\n\n## ᠨᠢᠭᠡ\n\nᠨᠠᠮ ᠤᠨ {word} ᠮᠡᠳᠡᠭᠳᠡᠯ\n",
        )
        written.append((found, rel[:-3]))
    mongolian(site, "index.mn.md")  # the home page's version: a page every build shows
    return site, written


@pytest.mark.parametrize("audience", ["public", "party", "unit:town", "unit:village", "unit:soe"])
def test_a_build_holds_the_mongolian_version_of_exactly_the_items_it_shows(
    canaries: tuple[SiteWriter, list[tuple[Planted, str]]], audience: str
) -> None:
    site, written = canaries
    out = build(site.root, audience)
    texts = output_text(out)
    blob = "\n".join(texts.values())
    names = "\n".join(texts)
    shown = [(p, rel) for p, rel in written if p.seen_by(audience)]
    assert shown and len(shown) < len(written)  # both kinds in every build
    for planted, rel in written:
        word = mongolian_canary(planted)
        if planted.seen_by(audience):
            assert (out / "mn" / rel / "index.html").is_file(), (audience, rel)
            assert word in texts[f"mn/{rel}/index.html"] and word in texts["data/items.json"], (audience, rel)
        else:
            assert word not in blob, (audience, planted, [path for path, text in texts.items() if word in text])
            assert not (out / "mn" / rel).exists() and f"mn/{rel}" not in names, (audience, rel)
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["mn"]["page_count"] == len(shown)


# ---------------------------------------------------------------------------- shards


def test_shards_split_the_mongolian_pages_as_they_split_the_chinese_ones(site: SiteWriter) -> None:
    site.item("region/a.md", org="region", title="自治区事项")
    site.item("league/b.md", org="league", title="盟事项")
    for rel in ("region/a", "league/b"):
        mongolian(site, f"{rel}.mn.md")
    whole = build(site.root, "public")
    shards = {}
    for orgs in ("league", "region,!league"):
        done = disclose(site.root, "build", "--audience", "public", "--orgs", orgs)
        assert done.returncode == 0, done.stdout + done.stderr
        suffix = "+".join(sorted(o.replace("!", "not-") for o in orgs.split(",")))
        shards[orgs] = mongolian_files(site.root / "site" / f"public@{suffix}")
    assert "mn/league/b/index.html" in shards["league"] and "mn/league/b/index.html" not in shards["region,!league"]
    assert "mn/region/a/index.html" in shards["region,!league"] and "mn/region/a/index.html" not in shards["league"]
    # The Mongolian home page (which lists both) is in each, as the Chinese home page is.
    assert all("mn/index.html" in files for files in shards.values())
    assert shards["league"] | shards["region,!league"] == mongolian_files(whole)


# ---------------------------------------------------------------------------- preview


def test_a_preview_follows_the_mongolian_versions_edits_and_removals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`disclose serve`'s rebuilds into one folder (tests/test_preview_rebuild.py): a new
    Mongolian title reaches the open data and the Mongolian home page, a draft's version is
    previewed as a draft, and the page of a version that went (or whose original did) goes."""
    from site_plugins import engine

    monkeypatch.setenv("SOURCE_DATE_EPOCH", CLOCK_EPOCH)
    site = SiteWriter(tmp_path / "src")
    site.item("region/a.md", org="region", title="草场公告")
    mongolian(site, "region/a.mn.md")
    site.item("league/c.md", org="league", title="盟事项")
    mongolian(site, "league/c.mn.md")
    site.item("league/d.md", org="league", title="盟草稿", status="draft", approval=None)
    mongolian(site, "league/d.mn.md")
    out = tmp_path / "out"

    def rebuild() -> Path:
        options = {"audience": "party", "preview": True}
        config = engine.load_config(str(site.root / "mkdocs.yml"), options, site_dir=str(out))
        engine.build(config, serve_url="http://127.0.0.1:8000/", dirty=True, command="serve")
        return out

    rebuild()
    assert {f"mn/{rel}/index.html" for rel in ("region/a", "league/c", "league/d")} <= mongolian_files(out)
    assert "disclosure-note--draft" in (out / "mn/league/d/index.html").read_text("utf-8")
    renamed = "ᠰᠢᠨ᠎ᠡ ᠮᠡᠳᠡᠭᠳᠡᠯ"
    mongolian(site, "region/a.mn.md", title=renamed)
    rebuild()
    assert renamed in (out / "data/items.json").read_text("utf-8")
    assert renamed in (out / "mn/index.html").read_text("utf-8")
    (site.root / "content/region/a.mn.md").unlink()
    site.item("league/c.md", org="league", entry="unit-long", title="盟事项")  # now unit scope
    rebuild()
    assert not (out / "mn/region/a/index.html").exists() and not (out / "mn/league/c/index.html").exists()
    assert renamed not in (out / "data/items.json").read_text("utf-8")
    assert "disclosure-language" not in (out / "region/a/index.html").read_text("utf-8")


def test_a_large_site_s_mongolian_index_is_joined_from_batches_like_the_chinese_one(site: SiteWriter) -> None:
    """Above search_batch_pages Mongolian item pages the index is made in batches and joined
    (pagefind_merge), as the Chinese one is: every page is in it, newest first."""
    from test_browser import _with_search_options

    for number in range(5):
        site.item(f"region/2026/n{number}.md", org="region", title=f"通知{number}", date=f"2026-0{number + 4}-01")
        mongolian(site, f"region/2026/n{number}.mn.md", body=f"{BODY_MN} zqbatch{number}word")
    _with_search_options(site.root, search_batch_pages=2)
    out = build(site.root, "public")
    entry = json.loads((out / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["mn"]["page_count"] == 5 and entry["languages"]["cmn"]["page_count"] == 5
    records = read_fragments(out / "pagefind")
    mongolian_records = {url: r for url, r in records.items() if url.startswith("/mn/")}
    assert set(mongolian_records) == {f"/mn/region/2026/n{number}/" for number in range(5)}
    assert all(f"zqbatch{url[-2]}word" in r["content"] for url, r in mongolian_records.items())


# ---------------------------------------------------------------------------- glossary


def test_the_glossary_has_a_mongolian_word_or_a_chinese_fallback_for_every_label_and_marks_its_review(
    tmp_path: Path,
) -> None:
    from site_plugins.glossary import CHINESE, FOLDER, MONGOLIAN, GlossaryError

    glossary = Glossary.load()
    assert glossary.label("home").lang == MONGOLIAN and glossary.label("index_number").lang == CHINESE
    assert glossary.label("index_number").text == "索引号"
    # Every word the developers wrote waits for a native speaker, and says so in the file.
    raw = (FOLDER / "mn.yml").read_text("utf-8")
    assert raw.count(", reviewed: false}") == sum(1 for e in glossary.entries.values() if e.mn)
    assert glossary.unreviewed() == sorted(glossary.entries)
    with pytest.raises(KeyError, match="no label 'nothing'"):
        glossary.label("nothing")
    # A word in the legacy private-use encoding, or without a Mongolian letter, stops the build.
    for word in ("\ue26c\ue2a5", "首页"):
        (tmp_path / "mn.yml").write_text(f'labels:\n  home: {{zh: 首页, mn: "{word}"}}\n', "utf-8")
        with pytest.raises(GlossaryError, match="the Mongolian word of 'home'"):
            Glossary.load(tmp_path / "mn.yml")
