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

import math
import re
from dataclasses import replace
from decimal import Decimal

from ..base.language import detect_language
from ..base.windows import match_within
from .context import carried, stated_per
from .grammar import (
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
    quantity_words,
)
from .levels import mark_levels
from .model import Quantity, QuantityError, QuantityMatch
from .numbers import NUMBER_WORDS, NumberError, read_numeral
from .scan import next_match, positions
from .units import entity_denominators, unit_from

__all__ = [
    "NUMBER_WORDS",
    "Quantity",
    "QuantityError",
    "QuantityMatch",
    "entity_denominators",
    "find_quantities",
    "parse_quantity",
    "quantity_words",
]


def _numeral(text: str, hint: bool, lang: str = "en") -> tuple[Decimal, str]:
    """A numeral's value and, if its reading is ambiguous, how else it reads."""
    try:
        numeral = read_numeral(text, hint, lang)
    except NumberError as error:
        raise QuantityError(str(error)) from None
    if numeral.alternative is None:
        return numeral.value, ""
    return numeral.value, f"{text!r} read as {_plain(numeral.value)}; it could also read {_plain(numeral.alternative)}"


def _plain(value: Decimal) -> str:
    """A decimal for a message, grouped and without trailing zeros: 1,000 and 1.263; a whole
    number read from a decimal point says so ("1 (a decimal point)" for "1.000")."""
    text = f"{value.normalize():,f}"
    return (
        f"{text} (a decimal point)"
        if value.is_finite() and value == value.to_integral() and int(value.as_tuple().exponent) < 0 and "." not in text
        else text
    )


def _quantity_from(match: re.Match, lang: str = "en") -> Quantity:
    unit, reported_unit, per = unit_from(match, lang)
    qualifier = QUALIFIERS_BEFORE.get(_norm_space(match.group("qual") or ""), "exact")
    if match.group("mult"):
        quantity = _bounded(float(MULTIPLIERS[match.group("mult").lower()]), qualifier, unit, reported_unit, per)
        return _directed(quantity, match)
    hint = bool(match.group("pct") or match.group("scale1") or match.group("scale2"))
    scale1 = SCALES.get((match.group("scale1") or "").lower(), 1)
    scale2 = SCALES.get((match.group("scale2") or "").lower(), 1)
    first, ambiguity = _numeral(match.group("num1"), hint, lang)
    if match.group("compound"):
        first, scale1 = _compound(match, first * scale1, scale1), 1
    if match.group("num2"):
        # "4 to 8 million": a scale word after the second number applies to both ends.
        if not match.group("scale1"):
            scale1 = scale2
        second, second_ambiguity = _numeral(match.group("num2"), hint, lang)
        at = match.start("num1")
        if (
            _YEAR.fullmatch(match.group("num1"))
            and not _YEAR.fullmatch(match.group("num2"))
            and _IN_YEAR.search(match.string, max(0, at - 8), at)
        ):
            # "from 20,000 in 2022 to 15,000": "in 2022" dates the number before; it starts no range
            raise QuantityError(f"{match.group(0)!r} starts with a year that dates the number before it")
        first = -first if match.group("sign") else first
        low, high = float(first * scale1), float(second * scale2)
        if low > high:
            raise QuantityError(f"range {match.group(0)!r} runs backwards ({low:g} > {high:g})")
        if match.group("qual_after") or QUALIFIERS_BEFORE.get(_norm_space(match.group("qual") or "")) not in (
            None,
            "about",
        ):
            raise QuantityError(f"range {match.group(0)!r} also has a qualifier; split it or drop one")
        quantity = Quantity(
            math.nan,
            low,
            high,
            "range",
            unit,
            reported_unit,
            per,
            ambiguity="; ".join(filter(None, [ambiguity, second_ambiguity])),
        )
        return _directed(quantity, match)
    if match.group("qual_after"):
        if match.group("qual"):
            raise QuantityError(f"{match.group(0)!r} has a qualifier before and after the number")
        qualifier = QUALIFIERS_AFTER[_norm_space(match.group("qual_after"))]
    if match.group("sign"):
        first = -first  # "an increase of -5%": the numeral's own sign, before any word of direction
    quantity = _bounded(float(first * scale1), qualifier, unit, reported_unit, per, ambiguity)
    return _directed(quantity, match)


