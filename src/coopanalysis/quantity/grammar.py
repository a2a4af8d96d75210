"""The grammar of stated quantities: the words of ``data/quantity/*.csv`` and the pattern built from them.

Qualifiers, directions of change, scales, multipliers, currencies, units and denominators are
one row each, with an example that the tests parse; :mod:`coopanalysis.quantity.parse` reads matches
of :data:`QUANTITY_RE` into numbers with bounds.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from ..base.paths import DATA_DIR
from .numbers import numeral_pattern

__all__ = ["alternation", "CURRENCIES", "LOWER_SCALES", "DENOMINATORS", "DIRECTIONS_AFTER", "DIRECTIONS_BEFORE", "FLIPPED", "MULTIPLIERS", "COMPARISON_ONLY", "NOT_AFTER", "PERCENT_ONLY", "QUALIFIERS_AFTER", "QUALIFIERS_BEFORE", "QUANTITY_RE", "SCALES", "SINGLE_RE", "quantity_words"]


@cache
def quantity_words(table: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/quantity/<table>.csv`` (qualifiers, directions, scales, ...)."""
    with open(DATA_DIR / "quantity" / f"{table}.csv", newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def _words(table: str, key: str, value: str, **where: str) -> dict[str, str]:
    return {row[key].lower(): row[value] for row in quantity_words(table)
            if all(row[k] == v for k, v in where.items())}


QUALIFIERS_BEFORE = _words("qualifiers", "phrase", "qualifier", position="before")
QUALIFIERS_AFTER = _words("qualifiers", "phrase", "qualifier", position="after")
DIRECTIONS_BEFORE = _words("directions", "phrase", "direction", position="before")
DIRECTIONS_AFTER = _words("directions", "phrase", "direction", position="after")
PERCENT_ONLY = {row["phrase"].lower() for row in quantity_words("directions") if row["needs"] == "percent"}
# "80 more compared to 2018" states a change, "80 more cooperatives were set up" need not.
COMPARISON_ONLY = {row["phrase"].lower() for row in quantity_words("directions") if row["needs"] == "comparison"}
# "make up 62 percent", "set up 10 cooperatives": the word before cancels the direction.
NOT_AFTER = {row["phrase"].lower(): re.compile(rf"\b(?:{row['not_after']})\s+$", re.I)
              for row in quantity_words("directions") if row["not_after"]}
SCALES = {word: int(factor) for word, factor in _words("scales", "word", "factor").items()}
MULTIPLIERS = {word: int(factor) for word, factor in _words("multipliers", "word", "factor").items()}
CURRENCIES = _words("currencies", "spelling", "currency")
_UNITS = _words("units", "phrase", "unit")
DENOMINATORS = {row["word"].lower(): row for row in quantity_words("denominators")}
FLIPPED = {"more_than": "less_than", "less_than": "more_than", "at_least": "at_most", "at_most": "at_least"}


def alternation(words) -> str:
    """A regex alternative of ``words``, longest first, any run of spaces matching a space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# A numeral may touch a scale word, an area unit or a currency written in letters ("5million", "500.000đ").
_NUMBER = numeral_pattern(tuple(SCALES) + tuple(p for p, u in _UNITS.items() if u == "ha")
                          + tuple(c for c in CURRENCIES if c.isalpha()))
# A currency stands apart from letters; digits may touch it ("VND226.7", "500.000đ").
_CURRENCY = rf"(?<![^\W\d_]|\$)(?:{alternation(CURRENCIES)})(?![^\W\d_])"
_SCALE = rf"(?:{alternation(SCALES)})"
#: Scale words below a billion: the later parts of a compound numeral ("1 tỷ 816 triệu", "18 tỷ 066 triệu").
LOWER_SCALES = {word: factor for word, factor in SCALES.items() if factor < 10 ** 9}
_LOWER_SCALE = rf"(?:{alternation(LOWER_SCALES)})"
# Words that open a range ("từ 3-8 hộ", "từ 3 đến 8 hộ"; a single number may follow: "từ 50 trở lên")
# and that join its ends ("4 to 8 million", "3 đến 8 hộ").
_FROM = r"\btừ\s+"
_RANGE_WORDS = r"\s+(?:to|đến|tới)\s+"
# A rate's "per": "/năm", "per year", "mỗi tháng", "một tháng", "a year".
_PER = r"\s*/\s*|\s+(?:per|mỗi|một)\s+|\s+an?\s+(?=year|month|day|week)"
_PERCENT = alternation(p for p, u in _UNITS.items() if u == "%")
_AREA = alternation(p for p, u in _UNITS.items() if u == "ha")
_TIMES = alternation(p for p, u in _UNITS.items() if u == "times")
_COMPARISON = r"(?=\s+(?:than|compared|over|from|against|year-on-year|on\s+the\s+same)\b)"

_QUANTITY_PATTERN = rf"""
    (?:(?:\b(?:an?|the)\s+)?(?P<dir>\b(?:{alternation(DIRECTIONS_BEFORE)}))\s+)?
    (?:(?P<qual>\b(?:{alternation(QUALIFIERS_BEFORE)}))\s+(?:(?P=qual)\s+)?)?
    (?P<between>\bbetween\s+)?(?P<from_>{_FROM})?
    (?:(?P<cur1>{_CURRENCY})\s*)?
    (?:
        (?P<mult>\b(?:{alternation(MULTIPLIERS)})\b)
      |
        (?P<sign>(?<![\w.,)\]%-])[-\u2212](?=\d))?
        (?P<num1>{_NUMBER})
        (?:\s*(?P<scale1>{_SCALE})\b(?P<compound>(?:\s+\d{{1,3}}\s*{_LOWER_SCALE}\b){{1,2}})?)?
        (?P<fraction>\s*/\s*\d+(?=\s+[^\W\d_]))?
        (?:
            (?P<sep>(?(between)\s+and\s+|(?(dir)\s*[-–]\s*|(?:\s*[-–]\s*|{_RANGE_WORDS}))))
            (?:{_CURRENCY}\s*)?
            (?P<num2>{_NUMBER})
            (?:\s*(?P<scale2>{_SCALE})\b)?
        ){{RANGE}}
        (?P<pct>\s*(?:%|\b(?:{_PERCENT})\b))?
        (?P<times>\s*-?\s*(?:{_TIMES})\b)?
        (?:\s*(?P<cur2>{_CURRENCY}))?
        (?P<conversion>\s*\(\s*(?:about\s+|around\s+|nearly\s+|over\s+)?(?:US\$|\$|USD)[^()\n]{{0,40}}\))?
        (?P<area>\s*(?:{_AREA})\b)?
        (?P<rate>(?:(?:{_PER})(?:{alternation(DENOMINATORS)})\b){{1,3}})?
        (?P<qual_after>\s+(?:{alternation(QUALIFIERS_AFTER)})\b)?
        (?P<dir_after>\s+(?:(?:{alternation(set(DIRECTIONS_AFTER) - COMPARISON_ONLY)})\b
                            |(?:{alternation(COMPARISON_ONLY)}){_COMPARISON}))?
    )
    """
QUANTITY_RE = re.compile(_QUANTITY_PATTERN.replace("{RANGE}", "?"), re.VERBOSE | re.IGNORECASE)
# The same without ranges: the fallback when a would-be range is not one ("2025-2020").
SINGLE_RE = re.compile(_QUANTITY_PATTERN.replace("{RANGE}", "{0}"), re.VERBOSE | re.IGNORECASE)
