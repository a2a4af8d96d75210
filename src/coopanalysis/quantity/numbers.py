"""Read numerals as articles write them: "1,263", "1.263,5", "5,5", "1 263" (no-break space), "six".

English-language Vietnamese news mixes two conventions: English ("1,263.5") and Vietnamese
("1.263,5"). A numeral is read where its grouping tells which one it uses:

* commas in groups of three ("1,263", "1,263,500") are thousands separators;
* several dots in groups of three ("1.263.500"), or dots with a decimal comma ("1.263,5"), are
  Vietnamese grouping; a comma before one or two digits ("5,5") is a Vietnamese decimal comma;
* a no-break or thin space before a group of three ("1 263") is a thousands separator;
* one dot before exactly three digits ("1.263") is **ambiguous**: 1.263 in English, 1,263 in
  Vietnamese. It is read as a decimal before a scale word or a percent sign ("1.263 billion",
  "12.500%") and as grouping otherwise ("1.000 cooperatives"); the other reading is returned as
  ``alternative`` so that the figure carries a flag instead of a silent guess. So is a
  decimal part of exactly three digits after thousands groups ("1,000.000", "1.000,000"), which
  may be one group more.

A Vietnamese article writes one convention throughout (dot thousands, decimal comma: "66.221
thành viên", "1.056,714 tỷ đồng"), so its numerals are read with ``convention="vi"``, where "1.263"
is 1,263 and "1,263" before no scale word is the count 1,263 flagged as perhaps 1.263
(:func:`read_numeral`).

Numerals with more than :data:`MAX_DIGITS` digits cannot be a figure (they overflow to infinity or
carry false precision) and are refused, as is exponent notation ("10^12").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["MARKS", "MAX_DIGITS", "NUMBER_WORDS", "NumberError", "Numeral", "numeral_pattern", "read_numeral"]

#: The most digits a figure's numeral may have (15 keeps every value exact as a float).
MAX_DIGITS = 15

_UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: Every word read as a cardinal number (coverage checks use the same list).
NUMBER_WORDS = {**_UNITS_WORDS, **_TENS_WORDS}

_GROUP_SPACE = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin space
#: Combining marks and variation selectors: a digit carrying one ("3\u0301", the keycap "3\ufe0f\u20e3")
#: is no plain digit, and the numeral it stands in is not read.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"


class NumberError(ValueError):
    """A numeral that cannot be a figure (too many digits)."""


@dataclass(frozen=True)
class Numeral:
    """A numeral's value and, where the grouping does not tell, the other possible reading."""

    value: Decimal
    alternative: Decimal | None = None


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def numeral_pattern(glued: tuple[str, ...] = ()) -> str:
    """A regular expression (no groups) matching one numeral in any of the accepted forms.

    A numeral may follow a currency code directly ("VND226.7") and be followed directly by one of
    the ``glued`` words (scale words: "5million", "226.7bn"); otherwise it stands apart from
    letters, digits, "^" and separators.
    """
    digits = (
        r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,263 / 1,263.5
        r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.263.500 / 1.263,5 / 1.263 (ambiguous)
        rf"|\d{{1,3}}(?:[{_GROUP_SPACE}]\d{{3}})+(?:[.,]\d+)?"  # 1 263 with a no-break space
        r"|\d{1,3},\d{1,2}(?![\d,])"  # 5,5 (decimal comma)
        r"|\d+(?:\.\d+)?"  # 1263 / 9.45
    )
    before = rf"(?:(?<=VND)|(?<=VNĐ)|(?<=\$)|(?<![\w.,^{MARKS}]))"
    # Not followed by a letter, a digit, "^", a combining mark, or a separator and a digit ("1" of "1,000sq.m").
    after = rf"(?![\w^{MARKS}]|[.,]\d)"
    if glued:
        after = rf"(?:{after}|(?=(?:{_alternation(glued)})\b))"
    words = (
        rf"(?:(?:{_alternation(_TENS_WORDS)})(?:[-\s](?:{_alternation(_ONES)}))?"
        rf"|{_alternation(_UNITS_WORDS)})"
    )
    return rf"(?:{before}(?:{digits}){after}|\b{words}\b)"


