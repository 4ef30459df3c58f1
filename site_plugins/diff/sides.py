"""The two sides of `disclose diff`: a revision read from git (or the working tree), loaded.

A revision's content/ and catalogs/ are read from git itself (`git ls-tree` + `git
cat-file --batch` into a temporary folder), never by checking anything out, so the
working tree, the index and HEAD are untouched.  Each side is loaded and validated as a
build would, and keeps its documents' comparable records (`Side.record`).
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import _
from ..load import load_site
from ..model import Catalog, Document, Entry, Problem, Site
from ..record import RECORD_FIELDS, document_record
from ..rules import validate

CONTENT = "content"
CATALOGS = "catalogs"

# Fields of a document compared between sides, in the order they are reported: its record's
# (the id is the key it is compared under) and its body's hash.
DOCUMENT_FIELDS = (*(name for name in RECORD_FIELDS if name != "id"), "body")
ENTRY_FIELDS = ("title", "basis", "scope", "timing", "period", "methods", "department")


@dataclass
class Side:
    """One side of the comparison: a loaded site and what the reader needs to know of it."""

    label: str  # the revision as given, or "working tree"
    commit: str | None
    site: Site
    problems: list[Problem]
    hashes: dict[str, str]  # sha256 of every file under content/, by content-relative path
    sound: Site = field(init=False)  # the site without its broken files, as a preview shows it
    sound_paths: set[str] = field(init=False)
    by_id: dict[str, Document] = field(init=False)  # items and pages; looked up once per change
    by_path: dict[str, Document] = field(init=False)
    _records: dict[tuple[str, bool, bool], dict[str, Any]] = field(default_factory=dict, init=False, repr=False)
    _entries: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        broken = {p.path for p in self.problems}
        self.sound = Site(
            self.site.registry,
            self.site.catalogs,
            [d for d in self.site.documents if d.where.path not in broken],
            self.site.other_files,
            [],
            topics=self.site.topics,
        )
        self.sound_paths = {d.path for d in self.sound.documents}
        self.by_id = {d.id: d for d in self.site.documents}
        self.by_path = {d.path: d for d in self.site.documents}

    def record(self, doc: Document, archived: bool, notice: bool = False) -> dict[str, Any]:
        """The document's comparable record, made once: every audience shares the same object,
        so an audience's view can be compared with another's by identity.  `notice`: the
        audience sees only its withdrawal notice."""
        key = (doc.id, archived, notice)
        if key not in self._records:
            self._records[key] = self._document_record(doc, archived, notice)
        return self._records[key]

    def _document_record(self, doc: Document, archived: bool, notice: bool) -> dict[str, Any]:
        """Everything a reader of `doc`'s page or feeds could notice, as comparable plain values:
        its record, with its path in the repository and its attachments and body by content hash
        (none for a withdrawal notice, which shows neither)."""
        folder = doc.path.rpartition("/")[0]
        record: dict[str, Any] = dict(document_record(doc, archived=archived, notice=notice))
        record["path"] = f"{CONTENT}/{doc.path}"
        record["attachments"] = (
            {}
            if notice
            else {name: self.hashes.get(f"{folder}/{name}" if folder else name, "missing") for name in doc.attachments}
        )
        record["body"] = None if notice else hashlib.sha256(doc.body.encode("utf-8")).hexdigest()
        return record

    def entry_record(self, catalog: Catalog, entry: Entry) -> dict[str, Any]:
        key = f"{catalog.org}/{entry.id}"
        if key not in self._entries:
            self._entries[key] = entry_record(catalog, entry)
        return self._entries[key]


def entry_record(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "basis": entry.basis,
        "scope": entry.scope,
        "timing": entry.timing,
        "period": entry.period,
        "methods": list(entry.methods),
        "department": entry.department,
        "catalog_scope": catalog.scope,
    }


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise ValueError(_("git is not installed; diff reads revisions with git")) from error
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ValueError(f"git {args[0]} failed: {detail[-1] if detail else proc.returncode}")
    return proc.stdout


def _resolve(root: Path, rev: str) -> str:
    """The commit id of `rev`, or a plain error: an unknown revision is a usage error."""
    if rev.startswith("-"):
        raise ValueError(_("'{rev}' is not a revision").format(rev=rev))
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except ValueError:
        raise ValueError(
            _(
                "unknown revision '{rev}' — use a commit, branch or tag known to git (in CI, fetch enough history, e.g. fetch-depth: 0)"
            ).format(rev=rev)
        ) from None


def _extract(root: Path, commit: str, target: Path) -> None:
    """Write content/ and catalogs/ of `commit` under `target`, reading git objects only."""
    listing = git(root, "ls-tree", "-r", "-z", commit, "--", CONTENT, CATALOGS)
    blobs: list[tuple[str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _tab, name = record.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        path = name.decode("utf-8", "surrogateescape")
        # Symlinks and submodules are not files an editor publishes; a build would not follow them either.
        if kind != "blob" or mode == "120000":
            continue
        if path.split("/", 1)[0] not in (CONTENT, CATALOGS) or ".." in path.split("/"):
            continue
        blobs.append((oid, path))
    if not blobs:
        return
    output = git(root, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid, _ in blobs).encode())
    offset = 0
    for oid, path in blobs:
        header_end = output.index(b"\n", offset)
        got, kind, size = output[offset:header_end].decode().split()
        if got != oid or kind != "blob":
            raise ValueError(_("git cat-file returned {got} {kind} for {path}").format(got=got, kind=kind, path=path))
        start = header_end + 1
        data = output[start : start + int(size)]
        offset = start + int(size) + 1  # each object is followed by a newline
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)


def _read_side(label: str, commit: str | None, folder: Path) -> Side:
    site = load_site(folder, CONTENT, CATALOGS)
    problems = validate(site)
    hashes = {}
    for rel in [d.path for d in site.documents] + site.other_files:
        path = folder / CONTENT / rel
        if path.is_file():
            hashes[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return Side(label, commit, site, problems, hashes)


def load_side(root: Path, rev: str | None) -> Side:
    """Read one side: a revision from git, or the working tree when `rev` is None."""
    if rev is None:
        return _read_side("working tree", None, root)
    commit = _resolve(root, rev)
    with tempfile.TemporaryDirectory(prefix="disclose-diff-") as tmp:
        _extract(root, commit, Path(tmp))
        return _read_side(rev, commit, Path(tmp))
