"""Curated figures of several corpora pooled into one table."""

from __future__ import annotations

import pandas as pd

from ..articles.corpora import Corpora, resolve_corpora
from ..articles.pooled import load_articles
from .table import load_figures as load_one

__all__ = ["load_figures"]


def load_figures(corpora: Corpora = None) -> pd.DataFrame:
    """Every curated figure of the corpora as one tidy table (see :func:`coopanalysis.figures.table.load_figures`).

    Raises :class:`SeedError` listing every problem.
    """
    resolved = resolve_corpora(corpora)
    load_articles(resolved)  # refuses article ids shared across the corpora
    return pd.concat([load_one(corpus) for corpus in resolved], ignore_index=True)
