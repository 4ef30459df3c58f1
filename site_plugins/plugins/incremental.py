"""Incremental builds: render again only the pages whose inputs changed, copy the rest.

`disclose build` of one whole audience remembers, beside the folder it published
(`site/.public.incremental.json` for `site/public/`), what each page was made from:

* **the whole build** (`whole_inputs`): this package's code and templates, the theme's
  files, the engine's and its libraries' versions, mkdocs.yml and the configuration the
  plugins settled on (navigation, extra, theme, Markdown extensions), the audience and the
  language of the messages.  Any difference, and every page is rendered again;
* **each page** (`page_inputs`, written by the plugin): everything the plugin hands the
  engine for that page — its body, its meta-data, the heading, panel and link lists the
  view renders around it (titles, states, dates: so a clock passing an expiry changes them),
  its address and sitemap date — and, recorded while the engine converted its Markdown,
  every file its links were looked up as (`RecordingFiles`) with the answer;
* the **SHA-256 of the page as published**.

The next build computes the same inputs for every page; a page whose inputs, link answers
and published file are all unchanged is copied from the published folder instead of being
rendered (the engine's dirty build skips it: `engine.mark_modified`).  A page is a pure
function of those inputs, so the output is byte-identical to a full build; the tests build,
edit, rebuild and compare with a fresh full build.  Doubt means rendering: a page of the
home, the navigation or the Mongolian edition, a page with a broken link (the engine's
warning must be said again), a Markdown extension not known to be pure (it could read
other files), a shard, a preview, a missing or unreadable record, a copied file whose bytes
are not those recorded.  Everything else of the build — attachments, exports, feeds, the
sitemap and the search index — is written afresh, and the output check and leak audit read
every file of the result, copied or rendered — but a copied page is not read again when
its verdict is known: the record also holds the output check's context (verify.Context:
the files, hidden names and hosts its pages passed under), sealed with a key of this user's
(`seal_key`, in the cache folder, never beside the site).  A copied page's bytes are those
recorded; if the sealed context `covers` this build's, the check would say what it said
(nothing), so the copied pages are not parsed again.  Any other case — no key, a seal that
does not match (a record or page edited by hand), a file gone, a name newly hidden, another
host — reads every copied page back.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import hmac
import json
import logging
import os
import secrets
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .. import parse_cache
from ..engine import EngineConfig, File, Files
from ..verify import Context
from .folders import write_file

FORMAT = 1

# Markdown extensions whose output depends on the page's text and their settings alone.
# Any other (pymdownx.snippets reads files, b64 embeds them) makes every page render.
PURE_EXTENSIONS = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "codehilite",
        "def_list",
        "extra",
        "fenced_code",
        "footnotes",
        "legacy_attrs",
        "legacy_em",
        "md_in_html",
        "meta",
        "nl2br",
        "sane_lists",
        "smarty",
        "tables",
        "toc",
        "wikilinks",
        "markdown.extensions.abbr",
        "markdown.extensions.admonition",
        "markdown.extensions.attr_list",
        "markdown.extensions.codehilite",
        "markdown.extensions.def_list",
        "markdown.extensions.extra",
        "markdown.extensions.fenced_code",
        "markdown.extensions.footnotes",
        "markdown.extensions.md_in_html",
        "markdown.extensions.tables",
        "markdown.extensions.toc",
        "pymdownx.betterem",
        "pymdownx.caret",
        "pymdownx.details",
        "pymdownx.emoji",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.keys",
        "pymdownx.mark",
        "pymdownx.smartsymbols",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
        "pymdownx.tilde",
    }
)

# The distributions whose code renders a page.
_DISTRIBUTIONS = (
    "mkdocs",
    "properdocs",
    "mkdocs-material",
    "mkdocs-materialx",
    "markdown",
    "pymdown-extensions",
    "pygments",
    "jinja2",
    "markupsafe",
    "nh3",
    "selectolax",  # the output check's parser: the sealed verdicts are its verdicts
    "babel",
    "pyyaml",
)

# Threads copying unchanged pages (the kernel's work: reading, hashing, linking, making folders).
COPY_THREADS = 2

# A link the engine looked up while converting a page: the file's URL and inclusion, or None.
Answer = tuple[str, int] | None


def record_of(path: Path) -> Path:
    """Where the record of the build published at `path` lives: beside it, never inside."""
    return path.with_name(f".{path.name}.incremental.json")


class RecordingFiles(Files):
    """The build's files, noting which a page's links were looked up as (while `recording`)."""

    def __init__(self, files: Iterable[File]) -> None:
        super().__init__(list(files))
        self.recording: str | None = None  # the src_uri of the page being converted
        self.lookups: dict[str, dict[str, Answer]] = {}

    def get_file_from_path(self, path: str) -> File | None:
        found = super().get_file_from_path(path)
        if self.recording is not None:
            self.lookups.setdefault(self.recording, {})[path] = _answer(found)
        return found


def _answer(file: File | None) -> Answer:
    return None if file is None else (file.url, file.inclusion.value)


def digest(*parts: object) -> str:
    """The SHA-256 of parts that JSON can write (meta-data, strings, lists)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (a published page, a page the search index is given)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def search_cache_of(path: Path) -> Path:
    """Where the search index's batches of the build published at `path` are kept (search.BatchCache)."""
    return path.with_name(f".{path.name}.search-batches")


