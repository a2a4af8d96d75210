"""The grammar of stated quantities: the words of ``data/quantity/*.csv`` and the pattern built from them.

Qualifiers, directions of change, scales, multipliers, currencies, units and denominators are
one row each, with an example that the tests parse; :mod:`coopanalysis.quantity.parse` reads matches
of :data:`QUANTITY_RE` into numbers with bounds.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache

from ..base.paths import DATA_DIR
from .numbers import numeral_pattern

__all__ = [
    "COMPARISON_ONLY",
    "CURRENCIES",
    "DENOMINATORS",
    "DIRECTIONS_AFTER",
    "DIRECTIONS_BEFORE",
    "FLIPPED",
    "LEVEL_CONNECTORS",
    "LOWER_SCALES",
    "MULTIPLIERS",
    "NOT_AFTER",
    "OTHER_UNITS",
    "PERCENT_ONLY",
    "QUALIFIERS_AFTER",
    "QUALIFIERS_BEFORE",
    "QUANTITY_RE",
    "SCALES",
    "SINGLE_RE",
    "alternation",
    "quantity_words",
    "unmarked",
]


@cache
def quantity_words(table: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/quantity/<table>.csv`` (qualifiers, directions, scales, ...)."""
    with open(DATA_DIR / "quantity" / f"{table}.csv", newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def unmarked(phrase: str) -> str:
    """A phrase as a text typed without diacritics writes it: "tỷ đồng" -> "ty dong"."""
    decomposed = unicodedata.normalize("NFD", phrase.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spellings(table: str, key: str, **where: str) -> dict[str, dict[str, str]]:
    """Each phrase of a table (lower case) with its row; a Vietnamese phrase also as written without its
    marks ("ty dong", "giam", "hon": headlines, SMS-style and older sites write so), where that is
    no single letter ("đ" would read the "3D" of an English text as money). A phrase as written wins."""
    rows = [row for row in quantity_words(table) if all(row[k] == v for k, v in where.items())]
    plain = {unmarked(row[key].lower()): row for row in rows if row.get("lang") == "vi"}
    return {p: row for p, row in plain.items() if len(p) > 1} | {row[key].lower(): row for row in rows}


def _words(table: str, key: str, value: str, **where: str) -> dict[str, str]:
    return {phrase: row[value] for phrase, row in _spellings(table, key, **where).items()}


QUALIFIERS_BEFORE = _words("qualifiers", "phrase", "qualifier", position="before")
QUALIFIERS_AFTER = _words("qualifiers", "phrase", "qualifier", position="after")
DIRECTIONS_BEFORE = _words("directions", "phrase", "direction", position="before")
DIRECTIONS_AFTER = _words("directions", "phrase", "direction", position="after")
PERCENT_ONLY = {row["phrase"].lower() for row in quantity_words("directions") if row["needs"] == "percent"}
# "80 more compared to 2018" states a change, "80 more cooperatives were set up" need not.
COMPARISON_ONLY = {row["phrase"].lower() for row in quantity_words("directions") if row["needs"] == "comparison"}
# "make up 62 percent", "set up 10 cooperatives": the word before cancels the direction.
NOT_AFTER = {
    row["phrase"].lower(): re.compile(rf"\b(?:{row['not_after']})\s+$", re.I)
    for row in quantity_words("directions")
    if row["not_after"]
}
SCALES = {word: int(factor) for word, factor in _words("scales", "word", "factor").items()}
MULTIPLIERS = {word: int(factor) for word, factor in _words("multipliers", "word", "factor").items()}
CURRENCIES = _words("currencies", "spelling", "currency")
_UNITS = _words("units", "phrase", "unit")
DENOMINATORS = _spellings("denominators", "word")
#: Words after a change that introduce the level it reached ("fell by 3 to 120", "giảm 3 xuống còn 120").
LEVEL_CONNECTORS = tuple(_spellings("levels", "phrase"))
FLIPPED = {"more_than": "less_than", "less_than": "more_than", "at_least": "at_most", "at_most": "at_least"}


def alternation(words) -> str:
    """A regex alternative of ``words``, longest first, any run of spaces matching a space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


#: Units of measure other than percent, hectares and times ("1.500m2", "5 km"): read as the unit itself.
OTHER_UNITS = {p: u for p, u in _UNITS.items() if u not in ("%", "ha", "times")}
# A numeral may touch a scale word, a unit of area or length or a currency written in letters
# ("5million", "20ha", "1.500m2", "500.000đ").
_NUMBER = numeral_pattern(
    tuple(SCALES)
    + tuple(p for p, u in _UNITS.items() if u == "ha")
    + tuple(OTHER_UNITS)
    + tuple(c for c in CURRENCIES if c.isalpha())
)
# A currency stands apart from letters; digits may touch it ("VND226.7", "500.000đ").
_CURRENCY = rf"(?<![^\W\d_]|\$)(?:{alternation(CURRENCIES)})(?![^\W\d_])"
# Before its number only a currency written as a code or sign ("VND 5 billion", "US$ 2"): a word in
# lower case follows it ("5 tỷ đồng"), and "dong" before a number is the "động" of "hoạt động 10.350".
_CURRENCY_BEFORE = (
    r"(?<![^\W\d_]|\$)(?:"
    + alternation(r["spelling"].lower() for r in quantity_words("currencies") if not r["spelling"].islower())
    + r")(?![^\W\d_])"
)
_SCALE = rf"(?:{alternation(SCALES)})"
#: Scale words below a billion: the later parts of a compound numeral ("1 tỷ 816 triệu", "18 tỷ 066 triệu").
LOWER_SCALES = {word: factor for word, factor in SCALES.items() if factor < 10**9}
_LOWER_SCALE = rf"(?:{alternation(LOWER_SCALES)})"
# Words that open a range ("từ 3-8 hộ", "từ 3 đến 8 hộ"; a single number may follow: "từ 50 trở lên")
# and that join its ends ("4 to 8 million", "3 đến 8 hộ"). After a word of change, "từ" and "from"
# say the level the change started from ("tăng từ 1.200", "rose from 1,200"): no range follows.
_FROM = r"\b(?:từ|tu)\s+|(?(dir)\bfrom\s+|(?!))"
_RANGE_WORDS = r"\s+(?:to|đến|tới|den|toi)\s+"
# A rate's "per": "/năm", "per year", "mỗi tháng", "một tháng", "a year".
_PER = r"\s*/\s*|\s+(?:per|mỗi|một|moi|mot)\s+|\s+an?\s+(?=year|month|day|week)"
_PERCENT = alternation(p for p, u in _UNITS.items() if u == "%")
_AREA = alternation(p for p, u in _UNITS.items() if u == "ha")
_TIMES = alternation(p for p, u in _UNITS.items() if u == "times")
_OTHER_UNIT = alternation(OTHER_UNITS)
_COMPARISON = r"(?=\s+(?:than|compared|over|from|against|year-on-year|on\s+the\s+same)\b)"

_QUANTITY_PATTERN = rf"""
    (?:(?:\b(?:an?|the)\s+)?(?P<dir>\b(?:{alternation(DIRECTIONS_BEFORE)}))\s+)?
    (?:(?P<qual>\b(?:{alternation(QUALIFIERS_BEFORE)}))\s+(?:(?P=qual)\s+)?)?
    (?P<between>\bbetween\s+)?(?P<from_>{_FROM})?
    (?:(?P<cur1>{_CURRENCY_BEFORE})\s*)?
    (?:
        (?P<mult>\b(?:{alternation(MULTIPLIERS)})\b)
      |
        (?P<sign>(?<![\w.,)\]%-])[-\u2212](?=\d))?
        (?P<num1>{_NUMBER})
        (?:\s*(?P<scale1>{_SCALE})\b(?P<compound>(?:\s+\d{{1,3}}\s*{_LOWER_SCALE}\b){{1,2}})?)?
        (?P<fraction>\s*/\s*\d+(?=\s+[^\W\d_]))?
        (?:
            (?P<sep>(?(between)\s+and\s+|(?(dir)\s*[-–]\s*|(?:\s*[-–]\s*|{_RANGE_WORDS}))))
            (?:(?P<cur_mid>{_CURRENCY_BEFORE})\s*)?
            (?P<num2>{_NUMBER})
            (?:\s*(?P<scale2>{_SCALE})\b)?
        ){{RANGE}}
        (?P<pct>\s*(?:%|\b(?:{_PERCENT})\b))?
        (?P<times>\s*-?\s*(?:{_TIMES})\b)?
        (?:\s*(?P<cur2>{_CURRENCY}))?
        (?P<conversion>\s*\(\s*(?:about\s+|around\s+|nearly\s+|over\s+)?(?:US\$|\$|USD)[^()\n]{{0,40}}\))?
        (?P<area>\s*(?:{_AREA})\b)?
        (?P<other_unit>\s*(?:{_OTHER_UNIT})\b)?
        (?P<rate>(?:(?:{_PER})(?:{alternation(DENOMINATORS)})\b){{1,3}})?
        (?P<qual_after>\s+(?:{alternation(QUALIFIERS_AFTER)})\b)?
        (?P<dir_after>\s+(?:(?:{alternation(set(DIRECTIONS_AFTER) - COMPARISON_ONLY)})\b
                            |(?:{alternation(COMPARISON_ONLY)}){_COMPARISON}))?
    )
    """
QUANTITY_RE = re.compile(_QUANTITY_PATTERN.replace("{RANGE}", "?"), re.VERBOSE | re.IGNORECASE)
# The same without ranges: the fallback when a would-be range is not one ("2025-2020").
SINGLE_RE = re.compile(_QUANTITY_PATTERN.replace("{RANGE}", "{0}"), re.VERBOSE | re.IGNORECASE)
