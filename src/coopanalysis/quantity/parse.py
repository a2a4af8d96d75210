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
* A decrease is negative: "a decrease of 5%", "down 5%", "fell by 12", "5% lower than" give
  -5 and -12, and ``direction="down"``; bounds and qualifiers turn with the sign ("a decrease of
  more than 5%" is below -5). "an increase of", "up", "rose by" set ``direction="up"``.
* Multipliers ("double", "twice", "triple") have unit ``times``.
* Money keeps its currency (VND; a US$ amount is ``USD``). A time denominator is kept in ``unit``
  ("VND/year"); an entity denominator ("/cooperative", "/person") is dropped from ``unit``
  because the measure says what the average is taken over, and kept in ``reported_unit``.
* Numerals are read by :mod:`coopanalysis.quantity.numbers` (English and Vietnamese grouping); where the
  grouping does not tell, ``ambiguity`` says how else the numeral reads.

The words themselves (qualifiers, directions, scales, currencies, units, denominators) are data:
``data/quantity/*.csv``, one row per phrase with an example that the tests parse.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

import ahocorasick

from .grammar import (
    CURRENCIES,
    DENOMINATORS,
    DIRECTIONS_AFTER,
    DIRECTIONS_BEFORE,
    FLIPPED,
    MULTIPLIERS,
    NOT_AFTER,
    PERCENT_ONLY,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    QUANTITY_RE,
    SCALES,
    SINGLE_RE,
    alternation,
    quantity_words,
)
from .numbers import NUMBER_WORDS, NumberError, read_numeral

__all__ = ["NUMBER_WORDS", "Quantity", "QuantityError", "QuantityMatch", "find_quantities", "parse_quantity",
           "quantity_words"]


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
    direction: str = ""
    ambiguity: str = ""

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


def _unit_from(match: re.Match) -> tuple[str, str, str]:
    """Return (unit, reported_unit, per) for a quantity match."""
    if match.group("mult"):
        return "times", match.group("mult").lower(), ""
    if match.group("times"):
        return "times", "times", ""
    if match.group("pct"):
        return "%", "%", ""
    currency_text = (match.group("cur1") or match.group("cur2") or "").lower()
    currency = CURRENCIES.get(currency_text, "")
    rate_words = [w.lower() for w in re.findall(r"[^\W\d_]+", match.group("rate") or "") if w.lower() not in ("per", "a", "an")]
    denominators = [DENOMINATORS[w] for w in rate_words if w in DENOMINATORS]
    if match.group("area"):
        return "ha", "ha", ""
    if not currency:
        if rate_words:
            return "/" + "/".join(rate_words), "/" + "/".join(rate_words), ""
        return "", "", ""
    reported = currency + "".join("/" + w for w in rate_words)
    per = next((d["reads_as"] for d in denominators if d["type"] == "time"), "")
    area = next((d["reads_as"] for d in denominators if d["type"] == "area"), "")
    unit = currency + (f"/{area}" if area else "") + (f"/{per}" if per else "")
    return unit, reported, per


def _numeral(text: str, hint: bool) -> tuple[Decimal, str]:
    """A numeral's value and, if its reading is ambiguous, how else it reads."""
    try:
        numeral = read_numeral(text, hint)
    except NumberError as error:
        raise QuantityError(str(error)) from None
    if numeral.alternative is None:
        return numeral.value, ""
    return numeral.value, f"{text!r} read as {_plain(numeral.value)}; it could also read {_plain(numeral.alternative)}"


def _plain(value: Decimal) -> str:
    """A decimal for a message, grouped and without trailing zeros: 1,000 and 1.263; a whole
    number read from a decimal point says so ("1 (a decimal point)" for "1.000")."""
    text = f"{value.normalize():,f}"
    return f"{text} (a decimal point)" if value == value.to_integral() and value.as_tuple().exponent < 0 and "." not in text else text


def _quantity_from(match: re.Match) -> Quantity:
    unit, reported_unit, per = _unit_from(match)
    qualifier = QUALIFIERS_BEFORE.get(_norm_space(match.group("qual") or ""), "exact")
    if match.group("mult"):
        quantity = _bounded(float(MULTIPLIERS[match.group("mult").lower()]), qualifier, unit, reported_unit, per)
        return _directed(quantity, match)
    hint = bool(match.group("pct") or match.group("scale1") or match.group("scale2"))
    scale1 = SCALES.get((match.group("scale1") or "").lower(), 1)
    scale2 = SCALES.get((match.group("scale2") or "").lower(), 1)
    first, ambiguity = _numeral(match.group("num1"), hint)
    if match.group("num2"):
        # "4 to 8 million": a scale word after the second number applies to both ends.
        if not match.group("scale1"):
            scale1 = scale2
        second, second_ambiguity = _numeral(match.group("num2"), hint)
        at = match.start("num1")
        if (_YEAR.fullmatch(match.group("num1")) and not _YEAR.fullmatch(match.group("num2"))
                and _IN_YEAR.search(match.string, max(0, at - 8), at)):
            # "from 20,000 in 2022 to 15,000": "in 2022" dates the number before; it starts no range
            raise QuantityError(f"{match.group(0)!r} starts with a year that dates the number before it")
        first = -first if match.group("sign") else first
        low, high = float(first * scale1), float(second * scale2)
        if low > high:
            raise QuantityError(f"range {match.group(0)!r} runs backwards ({low:g} > {high:g})")
        if match.group("qual_after") or QUALIFIERS_BEFORE.get(_norm_space(match.group("qual") or "")) not in (None, "about"):
            raise QuantityError(f"range {match.group(0)!r} also has a qualifier; split it or drop one")
        quantity = Quantity(math.nan, low, high, "range", unit, reported_unit, per,
                            ambiguity="; ".join(filter(None, [ambiguity, second_ambiguity])))
        return _directed(quantity, match)
    if match.group("qual_after"):
        if match.group("qual"):
            raise QuantityError(f"{match.group(0)!r} has a qualifier before and after the number")
        qualifier = QUALIFIERS_AFTER[_norm_space(match.group("qual_after"))]
    if match.group("sign"):
        first = -first  # "an increase of -5%": the numeral's own sign, before any word of direction
    quantity = _bounded(float(first * scale1), qualifier, unit, reported_unit, per, ambiguity)
    return _directed(quantity, match)


def _directed(quantity: Quantity, match: re.Match) -> Quantity:
    """Apply the stated direction of a change: a decrease turns the sign and the bounds."""
    if match.group("dir") and match.group("dir_after"):
        raise QuantityError(f"{match.group(0)!r} states a direction both before and after the number")
    word = _norm_space(match.group("dir") or match.group("dir_after") or "")
    direction = DIRECTIONS_BEFORE.get(word) or DIRECTIONS_AFTER.get(word, "")
    if word in PERCENT_ONLY and quantity.unit not in ("%", "times"):
        direction = ""  # "set up 10 cooperatives" states no change; "up 10%" does
    if word in NOT_AFTER and match.group("dir"):
        at = match.start("dir")
        if NOT_AFTER[word].search(match.string, max(0, at - 20), at):
            direction = ""
    if not direction:
        return quantity
    if direction != "down":
        return replace(quantity, direction=direction)
    negate = lambda x: -x if not math.isnan(x) else math.nan  # noqa: E731
    return replace(quantity, value=negate(quantity.value), low=negate(quantity.high), high=negate(quantity.low),
                   qualifier=FLIPPED.get(quantity.qualifier, quantity.qualifier), direction="down")


def _bounded(value: float, qualifier: str, unit: str, reported_unit: str, per: str, ambiguity: str = "") -> Quantity:
    low = value if qualifier in ("exact", "about", "more_than", "at_least") else math.nan
    high = value if qualifier in ("exact", "about", "less_than", "at_most") else math.nan
    return Quantity(value, low, high, qualifier, unit, reported_unit, per, ambiguity=ambiguity)


def _norm_space(text: str) -> str:
    return " ".join(text.lower().split())


def find_quantities(text: str) -> list[QuantityMatch]:
    """Find every quantity in ``text``, left to right, with its character span.

    Each match is parsed with the same rules as :func:`parse_quantity`. The ``number`` of a
    match is its numeric text ("1.5", "200-250", "4 to 8", "double"), which is what a figure
    row's ``number`` column names. Numerals that cannot be a figure (too many digits) are skipped.
    """
    found = []
    position = 0
    openers, triggers = _positions(text)
    while match := _next_match(text, position, openers, triggers):
        try:
            quantity = _quantity_from(match)
        except QuantityError:
            # Not a valid range after all: read the first number alone and go on after it.
            single = SINGLE_RE.match(text, match.start())
            try:
                quantity = _quantity_from(single)
            except QuantityError:
                position = max(match.end("num1"), match.start() + 1)
                continue
            match = single
        if match.group("mult"):
            n_start, n_end = match.span("mult")
        else:
            n_start = match.start("num1")
            n_end = match.end("num2") if match.group("num2") else match.end("num1")
        found.append(QuantityMatch(start=match.start(), end=match.end(), number_start=n_start, number_end=n_end,
                                   text=match.group(0), number=text[n_start:n_end], quantity=quantity))
        position = max(match.end(), match.start() + 1)
    return found


# Where a quantity's number can start: digit runs, number words and multipliers. Searching for
# these first and anchoring the full pattern just before them is several times faster than letting
# the pattern (with its optional direction, qualifier and currency prefix) try every position.
_TRIGGER = re.compile(rf"\d+|\b(?:{alternation(NUMBER_WORDS)}|{alternation(MULTIPLIERS)})\b", re.IGNORECASE)
_WORD_START = re.compile(r"\b\w|\$")
# Only a word that can open a quantity (a qualifier, a direction, a currency, "between") is worth
# trying as the start of one before its number.
_OPENERS = {phrase.split()[0] for phrase in [*QUALIFIERS_BEFORE, *DIRECTIONS_BEFORE, *CURRENCIES]} | {"between", "a", "an", "the"}
_OPENER = re.compile(rf"(?:{alternation(_OPENERS)})(?!\w)|US\$|\$|VN", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_IN_YEAR = re.compile(r"\b(?:in|of|since)\s+$", re.IGNORECASE)
_SIGNS = "-\u2212"  # a minus sign glued to a number ("-5%")
_PREFIX_REACH = 48  # longest direction + qualifier + currency before a number ("a reduction of approximately VND ")


def _next_match(text: str, position: int, openers: list[int] | None = None,
                triggers: list[int] | None = None) -> re.Match | None:
    """The leftmost quantity starting at or after ``position`` (same result as ``QUANTITY_RE.search``).

    ``openers`` and ``triggers`` are where words that can open a quantity and numbers stand
    (:func:`_positions`, found once per text).
    """
    if openers is None or triggers is None:
        openers, triggers = _positions(text)
    # Index, not a slice: copying the rest of the list on every call would make a scan quadratic.
    for index in range(bisect.bisect_left(triggers, position), len(triggers)):
        number_at = triggers[index]
        first = max(position, number_at - _PREFIX_REACH)
        starts = openers[bisect.bisect_left(openers, first):bisect.bisect_left(openers, number_at)]
        signed = [number_at - 1] if number_at and text[number_at - 1] in _SIGNS else []
        for start in starts + signed + [number_at]:
            match = QUANTITY_RE.match(text, start)
            if match and number_at in (match.start("num1"), match.start("mult")):
                return match
    return None


@cache
def _word_automaton():
    """The words that open a quantity (value 0) and the number words and multipliers (value 1)."""
    automaton = ahocorasick.Automaton()
    for word in _OPENERS:
        automaton.add_word(" " + word.lower(), (len(word), 0))
    for word in [*NUMBER_WORDS, *MULTIPLIERS]:
        automaton.add_word(" " + word + " ", (len(word), 1))
    automaton.make_automaton()
    return automaton


_NOT_WORD = None


def _positions(text: str) -> tuple[list[int], list[int]]:
    """Where the words that can open a quantity ("over", "VND", "a decrease", "$") and where the
    numbers (digit runs, number words, multipliers) stand: one pass over the text for all of them,
    instead of regular expressions tried at every character."""
    global _NOT_WORD
    if _NOT_WORD is None:
        _NOT_WORD = {c: " " for c in range(0x3000) if not chr(c).isalnum()}
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: keep to the offsets
        openers = [m.start() for m in _WORD_START.finditer(text) if _OPENER.match(text, m.start())]
        return openers, [m.start() for m in _TRIGGER.finditer(text)]
    haystack = " " + lowered.translate(_NOT_WORD) + " "
    openers, triggers = set(), set()
    for end, (length, kind) in _word_automaton().iter(haystack):
        start = end - length - kind  # the leading space shifts by one; a number word ends with one
        (triggers if kind else openers).add(start)
    openers.update(m.start() for m in re.finditer(r"(?:US)?\$", text))
    triggers.update(m.start() for m in _DIGIT_RUN.finditer(text))
    return sorted(p for p in openers if _OPENER.match(text, p)), sorted(triggers)


_DIGIT_RUN = re.compile(r"\d+")


def parse_quantity(text: str) -> Quantity:
    """Parse one quantity phrase such as "over VND 1,263 billion" or "4 to 8 million VND/person/month".

    Raises
    ------
    QuantityError
        If ``text`` is not exactly one quantity (no number, several numbers, trailing words), or
        holds a numeral that cannot be a figure ("10^12", 400 digits).
    """
    if not isinstance(text, str):
        raise QuantityError(f"expected text, got {type(text).__name__}")
    stripped = text.strip()
    if re.search(r"\d\s*\^\s*\d", stripped):
        raise QuantityError(f"{text!r} uses exponent notation, which is not read as a figure; write the number out")
    match = QUANTITY_RE.fullmatch(stripped)
    if match is None:
        found = find_quantities(stripped)
        if not found:
            raise QuantityError(f"no number in {text!r}")
        if len(found) > 1:
            numbers = ", ".join(repr(m.number) for m in found)
            raise QuantityError(f"{text!r} holds {len(found)} numbers ({numbers}); give one quantity")
        raise QuantityError(f"{text!r} has words the parser does not read around {found[0].text!r}")
    return _quantity_from(match)
