"""Calls for opinions (征求意见, Art. 22): deadline, channel and open/closed at the build clock."""

from __future__ import annotations

import datetime as dt

import pytest
from sitegen import CLOCK, CLOCK_EPOCH, SiteWriter, build

from site_plugins.audience import build_clock
from site_plugins.prepare import prepare
from site_plugins.render import View, item_panel

CHANNEL = "电子邮箱 yijian@example.gov.cn，或来信寄至自治区党委办公厅"


def panel_for(site: SiteWriter, until: str) -> str:
    site.item("region/2026/call.md", title="关于征求意见的公告", consultation={"until": until, "channel": CHANNEL})
    prepared = prepare(site.root, "public", CLOCK)
    assert prepared.publication is not None, prepared.problems
    view = View(prepared.publication, prepared.site.registry)
    doc = next(d for d in prepared.publication.items() if d.path == "region/2026/call.md")
    return item_panel(doc, view)


@pytest.mark.parametrize("until", [str(CLOCK + dt.timedelta(days=10)), str(CLOCK)])
def test_a_consultation_whose_deadline_has_not_passed_is_open(site: SiteWriter, until: str) -> None:
    panel = panel_for(site, until)
    assert '<span class="disclosure-consultation disclosure-consultation--open">征求意见中</span>' in panel
    assert f"截止 {until}" in panel
    assert "意见反馈渠道：电子邮箱 yijian@example.gov.cn，或来信寄至自治区党委办公厅" in panel


def test_a_consultation_whose_deadline_has_passed_is_closed(site: SiteWriter) -> None:
    until = str(CLOCK - dt.timedelta(days=1))
    panel = panel_for(site, until)
    assert '<span class="disclosure-consultation disclosure-consultation--closed">已截止</span>' in panel
    assert "征求意见中" not in panel
    assert f"截止 {until}" in panel


def test_the_built_page_shows_the_state_at_the_build_clock(site: SiteWriter) -> None:
    site.item(
        "region/2026/call.md", title="关于征求意见的公告", consultation={"until": "2026-11-25", "channel": CHANNEL}
    )
    before = build(site.root, "public", epoch=CLOCK_EPOCH)  # 2026-11-20: open
    assert "征求意见中" in (before / "region/2026/call/index.html").read_text("utf-8")
    after_deadline = str(int(CLOCK_EPOCH) + 10 * 86400)  # 2026-11-30: closed
    after = build(site.root, "public", epoch=after_deadline)
    html = (after / "region/2026/call/index.html").read_text("utf-8")
    assert "已截止" in html and "征求意见中" not in html


def test_the_channel_is_escaped_as_text(site: SiteWriter) -> None:
    site.item(
        "region/2026/call.md", title="公告", consultation={"until": "2026-12-01", "channel": "<script>x</script> 信箱"}
    )
    prepared = prepare(site.root, "public", CLOCK)
    assert prepared.publication is not None
    doc = prepared.publication.items()[0]
    panel = item_panel(doc, View(prepared.publication, prepared.site.registry))
    assert "<script>" not in panel and "&lt;script&gt;x&lt;/script&gt; 信箱" in panel


def test_the_clock_of_a_build_is_the_day_of_source_date_epoch_in_china_time() -> None:
    # 2026-11-20 20:00 UTC is already 2026-11-21 in Beijing: the deadline day follows China time.
    late_utc = str(int(dt.datetime(2026, 11, 20, 20, tzinfo=dt.UTC).timestamp()))
    assert build_clock({"SOURCE_DATE_EPOCH": late_utc}) == dt.date(2026, 11, 21)
