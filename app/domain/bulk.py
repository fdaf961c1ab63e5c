"""Helpers for bulk work over many rows (imports of tens of thousands of members)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a bulk step builds many long-lived objects.

    A parsed sheet keeps every row alive, so the collector's full passes rescan an
    ever larger heap and found nothing to free; reference counting still frees
    everything short-lived. Nested and concurrent use is safe: the collector is
    switched back on only by the outermost caller that found it on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
