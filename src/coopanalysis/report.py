"""Build the report outputs: the normalized tables under ``outputs/tables/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .figures import load_figures
from .indicators import compute_indicators, indicators_table, indicators_wide
from .measures import measures_table
from .tables import write_csv

__all__ = ["build_tables"]


def build_tables(out: Path, figures: pd.DataFrame | None = None, indicators: pd.DataFrame | None = None) -> list[Path]:
    """Write the report tables under ``out/tables``; return their paths.

    * ``figures.csv``: every figure, loaded and normalized, sorted by ``figure_id``;
    * ``indicators.csv``: every indicator value with its inputs, formula and caveats;
    * ``indicators_wide.csv``: one row per province, latest period of each indicator;
    * ``indicator_definitions.csv`` and ``measures.csv``: what each column means.

    Everything is computed before anything is written, so bad seeds leave ``out`` untouched.
    ``figures`` and ``indicators`` are loaded and computed here unless the caller has them.
    """
    figures = (load_figures() if figures is None else figures).sort_values("figure_id", kind="stable")
    indicators = compute_indicators(figures) if indicators is None else indicators
    tables = {
        "figures.csv": figures,
        "indicators.csv": indicators,
        "indicators_wide.csv": indicators_wide(indicators),
        "indicator_definitions.csv": indicators_table(),
        "measures.csv": measures_table(),
    }
    paths = []
    for name, table in tables.items():
        paths.append(out / "tables" / name)
        write_csv(table, paths[-1])
    return paths
