"""Python's cycle collector, set for loading a big list.

A big load allocates millions of objects that live until it ends (what the loader remembers
of each enterprise, project and award, a child's cache of name keys) and that form no
reference cycles. With the default thresholds the collector walks them again and again for
nothing: for a million awards that was about 4 s of the loading process's 30 s, and 2.4 s of
the 7 s candidate links took. While a list loads, the collector runs after every 100,000 new
objects, on those alone; the older generations wait until the load is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

LOADING_THRESHOLDS = (100_000, 1_000, 1_000)


@contextmanager
def loading_collector() -> Iterator[None]:
    """Collect rarely, and only young objects, until the block ends; then as before."""
    previous = gc.get_threshold()
    gc.set_threshold(*LOADING_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
