"""No third-party requests: every resource a page loads comes from the site's own origin.

Scans every HTML, CSS and JavaScript file of the sample's public and party builds for
resource references — src/href of tags that load something, srcset, url() and @import in
styles, and absolute URLs that scripts would load — pointing to another host.  Links for
the reader to follow (<a href>, the canonical address, feeds) are not resources.
The browser side (recording every request) is in test_browser.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitegen import build, copy_sample

# <link rel> values that make the browser fetch something.
LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "dns-prefetch",
    "preconnect",
    "mask-icon",
}
FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://x, https://x, //x
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.I)
# In scripts: a string literal that is an absolute http(s) URL used to load something.
JS_LOAD = re.compile(r"""(?:import\(|fetch\(|importScripts\(|new Worker\(|\.src\s*=|src:|href:)\s*['"`](https?:)?//""")


class Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and set(a.get("rel", "").lower().split()) & LOADING_RELS:
            self.found.append(a.get("href", ""))
        if tag in ("script", "img", "iframe", "audio", "video", "source", "track", "embed", "input") and "src" in a:
            self.found.append(a["src"])
        if tag == "object" and "data" in a:
            self.found.append(a["data"])
        for candidate in a.get("srcset", "").split(","):
            if candidate.strip():
                self.found.append(candidate.split()[0])
        if "style" in a:
            self.found += [m.group(1) or m.group(2) for m in CSS_URL.finditer(a["style"])]
        self.in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.found += [m.group(1) or m.group(2) for m in CSS_URL.finditer(data)]


def foreign_resources(site_dir: Path) -> list[str]:
    problems = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or not path.is_file():
            continue
        text = path.read_text("utf-8", errors="replace")
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            parser = Resources()
            parser.feed(text)
            problems += [f"{rel}: {url}" for url in parser.found if FOREIGN.match(url.strip())]
        elif path.suffix == ".css":
            problems += [
                f"{rel}: {m.group(1) or m.group(2)}"
                for m in CSS_URL.finditer(text)
                if FOREIGN.match((m.group(1) or m.group(2)).strip())
            ]
        else:
            problems += [f"{rel}: {text[m.start() : m.end() + 40]}" for m in JS_LOAD.finditer(text)]
    return problems


@pytest.fixture(scope="module")
def sample_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = copy_sample(tmp_path_factory.mktemp("sample"))
    return {audience: build(root, audience) for audience in ("public", "party")}


@pytest.mark.parametrize("audience", ["public", "party"])
def test_no_page_style_or_script_loads_anything_from_another_host(
    sample_builds: dict[str, Path], audience: str
) -> None:
    site_dir = sample_builds[audience]
    assert (site_dir / "pagefind" / "pagefind-ui.js").exists()  # the scan does cover the search bundle
    assert foreign_resources(site_dir) == []


def test_no_web_fonts_are_configured_or_shipped(sample_builds: dict[str, Path]) -> None:
    home = (sample_builds["public"] / "index.html").read_text("utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home
    # One font only, the theme's own: Traditional Mongolian, which few readers' systems have
    # (the Mongolian pages, issue 15; tests/test_mongolian_font.py).  Chinese is local fonts.
    fonts = [p for p in sample_builds["public"].rglob("*") if p.suffix in (".woff", ".woff2", ".ttf", ".otf")]
    assert [p.relative_to(sample_builds["public"]).as_posix() for p in fonts] == [
        "assets/fonts/NotoSansMongolian-Regular.woff2"
    ]


def test_the_scanner_finds_foreign_resources_where_there_are_some(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html><head><link rel="stylesheet" href="https://cdn.example.com/x.css">'
        '<link rel="canonical" href="https://dwgk.example.gov.cn/"><script src="//cdn.example.com/x.js"></script>'
        '<style>body{background:url("https://img.example.com/b.png")}</style></head>'
        '<body><a href="https://www.gov.cn/">中国政府网</a><img srcset="/a.png 1x, https://img.example.com/c.png 2x"></body></html>',
        "utf-8",
    )
    (tmp_path / "s.css").write_text('@import "https://fonts.example.com/f.css"; a{background:url(/ok.png)}', "utf-8")
    (tmp_path / "a.js").write_text(
        'fetch("https://api.example.com/x"); var ok = "https://www.w3.org/2000/svg";', "utf-8"
    )
    found = foreign_resources(tmp_path)
    assert len(found) == 6, found
    assert not any("www.gov.cn" in f or "dwgk.example.gov.cn" in f or "w3.org" in f for f in found)
