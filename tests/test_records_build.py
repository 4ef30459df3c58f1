"""Real builds of an item's record (issue 14 point 4): the panel, data/items.json and its
schema, 依申请公开 items, and a consultation's outcome (意见采纳情况) linked both ways — and
nothing of a hidden item on the way, in any output file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from sitegen import CLOCK, SiteWriter, build, dump, output_text
from test_reader_open_data import validator

from site_plugins.audience import Audience, publish
from site_plugins.load import load_site

TOPICS = [{"id": "zuzhi-jianshe", "name": "组织建设"}, {"id": "mimi-zhuti", "name": "仅党内事项所用的主题"}]
CALL = {"until": "2026-05-31", "channel": "电子邮箱 yijian@example.org"}


def panel(out: Path, page: str) -> dict[str, str]:
    """The panel's rows of a built page: label → text."""
    tree = LexborHTMLParser((out / page / "index.html").read_text("utf-8"))
    rows = tree.css("dl.disclosure-meta > div")
    return {row.css_first("dt").text(): row.css_first("dd").text() for row in rows}


def links(out: Path, page: str, label: str) -> list[tuple[str, str]]:
    """The links of one panel row (label), as (href resolved against the page, text)."""
    tree = LexborHTMLParser((out / page / "index.html").read_text("utf-8"))
    for row in tree.css("dl.disclosure-meta > div"):
        if row.css_first("dt").text() == label:
            base = Path("/" + page)
            return [
                (str((base / a.attributes["href"]).resolve()).removeprefix("/") + "/", a.text()) for a in row.css("a")
            ]
    return []


def items_json(out: Path) -> dict[str, dict]:
    data = json.loads((out / "data/items.json").read_text("utf-8"))
    validator("items.schema.json").validate(data)
    return {item["id"]: item for item in data["items"]}


def test_the_panel_shows_the_record_and_the_open_data_lists_it(site: SiteWriter) -> None:
    site.write("catalogs/topics.yml", dump(TOPICS))
    site.item(
        "region/2026/wenjian.md",
        title="关于印发某办法的通知",
        id="REGION/2026-00001",
        doc_number="内党办发〔2026〕12号",
        written_on="2026-03-01",
        topic="zuzhi-jianshe",
    )
    site.item("region/2026/plain.md", title="没有文件信息的事项")
    out = build(site.root, "public")
    rows = panel(out, "region/2026/wenjian")
    assert rows["索引号"] == "REGION/2026-00001"
    assert rows["主题分类"] == "组织建设"
    assert rows["发文字号"] == "内党办发〔2026〕12号"
    assert rows["成文日期"] == "2026-03-01"
    assert rows["公开方式"] == "主动公开"
    plain = panel(out, "region/2026/plain")
    assert plain["公开方式"] == "主动公开"  # the default, said on every item
    assert not {"主题分类", "发文字号", "成文日期"} & set(plain)
    record = items_json(out)["REGION/2026-00001"]
    assert record["doc_number"] == "内党办发〔2026〕12号" and record["written_on"] == "2026-03-01"
    assert (record["topic"], record["topic_name"], record["disclosure_mode"]) == (
        "zuzhi-jianshe",
        "组织建设",
        "proactive",
    )
    other = items_json(out)["region/2026/plain"]
    assert (other["doc_number"], other["written_on"], other["topic"], other["topic_name"]) == (None, None, None, None)


def test_a_topic_only_a_hidden_item_is_filed_under_is_named_in_no_public_output(site: SiteWriter) -> None:
    site.write("catalogs/topics.yml", dump(TOPICS))
    site.item("region/2026/party.md", title="党内事项", entry="party-long", topic="mimi-zhuti")
    site.item("region/2026/public.md", title="公开事项", topic="zuzhi-jianshe")
    assert list(publish(load_site(site.root), Audience("public"), CLOCK).topics) == ["zuzhi-jianshe"]
    texts = output_text(build(site.root, "public"))
    assert not [name for name, text in texts.items() if "仅党内事项所用的主题" in text or "mimi-zhuti" in text]
    assert panel(build(site.root, "party"), "region/2026/party")["主题分类"] == "仅党内事项所用的主题"


