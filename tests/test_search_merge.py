"""Search index built in batches (Pagefind run per batch, joined by pagefind_merge).

The joined index must be what one Pagefind run over all pages gives a reader: the same
pages in the same order with the same records, every word with the same pages and
locations, and every word findable through the chunk ranges the browser looks up.
The browser side of a batched index is in test_browser.py (its site is indexed in
batches of a few pages).
"""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from sitegen import SiteWriter, build, published_of

from site_plugins.plugins import pagefind_merge as merge
from site_plugins.plugins import search
from site_plugins.plugins.search import (
    INDEX_LANGUAGE,
    RECENT_LANGUAGE,
    SearchIndexError,
    build_index,
    item_pages,
    pagefind_version,
)

WORDS = [
    "巡视整改",
    "党务公开",
    "组织生活会",
    "民主评议党员",
    "三会一课",
    "发展党员",
    "党费收缴",
    "主题党日",
    "基层党组织",
    "草原生态保护",
    "乡村振兴",
    "驻村工作队",
    "第一书记",
    "Wi-Fi",
    "2026",
    "GDP",
    "改革",
    "专项督查",
    "述职评议",
    "选人用人",
]


def chunks_for(term: str, chunks: list[list[str]]) -> set[str]:
    """The chunks the browser loads for a word (pagefind_web lib.rs, request_indexes)."""
    strict = {name for start, end, name in chunks if start <= term <= end}
    if strict:
        return strict
    loose: set[str] = set()
    for start, end, name in chunks:
        head, tail = min(len(term), len(start)), min(len(term), len(end))
        if term[:head] >= start[:head] and term[:tail] <= end[:tail]:
            loose.add(name)
    return loose


def decoded_index(bundle: Path, language: str = INDEX_LANGUAGE) -> tuple[list[Any], dict[str, list[Any]], list[Any]]:
    """(pages as [fragment record, word count], word → [(page, locations, meta locations)], chunk ranges)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    info = entry["languages"][language]
    meta, _ = merge.decode(merge.decompress((bundle / f"pagefind.{info['hash']}.pf_meta").read_bytes()))
    assert isinstance(meta, list)
    version, pages, chunks, filters, sorts, meta_fields = meta
    assert info["page_count"] == len(pages)
    records = []
    for name, word_count in pages:
        record = json.loads(merge.decompress((bundle / f"fragment/{name}.pf_fragment").read_bytes()))
        records.append((record, word_count))
    words: dict[str, list[Any]] = {}
    for _start, _end, name in chunks:
        chunk, _ = merge.decode(merge.decompress((bundle / f"index/{name}.pf_index").read_bytes()))
        assert isinstance(chunk, list)
        for word, page_list, variants in chunk[0]:
            assert name in chunks_for(word, chunks), f"the browser would not load the chunk of {word}"
            lists = [page_list] + [variant_pages for form, variant_pages in variants]
            assert all(form == word for form, _ in variants)
            found = []
            for pages_of in lists:
                number = 0
                for page in pages_of:
                    number += page[0]
                    found.append((number, page[1], page[2] if len(page) > 2 else []))
            assert word not in words, f"{word} is in two chunks"
            words[word] = sorted(found)
    ranges = [(start, end) for start, end, _ in chunks]
    assert ranges == sorted(ranges)
    for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
        assert end < start, "chunk ranges overlap"
    return records, words, ranges


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("merge")
    site = SiteWriter(root)
    rng = random.Random(7)
    for number in range(23):
        parts = []
        for section in range(rng.randint(1, 3)):
            parts.append(f"## 第{section + 1}部分{rng.choice(WORDS)}\n")
            parts.append("".join(rng.choice(WORDS) + rng.choice("，。、 ") for _ in range(rng.randint(5, 60))) + "\n")
        site.item(
            f"region/2026/item-{number:02d}.md",
            body="\n".join(parts),
            title=f"{rng.choice(WORDS)}情况通报第{number}号",
            date=f"2026-0{3 + number % 7}-1{number % 10}",
        )
    # Two pages with the same record: they share one fragment, in one batch or in two.
    for twin in ("twin-a", "twin-b"):
        site.item(f"region/2026/{twin}.md", body="同一正文。", title="同一标题", date="2026-03-03")
    return build(root, "public")


@pytest.mark.parametrize("batch_pages", [1, 2, 7, 24])
def test_batched_index_equals_one_run(site: Path, tmp_path: Path, batch_pages: int) -> None:
    pages = len(item_pages(site, published_of(site)))
    assert pages == 25
    one = tmp_path / "one"
    shutil.copytree(site, one)
    build_index(one, pages, batch_pages=pages, published=published_of(site))
    batched = tmp_path / "batched"
    shutil.copytree(site, batched)
    build_index(batched, pages, batch_pages=batch_pages, published=published_of(site))
    assert list(json.loads((batched / "pagefind/pagefind-entry.json").read_text())["languages"]) == [INDEX_LANGUAGE]

    records_one, words_one, _ = decoded_index(one / "pagefind")
    records_batched, words_batched, ranges = decoded_index(batched / "pagefind")
    assert records_batched == records_one
    assert words_batched.keys() == words_one.keys()
    for word in words_one:
        assert words_batched[word] == words_one[word], word
    assert len(words_one) > 100  # the corpus is big enough to say something
    if batch_pages < pages:
        assert any(len(batch_list) > 1 for batch_list in words_batched.values())
    # The same files as a whole: everything Pagefind ships besides the index itself.
    common = {p.name for p in (one / "pagefind").iterdir() if p.is_file() and not p.name.endswith(".pf_meta")}
    assert common == {
        p.name for p in (batched / "pagefind").iterdir() if p.is_file() and not p.name.endswith(".pf_meta")
    }


def test_batched_index_is_reproducible(site: Path, tmp_path: Path) -> None:
    outputs = []
    for run in range(2):
        copy = tmp_path / f"run{run}"
        shutil.copytree(site, copy)
        build_index(copy, 25, batch_pages=4, published=published_of(site))
        outputs.append(
            {p.relative_to(copy).as_posix(): p.read_bytes() for p in (copy / "pagefind").rglob("*") if p.is_file()}
        )
    assert outputs[0] == outputs[1]


def test_meta_encoding_matches_pagefind(site: Path) -> None:
    """Our CBOR writer gives Pagefind's own bytes for a pf_meta it wrote."""
    raw = merge.decompress(next((site / "pagefind").glob("*.pf_meta")).read_bytes())
    value, end = merge.decode(raw)
    assert end == len(raw)
    assert merge.encode(value) == raw


