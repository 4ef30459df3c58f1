"""Pausing Python's cycle collector while a process makes millions of objects and no cycles.

Loading a region makes ~10^6 objects (documents, dates, strings) that live as long as the
process and form no garbage cycles to speak of; the cycle collector would only scan them
again and again (~10 % of a 20,000-item check).  A preview's rebuild is another such
stretch: the serving process holds the session's pages, navigation and model, and a full
collection that fell in the middle of a rebuild took up to 0.5 s of its 1.1–1.6 s at
5,000 items.  Every pause of the collector in the product is this context manager.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_later: list[threading.Timer] = []  # the collection a pause asked for afterwards, if not run yet


@contextmanager
def paused(*, freeze: bool = False, collect_after: float | None = None) -> Iterator[None]:
    """The cycle collector off while the block runs, and as it was before afterwards.

    `freeze`: what the block made is moved out of the collector's sight for good (it lives
    as long as the process: later collections need not look at it).  `collect_after`: one
    collection that many seconds after the block, on a timer (a preview: once the browser
    has reloaded); a new pause cancels a collection still waiting.
    """
    while _later:
        _later.pop().cancel()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
        if collect_after is not None:
            timer = threading.Timer(collect_after, gc.collect)
            timer.daemon = True
            _later.append(timer)
            timer.start()
