"""coopanalysis: figures on cooperatives from Vietnamese provincial news, parsed from verbatim quotes.

Each name below loads its module when it is first used (``coopanalysis.load_figures``, or
``from coopanalysis import load_figures``), not when the package is imported: the command starts,
and answers Ctrl-C with one line, before pandas loads.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Where each public name is defined.
_WHERE = {
    "INDICATORS": ".indicators",
    "IncompatibleFigures": ".indicators",
    "KINDS": ".vocab.measures",
    "Quantity": ".quantity.parse",
    "QuantityError": ".quantity.parse",
    "SeedError": ".base.problems",
    "check_corpora": ".figures.check",
    "check_coverage": ".figures.coverage",
    "check_seeds": ".figures.check",
    "check_figures": ".figures.table",
    "extract_figures": ".extract",
    "figure_panel": ".across.panel",
    "combine": ".indicators",
    "conflicts": ".across.panel",
    "compute_indicators": ".indicators",
    "find_quantities": ".quantity.parse",
    "indicators_table": ".indicators",
    "indicators_wide": ".indicators",
    "load_analysis": ".analysis.inputs",
    "load_articles": ".articles.pooled",
    "load_figures": ".figures.pooled",
    "lookup_province": ".vocab.provinces",
    "measures": ".vocab.measures",
    "measures_table": ".vocab.measures",
    "parse_period": ".vocab.periods",
    "parse_quantity": ".quantity.parse",
    "plausibility_flags": ".indicators",
    "pooled_reviews": ".review.effort",
    "province_key": ".vocab.provinces",
    "provinces": ".vocab.provinces",
    "provinces_2025": ".vocab.provinces",
    "provinces_2025_view": ".across.merger",
    "province_rows": ".reports.place",
    "readable": ".reports.display",
    "resolve_corpora": ".articles.corpora",
    "review_effort": ".review.effort",
    "series": ".across.over_time",
    "series_across_articles": ".indicators.series",
    "withheld_indicators": ".indicators",
}

__all__ = list(_WHERE)


def __getattr__(name: str) -> Any:
    """A public name, its module imported when it is first asked for (PEP 562)."""
    if name not in _WHERE:
        raise AttributeError(f"module 'coopanalysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value  # asked for once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # type checkers and editors see the names where they are defined
    from .across.merger import provinces_2025_view
    from .across.over_time import series
    from .across.panel import conflicts, figure_panel
    from .analysis.inputs import load_analysis
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
    from .reports.display import readable
    from .reports.place import province_rows
    from .review.effort import pooled_reviews, review_effort
    from .vocab.measures import KINDS, measures, measures_table
    from .vocab.periods import parse_period
    from .vocab.provinces import lookup_province, province_key, provinces, provinces_2025
