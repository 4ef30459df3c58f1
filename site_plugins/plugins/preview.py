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
(`finished`).  Only preview builds use this module; `disclose build` renders everything.
"""

from __future__ import annotations

import dataclasses
import gc
import operator
import os
import threading
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..audience import Publication
from ..model import Document, Site

# Per preview output folder: "built" (what the last finished build was made of) and
# "pending" (the build under way).
_SESSIONS: dict[str, dict[str, Any]] = {}

# Fields of a Document that no listing, export or feed shows: the body and line numbers.
_NOT_LISTED = {"body", "body_line", "where"}


def _session(config: MkDocsConfig) -> dict[str, Any]:
    return _SESSIONS.setdefault(os.path.realpath(config.site_dir), {})


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


_listed = operator.attrgetter(*(f.name for f in dataclasses.fields(Document) if f.name not in _NOT_LISTED))


def _sources(site: Site, pub: Publication, config: MkDocsConfig) -> tuple:
    config_text = Path(config.config_file_path).read_text("utf-8") if config.config_file_path else ""
    # config.extra carries the preview's problem list, shown on every page.
    return (site.registry, site.catalogs, pub.clock, str(pub.audience), config_text, dict(config.extra))


def remove_output(file: File) -> None:
    """Delete what an earlier build of this session wrote for a file this build leaves out."""
    path = Path(file.abs_dest_path)
    if path.is_file():
        path.unlink()


def unchanged_listings(site: Site, pub: Publication, config: MkDocsConfig) -> dict[str, str] | None:
    """The last build's generated pages when nothing they show has changed, else None.

    Called first in a build: it also opens the build's pending state, including which
    organizations' own pages (`reusable_pages`) and feeds (`kept_orgs`) may be reused.
    """
    session = _session(config)
    failed_before = session.get("pending") is not None  # started, never finished
    built = session.get("built") if not failed_before else None
    sources = _sources(site, pub, config)
    listing = (sources, tuple((d.path, _listed(d)) for d in pub.documents),
               frozenset(pub.archived), frozenset(pub.drafts))
    same = built is not None and built["listing"] == listing
    everything = built is None or built["sources"] != sources
    documents = {d.path: d for d in pub.documents}
    kept_orgs: frozenset[str] = frozenset()
    if not everything:
        # An organization's own pages and feed list its own items only.
        previous: dict[str, Document] = built["documents"]
        changed = [d for path, d in documents.items() if previous.get(path) is not d and previous.get(path) != d]
        changed += [d for path, d in previous.items() if documents.get(path) is not d and documents.get(path) != d]
        touched = {d.org for d in changed}
        kept_orgs = frozenset(o.id for o in site.registry if o.id not in touched)
    session["pending"] = {"sources": sources, "listing": listing, "documents": documents,
                          "reuse_exports": same, "everything": everything, "kept_orgs": kept_orgs}
    return built["generated"] if same else None


def reusable_pages(config: MkDocsConfig) -> dict[str, str]:
    """The last build's Markdown of the organizations' own pages (orgs/<id>/…, compliance/<id>/…)
    whose organization no changed item belongs to."""
    session = _session(config)
    pending, built = session.get("pending") or {}, session.get("built")
    kept = pending.get("kept_orgs") or frozenset()
    if built is None or not kept:
        return {}
    return {uri: text for uri, text in built["generated"].items()
            if uri.count("/") >= 2 and uri.split("/")[0] in ("orgs", "compliance") and uri.split("/")[1] in kept}


def kept_orgs(config: MkDocsConfig) -> frozenset[str]:
    """Organizations whose feed the last build wrote and no changed item belongs to."""
    return (_session(config).get("pending") or {}).get("kept_orgs") or frozenset()


def skip_unchanged(files: Files, generated: dict[str, str], site: Site, pub: Publication, config: MkDocsConfig) -> None:
    """Mark the pages this build need not render again (see the module docstring)."""
    session = _session(config)
    pending = session["pending"]
    pending["generated"] = generated
    built = session.get("built")
    if pending["everything"] or built is None:
        for file in files.documentation_pages():
            file.is_modified = _modified  # type: ignore[method-assign]
        return
    documents = pending["documents"]
    previous: dict[str, Document] = built["documents"]
    changed = [d for path, d in documents.items() if previous.get(path) is not d and previous.get(path) != d]
    changed += [d for path, d in previous.items() if path not in documents]
    # Pages whose cross-link lists name a changed item: the items it links to, and those linking to it.
    touched = {d.id for d in changed} | {t for d in changed for t in (d.interprets, d.corrects) if t}
    relinked = {d.path for d in pub.documents if d.is_item and (
        d.id in touched or d.interprets in touched or d.corrects in touched)}
    rendered: dict[str, str] = built["generated"]
    for file in files.documentation_pages():
        if file.src_uri in relinked:
            file.is_modified = _modified  # type: ignore[method-assign]
        elif file.src_uri in generated and rendered.get(file.src_uri) == generated[file.src_uri] \
                and os.path.isfile(file.abs_dest_path):
            file.is_modified = _unmodified  # type: ignore[method-assign]
        else:
            # MkDocs asks is_modified() (source newer than output) once to read a page and
            # once to render it: a save landing between the two left a page to render that
            # was never read (a crash, seen with the system file watcher). Decided once
            # here; a later save starts another rebuild, which sees it.
            file.is_modified = _modified if file.is_modified() else _unmodified  # type: ignore[method-assign]


def exports_unchanged(config: MkDocsConfig) -> bool:
    """True when the last build's JSON exports, feeds and robots.txt are still what this build would write."""
    pending = _session(config).get("pending") or {}
    return bool(pending.get("reuse_exports")) and (Path(config.site_dir) / "data" / "items.json").is_file()