@functools.cache
def code_digest() -> str:
    """This package's own files (code, templates, messages): an upgrade renders everything."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _versions() -> dict[str, str]:
    # zlib: an incremental build keeps the compressed search chunks of the last (pagefind_merge).
    found = {"python": sys.version, "zlib": zlib.ZLIB_RUNTIME_VERSION}
    for name in _DISTRIBUTIONS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def _theme(dirs: Iterable[str], custom_dir: str | None) -> str:
    """The theme's files: the custom folder by content, the installed themes by name, size and time."""
    h = hashlib.sha256()
    custom = os.path.realpath(custom_dir) if custom_dir else None
    for folder in dirs:
        folder = os.path.realpath(folder)
        h.update(folder.encode())
        for top, subdirs, names in os.walk(folder):
            subdirs.sort()
            for name in sorted(names):
                path = os.path.join(top, name)
                h.update(os.path.relpath(path, folder).encode())
                if folder == custom:
                    h.update(Path(path).read_bytes())
                else:
                    stat = os.stat(path)
                    h.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return h.hexdigest()


def doubts(config: EngineConfig, plugin: str, nav_by_hand: bool) -> list[str]:
    """Why this configuration's pages cannot be copied, if they cannot (every page is rendered):

    * a Markdown extension not known to depend on the page alone (it could read other files);
    * another plugin or a hook (its code and settings are not in the whole inputs, and it may
      read anything);
    * a navigation written by hand (it shows pages' own titles, which a copied page's source
      is not read for);
    * anchors validated at warning level (the engine checks them over rendered pages only).
    """
    names = [e if isinstance(e, str) else type(e).__module__ for e in config.markdown_extensions]
    found = [f"markdown_extensions: {n}" for n in names if n not in PURE_EXTENSIONS]
    found += [f"plugins: {name}" for name in config.plugins if name != plugin]
    if nav_by_hand:
        found.append("nav")
    if config.validation.links.anchors >= logging.WARNING:
        found.append("validation.links.anchors")
    return found


def whole_inputs(config: EngineConfig, options: dict[str, object], audience: str, language: str) -> str:
    """What every page of a build is made from besides its own inputs (the module docstring)."""
    config_text = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    # The configuration as the engine settled it (INHERIT, !ENV resolved), but the folders of
    # this one build and what `doubts` already rules on (plugins) or is hashed apart (theme).
    settled = {key: _stable(value) for key, value in config.items() if key not in _NOT_SETTLED}
    return digest(
        FORMAT,
        code_digest(),
        _versions(),
        _theme(config.theme.dirs, config.theme.custom_dir),
        dict(config.theme),
        hashlib.sha256(config_text).hexdigest(),
        settled,
        {k: v for k, v in options.items() if k != "incremental"},
        audience,
        language,
    )


_NOT_SETTLED = frozenset({"plugins", "theme", "config_file_path", "site_dir", "docs_dir", "dev_addr", "watch"})


