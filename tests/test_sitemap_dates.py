"""The sitemap's lastmod is each page's own date (issue 11, point 8), not the day of the build."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sitegen import CLOCK_EPOCH, SiteWriter, build


def lastmods(out: Path) -> dict[str, str]:
    xml = (out / "sitemap.xml").read_text("utf-8")
    return dict(re.findall(r"<loc>[^<]*?//[^/]+/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", xml))


def test_an_item_s_lastmod_is_its_date_and_an_organization_s_its_newest_item(site: SiteWriter) -> None:
    site.item("region/2026/old.md", org="region", date="2026-03-03")
    site.item("region/2026/new.md", org="region", date="2026-05-06")
    site.item("league/2026/one.md", org="league", date="2026-04-01")
    found = lastmods(build(site.root, "public"))
    clock = dt.datetime.fromtimestamp(int(CLOCK_EPOCH), dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    assert found["region/2026/old/"] == "2026-03-03"
    assert found["region/2026/new/"] == "2026-05-06"
    assert found["orgs/region/"] == "2026-05-06" and found["orgs/league/"] == "2026-04-01"
    assert found[""] == clock  # the home page changes with what it lists
    assert found["orgs/banner/"] == clock  # no items: the day of the build
