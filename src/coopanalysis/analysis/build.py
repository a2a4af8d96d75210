"""Reduce a snapshot of corpora, once, into every table the reports show: the analysis."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ..across.merger import provinces_2025_view
from ..across.panel import conflicts, figure_panel
from ..articles.snapshot import Snapshot
from ..base.problems import SeedError
from ..figures.check import check_snapshot
from ..figures.coverage import NON_STATISTIC_COLUMNS
from ..figures.pooled import PROPOSALS_LEFT_OUT, reviewed_unless
from ..indicators import compute_indicators, withheld_indicators
from ..indicators.series import series_across_articles
from ..review.effort import pooled_reviews

__all__ = ["TABLES", "Analysis", "analyse"]

#: The tables of an analysis, each the DataFrame of the public function named in the comment.
TABLES = (
    "figures",  # every figure that passed check, reviewed or not (load_figures(..., proposals=True))
    "articles",  # load_articles
    "panel",  # figure_panel
    "indicators",  # compute_indicators
    "withheld",  # withheld_indicators
    "series",  # series_across_articles
    "provinces_2025_view",  # provinces_2025_view
    "conflicts",  # conflicts
    "reviews",  # pooled_reviews
    "non_statistics",  # every corpus's non_statistics.csv, with its corpus
)


@dataclass
class Analysis:
    """The tables of :data:`TABLES` for some corpora, computed with or without the unreviewed proposals.

    ``figures`` is what :func:`coopanalysis.load_figures` returns for the same corpora and
    ``proposals``; ``every_figure`` has the proposals too. ``province``: set when the analysis
    holds only what a profile of that province reads (:func:`coopanalysis.analysis.parts.province_part`).
    """

    corpora: tuple[str, ...]
    proposals: bool
    tables: dict[str, pd.DataFrame]
    proposals_left_out: int
    provinces: tuple[str, ...]
    province: str | None = None
    digest: str = field(default="", compare=False)

    @cached_property
    def figures(self) -> pd.DataFrame:
        every = self.tables["figures"]
        shown = every if self.proposals else every[every["reviewed"]].reset_index(drop=True)
        shown.attrs[PROPOSALS_LEFT_OUT] = self.proposals_left_out
        return shown

    @cached_property
    def every_figure(self) -> pd.DataFrame:
        every = self.tables["figures"]
        every.attrs[PROPOSALS_LEFT_OUT] = 0
        return every

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"an analysis has no {name!r}; its tables: {', '.join(TABLES)}")


def analyse(snapshot: Snapshot, proposals: bool = False, jobs: int = 1) -> Analysis:
    """Check the snapshot (raising :class:`SeedError` with every problem, as ``check`` lists them)
    and compute every table from its figures. ``jobs``: worker processes for the figure checks."""
    checked = check_snapshot(snapshot, jobs)
    if checked.problems:
        raise SeedError(checked.problems)
    figures = reviewed_unless(checked.figures, proposals)
    panel = figure_panel(figures)
    tables = {
        "figures": checked.figures,
        "articles": checked.articles,
        "panel": panel,
        "indicators": compute_indicators(figures),
        "withheld": withheld_indicators(figures),
        "series": series_across_articles(panel, figures),
        "provinces_2025_view": provinces_2025_view(panel),
        "conflicts": conflicts(figures, panel),
        "reviews": pooled_reviews(snapshot),
        "non_statistics": _non_statistics(snapshot),
    }
    # The profiles: one per province since July 2025 (and the national reports) with a figure shown.
    provinces = tuple(sorted(set(figures["province_2025"])))
    return Analysis(tuple(snapshot.names), proposals, tables, figures.attrs[PROPOSALS_LEFT_OUT], provinces)


def _non_statistics(snapshot: Snapshot) -> pd.DataFrame:
    frames = []
    for corpus in snapshot.corpora:
        rows, _ = corpus.rows("non_statistics.csv", NON_STATISTIC_COLUMNS, NON_STATISTIC_COLUMNS)
        frames.append(pd.DataFrame([row for _, row in rows], columns=NON_STATISTIC_COLUMNS).assign(corpus=corpus.name))
    return pd.concat(frames, ignore_index=True).astype("str")
