"""Validate corpora as ``coopanalysis check`` does: tables, article texts, every number."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..articles.commit import corpus_reading
from ..articles.corpora import Corpora, corpus_name, resolve_corpora
from ..articles.table import ARTICLE_COLUMNS, read_articles
from ..base.paths import seeds_dir
from ..base.problems import Problem, display_path
from ..base.readers import read_csv_rows
from .coverage import check_coverage
from .table import checked_figures

__all__ = ["check_corpora", "check_seeds"]


def check_seeds(seeds: Path | None = None, jobs: int = 1) -> tuple[pd.DataFrame, list[Problem]]:
    """Every problem a report run or a reader would trip on, each naming its file, line and fix.

    Returns the figures that passed and the sorted problems. When a table or an article cannot be
    read at all (a *blocking* problem), the numbers it would have accounted for are not listed as
    well: the one real cause is reported, not its hundreds of consequences. ``jobs`` > 1 checks the
    figure rows in that many worker processes (the same result).
    """
    seeds = seeds or seeds_dir()
    with corpus_reading(seeds):  # one state of the corpus: before a commit or after it
        return _check_seeds(seeds, jobs)


def _check_seeds(seeds: Path, jobs: int) -> tuple[pd.DataFrame, list[Problem]]:
    read = read_articles(seeds)  # each text read and hashed once, for every check below
    figures, problems, refused = checked_figures(seeds, read, jobs)
    if not any(p.blocking and p.file.endswith(".csv") for p in problems):
        # A refused row's numbers are its problem's, not numbers no row accounts for.
        uncovered, coverage_problems = check_coverage(figures, seeds, read, refused)
        problems += coverage_problems
        # Each name computed once, not per number: an article with thousands of open numbers stays linear.
        tables = (f"{display_path(seeds / 'figures.csv', seeds.parent)} or "
                  f"{display_path(seeds / 'non_statistics.csv', seeds.parent)}")
        files = {u.file: display_path(seeds / "articles" / u.file, seeds.parent) for u in uncovered}
        problems += [
            Problem(files[u.file], u.line, f"number {u.token!r} is neither a figure nor a non-statistic: add a row to "
                                           f"{tables} (…{u.context}…)")
            for u in uncovered
        ]
    return figures, sorted(set(problems))


def check_corpora(corpora: Corpora = None, jobs: int = 1) -> tuple[pd.DataFrame, list[Problem]]:
    """Every problem of every corpus (``coopanalysis check``), and the pooled figures that passed
    (``jobs``: as in :func:`check_seeds`)."""
    resolved = resolve_corpora(corpora)
    with corpus_reading(resolved):
        return _check_corpora(resolved, jobs)


def _check_corpora(corpora: list[Path], jobs: int) -> tuple[pd.DataFrame, list[Problem]]:
    frames, problems, seen = [], [], {}
    for corpus in corpora:
        figures, found = check_seeds(corpus, jobs)
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
    rows, _ = read_csv_rows(corpus / "articles.csv", ARTICLE_COLUMNS, [], corpus.parent)
    return [row["article_id"] for _, row in rows]
