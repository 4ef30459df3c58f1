"""The finished output, read back with a real HTML parser before a build is published.

Publishing from the core's list (the plugin's allow-list) is the first defence; this is
the second, independent one: whatever the engine, the theme or the sanitizer did, every
HTML file of the build is parsed (selectolax, the Lexbor HTML5 parser: the tree a
browser builds, at C speed — a region's build has ~100,000 pages) and

* every URL in a URL-bearing attribute (`href`, `src`, `srcset`, `data`, `poster`,
  `action`, `formaction`, `cite`, `background`, `ping`, `<meta http-equiv=refresh>`,
  CSS `url()` in `style` attributes and `<style>`) must name a file of this build, or be
  an external link of an allowed scheme (navigation only: nothing may be *loaded* from
  another host), never the intranet host in a public build;
* no element has an event-handler attribute (`on…`) or a `javascript:` URL;
* no HTML comment is left (editors write review notes in them);
* a public build's text files never contain the intranet host.

Anything else fails the build, naming the page's source file.  No MkDocs import.
"""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from .i18n import _

# Attributes whose value is one URL, and the elements where a URL only navigates (a reader
# follows it) rather than loads something into the page.
URL_ATTRIBUTES = (
    "href",
    "src",
    "data",
    "poster",
    "action",
    "formaction",
    "cite",
    "background",
    "ping",
    "longdesc",
    "manifest",
    "icon",
    "xlink:href",
)
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
NAVIGATING = {
    ("a", "href"),
    ("area", "href"),
    ("blockquote", "cite"),
    ("q", "cite"),
    ("del", "cite"),
    ("ins", "cite"),
    ("form", "action"),
}
NAVIGATING_LINK_RELS = {"alternate", "canonical", "license", "author", "help", "search"}
SAFE_SCHEMES = {"mailto", "tel"}
WEB_SCHEMES = {"http", "https"}

_ESCAPED_COLON = "\\:"
_SELECTOR = ",".join("[" + a.replace(":", _ESCAPED_COLON) + "]" for a in (*URL_ATTRIBUTES, *SRCSET_ATTRIBUTES))
# Prefilters on the raw text; a hit is confirmed on the parsed tree.  An attribute name can
# only start after whitespace, '/' or a closing quote (HTML tokenizer), so a page without
# such a sequence has no on… attribute.
_EVENT_HANDLER = re.compile(r"""[\s/"'\x00]on[a-z0-9_:.-]*\s*=""", re.I)
_URL_ATTRIBUTE_SET = frozenset(URL_ATTRIBUTES)
_TOKEN = re.compile(r"[0-9a-z_][0-9a-z_.-]*")
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f]"
)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.I | re.S)
_REFRESH_URL = re.compile(r"""url\s*=\s*['"]?([^'";]+)""", re.I)


@dataclass
class Output:
    """What the check needs to know of one build."""

    root: Path
    files: set[str]  # every file of the build, relative with '/'
    site_path: str = "/"  # path part of the site's address ('/' or '/sub/')
    own_hosts: frozenset[str] = frozenset()  # hosts that are this site (links there must resolve)
    forbidden_hosts: frozenset[str] = frozenset()  # hosts that must never appear (intranet in public)
    sources: dict[str, str] = field(default_factory=dict)  # output file → source to name
    # Addresses (slugs, attachment file names; ASCII, case-folded) of what this build does
    # not publish and no published file is also called: no page may show them as text.
    hidden_names: frozenset[str] = frozenset()

    def exists(self, path: str) -> bool:
        """Whether the build has the file, or the folder's index page ('' is the home page)."""
        path = path.strip("/")
        return path in self.files or (f"{path}/index.html" if path else "index.html") in self.files


@dataclass(frozen=True)
class Context:
    """What `check_page`'s verdict on a page depends on besides its bytes, its address and this
    code: a page that passed under one context passes under every context it `covers` — the
    same addresses and hosts, every file still there (a link that resolved still does), no name
    hidden that was not hidden then (the names searched for are fewer or the same)."""

    settings: str  # the site's path and hosts
    files: frozenset[str]
    hidden: frozenset[str]

    @classmethod
    def of(cls, output: Output) -> Context:
        settings = [output.site_path, sorted(output.own_hosts), sorted(output.forbidden_hosts)]
        return cls(json.dumps(settings), frozenset(output.files), output.hidden_names)

    def covers(self, later: Context) -> bool:
        return self.settings == later.settings and self.files <= later.files and later.hidden <= self.hidden


