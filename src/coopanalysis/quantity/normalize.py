"""Express a parsed quantity in the unit its measure and kind call for (VND/month, %, a plain count)."""

from __future__ import annotations

import math

from ..vocab.measures import Measure
from .parse import Quantity

__all__ = ["normalize_quantity"]

_MONEY_PERIOD_FACTORS = {("year", "month"): 1 / 12, ("month", "year"): 12}


def normalize_quantity(quantity: Quantity, measure: Measure, kind: str) -> tuple[float, float, float, str]:
    """Express a parsed quantity in the unit its measure and kind call for.

    Returns ``(value, low, high, unit)``. ``value`` is a point only: NaN for a bound ("over 650"
    is ``low`` 650, nothing more) or a range, so that a column of values never mixes bounds with
    points (``Quantity.value`` keeps the number as stated). Rules, in order:

    * Words of change ("a decrease of", "up") need a change kind; a decrease is negative.
    * ``share_pct`` and ``target_share_pct`` (a planned share) need a percentage; ``change_pct`` a percentage or a
      multiplier ("double" = x2 is a change of +100%).
    * Counts take the measure's unit ("cooperatives"); money must be in VND.
    * A money rate quoted per year for a per-month measure is divided by 12 (and the reverse
      multiplied); quoted with no time unit ("VND/cooperative", or a change "of 1.5 million VND"
      next to a monthly income) it is taken in the measure's own time unit.

    Raises
    ------
    ValueError
        When the quantity's unit cannot express the measure; the message says what was expected.
    """
    value, low, high, unit = _normalized(quantity, measure, kind)
    if math.isnan(low) or math.isnan(high):
        value = math.nan
    return value, low, high, unit


def _normalized(quantity: Quantity, measure: Measure, kind: str) -> tuple[float, float, float, str]:
    value, low, high = quantity.value, quantity.low, quantity.high
    if quantity.direction and kind not in ("change_pct", "change_abs"):
        raise ValueError(
            f"the wording states a change ({'a decrease' if quantity.direction == 'down' else 'an increase'}), "
            f"not a {kind}; use kind change_pct or change_abs, or shorten the quote"
        )
    if kind in ("share_pct", "target_share_pct"):
        _expect(quantity.unit == "%", quantity, f"a percentage for kind {kind}")
        return value, low, high, "%"
    if kind == "change_pct":
        if quantity.unit == "times":
            return (*_scaled(value, low, high, 100, offset=-1), "%")
        _expect(quantity.unit == "%", quantity, "a percentage or a multiplier ('double') for kind change_pct")
        return value, low, high, "%"
    _expect(quantity.unit not in ("%", "times"), quantity, f"a {measure.unit_type} quantity for measure {measure.name}")
    if measure.unit_type == "any":
        return value, low, high, quantity.unit or "count"
    if measure.unit_type == "count":
        _expect(quantity.unit == "", quantity, f"a plain count of {measure.unit}")
    elif measure.unit_type == "area":
        _expect(quantity.unit == "ha", quantity, "an area in hectares")
    elif measure.unit_type in ("money", "money_area"):
        _expect(quantity.unit == measure.unit, quantity, f"an amount in {measure.unit}")
    elif measure.unit_type == "money_rate":
        _expect(
            quantity.unit.startswith("VND") and "/sao" not in quantity.unit, quantity, f"an amount in {measure.unit}"
        )
        factor = _MONEY_PERIOD_FACTORS.get((quantity.per, measure.per), 1)
        return (*_scaled(value, low, high, factor), measure.unit)
    return value, low, high, measure.unit


def _scaled(value: float, low: float, high: float, factor: float, offset: float = 0) -> tuple[float, float, float]:
    # NaN (an open bound) stays NaN under scaling.
    value, low, high = ((x + offset) * factor if not math.isnan(x) else math.nan for x in (value, low, high))
    return value, low, high


def _expect(condition: bool, quantity: Quantity, what: str) -> None:
    if not condition:
        found = quantity.reported_unit or "no unit"
        raise ValueError(f"expected {what}, but the number reads as {found}")