def _stable(value: object) -> object:
    """A value as JSON can write it, the same in every process: functions by their name (not
    their address); other objects by their class and text (an address in it only means that
    every page is rendered)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(str(_stable(v)) for v in value)
    if isinstance(value, functools.partial):  # pymdownx.slugs.slugify(case="lower") and the like
        return {"partial": _stable(value.func), "args": _stable(value.args), "keywords": _stable(value.keywords)}
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    items = getattr(value, "items", None)
    if callable(items):  # the engine's nested settings (validation)
        return {str(k): _stable(v) for k, v in items()}
    return f"{type(value).__module__}.{type(value).__qualname__}:{value}"


def seal_key() -> bytes | None:
    """This user's key that seals the records of builds (`Incremental.seal`), made on first use;
    None when there is no cache folder (DISCLOSE_CACHE=off) or it cannot be read or written."""
    folder = parse_cache.cache_folder()
    if folder is None:
        return None
    path = folder / "record-key"
    for _attempt in range(2):
        try:
            stat = path.stat()
            if stat.st_uid != os.getuid() or stat.st_mode & 0o077:
                return None  # another user's, or one others may read or write: no seal is trusted
            key = path.read_bytes()
            return key if len(key) == 32 else None
        except FileNotFoundError:
            pass
        except OSError:
            return None
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # another build made it meanwhile: read it
        except OSError:
            return None
        key = secrets.token_bytes(32)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(key)
        return key
    return None


def _context_data(context: Context) -> dict[str, object]:
    return {"settings": context.settings, "files": sorted(context.files), "hidden": sorted(context.hidden)}


@dataclass
class PageRecord:
    inputs: str  # page_inputs of the build that rendered it
    output: str  # SHA-256 of the published file
    lookups: dict[str, Answer]


@dataclass
class Incremental:
    """One incremental build: the last build's record and this one's, as it is made."""

    published: Path  # the folder the last build was published to
    whole: str = ""
    before: dict[str, PageRecord] = field(default_factory=dict)  # by dest_uri
    now: dict[str, PageRecord] = field(default_factory=dict)
    pending: dict[str, tuple[str, str]] = field(default_factory=dict)  # rendered: dest_uri → (src_uri, inputs)
    warned: set[str] = field(default_factory=set)  # rendered with a warning: rendered every time
    reused: int = 0
    rendered: int = 0
    # search batches indexed by Pagefind, taken from the last build; compressed word chunks taken from it
    search: tuple[int, int, int] = (0, 0, 0)
    checked: Context | None = None  # what every page of `before` passed the output check under (sealed)
    context: Context | None = None  # this build's (on_post_build)
    read_back: int = 0  # copied pages the output check parsed again
    _offered: dict[str, tuple[str, str, concurrent.futures.Future[bool] | None]] = field(default_factory=dict)
    _copying: concurrent.futures.ThreadPoolExecutor | None = None

    @classmethod
    def open(cls, published: Path, whole: str) -> Incremental:
        """This build's start: the last record if it was made of the same whole inputs."""
        found = cls(published, whole)
        try:
            data = json.loads(record_of(published).read_text("utf-8"))
        except (OSError, ValueError):
            return found  # none, or unreadable: a full build (that writes one)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("whole") != whole:
            return found
        if not published.is_dir():
            return found
        try:
            found.before = {
                dest: PageRecord(inputs, output, {uri: tuple(a) if a else None for uri, a in lookups.items()})
                for dest, (inputs, output, lookups) in data["pages"].items()
            }
        except (KeyError, TypeError, ValueError):
            found.before = {}
            return found
        found.checked = _unsealed(data, found.before, whole)
        return found

    def verdicts_hold(self, context: Context) -> bool:
        """Whether the copied pages (bytes as recorded) passed the output check under a context
        that covers `context`: then reading them back would find nothing (the module docstring)."""
        self.context = context
        return self.checked is not None and self.checked.covers(context)

    def offer(self, file: File, inputs: str, files: Files, out: Path) -> None:
        """A page of this build: copied from the published folder if it was made of the same
        inputs (in a thread: reading, hashing and linking are the kernel's work, and this
        thread goes on to the next page's inputs), else rendered (pending).  `settle` says which."""
        dest = file.dest_uri
        record = self.before.get(dest)
        if record is not None and record.inputs == inputs and self._same_answers(record.lookups, files):
            if self._copying is None:
                self._copying = concurrent.futures.ThreadPoolExecutor(max_workers=COPY_THREADS)
            self._offered[dest] = (file.src_uri, inputs, self._copying.submit(self._copy, dest, record, out))
        else:
            self._offered[dest] = (file.src_uri, inputs, None)

    def _copy(self, dest: str, record: PageRecord, out: Path) -> bool:
        try:
            data = (self.published / dest).read_bytes()
        except OSError:
            return False  # gone from the published folder: render it
        if hashlib.sha256(data).hexdigest() != record.output:
            return False
        # The bytes hashed, written: never a link to the published file (a later write to the
        # same address in this build — a second file of one output path, a redirect — would
        # go through it into the live site; a swap between hashing and linking would publish
        # bytes never hashed).
        write_file(f"{out}/{dest}", data)
        return True

    def settle(self) -> set[str]:
        """The pages offered that were copied (dest_uri); the others are rendered."""
        copied = set()
        try:
            for dest, (src_uri, inputs, copying) in self._offered.items():
                if copying is not None and copying.result():
                    self.now[dest] = self.before[dest]
                    copied.add(dest)
                else:
                    self.pending[dest] = (src_uri, inputs)
        finally:
            if self._copying is not None:
                self._copying.shutdown(cancel_futures=True)
                self._copying = None
            self._offered = {}
        self.reused += len(copied)
        self.rendered = len(self.pending)
        return copied

    @staticmethod
    def _same_answers(lookups: dict[str, Answer], files: Files) -> bool:
        return all(_answer(files.get_file_from_path(uri)) == answer for uri, answer in lookups.items())

    def finish(self, out: Path, files: RecordingFiles) -> None:
        """After the build wrote everything: the records of the pages it rendered."""
        for dest, (src_uri, inputs) in self.pending.items():
            lookups = files.lookups.get(src_uri, {})
            path = out / dest
            if dest in self.warned or any(answer is None for answer in lookups.values()) or not path.is_file():
                continue  # a warning (a broken link) is said on every build: rendered every time
            self.now[dest] = PageRecord(inputs, file_digest(path), lookups)

    def save(self) -> None:
        """Written once the build is published: the record of what is now in `published`."""
        data = {
            "format": FORMAT,
            "whole": self.whole,
            "pages": {d: [r.inputs, r.output, r.lookups] for d, r in sorted(self.now.items())},
            # What this build rendered rather than copied (bench/ and the tests read it).
            "rendered": sorted(self.pending),
            "copied": self.reused,
            "search_batches": {"indexed": self.search[0], "kept": self.search[1], "chunks_kept": self.search[2]},
            "read_back": self.read_back,
        }
        key = seal_key()
        if self.context is not None and key is not None:
            data["checked"] = _context_data(self.context)
            data["seal"] = _seal(key, self.whole, data["checked"], self.now)
        record = record_of(self.published)
        partial = record.with_name(record.name + ".partial")
        partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
        partial.replace(record)


def _seal(key: bytes, whole: str, checked: object, pages: dict[str, PageRecord]) -> str:
    """The record's verdict — these published bytes passed under `checked` — sealed with `key`."""
    seal = hmac.new(key, digestmod=hashlib.sha256)
    seal.update(json.dumps([FORMAT, whole, checked], ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    for dest in sorted(pages):
        seal.update(f"\n{dest}\0{pages[dest].output}".encode())
    return seal.hexdigest()


def _unsealed(data: dict, pages: dict[str, PageRecord], whole: str) -> Context | None:
    """The record's context if its seal is this user's over these pages, else None."""
    checked, seal, key = data.get("checked"), data.get("seal"), seal_key()
    if not isinstance(checked, dict) or not isinstance(seal, str) or key is None:
        return None
    if not hmac.compare_digest(seal, _seal(key, whole, checked, pages)):
        return None
    try:
        settings, files, hidden = checked["settings"], checked["files"], checked["hidden"]
    except KeyError:
        return None
    if not isinstance(settings, str) or not isinstance(files, list) or not isinstance(hidden, list):
        return None
    return Context(settings, frozenset(files), frozenset(hidden))
