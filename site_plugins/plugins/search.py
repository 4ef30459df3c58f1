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

Chinese is indexed as character bigrams (see `bigrams`), which the browser reproduces
for a query (theme/assets/javascripts/search.js); the standard Pagefind binary is enough.

The pages are handed to Pagefind one by one through its service mode (`PagefindService`),
newest first: Pagefind numbers pages in the order it receives them and lists results of
equal score in that order, so results come newest first without a sort index — a sort
index would put one more number per page into the metadata file every reader downloads
(docs/search.md: about 50 KB at 20,000 items).
"""

from __future__ import annotations

import base64
import concurrent.futures
import functools
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any, NamedTuple

SEARCH_PAGE = "search/index.md"
BUNDLE_DIR = "pagefind"

# Parts of an item page that are not the item's own words (render.item_panel/item_related).
EXCLUDED = (
    ".disclosure-meta", ".disclosure-note", ".disclosure-attachments", "#attachments",
    ".disclosure-interprets", ".disclosure-corrects", "#interprets-by", ".disclosure-interprets-by",
    "#corrects-by", ".disclosure-corrects-by",
)


class SearchIndexError(RuntimeError):
    """Pagefind failed or indexed something other than this build's items."""


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
        head + f'<div id="disclosure-search" class="disclosure-search-page" data-bundle="{bundle}" data-recent="{recent}">\n'
        '<form class="pagefind-ui__form" role="search" action="./" method="get">\n'
        '<input class="pagefind-ui__search-input" type="search" name="q" placeholder="搜索公开事项" '
        'aria-label="站内搜索" autocomplete="off">\n'
        '<button class="pagefind-ui__search-button md-button" type="submit">搜索</button>\n'
        '</form>\n'
        '<p class="pagefind-ui__message" role="status" aria-live="polite"></p>\n'
        '<ol class="pagefind-ui__results" aria-label="搜索结果"></ol>\n'
        '<button class="pagefind-ui__button md-button" type="button" hidden>加载更多结果</button>\n'
        '</div>\n'
        '<noscript><p>搜索需要启用 JavaScript；也可以通过<a href="../orgs/">组织机构</a>浏览公开事项。</p></noscript>\n'
        '<script src="../assets/javascripts/search.js"></script>\n'
    )


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the pagefind-bin wheel (no download at build time)."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:  # pragma: no cover - the dependency is declared in pyproject.toml
        raise SearchIndexError(
            "search: pagefind needs the package pagefind-bin — pip install -e . (or set search: none)"
        ) from error
    return get_executable()


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


def build_index(site_dir: Path, expected_pages: int, batch_pages: int = BATCH_PAGES,
                recent: int = RECENT_PAGES) -> dict | None:
    """Index the item pages of `site_dir` into site_dir/pagefind/; check it holds exactly the built items.

    Returns Pagefind's entry file (pagefind-entry.json) as data, or None when the build has
    no items: Pagefind cannot build an empty index (and without any data-pagefind-body it
    would index every page), so such a build has no bundle and its search page says so.
    """
    bundle = site_dir / BUNDLE_DIR
    pages = item_pages(site_dir)
    if len(pages) != expected_pages:
        raise SearchIndexError(
            f"{len(pages)} pages carry data-pagefind-body but this build has {expected_pages} items — "
            "every item page must carry it (theme/partials/content.html) and nothing else may"
        )
    if not pages:
        return None
    if bundle.exists():  # a preview rebuilds into the same folder: no fragment of an old index may stay
        shutil.rmtree(bundle)
    newest = recent_pages(len(pages), recent)

    def split(part: list[ItemPage]) -> list[list[ItemPage]]:
        return [part[start:start + batch_pages] for start in range(0, len(part), batch_pages)]

    # The newest pages fill whole batches of their own: their index joins just those.
    batches = split(pages[:newest]) + split(pages[newest:])
    if len(batches) == 1:
        _write_files(bundle, _index_batch(batches[0]))
    else:
        _build_merged(bundle, batches, len(split(pages[:newest])))
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    counts = {language: info["page_count"] for language, info in entry["languages"].items()}
    wanted = {INDEX_LANGUAGE: expected_pages} | ({RECENT_LANGUAGE: newest} if newest else {})
    if counts != wanted:
        raise SearchIndexError(f"the search index holds {counts} pages but this build needs {wanted}")
    return entry


def _index_batch(pages: list[ItemPage]) -> dict[str, bytes]:
    """One Pagefind run (a process of its own) over `pages`: its bundle, path → bytes."""
    with PagefindService() as service:
        index = service.request({"type": "NewIndex", "config": {
            "force_language": INDEX_LANGUAGE, "exclude_selectors": list(EXCLUDED)}})["index_id"]
        for page in pages:  # newest first: see the module docstring
            service.request({"type": "AddFile", "index_id": index, "url": page.url, "file_path": None,
                             "file_contents": page.html})
        # GetFiles, not WriteFiles: the service answers WriteFiles before its last writes have
        # reached the disk and exits when its input closes, which left files empty now and then.
        files = service.request({"type": "GetFiles", "index_id": index})["files"]
    return {file["path"]: base64.b64decode(file["content"]) for file in files}