def read_numeral(text: str, decimal_hint: bool = False, convention: str = "en") -> Numeral:
    """Read one numeral matched by :func:`numeral_pattern` ("1.263,5" -> 1263.5).

    ``decimal_hint`` says a scale word or a percent sign follows, which makes an ambiguous
    "1.263" a decimal. ``convention`` is the language of the text the numeral stands in: "vi"
    reads dots as thousands and a comma as the decimal mark (:func:`_read_vietnamese`). Raises
    :class:`NumberError` for more than :data:`MAX_DIGITS` digits.
    """
    if text.isdecimal() and len(text) <= MAX_DIGITS:
        return Numeral(Decimal(text))  # plain digits, the commonest numeral: nothing to tell apart
    word = " ".join(text.lower().replace("-", " ").split())
    if word in NUMBER_WORDS:
        return Numeral(Decimal(NUMBER_WORDS[word]))
    parts = word.split(" ")
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _UNITS_WORDS:
        return Numeral(Decimal(_TENS_WORDS[parts[0]] + _UNITS_WORDS[parts[1]]))
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        raise NumberError(
            f"{text[:20]}{'...' if len(text) > 20 else ''} has more than {MAX_DIGITS} digits: not a figure"
        )
    plain = re.sub(f"[{_GROUP_SPACE}]", "", text)
    if convention == "vi":
        return _read_vietnamese(plain, decimal_hint)
    if "," in plain and "." in plain:
        decimal_mark = "," if plain.rfind(",") > plain.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        value = Decimal(plain.replace(grouping, "").replace(decimal_mark, "."))
        # "1,000.000": three decimals after thousands groups may be a third group mistyped (1,000,000).
        if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(grouping)}\d{{3}})+{re.escape(decimal_mark)}\d{{3}}", plain):
            return Numeral(value, Decimal(re.sub(r"[.,]", "", plain)))
        return Numeral(value)
    if "," in plain:
        groups = plain.split(",")
        if all(len(g) == 3 for g in groups[1:]):
            return Numeral(Decimal(plain.replace(",", "")))
        return Numeral(Decimal(plain.replace(",", ".")))
    if plain.count(".") > 1:
        return Numeral(Decimal(plain.replace(".", "")))
    if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", plain):
        as_decimal, as_grouping = Decimal(plain), Decimal(plain.replace(".", ""))
        if decimal_hint:
            return Numeral(as_decimal, as_grouping)
        return Numeral(as_grouping, as_decimal)
    return Numeral(Decimal(plain))


def _read_vietnamese(plain: str, decimal_hint: bool) -> Numeral:
    """A numeral of a Vietnamese text: dots group thousands, a comma is the decimal mark.

    * a dot and a comma: the last one is the decimal mark ("1.056,714"; "1,263.5" quoted in English);
    * dots before groups of three digits are grouping, scale word or not ("66.221", "1.200 triệu"
      is 1,200 million); a dot before another number of digits can only be a decimal ("2.5 tỷ");
    * commas before several groups of three are English grouping ("1,263,500");
    * one comma is the decimal comma ("99,43", "1,1 tỷ", "0,125"), except before exactly three
      digits with no scale word or percent after them ("1,263 thành viên"): a count is no
      fraction, so it reads 1,263 and says it could read 1.263.
    """
    if "," in plain and "." in plain:
        decimal_mark = "," if plain.rfind(",") > plain.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        return Numeral(Decimal(plain.replace(grouping, "").replace(decimal_mark, ".")))
    if "." in plain:
        groups = plain.split(".")
        if all(len(g) == 3 for g in groups[1:]):
            return Numeral(Decimal(plain.replace(".", "")))
        return Numeral(Decimal(plain))
    if "," in plain:
        groups = plain.split(",")
        if len(groups) > 2 and all(len(g) == 3 for g in groups[1:]):
            return Numeral(Decimal(plain.replace(",", "")))
        as_decimal = Decimal(plain.replace(",", "."))
        if len(groups) == 2 and len(groups[1]) == 3 and not decimal_hint and groups[0] != "0":
            return Numeral(Decimal(plain.replace(",", "")), as_decimal)
        return Numeral(as_decimal)
    return Numeral(Decimal(plain))
