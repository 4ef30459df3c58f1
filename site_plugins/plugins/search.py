"""Chinese full-text search with Pagefind, run over one finished build.

Why Pagefind and not Material's lunr index: measured in docs/search.md (bench/
search_compare.py).  A reader's first query downloads a few index chunks instead of the
whole index.

Why after the build: Pagefind reads the output directory of this build only, so the
index can contain nothing but what was built for this audience — the audience policy
(`audience.publish`) has already decided every page in it.  Only disclosure items are
indexed: the theme marks their body with `data-pagefind-body` (theme/partials/
content.html), and the metadata panel and cross-link lists are excluded so a query
matches the words of the item itself.  A count check stops the build if the index holds
any other number of pages than the build has items.

Chinese is indexed as character bigrams (search_bigrams), which the browser reproduces
for a query (theme/assets/javascripts/search.js); the standard Pagefind binary is enough.

The pages are handed to Pagefind one by one through its service mode (`PagefindService`),
newest first: Pagefind numbers pages in the order it receives them and lists results of
equal score in that order, so results come newest first without a sort index — a sort
index would put one more number per page into the metadata file every reader downloads
(docs/search.md: about 50 KB at 20,000 items).

This module is what the plugin calls: the search page and `build_index`.  The pages as
Pagefind is given them are staged in search_pages, Pagefind itself runs behind
pagefind_service, batches are joined by pagefind_merge.
"""

from __future__ import annotations

import base64
import concurrent.futures
import datetime as dt
import hashlib
import io
import json
import posixpath
import shutil
import threading
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import pagefind_merge as merge
from .folders import write_file
from .incremental import file_digest
from .pagefind_service import (
    PagefindService,
    SearchIndexError,
    pagefind_executable,
    pagefind_version,
    require_version,
)
from .search_bigrams import INDEX_LANGUAGE, bigrams, letters, text_of_bigrams
from .search_pages import EXCLUDED, FRAGMENT_SIGNATURE, ItemPage, item_pages, read_fragments, stage

__all__ = [
    "BUNDLE_DIR",
    "EXCLUDED",
    "FRAGMENT_SIGNATURE",
    "INDEX_LANGUAGE",
    "RECENT_LANGUAGE",
    "SEARCH_PAGE",
    "ItemPage",
    "PagefindService",
    "SearchIndexError",
    "bigrams",
    "build_index",
    "item_pages",
    "letters",
    "pagefind_executable",
    "pagefind_version",
    "read_fragments",
    "recent_pages",
    "search_page",
    "stage",
    "text_of_bigrams",
]

SEARCH_PAGE = "search/index.md"
BUNDLE_DIR = "pagefind"


def search_page(has_items: bool = True, recent: int = 0) -> str:
    """Markdown of the generated page at search/: a search box and a results list of our own.

    search.js fills the list through Pagefind's JS API (`pagefind.js`), served locally.
    Pagefind's default UI (pagefind-ui.js and .css, ~135 KB) is not loaded: it cost more
    than a quarter of a reader's first search (docs/search.md).  The elements keep the
    class names of Pagefind's UI, which tests and benchmarks already select.
    `recent`: how many of the newest items the first-query index holds (0: none, see
    RECENT_PAGES); search.js reads it from data-recent.
    """
    bundle = f"../{BUNDLE_DIR}/"
    head = "---\ntitle: 搜索\nhide: [navigation, toc]\n---\n\n# 搜索公开事项\n\n"
    if not has_items:
        # No index is built for a build without items (see build_index); say so plainly.
        return head + '<p class="disclosure-search-empty">本站点目前没有可检索的公开事项。</p>\n'
    # One raw HTML block (no blank line inside), so Markdown passes it through untouched.
    return (
        head
        + f'<div id="disclosure-search" class="disclosure-search-page" data-bundle="{bundle}" data-recent="{recent}">\n'
        '<form class="pagefind-ui__form" role="search" action="./" method="get">\n'
        '<input class="pagefind-ui__search-input" type="search" name="q" placeholder="搜索公开事项" '
        'aria-label="站内搜索" autocomplete="off">\n'
        '<button class="pagefind-ui__search-button md-button" type="submit">搜索</button>\n'
        "</form>\n"
        '<p class="pagefind-ui__message" role="status" aria-live="polite"></p>\n'
        '<ol class="pagefind-ui__results" aria-label="搜索结果"></ol>\n'
        '<button class="pagefind-ui__button md-button" type="button" hidden>加载更多结果</button>\n'
        "</div>\n"
        '<noscript><p>搜索需要启用 JavaScript；也可以通过<a href="../orgs/">组织机构</a>浏览公开事项。</p></noscript>\n'
        '<script src="../assets/javascripts/search.js"></script>\n'
    )


