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

import os
import shutil
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from .. import engine, sanitize, verify
from ..audience import build_clock
from ..engine import (
    BasePlugin,
    Config,
    EngineConfig,
    File,
    Files,
    InclusionLevel,
    Page,
    PluginError,
    event_priority,
)
from ..engine import config_options as c
from ..export import atom_feed, catalogs_json, items_json
from ..prepare import Validated, prepare
from ..render import (
    View,
    annual_report_page,
    dashboard,
    environment,
    home_page,
    item_panel,
    item_related,
    org_index,
    org_page,
    print_page,
    report_years,
)
from ..settings import DEFAULTS
from ..verify import Output
from . import preview as preview_rebuild
from . import search as pagefind_search

log = engine.logger("plugins.disclosure")


class _AtLeast(c.Type[int]):
    """A whole number no smaller than `minimum`; the message says what the option is for."""

    def __init__(self, minimum: int, meaning: str, default: int) -> None:
        super().__init__(int, default=default)
        self.minimum, self.meaning = minimum, meaning

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < self.minimum:
            raise engine.ValidationError(
                f"is {value!r} — give {self.meaning}, at least {self.minimum} (default {self.default})")
        return number


class DisclosureConfig(Config):
    """The plugin's options in mkdocs.yml; `disclose` sets audience, orgs and preview on them."""

    # public, party or unit:<org-id>; plain `mkdocs build` reads DISCLOSE_AUDIENCE through
    # mkdocs.yml's `audience: !ENV [DISCLOSE_AUDIENCE, public]`.
    audience = c.Type(str, default="public")
    # The sources: never MkDocs' docs_dir (see on_config), so no engine finds them alone.
    content_dir = c.Type(str, default=DEFAULTS.content_dir)
    catalogs_dir = c.Type(str, default=DEFAULTS.catalogs_dir)
    overdue_grace_days = _AtLeast(0, "the days after a due date before an entry is overdue",
                                  DEFAULTS.overdue_grace_days)
    hide_names_in_public = c.Type(bool, default=True)
    intranet_banner = c.Type(str, default="党内资料 注意保密")
    intranet_site_url = c.Optional(c.Type(str))
    preview = c.Type(bool, default=False)
    feed_size = c.Type(int, default=50)
    # Full-text search: Pagefind over this build's output (docs/search.md), or none.
    search = c.Choice(("pagefind", "none"), default="pagefind")
    # Item pages per Pagefind run: peak memory follows this, not the site (search.BATCH_PAGES).
    search_batch_pages = _AtLeast(1, "the number of item pages per Pagefind run", pagefind_search.BATCH_PAGES)
    # The newest items a reader's first query searches (search.RECENT_PAGES); 0: always all items.
    search_recent_pages = _AtLeast(0, "how many of the newest items a first query searches, or 0 for "
                                   "all of them", pagefind_search.RECENT_PAGES)
    # One shard of a split build: only these subtrees' items and organization pages (docs/scaling.md).
    orgs = c.Optional(c.Type(str))


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.view: View | None = None
        self.problems: list = []
        self.preview = False
        self.shard: frozenset[str] | None = None
        self.command = "build"  # `mkdocs serve` says "serve" (on_startup); disclose build calls build() directly
        self.output: Output | None = None
        self.findings: list[str] = []
        self.validated: Validated | None = None
        self.previews = preview_rebuild.Previews()  # kept across a preview's rebuilds
        self.session: preview_rebuild.Session | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Its presence also keeps this instance across the rebuilds of a preview.
        self.command = command

    def hand_over(self, validated: Validated) -> None:
        """The sources of the next build, loaded and judged by `disclose build` (read once)."""
        self.validated = validated

    def on_serve(self, server, config: EngineConfig, builder):  # noqa: ANN001, ANN201 - livereload server
        """MkDocs watches its docs_dir, the decoy: a preview must rebuild when content/ changes."""
        server.watch(str(self.content))
        return server

    # ------------------------------------------------------------------ config

    @event_priority(100)
    def on_config(self, config: EngineConfig) -> EngineConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        content = (root / self.config.content_dir).resolve()
        if Path(config.docs_dir).resolve() == content or content in Path(config.docs_dir).resolve().parents:
            # Then an engine without this plugin (or a config without it) would publish every item.
            raise PluginError(f"mkdocs.yml: docs_dir is the content folder '{self.config.content_dir}' — set "
                              "docs_dir: theme/no-plugin (a folder with one page saying the site is built with "
                              "disclose build); the disclosure plugin reads content/ itself")
        self.content = content
        preview = self.config.preview
        # A preview's memory of its earlier builds into this folder (plugins/preview.py).
        self.session = self.previews.session(config) if preview else None
        if self.session is not None:
            self.session.started()
        validated, self.validated = self.validated, None  # handed over for this build only
        try:
            clock = validated.clock if validated is not None else build_clock()
        except ValueError as error:
            raise PluginError(str(error)) from None
        prepared = prepare(
            root, self.config.audience, clock, content_dir=self.config.content_dir,
            catalogs_dir=self.config.catalogs_dir, preview=preview, validated=validated,
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
        shard_text = self.config.orgs
        self.shard = None
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
            # theme/disclosure/<name>.html overrides a generated page's template, like Material's partials.
            templates=environment(config.theme.custom_dir),
        )
        intranet = pub.audience.is_intranet
        public_url = config.site_url or ""
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
            # Titles are text: Material prints nav titles as they are, so they go in escaped.
            nav += [{_escaped(d.title): d.path} for d in pub.documents if not d.is_item and d.path != "index.md"]
            config.nav = nav
        hosts = {urlsplit(u).hostname for u in (config.site_url, public_url) if u}
        intranet_host = urlsplit(self.config.intranet_site_url or "").hostname
        self.output = Output(
            root=Path(config.site_dir), files=set(), site_path=urlsplit(config.site_url or "/").path or "/",
            own_hosts=frozenset(h.lower() for h in hosts if h and (intranet or h != intranet_host)),
            forbidden_hosts=frozenset({intranet_host.lower()}) if intranet_host and not intranet else frozenset(),
        )
        if not preview and self.command != "serve":
            self._build_into_a_temporary_folder(config, pub.audience.slug)
        return config

    def _build_into_a_temporary_folder(self, config: EngineConfig, slug: str) -> None:
        """Point the build at a new folder beside its target; on_post_build swaps it in.

        The target follows the audience: site_dir names the public build's folder, and every
        other audience is built into its own sibling — site/party, site/unit-<org>,
        site/<slug>@<shard> — unless site_dir names exactly that folder; so no build lands in
        another audience's folder, whatever `-d` or site_dir says.
        A failed build removes its folder (on_build_error); a killed one leaves it, and
        the next build of the same target removes it.
        """
        from ..cli import shard_name  # one naming of shard folders

        configured = Path(config.site_dir).resolve()
        folder = slug + (f"@{shard_name(','.join(sorted(self.shard)))}" if self.shard else "")
        # The public build may go where it is told; any other build goes to its own folder
        # beside it unless told that very folder, so it never lands in the public one.
        public_folder = slug == "public" and not self.shard and configured.name != "public"
        target = configured if configured.name == folder or public_folder else configured.parent / folder
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() and not target.is_dir():
                raise PluginError(f"{target}: is a file, not a folder — remove it or choose another site_dir")
            _remove_abandoned(target)
            temporary = target.with_name(f".{target.name}.building-{os.getpid()}")
            shutil.rmtree(temporary, ignore_errors=True)
            temporary.mkdir()
        except OSError as error:
            raise PluginError(f"{error.filename or target}: cannot write the build ({error.strerror}) — "
                              "check the folder's permissions and free space") from None
        self.target, self.temporary = target, temporary
        config.site_dir = str(temporary)
        assert self.output is not None
        self.output.root = temporary

    # ------------------------------------------------------------------ files

    @event_priority(100)
    def on_files(self, files: Files, config: EngineConfig) -> Files:
        """The build's files, from the publication only: nothing MkDocs found on its own walk is kept."""
        assert self.view is not None
        pub = self.view.pub
        pages = pub.paths()
        if self.shard is not None:
            # A shard builds only its subtrees' items (and their attachments); the audience
            # decided above stays the whole decision, a shard only leaves more out.
            owners = {p: d for d in pub.documents for p in (d.path, *d.attachment_paths())}
            pages = {p for p in pages if self._in_shard(owners[p])}
            attachments = {p for p in pub.attachments if p in owners and self._in_shard(owners[p])}
        else:
            attachments = pub.attachments
        kept = Files([f for f in files if _theme_asset(f, config)])
        content = str(self.content)
        where = dict(dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        for doc in pub.documents:
            if doc.path not in pages:
                continue
            inclusion = InclusionLevel.DRAFT if doc.path in pub.drafts else InclusionLevel.NOT_IN_NAV
            kept.append(File(doc.path, content, inclusion=inclusion, **where))
        for path in sorted(attachments):
            kept.append(File(path, content, **where))
        if self.preview:
            # Pages of this session's earlier builds the audience no longer sees.
            for doc in self.site.documents:
                if doc.path not in pages:
                    for path in (doc.path, *doc.attachment_paths()):
                        preview_rebuild.remove_output(File(path, content, **where))
        view = self.view
        # A preview rebuild after an edit of an item's body reuses the listings (plugins/preview.py).
        session = self.session
        reused = session.unchanged_listings(self.site, pub, config) if session is not None else None
        generated = reused if reused is not None else self._generated_pages(
            view, session.reusable_pages() if session is not None else {})
        self.generated = generated
        for src_uri, page in generated.items():
            if kept.get_file_from_path(src_uri) is not None:
                raise PluginError(f"content/{src_uri}: this address is reserved for a generated page — move the file")
            inclusion = InclusionLevel.INCLUDED if src_uri in ("index.md", "orgs/index.md", "compliance/index.md") else InclusionLevel.NOT_IN_NAV
            text = page if isinstance(page, str) else ""
            kept.append(File.generated(config, src_uri, content=text, inclusion=inclusion))
        if session is not None:
            session.skip_unchanged(kept, generated, pub)
        self.by_path = {d.path: d for d in pub.documents if d.path in pages}
        return kept

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
                years = report_years(view, org.id)
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
        if self.session is not None:
            self.session.ended()
        temporary = getattr(self, "temporary", None)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)  # nothing new is left behind

    def on_env(self, env, config: EngineConfig, files: Files):  # noqa: ANN001, ANN201 - jinja2.Environment
        if self.session is not None:
            self.session.reuse_compiled_templates(env)
        assert self.output is not None
        # Every file the build writes, for the links on its pages and the check of the output.
        self.files = files
        self.output.files = {f.dest_uri for f in files} | {*EXPORTS, *self._feeds()}
        if self.shard is not None:
            # A shard's pages link to the pages of the other shards, which the whole site has.
            self.output.files |= self._whole_site_pages(config)
        self.output.hidden_names = self._hidden_names(files)
        self.output.sources = {f.dest_uri: _source_of(f.src_uri, f.src_uri in self.by_path)
                               for f in files if f.is_documentation_page()}
        return env

    # ------------------------------------------------------------------ pages

    def on_pre_page(self, page: Page, config: EngineConfig, files: Files) -> Page:
        # The sitemap's lastmod: the build clock's China date, not MkDocs' UTC date.
        assert self.view is not None
        page.update_date = self.view.clock.isoformat()
        return page

    def on_page_read_source(self, page: Page, config: EngineConfig) -> str | None:
        """The body the loader split off the front matter: MkDocs never parses our sources itself.

        The leading blank line keeps MkDocs' own meta-data reader (YAML and MultiMarkdown
        style `key: value` lines) from reading anything out of the body.
        """
        doc = self.by_path.get(page.file.src_uri)
        if doc is not None and not page.file.generated_by:
            return "\n\n" + doc.body
        return None

    def on_page_markdown(self, markdown: str, page: Page, config: EngineConfig, files: Files) -> str:
        """Page meta-data from the model, escaped for Material, which prints it as it is."""
        doc = None if page.file.generated_by else self.by_path.get(page.file.src_uri)
        if doc is not None:
            page.meta = {"title": _escaped(doc.title), "type": doc.type}
            if doc.is_item and doc.org:
                page.meta["org"] = doc.org  # theme/partials/content.html: the item body is indexed
            if doc.description:
                page.meta["description"] = _escaped(doc.description)
            if doc.hide:
                page.meta["hide"] = list(doc.hide)
            return markdown
        generated = self.generated.get(page.file.src_uri)
        if generated is not None and not isinstance(generated, str):
            page.meta = {"title": _escaped(generated.title), "hide": list(generated.hide)}
            return ""
        return markdown

    def on_page_content(self, html: str, page: Page, config: EngineConfig, files: Files) -> str:
        """The editors' HTML cleaned to the allowed set, under the escaped title and the panel."""
        assert self.view is not None
        doc = None if page.file.generated_by else self.by_path.get(page.file.src_uri)
        if doc is not None:
            body = sanitize.clean(html)
            if not doc.is_item:
                return body
            return (f"<h1>{escape(doc.title)}</h1>\n{item_panel(doc, self.view)}\n{body}\n"
                    f"{item_related(doc, self.view)}")
        generated = self.generated.get(page.file.src_uri)
        if generated is not None and not isinstance(generated, str):
            return generated.html
        return html

    def on_post_page(self, output: str, page: Page, config: EngineConfig) -> str:
        """Each rendered page read back with an HTML parser before it is written (verify.py)."""
        assert self.output is not None
        source = self.output.sources.get(page.file.dest_uri, page.file.src_uri)
        doc = None if page.file.generated_by else self.by_path.get(page.file.src_uri)
        for problem in verify.check_page(output, page.file.dest_uri, self.output):
            line = _line_of(doc, getattr(problem, "needle", "")) if doc is not None else 0
            self.findings.append(f"{source}:{line}: {problem}" if line else f"{source}: {problem}")
        return output

    # ------------------------------------------------------------------ output

    @event_priority(-100)  # last: the output is complete, then checked, then published
    def on_post_build(self, config: EngineConfig) -> None:
        assert self.view is not None and self.output is not None
        view = self.view
        out = Path(config.site_dir)
        site_url = config.site_url or ""
        session = self.session
        if not (session is not None and session.exports_unchanged()):
            self._write_exports(out, view, site_url, config)
        if self.config.search == "pagefind" and not (session is not None and session.keep_search_index()):
            try:
                pagefind_search.build_index(out, expected_pages=self._items_in_shard(view.pub),
                                            batch_pages=self.config.search_batch_pages,
                                            recent=self.config.search_recent_pages)
            except pagefind_search.SearchIndexError as error:
                raise PluginError(str(error)) from error
        findings = list(self.findings)
        self.findings = []
        if not self.preview:
            findings += self._unlisted_files(out)
            others = [p for p in ("404.html",) if (out / p).is_file()]
            findings += verify.check_output(self.output, others)
        if findings:
            shown = "\n".join(findings[:50]) + (f"\n… and {len(findings) - 50} more" if len(findings) > 50 else "")
            raise PluginError(f"the output check found {len(findings)} problem(s); nothing was published:\n{shown}")
        self._audit(out)
        if self.preview:
            assert session is not None
            session.finished()
            session.ended()
            return
        if config.strict and engine.strict_warnings():
            raise PluginError("strict mode: the build logged warnings; nothing was published")
        if getattr(self, "temporary", None) is not None:
            try:
                _swap(self.temporary, self.target)
            except OSError as error:
                raise PluginError(f"{error.filename or self.target}: cannot publish the build ({error.strerror}) — "
                                  "check the folder's permissions") from None
            self.temporary = None
            config.site_dir = str(self.target)

    def _hidden_names(self, files: Files) -> frozenset[str]:
        """ASCII addresses of documents and attachments this audience may not see, that no
        file of the build (or any folder of it) is also called: the output check's canaries."""
        assert self.view is not None
        shown = self.view.pub.paths()
        shown_attachments = self.view.pub.attachments

        def names(path: str) -> set[str]:
            parts = path.lower().split("/")
            stem = parts[-1].rpartition(".")[0] if "." in parts[-1] else parts[-1]
            return {stem, parts[-1], *parts[:-1]}

        hidden: set[str] = set()
        for doc in self.site.documents:
            if doc.path not in shown:
                parts = doc.path.lower()[:-3].split("/")
                hidden.add(parts[-2] if parts[-1] in ("index", "readme") and len(parts) > 1 else parts[-1])
            hidden.update(p.lower().rsplit("/", 1)[-1] for p in doc.attachment_paths() if p not in shown_attachments)
        visible: set[str] = set()
        for file in files:
            visible |= names(file.src_uri) | names(file.dest_uri)
        for doc in self.view.pub.documents:
            visible |= names(doc.path)
        visible |= {"404", "404.html", "sitemap", "feed", "robots", "data", "pagefind"}
        # A bare number (a year, 404) on a page is a number, not an address.
        return frozenset(n for n in hidden - visible
                         if n and n.isascii() and not n.isdigit() and verify._TOKEN.fullmatch(n))

    def _whole_site_pages(self, config: EngineConfig) -> set[str]:
        """Output paths of every page and attachment of the unsharded build (its shards together)."""
        assert self.view is not None
        view = self.view
        uris = [d.path for d in view.pub.documents] + [f"orgs/{o.id}/index.md" for o in view.registry]
        uris += [f"orgs/{o.id}/print/index.md" for o in view.registry]
        if view.pub.audience.is_intranet:
            for org in view.registry:
                years = report_years(view, org.id)
                uris += [f"compliance/{org.id}/{year}/index.md" for year in years]
        where = dict(dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
        found = {File(uri, None, **where).dest_uri for uri in uris}
        found |= set(view.pub.attachments) | {f"orgs/{o.id}/feed.xml" for o in view.registry}
        return found

    def _feeds(self) -> set[str]:
        assert self.view is not None
        view = self.view
        return {f"orgs/{o.id}/feed.xml" for o in view.registry if self._in_shard_org(o.id)}

    def _unlisted_files(self, out: Path) -> list[str]:
        """Files in the output that nobody listed: the output is exactly the listed files."""
        assert self.output is not None
        listed = self.output.files | {"sitemap.xml", "sitemap.xml.gz", "404.html"}
        found = []
        for dirpath, _, names in os.walk(out):
            base = Path(dirpath).relative_to(out).as_posix()
            if base == pagefind_search.BUNDLE_DIR or base.startswith(pagefind_search.BUNDLE_DIR + "/"):
                continue
            for name in names:
                rel = name if base == "." else f"{base}/{name}"
                if rel not in listed:
                    found.append(f"{rel}: a file no page, attachment or export lists reached the output — "
                                 "report this as a bug; nothing was published")
        return found

    def _write_exports(self, out: Path, view: View, site_url: str, config: EngineConfig) -> None:
        """JSON open data, Atom feeds and robots.txt."""
        write = lambda rel, text: _write(out / rel, text)  # noqa: E731
        write("data/items.json", items_json(view, site_url))
        write("data/catalogs.json", catalogs_json(view, site_url))
        write("feed.xml", atom_feed(view, site_url, "feed.xml", config.site_name, size=self.config.feed_size))
        kept = self.session.kept_orgs() if self.session is not None else frozenset()
        for org in view.registry:
            if not self._in_shard_org(org.id):
                continue
            # Every organization page links its feed, so every organization has one (maybe empty).
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


# Files on_post_build writes besides the pages (organization feeds: see _feeds).
EXPORTS = ("data/items.json", "data/catalogs.json", "feed.xml", "robots.txt")


def _line_of(doc, needle: str) -> int:  # noqa: ANN001 - a Document
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


def _source_of(src_uri: str, document: bool) -> str:
    """What an output check finding names: the Markdown file, or what a generated page shows."""
    if document:
        return f"content/{src_uri}"
    parts = src_uri.split("/")
    if parts[0] in ("orgs", "compliance") and len(parts) > 2:
        return f"catalogs/organizations.yml or catalogs/{parts[1]}.yml, or an item of {parts[1]} (page {src_uri})"
    return f"catalogs/ or content/ (generated page {src_uri})"


def _theme_asset(file: File, config: EngineConfig) -> bool:
    """Whether MkDocs' file is an asset of the theme: the installed theme's files, and only
    assets/ of the project's override folder (theme/) — never the docs_dir decoy, never a
    file someone dropped elsewhere in theme/."""
    if not file.abs_src_path or file.is_documentation_page():
        return False
    source = os.path.realpath(file.abs_src_path)
    if source.startswith(os.path.realpath(config.docs_dir) + os.sep):
        return False
    custom = config.theme.custom_dir
    if custom and source.startswith(os.path.realpath(custom) + os.sep):
        return source.startswith(os.path.join(os.path.realpath(custom), "assets") + os.sep)
    return any(source.startswith(os.path.realpath(d) + os.sep) for d in config.theme.dirs)


def _escaped(text: str) -> Markup:
    """Text for Material's templates, which print page and nav titles without escaping."""
    return Markup(escape(text, quote=True))


def _swap(temporary: Path, target: Path) -> None:
    """Put the finished build in place: two renames, the old folder removed afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    temporary.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_abandoned(target: Path) -> None:
    """Folders of earlier builds of `target` whose process is gone (killed mid-build)."""
    for path in target.parent.glob(f".{target.name}.*-*"):
        kind, _, pid = path.name[len(target.name) + 2:].rpartition("-")
        if kind not in ("building", "old") or not pid.isdigit():
            continue
        if int(pid) != os.getpid() and _alive(int(pid)):
            continue
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

