"""Build the report outputs: the normalized tables under ``outputs/tables/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .corpus import Corpora, corpus_name, load_articles, resolve_corpora
from .datapackage import datapackage_json
from .figures import load_figures
from .indicators import compute_indicators, indicators_table, indicators_wide
from .measures import measures_table
from .merger import provinces_2025_view
from .panel import conflicts, figure_panel
from .reviews import REVIEW_COLUMNS, review_effort
from .series import series_across_articles
from .tables import write_csv, write_text

__all__ = ["build_tables", "pooled_reviews"]


def pooled_reviews(corpora: Corpora = None) -> pd.DataFrame:
    """The review effort of every corpus that has proposals, with a ``corpus`` column first."""
    frames = [review_effort(c).assign(corpus=corpus_name(c)) for c in resolve_corpora(corpora)
              if (c / "proposals.csv").is_file()]
    columns = ["corpus", *REVIEW_COLUMNS]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def build_tables(out: Path, figures: pd.DataFrame | None = None, indicators: pd.DataFrame | None = None,
                 corpora: Corpora = None, articles: pd.DataFrame | None = None) -> list[Path]:
    """Write the report tables under ``out/tables``; return their paths.

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
    ``figures`` and ``indicators`` are loaded and computed here unless the caller has them.
    """
    figures = (load_figures() if figures is None else figures).sort_values("figure_id", kind="stable")
    indicators = compute_indicators(figures) if indicators is None else indicators
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
    package = datapackage_json(tables, load_articles(corpora) if articles is None else articles)
    paths = []
    for name, table in tables.items():
        paths.append(out / "tables" / name)
        write_csv(table, paths[-1])
    paths.append(out / "tables" / "datapackage.json")
    write_text(paths[-1], package)
    return paths
