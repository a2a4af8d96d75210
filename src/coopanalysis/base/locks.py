"""Locks on a file (``fcntl.flock``): one writer at a time, or many readers; released even by kill -9.

``flock`` is POSIX (Linux, macOS). The lock file is opened without following a symbolic link
(``O_NOFOLLOW``) and only if it is a regular file: a link planted in its place never makes a
command create or lock a file elsewhere, and a pipe or a device there is refused, never opened.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .problems import OutputRefused, display_path
from .readers import not_a_file

__all__ = ["exclusive", "shared"]

_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
#: What an open of a path that is a symbolic link fails with, under O_NOFOLLOW (EMLINK on FreeBSD).
_LINK_ERRORS = {errno.ELOOP, errno.EMLINK}
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


@contextmanager
def exclusive(path: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if need be) for the ``with`` block.

    A second holder waits (``waiting`` is called once when it has to). The kernel releases the
    lock when its process ends, however it ends, so a killed writer never blocks the next one.
    The last holder removes the file; one that then holds a lock on the removed file notices (it
    is no longer the file at ``path``) and locks the new one, so two holders never overlap.
    Raises :class:`OutputRefused` when the lock file cannot be created (a read-only place) or is
    not a regular file.
    """
    handle = _hold(path, fcntl.LOCK_EX, waiting, read_only_ok=False)
    assert handle is not None  # read_only_ok=False: _hold raises rather than return None
    try:
        yield
    finally:
        _release(path, handle)


@contextmanager
def shared(path: Path, waiting: Callable[[], None] | None = None) -> Iterator[bool]:
    """Hold a shared lock on ``path`` for the ``with`` block: many holders at once, none while an
    :func:`exclusive` one holds it (``waiting`` as there).

    Yields False, holding nothing, where the lock file does not exist and cannot be created (a
    read-only place, where no one can write either); True otherwise.
    """
    handle = _hold(path, fcntl.LOCK_SH, waiting, read_only_ok=True)
    try:
        yield handle is not None
    finally:
        if handle is not None:
            _release(path, handle)


def _hold(path: Path, operation: int, waiting: Callable[[], None] | None, read_only_ok: bool) -> int | None:
    while True:
        handle = _open(path, read_only_ok)
        if handle is None:
            return None
        try:
            fcntl.flock(handle, operation | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting()
                waiting = None
            fcntl.flock(handle, operation)
        except BaseException:
            os.close(handle)
            raise
        try:
            same = os.path.samestat(os.fstat(handle), os.stat(path, follow_symlinks=False))
        except FileNotFoundError:
            same = False
        if same:
            return handle
        os.close(handle)  # the previous holder removed the file: lock the one at ``path`` now


def _open(path: Path, read_only_ok: bool) -> int | None:
    name = display_path(path, path.parent)
    try:
        kind = not_a_file(os.lstat(path).st_mode) if os.path.lexists(path) else None
        if os.path.islink(path):
            kind = "a symbolic link"
        if kind:
            raise _refused(name, kind)
        handle = os.open(path, _FLAGS | os.O_CREAT, 0o644)
    except OSError as error:
        if isinstance(error, OutputRefused):
            raise
        if error.errno in _LINK_ERRORS:
            raise _refused(name, "a symbolic link") from None
        if read_only_ok and error.errno in _READ_ONLY | {errno.ENOENT} and not os.path.lexists(path):
            return None  # nobody can write here
        if error.errno == errno.ENOENT and not read_only_ok and _made(path.parent):
            return _open(
                path, read_only_ok
            )  # the folder was removed meanwhile (a new corpus whose first write was undone)
        raise OutputRefused(
            f"{name}: cannot be created ({(error.strerror or str(error)).lower()}); give a location you can write to"
        ) from None
    kind = not_a_file(os.fstat(handle).st_mode)
    if kind:  # it was replaced between the check and the open
        os.close(handle)
        raise _refused(name, kind)
    return handle


def _made(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True)
    except OSError:
        return False
    return True


def _refused(name: str, kind: str) -> OutputRefused:
    return OutputRefused(
        f"{name}: is {kind}, not the lock file coopanalysis makes; remove it, then run the command again"
    )


def _release(path: Path, handle: int) -> None:
    """Unlock; the last holder (the one that can then lock it exclusively) removes the file."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path.unlink(missing_ok=True)
    except OSError:  # another holder (it removes the file), or a place this process cannot change
        pass
    finally:
        os.close(handle)
