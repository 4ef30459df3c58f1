"""Fast preview rebuilds: during `disclose serve`, redo only what an edit changed.

`disclose serve` runs MkDocs' dirty builds, which skip a page whose source file is older
than its output.  Alone that is not enough here: a generated page (organization, print
sheet, compliance report) counts as changed on every build, and the page of an item that
became hidden would stay in the output.  At 5,000 items a save re-rendered ~4,700 pages
(~40 s).  So, within one preview session (one output folder):

* when no item's metadata changed — an edit of an item's body, the common edit — the
  generated pages, JSON exports and feeds of the last build are reused: they list titles,
  dates, scopes and states, never bodies; when some did, the pages and feeds of the
  organizations those items do not belong to are reused (they list their own items only);
* a generated page whose Markdown is exactly what the last build rendered is not
  rendered again;
* an item page is rendered again when its own file changed (MkDocs' check), or when an
  item it links to or that links to it changed (its cross-link lists show their titles);
* when the registry, a catalog, mkdocs.yml, the list of problems shown on every preview
  page or the build day changes, or the last build failed half-way, every page is
  rendered again;
* output of pages and attachments this audience does not see (any more) is deleted
  before the build, so the leak audit at the end still finds nothing hidden;
* the theme's templates are compiled once per session, not once per build.

The state of a build becomes the base for the next one only once it has finished
(`finished`).  A preview's memory is a `Session` per output folder, held by the plugin
instance (`Previews`), which the engine keeps across a preview's rebuilds (the plugin has
`on_startup`).  Only preview builds use this module; `disclose build` renders everything.
"""

from __future__ import annotations

import dataclasses
import operator
import os
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from .. import collector, engine
from ..audience import Publication
from ..engine import EngineConfig, File, Files
from ..model import Document, Site
from ..parse_memory import ParseMemory
from ..rules.common import linked_items

# Fields of a Document that no listing, export or feed shows: the body and line numbers.
_NOT_LISTED = {"body", "body_line", "where"}

_listed = operator.attrgetter(*(f.name for f in dataclasses.fields(Document) if f.name not in _NOT_LISTED))

# After a rebuild, one collection this much later, when the browser has reloaded.
_COLLECT_AFTER_SECONDS = 1.0


@dataclass
class Build:
    """What one preview build was made of, and what of the last one it may reuse."""

    sources: tuple[object, ...]  # registry, catalogs, clock, audience, mkdocs.yml, extra
    listing: tuple[object, ...]  # everything a listing, export or feed shows
    documents: dict[str, Document]
    reuse_exports: bool  # nothing the exports show changed
    everything: bool  # render every page again
    kept_orgs: frozenset[str]  # organizations whose own pages and feed no edit touched
    generated: dict[str, object] = field(default_factory=dict)  # src_uri → Markdown or GeneratedPage
    translated: frozenset[str] = frozenset()  # documents with a Mongolian version (their pages link it)


