"""Interval arithmetic: results contain every point choice inside the input bounds."""

from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from coopanalysis.indicators import INDICATORS, Recipe
from coopanalysis.quantity.intervals import Interval, evaluate, ratio

SHAPES = ["point", "range", "at_least", "at_most", "about"]


@st.composite
def bounded(draw, low: float, high: float, floor: float) -> tuple[Interval, float]:
    """An interval of some shape and a point inside it (beyond the stated end for open bounds)."""
    shape = draw(st.sampled_from(SHAPES))
    a = draw(st.floats(low, high, allow_nan=False))
    b = draw(st.floats(a, high + (high - low), allow_nan=False))
    if shape in ("point", "about"):
        interval, lo, hi = Interval(a, a, a, floor), a, a
    elif shape == "range":
        interval, lo, hi = Interval(math.nan, a, b, floor), a, b
    elif shape == "at_least":
        interval, lo, hi = Interval(a, a, math.nan, floor), a, b * 10 + 1000
    else:
        interval, lo, hi = Interval(a, math.nan, a, floor), floor, a
    point = lo + draw(st.floats(0, 1)) * (hi - lo)
    return interval, point


def _domain(role_kind: str) -> tuple[float, float, float]:
    if role_kind == "change_pct":
        return -90.0, 300.0, -100.0
    return 1.0, 1e9, 0.0


def _generic(recipe: Recipe) -> bool:
    return all(role.kind != "change_abs" for role in recipe.roles)


RECIPES = [(i.name, r) for i in INDICATORS for r in i.recipes if _generic(r)]


@given(st.sampled_from(RECIPES), st.data(), st.floats(0.5, 20))
def test_interval_result_contains_any_point_choice(named_recipe, data, years):
    name, recipe = named_recipe
    compute = (lambda **kw: recipe.formula(years=years, **kw)) if recipe.growth_years else recipe.formula
    drawn = {role.name: data.draw(bounded(*_domain(role.kind)), label=role.name) for role in recipe.roles}
    result = evaluate(compute, **{n: i for n, (i, _) in drawn.items()})
    point = compute(**{n: p for n, (_, p) in drawn.items()})
    assume(math.isfinite(point))
    assert result.contains(point, tolerance=1e-7), (name, drawn, result, point)


@given(st.data(), st.floats(0.5, 20))
def test_growth_from_absolute_change_contains_any_point_choice(data, years):
    # change / (income - change) is monotone where 0 <= change < income: generate in that domain.
    change, change_point = data.draw(bounded(0.0, 1e6, 0.0), label="change")
    known_change = max(x for x in (change.low, change.high, change.value, change_point) if not math.isnan(x))
    income, income_point = data.draw(bounded(known_change * 2 + 1, known_change * 4 + 10, 0.0), label="income")
    assume(not math.isnan(income.low) and not math.isnan(change.high))
    for indicator in INDICATORS:
        for recipe in indicator.recipes:
            if not _generic(recipe):
                compute = (
                    (lambda r=recipe, **kw: r.formula(years=years, **kw)) if recipe.growth_years else recipe.formula
                )
                result = evaluate(compute, change=change, income=income)
                assert result.contains(compute(change=change_point, income=income_point), tolerance=1e-7)


def test_lower_bound_over_exact_is_lower_bound():
    result = evaluate(lambda a, b: ratio(a, b), a=Interval(800, 800, math.nan), b=Interval.point(30))
    assert (result.low, math.isnan(result.high)) == (800 / 30, True)


def test_open_bounds_stay_open_never_zero_or_infinite():
    result = evaluate(lambda a, b: ratio(a, b), a=Interval(800, 800, math.nan), b=Interval(30, 30, math.nan))
    assert result.value == 800 / 30 and math.isnan(result.low) and math.isnan(result.high)


def test_range_gives_no_single_value():
    result = evaluate(lambda a, b: ratio(a, b), a=Interval.point(257), b=Interval(math.nan, 200, 250))
    assert math.isnan(result.value) and (result.low, result.high) == (257 / 250, 257 / 200)