_COMPOUND_PART = re.compile(r"(\d{1,3})\s*([^\W\d_]+)")


def _compound(match: re.Match, total: Decimal, scale: int) -> Decimal:
    """The value of "1 tỷ 816 triệu" or "18 tỷ 066 triệu": each later part under 1,000 times a smaller scale."""
    for digits, word in _COMPOUND_PART.findall(match.group("compound")):
        factor = SCALES[word.lower()]
        if factor >= scale:
            raise QuantityError(f"{match.group(0)!r}: the scales of a compound number must shrink")
        total, scale = total + int(digits) * factor, factor
    return total


def _directed(quantity: Quantity, match: re.Match) -> Quantity:
    """Apply the stated direction of a change: a decrease turns the sign and the bounds."""
    if match.group("dir") and match.group("dir_after"):
        raise QuantityError(f"{match.group(0)!r} states a direction both before and after the number")
    word = _norm_space(match.group("dir") or match.group("dir_after") or "")
    direction = DIRECTIONS_BEFORE.get(word) or DIRECTIONS_AFTER.get(word, "")
    if word in PERCENT_ONLY and quantity.unit not in ("%", "times"):
        direction = ""  # "set up 10 cooperatives" states no change; "up 10%" does
    if match.group("dir") and match.group("from_"):
        direction = ""  # "tăng từ 1.200 lên 1.650": the level it rose from, as "rose from 1,200" is
    if word in NOT_AFTER and match.group("dir"):
        at = match.start("dir")
        if NOT_AFTER[word].search(match.string, max(0, at - 20), at):
            direction = ""
    if not direction:
        return quantity
    if direction != "down":
        return replace(quantity, direction=direction)
    negate = lambda x: -x if not math.isnan(x) else math.nan  # noqa: E731
    return replace(
        quantity,
        value=negate(quantity.value),
        low=negate(quantity.high),
        high=negate(quantity.low),
        qualifier=FLIPPED.get(quantity.qualifier, quantity.qualifier),
        direction="down",
    )


def _bounded(value: float, qualifier: str, unit: str, reported_unit: str, per: str, ambiguity: str = "") -> Quantity:
    low = value if qualifier in ("exact", "about", "more_than", "at_least") else math.nan
    high = value if qualifier in ("exact", "about", "less_than", "at_most") else math.nan
    return Quantity(value, low, high, qualifier, unit, reported_unit, per, ambiguity=ambiguity)


def _norm_space(text: str) -> str:
    return " ".join(text.lower().split())


def find_quantities(text: str, lang: str = "en") -> list[QuantityMatch]:
    """Find every quantity in ``text``, left to right, with its character span.

    Each match is parsed with the same rules as :func:`parse_quantity`; ``lang`` is the language
    of the text ("en" or "vi", see :mod:`coopanalysis.base.language`), which says how its numerals
    are written. The ``number`` of a match is its numeric text ("1.5", "200-250", "4 to 8",
    "double", "1 tỷ 816 triệu"), which is what a figure row's ``number`` column names. A fraction
    before a noun ("11/15 HTX": 11 of the 15) gives two matches, its ``part`` "numerator" and
    "denominator"; a date's day and month are no fraction ("30/6/2015"). A level stated with a change
    says so (``level``, :mod:`.levels`). Numerals that cannot be a figure (too many digits) are skipped.
    """
    found = []
    position, previous = 0, None
    openers, triggers = positions(text)
    while match := next_match(text, position, openers, triggers):
        try:
            quantity = _bare(match, lang) or _quantity_from(match, lang)
        except QuantityError:
            # Not a valid range after all: read the first number alone and go on after it.
            single = match_within(SINGLE_RE, text, match.start())
            try:
                if single is None:
                    raise QuantityError("no single number within reach")
                quantity = _quantity_from(single, lang)
            except QuantityError:
                position = max(match.end("num1"), match.start() + 1)
                continue
            match = single
        position = max(match.end(), match.start() + 1)
        quantity, match_end = stated_per(text, match.start(), match.end(), quantity)
        position = max(position, match_end)
        if match.group("mult"):
            n_start, n_end = match.span("mult")
        else:
            n_start = match.start("num1")
            n_end = (
                match.end("num2")
                if match.group("num2")
                else match.end("compound")
                if match.group("compound")
                else match.end("num1")
            )
        found.append(
            QuantityMatch(
                match.start(),
                match_end,
                n_start,
                n_end,
                text[match.start() : match_end],
                text[n_start:n_end],
                quantity,
                level="from" if match.group("dir") and match.group("from_") else "",
            )
        )
        end = (match.start(), n_start, match_end, match.group("scale1") or "", quantity)
        if previous:  # "từ 60 triệu lên 500 triệu đồng": the first end takes the second's currency
            before = found[previous[0]]
            taken = carried(text, previous[1], end)
            if taken is not before.quantity:  # seldom: a copy of every match would cost a third of a long list
                found[previous[0]] = replace(before, quantity=taken)
        previous = (len(found) - 1, end)
        if match.group("fraction") and not match.group("num2") and not text.endswith("/", 0, match.start("num1")):
            found[-1] = replace(found[-1], part="numerator")
            found.append(_denominator(match, quantity))
    return mark_levels(text, found)