class _CompiledTemplates(BytecodeCache):
    """Jinja bytecode kept in memory across the rebuilds of a session (MkDocs makes a new
    environment per build and would compile the theme's templates again each time)."""

    def __init__(self) -> None:
        self.buckets: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.buckets:
            bucket.bytecode_from_string(self.buckets[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.buckets[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


def reuse_compiled_templates(env: Environment) -> None:
    """Let this build's Jinja environment reuse templates compiled by earlier ones.

    Jinja keys a bucket on the template's name and a checksum of its source, so an
    edited template is compiled afresh."""
    env.bytecode_cache = _TEMPLATES


def keep_search_index(config: MkDocsConfig) -> bool:
    """True when this session already indexed its output: the preview keeps that index.

    Indexing is the slowest step of a build (Pagefind over every item page); a preview's
    search may lag behind edits, its pages may not.
    """
    session = _session(config)
    bundle = Path(config.site_dir) / "pagefind" / "pagefind-entry.json"
    return bool(session.get("indexed")) and bundle.is_file()


def finished(config: MkDocsConfig) -> None:
    """The build under way has written everything: it is the base of the next one."""
    session = _session(config)
    pending = session.pop("pending", None)
    if pending is not None:
        session["built"] = pending
    session["indexed"] = True


# The cycle collector during a preview rebuild: the serving process holds the session's
# pages, navigation and model (millions of objects), and a full collection that falls in
# the middle of a rebuild took up to 0.5 s of its 1.1–1.6 s at 5,000 items.  Paused while
# a rebuild runs, and run once a moment after it, when the browser has reloaded.
_COLLECT_AFTER_SECONDS = 1.0
_collection: threading.Timer | None = None


def collector_paused(config: MkDocsConfig) -> None:
    """At the start of a rebuild (not of a session's first, whole build)."""
    global _collection
    if _collection is not None:
        _collection.cancel()
        _collection = None
    if _session(config).get("built") is not None:
        gc.disable()


def collector_resumed() -> None:
    global _collection
    gc.enable()
    _collection = threading.Timer(_COLLECT_AFTER_SECONDS, gc.collect)
    _collection.daemon = True
    _collection.start()
