"""Readable formulas from data files: arithmetic on names only, evaluated at interval corners."""

from __future__ import annotations

import math

import pytest

from coopanalysis.indicators.formulas import FormulaError, formula


def test_arithmetic_on_names():
    f = formula("members / (cooperatives + cooperative_groups)")
    assert f.names == {"members", "cooperatives", "cooperative_groups"}
    assert f(members=900, cooperatives=10, cooperative_groups=20) == 30
    assert f(members=900, cooperatives=30) == 30  # an optional input left out counts as 0


def test_power_minus_and_limits():
    cagr = formula("((1 + change / 100) ^ (1 / years) - 1) * 100")
    assert cagr(change=21, years=2) == pytest.approx(10)
    assert formula("-a + 2")(a=5) == -3
    assert formula("a / b")(a=1, b=0) == math.inf  # the limit interval corners need


@pytest.mark.parametrize("text", ["__import__('os')", "a.b", "a if b else c", "[a]", "'x' + a", "a // b", "not a"])
def test_anything_but_arithmetic_is_refused(text):
    with pytest.raises(FormulaError):
        formula(text)


def test_the_formula_as_written_for_the_inputs_present():
    f = formula("members / (cooperatives + cooperative_groups + cooperative_unions)")
    assert f.without(["cooperative_groups"]) == "members / (cooperatives + cooperative_unions)"


def test_a_registry_formula_may_use_only_its_inputs():
    from coopanalysis.indicators import SERIES
    from coopanalysis.indicators.registry import _recipe

    spec = {"inputs": {"members": "members", "cooperatives": "cooperatives"}, "formula": "members / cooperatives"}
    assert _recipe(spec, "test").formula(members=650, cooperatives=13) == 50
    with pytest.raises(ValueError, match="uses years"):  # "years" only where the recipe spans years
        _recipe({**spec, "formula": "members / cooperatives / years"}, "test")
    with pytest.raises(ValueError, match="uses groups"):
        _recipe({**spec, "formula": "members / groups"}, "test")
    assert {s.name for s in SERIES} == {"series_change", "series_change_pct", "series_yearly_pct"}
