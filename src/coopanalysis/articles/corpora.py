"""Corpora: folders of articles with their curated tables, named and found (loading is in ``pooled``).

A corpus is a folder in the layout of ``seeds/`` (``articles/``, ``articles.csv``,
``articles.sha256``, ``figures.csv``, ``corrections.csv``, ``non_statistics.csv``). ``seeds/`` is
the built-in one. Commands and functions take one or more corpora and pool them; article ids must
be unique across them. The default is ``seeds/`` alone; the report notebooks take theirs as the
declared parameter ``corpora``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeAlias

from ..base.paths import project_root, seeds_dir
from ..base.problems import Problem, SeedError

__all__ = ["TABLES", "Corpora", "corpus_name", "corpus_path", "default_corpora", "resolve_corpora"]

Corpora: TypeAlias = Path | str | Sequence[Path | str] | None
#: The tables of a corpus, beside its ``articles/`` (the optional ones may be absent).
TABLES = (
    "articles.csv",
    "articles.sha256",
    "figures.csv",
    "corrections.csv",
    "non_statistics.csv",
    "proposals.csv",
    "reviews.csv",
    "decisions.csv",
)


def corpus_name(corpus: Path) -> str:
    """How a corpus is named in tables and messages: its path relative to the project ("corpora/news")."""
    try:
        return corpus.resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return corpus.resolve().as_posix()  # a folder the user named outside the project


def default_corpora() -> list[Path]:
    """``seeds/``: the built-in corpus."""
    return [seeds_dir()]


def resolve_corpora(corpora: Corpora = None) -> list[Path]:
    """A list of corpus folders from one folder, several, or None or an empty list (the default).

    Relative folders are taken from the project's root, never from the current directory.
    Raises :class:`SeedError` for a folder that does not exist.
    """
    listed = [corpora] if isinstance(corpora, (str, Path)) else list(corpora or [])
    if not listed:
        return default_corpora()
    resolved = []
    for corpus in listed:
        path = Path(corpus)
        path = path if path.is_absolute() else project_root() / path
        if not (path / "articles.csv").is_file() and not path.is_dir():
            raise SeedError([Problem(str(corpus), 0, "no such corpus folder (a folder laid out like seeds/)")])
        resolved.append(path)
    return list(dict.fromkeys(resolved))


def corpus_path(name: str) -> Path:
    """The folder of a corpus from its name in a table (see :func:`corpus_name`)."""
    path = Path(name)
    return path if path.is_absolute() else project_root() / path
