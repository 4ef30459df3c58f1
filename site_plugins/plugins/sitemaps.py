"""The sitemap of a build: one file of at most `limit` URLs, or an index of such files.

The engine writes `sitemap.xml` (and `sitemap.xml.gz`) before the plugin's last step: every
page of the build, which holds only what the audience may see (the plugin's allow-list), each
with its own date as lastmod (DisclosurePlugin.on_pre_page). The sitemap protocol allows
50,000 URLs (and 50 MB) per file, and a region's build has more pages than that (issue 12:
41,142 URLs at 14,163 organizations). Above `limit`, the engine's URLs are split, in its
order, into `sitemap-1.xml` … `sitemap-N.xml`, and `sitemap.xml` becomes their index
(`<sitemapindex>`, each file's lastmod its newest page's), so robots.txt and search engines
keep the one address. `sitemap.xml.gz` is the index, compressed as the engine compressed its
file (same header time: builds stay byte-identical). XML is built with ElementTree.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET  # noqa: N817 - the usual name
from pathlib import Path

# The sitemap protocol's limit of URLs per file (sitemaps.org).
SITEMAP_URLS = 50_000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
_URL, _LOC, _LASTMOD = f"{{{NAMESPACE}}}url", f"{{{NAMESPACE}}}loc", f"{{{NAMESPACE}}}lastmod"


def part_name(number: int) -> str:
    return f"sitemap-{number}.xml"


def split_sitemap(out: Path, limit: int, site_url: str) -> list[str]:
    """Split the engine's sitemap.xml in `out` into files of at most `limit` URLs under an index.

    Returns the files written besides sitemap.xml and sitemap.xml.gz (none when the sitemap
    is small enough, and it is then left as the engine wrote it). `site_url` makes the
    index's addresses absolute, as the engine's are when it is set.
    """
    path = out / "sitemap.xml"
    if not path.is_file():
        return []
    urls = ET.parse(path).getroot().findall(_URL)
    if len(urls) <= limit:
        return []
    base = site_url.rstrip("/") + "/" if site_url else "/"
    index = ET.Element(f"{{{NAMESPACE}}}sitemapindex")
    written = []
    for number, start in enumerate(range(0, len(urls), limit), start=1):
        chunk = urls[start : start + limit]
        urlset = ET.Element(f"{{{NAMESPACE}}}urlset")
        urlset.extend(chunk)
        name = part_name(number)
        _write(out / name, urlset)
        written.append(name)
        entry = ET.SubElement(index, f"{{{NAMESPACE}}}sitemap")
        ET.SubElement(entry, _LOC).text = base + name
        dates = [d for d in (url.findtext(_LASTMOD) for url in chunk) if d]
        if dates:
            ET.SubElement(entry, _LASTMOD).text = max(dates)
    _write(path, index)
    compress(path, out / "sitemap.xml.gz")
    return written


def _write(path: Path, root: ET.Element) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="UTF-8", xml_declaration=True, default_namespace=NAMESPACE)


def compress(source: Path, target: Path, mtime: int | None = None) -> None:
    """`source` gzipped into `target` as the engine gzips its sitemap; the header's time
    `mtime`, else the one the engine wrote into `target`."""
    if mtime is None:
        mtime = 0
        head = target.read_bytes()[:8] if target.is_file() else b""
        if len(head) == 8 and head[:2] == b"\x1f\x8b":
            mtime = int.from_bytes(head[4:8], "little")
    with (
        target.open("wb") as stream,
        gzip.GzipFile(fileobj=stream, filename=target.name, mode="wb", mtime=mtime) as packed,
    ):
        packed.write(source.read_bytes())
