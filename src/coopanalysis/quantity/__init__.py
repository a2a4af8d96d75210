"""Stated quantities: numerals in English and Vietnamese formats, their grammar, bounds and units."""

from .intervals import Interval, evaluate, ratio
from .normalize import normalize_quantity
from .parse import Quantity, QuantityError, QuantityMatch, find_quantities, parse_quantity

__all__ = [
    "Interval",
    "Quantity",
    "QuantityError",
    "QuantityMatch",
    "evaluate",
    "find_quantities",
    "normalize_quantity",
    "parse_quantity",
    "ratio",
]
