"""What the last `disclose check` concluded, so that a check after editing a body takes a second.

Why: at 80,000 organizations and 100,000 items a check loads and judges the whole site
(about 20 s with the parse cache, bench/RESULTS.md), and an editor who changed a
paragraph of one item, or the pre-commit hook after it, waits for all of it again.

What the memo holds (one file per site folder, next to the parse cache, parse_cache.py):
the problems of the last check in the parts `rules.validate` keeps apart (`rules.Parts`),
every name under content/ and catalogs/ with its `lstat` (type and permissions,
modification and change times, size, inode; under content/ names starting with '.' are
left out, as the load leaves them out), and a digest of each Markdown file's front matter
as load_document split it.  The names are listed before the whole check loads them and
again after: if they differ, no memo is kept.

When it answers (`CheckMemo.answer`): the same code, language, options and build clock,
the same names under both folders, and every file whose stat changed (or was written
too close to the last check to trust its stat: `SETTLED_SECONDS`) a Markdown item or
page, not a Mongolian version nor one's original, whose front matter is the very same
text.  Everything but a body comes from the front matter: every rule but one judges the
same facts as last time and gives the same problems.  The one that reads a body, the
mentions rule (Art. 15), is run again on each changed file: when its text names nothing
the rule watches (`mentions.judged_text`), the file has no such problem; when it names
something, the memo does not answer.  Its loading problems are the file's own, found
again.  In every other case — a front matter, catalog, registry, template or attachment
changed, a file added or removed, a new day — the check is a whole check, which writes
the memo again.  Builds never read it: they load and judge everything (docs/decisions.md).
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
import pickle
import stat
import struct
import tempfile
import time
from pathlib import Path

from . import i18n, parse_cache
from .load import load_document
from .model import Problem
from .parse_memory import SETTLED_SECONDS, Fingerprint, ParseMemory, document_key
from .rules import Parts
from .rules.mentions import NameTables, finder, judged_text
from .settings import Settings
from .translations import SUFFIX, is_translation

FORMAT = 3
# The memo is written again when more files than this changed since it was (writing it
# takes longer than reading and judging a few files again: 0.25 s at 100,000 items).
REWRITE_AFTER = 100
# A file's lstat, packed (_STAMP): mode, modification and change times (ns), size, inode.  One
# object a file instead of five: the memo of 180,000 files is read in half the time.
Entry = bytes
_STAMP = struct.Struct("<5q")
# The line `check` prints when nothing stops it: organizations, catalogs, items, pages, Mongolian versions.
Counts = tuple[int, int, int, int, int]


def _code_digest() -> str:
    """Every module of the product and its message catalog: any change to a rule is a whole check."""
    digest = hashlib.sha1(f"{FORMAT} {parse_cache._code_digest()}".encode())
    folder = Path(__file__).parent
    for path in sorted(itertools.chain(folder.glob("*.py"), folder.glob("*/*.py"))):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _names_digest(names: list[str]) -> bytes:
    return hashlib.sha1(b"\0".join(sorted(os.fsencode(name) for name in names))).digest()


def _listed_names(path: str, dots: bool) -> list[str]:
    """The names in a folder; `dots`: also those starting with '.' (catalogs/: the load reads
    `.x.yml` there, and reports an editor's lock link).  Under content/ they are left out as
    the load leaves them out (walk.walk_content), and editors' swap files come and go there."""
    with os.scandir(path) as entries:
        return [entry.name for entry in entries if dots or entry.name[0] != "."]


class _Folders:
    """Which listed folders are under content/ (dot names left out) and which not."""

    def __init__(self, content_dir: str, catalogs_dir: str) -> None:
        self.content, self.catalogs = content_dir.rstrip("/"), catalogs_dir.rstrip("/")

    def dots(self, rel: str) -> bool:
        def under(top: str) -> bool:
            return rel == top or rel.startswith(top + "/")

        return not under(self.content) or under(self.catalogs)


def _stamp(info: os.stat_result) -> Entry:
    # The change time too: restoring a modification time (touch -r, cp -p) moves it, as a
    # chmod does; nobody sets it but the system (git trusts it the same way).
    return _STAMP.pack(info.st_mode, info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def listing(root: Path, folders: tuple[str, str]) -> Listing | None:
    """Every folder and file under `folders` (content/, catalogs/) of root with its lstat;
    links are listed, never followed.  None if one of them is not a plain folder, or a name
    went while it was listed (the check says so, or the next one lists it again)."""
    listed = Listing()
    base_path = str(root)
    waiting = list(folders)
    kind = _Folders(*folders)
    while waiting:
        base = waiting.pop()
        path = os.path.join(base_path, base)
        try:
            info = os.lstat(path)
            names = _listed_names(path, kind.dots(base)) if stat.S_ISDIR(info.st_mode) else None
        except OSError:
            return None
        if names is None:
            return None
        listed.folders[base] = (_stamp(info), _names_digest(names))
        for name in names:
            rel = f"{base}/{name}"
            try:
                entry = os.lstat(os.path.join(path, name))
            except OSError:
                return None
            if stat.S_ISDIR(entry.st_mode):
                waiting.append(rel)
            else:
                listed.files[rel] = _stamp(entry)
    return listed


def _changed_files(root: Path, listed: Listing, unsettled: int, kind: _Folders) -> tuple[Listing, list[str]] | None:
    """The files whose lstat is not as `listed` (or may have been written since it was taken:
    modified after `unsettled`) and the listing as it is now; None when a folder gained,
    lost or renamed a name, changed its mode, or is gone (a folder's times move whenever it
    gains or loses a name)."""
    now = Listing()
    base_path = str(root)
    lstat, unpack = os.lstat, _STAMP.unpack
    for rel, (was, names) in listed.folders.items():
        path = f"{base_path}/{rel}"
        try:
            info = lstat(path)
            entry = _stamp(info)
            mode, mtime, _ctime, _size, inode = unpack(was)
            if info.st_mode != mode or info.st_ino != inode:
                return None  # a folder replaced, or its permissions changed
            if (entry != was or mtime >= unsettled) and _names_digest(_listed_names(path, kind.dots(rel))) != names:
                return None
        except OSError:
            return None
        now.folders[rel] = (entry, names)
    changed = []
    for rel, was in listed.files.items():
        try:
            info = lstat(f"{base_path}/{rel}")
        except OSError:
            return None
        entry = now.files[rel] = _stamp(info)
        if entry != was:
            changed.append(rel)
    changed += (rel for rel in listed.unsettled(unsettled) if rel not in changed)
    return now, changed


def head_digest(fingerprint: Fingerprint) -> bytes:
    """What a document is made of besides its body: path, front matter, blank lines before the body."""
    page_path, head, blanks = fingerprint
    return hashlib.sha1(f"{page_path}\0{blanks}\0{head}".encode("utf-8", "surrogatepass")).digest()


@dataclasses.dataclass
class Listing:
    """The folders (→ their lstat, a digest of the names in them) and files (→ their lstat)
    under content/ and catalogs/, as `listing` found them."""

    folders: dict[str, tuple[Entry, bytes]] = dataclasses.field(default_factory=dict)
    files: dict[str, Entry] = dataclasses.field(default_factory=dict)
    # The files modified after this time (ns) at the time of listing, by `unsettled`.
    _unsettled: tuple[int, list[str]] | None = dataclasses.field(default=None, compare=False)

    def unsettled(self, after: int) -> list[str]:
        """The files whose modification time is `after` or later: their stat may stay the same
        through a write right after the listing (file systems' times are coarse)."""
        if self._unsettled is None or self._unsettled[0] != after:
            unpack = _STAMP.unpack
            self._unsettled = (after, [rel for rel, entry in self.files.items() if unpack(entry)[1] >= after])
        return self._unsettled[1]


@dataclasses.dataclass
class _Memo:
    key: tuple[str, ...]
    taken_ns: int  # when `listed` was taken
    listed: Listing
    heads: dict[str, bytes]  # Markdown file (path shown) → head_digest
    load: dict[str, tuple[Problem, ...]]  # loading problems by path shown
    rules: tuple[Problem, ...]
    mentions: dict[str, tuple[Problem, ...]]  # the mentions rule's problems by path shown
    names: NameTables
    counts: Counts


class CheckMemo:
    """`memo = CheckMemo(root, settings, clock)`; `memo.answer()` before a check (every
    audience's rules at once, as `check` judges), `memo.list_files()` then `memo.save(...)`
    around a whole one."""

    def __init__(self, root: Path, settings: Settings, clock: object) -> None:
        self.root = root
        self.settings = settings
        self.folders: tuple[str, str] = (settings.content_dir, settings.catalogs_dir)
        cache = parse_cache.cache_file(root)
        self.path = None if cache is None else cache.with_name(cache.name.replace("parsed-", "checked-", 1))
        self.key = (_code_digest(), i18n.language(), repr(settings), str(clock))
        self.listed: Listing | None = None
        self.taken_ns = 0

    def list_files(self) -> None:
        """List the folders now, before a whole check loads them (`save` lists them again after
        it and keeps nothing if they differ)."""
        self.taken_ns = time.time_ns()
        try:
            self.listed = listing(self.root, self.folders)
        except (OSError, ValueError):  # a name that is no text (UnicodeError): no memo
            self.listed = None

    def answer(self) -> tuple[list[Problem], Counts] | None:
        """Every problem of the sources as they are now (warnings included), and the counts; or
        None when only a whole check can tell (see the module's docstring)."""
        try:
            return self._answer()
        except (OSError, ValueError):  # UnicodeError among them: a whole check says what is wrong
            return None

    def _answer(self) -> tuple[list[Problem], Counts] | None:
        if self.path is None:
            return None
        try:
            with open(self.path, "rb") as stream:
                memo = pickle.load(stream)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            return None
        if not isinstance(memo, _Memo) or memo.key != self.key:
            return None
        self.taken_ns = time.time_ns()
        now = _changed_files(
            self.root, memo.listed, memo.taken_ns - int(SETTLED_SECONDS * 1e9), _Folders(*self.folders)
        )
        if now is None:
            return None  # a file added, removed or renamed
        self.listed, changed = now
        files = self.listed.files
        content = self.settings.content_dir + "/"
        index = finder(memo.names)
        load, mentions = dict(memo.load), dict(memo.mentions)
        for rel in changed:
            if (
                not rel.startswith(content)
                or not rel.endswith(".md")
                or is_translation(rel)
                or f"{rel[:-3]}{SUFFIX}" in files
                or rel not in memo.heads
                or not stat.S_ISREG(_STAMP.unpack(files[rel])[0])
            ):
                return None
            memory, found = ParseMemory(), list[Problem]()
            doc = load_document(self.root / rel, rel[len(content) :], found, rel, memory=memory)
            if doc is None:
                return None
            fingerprint = memory.documents[document_key(rel)][0]
            if head_digest(fingerprint) != memo.heads[rel]:
                return None  # the front matter changed: facts other rules judge
            text = judged_text(doc)
            if text is not None:
                if index.mentioned(text):
                    return None  # it names something some reader may not see: judged in a whole check
                mentions.pop(rel, None)
            load[rel] = tuple(found)
            if not found:
                del load[rel]
        problems = sorted(set(itertools.chain(memo.rules, *load.values(), *mentions.values())))
        if len(changed) > REWRITE_AFTER:
            self.listed.unsettled(self.taken_ns - int(SETTLED_SECONDS * 1e9))
            memo.taken_ns, memo.listed, memo.load, memo.mentions = self.taken_ns, self.listed, load, mentions
            self._write(memo)
        return problems, memo.counts

    def save(self, parts: Parts, memory: ParseMemory, counts: Counts) -> None:
        """Keep what a whole check found (after `listed`, before it loaded the site)."""
        if self.path is None or parts.names is None or self.listed is None:
            return
        try:
            if listing(self.root, self.folders) != self.listed:
                return  # a name came, went or changed while the check loaded: this memo would be stale
        except (OSError, ValueError):
            return
        content = self.settings.content_dir + "/"
        heads = {
            shown: head_digest(fingerprint)
            for (kind, shown), (fingerprint, _doc, _problems) in memory.documents.items()
            if kind == "document" and shown.startswith(content)
        }
        # Keyed by the listing's own strings, which the memo then holds once.
        heads = {rel: heads[rel] for rel in self.listed.files if rel in heads}
        self.listed.unsettled(self.taken_ns - int(SETTLED_SECONDS * 1e9))

        def by_path(problems: list[Problem]) -> dict[str, tuple[Problem, ...]]:
            grouped: dict[str, list[Problem]] = {}
            for problem in problems:
                grouped.setdefault(problem.path, []).append(problem)
            return {path: tuple(found) for path, found in grouped.items()}

        self._write(
            _Memo(
                self.key,
                self.taken_ns,
                self.listed,
                heads,
                by_path(parts.load),
                tuple(parts.rules),
                by_path(parts.mentions),
                parts.names,
                counts,
            )
        )

    def _write(self, memo: _Memo) -> None:
        assert self.path is not None
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".checked-", dir=self.path.parent)
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(memo, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
            temporary = None
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            if temporary is not None and os.path.exists(temporary):  # the next check is only slower
                os.unlink(temporary)
