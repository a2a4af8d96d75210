"""Pause Python's cycle collector while a text is read: its passes over every object alive grow with the text."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cycle collector off, then turn it back on if it was on.

    Reading a text makes many small objects that live until it ends (a match, a mention, a row per
    number), few of them in cycles; each collection the allocations set off walks them all again,
    a third of the time of a megabyte of numbers. Memory is freed as ever by reference counting; the
    rare cycle is collected once the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
