"""`disclose check` on an item's later life (issue 14): withdrawal records, change notes, old addresses.

Every problem is reported at the line of the offending field, as `file:line: what — fix`;
each attack is the input that would get past a weaker defence.  The audience policy of
withdrawal notices (`audience.leaves_notice`, `notice_shown`) is driven directly.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sitegen import CLOCK, ORGS, SiteWriter

from site_plugins.audience import Audience, every_audience, leaves_notice, notice_shown, publish
from site_plugins.load import load_site
from site_plugins.model import Problem
from site_plugins.rules import validate

WITHDRAWN = {"on": "2026-04-01", "reason": "内容有误，已撤回"}


def check(site: SiteWriter, clock: dt.date = CLOCK) -> list[Problem]:
    return validate(load_site(site.root), clock, warnings=True, every_build=True)


def lines(site: SiteWriter, clock: dt.date = CLOCK) -> list[str]:
    return [str(p) for p in check(site, clock)]


def line_of(site: SiteWriter, rel: str, text: str) -> int:
    found = (site.root / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(found, 1) if text in line)


# ------------------------------------------------------------------ withdrawal records


def test_an_approved_item_withdrawn_without_a_record_is_reported_at_its_status(site: SiteWriter) -> None:
    site.item("region/2026/chehui.md", status="withdrawn")
    (found,) = lines(site)
    line = line_of(site, "content/region/2026/chehui.md", "status:")
    assert found.startswith(f"content/region/2026/chehui.md:{line}: a withdrawn item that was approved needs")
    assert "withdrawn: {on: YYYY-MM-DD, reason:" in found and "[Art. 26]" in found


def test_a_draft_never_approved_may_be_withdrawn_without_a_record(site: SiteWriter) -> None:
    site.item("region/2026/chehui.md", status="withdrawn", approval=None)
    assert lines(site) == []


def test_a_withdrawal_record_needs_its_day_and_reason_and_knows_its_fields(site: SiteWriter) -> None:
    site.item("region/2026/chehui.md", status="withdrawn", withdrawn={"reasn": "拼错了"})
    found = lines(site)
    rel = "content/region/2026/chehui.md"
    assert any(
        f"{rel}:{line_of(site, rel, 'reasn')}: unknown field 'reasn' in the withdrawal record" in f for f in found
    )
    assert any("missing required date 'on'" in f for f in found), found
    assert any("missing required field 'reason'" in f for f in found), found


def test_a_withdrawal_record_on_an_item_that_is_not_withdrawn_is_reported_at_its_line(site: SiteWriter) -> None:
    site.item("region/2026/gongkai.md", withdrawn=WITHDRAWN)
    (found,) = lines(site)
    line = line_of(site, "content/region/2026/gongkai.md", "withdrawn:")
    assert found.startswith(f"content/region/2026/gongkai.md:{line}: 'withdrawn' is only for status: withdrawn")


def test_a_withdrawal_dated_after_today_is_refused_and_time_passing_makes_it_sound(site: SiteWriter) -> None:
    site.item("region/2026/chehui.md", status="withdrawn", withdrawn={"on": "2026-12-01", "reason": "撤回"})
    (found,) = lines(site)
    line = line_of(site, "content/region/2026/chehui.md", "'on':")
    assert found.startswith(f"content/region/2026/chehui.md:{line}: withdrawn.on 2026-12-01 is after today")
    assert lines(site, dt.date(2026, 12, 1)) == []  # never the other way round: see the next test


def test_a_site_with_withdrawals_and_change_notes_stays_sound_as_the_clock_advances(site: SiteWriter) -> None:
    site.write("content/region/2026/fujian.pdf", b"%PDF-1.4\n")
    site.item("region/2026/chehui.md", status="withdrawn", withdrawn=WITHDRAWN, attachments=["fujian.pdf"])
    site.item("region/2026/gengzheng.md", corrects="region/2026/chehui", date="2026-04-02")
    site.item("region/2026/xin.md", moved_from=["region/2025/jiu"], changes=[{"on": "2026-05-01", "note": "补充"}])
    for days in (0, 1, 40, 400, 4000):
        assert lines(site, CLOCK + dt.timedelta(days=days)) == [], days


# ------------------------------------------------------------------ change notes


def test_a_change_note_before_publication_or_after_today_is_reported_at_its_date(site: SiteWriter) -> None:
    changes = [{"on": "2026-03-01", "note": "发布前的修改"}, {"on": "2026-12-24", "note": "未来的修改"}]
    site.item("region/2026/a.md", changes=changes)
    rel = "content/region/2026/a.md"
    text = (site.root / rel).read_text("utf-8").splitlines()
    first, second = (i for i, line in enumerate(text, 1) if line.startswith("- 'on':"))
    assert lines(site) == [
        f"{rel}:{first}: the change note of 2026-03-01 is dated before the item's date 2026-03-05 [Art. 26] — "
        "date it on or after 2026-03-05: an edit before publication needs no note",
        f"{rel}:{second}: the change note of 2026-12-24 is dated after today (2026-11-20) [Art. 26] — "
        "date it on the day the change is published (today or earlier)",
    ]


def test_a_change_note_must_be_a_list_of_dated_notes(site: SiteWriter) -> None:
    site.item("region/2026/a.md", changes="改了一处")
    site.item(
        "region/2026/b.md", changes=[{"on": "2026-04-01"}, "改了", {"on": "2026-04-02", "note": "好", "by": "我"}]
    )
    found = lines(site)
    assert any("content/region/2026/a.md" in f and "'changes' must be a list of change notes" in f for f in found)
    assert any("content/region/2026/b.md" in f and "missing required field 'note'" in f for f in found), found
    assert any("a change note must be a mapping of 'on' and 'note'" in f for f in found), found
    assert any("unknown field 'by' in a change note" in f for f in found), found


def test_a_page_has_no_change_notes_or_withdrawal(site: SiteWriter) -> None:
    site.write(
        "content/about.md",
        "---\ntype: page\nscope: public\ntitle: 关于\nchanges: [{on: 2026-04-01, note: 改}]\n---\n\n关于。\n",
    )
    (found,) = lines(site)
    assert found.startswith("content/about.md:5: unknown field 'changes' in a page")


# ------------------------------------------------------------------ old addresses (moved_from)


def test_moved_from_is_read_as_a_path_under_content_in_any_of_its_forms(site: SiteWriter) -> None:
    olds = ["region/2025/a", "region/2025/b.md", "/region/2025/c/", "region/2025/d/"]
    site.item("region/2026/x.md", moved_from=olds)
    assert lines(site) == []
    doc = next(d for d in load_site(site.root).documents if d.path == "region/2026/x.md")
    assert doc.moved_from == ("region/2025/a.md", "region/2025/b.md", "region/2025/c.md", "region/2025/d.md")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("../outside", "which is not a path of a file under content/"),
        ("region//x", "which is not a path of a file under content/"),
        ("region/.git/x", "which is not a path of a file under content/"),
        ("https://example.org/x", "which is not a path of a file under content/"),
        ("region/x?y=1", "which is not a path of a file under content/"),
        ("content/region/x", "a path that starts with content/"),
    ],
)
def test_moved_from_that_is_no_path_under_content_is_reported_at_its_line(
    site: SiteWriter, written: str, message: str
) -> None:
    site.item("region/2026/x.md", moved_from=[written])
    (found,) = lines(site)
    line = line_of(site, "content/region/2026/x.md", "moved_from")
    assert found.startswith(f"content/region/2026/x.md:{line}: moved_from lists") and message in found, found


def test_moved_from_may_not_name_the_pages_own_address(site: SiteWriter) -> None:
    site.item("region/2026/x.md", moved_from=["region/2026/x/"])
    (found,) = lines(site)
    assert "this page's own address /region/2026/x/" in found


@pytest.mark.parametrize(
    ("rel", "fields"),
    [
        (
            "region/2026/dangnei.md",
            {"entry": "party-long", "title": "党内事项"},
        ),  # hidden from the claimant's public readers
        ("region/2026/caogao.md", {"status": "draft"}),  # a draft: the address is its own once it is published
        ("region/2026/chehui.md", {"status": "withdrawn", "withdrawn": WITHDRAWN}),  # its notice stands there
        ("region/2026/weilai.md", {"date": "2027-01-05"}),  # embargoed
    ],
)
def test_moved_from_may_not_take_the_address_of_another_item_whatever_its_scope_or_status(
    site: SiteWriter, rel: str, fields: dict
) -> None:
    site.item(rel, **fields)
    site.item("region/2026/x.md", moved_from=[rel[:-3]])
    found = lines(site)
    line = line_of(site, "content/region/2026/x.md", "moved_from")
    expected = (
        f"content/region/2026/x.md:{line}: moved_from lists {rel[:-3]}, the address /{rel[:-3]}/ of content/{rel}"
    )
    assert any(f.startswith(expected) for f in found), found


def test_moved_from_may_not_take_the_address_of_a_page_in_another_case(site: SiteWriter) -> None:
    site.write("content/about.md", "---\ntype: page\nscope: public\ntitle: 关于\n---\n\n关于。\n")
    site.item("region/2026/x.md", moved_from=["About"])
    (found,) = lines(site)
    assert "moved_from lists About, the address /about/ of content/about.md" in found


def test_moved_from_may_not_take_the_home_pages_address(site: SiteWriter) -> None:
    site.item("region/2026/x.md", moved_from=["index"])
    (found,) = lines(site)
    assert "moved_from lists index, the address / of content/index.md" in found
    (site.root / "content/index.md").unlink()  # the generated home page stands there then
    (found,) = lines(site)
    assert "moved_from lists the home page's address /" in found


@pytest.mark.parametrize("written", ["orgs/region", "compliance/region/2026", "search", "pagefind/x", "assets/x"])
def test_moved_from_may_not_take_an_address_the_site_generates(site: SiteWriter, written: str) -> None:
    site.item("region/2026/x.md", moved_from=[written])
    (found,) = lines(site)
    assert found.startswith("content/region/2026/x.md:") and "an address the site generates" in found, found


def test_moved_from_may_not_take_an_attachments_place(site: SiteWriter) -> None:
    site.write("content/region/2026/fujian.pdf", b"%PDF-1.4\n")
    site.item("region/2026/a.md", attachments=["fujian.pdf"])
    site.item("region/2026/x.md", moved_from=["region/2026/fujian.pdf"])
    (found,) = lines(site)
    assert "where content/region/2026/a.md publishes an attachment" in found


def test_an_old_address_is_claimed_by_one_page_only(site: SiteWriter) -> None:
    site.item("region/2026/a.md", moved_from=["region/2025/jiu"])
    site.item("region/2026/b.md", entry="party-long", moved_from=["region/2025/jiu"])
    (found,) = lines(site)
    assert found.startswith("content/region/2026/b.md:") and "which content/region/2026/a.md lists too" in found


def test_a_page_variant_has_no_old_addresses_of_its_own(site: SiteWriter) -> None:
    site.write("content/about.md", "---\ntype: page\nscope: public\ntitle: 关于\n---\n\n关于。\n")
    site.write(
        "content/about.party.md",
        "---\ntype: page\nscope: party\ntitle: 关于\nreplaces: about.md\nmoved_from: [guanyu]\n---\n\n党内。\n",
    )
    (found,) = lines(site)
    assert found.startswith("content/about.party.md:6: a page variant has no address of its own")


# ------------------------------------------------------------------ what the notice and notes may say


def test_a_withdrawal_reason_may_not_name_a_hidden_items_address(site: SiteWriter) -> None:
    site.item("region/2026/neibu-tongzhi.md", entry="party-long")
    reason = {"on": "2026-04-01", "reason": "已并入 neibu-tongzhi 统一发布"}
    site.item("region/2026/chehui.md", status="withdrawn", withdrawn=reason)
    (found,) = lines(site)
    line = line_of(site, "content/region/2026/chehui.md", "reason:")
    assert found.startswith(f"content/region/2026/chehui.md:{line}: mentions 'neibu-tongzhi'"), found


def test_a_change_note_may_not_name_a_hidden_items_address(site: SiteWriter) -> None:
    site.item("region/2026/neibu-tongzhi.md", entry="party-long")
    site.item("region/2026/a.md", changes=[{"on": "2026-04-01", "note": "依据 neibu-tongzhi 修改"}])
    (found,) = lines(site)
    line = line_of(site, "content/region/2026/a.md", "note:")
    assert found.startswith(f"content/region/2026/a.md:{line}: mentions 'neibu-tongzhi'"), found


def test_a_correction_of_a_withdrawn_item_is_sound_where_its_notice_stands(site: SiteWriter) -> None:
    site.item("region/2026/chehui.md", status="withdrawn", withdrawn=WITHDRAWN)
    site.item("region/2026/gengzheng.md", corrects="region/2026/chehui", date="2026-04-02")
    assert lines(site) == []
    # Withdrawn the day before its date, it was never published: the correction points at nothing.
    site.item("region/2026/chehui.md", status="withdrawn", withdrawn={"on": "2026-03-04", "reason": "发布前撤回"})
    (found,) = lines(site)
    assert "content/region/2026/gengzheng.md" in found and "withdrawn" in found and "[Art. 26]" in found


# ------------------------------------------------------------------ who sees a notice


def _item(site: SiteWriter, **fields: object):  # noqa: ANN202 - the loaded Document
    site.item("region/2026/chehui.md", status="withdrawn", **fields)
    return next(d for d in load_site(site.root).documents if d.path == "region/2026/chehui.md")


@pytest.mark.parametrize(
    ("fields", "leaves"),
    [
        ({"withdrawn": WITHDRAWN}, True),
        ({"withdrawn": {"on": "2026-03-05", "reason": "当天撤回"}}, True),  # withdrawn on its day: it was out
        ({"withdrawn": {"on": "2026-03-04", "reason": "发布前撤回"}}, False),  # before its date
        ({"withdrawn": {"on": "2026-03-01", "reason": "批准前撤回"}, "date": "2026-03-01"}, False),  # before approval
        ({"withdrawn": WITHDRAWN, "approval": None}, False),  # never approved
        ({"withdrawn": WITHDRAWN, "approval": {"proposed_by": "甲", "approved_on": "2026-03-02"}}, False),
        (
            {
                "withdrawn": WITHDRAWN,
                "approval": {
                    "proposed_by": "甲",
                    "reviewed_by": "乙",
                    "reviewed_on": "2026-03-01",
                    "secrecy_review": "pending",
                    "approved_by": "丙",
                    "approved_on": "2026-03-02",
                },
            },
            False,  # the secrecy review never passed: it could not have been built
        ),
    ],
)
def test_only_an_item_that_had_been_published_leaves_a_notice(site: SiteWriter, fields: dict, leaves: bool) -> None:
    assert leaves_notice(_item(site, **fields)) is leaves


def test_a_notice_is_shown_exactly_in_the_builds_that_showed_the_item(site: SiteWriter) -> None:
    site.item("region/2026/gongkai.md", title="公开")
    site.item("banner/2026/dangnei.md", org="banner", entry="party-long", status="withdrawn", withdrawn=WITHDRAWN)
    site.item("banner/2026/benshan.md", org="banner", entry="unit-long", status="withdrawn", withdrawn=WITHDRAWN)
    site.item(
        "banner/2026/teding.md",
        org="banner",
        entry="spec-now",
        audience=["soe"],
        status="withdrawn",
        withdrawn=WITHDRAWN,
    )
    loaded = load_site(site.root)
    assert validate(loaded, CLOCK) == []
    expected = {
        "banner/2026/dangnei.md": {"party", *(f"unit:{o['id']}" for o in ORGS)},
        "banner/2026/benshan.md": {"unit:banner", "unit:town", "unit:village"},
        "banner/2026/teding.md": {"unit:soe"},
    }
    for audience in every_audience(loaded.registry):
        pub = publish(loaded, audience, CLOCK)
        shown = {d.path for d in pub.notices}
        assert shown == {p for p, where in expected.items() if str(audience) in where}, audience
        assert not shown & pub.paths()  # a notice is never also the item's page
        assert not {p for d in pub.notices for p in d.attachment_paths()} & pub.attachments


def test_an_item_that_expired_before_it_was_withdrawn_leaves_a_notice_only_in_the_intranet(site: SiteWriter) -> None:
    site.item(
        "region/2026/chehui.md",
        entry="pub-now",
        expires="2026-03-20",
        status="withdrawn",
        withdrawn={"on": "2026-04-01", "reason": "到期后撤回"},
    )
    loaded = load_site(site.root)
    doc = loaded.documents[-1]
    assert not notice_shown(doc, Audience("public"), loaded.registry)
    assert notice_shown(doc, Audience("party"), loaded.registry)
    assert [d.path for d in publish(loaded, Audience("public"), CLOCK).notices] == []


def test_a_reference_to_a_moved_items_old_number_says_how_to_keep_it(site: SiteWriter) -> None:
    """A file moved without `id:` takes its new path as its number; who names the old one is told why."""
    site.item("region/2026/xin.md", title="搬家的事项", moved_from=["region/2025/jiu"])
    site.item("region/2026/jiedu.md", title="解读", interprets="region/2025/jiu")
    (found,) = lines(site)
    line = line_of(site, "content/region/2026/jiedu.md", "interprets")
    assert found.startswith(f"content/region/2026/jiedu.md:{line}: 'interprets' names unknown item 'region/2025/jiu'")
    assert "content/region/2026/xin.md moved from region/2025/jiu" in found
    assert "write id: region/2025/jiu in it" in found
    site.item("region/2026/xin.md", title="搬家的事项", moved_from=["region/2025/jiu"], id="region/2025/jiu")
    assert lines(site) == []
