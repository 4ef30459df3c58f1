"""Merge Pagefind indexes built over consecutive batches of pages into one index.

Why: Pagefind's indexer holds every page's words in one process until it writes the
index — about 0.5 MB per item page, 4.7 GB for the 8,000 public item pages of a
20,000-item region (bench/RESULTS.md).  search.build_index therefore runs Pagefind once
per batch of pages, each in its own process that ends before the next starts, and this
module joins the batches' bundles into the index one run over all pages would give a
reader: the same pages in the same order, the same words with the same locations.

How, without decoding the locations (tens of millions of numbers — too slow in Python):

* Pages: batch k's pages are numbered from 0 in its own index; here they follow the
  pages of batches 0…k-1, so a page's number grows by the pages before its batch.
* Words: each word index chunk (`index/*.pf_index`, gzip'd CBOR) lists words in sorted
  order, each with its pages (page numbers as deltas from the previous page of the list,
  then the locations on that page).  A word found in several batches keeps the pages of
  its first batch as its own list and the other batches' lists as its
  `additional_variants` spelled the same way: Pagefind's browser code reads every
  variant's pages as pages of the word (each list deltas from 0 again), and a variant
  spelled like the word gets the word's own ranking.  So a batch's list is copied byte
  for byte; only its first page number is rewritten.  Lists are found with one regular
  expression that steps over CBOR numbers and array headers, in C.
* Chunks are cut again in sorted word order, about as large as Pagefind's (20,000
  numbers), and named by their content.  Where a chunk ends depends on the words, not on
  how much the chunks before it held (`_ends_chunk`): an edit of one page changes the
  chunks of its words only, and an incremental build takes the others' compressed bytes
  from the last published bundle (`reuse`) instead of compressing ~300 MB again.
* Fragments (one file per page, named by content) are copied; two different fragments
  with the same short name get a longer one, as Pagefind does within a run.

`tests/test_search_merge.py` decodes a merged index completely and compares it with the
index one Pagefind run builds over the same pages.
"""

from __future__ import annotations

import concurrent.futures
import gzip
import hashlib
import heapq
import json
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

# The Pagefind whose bundle format this module reads (and pyproject.toml pins): another
# version stops the build before it indexes anything (search.build_index).
PAGEFIND_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"  # inside the gzip stream of every compressed Pagefind file
# Pagefind cuts a chunk once it holds 20,000 numbers (page numbers and locations); in
# bytes of CBOR that is about 45,000 (measured on the 20,000-item region: 66 MB of chunks).
# A chunk here ends after a word whose hash is a multiple of CUT_EVERY once it holds
# CHUNK_BYTES, or at CHUNK_BYTES_MAX whatever the word: chunks of about the same size.
CHUNK_BYTES = 36_000
CHUNK_BYTES_MAX = 90_000
CUT_EVERY = 64


class MergeError(RuntimeError):
    """A batch's bundle is not shaped as this module expects (a Pagefind version change?)."""


# --------------------------------------------------------------------------- CBOR, the parts Pagefind uses


def _head(major: int, value: int) -> bytes:
    """A CBOR item head: major type and its number, in the shortest form (as minicbor writes)."""
    if value < 24:
        return bytes([major << 5 | value])
    if value < 0x100:
        return bytes([major << 5 | 24, value])
    if value < 0x10000:
        return bytes([major << 5 | 25]) + value.to_bytes(2, "big")
    if value < 0x100000000:
        return bytes([major << 5 | 26]) + value.to_bytes(4, "big")
    return bytes([major << 5 | 27]) + value.to_bytes(8, "big")


def encode(value: object) -> bytes:
    """CBOR of str, int and list values (what pf_meta and index chunks hold)."""
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, int) and not isinstance(value, bool):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise MergeError(f"cannot encode {type(value).__name__} in a Pagefind index")


