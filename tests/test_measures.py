"""The measure vocabulary and the unit rules that normalize parsed quantities."""

from __future__ import annotations

import math

import pytest

from coopanalysis import measures, measures_table, parse_quantity
from coopanalysis.quantity.normalize import normalize_quantity

REQUIRED = """cooperatives cooperative_groups cooperative_unions peoples_credit_funds members workers
new_cooperatives new_cooperative_groups suspended_cooperatives dissolved_cooperatives
avg_revenue_per_cooperative avg_revenue_per_cooperative_group avg_profit_per_cooperative
avg_income_per_worker total_revenue charter_capital loans_disbursed loan_projects loan_borrowers
outstanding_loans support_funding training_courses training_participants ocop_products other""".split()


def test_vocabulary_has_required_measures_with_unit_and_definition():
    vocabulary = measures()
    assert set(REQUIRED) <= set(vocabulary)
    table = measures_table()
    assert table["measure"].is_unique and (table["definition"] != "").all()
    assert set(table["unit_type"]) <= {"count", "money", "money_rate", "money_area", "area", "any"}
    assert (table.loc[table["unit_type"] != "any", "unit"] != "").all()


@pytest.mark.parametrize(
    "phrase,measure,kind,expected,unit",
    [
        ("VND 68 million/year", "avg_income_per_worker", "level", (68e6 / 12,) * 3, "VND/month"),
        ("4 to 8 million VND/person/month", "avg_income_per_worker", "level", (math.nan, 4e6, 8e6), "VND/month"),
        (
            "nearly 407 million VND/cooperative",
            "avg_revenue_per_cooperative",
            "level",
            (math.nan, math.nan, 407e6),
            "VND/year",
        ),
        ("1.5 million VND", "avg_income_per_worker", "change_abs", (1.5e6,) * 3, "VND/month"),
        ("double", "avg_revenue_per_cooperative", "change_pct", (100.0,) * 3, "%"),
        ("over 26%", "cooperatives_rated_good", "share_pct", (math.nan, 26.0, math.nan), "%"),
        ("45-50 per cent", "cooperatives_rated_good", "target_share_pct", (math.nan, 45.0, 50.0), "%"),
        ("27", "loan_projects", "level", (27.0,) * 3, "projects"),
    ],
)
def test_normalize(phrase, measure, kind, expected, unit):
    value, low, high, got_unit = normalize_quantity(parse_quantity(phrase), measures()[measure], kind)
    assert got_unit == unit
    for got, want in zip((value, low, high), expected):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)


@pytest.mark.parametrize(
    "phrase,measure,kind,message",
    [
        ("27", "loans_disbursed", "level", "expected an amount in VND, but the number reads as no unit"),
        ("9.45 billion VND", "loan_projects", "level", "expected a plain count of projects"),
        ("22.7%", "avg_revenue_per_cooperative", "level", "expected a money_rate quantity"),
        ("650", "cooperatives_rated_good", "share_pct", "expected a percentage for kind share_pct"),
        ("650", "cooperatives_rated_good", "target_share_pct", "expected a percentage for kind target_share_pct"),
        ("45-50 per cent", "cooperatives_rated_good", "target", "expected a count"),
        ("approximately 700,000 VND/sao", "avg_revenue_per_cooperative", "level", "expected an amount in VND/year"),
    ],
)
def test_normalize_refuses_units_that_do_not_fit(phrase, measure, kind, message):
    with pytest.raises(ValueError, match=message):
        normalize_quantity(parse_quantity(phrase), measures()[measure], kind)


@pytest.mark.parametrize(
    "quote,lang,monthly",
    [
        ("an average yearly income of\n54 million VND", "en", 54e6 / 12),
        ("thu nhập bình quân đạt 40 triệu đồng năm", "vi", 40e6 / 12),
        ("thu nhập hàng năm của thành viên đạt 36 triệu đồng", "vi", 36e6 / 12),
        ("members earn VND 60 million annually", "en", 60e6 / 12),
        ("a monthly income of VND 6 million", "en", 6e6),
        ("thu nhập bình quân đạt 40 triệu đồng năm 2023", "vi", 40e6),  # the year dates it: no rate is stated
    ],
)
def test_an_income_stated_per_year_apart_from_its_amount_is_divided_by_12(quote, lang, monthly):
    from coopanalysis.quantity.parse import find_quantities

    (match,) = [m for m in find_quantities(quote, lang) if m.quantity.unit == "VND"]
    value, _, _, unit = normalize_quantity(match.quantity, measures()["avg_income_per_worker"], "level")
    assert (value, unit) == (pytest.approx(monthly), "VND/month")
