"""Period labels: accepted forms, their dates, and clear errors."""

from __future__ import annotations

from datetime import date

import pytest

from coopanalysis import parse_period
from coopanalysis.vocab.periods import PeriodError


@pytest.mark.parametrize(
    "label,start,end",
    [
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("2021-2024", date(2021, 1, 1), date(2024, 12, 31)),
        ("2024-05", date(2024, 5, 1), date(2024, 5, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("H1 2023", date(2023, 1, 1), date(2023, 6, 30)),
        ("H2 2023", date(2023, 7, 1), date(2023, 12, 31)),
        ("Q3 2023", date(2023, 7, 1), date(2023, 9, 30)),
    ],
)
def test_accepted_forms(label, start, end):
    period = parse_period(label)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_years():
    assert parse_period("2023").years == pytest.approx(1, abs=0.01)
    assert parse_period("2021-2024").years == pytest.approx(4, abs=0.01)


@pytest.mark.parametrize("label", ["", "23", "2024/25", "2024-13", "H3 2023", "first half 2023"])
def test_rejected_forms_name_the_accepted_ones(label):
    with pytest.raises(PeriodError, match="YYYY, YYYY-YYYY, YYYY-MM"):
        parse_period(label)


def test_backwards_year_range_is_rejected():
    with pytest.raises(PeriodError, match="must run forwards"):
        parse_period("2025-2021")
