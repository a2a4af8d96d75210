"""Parse the period labels of figures ("2023", "2021-2024", "H1 2023", "Q3 2023", "2024-05")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["PERIOD_SYNTAX", "Period", "PeriodError", "parse_period", "period_length"]

#: Human-readable list of accepted labels, used in error messages and docs.
PERIOD_SYNTAX = "YYYY, YYYY-YYYY, YYYY-MM, H1 YYYY, H2 YYYY or Q1..Q4 YYYY"

_YEAR = re.compile(r"(\d{4})")
_YEARS = re.compile(r"(\d{4})-(\d{4})")
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_HALF = re.compile(r"H([12]) (\d{4})")
_QUARTER = re.compile(r"Q([1-4]) (\d{4})")


class PeriodError(ValueError):
    """A period label is not in one of the accepted forms."""


@dataclass(frozen=True, order=True)
class Period:
    """A period with its first and last day; ``label`` is the text used in the tables."""

    start: date
    end: date
    label: str

    @property
    def years(self) -> float:
        """Length in years (a calendar year is 1.0)."""
        return ((self.end - self.start).days + 1) / 365.25

    @property
    def months(self) -> int:
        """Length in whole months (a calendar year is 12)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


#: Years a period may name: the collective economy's statistics, not typos such as "0000".
YEARS = range(1900, 2200)


def _span(first_year: int, first_month: int, last_year: int, last_month: int, label: str) -> Period:
    for year in (first_year, last_year):
        if year not in YEARS:
            raise PeriodError(f"period {label!r}: year {year:04d} is out of range ({YEARS.start}-{YEARS.stop - 1})")
    last_day = calendar.monthrange(last_year, last_month)[1]
    return Period(date(first_year, first_month, 1), date(last_year, last_month, last_day), label)


def parse_period(label: str) -> Period:
    """Parse a period label; raise :class:`PeriodError` naming the accepted forms otherwise."""
    text = label.strip() if isinstance(label, str) else ""
    if m := _YEAR.fullmatch(text):
        year = int(m.group(1))
        return _span(year, 1, year, 12, text)
    if m := _YEARS.fullmatch(text):
        first, last = int(m.group(1)), int(m.group(2))
        if first >= last:
            raise PeriodError(f"period {label!r} must run forwards (first year before last)")
        return _span(first, 1, last, 12, text)
    if m := _MONTH.fullmatch(text):
        year, month = int(m.group(1)), int(m.group(2))
        return _span(year, month, year, month, text)
    if m := _HALF.fullmatch(text):
        half, year = int(m.group(1)), int(m.group(2))
        return _span(year, 6 * half - 5, year, 6 * half, text)
    if m := _QUARTER.fullmatch(text):
        quarter, year = int(m.group(1)), int(m.group(2))
        return _span(year, 3 * quarter - 2, year, 3 * quarter, text)
    raise PeriodError(f"period {label!r} is not one of: {PERIOD_SYNTAX}")


def period_length(label: str) -> str:
    """How long a period is, in words: "1 year", "4 years", "6 months"."""
    months = parse_period(label).months
    if months % 12 == 0:
        return f"{months // 12} year{'s' if months > 12 else ''}"
    return f"{months} month{'s' if months > 1 else ''}"
