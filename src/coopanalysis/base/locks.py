"""One writer at a time: an exclusive lock on a file (``fcntl.flock``), released even by kill -9."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .problems import OutputRefused, display_path

__all__ = ["exclusive"]


@contextmanager
def exclusive(path: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if need be) for the ``with`` block.

    A second holder waits (``waiting`` is called once when it has to). The kernel releases the
    lock when its process ends, however it ends, so a killed writer never blocks the next one.
    The file is removed on release; a waiter that then holds a lock on the removed file notices
    (it is no longer the file at ``path``) and locks the new one, so two holders never overlap.
    Raises :class:`OutputRefused` when the lock file cannot be created (a read-only place).
    """
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise OutputRefused(f"{display_path(path, path.parent)}: cannot be created ({(error.strerror or '').lower()}); "
                                f"give a location you can write to") from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting()
                waiting = None
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            same = os.path.samestat(os.fstat(handle), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(handle)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(handle)