def _write_files(bundle: Path, files: dict[str, bytes]) -> None:
    for path, content in files.items():
        target = bundle / path
        if not target.resolve().is_relative_to(bundle.resolve()):
            raise SearchIndexError(f"pagefind returned a file outside its bundle: {path}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _build_merged(bundle: Path, batches: list[list[ItemPage]], recent_batches: int) -> None:
    """Index each batch in its own Pagefind run and join them (pagefind_merge).

    The whole index is the join of all batches; the first-query index of the newest pages
    (when `recent_batches`) the join of the first ones.  Both share the fragment files.
    """
    from . import pagefind_merge as merge

    read: list[merge.Batch] = []
    common: dict[str, bytes] = {}
    names = merge.Names()
    # Two Pagefind runs at a time: each works on its own batch on its own core (the
    # threads here mostly wait for them); the results are taken in batch order.
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL_RUNS)
    try:
        for number, files in enumerate(pool.map(_index_batch, batches)):
            batch = merge.read_batch(files)
            if number == 0:  # Pagefind's scripts, WebAssembly and entry file: the same in every run
                common = {path: data for path, data in files.items() if "/" not in path and not path.endswith(".pf_meta")}
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
        for language, joined in ((INDEX_LANGUAGE, read), (RECENT_LANGUAGE, read[:recent_batches])):
            if not joined:
                continue
            chunk_files, chunk_meta = merge.merge(joined, names)
            pages = [page for batch in joined for page in batch.pages]
            meta_name, meta_data = merge.meta_file(joined, pages, chunk_meta)
            _write_files(bundle, chunk_files | {meta_name: meta_data})
            indexes[language] = (meta_name, len(pages))
        entry = merge.entry_file(common, indexes)
    except merge.MergeError as error:
        raise SearchIndexError(f"search: joining the Pagefind batches failed: {error}") from error
    finally:
        pool.shutdown(cancel_futures=True)
    _write_files(bundle, {path: data for path, data in common.items() if path != "pagefind-entry.json"}
                 | {"pagefind-entry.json": entry})


class PagefindService:
    """The Pagefind binary in service mode (`pagefind --service`), asked one request at a time.

    Why not the CLI: it numbers pages in the order the file system lists them, which we
    cannot choose; here pages are added in our order.  Why not the `pagefind` Python
    package: it is this same protocol (base64 JSON messages, each ended by a comma) behind
    asyncio, and one more dependency.  One request at a time keeps the page order, and so
    the index, the same on every build.
    """

    def __init__(self) -> None:
        self._errors: IO[bytes] = tempfile.TemporaryFile()
        self._process = subprocess.Popen([str(pagefind_executable()), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._errors)
        self._buffer = b""
        self._next_id = 0

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request; its response payload, or SearchIndexError with Pagefind's message."""
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False)
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()
        except BrokenPipeError as error:
            raise SearchIndexError(f"pagefind stopped:\n{self._stderr()}") from error
        while True:
            response = self._read()
            if response.get("message_id") not in (self._next_id, None):
                continue  # an answer to nothing we are waiting for
            result = response.get("payload") or {}
            if result.get("type") == "Error":
                raise SearchIndexError(f"pagefind: {result.get('message')} ({payload['type']})")
            return result

    def _read(self) -> dict[str, Any]:
        assert self._process.stdout is not None
        # GetFiles answers with the whole bundle in one message (tens of MB): look for the
        # end only in what arrived since the last look.
        parts, end = [self._buffer], self._buffer.find(b",")
        while end < 0:
            chunk = self._process.stdout.read1(1 << 20)
            if not chunk:
                raise SearchIndexError(f"pagefind stopped ({self._process.poll()}):\n{self._stderr()}")
            parts.append(chunk)
            end = chunk.find(b",")
            if end >= 0:
                end += sum(len(part) for part in parts[:-1])
        data = b"".join(parts)
        message, self._buffer = data[:end], data[end + 1:]
        return json.loads(base64.b64decode(message))

    def _stderr(self) -> str:
        self._errors.seek(0)
        return self._errors.read().decode("utf-8", errors="replace").strip()

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # the service waits for more input otherwise
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._errors.close()


# --------------------------------------------------------------------------- Chinese text

# Why not Pagefind's own Chinese support: it segments pages with jieba when indexing but
# queries with the browser's Intl.Segmenter, and the two disagree on exactly the words
# readers type (Chromium splits 巡视整改 into 巡视|整|改, so the query finds nothing); and
# Pagefind treats Han characters specially even in languages it does not segment.
# Instead every Han character becomes one index word that spells it and its successor
# (a bigram) in plain letters — 巡视整改 is indexed as the words for 巡视 视整 整改 改 — and
# the browser turns a query into the same words (search.js): both sides agree by
# construction, with no dictionary, for any word, and Pagefind sees only ASCII.  The index
# language is Mandarin written `cmn`, which Pagefind neither segments nor stems.
INDEX_LANGUAGE = "cmn"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD_PREFIX = "hz"  # 汉字: marks an encoded word, so a Latin word is never mistaken for one
_HAN_RUN = re.compile(f"([{HAN}]+)")
# Inline markup does not break a run of text; removed in the staged copy so that
# 对<strong>巡视</strong>整改 is indexed as one run.
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|cite|code|del|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|time|u)(?:\s[^>]*)?>", re.I)
_TEXT = re.compile(r">([^<]+)<")
_BODY = re.compile(r"<div data-pagefind-body>")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_H1_ID = re.compile(r'(<h1[^>]*?)\s+id="[^"]*"')
_DATE = re.compile(r'<time datetime="(\d{4}-\d{2}-\d{2})"')


