"""Above `sitemap_urls` (the protocol's 50,000) sitemap.xml is an index of sitemap files (issue 12 point 3).

Built with a limit of 3 URLs: the index's files hold, in order, exactly the URLs and
lastmods the one-file sitemap of the same build has — only pages the audience may see — and
every file passes the output check (the build would fail otherwise).
"""

from __future__ import annotations

import gzip
import math
import shutil
import xml.etree.ElementTree as ET  # noqa: N817
from pathlib import Path

import pytest
from sitegen import SiteWriter, build

from site_plugins.engine import load_config
from site_plugins.plugins.sitemaps import NAMESPACE

NS = {"s": NAMESPACE}


def configure(root: Path, extra: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("      search: pagefind\n", "      search: none\n" + extra)
    config.write_text(text, "utf-8")


def urls_of(sitemap: Path) -> list[tuple[str, str | None]]:
    root = ET.parse(sitemap).getroot()
    assert root.tag == f"{{{NAMESPACE}}}urlset"
    return [(u.findtext("s:loc", namespaces=NS) or "", u.findtext("s:lastmod", namespaces=NS)) for u in root]


@pytest.fixture
def region(site: SiteWriter) -> SiteWriter:
    for number in range(4):
        site.item(f"region/2026/public-{number}.md", org="region", date=f"2026-0{number + 3}-05")
    site.item("league/2026/party-only.md", org="league", entry="party-long", title="党内事项")
    return site


def test_a_build_with_more_pages_than_the_limit_publishes_an_index_of_sitemaps_of_the_same_urls(
    region: SiteWriter, tmp_path: Path
) -> None:
    whole = tmp_path / "whole"
    shutil.copytree(region.root, whole)
    configure(whole, "")
    expected = urls_of(build(whole, "public") / "sitemap.xml")
    assert len(expected) > 6  # pages of items, organizations, print sheets, columns, home
    assert not any("party-only" in loc for loc, _ in expected)

    configure(region.root, "      sitemap_urls: 3\n")
    out = build(region.root, "public")
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == f"{{{NAMESPACE}}}sitemapindex"
    entries = [(e.findtext("s:loc", namespaces=NS), e.findtext("s:lastmod", namespaces=NS)) for e in index]
    assert len(entries) == math.ceil(len(expected) / 3)
    found: list[tuple[str, str | None]] = []
    for number, (loc, lastmod) in enumerate(entries, start=1):
        assert loc == f"https://dwgk.example.gov.cn/sitemap-{number}.xml"
        part = urls_of(out / f"sitemap-{number}.xml")
        assert 1 <= len(part) <= 3
        assert lastmod == max(d for _, d in part if d)
        found += part
    assert found == expected  # the same URLs, in the same order, with the same dates
    assert gzip.decompress((out / "sitemap.xml.gz").read_bytes()) == (out / "sitemap.xml").read_bytes()
    assert not (out / f"sitemap-{len(entries) + 1}.xml").exists()


def test_the_parts_list_only_what_the_audience_may_see(region: SiteWriter) -> None:
    configure(region.root, "      sitemap_urls: 3\n")
    public = build(region.root, "public")
    party = build(region.root, "party")

    def locs(out: Path) -> list[str]:
        return [loc for part in sorted(out.glob("sitemap-*.xml")) for loc, _ in urls_of(part)]

    assert not any("party-only" in loc for loc in locs(public))
    assert any("league/2026/party-only/" in loc for loc in locs(party))


def test_the_same_sources_give_the_same_sitemap_files(region: SiteWriter) -> None:
    configure(region.root, "      sitemap_urls: 3\n")
    first = build(region.root, "public")
    files = {p.name: p.read_bytes() for p in first.glob("sitemap*")}
    second = build(region.root, "public")
    assert {p.name: p.read_bytes() for p in second.glob("sitemap*")} == files


def test_a_limit_above_the_protocols_is_refused(region: SiteWriter, caplog: pytest.LogCaptureFixture) -> None:
    configure(region.root, "      sitemap_urls: 60000\n")
    with pytest.raises(Exception):  # noqa: B017, PT011 - the engine's own configuration error
        load_config(str(region.root / "mkdocs.yml"))
    assert "option 'sitemap_urls': is 60000" in caplog.text and "at most 50000" in caplog.text
