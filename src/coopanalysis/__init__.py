"""coopanalysis: figures on cooperatives from Vietnamese provincial news, parsed from verbatim quotes."""

from .check import check_seeds
from .coverage import check_coverage
from .extract import extract_figures
from .corpus import check_corpora, load_articles, load_figures, resolve_corpora
from .figures import check_figures
from .indicators import INDICATORS, IncompatibleFigures, combine, compute_indicators, indicators_table, indicators_wide
from .measures import KINDS, measures, measures_table
from .periods import parse_period
from .problems import SeedError
from .provinces import lookup_province, provinces, provinces_2025
from .quantity import Quantity, QuantityError, find_quantities, parse_quantity

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
    "extract_figures",
    "check_figures",
    "combine",
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
    "provinces",
    "provinces_2025",
    "resolve_corpora",
]