def check_output(output: Output, pages: Iterable[str] | None = None) -> list[str]:
    """Every finding in the build's HTML (all of it, or `pages`) and text files, as lines naming the source."""
    return check_pages(output, pages) + check_text_files(output)


def check_pages(output: Output, pages: Iterable[str] | None = None) -> list[str]:
    """Every finding in the build's HTML (all of it, or `pages`), as lines naming the source."""
    findings: list[str] = []
    for rel in sorted(pages if pages is not None else (f for f in output.files if f.endswith(".html"))):
        text = (output.root / rel).read_text("utf-8", errors="replace")
        source = output.sources.get(rel, rel)
        findings += [f"{source}: {problem}" for problem in check_page(text, rel, output)]
    return findings


class CheckedAside:
    """`check_pages` over `pages` in `jobs` forked processes while the caller goes on (the
    pages must be written already); `findings()` waits for them.  A merge reads its pages
    back so while Pagefind indexes them, an incremental build its copied pages."""

    def __init__(self, output: Output, pages: list[str], jobs: int) -> None:
        jobs = max(1, min(jobs, len(pages)))
        self._pool = (
            concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
            if pages
            else None
        )
        self._checks = (
            [self._pool.submit(check_pages, output, pages[n::jobs]) for n in range(jobs)] if self._pool else []
        )

    def findings(self) -> list[str]:
        try:
            return [finding for check in self._checks for finding in check.result()]
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def check_page(html: str, rel: str, output: Output) -> list[str]:
    """What is wrong with one page of the build at `rel`."""
    problems: list[str] = []
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:  # no document at all: nothing in it can name or load anything
        return problems
    base = rel.rpartition("/")[0]
    if "<!--" in html:
        for node in root.traverse(include_text=False):
            if node.tag == "-comment":
                problems.append(
                    _(
                        "an HTML comment reached the output ({short}) — remove comments from the source; review notes belong in the approval record"
                    ).format(short=_short(node.html or ""))
                )
                break
    if _EVENT_HANDLER.search(html):
        for node in root.traverse(include_text=False):
            names = [name for name in (node.attributes or {}) if name.lower().startswith("on")]
            if names:
                problems.append(
                    _("<{tag}> has an event handler ({names}) — scripts are not allowed in content").format(
                        tag=node.tag, names=names[0]
                    )
                )
    problems += _forbidden_hosts_in(html.encode(), output)
    if output.hidden_names and tree.body is not None:
        # What a reader sees and hears: the text, and the alt, title and aria-label texts.
        shown = [tree.body.text(deep=True, separator="", strip=False)]
        shown += [
            value
            for node in tree.css("[alt],[title],[aria-label]")
            for name, value in node.attributes.items()
            if name in ("alt", "title", "aria-label") and value
        ]
        problems += _hidden_names_shown(" ".join(shown), output.hidden_names)
    for node in tree.css(_SELECTOR):
        tag = node.tag or ""
        attributes = node.attributes
        for name, value in attributes.items():
            if value is None:
                continue
            if name in _URL_ATTRIBUTE_SET:
                navigating = (tag, name) in NAVIGATING or (
                    tag == "link"
                    and name == "href"
                    and bool(attributes.get("rel"))
                    and set((attributes.get("rel") or "").lower().split()) <= NAVIGATING_LINK_RELS
                )
                problems += check_url(value, base, output, tag, name, navigating=navigating)
            elif name in SRCSET_ATTRIBUTES and value:
                for candidate in value.split(","):
                    url = candidate.strip().split()[0] if candidate.strip() else ""
                    problems += check_url(url, base, output, tag, name, navigating=False)
    # The parser's own selections: quicker than any case-blind prefilter of the text.
    for node in tree.css("meta[http-equiv]"):
        if (node.attributes.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH_URL.search(node.attributes.get("content") or "")
            if match:
                problems += check_url(match.group(1), base, output, "meta", "refresh", navigating=True)
    styles = [node.attributes.get("style") or "" for node in tree.css("[style]")]
    styles += [node.text() for node in tree.css("style")]
    for css in styles:
        if "(" in css:
            for match in _CSS_URL.finditer(css):
                problems += check_url(match.group(2), base, output, "style", "url()", navigating=False)
    return problems


class Finding(str):
    """A finding's text, and what in the source it is about (to find the line there)."""

    needle: str = ""


def _finding(text: str, needle: str) -> Finding:
    found = Finding(text)
    found.needle = needle
    return found


def check_url(value: str | None, base: str, output: Output, tag: str, attribute: str, navigating: bool) -> list[str]:
    """Problems of one URL found in `tag`'s `attribute` on a page in folder `base`."""
    url = (value or "").strip()
    return [_finding(problem, url) for problem in _check_url(url, base, output, tag, attribute, navigating)]


def _check_url(url: str, base: str, output: Output, tag: str, attribute: str, navigating: bool) -> list[str]:
    if not url or url[0] == "#":
        return []
    if ":" in url or url.startswith("//") or "\\" in url:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        if host and host in output.forbidden_hosts:
            return [
                _("{where} names the intranet host — a public page must not link into the party network").format(
                    where=_where(tag, attribute, url)
                )
            ]
        if scheme in SAFE_SCHEMES:
            return []
        if scheme and scheme not in WEB_SCHEMES:
            return [
                _("{where} uses the scheme '{scheme}:' — only http(s), mailto and tel links are allowed").format(
                    where=_where(tag, attribute, url), scheme=scheme
                )
            ]
        if host and host not in output.own_hosts:
            if navigating:
                return []
            return [
                _("{where} loads a resource from another host — pages must be self-contained").format(
                    where=_where(tag, attribute, url)
                )
            ]
        path = parts.path
    else:  # the common case, a relative or root-relative address: no parsing needed
        host = ""
        path = url.partition("#")[0].partition("?")[0]
    if "%" in path:
        path = unquote(path)
    if host or path.startswith("/"):
        if not path.startswith(output.site_path) and path.rstrip("/") + "/" != output.site_path:
            return [
                _("{where} points outside this site's address {site_path}").format(
                    where=_where(tag, attribute, url), site_path=output.site_path
                )
            ]
        resolved = path[len(output.site_path) :]
    else:
        resolved = f"{base}/{path}" if base else path
    normal = posixpath.normpath(resolved or ".")
    if normal.startswith("../") or normal == ".." or normal.startswith("/"):
        return [_("{where} points above the site's root").format(where=_where(tag, attribute, url))]
    if normal == ".":
        normal = ""
    if not output.exists(normal):
        return [
            _(
                "{where} points to '{short}', which is not a file of this build — link only to pages and attachments this audience sees (a hidden or missing item's address must not appear on the page)"
            ).format(where=_where(tag, attribute, url), short=_short(normal or "/"))
        ]
    return []


def _hidden_names_shown(text: str, hidden: frozenset[str]) -> list[str]:
    """Names of hidden files in a page's text, as a reader sees it: markup between the
    letters is gone, invisible characters and full-width letters count as what they show."""
    plain = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).lower()
    found = set()
    for token in _TOKEN.findall(plain):
        for candidate in (token, token.rstrip("."), token.partition(".")[0]):
            if candidate in hidden:
                found.add(candidate)
    return [
        _finding(
            _(
                "the page shows '{name}', the address of an item or attachment this build does not publish — remove it from the source (also where markup or invisible characters split it)"
            ).format(name=name),
            name,
        )
        for name in sorted(found)
    ]


def _where(tag: str, attribute: str, url: str) -> str:
    return f'<{tag} {attribute}="{_short(url)}">'


def check_text_files(output: Output) -> list[str]:
    """A public build's other text files never name the intranet host (feeds, JSON, scripts);
    pages are read for it by check_page."""
    if not output.forbidden_hosts:
        return []
    findings = []
    for rel in sorted(output.files):
        if not rel.endswith((".xml", ".json", ".txt", ".js", ".css", ".webmanifest")):
            continue
        path = output.root / rel
        if not path.is_file():  # a shard's links may name the other shards' files
            continue
        findings += [f"{output.sources.get(rel, rel)}: {p}" for p in _forbidden_hosts_in(path.read_bytes(), output)]
    return findings


def _forbidden_hosts_in(data: bytes, output: Output) -> list[str]:
    return [
        _("the intranet host '{host}' appears in a public file — remove it from the source").format(host=host)
        for host in sorted(output.forbidden_hosts)
        if host.encode() in data
    ]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
