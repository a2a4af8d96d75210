"""Parse the quantities that news articles state ("over VND 1,263 billion") into numbers with bounds.

Conventions (applied everywhere downstream):

* ``value`` is the number as stated, after scale words ("1.35 billion" -> 1.35e9).
  A range states no single number, so its ``value`` is NaN; its ends are ``low`` and ``high``.
* ``low`` / ``high`` are the bounds the wording allows; NaN means the bound is open.
  "over 650" and "50 or more" give ``low=650, high=NaN``; "nearly 407 million" gives
  ``low=NaN, high=4.07e8``; "200-250" gives ``low=200, high=250``.
* "about" / "approximately" / "around" / "roughly" are read as an approximate *point*:
  ``low = high = value`` with ``qualifier="about"``. Reports mark these figures as approximate
  instead of inventing a tolerance the article does not give.
* Multipliers ("double", "twice", "triple") have unit ``times``.
* Money is in VND. A time denominator is kept in ``unit`` ("VND/year", "VND/month"); an entity
  denominator ("/cooperative", "/person") is dropped from ``unit`` because the measure already
  says what the average is taken over, and kept in ``reported_unit`` with the original wording.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Quantity", "QuantityError", "QuantityMatch", "find_quantities", "parse_quantity"]


class QuantityError(ValueError):
    """The text is not one quantity the parser understands."""


@dataclass(frozen=True)
class Quantity:
    """A parsed quantity: the stated value, its bounds and its unit."""

    value: float
    low: float
    high: float
    qualifier: str
    unit: str
    reported_unit: str
    per: str

    @property
    def is_range(self) -> bool:
        return self.qualifier == "range"

    @property
    def approximate(self) -> bool:
        return self.qualifier == "about"


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a longer text, with character offsets into that text."""

    start: int
    end: int
    number_start: int
    number_end: int
    text: str
    number: str
    quantity: Quantity


# Qualifier phrases -> normalized qualifier. Lower-bound, upper-bound and approximate words.
_QUALIFIERS_BEFORE = {
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "exceeding": "more_than",
    "at least": "at_least",
    "nearly": "less_than",
    "almost": "less_than",
    "under": "less_than",
    "less than": "less_than",
    "fewer than": "less_than",
    "below": "less_than",
    "at most": "at_most",
    "up to": "at_most",
    "about": "about",
    "approximately": "about",
    "around": "about",
    "roughly": "about",
}
_QUALIFIERS_AFTER = {
    "or more": "at_least",
    "or above": "at_least",
    "or over": "at_least",
    "and above": "at_least",
    "and more": "at_least",
    "or less": "at_most",
    "or fewer": "at_most",
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_MULTIPLIERS = {"double": 2, "doubled": 2, "twice": 2, "triple": 3, "tripled": 3, "threefold": 3}
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
#: Every word the parser reads as a cardinal number (used by coverage checks too).
NUMBER_WORDS = {**_UNITS_WORDS, **_TENS_WORDS}

_TIME_DENOMINATORS = {"year": "year", "yr": "year", "month": "month", "day": "day", "week": "week"}
_ENTITY_DENOMINATORS = {
    "cooperative", "cooperatives", "coop", "person", "people", "member", "members", "worker",
    "workers", "household", "households", "unit", "project", "capita", "head", "group",
}
_AREA_DENOMINATORS = {"sao", "ha", "hectare", "m2"}
_DENOMINATOR_WORDS = sorted(
    set(_TIME_DENOMINATORS) | _ENTITY_DENOMINATORS | _AREA_DENOMINATORS, key=len, reverse=True
)


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WORD_NUMBER = (
    rf"(?:(?:{_alternation(_TENS_WORDS)})(?:[-\s](?:{_alternation(_ONES)}))?"
    rf"|{_alternation(_UNITS_WORDS)})"
)
_NUMBER = rf"(?:(?<![\w.,]){_DIGITS}(?![\w])|\b{_WORD_NUMBER}\b)"
_CURRENCY = r"(?:VND|VNĐ|dong|đồng)"
_SCALE = rf"(?:{_alternation(_SCALES)})"

_QUANTITY_PATTERN = rf"""
    (?:(?P<qual>\b(?:{_alternation(_QUALIFIERS_BEFORE)}))\s+)?
    (?:(?P<cur1>{_CURRENCY})\s*)?
    (?:
        (?P<mult>\b(?:{_alternation(_MULTIPLIERS)})\b)
      |
        (?P<num1>{_NUMBER})
        (?:\s+(?P<scale1>{_SCALE})\b)?
        (?:
            (?P<sep>\s*[-–]\s*|\s+to\s+)
            (?P<num2>{_NUMBER})
            (?:\s+(?P<scale2>{_SCALE})\b)?
        ){{RANGE}}
        (?P<pct>\s*%|\s+per\s?cent\b)?
        (?:\s*(?P<cur2>\b{_CURRENCY}\b))?
        (?P<area>\s+(?:hectares?|ha)\b)?
        (?P<rate>(?:(?:\s*/\s*|\s+per\s+|\s+a\s+(?=year|month))(?:{_alternation(_DENOMINATOR_WORDS)})\b){{1,3}})?
        (?P<qual_after>\s+(?:{_alternation(_QUALIFIERS_AFTER)})\b)?
    )
    """
_QUANTITY_RE = re.compile(_QUANTITY_PATTERN.replace("{RANGE}", "?"), re.VERBOSE | re.IGNORECASE)
# The same without ranges: the fallback when a would-be range is not one ("2025-2020").
_SINGLE_RE = re.compile(_QUANTITY_PATTERN.replace("{RANGE}", "{0}"), re.VERBOSE | re.IGNORECASE)


def _number_value(text: str) -> Decimal:
    """Turn "1,263" / "9.45" / "six" / "twenty-five" into a Decimal."""
    word = text.lower()
    if word in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word])
    parts = re.split(r"[-\s]+", word)
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _UNITS_WORDS:
        return Decimal(_TENS_WORDS[parts[0]] + _UNITS_WORDS[parts[1]])
    return Decimal(text.replace(",", ""))


