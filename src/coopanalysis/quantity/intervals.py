"""Interval arithmetic for stated figures: bounds from qualifiers and ranges flow through formulas.

An :class:`Interval` is a figure's ``value`` (the stated number; NaN for a range), ``low`` and
``high`` (NaN = open: "over 650" has no upper bound). :func:`evaluate` applies a formula that is
monotone in each argument (sums, products, ratios, growth rates over their domains) by
evaluating it at every corner of the input box. An open end enters as the limit of its domain
(0 or +inf for quantities that cannot be negative); a result bound reached only through such an
end stays open (NaN) rather than being reported as a made-up 0 or infinity.

"about 44,377 members / over 650 cooperatives" is therefore ``value = 68.3`` with an upper bound
of 68.3 and an open lower bound: more cooperatives can only mean fewer members each.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Interval", "evaluate", "ratio"]


@dataclass(frozen=True)
class Interval:
    """A stated quantity with bounds; NaN bounds are open, ``floor`` is the least possible value."""

    value: float
    low: float
    high: float
    floor: float = 0.0

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value, value)

    def contains(self, x: float, tolerance: float = 1e-9) -> bool:
        """True when ``x`` lies within the closed bounds (open bounds do not constrain)."""
        slack = tolerance * max(1.0, abs(x))
        return (math.isnan(self.low) or x >= self.low - slack) and (math.isnan(self.high) or x <= self.high + slack)

    def _ends(self) -> list[tuple[float, bool]]:
        """The two ends as (number, is_open), open ends replaced by the domain's limits."""
        low = (self.floor, True) if math.isnan(self.low) else (self.low, False)
        high = (math.inf, True) if math.isnan(self.high) else (self.high, False)
        return [low, high]


def evaluate(formula: Callable[..., float], **inputs: Interval) -> Interval:
    """Apply ``formula`` (keyword arguments named as ``inputs``) to intervals.

    The result's ``value`` is the formula at the stated values, or NaN when any input is a range
    (a range is never collapsed to one number). Its bounds are the least and greatest corner
    values; a bound is open when its corner uses an open input end or is infinite, and both are
    open when some corner is indeterminate (write formulas so that limits exist: ``1 / (1 - c/x)``
    rather than ``x / (x - c)``).
    """
    names = list(inputs)
    stated = [inputs[n].value for n in names]
    value = _safe(formula, dict(zip(names, stated))) if not any(math.isnan(v) for v in stated) else math.nan

    corners = []
    for choice in itertools.product(*(inputs[n]._ends() for n in names)):
        result = _safe(formula, {n: end for n, (end, _) in zip(names, choice)})
        if math.isnan(result):
            # An indeterminate corner (inf/inf, 0/0) could be anything: claim no bound at all.
            return Interval(value, math.nan, math.nan)
        corners.append((result, any(is_open for _, is_open in choice)))
    low, low_open = min(corners, key=lambda c: (c[0], c[1]))
    high, high_open = max(corners, key=lambda c: (c[0], not c[1]))
    return Interval(
        value,
        math.nan if low_open or math.isinf(low) else low,
        math.nan if high_open or math.isinf(high) else high,
    )


def ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator`` with the limits corners need: x/0 = inf for x > 0, 0/0 = NaN."""
    if denominator == 0:
        return math.inf if numerator > 0 else math.nan
    return numerator / denominator


def _safe(formula: Callable[..., float], arguments: dict[str, float]) -> float:
    """Evaluate one corner; an indeterminate corner (inf - inf, 0/0) is NaN."""
    try:
        return float(formula(**arguments))
    except (ZeroDivisionError, OverflowError, ValueError):
        return math.nan
