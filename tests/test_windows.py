"""Patterns matched in bounded windows find what the plain search finds, and nothing longer than the reach."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from coopanalysis.base.windows import LOOKAHEAD, REACH, finditer_within, match_within

# Patterns of the kinds the rule tables hold: anchors, word boundaries, lookaheads, repetitions.
PATTERNS = [
    re.compile(p, re.IGNORECASE | re.MULTILINE)
    for p in (
        r"\b\d+(?:[/-]\d+){0,4}[/-](?:[a-z]{2,}|\d{4})\b",
        r"^[ \t]*\d{1,6}[ \t]*$",
        r"\b\d+(?! cooperatives)\b",
        r"(?<![\d,])\d{1,3}(?:,\d{3})+",
        r"\bcompared to\b",
        r"a+b",
    )
]


@given(
    st.lists(
        st.sampled_from(
            ["1", "-", "/", "2023", "nq", " ", "\n", "12", ",000", "cooperatives", "compared to", "a", "b"]
        ),
        max_size=80,
    ),
    st.integers(min_value=8, max_value=40),
)
def test_windows_find_what_a_plain_search_finds(tokens, reach):
    text = "".join(tokens)
    for pattern in PATTERNS:
        plain = [m.span() for m in pattern.finditer(text)]
        windowed = list(finditer_within(pattern, text, reach))
        # Each match found is the pattern's own match at that place, and fits the reach.
        assert all(pattern.match(text, m.start()).span() == m.span() and m.end() - m.start() <= reach for m in windowed)
        if all(end - start <= reach - LOOKAHEAD for start, end in plain):
            assert [m.span() for m in windowed] == plain, (pattern.pattern, text)


def test_a_match_longer_than_the_reach_is_not_taken():
    pattern = re.compile(r"a+b")
    assert match_within(pattern, "a" * 30 + "b", 0, reach=40) is not None
    assert match_within(pattern, "a" * 300 + "b", 0, reach=40) is None
    assert match_within(pattern, "a" * (REACH + 10) + "b", 0) is None
    assert [m.span() for m in finditer_within(pattern, "x" * 5000 + "aab")] == [(5000, 5003)]


def test_a_match_the_window_may_have_cut_is_not_taken():
    # Cut after "12", "\d+\b" would match "12" of "123": the window's edge is no word boundary.
    pattern = re.compile(r"\d+\b")
    text = "1" * 200
    assert match_within(pattern, text, 0, reach=50) is None
    assert match_within(pattern, text, 0) is not None  # the whole run fits the default reach
