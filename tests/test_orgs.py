"""Organization pages, the organization index, the compliance dashboard, annual reports and
`disclose report`, built from a generated region of the real shape (1 region, 12 leagues,
about 100 banners, townships and villages under them)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sitegen import APPROVAL, CLOCK, CLOCK_EPOCH, ENTRIES, SiteWriter, build, dump

GRACE = 30


def region_orgs(rng: random.Random) -> list[dict]:
    orgs = [
        {"id": "r", "name": "自治区党委", "kind": "committee", "level": "region"},
        {"id": "r-jw", "name": "自治区纪委监委", "kind": "discipline", "level": "region", "parent": "r"},
        {
            "id": "r-soe",
            "name": "自治区某集团党委",
            "kind": "grassroots",
            "level": "unit",
            "sector": "soe",
            "parent": "r",
        },
    ]
    banner_count = 0
    for league in range(1, 13):
        lid = f"l{league:02d}"
        orgs.append({"id": lid, "name": f"第{league}盟委", "kind": "committee", "level": "league", "parent": "r"})
        for banner in range(1, 10 if league <= 4 else 9):
            bid = f"{lid}-b{banner}"
            banner_count += 1
            orgs.append(
                {
                    "id": bid,
                    "name": f"第{league}盟第{banner}旗委",
                    "kind": "committee",
                    "level": "banner",
                    "parent": lid,
                }
            )
            if rng.random() < 0.25:
                tid = f"{bid}-t1"
                orgs.append(
                    {
                        "id": tid,
                        "name": f"{bid}镇党委",
                        "kind": "grassroots",
                        "level": "township",
                        "sector": "township",
                        "parent": bid,
                    }
                )
                orgs.append(
                    {
                        "id": f"{tid}-v1",
                        "name": f"{bid}嘎查党支部",
                        "kind": "grassroots",
                        "level": "village",
                        "sector": "village",
                        "parent": tid,
                    }
                )
    assert 96 <= banner_count <= 110
    return orgs


def quarter_before(clock: dt.date, back: int) -> str:
    index = clock.year * 4 + (clock.month - 1) // 3 - back
    return f"{index // 4}-Q{index % 4 + 1}"


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteWriter, dict[str, str]]:
    """A region where each league's quarterly entry is 0–3 quarters behind; returns the
    expected state of every league's quarterly entry, computed by hand."""
    rng = random.Random(7)
    orgs = region_orgs(rng)
    site = SiteWriter(tmp_path_factory.mktemp("region") / "src", orgs=orgs)
    expected: dict[str, str] = {}
    # At 2026-11-20 with 30 days' grace, 2026-Q3 (ended 2026-09-30) is the due quarter.
    for league in [o["id"] for o in orgs if o["level"] == "league"]:
        back = rng.randint(1, 4)
        covers = quarter_before(CLOCK, back)  # back=1 → 2026-Q3 (the due quarter): ok
        site.item(f"{league}/q.md", org=league, entry="pub-q", covers=covers, title=f"{league}季度通报")
        expected[league] = "ok" if back == 1 else "overdue"
    site.item("l01/party.md", org="l01", entry="party-long", title="第1盟党内事项zqorgcanary")
    site.item("l01/pub2.md", org="l01", entry="pub-long", title="第1盟公开事项")
    outside = site.item_fields(org="l02", entry=None, timing="immediate", title="第2盟目录外事项")
    outside["approval"]["superior"]["org"] = "r"
    site.item("l02/outside.md", entry=None, **outside)
    site.item(
        "l02/consult.md",
        org="l02",
        entry="pub-now",
        title="第2盟征求意见",
        consultation={"until": "2026-12-31", "channel": "信箱"},
    )
    # One catalog filed with the wrong superior, one organization without a catalog.
    site.catalog("l03-b1", filed_with="r")
    (site.root / "catalogs/l04-b1.yml").unlink()
    return site, expected


@pytest.fixture(scope="module")
def public(region: tuple[SiteWriter, dict]) -> Path:
    return build(region[0].root, "public")


@pytest.fixture(scope="module")
def party(region: tuple[SiteWriter, dict]) -> Path:
    return build(region[0].root, "party")


