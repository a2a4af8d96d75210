"""coopanalysis: figures on cooperatives from Vietnamese provincial news, parsed from verbatim quotes."""

from .across.merger import provinces_2025_view
from .analysis.inputs import load_analysis
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
                         withheld_indicators,
)
from .indicators.series import series_across_articles
from .quantity.parse import Quantity, QuantityError, find_quantities, parse_quantity
from .reports.display import readable
from .reports.place import province_rows
from .review.effort import pooled_reviews, review_effort
from .vocab.measures import KINDS, measures, measures_table
from .vocab.periods import parse_period
from .vocab.provinces import lookup_province, province_key, provinces, provinces_2025

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
    "load_analysis",
    "load_articles",
    "load_figures",
    "lookup_province",
    "measures",
    "measures_table",
    "parse_period",
    "parse_quantity",
    "pooled_reviews",
    "province_key",
    "provinces",
    "provinces_2025",
    "provinces_2025_view",
    "province_rows",
    "readable",
    "resolve_corpora",
    "review_effort",
    "series_across_articles",
    "withheld_indicators",
]