def test_fragment_names_that_collide_are_lengthened() -> None:
    fragments = merge.Names()
    assert fragments.place("cmn_abc", b"one") == "cmn_abc"
    assert fragments.place("cmn_abc", b"one") == "cmn_abc"  # the same record: shared
    other = fragments.place("cmn_abc", b"two")
    assert other != "cmn_abc" and other.startswith("cmn_abc")
    assert fragments.place("cmn_abc", b"two") == other


def test_a_chunk_with_spelling_variants_is_refused() -> None:
    word = merge.encode("cafe")
    pages = merge.encode([[0, [1], []]])
    chunk = b"\x81\x81\x83" + word + pages + b"\x81\x82" + merge.encode("café") + pages
    with pytest.raises(merge.MergeError, match="variants"):
        list(merge._words(chunk))


def test_page_lists_are_split_exactly() -> None:
    """Numbers of every size, negative weight markers and meta locations: the lists come back whole."""
    entries: list[tuple[str, list[Any]]] = []
    expected = []
    rng = random.Random(3)
    for number in range(200):
        word = f"w{number:04d}"
        pages = [
            [
                rng.choice([0, 1, 23, 24, 255, 256, 65535, 65536]),
                [rng.choice([-26, -1, 0, 5, 23, 24, 300, 70000]) for _ in range(rng.randint(0, 40))],
                [rng.choice([-2, 0, 7, 1000]) for _ in range(rng.randint(0, 3))],
            ]
            for _ in range(rng.randint(1, 30))
        ]
        entries.append((word, pages))
        expected.append((word, merge.encode(pages)))
    chunk = (
        b"\x81"
        + merge._head(4, len(entries))
        + b"".join(b"\x83" + merge.encode(w) + merge.encode(p) + b"\x80" for w, p in entries)
    )
    assert list(merge._words(chunk)) == expected
    shifted = merge._shift(expected[0][1], 1000)
    value, _ = merge.decode(shifted)
    assert isinstance(value, list)
    assert value[0][0] == entries[0][1][0][0] + 1000 and value[1:] == entries[0][1][1:]


