"""Atom feeds (SPEC §8): site-wide and per organization, visible items only, absolute links."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from sitegen import SiteWriter, build

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC_URL = "https://dwgk.example.gov.cn/"
INTRANET_URL = "http://dwgk.dj.nmg/"


def write_items(site: SiteWriter) -> None:
    site.item("region/2026/a.md", title="自治区公开事项 & <甲>", date="2026-03-05")
    site.item("league/2026/b.md", org="league", title="盟委公开事项", date="2026-04-01")
    site.item("region/2026/party.md", entry="party-long", title="自治区党内事项", date="2026-05-01")
    site.item("region/2026/unit.md", entry="unit-long", title="自治区本单位事项", date="2026-05-02")
    site.item("region/2026/later.md", title="尚未发布的事项", date="2026-12-30")


def feed(site_dir: Path, path: str) -> ET.Element:
    return ET.fromstring((site_dir / path).read_bytes())  # raises on anything that is not XML


def entries(root: ET.Element) -> list[tuple[str, str]]:
    return [(e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href")) for e in root.findall(f"{ATOM}entry")]


def test_the_public_feed_parses_and_holds_only_public_live_items_newest_first(site: SiteWriter) -> None:
    write_items(site)
    root = feed(build(site.root, "public"), "feed.xml")
    assert root.tag == f"{ATOM}feed"
    assert entries(root) == [
        ("盟委公开事项", PUBLIC_URL + "league/2026/b/"),
        ("自治区公开事项 & <甲>", PUBLIC_URL + "region/2026/a/"),
    ]
    assert root.findtext(f"{ATOM}updated") == "2026-04-01T00:00:00+08:00"


def test_every_link_of_every_feed_is_absolute_on_the_site_url(site: SiteWriter) -> None:
    write_items(site)
    out = build(site.root, "public")
    feeds = sorted(out.rglob("feed.xml"))
    assert {p.relative_to(out).as_posix() for p in feeds} >= {
        "feed.xml",
        "orgs/region/feed.xml",
        "orgs/league/feed.xml",
    }
    for path in feeds:
        root = feed(out, path.relative_to(out).as_posix())
        hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")] + [i.text for i in root.iter(f"{ATOM}id")]
        assert hrefs
        for href in hrefs:
            parts = urlsplit(href)
            assert (parts.scheme, parts.netloc) == ("https", "dwgk.example.gov.cn"), (path, href)
    self_link = [
        link.get("href") for link in feed(out, "orgs/league/feed.xml").iter(f"{ATOM}link") if link.get("rel") == "self"
    ]
    assert self_link == [PUBLIC_URL + "orgs/league/feed.xml"]


def test_an_organization_feed_holds_only_that_organizations_items(site: SiteWriter) -> None:
    write_items(site)
    out = build(site.root, "public")
    assert [t for t, _ in entries(feed(out, "orgs/league/feed.xml"))] == ["盟委公开事项"]
    assert [t for t, _ in entries(feed(out, "orgs/region/feed.xml"))] == ["自治区公开事项 & <甲>"]


def test_the_party_feed_adds_party_items_with_links_on_the_intranet_address(site: SiteWriter) -> None:
    write_items(site)
    out = build(site.root, "party")
    titles = [t for t, _ in entries(feed(out, "feed.xml"))]
    assert titles == ["自治区党内事项", "盟委公开事项", "自治区公开事项 & <甲>"]
    assert all(href.startswith(INTRANET_URL) for _, href in entries(feed(out, "feed.xml")))
    unit = build(site.root, "unit:region")
    assert "自治区本单位事项" in [t for t, _ in entries(feed(unit, "orgs/region/feed.xml"))]


def test_hidden_and_embargoed_titles_are_in_no_feed(site: SiteWriter) -> None:
    write_items(site)
    out = build(site.root, "public")
    text = "\n".join(p.read_text("utf-8") for p in out.rglob("feed.xml"))
    for hidden in ("自治区党内事项", "自治区本单位事项", "尚未发布的事项"):
        assert hidden not in text


def test_every_page_announces_the_site_feed(site: SiteWriter) -> None:
    site.item("region/2026/a.md", title="事项")
    out = build(site.root, "public")
    for page in ("index.html", "region/2026/a/index.html", "orgs/region/index.html"):
        html = (out / page).read_text("utf-8")
        assert 'type="application/atom+xml"' in html and "feed.xml" in html
