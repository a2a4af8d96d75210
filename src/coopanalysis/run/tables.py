"""Build the report outputs: the normalized tables under ``outputs/tables/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..analysis.build import Analysis
from ..base.writers import write_csv, write_text
from ..indicators import indicators_table, indicators_wide
from ..vocab.measures import measures_table
from .datapackage import datapackage_json

__all__ = ["build_tables"]


def build_tables(out: Path, analysis: Analysis) -> dict[str, pd.DataFrame]:
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

    Every table but the definitions is the analysis's (computed once for the run), written as it is.
    """
    tables = {
        "figures.csv": analysis.figures.sort_values("figure_id", kind="stable"),
        "indicators.csv": analysis.indicators,
        "indicators_wide.csv": indicators_wide(analysis.indicators),
        "panel.csv": analysis.panel,
        "conflicts.csv": analysis.conflicts,
        "series.csv": analysis.series,
        "provinces_2025_view.csv": analysis.provinces_2025_view,
        "indicator_definitions.csv": indicators_table(),
        "measures.csv": measures_table(),
    }
    reviews = analysis.reviews
    if len(reviews):  # hand-curated corpora (seeds/) have no proposals to measure
        tables["reviews.csv"] = reviews
    package = datapackage_json(tables, analysis.articles)
    for name, table in tables.items():
        write_csv(table, out / "tables" / name)
    write_text(out / "tables" / "datapackage.json", package)
    return tables