def _synthetic_batch(words: dict[str, list[Any]]) -> merge.Batch:
    entries = [b"\x83" + merge.encode(w) + merge.encode(p) + b"\x80" for w, p in sorted(words.items())]
    chunks = [merge.compress(b"\x81" + merge._head(4, len(entries)) + b"".join(entries))]
    return merge.Batch("cmn", "1.5.2", [["frag", 10]] * 3, chunks, [])


def test_an_edited_word_changes_its_own_chunks_and_the_others_are_taken_from_the_last_bundle() -> None:
    """Where a merged chunk ends depends on its words, not on the sizes of the chunks before it:
    a page list grown in one word leaves every chunk but its own as it was, and those are taken
    (checked) from the last bundle — the result is byte for byte a fresh merge's."""
    rng = random.Random(5)
    words = {
        f"词{n:05d}": [[rng.randint(0, 2), [rng.randint(0, 900) for _ in range(rng.randint(1, 60))]]]
        for n in range(6000)
    }
    first, _ = merge.merge([_synthetic_batch(words)], merge.Names())
    assert len(first) > 10
    edited = dict(words)
    edited["词03000"] = words["词03000"] + [[2, list(range(400))]]
    last = {path.removeprefix("index/").removesuffix(".pf_index"): data for path, data in first.items()}
    taken: list[str] = []

    def reuse(name: str, raw: bytes) -> bytes | None:
        data = last.get(name)
        if data is not None and merge.unchanged_chunk(data, raw):
            taken.append(name)
            return data
        return None

    again, meta = merge.merge([_synthetic_batch(edited)], merge.Names(), reuse)
    fresh, fresh_meta = merge.merge([_synthetic_batch(edited)], merge.Names())
    assert again == fresh and meta == fresh_meta
    assert len(first) - 2 <= len(taken) < len(again), (len(taken), len(again))


@pytest.mark.parametrize(
    "forge",
    [
        lambda raw: gzip.compress(merge.SIGNATURE + raw + b"hidden", mtime=0),  # other content
        lambda raw: merge.compress(raw) + merge.compress(b"hidden"),  # a second member
        lambda raw: merge.compress(raw) + b"\x00hidden",  # bytes after the member
        lambda raw: merge.compress(raw)[:3] + b"\x10" + merge.compress(raw)[4:],  # FCOMMENT flag set
        lambda raw: gzip.compress(merge.SIGNATURE + raw, compresslevel=6, mtime=12345),  # another header
        lambda raw: merge.compress(raw)[:-9],  # cut short
    ],
)
def test_a_kept_chunk_is_taken_only_if_it_is_exactly_what_compress_writes(forge) -> None:  # noqa: ANN001
    raw = b"\x81\x81\x83" + merge.encode("党务") + merge.encode([[0, [1, 2]]]) + b"\x80"
    assert merge.unchanged_chunk(merge.compress(raw), raw)
    assert not merge.unchanged_chunk(forge(raw), raw)


def test_gzip_signature_is_checked() -> None:
    with pytest.raises(merge.MergeError):
        merge.decompress(gzip.compress(b"not pagefind"))


@pytest.mark.parametrize("batch_pages", [4, 25])
def test_the_newest_pages_get_an_index_of_their_own(site: Path, tmp_path: Path, batch_pages: int) -> None:
    """The first-query index equals one Pagefind run over the newest pages; the whole index is unchanged."""
    dates = published_of(site)
    pages = item_pages(site, dates)
    newest = tmp_path / "newest"
    shutil.copytree(site, newest)
    for page in pages[10:]:  # a site of only the ten newest item pages
        (newest / page.path.relative_to(site)).unlink()
    build_index(newest, 10, batch_pages=100, recent=0, published={p.url.lstrip("/"): p.published for p in pages[:10]})
    both = tmp_path / "both"
    shutil.copytree(site, both)
    entry = build_index(both, 25, batch_pages=batch_pages, recent=10, published=dates)
    assert entry is not None
    assert {language: info["page_count"] for language, info in entry["languages"].items()} == {
        INDEX_LANGUAGE: 25,
        RECENT_LANGUAGE: 10,
    }
    one = tmp_path / "one"
    shutil.copytree(site, one)
    build_index(one, 25, batch_pages=25, recent=0, published=dates)

    recent_records, recent_words, _ = decoded_index(both / "pagefind", RECENT_LANGUAGE)
    assert (recent_records, recent_words) == decoded_index(newest / "pagefind")[:2]
    assert decoded_index(both / "pagefind")[:2] == decoded_index(one / "pagefind")[:2]
    # The newest pages are the first pages of the whole index, in the same order.
    assert decoded_index(both / "pagefind")[0][:10] == recent_records