# Pages per Pagefind run.  Pagefind keeps every page's words in memory until it writes
# the index (about 0.6 MB per item page: 4.7 GB for the 8,000 public item pages of a
# 20,000-item region), so a build runs it once per batch, each run in a process of its
# own, and joins the batches (pagefind_merge): peak memory follows the batch size and
# PARALLEL_RUNS (two runs of 500 pages: ≈ 0.7 GB), not the size of the site.  A site of
# at most this many items is indexed in one run.
BATCH_PAGES = 500
PARALLEL_RUNS = 2  # Pagefind runs at once (this machine has two cores)


# The newest items get an index of their own, which a reader's first query uses: its
# size follows this number, not the site's, so a first search stays small however many
# items there are (docs/search.md: ≈ 300 KB for the most frequent words at 20,000 items,
# against ≈ 730 KB from the whole index).  Older results come from the whole index when
# the reader asks for more (search.js).  0 turns it off.
RECENT_PAGES = 2000
RECENT_LANGUAGE = "cmn-x-recent"  # its key in pagefind-entry.json (a private-use tag of cmn)


def recent_pages(items: int, recent: int = RECENT_PAGES) -> int:
    """How many of the newest items the first-query index holds: 0 when there is none (a small site)."""
    return recent if 0 < recent < items else 0