class _CompiledTemplates(BytecodeCache):
    """Jinja bytecode kept in memory across the rebuilds of a session (the engine makes a new
    environment per build and would compile the theme's templates again each time)."""

    def __init__(self) -> None:
        self.buckets: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.buckets:
            bucket.bytecode_from_string(self.buckets[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.buckets[bucket.key] = bucket.bytecode_to_string()


def _sources(site: Site, pub: Publication, config: EngineConfig) -> tuple[object, ...]:
    config_text = Path(config.config_file_path).read_text("utf-8") if config.config_file_path else ""
    # config.extra carries the preview's problem list, shown on every page.
    return (site.registry, site.catalogs, pub.clock, str(pub.audience), config_text, dict(config.extra))


def _changed(now: dict[str, Document], before: dict[str, Document]) -> list[Document]:
    """Documents of `now` that are new or differ from `before`."""
    return [d for path, d in now.items() if before.get(path) is not d and before.get(path) != d]


def remove_output(file: File) -> None:
    """Delete what an earlier build of this session wrote for a file this build leaves out."""
    path = Path(file.abs_dest_path)
    if path.is_file():
        path.unlink()


class Session:
    """One preview's memory across its rebuilds: one output folder."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self.built: Build | None = None  # the last finished build
        self.pending: Build | None = None  # the build under way (left set: it failed half-way)
        self.indexed = False  # the output has a search index
        self.templates = _CompiledTemplates()
        # The files this session parsed, by their stamps: a save re-parses only what it changed.
        self.parse_memory = ParseMemory()
        self._collector = ExitStack()

    def started(self) -> None:
        """At the start of a rebuild (not of a session's first, whole build): the cycle
        collector pauses until the rebuild ends (collector.py)."""
        self._collector.close()
        if self.built is not None:
            self._collector.enter_context(collector.paused(collect_after=_COLLECT_AFTER_SECONDS))

    def ended(self) -> None:
        """The rebuild finished or failed: the collector runs again, and collects a moment later."""
        self._collector.close()

    def unchanged_listings(self, site: Site, pub: Publication, config: EngineConfig) -> dict[str, object] | None:
        """The last build's generated pages when nothing they show has changed, else None.

        Called first in a build: it also opens the build's pending state, including which
        organizations' own pages (`reusable_pages`) and feeds (`kept_orgs`) may be reused.
        """
        built = self.built if self.pending is None else None  # a build that never finished: start over
        sources = _sources(site, pub, config)
        listing = (
            sources,
            tuple((d.path, _listed(d)) for d in pub.documents),
            frozenset(pub.archived),
            frozenset(pub.drafts),
            # Withdrawal notices and redirects are generated from their whole record (issue 14).
            tuple(pub.notices),
            tuple((r.address, r.to.path) for r in pub.redirects),
            # The Mongolian titles in the open data and the feeds (title_mn, export.py).
            tuple((path, t.title) for path, t in sorted(pub.translations.items())),
        )
        same = built is not None and built.listing == listing
        everything = built is None or built.sources != sources
        documents = {d.path: d for d in (*pub.documents, *pub.notices)}  # a notice's edit touches its org
        kept_orgs: frozenset[str] = frozenset()
        if built is not None and not everything:
            # An organization's own pages and feed list its own items only.
            changed = _changed(documents, built.documents) + _changed(built.documents, documents)
            touched = {d.org for d in changed}
            kept_orgs = frozenset(o.id for o in site.registry if o.id not in touched)
        self.pending = Build(
            sources, listing, documents, same, everything, kept_orgs, translated=frozenset(pub.translations)
        )
        return built.generated if built is not None and same else None

    def reusable_pages(self) -> dict[str, str]:
        """The last build's Markdown of the organizations' own pages (orgs/<id>/…, compliance/<id>/…)
        whose organization no changed item belongs to."""
        kept = self.pending.kept_orgs if self.pending is not None else frozenset()
        if self.built is None or not kept:
            return {}
        return {
            uri: text
            for uri, text in self.built.generated.items()
            if isinstance(text, str)
            and uri.count("/") >= 2
            and uri.split("/")[0] in ("orgs", "compliance")
            and uri.split("/")[1] in kept
        }

    def kept_orgs(self) -> frozenset[str]:
        """Organizations whose feed the last build wrote and no changed item belongs to."""
        return self.pending.kept_orgs if self.pending is not None else frozenset()

    def skip_unchanged(self, files: Files, generated: dict[str, object], pub: Publication) -> None:
        """Mark the pages this build need not render again (see the module docstring)."""
        pending, built = self.pending, self.built
        assert pending is not None
        pending.generated = generated
        if pending.everything or built is None:
            for file in files.documentation_pages():
                engine.mark_modified(file, True)
            return
        changed = _changed(pending.documents, built.documents)
        changed += [d for path, d in built.documents.items() if path not in pending.documents]
        # Pages whose cross-link lists name a changed item: the items it links to, and those linking to it.
        # (Interpretations, corrections and a consultation's outcome: rules.common.linked_items.)
        touched = {d.id for d in changed} | {t for d in changed for _, t, _ in linked_items(d)}
        relinked = {
            d.path
            for d in pub.documents
            if d.is_item and (d.id in touched or any(t in touched for _, t, _ in linked_items(d)))
        }
        if changed:  # a site's own home page lists the newest items (render.home_sections)
            relinked |= {d.path for d in pub.documents if not d.is_item and d.url == ""}
        # A page whose Mongolian version came or went: its language switch did too.
        relinked |= pending.translated ^ built.translated
        rendered = built.generated
        for file in files.documentation_pages():
            if file.src_uri in relinked:
                engine.mark_modified(file, True)
            elif (
                file.src_uri in generated
                and rendered.get(file.src_uri) == generated[file.src_uri]
                and os.path.isfile(file.abs_dest_path)
            ):
                engine.mark_modified(file, False)
            else:
                # The engine asks is_modified() (source newer than output) once to read a page
                # and once to render it: a save landing between the two left a page to render
                # that was never read (a crash, seen with the system file watcher). Decided
                # once here; a later save starts another rebuild, which sees it.
                engine.mark_modified(file, file.is_modified())

    def exports_unchanged(self) -> bool:
        """True when the last build's JSON exports, feeds and robots.txt are still what this build would write."""
        return (
            self.pending is not None
            and self.pending.reuse_exports
            and (Path(self.site_dir) / "data" / "items.json").is_file()
        )

    def reuse_compiled_templates(self, env: Environment) -> None:
        """Let this build's Jinja environment reuse templates compiled by earlier ones.

        Jinja keys a bucket on the template's name and a checksum of its source, so an
        edited template is compiled afresh."""
        env.bytecode_cache = self.templates

    def keep_search_index(self) -> bool:
        """True when this session already indexed its output: the preview keeps that index.

        Indexing is the slowest step of a build (Pagefind over every item page); a preview's
        search may lag behind edits, its pages may not.
        """
        return self.indexed and (Path(self.site_dir) / "pagefind" / "pagefind-entry.json").is_file()

    def finished(self) -> None:
        """The build under way has written everything: it is the base of the next one."""
        if self.pending is not None:
            self.built, self.pending = self.pending, None
        self.indexed = True


class Previews:
    """The preview sessions of one plugin instance, by output folder."""

    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}

    def session(self, config: EngineConfig) -> Session:
        folder = os.path.realpath(config.site_dir)
        found = self._sessions.get(folder)
        if found is None:
            found = self._sessions[folder] = Session(folder)
        return found