def test_no_first_query_index_for_a_small_site(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "small"
    shutil.copytree(site, copy)
    entry = build_index(copy, 25, batch_pages=4, recent=25, published=published_of(site))
    assert entry is not None
    assert list(entry["languages"]) == [INDEX_LANGUAGE]


# --------------------------------------------------------------------------- the Pagefind version


def test_the_installed_pagefind_is_the_version_whose_format_the_merge_reads() -> None:
    # Fails on any other pagefind-bin: pin it (pyproject.toml) to merge.PAGEFIND_VERSION, or
    # check the new version's format against this file's tests and change both together.
    assert importlib.metadata.version("pagefind-bin") == merge.PAGEFIND_VERSION
    assert pagefind_version() == merge.PAGEFIND_VERSION


@pytest.mark.parametrize("other", ["1.5.3", "1.6.0", "1.4.0", "2.0.0", "1.5.2-beta.1"])
def test_another_pagefind_version_stops_the_index_before_pagefind_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other: str
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        "<html><body><div data-pagefind-body><p>正文</p></div></body></html>", "utf-8"
    )
    monkeypatch.setattr(search, "pagefind_version", lambda: other)
    monkeypatch.setattr(search, "PagefindService", None)  # nothing may start it
    wanted = f"pagefind {other} is installed; the merge reads the format of 1.5.2 — install pagefind-bin==1.5.2"
    with pytest.raises(SearchIndexError) as stopped:
        build_index(tmp_path, 1, published={"a/": None})
    assert str(stopped.value) == wanted
    assert not (tmp_path / "pagefind").exists()


def test_the_version_is_what_the_binary_reports(tmp_path: Path) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'pagefind 1.6.0'\n", "utf-8")
    fake.chmod(0o755)
    assert pagefind_version(fake) == "1.6.0"
    fake.write_text("#!/bin/sh\necho 'no version here'\n", "utf-8")
    with pytest.raises(SearchIndexError, match="cannot tell which pagefind is installed"):
        pagefind_version(fake)


def test_a_batch_written_by_another_pagefind_version_is_not_merged(site: Path) -> None:
    files = {
        p.relative_to(site / "pagefind").as_posix(): p.read_bytes()
        for p in (site / "pagefind").rglob("*")
        if p.is_file()
    }
    assert merge.read_batch(files).version == merge.PAGEFIND_VERSION
    entry = json.loads(files["pagefind-entry.json"])
    files["pagefind-entry.json"] = json.dumps(entry | {"version": "1.6.0"}).encode("utf-8")
    with pytest.raises(merge.MergeError, match="written by pagefind 1.6.0; the merge reads the format of 1.5.2"):
        merge.read_batch(files)


@pytest.mark.parametrize("path", ["../escape.js", "/etc/escape.js", "fragment/../../escape.js", "..", "", "a\\..\\b"])
def test_a_bundle_file_outside_the_bundle_is_refused(tmp_path: Path, path: str) -> None:
    """Pagefind's answer names the files of its bundle; one that would land outside it stops the build."""
    from site_plugins.plugins.search import _write_files

    bundle = tmp_path / "site/pagefind"
    bundle.mkdir(parents=True)
    with pytest.raises(SearchIndexError, match="outside its bundle"):
        _write_files(bundle, {path: b"x"})
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_bundle_files_are_written_in_their_folders(tmp_path: Path) -> None:
    from site_plugins.plugins.search import _write_files

    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    _write_files(bundle, {"fragment/a.pf_fragment": b"a", "pagefind.js": b"js"})
    _write_files(bundle, {"fragment/b.pf_fragment": b"b", "index/./c.pf_index": b"c"})
    assert {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == {
        "fragment/a.pf_fragment": b"a",
        "fragment/b.pf_fragment": b"b",
        "pagefind.js": b"js",
        "index/c.pf_index": b"c",
    }
