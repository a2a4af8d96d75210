"""Numbers for people: "1.35 billion VND", "at least 650", "102.8–128.5%"."""

from __future__ import annotations

import math

__all__ = ["format_bounds", "format_number", "format_stated", "plain_number"]

_SCALES = ((1e9, "billion"), (1e6, "million"))


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(x: float, unit: str = "") -> str:
    """Format one number in its unit: money with a scale word, percentages with one decimal.

    >>> format_number(1.35e9, "VND/year"), format_number(1263e9, "VND"), format_number(22.7, "%")
    ('1.35 billion VND/year', '1,263 billion VND', '22.7%')
    >>> format_number(28500, "people"), format_number(171.6867, "members per organization")
    ('28,500', '171.7')
    """
    if x is None or math.isnan(x):
        return "–"
    if unit.startswith("VND"):
        for size, word in _SCALES:
            if abs(x) >= size:
                return f"{_trim(f'{x / size:,.2f}')} {word} {unit}"
        return f"{x:,.0f} {unit}"
    if unit.startswith("%"):
        return f"{_trim(f'{x:,.1f}')}%{unit[1:]}"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def format_bounds(value: float, low: float, high: float, unit: str = "") -> str:
    """Format a value with its bounds in words, never hiding an open bound or a range.

    >>> format_bounds(float("nan"), 650, float("nan"), "cooperatives")
    'at least 650'
    >>> format_bounds(float("nan"), 4e6, 8e6, "VND/month")
    '4–8 million VND/month'
    >>> format_bounds(float("nan"), float("nan"), 4.07e8, "VND")
    'at most 407 million VND'
    >>> format_bounds(float("nan"), float("nan"), float("nan"), "VND per cooperative")
    'not known'
    """
    has_low, has_high = not math.isnan(low), not math.isnan(high)
    if has_low and has_high:
        if low == high:
            return format_number(low, unit)
        low_text, high_text = format_number(low, unit), format_number(high, unit)
        suffix = _common_suffix(low_text, high_text)
        return f"{low_text[: len(low_text) - len(suffix)]}–{high_text}"
    if has_low:
        return f"at least {format_number(low, unit)}"
    if has_high:
        return f"at most {format_number(high, unit)}"
    return "not known" if math.isnan(value) else format_number(value, unit)


def format_stated(value: float, low: float, high: float, qualifier: str, unit: str = "") -> str:
    """Format a figure with the article's own qualifier: "more than 650", "nearly 407 million VND", "about 44,377"."""
    words = {
        "more_than": "more than ",
        "at_least": "at least ",
        "less_than": "less than ",
        "at_most": "at most ",
        "about": "about ",
    }
    if qualifier == "range":
        return format_bounds(value, low, high, unit)
    number = low if qualifier in ("more_than", "at_least") else high if qualifier in ("less_than", "at_most") else value
    return words.get(qualifier, "") + format_number(number, unit)


def _common_suffix(a: str, b: str) -> str:
    """The unit words both ends share ("4 million VND" and "8 million VND" share " million VND")."""
    words_a, words_b = a.split(" "), b.split(" ")
    shared: list[str] = []
    while len(words_a) > 1 and len(words_b) > 1 and words_a[-1] == words_b[-1]:
        shared.insert(0, words_a.pop())
        words_b.pop()
    if a.endswith("%") and b.endswith("%") and not shared:
        return "%"
    return (" " + " ".join(shared)) if shared else ""


def plain_number(x: float) -> str:
    """A number for a table cell: thousands separated, never an exponent, at most two decimals; "" for NaN.

    >>> plain_number(1.35e9), plain_number(172.7272), plain_number(0.0046), plain_number(float("nan"))
    ('1,350,000,000', '172.73', '0.0046', '')
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if abs(x) < 1 and x != 0:
        return f"{x:.2g}"
    return _trim(f"{x:,.2f}")
