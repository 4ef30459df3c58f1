"""A large site's Markdown parsed by two processes (`check`): a forked child parses the later part.

PyYAML's composer is most of a cold `check` (bench/RESULTS.md) and runs on one core; the
child sends its documents back pickled (it shares nothing else), and the parent takes
them in file order, so problems are listed as a single process lists them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from . import collector
from .model import Document, Problem
from .parse_memory import Fingerprint, Key, ParseMemory, Problems, document_key

# A site this large is parsed by two processes when the caller allows it (`check`).
PARALLEL_FROM = 4000
# Files per frame the child sends, and the parent's share of the files (it also reads the
# registry and catalogs, and unpickles the child's frames): 0.45 was quickest of 0.4–0.5.
FRAME_FILES = 500
PARENT_SHARE = 0.45

# One file's parse: (path under content/, the list its problems go to) → its document.
Parse = Callable[[str, list[Problem]], Document | None]


class Forked:
    """The rest of a site's Markdown files, parsed by a forked process (see parse_in_a_second_process).

    The child appends its documents, pickled, a frame per FRAME_FILES files, to an unnamed
    temporary file as it goes (a pipe would make it wait whenever this process is busy);
    `join` unpickles the frames as they come once this process has parsed its own share.
    """

    def __init__(self, count: int, pid: int, fd: int) -> None:
        self.count, self.pid, self.fd = count, pid, fd  # count: files the parent parses

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

    def join(self, documents: list[Document], problems: list[Problem], memory: ParseMemory | None) -> None:
        """Add the child's documents and problems, in file order; what it parsed goes to `memory` too."""
        import pickle

        # A million new objects: the cycle collector would run over them again and again.
        try:
            with collector.paused():
                offset = 0
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
    markdown: list[str], content_dir: str, parse: Parse, memory: ParseMemory | None
) -> Forked | None:
    """Fork a process that parses the later part of `markdown`; None where that is not worth it.

    The parent parses `markdown[:forked.count]` itself, then calls `forked.join`.  The
    child parses with its copy of `memory` and sends back the entries for its files, so
    the parent's memory ends as if it had parsed them itself.
    """
    if len(markdown) < PARALLEL_FROM or not hasattr(os, "fork") or (memory is not None and memory.stored):
        return None  # small, or the parse cache already holds the files (parse_cache.py)
    middle = int(len(markdown) * PARENT_SHARE)
    import tempfile

    with tempfile.TemporaryFile() as spool:
        fd = os.dup(spool.fileno())  # the parent reads with pread, the child appends: no shared offset moves
    pid = os.fork()
    if pid == 0:  # the child: parse, send, leave without running the parent's clean-up
        import pickle

        code = 1
        try:
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
                frame = pickle.dumps((results, parsed), protocol=pickle.HIGHEST_PROTOCOL)
                data = len(frame).to_bytes(8, "big") + frame
                while data:
                    data = data[os.write(fd, data) :]
            code = 0
        finally:
            os._exit(code)
    return Forked(middle, pid, fd)