def _bare(match: re.Match, lang: str) -> Quantity | None:
    """:func:`_quantity_from` for a number, or two joined by a dash, with no word around them (the commonest
    matches, and "1-1-1-..." of hostile input), read directly."""
    number, first = match.group(0), match.group("num1")
    if number == first:
        value, ambiguity = _numeral(number, False, lang)
        return Quantity(float(value), float(value), float(value), "exact", "", "", "", ambiguity=ambiguity)
    second = match.group("num2")
    if second is None or number != f"{first}-{second}" or _YEAR.fullmatch(first):
        return None  # anything more (a year may date the number before it) is read in full
    (low, low_ambiguity), (high, high_ambiguity) = _numeral(first, False, lang), _numeral(second, False, lang)
    if low > high:
        raise QuantityError(f"range {number!r} runs backwards")
    return Quantity(
        math.nan,
        float(low),
        float(high),
        "range",
        "",
        "",
        "",
        ambiguity="; ".join(filter(None, [low_ambiguity, high_ambiguity])),
    )


def _denominator(match: re.Match, numerator: Quantity) -> QuantityMatch:
    """The whole of "11/15 HTX": the same noun counted, exactly."""
    digits = re.search(r"\d+", match.group("fraction"))
    assert digits is not None, "the fraction group holds digits"
    start, end = match.start("fraction") + digits.start(), match.start("fraction") + digits.end()
    whole = float(digits.group(0))
    quantity = replace(numerator, value=whole, low=whole, high=whole, qualifier="exact", direction="", ambiguity="")
    return QuantityMatch(
        start=match.start(),
        end=match.end(),
        number_start=start,
        number_end=end,
        text=match.group(0),
        number=digits.group(0),
        quantity=quantity,
        part="denominator",
    )


_YEAR = re.compile(r"(?:19|20)\d\d")
_IN_YEAR = re.compile(r"\b(?:in|of|since)\s+$", re.IGNORECASE)


def parse_quantity(text: str, lang: str = "") -> Quantity:
    """Parse one quantity phrase such as "over VND 1,263 billion" or "4 to 8 million VND/person/month".

    ``lang`` is the language of the text the phrase comes from ("en", "vi"); without it, the
    phrase's own language (:func:`coopanalysis.base.language.detect_language`).

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
    lang = lang or detect_language(stripped)
    match = QUANTITY_RE.fullmatch(stripped)
    if match is None:
        found = find_quantities(stripped, lang)
        if not found:
            raise QuantityError(f"no number in {text!r}")
        if len(found) > 1:
            numbers = ", ".join(repr(m.number) for m in found)
            raise QuantityError(f"{text!r} holds {len(found)} numbers ({numbers}); give one quantity")
        raise QuantityError(f"{text!r} has words the parser does not read around {found[0].text!r}")
    return _quantity_from(match, lang)
