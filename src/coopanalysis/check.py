"""Validate a seeds directory as ``coopanalysis check`` does: tables, article texts, every number."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .coverage import check_coverage
from .figures import check_figures
from .paths import seeds_dir
from .problems import Problem, display_path

__all__ = ["check_seeds"]


def check_seeds(seeds: Path | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Every problem a report run or a reader would trip on, each naming its file, line and fix.

    Returns the figures that passed and the sorted problems. When a table or an article cannot be
    read at all (a *blocking* problem), the numbers it would have accounted for are not listed as
    well: the one real cause is reported, not its hundreds of consequences.
    """
    seeds = seeds or seeds_dir()
    figures, problems = check_figures(seeds)
    if not any(p.blocking and p.file.endswith(".csv") for p in problems):
        uncovered, coverage_problems = check_coverage(figures, seeds)
        problems += coverage_problems
        problems += [
            Problem(display_path(seeds / "articles" / u.file, seeds.parent), u.line,
                    f"number {u.token!r} is neither a figure nor a non-statistic: add a row to "
                    f"{display_path(seeds / 'figures.csv', seeds.parent)} or "
                    f"{display_path(seeds / 'non_statistics.csv', seeds.parent)} (…{u.context}…)")
            for u in uncovered
        ]
    return figures, sorted(set(problems))
