"""The journal of a corpus commit: the files it replaces, each with proof of what it was staged against.

A commit stages each new content beside its file as ``.<name>.pending``, then writes the journal
(:data:`JOURNAL`, JSON) naming every file with the SHA-256 of its staged content and of the
content it replaces (none for a new file). Finishing a commit renames a pending file over its file
only if that file still holds what it was staged against: a file changed since (edited by hand
after an interrupted commit) is kept, and its stale pending file discarded, never renamed over it.
A journal that is not one coopanalysis wrote (a crafted name such as ``../../x``, a folder) is
refused with what to do, never followed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..base.paths import PathEscape, inside
from ..base.problems import Problem, SeedError, display_path
from ..base.readers import not_a_file, read_bytes

__all__ = [
    "JOURNAL",
    "PENDING",
    "Entry",
    "digest",
    "finish",
    "leftovers",
    "pending_path",
    "read_journal",
    "sync_folder",
    "target",
    "write_journal",
    "write_new",
]

#: Present only between a commit step and its end: the commit is the rename that puts it in place.
JOURNAL = ".coopanalysis-commit"
#: The suffix of a staged file (and of the journal before the commit).
PENDING = ".pending"
_FORMAT = "coopanalysis-commit/1"
_MAX_JOURNAL_BYTES = 1024 * 1024
_DIGEST = re.compile(r"[0-9a-f]{64}")
_OPEN_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Entry:
    """One file of a commit: its name in the corpus, the SHA-256 of its new content and of the one it replaces."""

    name: str
    staged: str
    replaces: str | None


def target(corpus: Path, name: str) -> Path:
    """The file ``name`` of ``corpus``, through any link inside the corpus (so that a link stays a link).

    Raises :class:`PathEscape` for a name or link that leads outside the corpus.
    """
    return inside(corpus, name, "corpus file").resolve()


def pending_path(path: Path) -> Path:
    """Where the new content of ``path`` is staged."""
    return path.with_name(f".{path.name}{PENDING}")


def digest(path: Path) -> str | None:
    """SHA-256 of a regular file's content (streamed); None when there is no file; "" for anything else."""
    try:
        if not_a_file(os.stat(path).st_mode):
            return ""
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except FileNotFoundError:
        return None


def write_new(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to the new file ``path`` (never through a link, never over a file) and flush it to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, _OPEN_NEW, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        os.fchmod(handle, mode)
        os.fsync(handle)
    finally:
        os.close(handle)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames in it) to disk, where the system allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:  # some file systems cannot sync a folder
        pass
    finally:
        os.close(handle)


def write_journal(corpus: Path, entries: list[Entry]) -> Path:
    """Write the journal of ``entries`` beside its place, flushed; return it (renaming it into place commits)."""
    path = corpus / f"{JOURNAL}{PENDING}"
    body = {"format": _FORMAT, "files": [{"name": e.name, "staged": e.staged, "replaces": e.replaces} for e in entries]}
    write_new(path, (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), 0o644)
    return path


def read_journal(corpus: Path) -> list[Entry]:
    """The entries of the corpus's journal; :class:`SeedError` (one line: what it is, what to do) for anything else."""
    path = corpus / JOURNAL
    name = display_path(path, corpus.parent)
    kind = "a symbolic link" if path.is_symlink() else not_a_file(os.lstat(path).st_mode)
    if kind:
        raise _not_ours(name, f"it is {kind}")
    data, problems = read_bytes(path, corpus.parent, _MAX_JOURNAL_BYTES)
    if data is None:
        raise SeedError(problems)
    try:
        body = json.loads(data.decode("utf-8"))
        if body.get("format") != _FORMAT:
            raise ValueError("not the journal's format")
        entries = [Entry(f["name"], f["staged"], f["replaces"]) for f in body["files"]]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise _not_ours(name, "it is not in the format of one") from None
    for entry in entries:
        if not (
            isinstance(entry.name, str)
            and isinstance(entry.staged, str)
            and _DIGEST.fullmatch(entry.staged)
            and (entry.replaces is None or (isinstance(entry.replaces, str) and _DIGEST.fullmatch(entry.replaces)))
        ):
            raise _not_ours(name, "it is not in the format of one")
        try:
            target(corpus, entry.name)
        except PathEscape:
            raise _not_ours(name, f"it names {entry.name!r}, outside the corpus") from None
        if any(part.startswith(".") for part in Path(entry.name).parts):
            raise _not_ours(name, f"it names {entry.name!r}, which no commit writes")
    return entries


def _not_ours(name: str, why: str) -> SeedError:
    return SeedError(
        [
            Problem(
                name,
                0,
                f"is not a commit journal coopanalysis wrote ({why}); nothing was done with it: "
                f"remove it, then run the command again",
            )
        ]
    )


def finish(corpus: Path, entries: list[Entry]) -> list[str]:
    """Put every staged file of ``entries`` in place, then drop the journal; what was discarded instead, said.

    A staged file goes in only over the content it was staged against (or where it is already
    in); any other is discarded and named. Running it again after an interruption is harmless.
    """
    notes, folders = [], {corpus}
    for entry in entries:
        path = target(corpus, entry.name)
        pending = pending_path(path)
        if not os.path.lexists(pending):
            continue  # put in place before the interruption
        folders.add(path.parent)
        current = digest(path)
        if digest(pending) != entry.staged:
            notes.append(f"the staged {entry.name} was not what the commit wrote: discarded")
            pending.unlink()
        elif current == entry.replaces:
            os.replace(pending, path)
        elif current == entry.staged:
            pending.unlink()
        else:
            notes.append(
                f"{entry.name} was changed after the commit was interrupted: kept as it is, and the version "
                f"the commit staged discarded (check the corpus)"
            )
            pending.unlink()
    for folder in folders:
        sync_folder(folder)
    (corpus / JOURNAL).unlink()
    sync_folder(corpus)
    return notes


def leftovers(corpus: Path) -> list[Path]:
    """Files an interrupted commit staged (and its journal before the commit): never part of the corpus."""
    found = []
    for folder in (corpus, corpus / "articles"):
        try:
            with os.scandir(folder) as entries:
                found += [Path(e.path) for e in entries if e.name.startswith(".") and e.name.endswith(PENDING)]
        except (FileNotFoundError, NotADirectoryError):
            continue
    return sorted(found)
