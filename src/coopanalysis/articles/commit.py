"""Write a corpus all-or-nothing, one writer at a time, and read it whole: never between two states.

``extract --append`` changes several files of a corpus (the text, ``articles.csv``, the checksums,
``figures.csv``...). Under the corpus's lock (:data:`LOCK`, exclusive) each new content is written
beside its file as ``.<name>.pending`` and flushed to disk; then the journal
(:mod:`.journal`), naming them with proof of what each was staged against, is written and
renamed into place: that rename is the commit. The pending files are then renamed over their
files and the journal removed, with Ctrl-C and SIGTERM held until it is done. Readers (``check``,
a run, ``load_figures``) hold the same lock shared while they read (:func:`corpus_reading`), so
they see the corpus before a commit or after it. An interruption before the commit leaves the
corpus as it was; one after it leaves a journal; the next command that touches the corpus,
reader or writer, finishes it (or removes what an uncommitted one staged) and says so.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from pathlib import Path

from ..base.locks import exclusive, shared
from ..base.paths import PathEscape, inside
from ..base.problems import OutputRefused, Problem, SeedError, Terminated
from ..base.signals import held_signals
from .corpora import TABLES, corpus_name
from .journal import (
    JOURNAL,
    Entry,
    digest,
    finish,
    leftovers,
    pending_path,
    read_journal,
    sync_folder,
    target,
    write_journal,
    write_new,
)

__all__ = ["JOURNAL", "LOCK", "commit", "corpus_lock", "corpus_reading"]

#: Held exclusively while a command writes to the corpus, shared while one reads it.
LOCK = ".coopanalysis-lock"
#: The files of a corpus that commands read and write: none may be a symbolic link that leads out of it.
_OWN_FILES = (*TABLES, "sources.toml")
#: Corpora this context holds a lock on already (a reader inside a reader, or inside the writer).
_HELD: ContextVar[frozenset[Path]] = ContextVar("coopanalysis_corpora_held", default=frozenset())


@contextmanager
def corpus_lock(corpus: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the corpus's lock to write it; an earlier writer's interrupted commit is finished (or undone) first.

    ``waiting`` is called when another command holds the lock (by default a line on stderr says
    so). Raises :class:`SeedError` for a table that is a link leading outside the corpus, or a
    journal coopanalysis did not write; :class:`OutputRefused` for a lock that cannot be taken there.
    """
    with exclusive(corpus / LOCK, waiting or _waiting_line(corpus)), _holding(corpus):
        _refuse_links_out(corpus)
        _recover(corpus)
        yield


