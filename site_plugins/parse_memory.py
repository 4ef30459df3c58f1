"""What has been parsed, so that a file whose text is unchanged is not parsed again.

One build loads the site up to three times (the CLI validates, picks the audience, then
the plugin prepares) and `serve` reloads it on every save.  A `ParseMemory` is what the
caller keeps between those loads and passes to `load.load_site(..., memory=...)`; without
one, every load parses every file.  Entries are keyed on the text itself, never on a
modification time, so an edited file is always read afresh — except in a preview's
`trust_unchanged` loads (see `ParseMemory.unchanged`).  `parse_cache.ParseCache` fills one
from what an earlier `disclose check` parsed and saves it again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .guidance import CatalogSource, Template
from .model import Document, Problem, Registry

# (what was loaded: "document", "load_registry", "load_catalog", "load_template"; the path shown in problems)
Key = tuple[str, str]
# What a registry, catalog or template file parses to (a catalog as written, before its template is applied).
Parsed = Registry | CatalogSource | Template
Problems = tuple[Problem, ...]
# What load_document compares to reuse a parse: the path under content/, the text up to
# the end of the front matter's closing line, the number of blank lines before the body.
Fingerprint = tuple[str, str, int]
# A file's modification time (ns), size and inode, when it was read.
Stamp = tuple[int, int, int]
# A file's absolute path and the path shown in its problems.
FileKey = tuple[str, str]

SETTLED_SECONDS = 2.0  # far coarser than any file system's timestamp granularity


def document_key(shown: str) -> Key:
    return ("document", shown)


def stored_digest(fingerprint: Fingerprint, body: str) -> bytes:
    """A digest of what load_document compares to reuse a parse: path, front matter, blank lines, body."""
    page_path, head, blanks = fingerprint
    return hashlib.sha1(f"{page_path}\0{blanks}\0{head}\0{body}".encode()).digest()


@dataclass(eq=False)
class ParseMemory:
    """What one process has parsed, kept by the caller from one load of a site to the next.

    `files`: registry and catalog files → (their bytes as read, the result, its problems).
    `documents`: Markdown files → (their fingerprint, the document, its problems).
    `stored`: what an earlier `disclose check` parsed, read from its cache file
    (parse_cache.py) → (stored_digest of the file's parts, the document without its body,
    its problems); used only where the digest of the file as read now is the same, and
    the keys used are noted in `stored_used` (the cache keeps their entries as they are).
    `seen`: previews only, see `unchanged`.
    """

    files: dict[Key, tuple[bytes, Parsed | None, Problems]] = field(default_factory=dict)
    documents: dict[Key, tuple[Fingerprint, Document, Problems]] = field(default_factory=dict)
    stored: dict[Key, tuple[bytes, Document, Problems]] = field(default_factory=dict)
    stored_used: set[Key] = field(default_factory=set)
    seen: dict[FileKey, tuple[Stamp, Document, Problems]] = field(default_factory=dict)

    def file(self, key: Key, text: bytes) -> tuple[Parsed | None, Problems] | None:
        """What a registry or catalog file parsed to when it had exactly this text, or None."""
        hit = self.files.get(key)
        if hit is not None and hit[0] == text:
            return hit[1], hit[2]
        return None

    def keep_file(self, key: Key, text: bytes, value: Parsed | None, problems: Problems) -> None:
        self.files[key] = (text, value, problems)

    def document(self, key: Key, fingerprint: Fingerprint, body: str) -> tuple[Document, Problems] | None:
        """The document parsed from the same front matter, blank lines and body, or None."""
        hit = self.documents.get(key)
        if hit is None and key in self.stored:  # `disclose check`'s parse cache (parse_cache.py)
            digest, stored, stored_problems = self.stored[key]
            if digest == stored_digest(fingerprint, body):
                # A copy with the body (stored without it: the file has it); the stored
                # document stays as it is, to be stored again as it is.
                doc = object.__new__(Document)
                doc.__dict__.update(stored.__dict__)
                doc.__dict__["body"] = body
                hit = self.documents[key] = (fingerprint, doc, stored_problems)
                self.stored_used.add(key)
        if hit is not None and hit[0] == fingerprint and hit[1].body == body:
            return hit[1], hit[2]
        return None

    def keep_document(self, key: Key, fingerprint: Fingerprint, doc: Document, problems: Problems) -> None:
        self.documents[key] = (fingerprint, doc, problems)

    def unchanged(self, file_key: FileKey, stamp: Stamp | None) -> tuple[Document, Problems] | None:
        """Previews only (`trust_unchanged`, used by `disclose serve`): the document of a file not written since.

        A file whose size, inode and modification time are those it had when this memory
        last read it, and that read came well after that modification, cannot have been
        written since — a later write moves the modification time past the read — so a
        preview rebuild need not read it again.  Builds that publish never rely on this:
        they compare the text itself (`document`).
        """
        seen = self.seen.pop(file_key, None)
        if seen is not None and stamp == seen[0]:
            self.seen[file_key] = seen
            return seen[1], seen[2]
        return None

    def keep_unchanged(
        self, file_key: FileKey, stamp: Stamp | None, read_at: float, doc: Document, problems: Problems
    ) -> None:
        """Note a document read at `read_at` from a file with `stamp`, if it had settled by then (see `unchanged`)."""
        if stamp is not None and read_at - stamp[0] / 1e9 > SETTLED_SECONDS:
            self.seen[file_key] = (stamp, doc, problems)
