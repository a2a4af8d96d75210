"""coopanalysis: figures on cooperatives from Vietnamese provincial news, parsed from verbatim quotes."""

from .across.merger import provinces_2025_view
from .across.panel import conflicts, figure_panel
from .articles.corpora import resolve_corpora
from .articles.pooled import load_articles
from .base.problems import SeedError
from .extract import extract_figures
from .figures.check import check_corpora, check_seeds
from .figures.coverage import check_coverage
from .figures.pooled import load_figures
from .figures.table import check_figures
from .indicators import (
                         INDICATORS,
                         IncompatibleFigures,
                         combine,
                         compute_indicators,
                         indicators_table,
                         indicators_wide,
                         plausibility_flags,
                         withheld_indicators,
)
from .indicators.series import series_across_articles
from .quantity.parse import Quantity, QuantityError, find_quantities, parse_quantity
from .reports.formatting import readable
from .review.effort import pooled_reviews, review_effort
from .vocab.measures import KINDS, measures, measures_table
from .vocab.periods import parse_period
from .vocab.provinces import lookup_province, provinces, provinces_2025

__all__ = [
    "INDICATORS",
    "IncompatibleFigures",
    "KINDS",
    "Quantity",
    "QuantityError",
    "SeedError",
    "check_corpora",
    "check_coverage",
    "check_seeds",
    "check_figures",
    "extract_figures",
    "figure_panel",
    "combine",
    "conflicts",
    "compute_indicators",
    "find_quantities",
    "indicators_table",
    "indicators_wide",
    "load_articles",
    "load_figures",
    "lookup_province",
    "measures",
    "measures_table",
    "parse_period",
    "parse_quantity",
    "plausibility_flags",
    "pooled_reviews",
    "provinces",
    "provinces_2025",
    "provinces_2025_view",
    "readable",
    "resolve_corpora",
    "review_effort",
    "series_across_articles",
    "withheld_indicators",
]
