"""What a build writes besides its pages, and what the output check is told about them.

The exports (JSON open data, Atom feeds, robots.txt), the list of every file a build may
write, the names of what the audience may not see (the output check's canaries), where a
finding on a page comes from, and the last audits of the finished output folder.  Called
by the plugin (disclosure.py); nothing here keeps state.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from markupsafe import Markup

from .. import verify
from ..audience import Publication
from ..engine import EngineConfig, File, Files
from ..export import atom_feed, catalogs_json, items_json
from ..i18n import _
from ..model import Document, Site, page_address
from ..render import View, report_years
from ..render.columns import column_sources
from ..render.compliance import DASHBOARD_CSV, DRILL_LEVELS, dashboard_csv
from ..render.mongolian import PREFIX as MONGOLIAN_PREFIX
from ..render.mongolian import sources as mongolian_sources
from ..render.orgs import name_groups, names_json, subordinate_uris
from . import search as pagefind_search
from .folders import write_file

# Files the plugin writes besides the pages (organization feeds: see `feeds`).
EXPORTS = ("data/items.json", "data/catalogs.json", "feed.xml", "robots.txt")
# Files the engine writes besides the pages.
ENGINE_FILES = ("sitemap.xml", "sitemap.xml.gz", "404.html")


# Files only intranet builds write: the compliance dashboard's CSV.
INTRANET_EXPORTS = (DASHBOARD_CSV,)


def exports(view: View, has_org: Callable[[str], bool]) -> set[str]:
    """Every file `write_exports` writes: EXPORTS, every organization's feed (every
    organization page links its own) and, in intranet builds, INTRANET_EXPORTS."""
    intranet = set(INTRANET_EXPORTS) if view.pub.audience.is_intranet else set()
    names = {g.file for g in name_groups(view)}  # the organization index's name search
    return {*EXPORTS, *(f"orgs/{o.id}/feed.xml" for o in view.registry if has_org(o.id)), *names, *intranet}


def write_exports(
    out: Path,
    view: View,
    site_url: str,
    site_name: str,
    feed_size: int,
    has_org: Callable[[str], bool],
    kept: frozenset[str] = frozenset(),
) -> None:
    """JSON open data, Atom feeds and robots.txt; `kept`: organizations whose feed a preview keeps."""
    _write(out / "data/items.json", items_json(view, site_url))
    _write(out / "data/catalogs.json", catalogs_json(view, site_url))
    _write(out / "feed.xml", atom_feed(view, site_url, "feed.xml", site_name, size=feed_size))
    for group in name_groups(view):
        _write(out / group.file, names_json(view, group))
    for org in view.registry:
        if not has_org(org.id):
            continue
        # Every organization page links its feed, so every organization has one (maybe empty).
        path = f"orgs/{org.id}/feed.xml"
        if org.id in kept and (out / path).is_file():
            continue  # a preview keeps the feed of an organization no edit touched
        _write(out / path, atom_feed(view, site_url, path, f"{org.name} · {site_name}", org.id, feed_size))
    if view.pub.audience.is_intranet:
        _write(out / DASHBOARD_CSV, dashboard_csv(view))  # the dashboard's rows, as this build shows them
        _write(out / "robots.txt", "User-agent: *\nDisallow: /\n")
    else:
        sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
        _write(out / "robots.txt", f"User-agent: *\nAllow: /\n{sitemap}")


def _write(path: Path, text: str) -> None:
    write_file(path, text.encode("utf-8"))  # an organization's folder is there already, holding its page


def whole_site_pages(view: View, config: EngineConfig) -> set[str]:
    """Output paths of every page and attachment of the unsharded build (its shards together)."""
    uris = [d.path for d in view.pub.documents] + [f"orgs/{o.id}/index.md" for o in view.registry]
    uris += [uri for o in view.registry for uri in subordinate_uris(o.id, view)]
    uris += [d.path for d in view.pub.notices]  # withdrawal notices, at their items' addresses
    uris += column_sources(view)
    if view.pub.audience.is_intranet:
        uris += [f"compliance/{o.id}/index.md" for o in view.registry if o.level in DRILL_LEVELS]
        for org in view.registry:
            uris += [f"compliance/{org.id}/{year}/index.md" for year in report_years(view, org.id)]
    found = {
        File(uri, None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls).dest_uri for uri in uris
    }
    found |= set(view.pub.attachments) | {f"orgs/{o.id}/feed.xml" for o in view.registry}
    found |= {f"{r.address}index.html" for r in view.pub.redirects}  # old addresses (moved_from)
    found |= mongolian_outputs(view, lambda d: True, True, config)  # every shard's Mongolian pages
    return found


def mongolian_outputs(view: View, shown: Callable[[Document], bool], search: bool, config: EngineConfig) -> set[str]:
    """Output paths of the Mongolian pages (mn/) a build (shard: `shown`) writes, from the
    publication's translations (render/mongolian.py): what the output check expects there."""
    return {
        File(uri, None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls).dest_uri
        for uri in mongolian_sources(view.pub, shown, search)
    }