@functools.cache  # called for every character of every item: ~4.6 million times at 5,000 items
def letters(char: str) -> str:
    """A Han character as four lowercase letters (its code point in base 26)."""
    number, out = ord(char), ""
    for _ in range(4):
        number, digit = divmod(number, 26)
        out = chr(97 + digit) + out
    return out


def bigrams(text: str) -> str:
    """`巡视整改` → ` hz<巡><视> hz<视><整> hz<整><改> hz<改> `: one index word per character."""
    out: list[str] = []
    for piece in _HAN_RUN.split(text):
        if piece and _HAN_RUN.fullmatch(piece):
            words = (WORD_PREFIX + letters(piece[i]) + (letters(piece[i + 1]) if i + 1 < len(piece) else "")
                     for i in range(len(piece)))
            out.append(" " + " ".join(words) + " ")
        else:
            out.append(piece)
    return "".join(out)


class ItemPage(NamedTuple):
    """One item page as Pagefind indexes it: its URL, publication date and file.

    The staged HTML (`html`) is made when a Pagefind run asks for it, not kept for every
    page at once (about 20 KB per item page).
    """

    url: str
    published: str
    path: Path

    @property
    def html(self) -> str:
        return stage(self.path.read_text("utf-8"))


def stage(html: str) -> str:
    """What Pagefind is given for one item page: its body and title, Chinese turned into bigram words."""
    marker = _BODY.search(html)
    assert marker is not None, "item_pages lists only pages with data-pagefind-body"
    title = _H1.search(html, marker.end())
    plain_title = re.sub(r"<[^>]+>", "", title.group(1)).strip() if title else ""
    body = _INLINE_TAG.sub("", html[marker.end():])
    # The title's anchor would repeat the title as a sub-result of its own page.
    body = _H1_ID.sub(r"\1", body, count=1)
    body = _TEXT.sub(lambda m: ">" + bigrams(m.group(1)) + "<", body)
    # The result title is shown as written; the indexed h1 keeps its bigrams for matching.
    meta = f'<span data-pagefind-meta="title" data-pagefind-ignore>{plain_title}</span>'
    # Pagefind reads nothing outside data-pagefind-body (and the language is forced), so
    # the page's header and navigation are left out of what is sent to it.
    return f'<!DOCTYPE html><html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8"></head><body>' + marker.group(0) + meta + body


def item_pages(site_dir: Path) -> list[ItemPage]:
    """Every page of `site_dir` with data-pagefind-body; newest first.

    Ties (the same date) are listed by URL, so the order — and with it the index — is the
    same on every build.
    """
    pages: list[ItemPage] = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text("utf-8")
        marker = _BODY.search(html)
        if marker is None:
            continue
        # The publication date of the metadata panel orders the pages (newest first).
        published = _DATE.search(html, marker.end())
        rel = page.relative_to(site_dir).as_posix()
        url = "/" + (rel.removesuffix("index.html") if rel == "index.html" or rel.endswith("/index.html") else rel)
        pages.append(ItemPage(url, published.group(1) if published else "0000-00-00", page))
    pages.sort(key=lambda p: p.url)
    pages.sort(key=lambda p: p.published, reverse=True)  # stable: URL order within a day
    return pages


_ENCODED = re.compile(f"^{WORD_PREFIX}([a-z]{{4}})(?:[a-z]{{4}})?$")


def text_of_bigrams(words: str) -> str:
    """Undo `bigrams`: the words of `巡视整改` → `巡视整改` (for tests and audits that read the index)."""
    out: list[str] = []
    previous_latin = False
    for token in words.split():
        encoded = _ENCODED.match(token)
        if encoded:
            number = 0
            for letter in encoded.group(1):
                number = number * 26 + ord(letter) - 97
            out.append(chr(number))
            previous_latin = False
        else:
            latin = token.isascii() and token.isalnum()
            out.append((" " if latin and previous_latin else "") + token)
            previous_latin = latin
    return "".join(out)


def read_fragments(bundle: Path) -> dict[str, dict]:
    """Every page record of a Pagefind bundle, by URL, with its content as plain text.

    Pagefind's fragment files are gzip-compressed JSON behind a `pagefind_dcd` signature.
    """
    import gzip

    records: dict[str, dict] = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        record = json.loads(data[len(FRAGMENT_SIGNATURE):] if data.startswith(FRAGMENT_SIGNATURE) else data)
        record["text"] = text_of_bigrams(record.get("content", ""))
        records[record["url"]] = record
    return records


FRAGMENT_SIGNATURE = b"pagefind_dcd"
