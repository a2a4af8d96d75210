"""coopanalysis: figures on cooperatives from Vietnamese provincial news, parsed from verbatim quotes."""

from .check import check_seeds
from .coverage import check_coverage
from .extract import extract_figures
from .corpus import check_corpora, load_articles, load_figures, resolve_corpora
from .figures import check_figures
from .formatting import readable
from .indicators import INDICATORS, IncompatibleFigures, combine, compute_indicators, indicators_table, indicators_wide
from .measures import KINDS, measures, measures_table
from .merger import provinces_2025_view
from .panel import conflicts, figure_panel
from .periods import parse_period
from .problems import SeedError
from .provinces import lookup_province, provinces, provinces_2025
from .quantity import Quantity, QuantityError, find_quantities, parse_quantity
from .reviews import pooled_reviews
from .reviews import review_effort
from .series import series_across_articles

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
    "pooled_reviews",
    "provinces",
    "provinces_2025",
    "provinces_2025_view",
    "readable",
    "resolve_corpora",
    "review_effort",
    "series_across_articles",
]