def test_a_topic_name_is_escaped_like_every_value(site: SiteWriter) -> None:
    site.write("catalogs/topics.yml", dump([{"id": "x", "name": "<script>alert(1)</script>组织"}]))
    site.item("region/2026/wenjian.md", topic="x")
    html = (build(site.root, "public") / "region/2026/wenjian/index.html").read_text("utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;组织" in html


# ------------------------------------------------------------------ 依申请公开


def on_request(site: SiteWriter, scope: str = "specific", **fields: object) -> None:
    site.item(
        "town/2026/dafu.md",
        org="town",
        entry=None,
        title="关于某党员申请公开事项的答复",
        scope=scope,
        audience=["village"] if scope == "specific" else None,
        timing="immediate",
        disclosure_mode="on-request",
        body="答复正文：申请人所询情况。",
        **fields,
    )


def test_an_on_request_item_is_shown_as_such_to_those_who_asked(site: SiteWriter) -> None:
    on_request(site)
    out = build(site.root, "unit:village")
    assert panel(out, "town/2026/dafu")["公开方式"] == "依申请公开"
    assert items_json(out)["town/2026/dafu"]["disclosure_mode"] == "on-request"
    for audience in ("public", "party"):
        texts = output_text(build(site.root, audience))
        assert not [n for n, t in texts.items() if "某党员申请公开" in t or "town/2026/dafu" in t], audience


@pytest.mark.parametrize("audience", ["public", "party"])
def test_a_public_on_request_item_stops_the_build_and_leaves_nothing(site: SiteWriter, audience: str) -> None:
    on_request(site, scope="public")
    with pytest.raises(AssertionError, match="disclosed on request"):
        build(site.root, audience)
    assert not (site.root / "site" / audience).exists()


# ------------------------------------------------------------------ 意见采纳情况


def consultation_and_outcome(site: SiteWriter, *, call: str = "pub-long", outcome: str = "pub-long", **extra) -> None:
    site.item(
        "region/2026/call.md",
        title="关于某方案公开征求意见的公告",
        entry=call,
        consultation={**CALL, "outcome": "region/2026/outcome"},
    )
    site.item("region/2026/outcome.md", title="关于某方案意见采纳情况的说明", entry=outcome, date="2026-06-10", **extra)


def test_a_consultation_links_its_outcome_and_the_outcome_links_back(site: SiteWriter) -> None:
    consultation_and_outcome(site)
    out = build(site.root, "public")
    assert links(out, "region/2026/call", "意见采纳情况") == [("region/2026/outcome/", "关于某方案意见采纳情况的说明")]
    assert "（2026-06-10）" in panel(out, "region/2026/call")["意见采纳情况"]
    assert links(out, "region/2026/outcome", "原征求意见") == [("region/2026/call/", "关于某方案公开征求意见的公告")]
    data = items_json(out)
    assert data["region/2026/call"]["consultation_outcome"] == "region/2026/outcome"
    assert data["region/2026/outcome"]["consultation_outcome"] is None


def test_a_party_consultations_title_never_reaches_the_public_page_of_its_outcome(site: SiteWriter) -> None:
    consultation_and_outcome(site, call="party-long")
    public = build(site.root, "public")
    assert "原征求意见" not in panel(public, "region/2026/outcome")
    texts = output_text(public)
    assert not [n for n, t in texts.items() if "公开征求意见的公告" in t or "region/2026/call" in t]
    party = build(site.root, "party")
    assert links(party, "region/2026/outcome", "原征求意见") == [("region/2026/call/", "关于某方案公开征求意见的公告")]


def test_a_public_consultation_naming_a_party_outcome_stops_the_public_build_and_leaks_nothing(
    site: SiteWriter,
) -> None:
    consultation_and_outcome(site, outcome="party-long")
    with pytest.raises(AssertionError, match="consultation.outcome"):
        build(site.root, "public")
    assert not (site.root / "site" / "public").exists()
    party = build(site.root, "party")  # where both may be read, the link stands
    assert links(party, "region/2026/call", "意见采纳情况") == [
        ("region/2026/outcome/", "关于某方案意见采纳情况的说明")
    ]


def test_an_outcome_that_expired_is_no_longer_linked_from_the_public_page(site: SiteWriter) -> None:
    consultation_and_outcome(site, expires="2026-09-30")  # before the build clock
    public = build(site.root, "public")
    assert "意见采纳情况" not in panel(public, "region/2026/call")
    assert items_json(public)["region/2026/call"]["consultation_outcome"] is None
    party = build(site.root, "party")  # the intranet keeps it as archive, linked
    assert links(party, "region/2026/call", "意见采纳情况") == [
        ("region/2026/outcome/", "关于某方案意见采纳情况的说明")
    ]


def test_a_withdrawn_outcome_is_linked_as_its_notice(site: SiteWriter) -> None:
    consultation_and_outcome(site, status="withdrawn", withdrawn={"on": "2026-07-01", "reason": "另行发布"})
    out = build(site.root, "public")
    (link,) = links(out, "region/2026/call", "意见采纳情况")
    assert link[0] == "region/2026/outcome/"
    notice = LexborHTMLParser((out / "region/2026/outcome/index.html").read_text("utf-8"))
    assert notice.css_first(".disclosure-note--withdrawn").text().startswith("本事项已于 2026-07-01 撤回")


def test_the_sample_consultation_names_its_outcome_in_both_builds(tmp_path: Path) -> None:
    from sitegen import copy_sample

    root = copy_sample(tmp_path / "sample")
    for audience in ("public", "party"):
        out = build(root, audience)
        call = "xlgl-mw/2026/caoyuan-shengtai-zhengqiu-yijian"
        outcome = "xlgl-mw/2026/caoyuan-shengtai-yijian-caina"
        assert [href for href, _ in links(out, call, "意见采纳情况")] == [outcome + "/"]
        assert [href for href, _ in links(out, outcome, "原征求意见")] == [call + "/"]
        assert panel(out, outcome)["索引号"] == "11152500MB00000012/2026-00001"
        assert panel(out, outcome)["发文字号"] == "锡党办发〔2026〕23号"


def test_an_outcome_retitled_in_a_preview_shows_on_its_consultation_at_the_next_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_preview_rebuild import preview as preview_fixture

    site, rebuild = preview_fixture.__wrapped__(tmp_path, monkeypatch)  # the preview of test_preview_rebuild
    consultation_and_outcome(site)
    out = rebuild()
    assert "关于某方案意见采纳情况的说明" in (out / "region/2026/call/index.html").read_text("utf-8")
    site.item("region/2026/outcome.md", title="意见采纳情况（修订）", date="2026-06-10")
    rebuild()
    assert "意见采纳情况（修订）" in (out / "region/2026/call/index.html").read_text("utf-8")
    site.item("region/2026/call.md", title="公告（修订）", consultation={**CALL, "outcome": "region/2026/outcome"})
    rebuild()
    assert "公告（修订）" in (out / "region/2026/outcome/index.html").read_text("utf-8")
