"""Relative links between the pages of a build, and heading ids as MkDocs made them.

Every generated page links dozens to hundreds of others (an organization page links its
items, parents and children), so links are made from one page's side split once.
"""

from __future__ import annotations

import posixpath

from markdown.extensions.toc import slugify, unique


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for plain relative paths, without its abspath calls.

    Links are made tens of thousands of times per build (every organization page links
    its items, parents and children); anything unusual goes to posixpath.relpath.
    """
    if _unusual(path) or _unusual(start):
        return posixpath.relpath(path, start)
    to = [] if path == "." else path.split("/")
    base = [] if start == "." else start.split("/")
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def _unusual(path: str) -> bool:
    """Absolute, or with an empty, '.' or '..' segment (the lone '.' is the current folder)."""
    if path == ".":
        return False
    framed = f"/{path}/"
    return path.startswith("/") or "//" in framed or "/./" in framed or "/../" in framed


def _not_a_scheme(target: str) -> str:
    """A relative link whose first segment has a colon ('javascript:x/') would read as a scheme."""
    if ":" in target.partition("/")[0]:
        return "./" + target
    return target


_FILE_SUFFIXES = (".xml", ".json", ".pdf", ".png", ".jpg")


class Links:
    """Relative links from one page (a directory URL, '' is the home page) to others.

    The page's side is split once: an organization page links hundreds of items, and a
    region's pages together make hundreds of thousands of links.
    """

    def __init__(self, from_url: str) -> None:
        self.start = from_url.rstrip("/") or "."
        self.plain = not _unusual(self.start)
        depth = 0 if self.start == "." else self.start.count("/") + 1
        self.up = "../" * depth
        self.head = "" if self.start == "." else self.start.partition("/")[0]
        self.inside = self.start + "/"

    def __call__(self, to_url: str) -> str:
        """Relative link to a directory URL (or to a .xml, .json, .pdf, .png or .jpg file)."""
        path = to_url.rstrip("/") or "."
        if not self.plain or _unusual(path) or path == ".":
            target = _relpath(path, self.start)
        elif not self.head:
            target = path  # from the home page
        elif path.startswith(self.inside):
            target = path[len(self.inside) :]  # below this page: orgs/ → orgs/<id>/
        elif path == self.head or path.startswith(self.head + "/"):
            target = _relpath(path, self.start)
        else:
            target = self.up + path  # nothing in common: up to the root, then down
        if ":" in target:
            target = _not_a_scheme(target)
        if to_url.endswith(_FILE_SUFFIXES):
            return target
        return "./" if target == "." else target + "/"


def link(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ('' is the home page)."""
    return Links(from_url)(to_url)


def file_link(from_url: str, path: str) -> str:
    """Relative link from a directory URL to a file (an attachment: any name, any extension)."""
    target = _not_a_scheme(_relpath(path, from_url.rstrip("/") or "."))
    # '%', '#' and '?' in a file name would end or change the URL's path.
    return target.replace("%", "%25").replace("#", "%23").replace("?", "%3F")


def org_url(org_id: str) -> str:
    return f"orgs/{org_id}/"


class HeadingIds:
    """Heading ids as MkDocs' toc extension made them when these pages were Markdown.

    Python-Markdown's default slug of the heading text, made unique on the page with _1,
    _2, … (a Chinese heading's slug is empty: '_1', '_2', …).  One per page, called by its
    template in the order the headings appear, so links to the pages keep their anchors.
    `slugs`: slugs already computed, shared by the pages of a build (the same headings
    recur on thousands of pages).
    """

    def __init__(self, slugs: dict[str, str] | None = None) -> None:
        self.used: set[str] = set()
        self.slugs = {} if slugs is None else slugs

    def __call__(self, text: object) -> str:
        heading = str(text)
        slug = self.slugs.get(heading)
        if slug is None:
            slug = self.slugs[heading] = slugify(heading, "-")
        return str(unique(slug, self.used))
