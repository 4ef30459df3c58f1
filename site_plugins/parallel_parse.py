"""A large site parsed by two processes (`check`): a forked child parses the catalogs and the later Markdown.

Parsing is most of a cold `check` (bench/RESULTS.md) and runs on one core; the child
sends its catalogs and documents back pickled (it shares nothing else), and the parent
takes them in file order, so problems are listed as a single process lists them.  A
region has as many catalog files as organizations (80,000), so the child takes them all
and the parent, which reads the registry, a share of the Markdown that leaves both
equally busy (`parent_share`).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from . import collector
from .model import Document, Problem
from .parse_memory import Fingerprint, Key, Parsed, ParseMemory, Problems, document_key

# A site this large is parsed by two processes when the caller allows it (`check`).
PARALLEL_FROM = 4000
# Files per frame the child sends.
FRAME_FILES = 500
# What a file costs, relative to parsing a Markdown file, as measured at 100,000 items with
# 80,000 organizations (bench/RESULTS.md): a catalog file (a few lines on a template, mostly:
# opening and reading it is most of it), an organization of the registry, unpickling a
# document the child sent.  With 1,263 organizations and 20,000 items that is a parent share
# of 0.48 (0.45 was quickest of 0.4–0.5 before the catalogs moved to the child).
CATALOG_COST = 0.9
REGISTRY_COST = 0.3
UNPICKLE_COST = 0.1

# One file's parse: (path under content/, the list its problems go to) → its document.
Parse = Callable[[str, list[Problem]], Document | None]
# The catalogs' parse in the child: (the list its problems go to) → what it read, in order.
ParseCatalogs = Callable[[list[Problem]], list[Any]]


def parent_share(markdown: int, catalogs: int, organizations: int) -> float:
    """The share of the Markdown files the parent parses so that both processes end together.

    Parent: its share of the Markdown, the registry, unpickling the child's documents.
    Child: the rest of the Markdown and every catalog.
    """
    if markdown == 0:
        return 1.0
    child_fixed = CATALOG_COST * catalogs - REGISTRY_COST * organizations
    share = (markdown * (1 - UNPICKLE_COST) + child_fixed) / (markdown * (2 - UNPICKLE_COST))
    return min(0.9, max(0.1, share))


class Forked:
    """The rest of a site's Markdown files, parsed by a forked process (see parse_in_a_second_process).

    The child appends its documents, pickled, a frame per FRAME_FILES files, to an unnamed
    temporary file as it goes (a pipe would make it wait whenever this process is busy);
    `join` unpickles the frames as they come once this process has parsed its own share.
    """

    def __init__(self, count: int, pid: int, fd: int) -> None:
        self.count, self.pid, self.fd = count, pid, fd  # count: files the parent parses
        self.offset = 0  # where the next frame starts

    def _frame(self, offset: int) -> bytes | None:
        """The frame at `offset`, once the child has written all of it; None after the last."""
        finished = None
        while True:
            head = os.pread(self.fd, 8, offset)
            if len(head) == 8:
                size = int.from_bytes(head, "big")
                frame = os.pread(self.fd, size, offset + 8)
                if len(frame) == size:
                    return frame
            if finished is not None:  # the child had ended before this read: nothing more comes
                if finished != 0 or len(head) != 0:
                    raise RuntimeError("the process parsing part of the content failed")
                return None
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                finished = status
            else:
                time.sleep(0.002)

    def catalogs(self, problems: list[Problem], memory: ParseMemory | None) -> list[Any]:
        """What the child's `parse_catalogs` read (its first frame), with its problems added."""
        import pickle

        frame = self._frame(self.offset)
        if frame is None:
            raise RuntimeError("the process parsing the catalogs sent nothing")
        self.offset += 8 + len(frame)
        with collector.paused():
            read, found, parsed = pickle.loads(frame)
        problems.extend(found)
        if memory is not None:
            memory.files.update(parsed)
        return list(read)

    def join(self, documents: list[Document], problems: list[Problem], memory: ParseMemory | None) -> None:
        """Add the child's documents and problems, in file order; what it parsed goes to `memory` too."""
        import pickle

        # A million new objects: the cycle collector would run over them again and again.
        try:
            with collector.paused():
                offset = self.offset
                while (frame := self._frame(offset)) is not None:
                    offset += 8 + len(frame)
                    results, parsed = pickle.loads(frame)
                    for doc, found in results:
                        problems.extend(found)
                        if doc is not None:
                            documents.append(doc)
                    if memory is not None:
                        memory.documents.update(parsed)
        finally:
            os.close(self.fd)


