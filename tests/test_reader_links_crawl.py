"""Every link of every built page leads to a file of the same build (issue 11, point 1).

A crawler reads each HTML file of a build with a real HTML parser and resolves every
relative or root-relative URL in `href`, `src`, `srcset` and `action` the way a browser
does from that file's address: a directory URL must hold an `index.html`, a file URL
must name a file of the build, and a fragment on another page must name an `id` there.
External `http(s):` and `mailto:` links and fragment-only links are not followed.  The
sample's public, party and unit builds are crawled, and so is a generated region with
attachments, interpretations, corrections and a consultation.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser
from sitegen import SiteWriter, build, copy_sample

# Attributes holding one URL each; `srcset` holds a list (handled on its own).
URL_ATTRIBUTES = ("href", "src", "action")
EXTERNAL_SCHEMES = {"http", "https", "mailto"}


@dataclass
class Built:
    """One build's files, and the ids each of its HTML pages holds (read when asked)."""

    root: Path
    files: set[str] = field(init=False)
    _ids: dict[str, set[str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.files = {p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()}

    @cached_property
    def pages(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(".html"))

    def ids(self, page: str) -> set[str]:
        if page not in self._ids:
            tree = LexborHTMLParser((self.root / page).read_text("utf-8"))
            self._ids[page] = {
                value for node in tree.css("[id], a[name]") for value in (node.id, node.attributes.get("name")) if value
            }
        return self._ids[page]


def urls_of(html: str) -> list[str]:
    """Every URL an element of the page names in href, src, action or srcset."""
    tree = LexborHTMLParser(html)
    urls: list[str] = []
    # Every element once ('[href], [src]' would give an element with both twice).
    for node in tree.css("*"):
        attributes = node.attributes
        for name in URL_ATTRIBUTES:
            value = attributes.get(name)
            if value is not None:
                urls.append(value.strip())
        srcset = attributes.get("srcset")
        if srcset:
            urls += [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]
    return urls


def target_of(page: str, url: str) -> tuple[str, str] | None:
    """The file (relative to the build's root) and fragment `url` names from `page`, or None
    for what the crawler does not follow (another host, mail, a fragment of the same page)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return None  # '#x' or '?q': this page
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined else "."
    if target == ".":
        target = ""
    if path.endswith("/") or target == "":
        target = posixpath.join(target, "index.html")
    return target, parts.fragment


def broken_links(built: Built) -> list[str]:
    broken: list[str] = []
    for page in built.pages:
        for url in urls_of((built.root / page).read_text("utf-8")):
            scheme = urlsplit(url).scheme
            if scheme and scheme not in EXTERNAL_SCHEMES:
                broken.append(f"{page}: {url} (scheme {scheme}:)")
                continue
            found = target_of(page, url)
            if found is None:
                continue
            target, fragment = found
            if target.startswith("../"):
                broken.append(f"{page}: {url} leaves the site")
            elif target not in built.files:
                if f"{target}/index.html" in built.files:
                    broken.append(f"{page}: {url} names a folder without its trailing slash")
                else:
                    broken.append(f"{page}: {url} → {target} is not a file of this build")
            elif fragment and target.endswith(".html") and unquote(fragment) not in built.ids(target):
                broken.append(f"{page}: {url} → no id '{fragment}' on {target}")
    return broken


def test_the_crawler_finds_what_a_browser_would_miss(tmp_path: Path) -> None:
    """The crawler itself: a relative link, a folder, a fragment and srcset, each one broken."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="here"><a href="../b/">b</a><a href="../a/#gone">f</a><img src="x.png" srcset="y.png 2x">'
        '<a href="https://example.org/">out</a><a href="#here">self</a><a href="../a">no slash</a>'
        '<a href="/a/#here">root</a><a href="javascript:alert(1)">js</a></p>',
        "utf-8",
    )
    (tmp_path / "a" / "x.png").write_bytes(b"")
    problems = broken_links(Built(tmp_path))
    assert sorted(problems) == sorted(
        [
            "a/index.html: ../b/ → b/index.html is not a file of this build",
            "a/index.html: ../a/#gone → no id 'gone' on a/index.html",
            "a/index.html: ../a names a folder without its trailing slash",
            "a/index.html: javascript:alert(1) (scheme javascript:)",
            "a/index.html: y.png → a/y.png is not a file of this build",
        ]
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("crawl-sample"))


@pytest.mark.parametrize("audience", ["public", "party", "unit:zlq-qw"])
def test_every_link_of_the_sample_leads_to_a_file_of_its_build(sample: Path, audience: str) -> None:
    built = Built(build(sample, audience))
    assert len(built.pages) > 20
    assert broken_links(built) == []


def test_attachments_of_the_sample_link_to_where_they_are_published(sample: Path) -> None:
    out = build(sample, "public")
    built = Built(out)
    page = "nmg-dw/2026/xunshi-zhenggai-2026q1/index.html"
    targets = {target_of(page, url) for url in urls_of((out / page).read_text("utf-8"))}
    assert ("nmg-dw/2026/zhenggai-tongbao.pdf", "") in targets
    assert "nmg-dw/2026/zhenggai-tongbao.pdf" in built.files


def write_region(site: SiteWriter) -> None:
    """Items with attachments (a PDF, an image, a name with spaces and a '#'), an interpretation,
    a correction, a consultation and a party item, under every level of the small registry."""
    site.write("content/region/2026/tongbao.pdf", b"%PDF-1.4\n%%EOF\n")
    site.write("content/region/2026/jiagou tu#1.png", b"\x89PNG\r\n\x1a\n")
    site.item(
        "region/2026/policy.md",
        id="policy",
        title="关于规范党务公开目录管理的通知",
        attachments=["tongbao.pdf", "jiagou tu#1.png"],
        body="正文见[附件](tongbao.pdf)。",
    )
    site.item("region/2026/explain.md", title="一图读懂目录管理", interprets="policy", date="2026-03-06")
    site.item("region/2026/fix.md", title="关于通知第三条的更正", corrects="policy", date="2026-03-09")
    site.item(
        "league/2026/consult.md",
        org="league",
        title="关于草原保护的征求意见稿",
        date="2026-11-01",
        consultation={"until": "2026-12-31", "channel": "信箱 test@example.org"},
    )
    site.item("banner/2026/q3.md", org="banner", entry="pub-q", title="第三季度公开")
    site.item("town/2026/party.md", org="town", entry="party-long", title="镇党内事项")
    site.item("village/2026/a.md", org="village", title="嘎查事项")


@pytest.mark.parametrize("audience", ["public", "party", "unit:town"])
def test_every_link_of_a_generated_region_leads_to_a_file_of_its_build(site: SiteWriter, audience: str) -> None:
    write_region(site)
    built = Built(build(site.root, audience))
    assert "region/2026/jiagou tu#1.png" in built.files
    assert broken_links(built) == []