class BatchCache:
    """Pagefind's bundle of a batch of pages, kept beside the published site by a digest of
    everything Pagefind is given for it (an incremental build, plugins/incremental.py).

    The key: the cache's format, this package's code (`salt`, which stages the pages),
    Pagefind's version, the index language and excluded parts, and each page's URL,
    publication date and SHA-256 — the staged page is a function of those.  An edit of one
    item's body makes one batch run Pagefind again; a new item shifts every batch after it
    (batches are counted newest first).  `read=False` (a full build) only writes.
    """

    FORMAT = 1

    def __init__(self, folder: Path, salt: str, *, read: bool = True, published: Path | None = None) -> None:
        self.folder, self.salt, self.read = folder, salt, read
        self.published = published if read else None  # the last published bundle: its compressed chunks
        self.chunks_kept = 0
        self.used: set[str] = set()
        self.written: list[Path] = []  # by this build: gone again if it fails (`discard`)
        self.made_folder = False
        self.hits = self.runs = 0
        self._lock = threading.Lock()  # two Pagefind runs at a time: their threads share this

    def key(self, pages: list[ItemPage], language: str) -> str:
        described = [
            [p.url, p.published.isoformat() if p.published else None, p.sha256 or file_digest(p.path)] for p in pages
        ]
        text = json.dumps([self.FORMAT, self.salt, merge.PAGEFIND_VERSION, language, list(EXCLUDED), described])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def bundle(self, pages: list[ItemPage], language: str) -> dict[str, bytes]:
        """The batch's bundle: the kept one, or a new Pagefind run (kept for the next build)."""
        key = self.key(pages, language)
        self.used.add(key)
        path = self.folder / f"{key}.zip"
        if self.read and path.is_file():
            try:
                with zipfile.ZipFile(path) as kept:
                    files = {name: kept.read(name) for name in kept.namelist()}
                with self._lock:
                    self.hits += 1
                return files
            except (OSError, zipfile.BadZipFile, KeyError):
                pass  # unreadable: Pagefind runs again
        files = _run_pagefind(pages, language)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as made:
            for name in sorted(files):
                made.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), files[name])
        with self._lock:
            self.runs += 1
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True)
                self.made_folder = True
            self.written.append(path)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(buffer.getvalue())
        partial.replace(path)
        return files

    def compressed(self, name: str, raw: bytes) -> bytes | None:
        """A word chunk's compressed bytes from the last published bundle, if it has that chunk
        (pagefind_merge.merge's `reuse`: the bytes are checked to be `raw` as compressed here)."""
        if self.published is None:
            return None
        try:
            data = (self.published / "index" / f"{name}.pf_index").read_bytes()
        except OSError:
            return None
        if not merge.unchanged_chunk(data, raw):
            return None
        with self._lock:
            self.chunks_kept += 1
        return data

    def discard(self) -> None:
        """The build failed: what it kept goes, so that site/ is as it was before it."""
        for path in self.written:
            path.unlink(missing_ok=True)
        self.written = []
        if self.made_folder:
            try:
                self.folder.rmdir()
            except OSError:
                pass  # another build's batches are in it

    def keep_only_used(self) -> None:
        """After a published build: the batches of other builds go (the cache stays the index's size)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.removesuffix(".zip") not in self.used:
                path.unlink(missing_ok=True)


def build_index(
    site_dir: Path,
    expected_pages: int,
    batch_pages: int = BATCH_PAGES,
    recent: int = RECENT_PAGES,
    *,
    published: Mapping[str, dt.date | None],
    cache: BatchCache | None = None,
) -> dict[str, Any] | None:
    """Index the item pages of `site_dir` into site_dir/pagefind/; check it holds exactly the built items.

    `published`: each item's publication date by its page URL (the engine's `File.url`),
    which orders the index newest first and names the pages it must hold
    (search_pages.item_pages).

    `cache`: Pagefind's bundles of unchanged batches from the last build (BatchCache).

    Returns Pagefind's entry file (pagefind-entry.json) as data, or None when the build has
    no items: Pagefind cannot build an empty index (and without any data-pagefind-body it
    would index every page), so such a build has no bundle and its search page says so.
    """
    bundle = site_dir / BUNDLE_DIR
    pages = item_pages(site_dir, published)
    if len(pages) != expected_pages:
        raise SearchIndexError(
            f"{len(pages)} pages carry data-pagefind-body but this build has {expected_pages} items — "
            "every item page must carry it (theme/partials/content.html) and nothing else may"
        )
    if not pages:
        return None
    require_version(pagefind_version(), merge.PAGEFIND_VERSION)
    if bundle.exists():  # a preview rebuilds into the same folder: no fragment of an old index may stay
        shutil.rmtree(bundle)
    newest = recent_pages(len(pages), recent)

    def split(part: list[ItemPage]) -> list[list[ItemPage]]:
        return [part[start : start + batch_pages] for start in range(0, len(part), batch_pages)]

    # The newest pages fill whole batches of their own: their index joins just those.
    batches = split(pages[:newest]) + split(pages[newest:])
    if len(batches) == 1:
        _write_files(bundle, _index_batch(batches[0], cache=cache))
    else:
        _build_merged(bundle, batches, len(split(pages[:newest])), cache=cache)
    entry: dict[str, Any] = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    counts = {language: info["page_count"] for language, info in entry["languages"].items()}
    wanted = {INDEX_LANGUAGE: expected_pages} | ({RECENT_LANGUAGE: newest} if newest else {})
    if counts != wanted:
        raise SearchIndexError(f"the search index holds {counts} pages but this build needs {wanted}")
    return entry


def _index_batch(
    pages: list[ItemPage], language: str = INDEX_LANGUAGE, cache: BatchCache | None = None
) -> dict[str, bytes]:
    """The bundle of one batch, path → bytes: kept in `cache`, or a Pagefind run."""
    return cache.bundle(pages, language) if cache is not None else _run_pagefind(pages, language)


def _run_pagefind(pages: list[ItemPage], language: str) -> dict[str, bytes]:
    """One Pagefind run (a process of its own) over `pages`: its bundle, path → bytes."""
    with PagefindService() as service:
        index = service.request(
            {"type": "NewIndex", "config": {"force_language": language, "exclude_selectors": list(EXCLUDED)}}
        )["index_id"]
        for page in pages:  # newest first: see the module docstring
            service.request(
                {"type": "AddFile", "index_id": index, "url": page.url, "file_path": None, "file_contents": page.html}
            )
        # GetFiles, not WriteFiles: the service answers WriteFiles before its last writes have
        # reached the disk and exits when its input closes, which left files empty now and then.
        files = service.request({"type": "GetFiles", "index_id": index})["files"]
    return {file["path"]: base64.b64decode(file["content"]) for file in files}


def _write_files(bundle: Path, files: dict[str, bytes]) -> None:
    """Write Pagefind's files into the bundle folder, which this build made and holds nothing
    but what is written here (so no link in it): a path is judged as written."""
    top = str(bundle)
    for path, content in files.items():
        normal = posixpath.normpath(path)
        if not path or "\\" in path or "\0" in path or normal.startswith(("/", "../")) or normal in (".", ".."):
            raise SearchIndexError(f"pagefind returned a file outside its bundle: {path}")
        write_file(f"{top}/{normal}", content)


def _build_merged(
    bundle: Path,
    batches: list[list[ItemPage]],
    recent_batches: int,
    language: str = INDEX_LANGUAGE,
    cache: BatchCache | None = None,
) -> None:
    """Index each batch in its own Pagefind run and join them (pagefind_merge).

    The whole index is the join of all batches; the first-query index of the newest pages
    (when `recent_batches`) the join of the first ones.  Both share the fragment files.
    `language`: the index's (the Mongolian pages have one of their own, search_mongolian.py).
    """
    read: list[merge.Batch] = []
    common: dict[str, bytes] = {}
    names = merge.Names()
    # Two Pagefind runs at a time: each works on its own batch on its own core (the
    # threads here mostly wait for them); the results are taken in batch order.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL_RUNS)
    try:
        for number, files in enumerate(pool.map(lambda batch: _index_batch(batch, language, cache), batches)):
            batch = merge.read_batch(files)
            if number == 0:  # Pagefind's scripts, WebAssembly and entry file: the same in every run
                common = {
                    path: data for path, data in files.items() if "/" not in path and not path.endswith(".pf_meta")
                }
            placed: dict[str, str] = {}
            for page in batch.pages:  # the fragments go to disk now; only the word index stays in memory
                name = page[0]
                if name not in placed:
                    data = files[f"fragment/{name}.pf_fragment"]
                    placed[name] = names.place(name, data)
                    _write_files(bundle, {f"fragment/{placed[name]}.pf_fragment": data})
                page[0] = placed[name]
            read.append(batch)
            del files
        indexes: dict[str, tuple[str, int]] = {}
        for key, joined in ((language, read), (RECENT_LANGUAGE, read[:recent_batches])):
            if not joined:
                continue
            chunk_files, chunk_meta = merge.merge(joined, names, cache.compressed if cache is not None else None)
            pages = [page for batch in joined for page in batch.pages]
            meta_name, meta_data = merge.meta_file(joined, pages, chunk_meta)
            _write_files(bundle, chunk_files | {meta_name: meta_data})
            indexes[key] = (meta_name, len(pages))
        entry = merge.entry_file(common, indexes)
    except merge.MergeError as error:
        raise SearchIndexError(f"search: joining the Pagefind batches failed: {error}") from error
    finally:
        pool.shutdown(cancel_futures=True)
    _write_files(
        bundle,
        {path: data for path, data in common.items() if path != "pagefind-entry.json"} | {"pagefind-entry.json": entry},
    )