def hidden_names(site: Site, pub: Publication, files: Files) -> frozenset[str]:
    """ASCII addresses of documents and attachments this audience may not see, that no
    file of the build (or any folder of it) is also called: the output check's canaries."""
    shown = pub.paths()

    def names(path: str) -> set[str]:
        parts = path.lower().split("/")
        stem = parts[-1].rpartition(".")[0] if "." in parts[-1] else parts[-1]
        return {stem, parts[-1], *parts[:-1]}

    hidden: set[str] = set()
    redirected = {r.address for r in pub.redirects}
    for doc in site.documents:
        if doc.path not in shown:
            parts = doc.path.lower()[:-3].split("/")
            hidden.add(parts[-2] if parts[-1] in ("index", "readme") and len(parts) > 1 else parts[-1])
        # The old addresses (moved_from) of what this build does not lead to.
        hidden.update(
            old.lower()[:-3].rpartition("/")[2] for old in doc.moved_from if page_address(old) not in redirected
        )
        hidden.update(p.lower().rsplit("/", 1)[-1] for p in doc.attachment_paths() if p not in pub.attachments)
    visible: set[str] = set()
    for file in files:
        visible |= names(file.src_uri) | names(file.dest_uri)
    for doc in pub.documents:
        visible |= names(doc.path)
    for redirect in pub.redirects:  # written beside the engine's files: its old address is the build's own
        visible |= names(redirect.address + "index.html")
    visible |= {"404", "404.html", "sitemap", "feed", "robots", "data", "pagefind"}
    # A bare number (a year, 404) on a page is a number, not an address.
    return frozenset(
        n for n in hidden - visible if n and n.isascii() and not n.isdigit() and verify._TOKEN.fullmatch(n)
    )


def unlisted_files(out: Path, listed: set[str]) -> list[str]:
    """Files in the output that nobody listed: the output is exactly the listed files."""
    listed = listed | set(ENGINE_FILES)
    found = []
    bundle = pagefind_search.BUNDLE_DIR
    for dirpath, _folders, names in os.walk(out):
        base = Path(dirpath).relative_to(out).as_posix()
        if base == bundle or base.startswith(bundle + "/"):
            continue
        for name in names:
            rel = name if base == "." else f"{base}/{name}"
            if rel not in listed:
                found.append(
                    _(
                        "{rel}: a file no page, attachment or export lists reached the output — report this as a bug; nothing was published"
                    ).format(rel=rel)
                )
    return found


def hidden_in_output(out: Path, site: Site, pub: Publication) -> list[str]:
    """Belt and braces: the files of hidden pages and attachments that exist in the output."""
    shown = pub.paths()
    noticed = {d.path for d in pub.notices}  # a withdrawal notice stands at the address, not the page
    leaks = []
    # No Mongolian page of a document whose version this build does not show (or that has none).
    mongolian = out / MONGOLIAN_PREFIX
    if mongolian.is_dir():
        written = {p.relative_to(out).as_posix() for p in mongolian.rglob("index.html")}
        for doc in site.documents:
            page = f"{MONGOLIAN_PREFIX}{doc.url}index.html"
            if doc.url and doc.path not in pub.translations and page in written:
                leaks.append(str(out / page))
    for doc in site.documents:
        if doc.path in shown:
            continue
        candidates = [out / doc.url / "index.html"] if doc.url and doc.path not in noticed else []
        candidates += [out / p for p in doc.attachment_paths() if p not in pub.attachments]
        leaks += [str(p) for p in candidates if p.exists()]
    return sorted(leaks)


def nav_paths(nav: object) -> list[str]:
    """Every page a hand-written nav names."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in nav_paths(value)]
    if isinstance(nav, list):
        return [p for value in nav for p in nav_paths(value)]
    return []


def line_of(doc: Document, needle: str) -> int:
    """The line of the document's file where `needle` (an address, a name) is written, or 0."""
    body = doc.body
    candidates = [needle, needle.rstrip("/").rpartition("/")[2]] if needle else []
    for candidate in candidates:
        if not candidate:
            continue
        at = body.find(candidate)
        if at < 0:
            at = body.lower().find(candidate.lower())
        if at >= 0:
            return doc.body_line + body.count("\n", 0, at)
    return 0


def source_of(src_uri: str, document: bool) -> str:
    """What an output check finding names: the Markdown file, or what a generated page shows."""
    if document:
        return f"content/{src_uri}"
    parts = src_uri.split("/")
    if parts[0] in ("orgs", "compliance") and len(parts) > 2:
        return _("catalogs/organizations.yml or catalogs/{org}.yml, or an item of {org} (page {src_uri})").format(
            org=parts[1], src_uri=src_uri
        )
    return _("catalogs/ or content/ (generated page {src_uri})").format(src_uri=src_uri)


def theme_asset(file: File, config: EngineConfig) -> bool:
    """Whether the engine's file is an asset of the theme: the installed theme's files, and
    only assets/ of the project's override folder (theme/) — never the docs_dir decoy, never
    a file someone dropped elsewhere in theme/."""
    if not file.abs_src_path or file.is_documentation_page():
        return False
    source = os.path.realpath(file.abs_src_path)
    if source.startswith(os.path.realpath(config.docs_dir) + os.sep):
        return False
    custom = config.theme.custom_dir
    if custom and source.startswith(os.path.realpath(custom) + os.sep):
        return source.startswith(os.path.join(os.path.realpath(custom), "assets") + os.sep)
    return any(source.startswith(os.path.realpath(d) + os.sep) for d in config.theme.dirs)


def escaped(text: str) -> Markup:
    """Text for Material's templates, which print page and nav titles without escaping."""
    return Markup(escape(text, quote=True))


def documents_named(pub: Publication, paths: Iterable[str]) -> dict[str, Document]:
    """The publication's documents by path, for the paths this build renders."""
    wanted = set(paths)
    return {d.path: d for d in pub.documents if d.path in wanted}
