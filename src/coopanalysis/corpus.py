"""Corpora: folders of articles with their curated tables, used one at a time or pooled.

A corpus is a folder in the layout of ``seeds/`` (``articles/``, ``articles.csv``,
``articles.sha256``, ``figures.csv``, ``corrections.csv``, ``non_statistics.csv``). ``seeds/`` is
the built-in one. Commands and functions take one or more corpora and pool them; article ids must
be unique across them. The default is ``$COOPANALYSIS_CORPORA`` (folders separated by ``:``,
relative to the project) or, without it, ``seeds/`` alone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .problems import Problem, SeedError, display_path

__all__ = ["CORPORA_ENV", "check_corpora", "corpus_name", "corpus_path", "default_corpora", "load_articles",
           "load_figures", "resolve_corpora"]

#: Environment variable naming the corpora a notebook or command works on (separated by ``os.pathsep``).
CORPORA_ENV = "COOPANALYSIS_CORPORA"

Corpora = "Path | str | Sequence[Path | str] | None"


def corpus_name(corpus: Path) -> str:
    """How a corpus is named in tables and messages: its path relative to the project ("corpora/news")."""
    from .paths import project_root

    try:
        return corpus.resolve().relative_to(project_root().resolve()).as_posix()
    except ValueError:
        return corpus.resolve().as_posix()  # a folder the user named outside the project


def default_corpora() -> list[Path]:
    """``$COOPANALYSIS_CORPORA``, else ``seeds/``."""
    from .paths import seeds_dir

    configured = os.environ.get(CORPORA_ENV, "")
    return resolve_corpora([p for p in configured.split(os.pathsep) if p]) if configured else [seeds_dir()]


def resolve_corpora(corpora: Corpora = None) -> list[Path]:
    """A list of corpus folders from one folder, several, or None (the default).

    Relative folders are taken from the project's root, never from the current directory.
    Raises :class:`SeedError` for a folder that does not exist.
    """
    from .paths import project_root

    if corpora is None:
        return default_corpora()
    listed = [corpora] if isinstance(corpora, (str, Path)) else list(corpora)
    resolved = []
    for corpus in listed:
        path = Path(corpus)
        path = path if path.is_absolute() else project_root() / path
        if not (path / "articles.csv").is_file() and not path.is_dir():
            raise SeedError([Problem(str(corpus), 0, "no such corpus folder (a folder laid out like seeds/)")])
        resolved.append(path)
    return list(dict.fromkeys(resolved))


def check_corpora(corpora: Corpora = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Every problem of every corpus (``coopanalysis check``), and the pooled figures that passed."""
    from .check import check_seeds

    frames, problems, seen = [], [], {}
    for corpus in resolve_corpora(corpora):
        figures, found = check_seeds(corpus)
        problems += found
        frames.append(figures)
        for article_id in sorted(set(_article_ids(corpus))):
            if article_id in seen:
                problems.append(Problem(display_path(corpus / "articles.csv", corpus.parent), 0,
                                        f"article_id {article_id!r} is also in {seen[article_id]}; "
                                        f"article ids must be unique across the corpora used together"))
            seen.setdefault(article_id, corpus_name(corpus))
    return pd.concat(frames, ignore_index=True), sorted(set(problems))


def _article_ids(corpus: Path) -> list[str]:
    from .articles import ARTICLE_COLUMNS
    from .readers import read_csv_rows

    rows, _ = read_csv_rows(corpus / "articles.csv", ARTICLE_COLUMNS, [], corpus.parent)
    return [row["article_id"] for _, row in rows]


def load_articles(corpora: Corpora = None) -> pd.DataFrame:
    """Every article of the corpora, one row each, with the ``corpus`` it belongs to.

    Raises :class:`SeedError` listing every problem.
    """
    from .articles import load_articles as load_one

    frames = [load_one(corpus) for corpus in resolve_corpora(corpora)]
    _refuse_shared_ids(frames)
    return pd.concat(frames, ignore_index=True)


def load_figures(corpora: Corpora = None) -> pd.DataFrame:
    """Every curated figure of the corpora as one tidy table (see :func:`coopanalysis.figures.load_figures`).

    Raises :class:`SeedError` listing every problem.
    """
    from .figures import load_figures as load_one

    resolved = resolve_corpora(corpora)
    load_articles(resolved)  # refuses article ids shared across the corpora
    return pd.concat([load_one(corpus) for corpus in resolved], ignore_index=True)


def corpus_path(name: str) -> Path:
    """The folder of a corpus from its name in a table (see :func:`corpus_name`)."""
    from .paths import project_root

    path = Path(name)
    return path if path.is_absolute() else project_root() / path


def _refuse_shared_ids(frames: list[pd.DataFrame]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for frame in frames:
        for article_id, corpus in zip(frame["article_id"], frame["corpus"]):
            if article_id in seen and seen[article_id] != corpus:
                problems.append(Problem(f"{corpus}/articles.csv", 0, f"article_id {article_id!r} is also in "
                                        f"{seen[article_id]}; article ids must be unique across the corpora"))
            seen.setdefault(article_id, corpus)
    if problems:
        raise SeedError(problems)
