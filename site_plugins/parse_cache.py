"""What `disclose check` parsed last time, kept on disk so an unchanged file is not parsed again.

Why: at 20,000 items `check` spends most of its time in PyYAML (the C composer calls
back into Python for every node) and in turning fields into `Document`s — about 2 of its
3.5–5 s (bench/RESULTS.md).  An editor, and the pre-commit hook, run `check` again and
again on a working copy where few files changed.

What is kept: a `ParseMemory` (parse_memory.py), what one load of the site parsed: for
each file, what it was parsed from, the result and the problems it gave.  An entry is
used only for the very same text (load compares it), so an edited file is always parsed
afresh; the cache is also thrown away whenever the code that parses (the modules in
PARSING_MODULES), PyYAML or Python changes.

Where: outside the working copy (`~/.cache/disclose/`, or $DISCLOSE_CACHE_DIR), one file
per site folder — a commit cannot bring one in.  Only `check` (and the pre-commit hook
that runs it) reads it: builds that publish parse every file themselves.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import yaml

from . import (
    catalog_schema,
    collector,
    fields,
    frontmatter,
    guidance,
    i18n,
    load,
    model,
    parse_memory,
    schemas,
    walk,
    yamlpos,
)
from .model import Document, Problem
from .parse_memory import Key, ParseMemory, Problems, stored_digest

FORMAT = 4
# The code whose change changes what a file parses to (or how an entry is compared).
PARSING_MODULES = (yamlpos, fields, frontmatter, schemas, catalog_schema, guidance, walk, load, parse_memory, model)


def _code_version() -> str:
    """The parsing code's version and the language of the problems kept: a cache written in
    English is not read in Chinese, nor one of an older catalog."""
    return f"{_code_digest()} {i18n.language()}"


@functools.cache  # asked when the cache is read and again when it is written
def _code_digest() -> str:
    digest = hashlib.sha1(f"{FORMAT} {sys.version} {yaml.__version__}".encode())
    for module in PARSING_MODULES:
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(i18n.catalog_file().read_bytes())
    return digest.hexdigest()


def cache_folder() -> Path | None:
    """The user's cache folder of disclose (never inside a working copy), or None when caching
    is off (DISCLOSE_CACHE=off)."""
    if os.environ.get("DISCLOSE_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    return Path(
        os.environ.get("DISCLOSE_CACHE_DIR")
        or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "disclose")
    )


def cache_file(root: Path) -> Path | None:
    """The cache file of the site at `root`, or None when caching is off (DISCLOSE_CACHE=off)."""
    folder = cache_folder()
    if folder is None:
        return None
    name = hashlib.sha1(str(root.resolve()).encode("utf-8")).hexdigest()[:20]
    return folder / f"parsed-{name}.pickle"


class ParseCache:
    """`with ParseCache(root) as memory:` around `load_site(root, memory=memory)`; saves only when something changed.

    The memory it gives holds what the last check stored (`ParseMemory.stored`, and the
    registry and catalog files); on leaving, what the memory holds then is saved.
    Stored per Markdown file: a digest of what load compares before it reuses a parse
    (`parse_memory.stored_digest`), the document without its body (the file has it:
    leaving it out makes the cache a fifth of the size), and its problems.  Entries used
    from the cache are stored again as they were read.  Registry and catalog entries are
    stored as the memory keeps them (with their text).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = cache_file(root)
        self.memory = ParseMemory()
        # As read from the cache file: Markdown files (stored form) and the other files.
        self.documents: dict[Key, tuple[bytes, Document, Problems]] = {}
        self.others: dict[Key, tuple[bytes, object, Problems]] = {}

    def __enter__(self) -> ParseMemory:
        if self.path is None:
            return self.memory
        # Unpickling makes ~10^6 objects: without the cycle collector running over and
        # over meanwhile, it takes a third of the time (0.25 s instead of 0.76 s at 20,000).
        # freeze: they live as long as the check, later collections need not look at them.
        with collector.paused(freeze=True):
            try:
                with open(self.path, "rb") as stream:
                    version, documents, others = pickle.load(stream)
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
                return self.memory  # no cache yet, or unreadable: parse everything
        if version != _code_version() or not isinstance(documents, dict) or not isinstance(others, dict):
            return self.memory
        self.memory.stored.update(documents)
        self.memory.files.update(others)
        self.documents, self.others = documents, others
        return self.memory

    def __exit__(self, kind: object, *rest: object) -> None:
        memory = self.memory
        used = set(memory.stored_used)
        memory.stored.clear()
        memory.stored_used.clear()
        if self.path is None or kind is not None:
            return
        # What this run loaded is what the site has now: a document from the cache keeps
        # its stored entry; anything else was parsed in this run.
        documents: dict[Key, tuple[bytes, Document, tuple[Problem, ...]]] = {}
        others: dict[Key, tuple[bytes, object, Problems]] = {}
        fresh = False
        for key, value in memory.files.items():
            others[key] = value
            fresh = fresh or self.others.get(key) is not value
        for key, (fingerprint, doc, problems) in memory.documents.items():
            if key in used:
                documents[key] = self.documents[key]
            else:
                documents[key] = (stored_digest(fingerprint, doc.body), dataclasses.replace(doc, body=""), problems)
                fresh = True
        if not fresh and documents.keys() == self.documents.keys() and others.keys() == self.others.keys():
            return  # nothing was parsed anew and no file is gone
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".parsed-", dir=self.path.parent)
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((_code_version(), documents, others), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
            temporary = None
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            # A cache that cannot be written only makes the next check slower.
            if temporary is not None and os.path.exists(temporary):
                os.unlink(temporary)
