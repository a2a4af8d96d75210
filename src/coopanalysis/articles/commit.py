"""Write a corpus all-or-nothing, one writer at a time: every changed file staged, then committed in one step.

``extract --append`` changes several files of a corpus (the text, ``articles.csv``, the checksums,
``figures.csv``...). Under the corpus's lock (:data:`LOCK`) each new content is written beside
its file as ``.<name>.pending`` and flushed to disk; then the journal (:data:`JOURNAL`), listing
them, is written and renamed into place: that rename is the commit. The pending files are then
renamed over their files and the journal removed. An interruption before the commit leaves the
corpus as it was (the next writer removes the pending files); one after it leaves a journal that
the next writer finishes. Concurrent writers wait for each other, so none loses the other's rows.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..base.locks import exclusive
from ..base.paths import inside
from ..base.problems import OutputRefused, display_path

__all__ = ["JOURNAL", "LOCK", "commit", "corpus_lock"]

#: Held while a command writes to the corpus.
LOCK = ".coopanalysis-lock"
#: The files a commit replaces, one per line: present only between the commit and its end.
JOURNAL = ".coopanalysis-commit"
_PENDING = ".pending"


@contextmanager
def corpus_lock(corpus: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the corpus's lock; an earlier writer's interrupted commit is finished (or undone) first."""
    with exclusive(corpus / LOCK, waiting):
        _recover(corpus)
        yield


def commit(corpus: Path, files: dict[str, bytes]) -> None:
    """Replace the ``files`` of ``corpus`` (names relative to it, such as ``articles/x.txt``) all at once.

    Call it holding :func:`corpus_lock`. A failure before the commit (a full disk, Ctrl-C) leaves
    every file as it was and raises (:class:`OutputRefused` for a write that failed).
    """
    staged: list[Path] = []
    try:
        for name, data in files.items():
            pending = _pending(inside(corpus, name, "corpus file"))
            staged.append(pending)
            _write_synced(pending, data)
        journal = corpus / f"{JOURNAL}{_PENDING}"
        staged.append(journal)
        _write_synced(journal, "".join(f"{name}\n" for name in files).encode("utf-8"))
        blocked = _block_interrupts()
        try:
            os.replace(journal, corpus / JOURNAL)  # the commit: from here on the change is made whole
            staged = []  # what is staged now belongs to the commit: the next writer finishes it if this one cannot
            _finish(corpus)
        finally:
            _unblock(blocked)
    except BaseException as error:
        for path in staged:
            path.unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, OutputRefused):
            raise OutputRefused(f"{display_path(corpus, corpus.parent)}: cannot be written "
                                f"({(error.strerror or str(error)).lower()}); nothing was changed: free some space "
                                f"or give a corpus you can write to, then run the command again") from None
        raise


def _pending(target: Path) -> Path:
    return target.with_name(f".{target.name}{_PENDING}")


def _write_synced(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(path, 0o644)


def _finish(corpus: Path) -> None:
    """Rename every pending file of the journal over its file, then drop the journal."""
    journal = corpus / JOURNAL
    for name in journal.read_text(encoding="utf-8").splitlines():
        pending = _pending(inside(corpus, name, "corpus file"))
        if pending.exists():
            os.replace(pending, pending.with_name(pending.name[1:-len(_PENDING)]))
    journal.unlink()


def _recover(corpus: Path) -> None:
    """Finish a commit that was made but not ended; remove what an uncommitted one staged."""
    if (corpus / JOURNAL).is_file():
        _finish(corpus)
    for folder in (corpus, corpus / "articles"):
        if folder.is_dir():
            for path in folder.glob(f".*{_PENDING}"):
                path.unlink(missing_ok=True)


def _block_interrupts() -> set:
    """Ctrl-C and SIGTERM wait while the renames run: they take microseconds and must not stop halfway."""
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _unblock(previous: set) -> None:
    signal.pthread_sigmask(signal.SIG_SETMASK, previous)
