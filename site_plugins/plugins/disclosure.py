"""The MkDocs adapter: audience-filtered builds of disclosure items.

A thin layer over the domain core.  `on_config` loads and validates the sources and
selects what the audience sees (stopping the build on any problem); `on_files` removes
every file the audience may not see — pages and attachments alike — and adds the
generated organization, dashboard and report pages; `on_page_markdown` adds the
metadata panel; `on_post_build` writes JSON, feeds and robots.txt, then audits the
output directory.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..audience import build_clock
from ..export import atom_feed, catalogs_json, items_json
from ..prepare import prepare
from ..render import (
    View,
    annual_report_page,
    dashboard,
    home_page,
    item_panel,
    item_related,
    org_index,
    org_page,
    print_page,
)
from . import preview as preview_rebuild
from . import search as pagefind_search

log = logging.getLogger("mkdocs.plugins.disclosure")


class DisclosureConfig(Config):
    audience = c.Type(str, default="public")
    catalogs_dir = c.Type(str, default="catalogs")
    overdue_grace_days = c.Type(int, default=30)
    hide_names_in_public = c.Type(bool, default=True)
    intranet_banner = c.Type(str, default="党内资料 注意保密")
    intranet_site_url = c.Optional(c.Type(str))
    preview = c.Type(bool, default=False)
    feed_size = c.Type(int, default=50)
    # Full-text search: Pagefind over this build's output (docs/search.md), or none.
    search = c.Choice(("pagefind", "none"), default="pagefind")
    # Item pages per Pagefind run: peak memory follows this, not the site (search.BATCH_PAGES).
    search_batch_pages = c.Type(int, default=pagefind_search.BATCH_PAGES)
    # The newest items a reader's first query searches (search.RECENT_PAGES); 0: always all items.
    search_recent_pages = c.Type(int, default=pagefind_search.RECENT_PAGES)
    # One shard of a split build: only these subtrees' items and organization pages (docs/scaling.md).
    orgs = c.Optional(c.Type(str))


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.view: View | None = None
        self.problems: list = []
        self.preview = False
        self.shard: frozenset[str] | None = None

    # ------------------------------------------------------------------ config

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        audience_text = os.environ.get("DISCLOSE_AUDIENCE") or self.config.audience
        preview = self.config.preview or os.environ.get("DISCLOSE_PREVIEW") == "1"
        if preview:
            preview_rebuild.collector_paused(config)
        prepared = prepare(
            root, audience_text, build_clock(), content_dir=os.path.relpath(docs, root),
            catalogs_dir=self.config.catalogs_dir, preview=preview,
        )
        self.problems = prepared.problems
        self.preview = preview
        if prepared.publication is None:
            listing = "\n".join(str(p) for p in prepared.problems)
            raise PluginError(f"{len(prepared.problems)} problem(s) stop the build; nothing was published:\n{listing}")
        for problem in prepared.problems:
            log.warning(str(problem))
        pub = prepared.publication
        self.site = prepared.site
        shard_text = os.environ.get("DISCLOSE_ORGS") or self.config.orgs
        if shard_text:
            # "a,b,!c": the subtrees of a and b, without the subtree of c.
            named = [o.strip() for o in shard_text.split(",") if o.strip()]
            unknown = sorted({o.lstrip("!") for o in named} - set(prepared.site.registry.organizations))
            if unknown or not any(not o.startswith("!") for o in named):
                raise PluginError(f"orgs: '{shard_text}' names {'unknown organization ' + ', '.join(unknown) if unknown else 'no subtree'}"
                                  " — list org ids from catalogs/organizations.yml, '!id' to leave a subtree out")
            self.shard = frozenset(named)
        self.view = View(
            pub, prepared.site.registry, grace_days=self.config.overdue_grace_days,
            hide_names=self.config.hide_names_in_public and not pub.audience.is_intranet,
            site_name=config.site_name,
        )
        intranet = pub.audience.is_intranet
        if intranet and self.config.intranet_site_url:
            config.site_url = self.config.intranet_site_url
        banner = self.config.intranet_banner
        if pub.audience.kind == "unit":
            banner = f"{prepared.site.registry[pub.audience.org].name}内部资料 注意保密"
        config.extra["disclosure"] = {
            "audience": str(pub.audience),
            "intranet": intranet,
            "banner": banner if intranet else "",
            "preview": preview,
            "problems": [str(p) for p in prepared.problems] if preview else [],
            "search": self.config.search,
        }
        if self.config.search_recent_pages < 0:
            raise PluginError(f"mkdocs.yml: disclosure search_recent_pages is {self.config.search_recent_pages} — "
                              f"give how many of the newest items a first query searches, or 0 for all of them "
                              f"(default {pagefind_search.RECENT_PAGES})")
        if self.config.search_batch_pages < 1:
            raise PluginError(f"mkdocs.yml: disclosure search_batch_pages is {self.config.search_batch_pages} — "
                              f"give the number of item pages per Pagefind run, at least 1 (default {pagefind_search.BATCH_PAGES})")
        if self.config.search == "pagefind" and ("material/search" in config.plugins or "search" in config.plugins):
            # Two engines would mean two indexes to keep audience-clean, one of them ~27 MB.
            raise PluginError("mkdocs.yml: the disclosure plugin builds the search index with Pagefind — "
                              "remove the 'search' plugin from plugins (or set disclosure search: none)")
        if config.nav is not None:
            # A nav written by hand must not name a page this audience may not see:
            # MkDocs would still print its title as a link.
            hidden = {d.path for d in prepared.site.documents} - pub.paths()
            listed = sorted(set(_nav_paths(config.nav)) & hidden)
            if listed:
                raise PluginError("mkdocs.yml: nav lists " + ", ".join(f"content/{p}" for p in listed)
                                  + f", not visible to {pub.audience} — remove them from nav")
        else:
            nav: list = [{"首页": "index.md"}, {"组织机构": "orgs/index.md"}]
            if intranet:
                nav.append({"合规监督": "compliance/index.md"})
            nav += [{d.title: d.path} for d in pub.documents if not d.is_item and d.path != "index.md"]
            config.nav = nav
        return config

    # ------------------------------------------------------------------ files

    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.view is not None
        pub = self.view.pub
        docs_dir = os.path.realpath(config.docs_dir)
        pages = pub.paths()
        if self.shard is not None:
            # A shard builds only its subtrees' items (and their attachments); the audience
            # decided above stays the whole decision, a shard only leaves more out.
            owners = {p: d for d in pub.documents for p in (d.path, *d.attachment_paths())}
            pages = {p for p in pages if self._in_shard(owners[p])}
            attachments = {p for p in pub.attachments if p in owners and self._in_shard(owners[p])}
        else:
            attachments = pub.attachments
        for file in list(files):
            source = file.abs_src_path
            if source is None or not os.path.realpath(source).startswith(docs_dir + os.sep):
                continue  # theme assets and generated files
            keep = file.src_uri in pages if file.src_uri.endswith(".md") else file.src_uri in attachments
            if not keep:
                files.remove(file)  # not merely excluded: no later plugin can see it
                if self.preview:
                    preview_rebuild.remove_output(file)  # left by an earlier build of this session
            elif file.src_uri in pub.drafts:
                file.inclusion = InclusionLevel.DRAFT
            elif file.src_uri.endswith(".md"):
                file.inclusion = InclusionLevel.NOT_IN_NAV
        view = self.view
        # A preview rebuild after an edit of an item's body reuses the listings (plugins/preview.py).
        reused = preview_rebuild.unchanged_listings(self.site, pub, config) if self.preview else None
        generated = reused if reused is not None else self._generated_pages(
            view, preview_rebuild.reusable_pages(config) if self.preview else {})
        for src_uri, content in generated.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                raise PluginError(f"content/{src_uri}: this address is reserved for a generated page — move the file")
            inclusion = InclusionLevel.INCLUDED if src_uri in ("index.md", "orgs/index.md", "compliance/index.md") else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
        if self.preview:
            preview_rebuild.skip_unchanged(files, generated, self.site, pub, config)
        return files

    def _generated_pages(self, view: View, reuse: dict[str, str]) -> dict[str, str]:
        """Markdown of every generated page: organizations, print sheets, dashboard, reports, home, search.

        `reuse`: pages a preview keeps from its last build (plugins/preview.py).
        """
        pub = view.pub
        pages = pub.paths()
        generated: dict[str, str] = {"orgs/index.md": org_index(view)}
        for org in view.registry:
            if not self._in_shard_org(org.id):
                continue
            uri = f"orgs/{org.id}/index.md"
            generated[uri] = reuse.get(uri) or org_page(org.id, view)
            uri = f"orgs/{org.id}/print/index.md"
            generated[uri] = reuse.get(uri) or print_page(org.id, view)
        if pub.audience.is_intranet:
            generated["compliance/index.md"] = dashboard(view)
            for org in view.registry:
                if not self._in_shard_org(org.id):
                    continue
                years = {d.date.year for d in view.items_of(org.id) if d.date} | {view.clock.year}
                for year in sorted(years):
                    uri = f"compliance/{org.id}/{year}/index.md"
                    generated[uri] = reuse.get(uri) or annual_report_page(org.id, year, view)
        if "index.md" not in pages:
            generated["index.md"] = home_page(view)
        if self.config.search == "pagefind":
            items = self._items_in_shard(pub)
            generated[pagefind_search.SEARCH_PAGE] = pagefind_search.search_page(
                has_items=items > 0, recent=pagefind_search.recent_pages(items, self.config.search_recent_pages))
        return generated

    def on_build_error(self, error: Exception) -> None:
        if self.preview:
            preview_rebuild.collector_resumed()

    def on_env(self, env, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 - jinja2.Environment
        if self.preview:
            preview_rebuild.reuse_compiled_templates(env)
        return env

    # ------------------------------------------------------------------ pages

    def on_pre_page(self, page: Page, config: MkDocsConfig, files: Files) -> Page:
        # The sitemap's lastmod: the build clock's China date, not MkDocs' UTC date.
        assert self.view is not None
        page.update_date = self.view.clock.isoformat()
        return page

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.view is not None
        doc = self._documents().get(page.file.src_uri)
        if doc is None or not doc.is_item:
            return markdown
        return f"# {doc.title}\n\n{item_panel(doc, self.view)}{markdown}{item_related(doc, self.view)}"

    def _documents(self) -> dict:
        if not hasattr(self, "_by_path"):
            assert self.view is not None
            self._by_path = {d.path: d for d in self.view.pub.documents}
        return self._by_path

    # ------------------------------------------------------------------ output

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.view is not None
        view = self.view
        out = Path(config.site_dir)
        site_url = config.site_url or ""
        if not (self.preview and preview_rebuild.exports_unchanged(config)):
            self._write_exports(out, view, site_url, config)
        if self.config.search == "pagefind" and not (self.preview and preview_rebuild.keep_search_index(config)):
            try:
                pagefind_search.build_index(out, expected_pages=self._items_in_shard(view.pub),
                                            batch_pages=self.config.search_batch_pages,
                                            recent=self.config.search_recent_pages)
            except pagefind_search.SearchIndexError as error:
                raise PluginError(str(error)) from error
        self._audit(out)
        if self.preview:
            preview_rebuild.finished(config)
            preview_rebuild.collector_resumed()

    def _write_exports(self, out: Path, view: View, site_url: str, config: MkDocsConfig) -> None:
        """JSON open data, Atom feeds and robots.txt."""
        write = lambda rel, text: _write(out / rel, text)  # noqa: E731
        write("data/items.json", items_json(view, site_url))
        write("data/catalogs.json", catalogs_json(view, site_url))
        write("feed.xml", atom_feed(view, site_url, "feed.xml", config.site_name, size=self.config.feed_size))
        kept = preview_rebuild.kept_orgs(config) if self.preview else frozenset()
        for org in view.registry:
            if not self._in_shard_org(org.id):
                continue
            if org.id in view.pub.catalogs or view.items_of(org.id):
                path = f"orgs/{org.id}/feed.xml"
                if org.id in kept and (out / path).is_file():
                    continue  # a preview keeps the feed of an organization no edit touched
                write(path, atom_feed(view, site_url, path, f"{org.name} · {config.site_name}", org.id, self.config.feed_size))
        if view.pub.audience.is_intranet:
            write("robots.txt", "User-agent: *\nDisallow: /\n")
        else:
            sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
            write("robots.txt", f"User-agent: *\nAllow: /\n{sitemap}")

    def _items_in_shard(self, pub) -> int:  # noqa: ANN001 - a Publication
        """How many items this build publishes: the pages the search index must hold."""
        return sum(self._in_shard(d) for d in pub.items())

    def _in_shard_org(self, org_id: str) -> bool:
        """Whether this build renders the organization's own pages (always, unless a shard)."""
        if self.shard is None:
            return True
        registry = self.site.registry
        inside = [registry.is_within(org_id, o.lstrip("!")) for o in self.shard]
        return any(i for o, i in zip(self.shard, inside, strict=True) if not o.startswith("!")) and \
            not any(i for o, i in zip(self.shard, inside, strict=True) if o.startswith("!"))

    def _in_shard(self, doc) -> bool:  # noqa: ANN001 - a Document
        """Whether this build renders the document: pages always, items of the shard's subtrees."""
        return self.shard is None or not doc.is_item or self._in_shard_org(doc.org or "")

    def _audit(self, out: Path) -> None:
        """Belt and braces: no hidden page or attachment may exist in the output."""
        assert self.view is not None
        shown = self.view.pub.paths()
        leaks = []
        for doc in self.site.documents:
            if doc.path in shown:
                continue
            candidates = [out / doc.url / "index.html"] if doc.url else []
            candidates += [out / p for p in doc.attachment_paths() if p not in self.view.pub.attachments]
            leaks += [str(p) for p in candidates if p.exists()]
        if leaks:
            raise PluginError("hidden content reached the output: " + ", ".join(sorted(leaks)))


def _nav_paths(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for value in nav for p in _nav_paths(value)]
    return []


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
