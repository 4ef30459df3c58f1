"""`disclose check` on an item's record (issue 14 point 4): 发文字号, 成文日期, 主题分类, 公开方式,
index numbers, organization codes, and the outcome a consultation names.

Every problem is reported at the line of the offending field, as `file:line: what — fix`,
and each attack is the input that would get past a weaker defence: a look-alike bracket, an
empty value taken for a default, a number written with other zeros, a public consultation
pointing at a party item.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from sitegen import CLOCK, ORGS, SiteWriter, dump
from test_history_rules import line_of, lines  # the same helpers: validate, its lines, a line's number

from site_plugins.audience import Audience, publish
from site_plugins.load import load_site
from site_plugins.rules import validate, validate_publication
from site_plugins.rules.records import doc_number_problem
from site_plugins.rules.registry import credit_code_check

ITEM = "content/region/2026/wenjian.md"
TOPICS = [{"id": "zuzhi-jianshe", "name": "组织建设"}, {"id": "dangfeng-lianzheng", "name": "党风廉政建设"}]
CALL = {"until": "2026-05-31", "channel": "电子邮箱 yijian@example.org"}


def only(site: SiteWriter, rel: str = ITEM, clock: dt.date = CLOCK) -> str:
    found = lines(site, clock)
    assert len(found) == 1, found
    assert found[0].startswith(f"{rel}:"), found
    return found[0]


def topics(site: SiteWriter, entries: list[dict] | None = None) -> None:
    site.write("catalogs/topics.yml", dump(TOPICS if entries is None else entries))


# ------------------------------------------------------------------ 发文字号 and 成文日期


@pytest.mark.parametrize(
    "number", ["内党办发〔2026〕12号", "锡党干字〔2026〕8号", "内组通字〔2026〕5号", "中办发〔2026〕100号"]
)
def test_a_document_number_in_its_shape_passes(site: SiteWriter, number: str) -> None:
    site.item("region/2026/wenjian.md", doc_number=number, written_on="2026-03-01")
    assert lines(site) == []


@pytest.mark.parametrize(
    ("number", "hint"),
    [
        ("内党办发[2026]12号", "六角括号 〔〕"),  # ASCII brackets
        ("内党办发［2026］12号", "六角括号 〔〕"),  # full-width square brackets
        ("内党办发（2026）12号", "六角括号 〔〕"),  # full-width round brackets, the commonest slip
        ("内党办发【2026】12号", "六角括号 〔〕"),
        ("内党办发﹝2026﹞12号", "六角括号 〔〕"),  # the small look-alike of 〔〕
        ("内党办发〔2026〕012号", "不编虚位"),
        ("内党办发〔2026〕第12号", "leave out 第"),
        ("内党办发〔2026〕12", "end it with 号"),
        ("内党办发 〔2026〕12号", "without spaces"),
        ("内党办发〔２０２６〕１２号", "full-width"),
        ("内党办发〔26〕12号", "four digits"),
        ("〔2026〕12号", "发文机关代字"),  # no issuing agency at all
        ("NMG〔2026〕12号", "发文机关代字"),  # an agency code without a Chinese character
        ("内党办发〔2026〕12号<b>", "end it with 号"),
    ],
)
def test_a_document_number_out_of_shape_is_reported_at_its_line_with_what_to_write(
    site: SiteWriter, number: str, hint: str
) -> None:
    site.item("region/2026/wenjian.md", doc_number=number)
    found = only(site)
    assert found.startswith(f"{ITEM}:{line_of(site, ITEM, 'doc_number')}: doc_number "), found
    assert "is not a 发文字号" in found and hint in found and "内党办发〔2026〕12号" in found


def test_every_document_number_the_hints_name_is_itself_accepted() -> None:
    assert doc_number_problem("内党办发〔2026〕12号") is None


def test_a_document_numbered_after_its_publication_or_before_it_was_written_is_refused(site: SiteWriter) -> None:
    site.item("region/2026/wenjian.md", doc_number="内党办发〔2027〕1号")  # date 2026-03-05
    assert "is of 2027, after the item's date 2026-03-05" in only(site)
    site.item("region/2026/wenjian.md", doc_number="内党办发〔2025〕1号", written_on="2026-01-05")
    assert "is of 2025, before the document was written (2026-01-05)" in only(site)
    site.item("region/2026/wenjian.md", doc_number="内党办发〔2025〕1号", written_on="2025-12-30")
    assert lines(site) == []  # signed in December, numbered and published in the new year


def test_a_document_written_after_it_was_published_is_refused_at_written_on(site: SiteWriter) -> None:
    site.item("region/2026/wenjian.md", written_on="2026-03-06")  # date 2026-03-05
    found = only(site)
    assert found.startswith(f"{ITEM}:{line_of(site, ITEM, 'written_on')}: written_on 2026-03-06 is after")
    site.item("region/2026/wenjian.md", written_on="2026-03-05")
    assert lines(site) == []


@pytest.mark.parametrize("field", ["doc_number", "written_on", "topic", "disclosure_mode"])
def test_an_empty_record_field_is_reported_not_taken_as_missing(site: SiteWriter, field: str) -> None:
    topics(site)
    site.write(
        ITEM, site.item(ITEM.removeprefix("content/")).read_text("utf-8").replace("---\n\n", f"{field}:\n---\n\n")
    )
    found = only(site)
    assert found.startswith(f"{ITEM}:{line_of(site, ITEM, field + ':')}: '{field}' is empty"), found


def test_a_written_on_that_is_no_date_is_reported(site: SiteWriter) -> None:
    site.item("region/2026/wenjian.md", written_on="2026年3月1日")
    assert "'written_on' is '2026年3月1日', which is not a date" in only(site)


def test_record_fields_are_an_items_own_a_page_has_none(site: SiteWriter) -> None:
    site.write(
        "content/about.md", "---\ntype: page\nscope: public\ntitle: 关于\ndoc_number: 内党办发〔2026〕1号\n---\n正文\n"
    )
    assert "unknown field 'doc_number' in a page" in only(site, "content/about.md")


# ------------------------------------------------------------------ 主题分类


def test_a_topic_of_the_vocabulary_passes_and_an_unknown_one_gets_the_closest(site: SiteWriter) -> None:
    topics(site)
    site.item("region/2026/wenjian.md", topic="zuzhi-jianshe")
    assert lines(site) == []
    site.item("region/2026/wenjian.md", topic="zuzhi-jiansh")
    found = only(site)
    assert found.startswith(f"{ITEM}:{line_of(site, ITEM, 'topic')}: unknown topic 'zuzhi-jiansh'")
    assert "did you mean 'zuzhi-jianshe' (组织建设)?" in found


def test_a_topic_written_by_its_chinese_name_is_told_its_id(site: SiteWriter) -> None:
    topics(site)
    site.item("region/2026/wenjian.md", topic="组织建设")
    assert "write topic: zuzhi-jianshe (the id of 组织建设)" in only(site)


def test_a_topic_far_from_every_one_lists_the_vocabulary(site: SiteWriter) -> None:
    topics(site)
    site.item("region/2026/wenjian.md", topic="qita")
    assert "use an id of catalogs/topics.yml: zuzhi-jianshe (组织建设), dangfeng-lianzheng (党风廉政建设)" in only(site)


def test_a_topic_without_a_vocabulary_is_refused(site: SiteWriter) -> None:
    site.item("region/2026/wenjian.md", topic="zuzhi-jianshe")
    assert "the site has no topic vocabulary" in only(site) and "catalogs/topics.yml" in only(site)


def test_the_vocabulary_is_not_read_as_the_catalog_of_an_organization_called_topics(site: SiteWriter) -> None:
    topics(site)
    assert lines(site) == []  # no "catalog file is named 'topics.yml' but says org: …"
    assert set(load_site(site.root).topics) == {"zuzhi-jianshe", "dangfeng-lianzheng"}


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"id": "a-b", "name": "甲"}, {"id": "a-b", "name": "乙"}], "topic id 'a-b' is used twice"),
        ([{"id": "a-b", "name": "甲"}, {"id": "c-d", "name": "甲"}], "topic name '甲' is also the name of 'a-b'"),
        ([{"id": "Zuzhi", "name": "甲"}], "topic id 'Zuzhi' is not a lowercase ASCII slug"),
        ([{"id": "a-b", "nmae": "甲"}], "unknown field 'nmae' in a topic"),
        ([{"id": "a-b"}], "missing required field 'name'"),
        ({"topics": []}, "the topic vocabulary must be a list of topics"),
    ],
)
def test_a_broken_vocabulary_is_reported_at_its_line(site: SiteWriter, entries: object, message: str) -> None:
    site.write("catalogs/topics.yml", dump(entries))
    found = lines(site)
    assert any(f.startswith("catalogs/topics.yml:") and message in f for f in found), found


def test_a_vocabulary_that_is_a_symbolic_link_is_refused(site: SiteWriter, tmp_path) -> None:
    (tmp_path / "elsewhere.yml").write_text(dump(TOPICS), encoding="utf-8")
    os.symlink(tmp_path / "elsewhere.yml", site.root / "catalogs/topics.yml")
    assert "catalogs/topics.yml: is a symbolic link" in only(site, "catalogs/topics.yml")


# ------------------------------------------------------------------ 公开方式


def on_request(site: SiteWriter, **overrides: object) -> None:
    fields: dict[str, object] = {
        "entry": None,  # outside the catalog, with the superior's approval (sitegen)
        "scope": "specific",
        "audience": ["village"],
        "timing": "immediate",
        "disclosure_mode": "on-request",
    }
    fields.update(overrides)
    site.item("region/2026/wenjian.md", org="town", **fields)


def test_an_on_request_item_for_its_requesters_outside_the_catalog_passes(site: SiteWriter) -> None:
    on_request(site)
    assert lines(site) == []


def test_an_on_request_item_is_never_public(site: SiteWriter) -> None:
    on_request(site, scope="public", audience=None)
    found = only(site)
    assert found.startswith(f"{ITEM}:{line_of(site, ITEM, 'disclosure_mode')}: an item disclosed on request")
    assert "cannot have scope 'public'" in found and "[Art. 15]" in found


def test_an_on_request_item_is_no_catalog_entry(site: SiteWriter) -> None:
    site.item("region/2026/wenjian.md", entry="party-long", disclosure_mode="on-request")
    found = only(site)
    assert "an item of catalog entry 'party-long' is disclosed proactively (主动公开), not on request" in found
    assert "[Art. 18]" in found


@pytest.mark.parametrize(("written", "word"), [("依申请公开", "on-request"), ("主动公开", "proactive")])
def test_a_disclosure_mode_written_as_its_chinese_label_is_told_its_word(
    site: SiteWriter, written: str, word: str
) -> None:
    site.item("region/2026/wenjian.md", disclosure_mode=written)
    found = only(site)
    assert f"the label of '{word}'" in found and f"write disclosure_mode: {word} ({written})" in found


def test_an_unknown_disclosure_mode_is_refused_with_the_closest_word(site: SiteWriter) -> None:
    site.item("region/2026/wenjian.md", disclosure_mode="on-requst")
    assert "did you mean 'on-request'?" in only(site)


def test_an_item_says_nothing_and_is_proactive(site: SiteWriter) -> None:
    site.item("region/2026/wenjian.md")
    (doc,) = load_site(site.root).items()
    assert doc.disclosure_mode == "proactive"


# ------------------------------------------------------------------ 意见采纳情况


def consultation(site: SiteWriter, outcome: str, **fields: object) -> None:
    site.item("region/2026/call.md", title="征求意见的公告", consultation={**CALL, "outcome": outcome}, **fields)


def test_a_consultation_naming_its_published_outcome_passes(site: SiteWriter) -> None:
    site.item("region/2026/outcome.md", title="意见采纳情况的说明", date="2026-06-10")
    consultation(site, "region/2026/outcome")
    assert lines(site) == []


def test_an_outcome_that_does_not_exist_gets_the_closest_id(site: SiteWriter) -> None:
    site.item("region/2026/outcome.md", title="意见采纳情况的说明", date="2026-06-10")
    consultation(site, "region/2026/outcom")
    found = only(site, "content/region/2026/call.md")
    line = line_of(site, "content/region/2026/call.md", "outcome:")
    assert found.startswith(f"content/region/2026/call.md:{line}: consultation.outcome names unknown item")
    assert "did you mean 'region/2026/outcome'?" in found


def test_a_consultation_is_not_its_own_outcome(site: SiteWriter) -> None:
    consultation(site, "region/2026/call")
    assert "the consultation names itself as its outcome" in only(site, "content/region/2026/call.md")


def test_the_outcome_is_an_item_of_the_organization_that_consulted(site: SiteWriter) -> None:
    site.item("league/2026/outcome.md", org="league", title="盟里的说明", date="2026-06-10")
    consultation(site, "league/2026/outcome")
    found = only(site, "content/region/2026/call.md")
    assert "an item of 'league', not of 'region'" in found and "[Art. 18(5)]" in found


def test_the_outcome_is_reported_once_the_opinions_are_in(site: SiteWriter) -> None:
    site.item("region/2026/outcome.md", title="说明", date="2026-05-30")  # the day before it closes
    consultation(site, "region/2026/outcome")
    assert "dated 2026-05-30, before the consultation closes on 2026-05-31" in only(site, "content/region/2026/call.md")


def test_a_public_consultation_never_names_a_party_item_as_its_outcome(site: SiteWriter) -> None:
    # The public page would show the party item's title as 意见采纳情况.
    site.item("region/2026/outcome.md", title="党内的采纳情况", entry="party-long", date="2026-06-10")
    consultation(site, "region/2026/outcome")
    found = only(site, "content/region/2026/call.md")
    line = line_of(site, "content/region/2026/call.md", "outcome:")
    assert found.startswith(f"content/region/2026/call.md:{line}: 'consultation.outcome' points to ")
    assert "which not every reader of this item may see" in found and "[Art. 18(5)]" in found
    # …and the build that would show the link stops on it; the party build has both.
    site_ = load_site(site.root)
    public = publish(site_, Audience("public"), CLOCK)
    (stop,) = validate_publication(public, site_)
    assert "'consultation.outcome' points to 'region/2026/outcome', which is not visible" in str(stop)
    assert validate_publication(publish(site_, Audience("party"), CLOCK), site_) == []


def test_a_party_consultation_may_name_a_public_outcome(site: SiteWriter) -> None:
    site.item("region/2026/outcome.md", title="采纳情况", date="2026-06-10")
    consultation(site, "region/2026/outcome", entry="party-long")
    assert lines(site) == []


def test_an_outcome_not_yet_published_is_refused_until_it_is(site: SiteWriter) -> None:
    site.item("region/2026/outcome.md", title="采纳情况", date="2026-12-01")  # after the clock
    consultation(site, "region/2026/outcome")
    assert "which is not published whenever this item is" in only(site, "content/region/2026/call.md")
    assert lines(site, dt.date(2026, 12, 1)) == []  # time passing only makes it sound


def test_a_withdrawn_outcome_that_was_published_is_linked_as_its_notice(site: SiteWriter) -> None:
    site.item(
        "region/2026/outcome.md",
        title="采纳情况",
        date="2026-06-10",
        status="withdrawn",
        withdrawn={"on": "2026-07-01", "reason": "另行发布"},
    )
    consultation(site, "region/2026/outcome")
    assert lines(site) == []


def test_an_empty_outcome_is_reported_at_its_line(site: SiteWriter) -> None:
    site.write(
        "content/region/2026/call.md",
        site.item("region/2026/call.md", consultation=CALL)
        .read_text("utf-8")
        .replace("  channel:", "  outcome:\n  channel:"),
    )
    found = only(site, "content/region/2026/call.md")
    assert (
        f":{line_of(site, 'content/region/2026/call.md', 'outcome:')}: 'outcome' is empty in the consultation" in found
    )


# ------------------------------------------------------------------ 索引号 and 机构代码


def test_two_index_numbers_that_differ_only_in_zeros_or_case_are_one_number(site: SiteWriter) -> None:
    site.item("region/2026/a.md", id="NMGDW/2026-00012")
    site.item("region/2026/b.md", id="nmgdw/2026-12")
    found = only(site, "content/region/2026/b.md")
    assert found.startswith(f"content/region/2026/b.md:{line_of(site, 'content/region/2026/b.md', 'id:')}: ")
    assert "index number 'nmgdw/2026-12' is the index number 'NMGDW/2026-00012' of content/region/2026/a.md" in found


def test_two_equal_index_numbers_are_reported_once(site: SiteWriter) -> None:
    site.item("region/2026/a.md", id="NMGDW/2026-00012")
    site.item("region/2026/b.md", id="NMGDW/2026-00012")
    assert "is also the id of content/region/2026/a.md" in only(site, "content/region/2026/b.md")


def test_the_numbers_of_hidden_drafts_and_withdrawn_items_count_too(site: SiteWriter) -> None:
    site.item("region/2026/a.md", id="R/2026-00001", entry="party-long", status="draft")
    site.item("region/2026/b.md", id="r/2026-1")
    assert "is the index number 'R/2026-00001'" in only(site, "content/region/2026/b.md")


def registry(site: SiteWriter, **codes: str) -> str:
    orgs = [{**o, **({"code": codes[o["id"]]} if o["id"] in codes else {})} for o in ORGS]
    site.write("catalogs/organizations.yml", dump(orgs))
    return "catalogs/organizations.yml"


def test_a_credit_code_with_its_check_character_passes_and_a_typo_is_caught() -> None:
    assert credit_code_check("91350100M000100Y43") == "3"  # the standard's own example
    assert credit_code_check("11150000MB0000001F") == "F"
    assert credit_code_check("NMG-DW") is None  # not a 统一社会信用代码: no check character


def test_an_organization_code_with_a_wrong_check_character_is_reported_at_its_line(site: SiteWriter) -> None:
    rel = registry(site, region="11150000MB0000001E")
    found = only(site, rel)
    assert found.startswith(f"{rel}:{line_of(site, rel, 'code:')}: code '11150000MB0000001E' of 'region' is not")
    assert "check character (the last) would be 'F'" in found


@pytest.mark.parametrize("code", ["NMG/DW", "内蒙古党委", "-NMG", "NMG DW"])
def test_an_organization_code_is_written_as_an_id_may_be(site: SiteWriter, code: str) -> None:
    rel = registry(site, region=code)
    assert "has characters other than letters, digits and '-'" in only(site, rel)


def test_two_organizations_never_share_a_code_not_even_by_case_or_with_an_id(site: SiteWriter) -> None:
    rel = registry(site, region="NMGDW", league="nmgdw")
    assert "'league' would number its items nmgdw/…, as 'region'" in only(site, rel)
    rel = registry(site, league="BANNER")  # the banner has no code: it numbers its items banner/…
    found = only(site, rel)
    assert "'banner' would number its items banner/…, as 'league'" in found and "its id (it has no code)" in found


def test_the_repository_sample_is_sound(repo) -> None:
    problems = validate(load_site(repo), CLOCK, warnings=True, every_build=True)
    assert [str(p) for p in problems] == []
    site_ = load_site(repo)
    modes = {d.path: d.disclosure_mode for d in site_.items()}
    assert modes["nmg-zzb/2026/fazhan-dangyuan-zhixing-dafu.md"] == "on-request"
    assert len(site_.topics) >= 10
