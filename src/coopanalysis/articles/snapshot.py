"""A corpus's own files read once into memory and hashed: the one view of it that a command checks and uses.

:func:`read_corpus` is the only function that reads a corpus's files. It reads the tables
(:data:`TABLES`), the checksum list and the article files that ``articles.csv`` and
``articles.sha256`` name, nothing else: an unrelated file in the folder (a 1 GB dump, a FIFO, a
run's outputs) is never opened. Each file is read by :func:`~coopanalysis.base.readers.read_file`:
one that is not a regular file (a FIFO, a device, a socket, or a link to one) is refused without
being read, and one over its size limit before it is read. The files are read holding the
corpus's lock shared (:func:`~coopanalysis.articles.commit.corpus_reading`), so they are the
corpus before a commit or after it, never between, and an interrupted commit is finished first.
Everything downstream (``check``, the analysis, a run's key, its article pages) reads these bytes,
so a command sees one version of the corpus even while someone edits or appends to it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..base.paths import PathEscape, inside
from ..base.problems import Problem, display_path
from ..base.readers import MAX_ARTICLE_BYTES, MAX_TABLE_BYTES, Unread, decode_text, parse_csv_rows, read_file
from .commit import corpus_reading
from .corpora import TABLES, Corpora, corpus_name, resolve_corpora

__all__ = ["TABLES", "CorpusFiles", "Snapshot", "Unread", "read_corpora", "read_corpus", "snapshot"]


@dataclass(frozen=True)
class CorpusFiles:
    """One corpus as read at one moment: each own file's bytes (or why it was not read), by name within the folder."""

    folder: Path
    files: Mapping[str, bytes | Unread]
    #: Names of the regular ``*.txt`` files in ``articles/`` (each needs a checksum line); never read for this.
    listing: tuple[str, ...]
    #: Whether the corpus fetches its texts (``sources.toml``): what a missing text's message advises.
    fetched: bool
    #: SHA-256 over every own file's name and bytes (and why any is unread).
    digest: str

    @property
    def name(self) -> str:
        """The corpus as tables and messages name it ("corpora/news")."""
        return corpus_name(self.folder)

    def where(self, relative: str) -> str:
        """A file of the corpus as messages name it ("seeds/figures.csv")."""
        return display_path(self.folder / relative, self.folder.parent)

    def exists(self, relative: str) -> bool:
        stored = self.files.get(relative)
        return stored is not None and not (isinstance(stored, Unread) and stored.reason == "missing")

    def data(self, relative: str) -> bytes | None:
        stored = self.files.get(relative)
        return stored if isinstance(stored, bytes) else None

    def text(self, relative: str) -> tuple[str | None, list[Problem]]:
        """The file's UTF-8 text as stored, or ``None`` with the problem (as
        :func:`~coopanalysis.base.readers.read_text`)."""
        stored = self.files.get(relative, Unread("missing", "file not found"))
        if isinstance(stored, Unread):
            return None, [Problem(self.where(relative), 0, stored.message, blocking=True)]
        return decode_text(stored, self.where(relative))

    def rows(
        self, relative: str, columns: list[str], required: list[str], optional_file: bool = False
    ) -> tuple[list[tuple[int, dict]], list[Problem]]:
        """A table's ``(line, row)`` pairs and problems (as :func:`~coopanalysis.base.readers.read_csv_rows`)."""
        if optional_file and not self.exists(relative):
            return [], []
        return parse_csv_rows(self.text(relative), self.where(relative), columns, required)


@dataclass(frozen=True)
class Snapshot:
    """Corpora read together, in order, with one digest of them all."""

    corpora: tuple[CorpusFiles, ...]

    @property
    def digest(self) -> str:
        digest = hashlib.sha256()
        for corpus in self.corpora:
            digest.update(f"{corpus.name}\0{corpus.digest}\0".encode())
        return digest.hexdigest()

    @property
    def names(self) -> list[str]:
        return [corpus.name for corpus in self.corpora]


def snapshot(corpora: Iterable[Path]) -> Snapshot:
    """The corpora (resolved folders) read once each, all while none of them is being committed."""
    folders = list(corpora)
    with corpus_reading(folders):
        return Snapshot(tuple(read_corpus(folder) for folder in folders))


def read_corpus(folder: Path) -> CorpusFiles:
    """Read a corpus's own files once (see the module's description).

    A bad file raises nothing (it is :class:`Unread`: a problem for ``check``). Only taking the
    corpus's lock raises: :class:`~coopanalysis.base.problems.SeedError` for a table that is a link
    leading out of the corpus or a journal no commit wrote, and
    :class:`~coopanalysis.base.problems.OutputRefused` for an interrupted commit this user cannot finish.
    """
    with corpus_reading(folder):
        return _read_corpus(folder)


def _read_corpus(folder: Path) -> CorpusFiles:
    files: dict[str, bytes | Unread] = {}
    for table in TABLES:
        files[table] = read_file(folder / table, MAX_TABLE_BYTES)
    for name in dict.fromkeys(_article_names(files)):
        relative = f"articles/{name}"
        try:
            path = inside(folder / "articles", name, "article file")
        except PathEscape as error:
            files[relative] = Unread("escape", str(error))
            continue
        files[relative] = read_file(path, MAX_ARTICLE_BYTES)
    return CorpusFiles(
        folder, files, _listing(folder / "articles"), (folder / "sources.toml").is_file(), _digest(files)
    )


def _article_names(files: Mapping[str, bytes | Unread]) -> list[str]:
    """The article files the tables name: ``file`` of ``articles.csv``, then those of ``articles.sha256``,
    each read as the checks read it (a name is only ever used inside ``articles/``)."""
    names = []
    listing = files["articles.csv"]
    if isinstance(listing, bytes):
        rows, _ = parse_csv_rows(decode_text(listing, "articles.csv"), "articles.csv", ["file"], [])
        names += [row["file"] for _, row in rows]
    sums = files["articles.sha256"]
    text = decode_text(sums, "articles.sha256")[0] if isinstance(sums, bytes) else None
    names += [line.partition("  ")[2] for line in (text or "").splitlines()]
    return [name for name in names if name]


def _listing(articles: Path) -> tuple[str, ...]:
    """The regular ``*.txt`` files in ``articles/`` (names only: nothing is read)."""
    try:
        entries = sorted(os.scandir(articles), key=lambda entry: entry.name)
    except OSError:
        return ()
    return tuple(e.name for e in entries if e.name.endswith(".txt") and _is_regular(e))


def _is_regular(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()  # follows a link; a broken or looping one is reported where it is listed
    except OSError:
        return False


def _digest(files: Mapping[str, bytes | Unread]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        stored = files[name]
        mark = hashlib.sha256(stored).hexdigest() if isinstance(stored, bytes) else f"{stored.reason}: {stored.message}"
        digest.update(f"{name}\0{mark}\0".encode())
    return digest.hexdigest()


def read_corpora(corpora: Corpora | Snapshot = None) -> Snapshot:
    """The public functions' boundary: corpora as a caller names them (one folder, several, or None
    for ``seeds/``) resolved and read once; a snapshot already taken is used as it is."""
    return corpora if isinstance(corpora, Snapshot) else snapshot(resolve_corpora(corpora))