def _unit_from(match: re.Match) -> tuple[str, str, str]:
    """Return (unit, reported_unit, per) for a quantity match."""
    if match.group("mult"):
        return "times", match.group("mult").lower(), ""
    if match.group("pct"):
        return "%", "%", ""
    currency = bool(match.group("cur1") or match.group("cur2"))
    rate_words = re.findall(r"[A-Za-z0-9]+", match.group("rate") or "")
    rate_words = [w.lower() for w in rate_words if w.lower() not in ("per", "a")]
    if match.group("area"):
        return "ha", "ha", ""
    if not currency:
        if rate_words:
            return "/" + "/".join(rate_words), "/" + "/".join(rate_words), ""
        return "", "", ""
    reported = "VND" + "".join("/" + w for w in rate_words)
    per = next((_TIME_DENOMINATORS[w] for w in rate_words if w in _TIME_DENOMINATORS), "")
    area = next((w for w in rate_words if w in _AREA_DENOMINATORS), "")
    unit = "VND" + (f"/{area}" if area else "") + (f"/{per}" if per else "")
    return unit, reported, per


def _quantity_from(match: re.Match) -> Quantity:
    unit, reported_unit, per = _unit_from(match)
    if match.group("mult"):
        value = float(_MULTIPLIERS[match.group("mult").lower()])
        qualifier = _QUALIFIERS_BEFORE.get(_norm_space(match.group("qual") or ""), "exact")
        return _bounded(value, qualifier, unit, reported_unit, per)
    scale1 = _SCALES.get((match.group("scale1") or "").lower(), 1)
    scale2 = _SCALES.get((match.group("scale2") or "").lower(), 1)
    first = _number_value(match.group("num1"))
    if match.group("num2"):
        # "4 to 8 million": a scale word after the second number applies to both ends.
        if not match.group("scale1"):
            scale1 = scale2
        low = float(first * scale1)
        high = float(_number_value(match.group("num2")) * scale2)
        if low > high:
            raise QuantityError(f"range {match.group(0)!r} runs backwards ({low:g} > {high:g})")
        if match.group("qual") or match.group("qual_after"):
            raise QuantityError(f"range {match.group(0)!r} also has a qualifier; split it or drop one")
        return Quantity(math.nan, low, high, "range", unit, reported_unit, per)
    value = float(first * scale1)
    qualifier = "exact"
    if match.group("qual"):
        qualifier = _QUALIFIERS_BEFORE[_norm_space(match.group("qual"))]
    if match.group("qual_after"):
        if match.group("qual"):
            raise QuantityError(f"{match.group(0)!r} has a qualifier before and after the number")
        qualifier = _QUALIFIERS_AFTER[_norm_space(match.group("qual_after"))]
    return _bounded(value, qualifier, unit, reported_unit, per)


