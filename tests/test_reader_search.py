"""Full-text search (Pagefind) per build: what the index holds, and that it is reproducible.

Builds small sites through the real CLI path and reads the Pagefind bundle back
(`read_fragments`), so these tests see exactly what a reader's browser would download.
The browser side (typing a query, seeing results) is in test_browser.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path
from typing import Any

import pytest
from sitegen import APPROVAL, SiteWriter, build, output_text, published_of

from site_plugins.plugins.search import (
    PagefindService,
    SearchIndexError,
    bigrams,
    build_index,
    item_pages,
    read_fragments,
    text_of_bigrams,
)

PUBLIC_WORD = "巡视整改专项督查"
PARTY_WORD = "党费收缴核对"
UNIT_WORD = "本单位绩效考核细则"


def write_three_scopes(site: SiteWriter) -> None:
    site.item("region/2026/public.md", body=f"本季度开展{PUBLIC_WORD}工作。", title="公开的巡视事项")
    site.item("region/2026/party.md", entry="party-long", body=f"支部开展{PARTY_WORD}。", title="党内的党费事项")
    site.item("region/2026/unit.md", entry="unit-long", body=f"印发{UNIT_WORD}。", title="本单位的考核事项")


def index_of(site_dir: Path) -> dict[str, dict[str, Any]]:
    return read_fragments(site_dir / "pagefind")


def test_the_public_index_holds_the_public_item_and_no_word_of_the_others(site: SiteWriter) -> None:
    write_three_scopes(site)
    public = build(site.root, "public")
    records = index_of(public)
    assert set(records) == {"/region/2026/public/"}
    assert PUBLIC_WORD in records["/region/2026/public/"]["text"]
    everything = "\n".join(output_text(public).values())
    for hidden in (PARTY_WORD, UNIT_WORD, "党内的党费事项", "本单位的考核事项"):
        assert hidden not in everything


def test_the_party_index_adds_party_items_and_a_unit_index_adds_its_own(site: SiteWriter) -> None:
    write_three_scopes(site)
    party = index_of(build(site.root, "party"))
    assert set(party) == {"/region/2026/public/", "/region/2026/party/"}
    unit = index_of(build(site.root, "unit:region"))
    assert set(unit) == {"/region/2026/public/", "/region/2026/party/", "/region/2026/unit/"}
    assert UNIT_WORD in unit["/region/2026/unit/"]["text"]


def test_an_index_record_holds_the_title_and_body_but_not_the_metadata_panel(site: SiteWriter) -> None:
    site.item("region/2026/a.md", body="## 一、总体情况\n\n草原防火工作有序推进。", title="关于草原防火的通知")
    record = index_of(build(site.root, "public"))["/region/2026/a/"]
    assert record["meta"]["title"] == "关于草原防火的通知"
    assert record["text"].startswith("关于草原防火的通知")
    assert "草原防火工作有序推进" in record["text"]
    for panel_word in ("发布机构", "审批流程", "公开范围", "索引号"):
        assert panel_word not in record["text"]


def test_an_index_record_names_the_item_s_organization_and_publication_date_unindexed(site: SiteWriter) -> None:
    site.item("region/2026/a.md", body="正文。", date="2026-04-01")
    out = build(site.root, "public")
    record = index_of(out)["/region/2026/a/"]
    page = (out / "region/2026/a/index.html").read_text("utf-8")
    name = re.search(r"发布机构</(?:th|dt)>\s*<(?:td|dd)><a [^>]*>([^<]+)</a>", page)
    assert name is not None
    assert record["meta"]["org"] == name.group(1)  # the name the item page shows
    assert record["meta"]["published"] == "2026-04-01"
    assert name.group(1) not in record["text"] and "2026-04-01" not in record["text"]  # shown, not searched


def test_organization_pages_and_plain_pages_are_not_indexed(site: SiteWriter) -> None:
    site.item("region/2026/a.md", body="正文。")
    site.write("content/about.md", "---\ntype: page\nscope: public\ntitle: 关于\n---\n\n草原防火的说明页。\n")
    records = index_of(build(site.root, "public"))
    assert set(records) == {"/region/2026/a/"}


def test_cross_link_lists_do_not_make_an_item_match_the_words_of_another(site: SiteWriter) -> None:
    site.item("region/2026/policy.md", body="政策原文。", title="关于草原生态补奖的规定", id="policy")
    site.item("region/2026/guide.md", body="解读正文。", title="一图读懂", interprets="policy")
    records = index_of(build(site.root, "public"))
    # The policy page lists its interpretation (render.item_related); that list is not its text.
    assert "一图读懂" not in records["/region/2026/policy/"]["text"]
    assert "关于草原生态补奖的规定" not in records["/region/2026/guide/"]["text"]


def test_two_builds_with_the_same_clock_write_identical_search_files(site: SiteWriter, tmp_path: Path) -> None:
    write_three_scopes(site)
    first = build(site.root, "party")
    kept = tmp_path / "first"
    first.rename(kept)
    second = build(site.root, "party")
    files = sorted(p.relative_to(kept) for p in (kept / "pagefind").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in (second / "pagefind").rglob("*") if p.is_file())
    for name in files:
        assert (kept / name).read_bytes() == (second / name).read_bytes(), name


def test_the_build_has_a_search_page_a_header_form_and_no_lunr_index(site: SiteWriter) -> None:
    site.item("region/2026/a.md", body="正文。")
    out = build(site.root, "public")
    assert not (out / "search" / "search_index.json").exists()
    page = (out / "search" / "index.html").read_text("utf-8")
    assert 'id="disclosure-search"' in page and 'data-bundle="../pagefind/"' in page
    assert '<script src="../assets/javascripts/search.js">' in page
    home = (out / "index.html").read_text("utf-8")
    assert 'class="disclosure-search"' in home and 'action="search/"' in home and 'name="q"' in home
    assert (out / "pagefind" / "pagefind.js").exists()


def test_the_search_page_loads_no_pagefind_default_ui(site: SiteWriter) -> None:
    # Our results list on Pagefind's JS API replaced pagefind-ui.js/.css (~135 KB of a
    # reader's first search, docs/search.md); neither the page nor search.js may load them.
    site.item("region/2026/a.md", body="正文。")
    out = build(site.root, "public")
    page = (out / "search" / "index.html").read_text("utf-8")
    script = (out / "assets" / "javascripts" / "search.js").read_text("utf-8")
    for loaded in (page, script):
        assert "pagefind-ui.js" not in loaded and "pagefind-ui.css" not in loaded and "PagefindUI" not in loaded
    assert "pagefind.js" in script


def test_results_are_listed_newest_first_without_a_sort_index(site: SiteWriter) -> None:
    # Pages are given to Pagefind newest first, so equal-score results (every exact
    # phrase) come in that order; no data-pagefind-sort list goes into the metadata file.
    for day, name in (("2026-03-05", "middle"), ("2026-06-01", "newest"), ("2026-01-20", "oldest")):
        site.item(
            f"region/2026/{name}.md",
            body="草原防火工作。",
            date=day,
            approval={**APPROVAL, "reviewed_on": day, "approved_on": day},
        )
    out = build(site.root, "public")
    assert [page.url for page in item_pages(out, published_of(out))] == [
        "/region/2026/newest/",
        "/region/2026/middle/",
        "/region/2026/oldest/",
    ]
    meta = gzip.decompress(next((out / "pagefind").glob("*.pf_meta")).read_bytes())
    assert b"date" not in meta
    assert "data-pagefind-sort" not in "".join(page.html for page in item_pages(out, published_of(out)))


def test_the_dates_the_publication_passes_order_the_index_not_the_pages_panels(site: SiteWriter) -> None:
    days = {"middle": "2026-03-05", "newest": "2026-06-01", "oldest": "2026-01-20"}
    for name, day in days.items():
        site.item(
            f"region/2026/{name}.md",
            body="草原防火工作。",
            date=day,
            approval={**APPROVAL, "reviewed_on": day, "approved_on": day},
        )
    out = build(site.root, "public")
    passed = {f"region/2026/{name}/": dt.date.fromisoformat(day) for name, day in days.items()}
    # The build's own dates are these ...
    assert published_of(out) == passed
    # ... and the order follows the dates passed, whatever the pages say.
    passed["region/2026/oldest/"] = dt.date(2026, 12, 1)
    assert [page.url for page in item_pages(out, passed)] == [
        "/region/2026/oldest/",
        "/region/2026/newest/",
        "/region/2026/middle/",
    ]
    # One day: URL order, so every build gives the same index.
    same_day = dict.fromkeys(passed, dt.date(2026, 6, 1))
    assert [page.url for page in item_pages(out, same_day)] == sorted(f"/{url}" for url in passed)
    build_index(out, 3, published=passed)
    assert list(index_of(out)) != []


def test_an_index_of_other_pages_than_the_publication_s_items_stops_the_build(site: SiteWriter) -> None:
    site.item("region/2026/a.md", body="正文。")
    site.item("region/2026/b.md", body="正文。")
    out = build(site.root, "public")
    day = dt.date(2026, 1, 1)
    with pytest.raises(SearchIndexError, match="not items of this build: region/2026/b/"):
        item_pages(out, {"region/2026/a/": day})
    with pytest.raises(SearchIndexError, match="items without a page that carries it: region/2026/c/"):
        build_index(out, 3, published={"region/2026/a/": day, "region/2026/b/": day, "region/2026/c/": day})


def test_a_build_without_items_says_there_is_nothing_to_search(site: SiteWriter) -> None:
    out = build(site.root, "public")
    assert not (out / "pagefind").exists()
    assert "没有可检索的公开事项" in (out / "search" / "index.html").read_text("utf-8")


def test_search_none_builds_no_index_no_search_page_and_no_header_form(site: SiteWriter) -> None:
    site.item("region/2026/a.md", body="正文。")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("search: pagefind", "search: none"), "utf-8")
    out = build(site.root, "public")
    assert not (out / "pagefind").exists()
    assert not (out / "search").exists()
    assert "disclosure-search" not in (out / "index.html").read_text("utf-8")


def test_material_search_plugin_next_to_pagefind_stops_the_build(site: SiteWriter) -> None:
    site.item("region/2026/a.md", body="正文。")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n", 1), "utf-8")
    with pytest.raises(AssertionError, match="remove the 'search' plugin"):
        build(site.root, "public")
    assert not (site.root / "site" / "public").exists()


@pytest.mark.parametrize(
    "text",
    [
        "巡视整改",
        "截至9月30日，中央巡视反馈问题已全部完成",
        "党",
        "PDF 文件 abc def",
        "《条例》第八条（六）",
        "㐀䶵𠀀字",  # CJK extension A, and a character outside the encoded ranges stays as written
    ],
)
def test_encoded_bigram_words_read_back_as_the_text_without_spaces(text: str) -> None:
    expected = re.sub(r"\s*([\u3400-\u9fff])\s*", r"\1", text)  # spaces next to Chinese are not kept
    assert text_of_bigrams(bigrams(text)) == expected


def test_every_han_character_becomes_one_ascii_word_that_starts_with_its_own_letters() -> None:
    words = bigrams("巡视整改").split()
    assert len(words) == 4 and all(w.isascii() and w.isalpha() for w in words)
    # A one-character query is the prefix of every word that begins with that character.
    assert words[0].startswith(bigrams("巡").strip()) and words[1][2:6] == words[0][6:10]


def test_pagefind_service_errors_stop_the_build_with_pagefind_s_message() -> None:
    # The plugin speaks Pagefind's service protocol itself (search.PagefindService); an
    # error answer must surface, not hang or pass silently.
    with PagefindService() as service:
        index = service.request({"type": "NewIndex", "config": {"force_language": "cmn"}})["index_id"]
        with pytest.raises(SearchIndexError, match="AddFile"):
            service.request(
                {
                    "type": "AddFile",
                    "index_id": index + 7,
                    "url": "/x/",
                    "file_path": None,
                    "file_contents": "<html><body><div data-pagefind-body>x</div></body></html>",
                }
            )
        added = service.request(
            {
                "type": "AddFile",
                "index_id": index,
                "url": "/x/",
                "file_path": None,
                "file_contents": "<html><body><div data-pagefind-body>hzabcd</div></body></html>",
            }
        )
        assert added["page_url"] == "/x/"