@contextmanager
def corpus_reading(corpora: Path | Iterable[Path], waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Read the corpora inside this block: no commit is made to any of them until it ends.

    Wrap every reading of a corpus's files in it (``check``, a run, ``load_figures`` do), so that
    what is read is one state of the corpus, before a commit or after it. An interrupted commit is
    finished first (or what it staged removed), and a line on stderr says so. Many readers read
    at once; a writer waits for them, and they for it (``waiting`` is called when one has to;
    by default a line on stderr says so). Nested use for the same corpus holds its lock once. A
    corpus in a place nobody can write to is read without a lock.
    """
    folders = [corpora] if isinstance(corpora, Path) else list(corpora)
    with ExitStack() as stack:
        for corpus in sorted(dict.fromkeys(Path(os.path.realpath(c)) for c in folders)):
            stack.enter_context(_reading(corpus, waiting or _waiting_line(corpus)))
        yield


@contextmanager
def _reading(corpus: Path, waiting: Callable[[], None]) -> Iterator[None]:
    if corpus in _HELD.get():
        yield
        return
    while True:
        with shared(corpus / LOCK, waiting) as locked:
            if not _interrupted(corpus):
                _refuse_links_out(corpus)
                with _holding(corpus):
                    yield
                return
            if not locked:
                raise OutputRefused(
                    f"{corpus_name(corpus)}/: a write to it was interrupted and this user cannot finish "
                    f"it; run the command as a user who can write there"
                )
        with corpus_lock(corpus, waiting):  # finishes it (saying so); then read it as it is
            pass


@contextmanager
def _holding(corpus: Path) -> Iterator[None]:
    token = _HELD.set(_HELD.get() | {Path(os.path.realpath(corpus))})
    try:
        yield
    finally:
        _HELD.reset(token)


def _waiting_line(corpus: Path) -> Callable[[], None]:
    return lambda: print(
        f"coopanalysis: waiting for a write to {corpus_name(corpus)}/ to finish", file=sys.stderr, flush=True
    )


def commit(corpus: Path, files: dict[str, bytes]) -> None:
    """Replace the ``files`` of ``corpus`` (names relative to it, such as ``articles/x.txt``) all at once.

    Call it holding :func:`corpus_lock`. Each file keeps its mode (a new one is 0644); a file that
    is a link inside the corpus stays a link (its target is replaced). A failure before the commit
    (a full disk, Ctrl-C) leaves every file as it was and raises (:class:`OutputRefused` for a
    write that failed or a file changed meanwhile by something that does not take the lock;
    :class:`SeedError` for a name that leads outside the corpus or is no regular file).
    """
    paths = {name: _writable(corpus, name) for name in files}
    staged: list[Path] = []
    try:
        entries = []
        for name, data in files.items():
            path = paths[name]
            pending = pending_path(path)
            staged.append(pending)
            write_new(pending, data, stat.S_IMODE(os.stat(path).st_mode) if path.exists() else 0o644)
            entries.append(Entry(name, hashlib.sha256(data).hexdigest(), digest(path)))
        staged.append(write_journal(corpus, entries))
        committed = False
        try:
            with held_signals():  # Ctrl-C and SIGTERM wait until the files are all in place
                changed = [e.name for e in entries if digest(paths[e.name]) != e.replaces]
                if changed:
                    raise OutputRefused(
                        f"{corpus_name(corpus)}/{changed[0]}: changed while this command wrote the corpus "
                        f"(by a program that does not take its lock); nothing was changed: run the "
                        f"command again"
                    )
                os.replace(staged[-1], corpus / JOURNAL)  # the commit: from here on the change is made whole
                sync_folder(corpus)
                staged = []  # what is staged now belongs to the commit: the next command finishes it if this one cannot
                finish(corpus, entries)
                committed = True
        except (KeyboardInterrupt, Terminated) as error:  # held during the commit, raised at its end
            if committed:
                error.add_note(
                    f"it came while {corpus_name(corpus)}/ was being committed, which was finished first: "
                    f"the write is complete"
                )
            raise
    except BaseException as error:
        for path in staged:
            path.unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, OutputRefused):
            raise _refused(corpus, error) from None
        raise


def _writable(corpus: Path, name: str) -> Path:
    """Where ``name`` is written: inside the corpus, a regular file or none yet."""
    where = f"{corpus_name(corpus)}/{name}"
    try:
        path = target(corpus, name)
    except PathEscape as error:
        raise SeedError([Problem(where, 0, f"{error}; nothing was changed")]) from None
    if (path.exists() and not path.is_file()) or (os.path.lexists(path) and not path.exists()):
        raise SeedError(
            [
                Problem(
                    where,
                    0,
                    "is not a regular file (a folder, a pipe or a broken link); nothing was "
                    "changed: put the file itself there",
                )
            ]
        )
    return path


def _refused(corpus: Path, error: OSError) -> OutputRefused:
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        reason, fix = "no space left on device", "free some space"
    elif error.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
        reason, fix = "a folder or a file stands where coopanalysis stages a file", "remove it"
    else:
        reason, fix = (error.strerror or str(error)).lower(), "give a corpus you can write to"
    return OutputRefused(
        f"{corpus_name(corpus)}: cannot be written ({reason}); nothing was changed: {fix}, then run the command again"
    )


def _refuse_links_out(corpus: Path) -> None:
    """Every table is in the corpus: a link that leads out of it is refused, by readers and writers alike."""
    problems = []
    for name in _OWN_FILES:
        try:
            inside(corpus, name, "table")
        except PathEscape as error:
            problems.append(Problem(f"{corpus_name(corpus)}/{name}", 0, f"{error}; put the table itself in the corpus"))
    if problems:
        raise SeedError(problems)


def _interrupted(corpus: Path) -> bool:
    return os.path.lexists(corpus / JOURNAL) or bool(leftovers(corpus))


def _recover(corpus: Path) -> None:
    """Finish a commit that was made but not ended; remove what an uncommitted one staged; say what was done."""
    notes = []
    if os.path.lexists(corpus / JOURNAL):
        notes += ["an append was interrupted after its commit step: finished it (its files are all in place now)"]
        notes += finish(corpus, read_journal(corpus))
    staged = leftovers(corpus)
    for path in staged:
        if not (path.is_symlink() or path.is_file()):
            raise SeedError(
                [
                    Problem(
                        f"{corpus_name(corpus)}/{path.relative_to(corpus).as_posix()}",
                        0,
                        "is not a file coopanalysis staged (a folder, or a pipe); remove it, then run "
                        "the command again",
                    )
                ]
            )
        path.unlink()
    if staged and not notes:
        notes.append(
            f"a write was interrupted before its commit step: removed the {len(staged)} file(s) it had "
            f"staged (the corpus is as it was before it)"
        )
    for note in notes:
        print(f"coopanalysis: {corpus_name(corpus)}/: {note}", file=sys.stderr, flush=True)
