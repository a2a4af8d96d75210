"""Many quotes found in one pass: the same occurrences as a search per quote."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coopanalysis.figures.occurrences import occurrences, squash


def naive(text: str, quote: str) -> list[tuple[int, int]]:
    return [(i, i + len(quote)) for i in range(len(text) - len(quote) + 1) if quote and text.startswith(quote, i)]


@given(text=st.text(alphabet="ab 1,", max_size=60), quotes=st.lists(st.text(alphabet="ab 1,", max_size=5), max_size=8))
def test_occurrences_are_those_of_a_search_per_quote(text, quotes):
    assert occurrences(text, quotes) == [naive(text, quote) for quote in quotes]


def test_a_quote_longer_than_the_text_or_empty_occurs_nowhere():
    assert occurrences("12 members", ["", "12 members of the cooperative", "12"]) == [[], [], [(0, 2)]]


def test_squash_ignores_case_and_runs_of_space():
    assert squash("  Over\n 1,263   Billion ") == "over 1,263 billion"
