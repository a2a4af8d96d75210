"""Curated figures of several corpora pooled into one table."""

from __future__ import annotations

import pandas as pd

from ..articles.corpora import Corpora
from ..articles.pooled import load_articles
from ..articles.snapshot import Snapshot, read_corpora
from .table import load_figures as load_one

__all__ = ["PROPOSALS_LEFT_OUT", "load_figures", "reviewed_unless"]

#: Key of ``figures.attrs``: how many unreviewed proposals :func:`load_figures` left out.
PROPOSALS_LEFT_OUT = "proposals_left_out"


def load_figures(corpora: Corpora | Snapshot = None, *, proposals: bool = False, jobs: int = 1) -> pd.DataFrame:
    """Every curated figure of the corpora as one tidy table (see :func:`coopanalysis.figures.table.load_figures`).

    Reviewed figures only, unless ``proposals``: then the extractor's proposals that nobody has
    reviewed yet come too, with ``reviewed`` False, and every report marks them as proposed.
    ``figures.attrs["proposals_left_out"]`` says how many were left out (0 with ``proposals``).
    ``jobs`` > 1 checks the rows in that many worker processes (same table as with one).

    Raises :class:`SeedError` listing every problem.
    """
    snapshot = read_corpora(corpora)  # each corpus's files read once, for the articles and the figures
    load_articles(snapshot)  # refuses article ids shared across the corpora
    return reviewed_unless(
        pd.concat([load_one(corpus, jobs) for corpus in snapshot.corpora], ignore_index=True), proposals
    )


def reviewed_unless(figures: pd.DataFrame, proposals: bool) -> pd.DataFrame:
    """The reviewed figures, or every figure with ``proposals``; ``attrs["proposals_left_out"]`` counts the rest."""
    left_out = 0 if proposals else int((~figures["reviewed"]).sum())
    if left_out:
        figures = figures[figures["reviewed"]].reset_index(drop=True)
    figures.attrs[PROPOSALS_LEFT_OUT] = left_out
    return figures
