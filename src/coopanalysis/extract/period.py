"""When a figure is for: the period phrases of ``periods.csv`` near it, else the article's date.

A figure takes the nearest period phrase before it in its sentence, else the first one after it
in its clause, else the last one earlier in its paragraph, else the article's year. A year that
belongs to a comparison ("compared to 2022") is the base period of a change, never the period.
Targets prefer a plan range ("2021-2025", "2026-30", "by 2030"). Relative phrases ("last year",
"this year", "since 2021") count from the article's date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from ..vocab.periods import PeriodError, parse_period
from .rules import Rule
from .text import TextView

__all__ = ["PeriodIndex", "base_period_of", "year_before"]

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}  # "quý III/2024", "quý 2 năm 2024"
_YEAR = re.compile(r"(?:19|20)\d\d")
_RIGHT_AFTER = re.compile(r"[ \t]{0,3}")


@dataclass(frozen=True)
class PeriodHit:
    start: int
    end: int
    rule: Rule
    label: str  # the period it states, "" when it needs the article's date and there is none

    @property
    def form(self) -> str:
        return self.rule["form"]


def _label(rule: Rule, match: re.Match, present: date | None, month_known: bool = True) -> str:
    form, groups = rule["form"], match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if form == "month":  # "June 2023", "tháng 6/2022", "30/6/2015"
        month = groups["month"]
        number = int(month) if month.isdigit() else _MONTHS.index(month[:3]) + 1
        return f"{year}-{number:02d}" if 1 <= number <= 12 else ""
    if form in ("h1", "h2"):
        return f"H{form[1]} {year}"
    if form == "quarter":
        return f"Q{_QUARTERS[groups['quarter']]} {year}"
    if form == "range":
        second = groups["year2"]
        last = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
        return f"{year}-{last}" if last > year else ""
    if form == "year":
        return str(year)
    if form == "before":  # "trước năm 2001": the stock before the year, dated by the year before
        return str(year - 1)
    if present is None:
        return ""
    if form == "now":  # "đến nay", "hiện có": the article's month, its year when only the year is known
        return f"{present:%Y-%m}" if month_known else str(present.year)
    if form == "last_year":
        return str(present.year - 1)
    if form == "this_year":
        return str(present.year)
    if form == "since":
        return f"{year}-{present.year}" if present.year > year else str(year)
    if form == "by":
        return f"{present.year}-{year}" if year > present.year else str(year)
    raise ValueError(f"periods.csv: unknown form {form!r}")


def _valid(label: str) -> bool:
    try:
        parse_period(label)
        return True
    except PeriodError:
        return False


class PeriodIndex:
    """Every period phrase of a text with the period it states, looked up by position."""

    def __init__(self, view: TextView, present: date | None, excluded: list[tuple[int, int]], month_known: bool = True):
        self.view, self.present = view, present
        hits = []
        for rule, match in view.hits("periods"):
            if any(s <= match.start() < e for s, e in excluded):
                continue  # a comparison's year: a base period
            label = _label(rule, match, present, month_known)
            if label and _valid(label):
                hits.append(PeriodHit(match.start(), match.end(), rule, label))
        self.hits = hits
        self.starts = [h.start for h in hits]

    def _before(self, start: int, position: int) -> list[PeriodHit]:
        i, j = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, position)
        return [h for h in self.hits[i:j] if h.end <= position]

    def period(self, position: int, end: int, next_number: int, target: bool) -> tuple[str, str]:
        """The period of a figure at ``[position, end)`` and how it was found."""
        view = self.view
        sentence = view.sentence(position)
        paragraph = view.paragraph(position)
        clause_end = min(view.clause(position)[1], next_number)
        bracket = view.bracket(position)
        before = [h for h in self._before(sentence[0], position) if view.bracket(h.start) in (None, bracket)]
        i = bisect.bisect_left(self.starts, end)
        after = self.hits[i] if i < len(self.hits) and self.hits[i].start < clause_end else None
        if after is not None and not target and _RIGHT_AFTER.fullmatch(view.text, end, after.start):
            # "from about 10% in 2014 to over 30% in 2016": a period written right after the number is its own.
            return after.label, f"'{view.text[after.start:after.end]}' (right after the number)"
        if target:
            plans = [h for h in self._before(paragraph[0], position) + ([after] if after else [])
                     if h.form in ("range", "by")]
            if before and before[-1].form in ("this_year", "year", "by", "range"):
                return before[-1].label, f"'{view.text[before[-1].start:before[-1].end]}'"
            if after and after.form in ("this_year", "year", "by", "range"):
                return after.label, f"'{view.text[after.start:after.end]}'"
            if plans:
                return plans[-1].label, f"the plan '{view.text[plans[-1].start:plans[-1].end]}'"
        if before:
            return before[-1].label, f"'{view.text[before[-1].start:before[-1].end]}'"
        if after:
            return after.label, f"'{view.text[after.start:after.end]}'"
        earlier = self._before(paragraph[0], sentence[0])
        if earlier:
            return earlier[-1].label, f"'{view.text[earlier[-1].start:earlier[-1].end]}' earlier in the paragraph"
        if self.present:
            return str(self.present.year), "the article's date"
        return "", "no period stated and the article's date is unknown"


def base_period_of(view: TextView, cue_start: int, cue_end: int, period: str, present: date | None) -> str:
    """The base period a comparison names ("compared to the end of 2022" -> 2022)."""
    text = view.folded[cue_start:cue_end]
    years = _YEAR.findall(text)
    if years:
        return years[-1]
    if re.search(r"last year|previous year|year before|year-on-year|on-year|year on year|same period"
                 r"|cung ky|nam truoc|nam ngoai|ky truoc", text):
        return year_before(period, present)
    return ""


def year_before(period: str, present: date | None) -> str:
    """The same period a year earlier ("H1 2023" -> "H1 2022"); the year before the article's without one."""
    years = _YEAR.findall(period)
    if years:
        return _YEAR.sub(lambda m: str(int(m.group(0)) - 1), period)
    return str(present.year - 1) if present else ""