def _bounded(value: float, qualifier: str, unit: str, reported_unit: str, per: str) -> Quantity:
    low = value if qualifier in ("exact", "about", "more_than", "at_least") else math.nan
    high = value if qualifier in ("exact", "about", "less_than", "at_most") else math.nan
    return Quantity(value, low, high, qualifier, unit, reported_unit, per)


def _norm_space(text: str) -> str:
    return " ".join(text.lower().split())


def find_quantities(text: str) -> list[QuantityMatch]:
    """Find every quantity in ``text``, left to right, with its character span.

    Each match is parsed with the same rules as :func:`parse_quantity`. The ``number`` of a
    match is its numeric text ("1.5", "200-250", "4 to 8", "double"), which is what a figure
    row's ``number`` column names.
    """
    found = []
    position = 0
    while match := _next_match(text, position):
        try:
            quantity = _quantity_from(match)
        except QuantityError:
            # Not a valid range after all: read the first number alone and go on after it.
            match = _SINGLE_RE.match(text, match.start())
            quantity = _quantity_from(match)
        if match.group("mult"):
            n_start, n_end = match.span("mult")
        else:
            n_start = match.start("num1")
            n_end = match.end("num2") if match.group("num2") else match.end("num1")
        found.append(
            QuantityMatch(
                start=match.start(),
                end=match.end(),
                number_start=n_start,
                number_end=n_end,
                text=match.group(0),
                number=text[n_start:n_end],
                quantity=quantity,
            )
        )
        position = max(match.end(), match.start() + 1)
    return found


# Where a quantity's number can start: digit runs, number words and multipliers. Searching for
# these first and anchoring the full pattern just before them is several times faster than letting
# the pattern (with its optional qualifier and currency prefix) try every position of the text.
_TRIGGER = re.compile(rf"\d+|\b(?:{_alternation(NUMBER_WORDS)}|{_alternation(_MULTIPLIERS)})\b", re.IGNORECASE)
_WORD_START = re.compile(r"\b\w")
_PREFIX_REACH = 40  # longest qualifier + currency before a number ("approximately VND ")


def _next_match(text: str, position: int) -> re.Match | None:
    """The leftmost quantity starting at or after ``position`` (same result as ``_QUANTITY_RE.search``)."""
    for trigger in _TRIGGER.finditer(text, position):
        number_at = trigger.start()
        starts = [w.start() for w in _WORD_START.finditer(text, max(position, number_at - _PREFIX_REACH), number_at)]
        for start in starts + [number_at]:
            match = _QUANTITY_RE.match(text, start)
            if match and number_at in (match.start("num1"), match.start("mult")):
                return match
    return None


def parse_quantity(text: str) -> Quantity:
    """Parse one quantity phrase such as "over VND 1,263 billion" or "4 to 8 million VND/person/month".

    Raises
    ------
    QuantityError
        If ``text`` is not exactly one quantity (no number, several numbers, trailing words).
    """
    if not isinstance(text, str):
        raise QuantityError(f"expected text, got {type(text).__name__}")
    stripped = text.strip()
    match = _QUANTITY_RE.fullmatch(stripped)
    if match is None:
        found = find_quantities(stripped)
        if not found:
            raise QuantityError(f"no number in {text!r}")
        if len(found) > 1:
            numbers = ", ".join(repr(m.number) for m in found)
            raise QuantityError(f"{text!r} holds {len(found)} numbers ({numbers}); give one quantity")
        raise QuantityError(f"{text!r} has words the parser does not read around {found[0].text!r}")
    return _quantity_from(match)
