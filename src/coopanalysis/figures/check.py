"""Validate corpora as ``coopanalysis check`` does: tables, article texts, every number."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..articles.corpora import Corpora
from ..articles.snapshot import CorpusFiles, Snapshot, read_corpora
from ..articles.table import ARTICLE_COLUMNS, corpus_files, read_articles
from ..base.problems import Problem
from .coverage import check_coverage
from .table import FIGURES_SCHEMA, checked_figures

__all__ = ["Checked", "check_corpora", "check_seeds", "check_snapshot"]


@dataclass(frozen=True)
class Checked:
    """What checking a snapshot gives: every figure that passed (reviewed or not), the articles, their
    normalized texts by ``article_id``, and every problem (sorted)."""

    figures: pd.DataFrame
    articles: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def check_seeds(seeds: Path | CorpusFiles | None = None, jobs: int = 1) -> tuple[pd.DataFrame, list[Problem]]:
    """Every problem a report run or a reader would trip on in one corpus (default ``seeds/``), each
    naming its file, line and fix.

    Returns the figures that passed and the sorted problems. When a table or an article cannot be
    read at all (a *blocking* problem), the numbers it would have accounted for are not listed as
    well: the one real cause is reported, not its hundreds of consequences. ``jobs`` > 1 checks the
    figure rows in that many worker processes (the same result).
    """
    checked = _check_one(corpus_files(seeds), jobs)
    return checked.figures, checked.problems


def check_corpora(corpora: Corpora | Snapshot = None, jobs: int = 1) -> tuple[pd.DataFrame, list[Problem]]:
    """Every problem of every corpus (``coopanalysis check``), and the pooled figures that passed
    (``jobs``: as in :func:`check_seeds`)."""
    checked = check_snapshot(read_corpora(corpora), jobs)
    return checked.figures, checked.problems


def check_snapshot(snapshot: Snapshot, jobs: int = 1) -> Checked:
    """Check every corpus of a snapshot, and that no article id is in two of them."""
    figures, articles, problems = [], [], []
    texts: dict[str, str] = {}
    seen: dict[str, str] = {}
    for corpus in snapshot.corpora:
        checked = _check_one(corpus, jobs)
        figures.append(checked.figures)
        articles.append(checked.articles)
        texts.update(checked.texts)
        problems += checked.problems
        rows, _ = corpus.rows("articles.csv", ARTICLE_COLUMNS, [])
        for article_id in sorted({row["article_id"] for _, row in rows}):
            if article_id in seen:
                problems.append(
                    Problem(
                        corpus.where("articles.csv"),
                        0,
                        f"article_id {article_id!r} is also in {seen[article_id]}; "
                        f"article ids must be unique across the corpora used together",
                    )
                )
            seen.setdefault(article_id, corpus.name)
    pooled = pd.concat(figures, ignore_index=True) if figures else pd.DataFrame(columns=list(FIGURES_SCHEMA))
    return Checked(pooled, pd.concat(articles, ignore_index=True), texts, sorted(set(problems)))


def _check_one(files: CorpusFiles, jobs: int) -> Checked:
    read = read_articles(files)  # each text read and hashed once, for every check below
    figures, problems, refused = checked_figures(files, read, jobs)
    if not any(p.blocking and p.file.endswith(".csv") for p in problems):
        # A refused row's numbers are its problem's, not numbers no row accounts for.
        uncovered, coverage_problems = check_coverage(figures, files, read, refused)
        problems += coverage_problems
        # Each name computed once, not per number: an article with thousands of open numbers stays linear.
        tables = f"{files.where('figures.csv')} or {files.where('non_statistics.csv')}"
        names = {u.file: files.where(f"articles/{u.file}") for u in uncovered}
        problems += [
            Problem(
                names[u.file],
                u.line,
                f"number {u.token!r} is neither a figure nor a non-statistic: add a row to {tables} (…{u.context}…)",
            )
            for u in uncovered
        ]
    return Checked(figures, read.table, read.texts, sorted(set(problems)))