def _read_head(data: bytes, pos: int) -> tuple[int, int, int]:
    """(major type, number, position after the head) of the CBOR item at `pos`."""
    try:
        first = data[pos]
    except IndexError:
        raise MergeError("CBOR ends early") from None
    major, info = first >> 5, first & 31
    if info < 24:
        return major, info, pos + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None or pos + 1 + size > len(data):
        raise MergeError(f"unsupported CBOR item head {first:#x}")
    return major, int.from_bytes(data[pos + 1 : pos + 1 + size], "big"), pos + 1 + size


def decode(data: bytes, pos: int = 0) -> tuple[object, int]:
    """(value, position after it): text, integers and arrays — pf_meta, and index chunks in tests."""
    major, number, pos = _read_head(data, pos)
    if major == 0:
        return number, pos
    if major == 1:
        return -1 - number, pos
    if major == 3:
        return data[pos : pos + number].decode("utf-8"), pos + number
    if major == 4:
        items = []
        for _ in range(number):
            item, pos = decode(data, pos)
            items.append(item)
        return items, pos
    raise MergeError(f"unexpected CBOR major type {major}")


def decompress(data: bytes) -> bytes:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise MergeError("a Pagefind file without its signature")
    return raw[len(SIGNATURE) :]


def compress(raw: bytes) -> bytes:
    # mtime=0: the same index gives the same bytes on every build.
    return gzip.compress(SIGNATURE + raw, compresslevel=6, mtime=0)


# Numbers (CBOR major types 0 and 1) and array heads (major 4), with their extra bytes:
# everything a word's page list is made of.  It ends where the next word's text begins.
_PAGES = re.compile(rb"(?:[\x00-\x17\x20-\x37\x80-\x97]|[\x18\x38\x98].|[\x19\x39\x99]..|[\x1a\x3a\x9a]....)*+", re.S)


def _words(chunk: bytes) -> Iterator[tuple[str, bytes]]:
    """(word, its page list as CBOR bytes) for every word of one decompressed index chunk."""
    major, count, pos = _read_head(chunk, 0)
    if major != 4 or count != 1:
        raise MergeError("an index chunk is not a one-field array")
    major, count, pos = _read_head(chunk, pos)
    if major != 4:
        raise MergeError("an index chunk's words are not an array")
    for left in range(count, 0, -1):
        if chunk[pos] != 0x83:
            raise MergeError("a word entry is not [word, pages, variants]")
        major, size, start = _read_head(chunk, pos + 1)
        if major != 3:
            raise MergeError("a word entry does not start with its text")
        word = chunk[start : start + size].decode("utf-8")
        pages_at = start + size
        run = _PAGES.match(chunk, pages_at)
        assert run is not None  # the pattern matches the empty string too
        end = run.end()
        # The run ends with this word's (empty) variants array and, but for the last
        # word, the next word's entry head.
        if left > 1:
            if chunk[end - 2 : end] != b"\x80\x83":
                raise MergeError(f"word {word!r} has spelling variants — not expected in our index")
            yield word, chunk[pages_at : end - 2]
            pos = end - 1
        else:
            if end != len(chunk) or chunk[end - 1] != 0x80:
                raise MergeError(f"word {word!r} has spelling variants — not expected in our index")
            yield word, chunk[pages_at : end - 1]


def _ends_chunk(word: str, size: int) -> bool:
    """Whether the chunk ends after `word`, once it holds `size` bytes (the module docstring)."""
    return size >= CHUNK_BYTES_MAX or (size >= CHUNK_BYTES and zlib.crc32(word.encode("utf-8")) % CUT_EVERY == 0)


# What `compress` writes first: no file name, comment or extra field; time 0.
_GZIP_HEADER = gzip.compress(b"", compresslevel=6, mtime=0)[:10]


def unchanged_chunk(data: bytes, raw: bytes) -> bool:
    """Whether `data` (a compressed chunk of an earlier bundle) is `raw` as `compress` writes
    it: the same gzip header (no file name, comment or extra field to carry anything else),
    one member, nothing after it, the same bytes inside."""
    if not data.startswith(_GZIP_HEADER):
        return False
    inflate = zlib.decompressobj(wbits=31)
    try:
        inside = inflate.decompress(data, len(SIGNATURE) + len(raw) + 1)
    except zlib.error:
        return False
    return inflate.eof and not inflate.unused_data and not inflate.unconsumed_tail and inside == SIGNATURE + raw