def parse_in_a_second_process(
    markdown: list[str],
    content_dir: str,
    parse: Parse,
    memory: ParseMemory | None,
    parse_catalogs: ParseCatalogs,
    catalogs: int,
    organizations: int,
) -> Forked | None:
    """Fork a process that parses the catalogs and the later part of `markdown`; None where that is not worth it.

    The child first runs `parse_catalogs` (`catalogs` files), then parses its Markdown;
    the parent parses `markdown[:forked.count]` itself (`organizations`: the registry it
    reads meanwhile, for the balance), takes the catalogs with `forked.catalogs`, then
    calls `forked.join`.  The child parses with its copy of `memory` and sends back the
    entries for its files, so the parent's memory ends as if it had parsed them itself.
    """
    if len(markdown) < PARALLEL_FROM or not hasattr(os, "fork") or (memory is not None and memory.stored):
        return None  # small, or the parse cache already holds the files (parse_cache.py)
    middle = int(len(markdown) * parent_share(len(markdown), catalogs, organizations))
    import tempfile

    with tempfile.TemporaryFile() as spool:
        fd = os.dup(spool.fileno())  # the parent reads with pread, the child appends: no shared offset moves
    pid = os.fork()
    if pid == 0:  # the child: parse, send, leave without running the parent's clean-up
        import pickle

        code = 1
        try:
            catalog_problems: list[Problem] = []
            read = parse_catalogs(catalog_problems)
            kept: dict[Key, tuple[bytes, Parsed | None, Problems]] = {}
            if memory is not None:
                kept = {key: value for key, value in memory.files.items() if key[0] == "load_catalog"}
            _send(fd, pickle.dumps((read, catalog_problems, kept), protocol=pickle.HIGHEST_PROTOCOL))
            rest = markdown[middle:]
            for start in range(0, len(rest), FRAME_FILES):
                results: list[tuple[Document | None, list[Problem]]] = []
                parsed: dict[Key, tuple[Fingerprint, Document, Problems]] = {}
                for rel in rest[start : start + FRAME_FILES]:
                    found: list[Problem] = []
                    results.append((parse(rel, found), found))
                    key = document_key(f"{content_dir}/{rel}")
                    if memory is not None and key in memory.documents:
                        parsed[key] = memory.documents[key]
                _send(fd, pickle.dumps((results, parsed), protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)
    return Forked(middle, pid, fd)


def _send(fd: int, frame: bytes) -> None:
    data = len(frame).to_bytes(8, "big") + frame
    while data:
        data = data[os.write(fd, data) :]


T = TypeVar("T")


class Aside(Generic[T]):
    """`work` started in a forked process (`in_a_second_process`); calling it waits for the result."""

    def __init__(self, work: Callable[[], T]) -> None:
        import tempfile

        self.work = work
        with tempfile.TemporaryFile() as spool:
            self.fd: int | None = os.dup(spool.fileno())
        self.pid: int | None = os.fork()
        if self.pid == 0:
            import pickle

            code = 1
            try:
                _send(self.fd, pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
                code = 0
            finally:
                os._exit(code)

    def __call__(self) -> T:
        import pickle

        if self.pid is None or self.fd is None:
            raise RuntimeError("the work set aside was cancelled")
        try:
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            if status == 0:
                size = int.from_bytes(os.pread(self.fd, 8, 0), "big")
                frame = os.pread(self.fd, size, 8)
                if len(frame) == size:
                    with collector.paused():
                        return pickle.loads(frame)  # type: ignore[no-any-return]
        finally:
            os.close(self.fd)
            self.fd = None
        return self.work()

    def cancel(self) -> None:
        """The child stopped (if it still runs) and gone: nothing it does happens after this."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def in_a_second_process(work: Callable[[], T]) -> Aside[T]:
    """Start `work` in a forked process; the object returned, called, waits for its result and returns it.

    For what runs after the load on a site this large (`rules.validate`'s rules across the
    whole site; a build's exports, beside its pages): the child shares what the parent held
    as the fork left it and sends back only its result, pickled.  Where the child fails (it
    was killed, its result does not pickle), the work is done again here: a second process
    only ever makes it quicker.  `cancel()` stops it instead (a build that failed).
    """
    return Aside(work)
