"""Build the report outputs: the normalized tables under ``outputs/tables/``."""

from __future__ import annotations

from pathlib import Path

from .figures import load_figures
from .tables import write_csv

__all__ = ["build_tables"]


def build_tables(out: Path) -> list[Path]:
    """Write ``tables/figures.csv`` (the loaded, normalized figures) under ``out``; return the paths.

    Rows are sorted by ``figure_id`` so that the file only changes when the data does.
    """
    figures = load_figures().sort_values("figure_id", kind="stable")
    path = out / "tables" / "figures.csv"
    write_csv(figures, path)
    return [path]
