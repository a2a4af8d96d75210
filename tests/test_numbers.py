"""Numerals in English and Vietnamese conventions, read where the grouping tells and flagged where not."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopanalysis.quantity.numbers import MAX_DIGITS, NumberError, read_numeral
from coopanalysis.quantity.parse import find_quantities


@pytest.mark.parametrize(
    "phrase,value,ambiguous",
    [
        ("1.000 cooperatives", 1000, True),  # Vietnamese grouping (a count), flagged
        ("VND 1.263,5 billion", 1263.5e9, False),  # dot groups, decimal comma: Vietnamese
        ("5,5 million", 5.5e6, False),  # decimal comma before one digit
        ("1\u00a0263 members", 1263, False),  # no-break space groups thousands
        ("1\u202f263\u202f500 VND", 1263500, False),  # narrow no-break space
        ("1.263.500 members", 1263500, False),  # several dot groups
        ("1,263.5 billion", 1263.5e9, False),  # English
        ("1,263 cooperatives", 1263, False),  # English grouping
        ("1.263 billion VND", 1.263e9, True),  # a decimal before a scale word, flagged
        ("12.500%", 12.5, True),  # a decimal before a percent sign, flagged
        ("0.500 ha", 0.5, False),  # a group never starts with 0: a decimal
        ("9.45 billion", 9.45e9, False),
    ],
)
def test_numerals_in_both_conventions(phrase, value, ambiguous):
    (match,) = find_quantities(phrase)
    assert match.quantity.value == pytest.approx(value, rel=1e-12)
    assert bool(match.quantity.ambiguity) == ambiguous, match.quantity.ambiguity


def test_the_flag_says_the_other_reading():
    (match,) = find_quantities("1.000 cooperatives")
    assert match.quantity.ambiguity == "'1.000' read as 1,000; it could also read 1 (a decimal point)"


@pytest.mark.parametrize("text", ["9" * (MAX_DIGITS + 1), "9" * 400, "1,000,000,000,000,000"])
def test_numerals_that_cannot_be_figures_are_refused(text):
    with pytest.raises(NumberError, match="more than 15 digits"):
        read_numeral(text)
    assert find_quantities(f"it has {text} members") == []


@given(st.integers(1000, 10**12))
def test_vietnamese_grouping_reads_back(number):
    dotted = f"{number:,}".replace(",", ".")  # one group ("1.234") reads as grouping too, flagged
    assert read_numeral(dotted).value == number


@given(st.integers(0, 999), st.integers(1, 99))
def test_decimal_commas_read_back(units, cents):
    text = f"{units},{cents}"
    assert read_numeral(text).value == Decimal(f"{units}.{cents}")


@given(st.integers(1000, 10**9), st.sampled_from(["\u00a0", "\u202f", "\u2009"]))
def test_space_grouping_reads_back(number, space):
    assert read_numeral(f"{number:,}".replace(",", space)).value == number
