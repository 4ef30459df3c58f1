"""The MkDocs adapter: audience-filtered builds of disclosure items.

A thin layer over the domain core.  `on_config` loads and validates the sources and
selects what the audience sees (stopping the build on any problem), and points the build
at a temporary folder beside its real one; `on_files` throws away every file MkDocs found
on its own walk (its docs_dir is a decoy: `theme/no-plugin/`, so an engine that ignores this
plugin publishes nothing) and builds the file list from the core's publication only —
visible documents, their attachments, generated pages — plus the theme's assets;
`on_page_read_source` gives MkDocs the body the loader split off (one parser decides
where front matter ends); `on_page_content` cleans the editors' HTML (sanitize.py) and
adds the escaped title and the metadata panel; `on_post_page` reads every page back with
an HTML parser (verify.py); `on_post_build` writes JSON, feeds and robots.txt, checks
that the output holds exactly the listed files, and only then swaps the new folder in.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import engine, i18n, merge, parallel_parse, sanitize, verify
from ..audience import Publication, build_clock
from ..engine import (
    BasePlugin,
    EngineConfig,
    File,
    Files,
    InclusionLevel,
    Page,
    PluginError,
    event_priority,
)
from ..i18n import _
from ..model import Document, Redirect
from ..prepare import Validated, prepare
from ..render import (
    GeneratedPage,
    View,
    annual_report_page,
    dashboard_pages,
    environment,
    home_page,
    home_sections,
    item_changes,
    item_heading,
    item_panel,
    item_related,
    org_index,
    org_page,
    redirect_file,
    redirect_page,
    report_years,
    withdrawal_notice,
)
from ..render.columns import COLUMNS, column_pages
from ..render.mongolian import HOME as MONGOLIAN_HOME
from ..render.mongolian import PREFIX as MONGOLIAN_PREFIX
from ..render.mongolian import SEARCH as MONGOLIAN_SEARCH
from ..render.mongolian import source as mongolian_source
from ..render.orgs import subordinate_pages
from ..shards import Shard, ShardError
from ..verify import Output
from . import folders, incremental, outputs, search_mongolian, sitemaps
from . import preview as preview_rebuild
from . import search as pagefind_search
from .incremental import Incremental, RecordingFiles
from .mongolian import MongolianPages
from .options import DisclosureConfig

log = engine.logger("plugins.disclosure")

# The command of engine.plan: the plugin selects and lists the files of a build, writes nothing.
PLAN = engine.PLAN


# The generated pages the navigation lists (the tabs): home, organizations, the columns, dashboard.
IN_NAV = frozenset({"index.md", "orgs/index.md", *(f"{c.folder}/index.md" for c in COLUMNS), "compliance/index.md"})


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.view: View | None = None
        self.problems: list = []
        self.preview = False
        self.shard: Shard | None = None
        self.command = "build"  # `mkdocs serve` says "serve" (on_startup); disclose build calls build() directly
        self.output: Output | None = None
        self.findings: list[str] = []
        self.validated: Validated | None = None
        self.previews = preview_rebuild.Previews()  # kept across a preview's rebuilds
        self.session: preview_rebuild.Session | None = None
        self.temporary: Path | None = None
        self._site_url: str | None = None
        self.notices: dict[str, Document] = {}  # withdrawal notices of this build, by source path
        self.mongolian: MongolianPages  # the Mongolian pages of this build (on_files)
        self.dirty = False  # the engine skips the pages marked unmodified (engine.mark_modified)
        self.incremental: Incremental | None = None  # this build's record (plugins/incremental.py)
        self.copied: list[File] = []  # the pages this build copies from the last one (on_nav)
        self.search_cache: pagefind_search.BatchCache | None = None  # an incremental build's search batches
        self.warnings: engine.WarningCount | None = None  # the engine's warnings while pages are converted
        self.warned_before = 0
        self.nav_by_hand = False
        self.exports: parallel_parse.Aside[None] | None = None  # written by a forked process (on_files)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Its presence also keeps this instance across the rebuilds of a preview.
        self.command = command
        self.dirty = dirty

    def hand_over(self, validated: Validated) -> None:
        """The sources of the next build, loaded and judged by `disclose build` (read once)."""
        self.validated = validated

    def on_serve(self, server, config: EngineConfig, builder):  # noqa: ANN001, ANN201 - livereload server
        """The engine watches its docs_dir, the decoy: a preview must rebuild when content/ changes."""
        server.watch(str(self.content))
        return server

    # ------------------------------------------------------------------ config

    @event_priority(100)
    def on_config(self, config: EngineConfig) -> EngineConfig:
        """Load (or take), judge and select what the audience sees; set the engine up to build it."""
        i18n.use_environment()  # the build's messages: Chinese unless the environment asks for English
        root = Path(config.config_file_path or ".").resolve().parent
        self.content = self._content_folder(root, config)
        if self.config.preview and self.command != "serve":
            # A preview shows drafts and skips what has problems: never into a folder that is published.
            raise PluginError(
                _(
                    "mkdocs.yml: disclosure preview: true is for the live preview only (disclose serve) — remove it; a build never shows drafts"
                )
            )
        self.preview = self.config.preview
        self.findings = []  # a failed build of this instance left its own
        # A preview's memory of its earlier builds into this folder (plugins/preview.py).
        self.session = self.previews.session(config) if self.preview else None
        if self.session is not None:
            self.session.started()
        pub = self._publication(root)
        self.shard = self._shard()
        intranet = pub.audience.is_intranet
        self.view = View(
            pub,
            self.site.registry,
            grace_days=self.config.overdue_grace_days,
            hide_names=self.config.hide_names_in_public and not intranet,
            site_name=config.site_name,
            # theme/disclosure/<name>.html overrides a generated page's template, like Material's partials.
            templates=environment(config.theme.custom_dir),
            sizes=_sizes((root / self.config.content_dir), pub.attachments),
        )
        public_url = config.site_url or ""
        if intranet and self.config.intranet_site_url:
            config.site_url = self.config.intranet_site_url
        self._site_url = config.site_url
        config.extra["disclosure"] = self._theme_settings(pub)
        if self.config.search == "pagefind" and ("material/search" in config.plugins or "search" in config.plugins):
            # Two engines would mean two indexes to keep audience-clean, one of them ~27 MB.
            raise PluginError(
                _(
                    "mkdocs.yml: the disclosure plugin builds the search index with Pagefind — remove the 'search' plugin from plugins (or set disclosure search: none)"
                )
            )
        self.nav_by_hand = config.nav is not None
        config.nav = self._nav(config.nav, pub)
        self.output = self._output_check(config, public_url, intranet)
        self.temporary = None
        self.root = root
        if not self.preview and self.command not in ("serve", PLAN):
            self._build_into_a_temporary_folder(config, pub.audience.slug)
        return config

    def _content_folder(self, root: Path, config: EngineConfig) -> Path:
        if sum(isinstance(p, DisclosurePlugin) for p in config.plugins.values()) > 1:
            raise PluginError(_("mkdocs.yml: the disclosure plugin is listed twice in plugins — keep one"))
        content = (root / self.config.content_dir).resolve()
        docs_dir = Path(config.docs_dir).resolve()
        if docs_dir == content or content in docs_dir.parents:
            # Then an engine without this plugin (or a config without it) would publish every item.
            raise PluginError(
                _(
                    "mkdocs.yml: docs_dir is the content folder '{content_dir}' — set docs_dir: theme/no-plugin (a folder with one page saying the site is built with disclose build); the disclosure plugin reads content/ itself"
                ).format(content_dir=self.config.content_dir)
            )
        return content

    def _publication(self, root: Path) -> Publication:
        """What the audience sees; any problem stops the build here (a preview shows them instead)."""
        validated, self.validated = self.validated, None  # handed over for this build only
        if validated is not None and not validated.read_from(root, self.config.content_dir, self.config.catalogs_dir):
            # Never pages of one folder with the attachments of another.
            raise PluginError(
                _(
                    "mkdocs.yml: disclose checked {root}/{content_dir} and {catalogs_dir}/, but this configuration builds {config_root}/{config_content_dir} and {config_catalogs_dir}/ — give content_dir and catalogs_dir in mkdocs.yml itself (not through INHERIT or an unset !ENV variable), and run disclose in the folder of mkdocs.yml"
                ).format(
                    root=validated.root,
                    content_dir=validated.content_dir,
                    catalogs_dir=validated.catalogs_dir,
                    config_root=root,
                    config_content_dir=self.config.content_dir,
                    config_catalogs_dir=self.config.catalogs_dir,
                )
            )
        try:
            clock = validated.clock if validated is not None else build_clock()
        except ValueError as error:
            raise PluginError(str(error)) from None
        prepared = prepare(
            root,
            self.config.audience,
            clock,
            content_dir=self.config.content_dir,
            catalogs_dir=self.config.catalogs_dir,
            preview=self.preview,
            validated=validated,
            memory=self.session.parse_memory if self.session is not None else None,
        )
        self.problems = prepared.problems
        if prepared.publication is None:
            listing = "\n".join(str(p) for p in prepared.problems)
            raise PluginError(
                _("{count} problem(s) stop the build; nothing was published:\n{listing}").format(
                    count=len(prepared.problems), listing=listing
                )
            )
        for problem in prepared.problems:
            log.warning(str(problem))
        self.site = prepared.site
        return prepared.publication

    def _shard(self) -> Shard | None:
        if not self.config.orgs:
            return None
        try:
            return Shard.parse(self.config.orgs, self.site.registry)
        except ShardError as error:
            raise PluginError(str(error)) from None

    def _theme_settings(self, pub: Publication) -> dict[str, object]:
        """What the theme's templates read (config.extra.disclosure): banner, preview, search."""
        intranet = pub.audience.is_intranet
        banner, unit_name = self.config.intranet_banner, ""
        if pub.audience.kind == "unit" and pub.audience.org is not None:
            unit_name = self.site.registry[pub.audience.org].name
            banner = f"{unit_name}内部资料 注意保密"
        return {
            "audience": str(pub.audience),
            "intranet": intranet,
            "banner": banner if intranet else "",
            "unit_name": unit_name,  # a unit build's pages are 〈单位名称〉内部版
            "preview": self.preview,
            "problems": [str(p) for p in self.problems] if self.preview else [],
            "search": self.config.search,
            # main.html's SiteDomain: the host of this build's own address.
            "domain": urlsplit(self._site_url or "").hostname or "",
        }

    def _nav(self, nav: list | None, pub: Publication) -> list:
        if nav is not None:
            # A nav written by hand must not name a page this audience may not see:
            # the engine would still print its title as a link.
            hidden = {d.path for d in self.site.documents} - pub.paths()
            listed = sorted(set(outputs.nav_paths(nav)) & hidden)
            if listed:
                raise PluginError(
                    _("mkdocs.yml: nav lists {pages}, not visible to {audience} — remove them from nav").format(
                        pages=", ".join(f"content/{p}" for p in listed), audience=pub.audience
                    )
                )
            return nav
        made: list = [{"首页": "index.md"}, {"组织机构": "orgs/index.md"}]
        made += [{c.title: f"{c.folder}/index.md"} for c in COLUMNS]  # 政策解读, 征求意见
        if pub.audience.is_intranet:
            made.append({"合规监督": "compliance/index.md"})
        # Titles are text: Material prints nav titles as they are, so they go in escaped.
        made += [{outputs.escaped(d.title): d.path} for d in pub.documents if not d.is_item and d.path != "index.md"]
        return made

    def _output_check(self, config: EngineConfig, public_url: str, intranet: bool) -> Output:
        """What the output check (verify.py) knows of this build before its files are listed."""
        hosts = {urlsplit(u).hostname for u in (config.site_url, public_url) if u}
        intranet_host = urlsplit(self.config.intranet_site_url or "").hostname
        return Output(
            root=Path(config.site_dir),
            files=set(),
            site_path=urlsplit(config.site_url or "/").path or "/",
            own_hosts=frozenset(h.lower() for h in hosts if h and (intranet or h != intranet_host)),
            forbidden_hosts=frozenset({intranet_host.lower()}) if intranet_host and not intranet else frozenset(),
        )

    def _build_into_a_temporary_folder(self, config: EngineConfig, slug: str) -> None:
        """Point the build at a new folder beside its target; on_post_build swaps it in (folders.py)."""
        folder = slug + (self.shard.folder_suffix if self.shard else "")
        target = folders.target_of(Path(config.site_dir).resolve(), folder)
        try:
            temporary = folders.temporary_for(target)
        except folders.FolderError as error:
            raise PluginError(str(error)) from None
        self.target, self.temporary = target, temporary
        config.site_dir = str(temporary)
        assert self.output is not None
        self.output.root = temporary

    # ------------------------------------------------------------------ files

    @event_priority(100)
    def on_files(self, files: Files, config: EngineConfig) -> Files:
        """The build's files, from the publication only: nothing the engine found on its own walk is kept."""
        assert self.view is not None
        pub = self.view.pub
        pages = pub.paths()
        self.exports = None
        if self.temporary is not None and self.session is None and hasattr(os, "fork"):
            # The exports and feeds need the view only: a forked process writes them into the
            # new folder (cleaned by now) while this one makes and renders the pages.
            out = Path(config.site_dir)
            self.exports = parallel_parse.in_a_second_process(lambda: self._write_exports(out, config))
        if self.shard is not None:
            # A shard builds only its subtrees' items (and their attachments); the audience
            # decided above stays the whole decision, a shard only leaves more out.
            owners = {p: d for d in pub.documents for p in (d.path, *d.attachment_paths())}
            pages = {p for p in pages if self.shard.has(owners[p])}
            attachments = {p for p in pub.attachments if p in owners and self.shard.has(owners[p])}
        else:
            attachments = pub.attachments
        # The engine's look-ups of the pages' links are noted: an incremental build's record.
        kept = RecordingFiles(f for f in files if outputs.theme_asset(f, config))
        content = str(self.content)

        def source(path: str, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
            return File(path, content, config.site_dir, config.use_directory_urls, inclusion=inclusion)

        for doc in pub.documents:
            if doc.path not in pages:
                continue
            kept.append(source(doc.path, InclusionLevel.DRAFT if doc.path in pub.drafts else InclusionLevel.NOT_IN_NAV))
        for path in sorted(attachments):
            kept.append(source(path))
        # The Mongolian versions of what this build (shard) shows, at mn/ (plugins/mongolian.py).
        self.mongolian = MongolianPages(self.view, lambda d: d.path in pages, self.config.search == "pagefind")
        if self.preview:
            # Pages of this session's earlier builds the audience no longer sees.
            for doc in self.site.documents:
                if doc.path not in pages:
                    for path in (doc.path, *doc.attachment_paths()):
                        preview_rebuild.remove_output(source(path))
                if mongolian_source(doc.path) not in self.mongolian.pages:
                    preview_rebuild.remove_output(source(mongolian_source(doc.path)))
            for uri in (MONGOLIAN_HOME, MONGOLIAN_SEARCH):
                if uri not in self.mongolian.sources:
                    preview_rebuild.remove_output(source(uri))
        view = self.view
        # A preview rebuild after an edit of an item's body reuses the listings (plugins/preview.py).
        session = self.session
        reused = session.unchanged_listings(self.site, pub, config) if session is not None else None
        generated = (
            reused
            if reused is not None
            else self._generated_pages(view, session.reusable_pages() if session is not None else {})
        )
        self.generated = generated
        for src_uri, page in generated.items():
            if kept.get_file_from_path(src_uri) is not None:
                raise PluginError(
                    _("content/{src_uri}: this address is reserved for a generated page — move the file").format(
                        src_uri=src_uri
                    )
                )
            inclusion = InclusionLevel.INCLUDED if src_uri in IN_NAV else InclusionLevel.NOT_IN_NAV
            text = page if isinstance(page, str) else ""
            kept.append(File.generated(config, src_uri, content=text, inclusion=inclusion))
        if session is not None:
            session.skip_unchanged(kept, generated, pub)
        self.by_path = {d.path: d for d in pub.documents if d.path in pages}
        self.notices = {d.path: d for d in pub.notices}
        for file in self.mongolian.files(config):
            if kept.get_file_from_path(file.src_uri) is not None:
                raise PluginError(
                    _("content/{path}: mn/ is reserved for the Mongolian pages — move the file").format(
                        path=file.src_uri
                    )
                )
            kept.append(file)
        return kept

    def on_nav(self, nav, config: EngineConfig, files: Files):  # noqa: ANN001, ANN201 - the engine's Navigation
        """An incremental build copies each page made of the same inputs as the published one
        (plugins/incremental.py); every other page is rendered."""
        self.incremental, self.copied, self.search_cache = None, [], None
        self._stop_counting()
        if not self.config.incremental or self.command != "build" or self.preview or self.shard is not None:
            return nav
        if self.temporary is None or not isinstance(files, RecordingFiles):
            return nav
        doubts = incremental.doubts(config, engine.PLUGIN, self.nav_by_hand)
        if doubts:
            log.info(
                _("every page is rendered: an incremental build cannot prove what these read ({names})").format(
                    names=", ".join(doubts)
                )
            )
            return nav
        assert self.view is not None
        whole = incremental.whole_inputs(config, dict(self.config), str(self.view.pub.audience), i18n.language())
        record = Incremental.open(self.target, whole) if self.dirty else Incremental(self.target, whole)
        out = Path(config.site_dir)
        offered = []
        try:
            for file in files.documentation_pages():
                inputs = self._page_inputs(file)
                if inputs is None:
                    engine.mark_modified(file, True)
                else:
                    record.offer(file, inputs, files, out)
                    offered.append(file)
        finally:
            copied = record.settle()  # every copy done (or failed) before the build goes on or stops
        for file in offered:
            engine.mark_modified(file, file.dest_uri not in copied)
            if file.dest_uri in copied:
                self.copied.append(file)
        self.incremental = record
        self.warnings = engine.WarningCount().start()  # a page rendered with a warning is not recorded
        return nav

    def _page_inputs(self, file: File) -> str | None:
        """What the engine is given for an item or generated page (incremental.py), or None
        for a page that is always rendered: home, navigation, search, Mongolian pages."""
        src = file.src_uri
        if src in IN_NAV or src == pagefind_search.SEARCH_PAGE:
            return None
        where = (src, file.dest_uri, file.url, self._own_date(src).isoformat())
        doc = None if file.generated_by else self.by_path.get(src)
        if doc is not None:
            if not doc.is_item:
                return None
            return incremental.digest("item", where, doc.body, self._item_meta(doc), self._item_parts(doc))
        generated = self.generated.get(src)
        if generated is None or not file.generated_by:
            return None
        meta: dict[str, object] = {}
        self.mongolian.switch(src, meta)
        if isinstance(generated, GeneratedPage):
            made: object = [generated.title, generated.html, list(generated.hide)]
        else:
            made = generated  # Markdown
        return incremental.digest("generated", where, meta, made)

    def _has_org(self, org_id: str) -> bool:
        """Whether this build renders the organization's own pages (always, unless a shard)."""
        return self.shard is None or self.shard.has_org(org_id)

    def _items_in_shard(self, pub: Publication) -> list[Document]:
        """The items this build publishes: the pages the search index must hold."""
        return [d for d in pub.items() if self.shard is None or self.shard.has(d)]

    def _generated_pages(self, view: View, reuse: dict[str, str]) -> dict[str, object]:
        """Every generated page (Markdown or a GeneratedPage): organizations (with their print sheets),
        dashboard, reports, home, search.  `reuse`: pages a preview keeps from its last build."""
        pub = view.pub
        generated: dict[str, object] = {"orgs/index.md": org_index(view), **column_pages(view)}
        for org in view.registry:
            if not self._has_org(org.id):
                continue
            uri = f"orgs/{org.id}/index.md"
            generated[uri] = reuse.get(uri) or org_page(org.id, view)
            generated.update(subordinate_pages(org.id, view))  # only for thousands of subordinates
        if pub.audience.is_intranet:
            for uri, page in dashboard_pages(view).items():
                if uri == "compliance/index.md" or self._has_org(uri.split("/")[1]):
                    generated[uri] = page
            for org in view.registry:
                if not self._has_org(org.id):
                    continue
                for year in sorted(report_years(view, org.id)):
                    uri = f"compliance/{org.id}/{year}/index.md"
                    generated[uri] = reuse.get(uri) or annual_report_page(org.id, year, view)
        for doc in pub.notices:  # a withdrawn item's address keeps a notice (render/history.py)
            if self.shard is None or self.shard.has(doc):
                generated[doc.path] = withdrawal_notice(doc, view)
        if "index.md" not in pub.paths():
            generated["index.md"] = home_page(view)
        if self.config.search == "pagefind":
            # The whole build's search page, in a shard too: the merge indexes all its items.
            items = len(pub.items())
            generated[pagefind_search.SEARCH_PAGE] = pagefind_search.search_page(
                has_items=items > 0, recent=pagefind_search.recent_pages(items, self.config.search_recent_pages)
            )
        return generated

    def _redirects(self) -> list[Redirect]:
        """The old addresses this build (shard) answers: those of the documents it shows."""
        assert self.view is not None
        return [r for r in self.view.pub.redirects if self.shard is None or self.shard.has(r.to)]

    def _write_redirects(self, out: Path, config: EngineConfig) -> list[str]:
        """A redirect page at each old address (moved_from); the files written, for the output check.

        Written beside the engine's pages, not as pages of the engine: no search index, no
        sitemap entry, no navigation holds them."""
        assert self.view is not None
        intranet = self.view.pub.audience.is_intranet
        theme = config.extra.get("disclosure") or {}
        edition = ""
        if intranet:
            org = self.view.pub.audience.org
            edition = f"{self.view.org_name(org)}内部版" if org else "党内版"
        site_title = config.site_name + (f"·{edition}" if edition else "")
        written = []
        for redirect in self._redirects():
            path = out / redirect_file(redirect)
            path.parent.mkdir(parents=True, exist_ok=True)
            page = redirect_page(redirect, self.view, config.site_url or "", site_title, theme.get("banner", ""))
            path.write_text(page, encoding="utf-8")
            written.append(redirect_file(redirect))
        return written

    def _stop_counting(self) -> None:
        if self.warnings is not None:
            self.warnings.stop()
            self.warnings = None

    def on_build_error(self, error: Exception) -> None:
        self._stop_counting()
        if self.exports is not None:
            self.exports.cancel()  # before its folder is removed: nothing is written there after
            self.exports = None
        if self.search_cache is not None:
            self.search_cache.discard()
        if self.session is not None:
            self.session.ended()
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)  # nothing new is left behind

    def on_env(self, env, config: EngineConfig, files: Files):  # noqa: ANN001, ANN201 - jinja2.Environment
        if self.session is not None:
            self.session.reuse_compiled_templates(env)
        for file in self.copied:
            # The engine read no copied page (on_pre_page did not run): its sitemap date.
            assert file.page is not None
            file.page.update_date = self._own_date(file.src_uri).isoformat()
        assert self.output is not None and self.view is not None
        # Every file the build writes, for the links on its pages and the check of the output.
        self._list_files(files, config)
        return env

    def _list_files(self, files: Files, config: EngineConfig) -> None:
        """What the output check knows of the build's files: the allow-list, canaries, sources."""
        assert self.output is not None and self.view is not None
        self.files = files
        # The Mongolian pages the output may hold are those of the publication's translations
        # (outputs.mongolian_outputs), not whatever the engine has under mn/.
        mongolian = outputs.mongolian_outputs(self.view, self.mongolian.shown, self.mongolian.search, config)
        self.output.files = {f.dest_uri for f in files if not f.src_uri.startswith(MONGOLIAN_PREFIX)} | mongolian
        self.output.files |= outputs.exports(self.view, self._has_org)
        self.output.files |= {redirect_file(r) for r in self._redirects()}
        if self.shard is not None:
            # A shard's pages link to the pages of the other shards, which the whole site has.
            self.output.files |= outputs.whole_site_pages(self.view, config)
            self.output.files.add(merge.MANIFEST)  # what it was built from, for the merge
        self.output.hidden_names = outputs.hidden_names(self.site, self.view.pub, files)
        self.output.sources = {
            f.dest_uri: outputs.source_of(f.src_uri, f.src_uri in self.by_path)
            for f in files
            if f.is_documentation_page()
        }

    def plan(self, config: EngineConfig, files: Files) -> merge.Plan:
        """What the whole build writes, after on_config and on_files of a plan (engine.plan): the merge's allow-list."""
        assert self.view is not None and self.output is not None
        if self.shard is not None:
            raise PluginError(_("a plan is of the whole build: leave orgs unset"))
        self._list_files(files, config)
        pub = self.view.pub
        base = config.site_url or ""
        if base and not base.endswith("/"):
            base += "/"
        return merge.Plan(
            manifest=merge.Manifest.of_build(str(pub.audience), self.root, self.view.clock),
            site_dir=Path(config.site_dir),
            files=frozenset(self.output.files | set(outputs.ENGINE_FILES)),
            # the engine's sitemap: every page, in its files' order, at its canonical address
            sitemap_order=tuple(urljoin(base, f.url) for f in files.documentation_pages()) if base else (),
            site_url=config.site_url or "",
            sitemap_urls=self.config.sitemap_urls,
            search=self.config.search == "pagefind",
            published={_page_address(files, d.path): d.date for d in pub.items()},
            batch_pages=self.config.search_batch_pages,
            recent=self.config.search_recent_pages,
            output=self.output,
            leaks=functools.partial(outputs.hidden_in_output, site=self.site, pub=pub),
            mongolian=self.mongolian.published(lambda uri: _page_address(files, uri)),
        )

    # ------------------------------------------------------------------ pages

    def on_pre_page(self, page: Page, config: EngineConfig, files: Files) -> Page:
        """The sitemap's lastmod: the page's own date — an item's publication date, an
        organization page's newest item — else the build clock's China date (never the
        engine's UTC build date, which would change every page every day)."""
        assert self.view is not None
        # A Mongolian page's date is its original's (the Chinese page it switches to).
        src_uri = self.mongolian.to_chinese.get(page.file.src_uri, page.file.src_uri)
        page.update_date = self._own_date(src_uri).isoformat()
        return page

    def _own_date(self, src_uri: str) -> dt.date:
        assert self.view is not None
        doc = self.by_path.get(src_uri) or self.notices.get(src_uri)
        if doc is not None and doc.withdrawn is not None and doc.withdrawn.on is not None:
            return min(doc.withdrawn.on, self.view.clock)  # a withdrawal notice: the day it was withdrawn
        if doc is not None and doc.is_item and doc.date is not None:
            return min(doc.updated or doc.date, self.view.clock)  # the page's 更新日期
        parts = src_uri.split("/")
        if parts[0] == "orgs" and len(parts) == 3 and parts[1] in self.view.registry:
            dates = [d.date for d in self.view.items_of(parts[1]) if d.date is not None]
            return min(max(dates), self.view.clock) if dates else self.view.clock
        return self.view.clock

    def on_page_read_source(self, page: Page, config: EngineConfig) -> str | None:
        """The body the loader split off the front matter: the engine never parses our sources itself.

        The leading blank line keeps the engine's own meta-data reader (YAML and
        MultiMarkdown style `key: value` lines) from reading anything out of the body.
        """
        doc = self.by_path.get(page.file.src_uri)
        if doc is not None and not page.file.generated_by:
            return "\n\n" + doc.body
        return None

    def on_page_markdown(self, markdown: str, page: Page, config: EngineConfig, files: Files) -> str:
        """Page meta-data from the model, escaped for Material, which prints it as it is."""
        markdown = self._page_markdown(markdown, page)
        if isinstance(files, RecordingFiles):
            files.recording = page.file.src_uri  # the engine now converts it: its links' look-ups
        if self.warnings is not None:
            self.warned_before = self.warnings.count
        return markdown

    def _item_meta(self, doc: Document) -> dict[str, object]:
        meta: dict[str, object] = {"title": outputs.escaped(doc.title), "type": doc.type}
        self.mongolian.switch(doc.path, meta)
        if doc.is_item and doc.org:
            meta["org"] = doc.org  # theme/partials/content.html: the item body is indexed
            # main.html's PubDate and ContentSource (《政府网站发展指引》 page meta-data)
            meta["org_name"] = outputs.escaped(self.view.org_name(doc.org)) if self.view else ""
            if doc.date is not None:
                meta["date"] = doc.date.isoformat()
        if doc.description:
            meta["description"] = outputs.escaped(doc.description)
        if doc.hide:
            meta["hide"] = list(doc.hide)
        return meta

    def _item_parts(self, doc: Document) -> tuple[str, str, str]:
        """What an item page shows around its body: heading and panel above, links and changes below."""
        assert self.view is not None
        return (
            f"{item_heading(doc, self.view)}\n{item_panel(doc, self.view)}",
            item_related(doc, self.view),
            item_changes(doc, self.view),
        )

    def _page_markdown(self, markdown: str, page: Page) -> str:
        if self.mongolian.owns(page):
            self.mongolian.meta(page)
            return markdown
        doc = None if page.file.generated_by else self.by_path.get(page.file.src_uri)
        if doc is not None:
            page.meta = self._item_meta(doc)
            return markdown
        generated = self.generated.get(page.file.src_uri)
        if isinstance(generated, GeneratedPage):
            page.meta = {"title": outputs.escaped(generated.title), "hide": list(generated.hide)}
            self.mongolian.switch(page.file.src_uri, page.meta)
            return ""
        self.mongolian.switch(page.file.src_uri, page.meta)  # the search page
        return markdown

    def on_page_content(self, html: str, page: Page, config: EngineConfig, files: Files) -> str:
        """The editors' HTML cleaned to the allowed set, under the escaped title and the panel."""
        assert self.view is not None
        if isinstance(files, RecordingFiles):
            files.recording = None
        if self.warnings is not None and self.incremental is not None and self.warnings.count > self.warned_before:
            self.incremental.warned.add(page.file.dest_uri)
        if self.mongolian.owns(page):
            return self.mongolian.content(html, page)
        doc = None if page.file.generated_by else self.by_path.get(page.file.src_uri)
        if doc is not None:
            body = sanitize.clean(html)
            if not doc.is_item:
                return home_sections(self.view) + body if doc.url == "" else body  # the home page's listings
            above, related, changes = self._item_parts(doc)
            return f"{above}\n{body}\n{related}" + changes
        generated = self.generated.get(page.file.src_uri)
        if isinstance(generated, GeneratedPage):
            return generated.html
        return html

    def on_post_page(self, output: str, page: Page, config: EngineConfig) -> str:
        """Each rendered page read back with an HTML parser before it is written (verify.py)."""
        assert self.output is not None
        source = self.output.sources.get(page.file.dest_uri, page.file.src_uri)
        doc = None if page.file.generated_by else self.by_path.get(page.file.src_uri)
        for problem in verify.check_page(output, page.file.dest_uri, self.output):
            line = outputs.line_of(doc, getattr(problem, "needle", "")) if doc is not None else 0
            self.findings.append(f"{source}:{line}: {problem}" if line else f"{source}: {problem}")
        return output

    # ------------------------------------------------------------------ output

    @event_priority(-100)  # last: the output is complete, then checked, then published
    def on_post_build(self, config: EngineConfig) -> None:
        assert self.view is not None and self.output is not None
        view = self.view
        session = self.session
        out = Path(config.site_dir)
        # A copied page is read back as a rendered one is (on_post_page), in processes of their
        # own while the exports and the search index are written — unless the last build's
        # sealed verdict on its bytes holds in this build's context (plugins/incremental.py).
        unread = [f.dest_uri for f in self.copied]
        if self.incremental is not None and self.incremental.verdicts_hold(verify.Context.of(self.output)):
            unread = []
        if self.incremental is not None:
            self.incremental.read_back = len(unread)
        aside = verify.CheckedAside(self.output, unread, os.cpu_count() or 1)
        try:
            self._write_whole_site(out, config)
            copied_findings = aside.findings()
        finally:
            aside.close()
        findings, self.findings = self.findings + copied_findings, []
        redirects = self._write_redirects(out, config)
        # Above the protocol's 50,000 URLs the engine's sitemap becomes an index of several.
        if self.shard is None:
            self.output.files |= set(sitemaps.split_sitemap(out, self.config.sitemap_urls, config.site_url or ""))
        if not self.preview:
            findings += outputs.unlisted_files(out, self.output.files)
            others = [p for p in ("404.html", *redirects) if (out / p).is_file()]
            findings += verify.check_output(self.output, others)
        if findings:
            shown = "\n".join(findings[:50]) + (f"\n… and {len(findings) - 50} more" if len(findings) > 50 else "")
            raise PluginError(
                _("the output check found {count} problem(s); nothing was published:\n{shown}").format(
                    count=len(findings), shown=shown
                )
            )
        leaks = outputs.hidden_in_output(out, self.site, view.pub)
        if leaks:
            raise PluginError(_("hidden content reached the output: {leaks}").format(leaks=", ".join(leaks)))
        if session is not None:
            session.finished()
            session.ended()
            return
        if config.strict and engine.strict_warnings():
            raise PluginError(_("strict mode: the build logged warnings; nothing was published"))
        self._stop_counting()
        if self.incremental is not None and isinstance(self.files, RecordingFiles):
            self.incremental.finish(out, self.files)
        if self.temporary is not None:
            try:
                folders.swap(self.temporary, self.target, len(self.output.files))
            except folders.FolderError as error:
                raise PluginError(str(error)) from None
            self.temporary = None
            config.site_dir = str(self.target)
            if self.incremental is not None:
                if self.search_cache is not None:
                    self.incremental.search = (
                        self.search_cache.runs,
                        self.search_cache.hits,
                        self.search_cache.chunks_kept,
                    )
                self.incremental.save()
                if self.search_cache is not None:
                    self.search_cache.keep_only_used()
                log.info(
                    _("{rendered} page(s) rendered, {reused} copied from the last build").format(
                        rendered=self.incremental.rendered, reused=self.incremental.reused
                    )
                )

    def _write_whole_site(self, out: Path, config: EngineConfig) -> None:
        """The files of the whole site besides its pages: exports and feeds, then the search
        index (a shard's manifest instead: the merge indexes the union)."""
        assert self.view is not None
        view = self.view
        session = self.session
        if self.exports is not None:
            exports, self.exports = self.exports, None
            exports()  # the forked process's, or written here if it failed
        elif not (session is not None and session.exports_unchanged()):
            self._write_exports(out, config)
        if self.shard is not None:
            # A shard is half-made: the merge writes the search index and sitemap of the union.
            (out / merge.MANIFEST).write_text(
                merge.Manifest.of_build(str(view.pub.audience), self.root, view.clock, self.shard.spec).text(),
                encoding="utf-8",
            )
        elif self.config.search == "pagefind" and not (session is not None and session.keep_search_index()):
            if self.incremental is not None:
                # Pagefind's bundles of the batches whose pages did not change, kept beside the site.
                self.search_cache = pagefind_search.BatchCache(
                    incremental.search_cache_of(self.target),
                    incremental.code_digest(),
                    read=self.dirty,
                    # Chunks are taken from the published bundle only if the record was made
                    # of the same whole inputs (this code, this zlib): then they are this build's bytes.
                    published=self.target / pagefind_search.BUNDLE_DIR if self.incremental.before else None,
                )
            try:
                items = self._items_in_shard(view.pub)
                search_mongolian.build_indexes(
                    out,
                    # the newest first: the order of the publication, not of the pages
                    published={_page_address(self.files, d.path): d.date for d in items},
                    # The Mongolian item pages in an index of their own, language `mn`, in the same bundle.
                    mongolian=self.mongolian.published(lambda uri: _page_address(self.files, uri)),
                    batch_pages=self.config.search_batch_pages,
                    recent=self.config.search_recent_pages,
                    cache=self.search_cache,
                )
            except pagefind_search.SearchIndexError as error:
                raise PluginError(str(error)) from error

    def _write_exports(self, out: Path, config: EngineConfig) -> None:
        assert self.view is not None
        outputs.write_exports(
            out,
            self.view,
            config.site_url or "",
            config.site_name,
            self.config.feed_size,
            self._has_org,
            self.session.kept_orgs() if self.session is not None else frozenset(),
        )


def _page_address(files: Files, src_uri: str) -> str:
    """Where a page is in the output, as the search index names it: its file's path, without
    a closing index.html (`region/2026/a/`), not percent-encoded as the engine's URL is."""
    file = files.get_file_from_path(src_uri)
    assert file is not None, src_uri
    dest = file.dest_uri
    return dest.removesuffix("index.html") if dest == "index.html" or dest.endswith("/index.html") else dest


def _sizes(content: Path, attachments: Iterable[str]) -> dict[str, int]:
    """The published attachments' sizes in bytes (an item page lists them: PDF 文档，356 KB)."""
    sizes = {}
    for path in attachments:
        try:
            sizes[path] = (content / path).stat().st_size
        except OSError:
            continue  # check reports a missing attachment; its page lists it without a size
    return sizes