def test_every_organization_has_a_page_reachable_from_the_index(region: tuple[SiteWriter, dict], public: Path) -> None:
    site, _ = region
    index = (public / "orgs/index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', index))
    # The index lists the region's, leagues' and banners' organizations (INDEX_LEVELS); the
    # others are on their superior's page: every page is reached by following links.
    tree = {"region", "league", "banner"}
    for org in site.orgs:
        assert (public / "orgs" / org["id"] / "index.html").exists()
        assert (f"{org['id']}/" in links) == (org["level"] in tree), org["id"]
    reached, queue = set(), [org["id"] for org in site.orgs if org["level"] in tree]
    while queue:
        org_id = queue.pop()
        if org_id in reached:
            continue
        reached.add(org_id)
        page = (public / "orgs" / org_id / "index.html").read_text(encoding="utf-8")
        queue += re.findall(r'href="\.\./([a-z0-9-]+)/"', page)
    assert reached == {org["id"] for org in site.orgs}
    home = (public / "index.html").read_text(encoding="utf-8")
    assert 'href="orgs/"' in home  # home → 组织机构 → organization


def test_the_index_is_a_tree_by_level_with_visible_counts(public: Path, party: Path) -> None:
    pub = (public / "orgs/index.html").read_text(encoding="utf-8")
    pub = pub[pub.index("组织结构") :]  # the tree, after the name search's list of leagues
    assert pub.index("自治区党委") < pub.index("第1盟委") < pub.index("第1盟第1旗委")
    count = lambda html: re.search(r"第1盟委</a> <small>[^<]*· (\d+) 项", html).group(1)  # noqa: E731
    assert count(pub) == "2"  # quarterly + public; the party item is not counted
    assert count((party / "orgs/index.html").read_text(encoding="utf-8")) == "3"


def test_the_sidebar_stays_small_with_hundreds_of_organizations(region: tuple[SiteWriter, dict], public: Path) -> None:
    page = (public / "orgs/l01-b1/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="md-nav__link', page)) < 40
    assert len(page) < 60_000


def test_an_org_page_shows_its_place_catalog_and_items(public: Path) -> None:
    html = (public / "orgs/l01/index.html").read_text(encoding="utf-8")
    assert "自治区党委" in html  # chain of superiors
    assert "第1盟第1旗委" in html  # subordinates
    assert "2026-01-10 讨论通过" in html and "2026-01-15 报自治区党委备案" in html
    assert "第1盟公开事项" in html and "公开季度事项" in html
    assert "党内长期事项" not in html and "本单位长期事项" not in html  # party/unit entries are not named
    assert "zqorgcanary" not in html


def test_the_party_build_names_party_entries_but_not_unit_ones(party: Path) -> None:
    html = (party / "orgs/l01/index.html").read_text(encoding="utf-8")
    assert "党内长期事项" in html and "zqorgcanary" in html
    assert "本单位长期事项" not in html and "特定对象事项" not in html


def test_public_builds_have_no_dashboard_or_reports(public: Path) -> None:
    assert not (public / "compliance").exists()
    assert "compliance/" not in (public / "index.html").read_text(encoding="utf-8")


def dashboard_rows(party: Path) -> dict[str, str]:
    """Every organization's row, from every page of the drill-down (not the annual reports)."""
    rows: dict[str, str] = {}
    for page in party.glob("compliance/**/index.html"):
        if not page.parent.name.isdigit():
            html = page.read_text(encoding="utf-8")
            found = re.findall(r'<tr class="dashboard-row[^"]*" data-org="([^"]+)"[^>]*>(.*?)</tr>', html, re.S)
            assert not set(rows) & {org for org, _ in found}, page  # each organization on one page
            rows.update(found)
    return rows


def test_the_dashboard_states_each_organizations_compliance(region: tuple[SiteWriter, dict], party: Path) -> None:
    site, expected = region
    rows = dashboard_rows(party)
    assert set(rows) == {o["id"] for o in site.orgs}
    for league, state in expected.items():
        cell = re.search(r'<td data-label="逾期事项"[^>]*>(.*?)</td>', rows[league], re.S)
        assert cell is not None
        overdue = "<li>公开季度事项</li>" in cell[1]
        assert overdue == (state == "overdue"), league
        assert ("逾期 1 项" in cell[1]) == overdue, league  # marked in words, not by colour alone
    assert "✘ 备案对象有误" in rows["l03-b1"] and "✘ 无目录" in rows["l04-b1"]  # wrong superior; no catalog
    assert "第2盟目录外事项" in rows["l02"]
    html = (party / "compliance/index.html").read_text(encoding="utf-8")
    assert 'id="filter-level"' in html  # the region's own organs and units
    assert 'href="l05/"' in html and 'data-league="l05"' in (party / "compliance/l05/index.html").read_text("utf-8")


def test_annual_reports_exist_per_organization_and_year(party: Path) -> None:
    html = (party / "compliance/l02/2026/index.html").read_text(encoding="utf-8")
    assert "2026年度党务公开情况" in html
    assert "第2盟征求意见" in html  # consultations held
    assert "第2盟目录外事项" in html
    report = (party / "compliance/l05/2026/index.html").read_text(encoding="utf-8")
    assert "逾期未公开的定期事项" in report


def run_report(root: Path, *args: str) -> str:
    env = {"SOURCE_DATE_EPOCH": CLOCK_EPOCH, "PATH": "/usr/bin:/bin", "HOME": str(root)}
    result = subprocess.run(
        [sys.executable, "-m", "site_plugins.cli", "--root", str(root), "report", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_report_csv_states_agree_with_an_independent_computation(region: tuple[SiteWriter, dict]) -> None:
    site, expected = region
    rows = list(csv.DictReader(io.StringIO(run_report(site.root, "--csv"))))
    assert list(rows[0]) == ["org", "entry", "timing", "newest", "state"]
    by_key = {(r["org"], r["entry"]): r for r in rows}
    for league, state in expected.items():
        assert by_key[(league, "pub-q")]["state"] == state, league
    # Every other periodic or unfilled entry of every catalog is empty; nothing else is overdue.
    for (org, entry), row in by_key.items():
        if entry == "pub-q" and org in expected:
            continue
        has_items = (org, entry) in {("l01", "party-long"), ("l01", "pub-long"), ("l02", "pub-now")}
        assert row["state"] == ("ok" if has_items else "empty"), (org, entry, row)
    assert not any(r["org"] == "l04-b1" for r in rows)  # no catalog, no entries


def test_report_table_and_filters(region: tuple[SiteWriter, dict]) -> None:
    site, _ = region
    table = run_report(site.root, "--org", "l02", "--year", "2026")
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["组织", "目录"]
    # Organizations by name, as supervisors know them (not by id).
    assert {line.split()[0] for line in lines[2:]} == {
        o["name"] for o in site.orgs if o["id"] == "l02" or o["id"].startswith("l02-")
    }


def test_the_catalog_rules_fixture_is_what_it_claims() -> None:
    assert {e["id"] for e in ENTRIES} >= {"pub-q", "party-long", "unit-long"}
    assert APPROVAL["secrecy_review"] == "passed"
    assert dump({"a": 1}) == "a: 1\n"


def test_an_organization_with_thousands_of_subordinates_lists_them_on_pages_of_their_own(tmp_path: Path) -> None:
    """An organs' work committee has thousands of branches: its page names the first
    SUBORDINATES_SHOWN and links pages of all of them, so no page grows with the region."""
    from sitegen import ORGS

    from site_plugins.render.orgs import SUBORDINATES_PER_PAGE, SUBORDINATES_SHOWN

    many = SUBORDINATES_PER_PAGE + 5
    branches = [
        {
            "id": f"jg-{n:04d}",
            "name": f"第{n}机关党支部",
            "kind": "grassroots",
            "level": "unit",
            "sector": "agency",
            "parent": "region",
        }
        for n in range(many)
    ]
    site = SiteWriter(tmp_path / "src", orgs=[*ORGS, *branches])
    out = build(site.root, "public")
    page = (out / "orgs/region/index.html").read_text(encoding="utf-8")
    named = set(re.findall(r'href="\.\./(jg-\d{4})/"', page))
    assert len(named) == SUBORDINATES_SHOWN
    total = sum(1 for o in [*ORGS, *branches] if o.get("parent") == "region")
    assert 'href="subordinates/1/"' in page and f"全部 {total} 个下级组织" in page
    listed: set[str] = set()
    for n in (1, 2):
        sub = (out / f"orgs/region/subordinates/{n}/index.html").read_text(encoding="utf-8")
        listed |= set(re.findall(r'href="\.\./\.\./\.\./(jg-\d{4})/"', sub))
        assert len(sub) < 300_000
        assert f'aria-current="page">第 {n} 页' in sub
    assert listed == {b["id"] for b in branches}
    assert not (out / "orgs/region/subordinates/3").exists()
    assert not (out / "orgs/league/subordinates").exists()  # a few subordinates: no such page
