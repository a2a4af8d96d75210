"""Where an appended article goes: its corpus folder (created when new) and an id no other corpus has."""

from __future__ import annotations

import os
from pathlib import Path

from ..articles.commit import LOCK
from ..articles.corpora import corpus_name
from ..articles.journal import JOURNAL, PENDING
from ..articles.table import ARTICLE_COLUMNS
from ..base.paths import project_root, seeds_dir
from ..base.problems import OutputRefused
from ..base.readers import read_csv_rows

__all__ = ["corpora_used_with", "corpus_for_append", "ids_in_use", "remove_if_created", "unique_id"]


def corpus_for_append(corpus: Path) -> bool:
    """Make sure ``corpus`` can take an appended article; return True if this call created it.

    An existing corpus (it has ``articles.csv``) is used as it is; a folder that does not exist, or
    an empty one, becomes a new corpus (its tables are written with the article, all at once). A
    folder that holds only what a write to it left (its lock, staged files: a first append that was
    killed, or one that runs now) is a new corpus too: its lock then finishes or removes them.
    Anything else (``/``, a file, a folder of other things) is refused: :class:`OutputRefused`.
    """
    name = corpus_name(corpus)
    if (corpus / "articles.csv").is_file() or os.path.lexists(corpus / JOURNAL):  # a corpus, or one being committed
        return False
    if corpus.exists() and not corpus.is_dir():
        raise OutputRefused(f"--corpus {name}: is a file, not a corpus folder; give a corpus folder or a new one")
    if corpus.is_dir() and not _only_staged(corpus):
        raise OutputRefused(
            f"--corpus {name}: is not a corpus (it has no articles.csv) and is not empty; give a corpus "
            f"folder laid out like seeds/, or a new folder to create one"
        )
    created = not corpus.exists()
    try:
        corpus.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputRefused(
            f"--corpus {name}: cannot be created ({(error.strerror or str(error)).lower()}); "
            f"give a location you can write to"
        ) from None
    return created


def _only_staged(folder: Path, depth: int = 0) -> bool:
    """``folder`` holds nothing but a corpus write's own files (its lock, its journal, staged files)."""
    for entry in folder.iterdir():
        if entry.name in (LOCK, f"{JOURNAL}{PENDING}") or (entry.name.startswith(".") and entry.name.endswith(PENDING)):
            continue
        if (
            depth == 0
            and entry.name == "articles"
            and entry.is_dir()
            and not entry.is_symlink()
            and _only_staged(entry, 1)
        ):
            continue
        return False
    return True


def remove_if_created(corpus: Path, created: bool) -> None:
    """Undo :func:`corpus_for_append` after a refused append: only empty folders it made are removed."""
    if not created:
        return
    for folder in (corpus / "articles", corpus):
        try:
            folder.rmdir()  # only if empty: never what someone else put there
        except FileNotFoundError:
            continue
        except OSError:
            return


def corpora_used_with(corpus: Path) -> list[Path]:
    """The corpora that may be pooled with ``corpus``: itself, ``seeds/`` and every corpus under ``corpora/``."""
    candidates = [corpus, seeds_dir()]
    corpora = project_root() / "corpora"
    if corpora.is_dir():
        candidates += sorted(path for path in corpora.iterdir() if path.is_dir())
    return list(dict.fromkeys(Path(os.path.abspath(c)) for c in candidates))


def ids_in_use(corpus: Path) -> dict[str, str]:
    """Every article id of the corpora that may be used with ``corpus`` (each id -> its corpus)."""
    ids: dict[str, str] = {}
    for folder in corpora_used_with(corpus):
        if (folder / "articles.csv").is_file():
            rows, _ = read_csv_rows(folder / "articles.csv", ARTICLE_COLUMNS, [], folder.parent)
            for _, row in rows:
                ids.setdefault(row["article_id"], corpus_name(folder))
    return ids


def unique_id(base: str, taken: dict[str, str]) -> str:
    """``base``, or ``base-2``, ``base-3``... : the first that no corpus used with this one has."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