def _shift(pages: bytes, offset: int) -> bytes:
    """A page list whose pages come `offset` pages later: its first page number grows."""
    if offset == 0:
        return pages
    major, count, pos = _read_head(pages, 0)
    if major != 4 or count == 0 or pages[pos] not in (0x82, 0x83):
        raise MergeError("a page list is not an array of pages")
    major, first, end = _read_head(pages, pos + 1)
    if major != 0:
        raise MergeError("a page number is not a number")
    return pages[: pos + 1] + _head(0, first + offset) + pages[end:]


# --------------------------------------------------------------------------- batches


@dataclass
class Batch:
    """What one Pagefind run over a batch of pages produced."""

    language: str
    version: str
    pages: list[list[Any]]  # [fragment name, word count], in page order
    chunks: list[bytes]  # compressed index chunks, in word order
    meta_fields: list[str]


def read_batch(files: dict[str, bytes]) -> Batch:
    """The parts of one bundle (path → bytes, as Pagefind's GetFiles returns it) a merge needs."""
    entry = json.loads(files["pagefind-entry.json"])
    if entry.get("version") != PAGEFIND_VERSION:
        raise MergeError(
            f"a batch written by pagefind {entry.get('version')}; the merge reads the format of {PAGEFIND_VERSION}"
        )
    if len(entry["languages"]) != 1:
        raise MergeError(f"expected one index language, found {sorted(entry['languages'])}")
    ((language, info),) = entry["languages"].items()
    meta, _ = decode(decompress(files[f"pagefind.{info['hash']}.pf_meta"]))
    if not isinstance(meta, list) or len(meta) != 6:
        raise MergeError("a pf_meta file is not [version, pages, chunks, filters, sorts, meta fields]")
    version, pages, chunks, filters, sorts, meta_fields = meta
    if filters or sorts:
        raise MergeError("filters and sort indexes are not merged (none are used)")
    return Batch(language, version, pages, [files[f"index/{hash_}.pf_index"] for _, _, hash_ in chunks], meta_fields)


def _batch_words(batch: Batch, offset: int) -> Iterator[tuple[str, int, bytes]]:
    """(word, offset, page list) of one batch in word order, its pages `offset` pages later."""
    previous = None
    for compressed in batch.chunks:
        for word, pages in _words(decompress(compressed)):
            if previous is not None and word <= previous:
                raise MergeError(f"words out of order in an index chunk: {previous!r} before {word!r}")
            previous = word
            yield word, offset, _shift(pages, offset)


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """Pagefind's get_prefixes: the shortest prefixes that still tell `a` from `b`."""
    common = 0
    for x, y in zip(b, a, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]


