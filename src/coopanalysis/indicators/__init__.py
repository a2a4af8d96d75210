"""Indicators computed from comparable figures, with bounds, lineage and caveats.

The registry is data: ``data/indicators.toml`` gives every indicator a title, unit, description,
caveat and recipes, each with one readable formula that the package evaluates with interval
arithmetic (:mod:`coopanalysis.quantity.intervals`) at every corner of its inputs' bounds. Which figures
may be combined is :mod:`.pairing`; evaluation and lineage :mod:`.compute`; tables :mod:`.wide`;
values no article can mean :mod:`.plausibility` and the figures behind them :mod:`.flags`.
"""

from .compute import (
    INDICATOR_COLUMNS,
    WITHHELD_COLUMNS,
    IncompatibleFigures,
    combine,
    compute_indicators,
    indicator_values,
    interval_of,
    withheld_indicators,
)
from .flags import FLAG_COLUMNS, plausibility_flags
from .pairing import SAME_TIME_DAYS
from .registry import INDICATOR_BY_NAME, INDICATORS, SERIES, TOPICS, Indicator, Recipe, Role, Series
from .wide import indicators_table, indicators_wide

__all__ = [
    "FLAG_COLUMNS",
    "INDICATORS",
    "INDICATOR_BY_NAME",
    "INDICATOR_COLUMNS",
    "SAME_TIME_DAYS",
    "SERIES",
    "TOPICS",
    "WITHHELD_COLUMNS",
    "IncompatibleFigures",
    "Indicator",
    "Recipe",
    "Role",
    "Series",
    "combine",
    "compute_indicators",
    "indicator_values",
    "indicators_table",
    "indicators_wide",
    "interval_of",
    "plausibility_flags",
    "withheld_indicators",
]
