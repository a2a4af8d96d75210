"""Interval arithmetic on arrays: :func:`coopanalysis.quantity.intervals.evaluate` for many figures at once.

Each input is four arrays (``value``, ``low``, ``high`` and the ``floor`` an open low end stands
for); the formula is evaluated once per corner of the inputs' box, on whole arrays, and the bounds
are chosen exactly as :func:`~coopanalysis.quantity.intervals.evaluate` chooses them one figure at
a time: the first least (greatest) corner in corner order, closed before open, a bound open when
its corner uses an open end or is infinite, both open when any corner is indeterminate.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Bounds", "evaluate_arrays"]


@dataclass(frozen=True)
class Bounds:
    """Figures' bounds as arrays; NaN ``low``/``high`` are open, ``floor`` is the least possible value."""

    value: np.ndarray
    low: np.ndarray
    high: np.ndarray
    floor: np.ndarray | float = 0.0

    def ends(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The two ends as (numbers, open), open ends replaced by the domain's limits."""
        low_open, high_open = np.isnan(self.low), np.isnan(self.high)
        floor = np.broadcast_to(np.asarray(self.floor, dtype="float64"), self.low.shape)
        return [(np.where(low_open, floor, self.low), low_open), (np.where(high_open, math.inf, self.high), high_open)]


def evaluate_arrays(formula, **inputs: Bounds) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(value, low, high)`` of ``formula`` (a :class:`~coopanalysis.indicators.formulas.Formula` or
    any callable taking keyword arrays) on each row of the inputs' arrays."""
    names = list(inputs)
    stated = {n: np.asarray(inputs[n].value, dtype="float64") for n in names}
    any_range = np.zeros(len(next(iter(stated.values()))), dtype=bool)
    for column in stated.values():
        any_range |= np.isnan(column)
    value = np.where(any_range, math.nan, _call(formula, stated))
    choices = itertools.product(*(inputs[n].ends() for n in names))
    low, low_open = high, high_open = _corner(formula, names, next(choices))
    indeterminate = np.isnan(low)
    for choice in choices:
        result, is_open = _corner(formula, names, choice)
        indeterminate = indeterminate | np.isnan(result)
        # Only a strictly better corner replaces the one kept: the first of equals stays, as min() and max() keep it.
        lower = (result < low) | ((result == low) & ~is_open & low_open)
        higher = (result > high) | ((result == high) & ~is_open & high_open)
        low, low_open = np.where(lower, result, low), np.where(lower, is_open, low_open)
        high, high_open = np.where(higher, result, high), np.where(higher, is_open, high_open)
    low = np.where(indeterminate | low_open | np.isinf(low), math.nan, low)
    high = np.where(indeterminate | high_open | np.isinf(high), math.nan, high)
    return value, low, high


def _corner(formula, names: list[str], choice: tuple) -> tuple[np.ndarray, np.ndarray]:
    """The formula at one corner of the inputs' box, and where that corner uses an open end."""
    result = _call(formula, {n: end for n, (end, _) in zip(names, choice)})
    is_open = np.zeros(result.shape, dtype=bool)
    for _, opened in choice:
        is_open = is_open | opened
    return result, is_open


def _call(formula, arrays: dict) -> np.ndarray:
    call = getattr(formula, "on_arrays", formula)
    with np.errstate(all="ignore"):
        return np.asarray(call(**arrays), dtype="float64")