def merge(
    batches: list[Batch], names: Names, reuse: Callable[[str, bytes], bytes | None] | None = None
) -> tuple[dict[str, bytes], list[list[str]]]:
    """The word index of all batches as one index: its chunk files and the chunk list of its pf_meta.

    Fragments are not included: the caller copies them (`Names.place`) and keeps the names
    they were given in each batch's `pages`.  `names` holds the file names taken so far.
    `reuse(name, raw)`: the compressed bytes of a chunk of that name and content an earlier
    build wrote (checked with `unchanged_chunk`), or None — then it is compressed here.
    """
    first = batches[0]
    for batch in batches[1:]:
        if (batch.language, batch.version, batch.meta_fields) != (first.language, first.version, first.meta_fields):
            raise MergeError("batches differ in language, Pagefind version or metadata fields")
    # A batch's pages follow those of the batches before it.
    offsets = [0]
    for batch in batches[:-1]:
        offsets.append(offsets[-1] + len(batch.pages))

    chunk_meta: list[list[str]] = []  # [from, to, name] per chunk
    chunk_raw: list[bytes] = []
    entries: list[bytes] = []
    words: list[str] = []
    size = 0

    def cut() -> None:
        nonlocal entries, words, size
        chunk_raw.append(_head(4, 1) + _head(4, len(entries)) + b"".join(entries))
        chunk_meta.append([words[0], words[-1], ""])
        entries, words, size = [], [], 0

    current: str | None = None
    lists: list[bytes] = []

    def close_word() -> None:
        nonlocal size
        text = encode(current)
        entry = (
            b"\x83"
            + text
            + lists[0]
            + _head(4, len(lists) - 1)
            + b"".join(b"\x82" + text + other for other in lists[1:])
        )
        entries.append(entry)
        words.append(current)  # type: ignore[arg-type]
        size += len(entry)
        if _ends_chunk(current, size):  # type: ignore[arg-type]
            cut()

    streams = (_batch_words(batch, offset) for batch, offset in zip(batches, offsets, strict=True))
    for word, _, pages in heapq.merge(*streams, key=lambda item: (item[0], item[1])):
        if word != current:
            if current is not None:
                close_word()
            current, lists = word, []
        lists.append(pages)
    if current is not None:
        close_word()
    if entries:
        cut()

    # Chunk ranges as Pagefind writes them (index/mod.rs, chunk_meta).
    for left, right in zip(chunk_meta, chunk_meta[1:], strict=False):
        a, b = _prefixes(left[1], right[0])
        if a >= left[0]:
            left[1] = a
        right[0] = b

    out: dict[str, bytes] = {}
    wanted = [f"{first.language}_{hashlib.sha1(raw).hexdigest()[:7]}" for raw in chunk_raw]

    def compressed_chunk(at: int) -> bytes:
        kept = reuse(wanted[at], chunk_raw[at]) if reuse is not None else None
        return kept if kept is not None else compress(chunk_raw[at])

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:  # zlib lets go of the GIL
        compressed = list(pool.map(compressed_chunk, range(len(chunk_raw))))
    for meta, wanted_name, data in zip(chunk_meta, wanted, compressed, strict=True):
        name = names.place(wanted_name, data)
        meta[2] = name
        out[f"index/{name}.pf_index"] = data
    return out, chunk_meta


class Names:
    """File names (fragments, chunks) named by their content: a name two different files share is lengthened."""

    def __init__(self) -> None:
        self.taken: dict[str, str] = {}  # name → sha1 of the file's bytes

    def place(self, name: str, data: bytes) -> str:
        """The name this fragment is stored under (its own, unless another fragment has it)."""
        digest = hashlib.sha1(data).hexdigest()
        owner = self.taken.get(name)
        if owner is None or owner == digest:
            self.taken[name] = digest
            return name
        full = f"{name}{digest}"
        for length in range(len(name) + 1, len(full) + 1):
            candidate = full[:length]
            if self.taken.get(candidate, digest) == digest:
                self.taken[candidate] = digest
                return candidate
        raise MergeError(f"fragment name {name} cannot be made unique")


def meta_file(batches: list[Batch], pages: list[list[Any]], chunk_meta: list[list[str]]) -> tuple[str, bytes]:
    """(name, compressed bytes) of the merged pf_meta."""
    first = batches[0]
    raw = encode([first.version, pages, chunk_meta, [], [], first.meta_fields])
    name = f"{first.language}_{hashlib.sha1(raw).hexdigest()[: len(first.language) + 8]}"
    return f"pagefind.{name}.pf_meta", compress(raw)


def entry_file(files_of_first: dict[str, bytes], indexes: dict[str, tuple[str, int]]) -> bytes:
    """pagefind-entry.json listing `indexes`: language → (pf_meta file name, pages)."""
    entry = json.loads(files_of_first["pagefind-entry.json"])
    ((_, info),) = entry["languages"].items()
    entry["languages"] = {
        language: info | {"hash": meta_name.removeprefix("pagefind.").removesuffix(".pf_meta"), "page_count": count}
        for language, (meta_name, count) in indexes.items()
    }
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
