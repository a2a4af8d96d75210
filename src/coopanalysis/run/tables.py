"""Build the report outputs: the normalized tables under ``outputs/tables/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..across.merger import provinces_2025_view
from ..across.panel import conflicts, figure_panel
from ..articles.corpora import Corpora
from ..base.writers import write_csv, write_text
from ..indicators import indicators_table, indicators_wide
from ..indicators.series import series_across_articles
from ..review.effort import pooled_reviews
from ..vocab.measures import measures_table
from .datapackage import datapackage_json

__all__ = ["build_tables"]


def build_tables(out: Path, figures: pd.DataFrame, indicators: pd.DataFrame, articles: pd.DataFrame,
                 corpora: Corpora = None) -> dict[str, pd.DataFrame]:
    """Write the report tables under ``out/tables``; return them by file name.

    * ``figures.csv``: every figure, loaded and normalized, sorted by ``figure_id``;
    * ``indicators.csv``: every indicator value with its inputs, formula and caveats;
    * ``indicators_wide.csv``: one row per province, latest period of each indicator;
    * ``panel.csv``: one row per statistic across articles, with the figures behind it;
    * ``conflicts.csv``: the figures of statistics that articles state differently;
    * ``series.csv``: changes between the dates of one statistic, beside the stated ones;
    * ``provinces_2025_view.csv``: provincial statistics by the 34 provinces after the merger;
    * ``reviews.csv``: the review effort per article, for corpora with proposals;
    * ``indicator_definitions.csv`` and ``measures.csv``: what each indicator and measure is;
    * ``datapackage.json``: the Frictionless data package of them all (every column described).

    Everything is computed before anything is written, so bad seeds leave ``out`` untouched.
    ``figures`` are those of ``corpora`` (loaded by the caller), ``indicators`` computed from them.
    """
    figures = figures.sort_values("figure_id", kind="stable")
    panel = figure_panel(figures)
    tables = {
        "figures.csv": figures,
        "indicators.csv": indicators,
        "indicators_wide.csv": indicators_wide(indicators),
        "panel.csv": panel,
        "conflicts.csv": conflicts(figures, panel),
        "series.csv": series_across_articles(panel, figures),
        "provinces_2025_view.csv": provinces_2025_view(panel),
        "indicator_definitions.csv": indicators_table(),
        "measures.csv": measures_table(),
    }
    reviews = pooled_reviews(corpora)
    if len(reviews):  # hand-curated corpora (seeds/) have no proposals to measure
        tables["reviews.csv"] = reviews
    package = datapackage_json(tables, articles)
    for name, table in tables.items():
        write_csv(table, out / "tables" / name)
    write_text(out / "tables" / "datapackage.json", package)
    return tables
