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

__all__ = ["PeriodIndex", "as_its_nature", "base_period_of", "covered", "year_before"]

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
}  # "quý III/2024", "quý 2 năm 2024"
_YEAR = re.compile(r"(?:19|20)\d\d")
_RIGHT_AFTER = re.compile(r"[ \t]{0,3}")
_PLAN_FORMS = ("range", "by")


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
        assert year is not None, "a range's pattern reads its first year"
        second = groups["year2"]
        last = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
        return f"{year}-{last}" if last > year else ""
    if form in ("year", "year_end"):  # "in 2023"; "by the end of 2023", a date a stock is counted at
        return str(year)
    if form == "before":  # "trước năm 2001": the stock before the year, dated by the year before
        assert year is not None, "the pattern of 'before' reads a year"
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
        assert year is not None, "the pattern of 'since' reads a year"
        return f"{year}-{present.year}" if present.year > year else str(year)
    if form == "by":
        assert year is not None, "the pattern of 'by' reads a year"
        return f"{present.year}-{year}" if year > present.year else str(year)
    raise ValueError(f"periods.csv: unknown form {form!r}")


def _valid(label: str) -> bool:
    try:
        parse_period(label)
        return True
    except PeriodError:
        return False


def covered(spans: list[tuple[int, int]]):
    """A test of whether a position lies in one of ``spans`` (``start <= position < end``), by
    bisection: the spans sorted by start, with the furthest end reached up to each, built once."""
    spans = sorted(spans)
    starts = [start for start, _ in spans]
    reach, furthest = [], -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)

    def inside(position: int) -> bool:
        i = bisect.bisect_right(starts, position) - 1
        return i >= 0 and reach[i] > position

    return inside


class PeriodIndex:
    """Every period phrase of a text with the period it states, looked up by position."""

    def __init__(self, view: TextView, present: date | None, excluded: list[tuple[int, int]], month_known: bool = True):
        self.view, self.present = view, present
        inside = covered(excluded)
        hits = []
        for rule, match in view.hits("periods"):
            if inside(match.start()):
                continue  # a comparison's year: a base period; a year in a name
            label = _label(rule, match, present, month_known)
            if label and _valid(label):
                hits.append(PeriodHit(match.start(), match.end(), rule, label))
        self.hits = hits
        self.starts = [h.start for h in hits]
        # The phrases outside brackets, those of each bracket, and the plan periods: each list looked up
        # by bisection, so that a figure in a long sentence does not list every phrase before it.
        self._free: tuple[list[int], list[PeriodHit]] = ([], [])
        self._bracketed: dict[tuple[int, int], tuple[list[int], list[PeriodHit]]] = {}
        self._plans: tuple[list[int], list[PeriodHit]] = ([], [])
        self._dates = [h for h in hits if h.form in ("month", "year_end") and view.bracket(h.start) is None]
        self._dates_starts = [h.start for h in self._dates]
        for h in hits:
            bracket = view.bracket(h.start)
            for starts, listed in [self._free if bracket is None else self._bracketed.setdefault(bracket, ([], []))] + (
                [self._plans] if h.form in _PLAN_FORMS else []
            ):
                starts.append(h.start)
                listed.append(h)

    @staticmethod
    def _last(index: tuple[list[int], list[PeriodHit]], start: int, position: int) -> PeriodHit | None:
        """The last phrase of ``index`` in ``[start, position)``: phrases do not overlap, so only the
        last one that starts before ``position`` may end after it."""
        starts, listed = index
        i = bisect.bisect_left(starts, position) - 1
        while i >= 0 and starts[i] >= start:
            if listed[i].end <= position:
                return listed[i]
            i -= 1
        return None

    def period(self, position: int, end: int, next_number: int, target: bool) -> tuple[str, str, str, PeriodHit | None]:
        """The period of a figure at ``[position, end)``, how it was found, the form of the phrase that
        gave it (``periods.csv``; "date" for the article's date, "" for none) and the phrase."""
        view = self.view
        sentence = view.sentence(position)
        paragraph = view.paragraph(position)
        clause_end = min(view.clause(position)[1], next_number)
        bracket = view.bracket(position)
        # The nearest phrase before it in its sentence, outside brackets or in its own bracket.
        candidates = [self._last(self._free, sentence[0], position)]
        if bracket is not None and bracket in self._bracketed:
            candidates.append(self._last(self._bracketed[bracket], sentence[0], position))
        before = max((h for h in candidates if h is not None), key=lambda h: h.start, default=None)
        i = bisect.bisect_left(self.starts, end)
        after = self.hits[i] if i < len(self.hits) and self.hits[i].start < clause_end else None
        if after is not None and not target and _RIGHT_AFTER.fullmatch(view.text, end, after.start):
            # "from about 10% in 2014 to over 30% in 2016": a period written right after the number is its own.
            return after.label, f"'{view.text[after.start : after.end]}' (right after the number)", after.form, after
        if target:
            plan = (
                after
                if after is not None and after.form in _PLAN_FORMS
                else self._last(self._plans, paragraph[0], position)
            )
            if before and before.form in ("this_year", "year", "year_end", "by", "range"):
                return before.label, f"'{view.text[before.start : before.end]}'", before.form, before
            if after and after.form in ("this_year", "year", "year_end", "by", "range"):
                return after.label, f"'{view.text[after.start : after.end]}'", after.form, after
            if plan:
                return plan.label, f"the plan '{view.text[plan.start : plan.end]}'", plan.form, plan
        if before:
            return before.label, f"'{view.text[before.start : before.end]}'", before.form, before
        if after:
            return after.label, f"'{view.text[after.start : after.end]}'", after.form, after
        earlier = self._last((self.starts, self.hits), paragraph[0], sentence[0])
        if earlier:
            return (
                earlier.label,
                f"'{view.text[earlier.start : earlier.end]}' earlier in the paragraph",
                earlier.form,
                earlier,
            )
        if self.present:
            return str(self.present.year), "the article's date", "date", None
        return "", "no period stated and the article's date is unknown", "", None

    def stated_before(self, position: int) -> PeriodHit | None:
        """The last date the article states a stock at before ``position`` ("as of June 30, 2019", "đến hết
        năm 2016"), in any paragraph: what an undated stock further on is counted at."""
        i = bisect.bisect_left(self._dates_starts, position) - 1
        return self._dates[i] if i >= 0 else None


_POINT_ENDS = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12}


def _end_month(label: str) -> tuple[int, int] | None:
    """(year, month) at which a period ends, for a month, a half or a quarter; None for a year or a range."""
    month = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)", label)
    if month:
        return int(month.group(1)), int(month.group(2))
    part = re.fullmatch(r"(H[12]|Q[1-4]) ((?:19|20)\d\d)", label)
    return (int(part.group(2)), _POINT_ENDS[part.group(1)]) if part else None


def as_its_nature(
    label: str,
    form: str,
    nature: str,
    yearly: bool,
    kind: str,
    present: date | None,
    month_known: bool,
    counted: bool = True,
) -> tuple[str, str] | None:
    """The period a figure's nature makes of the period read near it, with why; None when it stands.

    * A stock (and a share, and an uncounted ``other``) is counted at a date: in a half or a quarter
      it is counted at its end ("in the first half of 2023 ... 43 member cooperatives": 2023-06);
      stated as now, or with no period, it is counted at the article's month when that is known.
    * A yearly figure (an average, a total per year) read at a month is the year's: the year before
      in a first half, when the last full year is what is reported (an article of January 2024 on
      average revenue, "as of 30 June 2015"), else that year.
    * A stock planned "by 2030" is planned for 2030; a flow planned by then, over the years to it.

    ``counted``: the figure is a count, a share or an amount stated as a level (a change of an amount of
    no known measure is left as read).
    """
    if not label:
        return None
    if kind == "target":
        # "By 2030, the province will have 900 cooperatives": a stock to reach by then, not a flow over the years.
        ranged = re.fullmatch(r"(?:19|20)\d\d-((?:19|20)\d\d)", label)
        if ranged and form == "by" and nature == "stock":
            return ranged.group(1), "a stock to reach by the end of the plan"
        return None
    ends = _end_month(label)
    if nature == "stock" or kind == "share_pct" or (nature in ("none", "") and counted):
        if ends and nature == "stock" and not re.fullmatch(r"\d{4}-\d\d", label):
            return f"{ends[0]}-{ends[1]:02d}", "a stock, counted at the end of the period"
        if (
            form in ("date", "now")
            and month_known
            and present is not None
            and kind in ("level", "change_abs", "share_pct")
        ):
            return (
                None
                if label == f"{present:%Y-%m}"
                else (f"{present:%Y-%m}", "the article's month (a stock counted when it was written)")
            )
        return None
    if yearly:
        if ends is None and form == "date" and month_known and present is not None:
            ends = (present.year, present.month)
        if ends is not None:
            year = ends[0] - 1 if ends[1] <= 6 else ends[0]
            return str(year), (
                "the last full year (a yearly figure reported in the first half of the next)"
                if ends[1] <= 6
                else "the year (a yearly figure read at a month)"
            )
        return None
    return None


def base_period_of(view: TextView, cue_start: int, cue_end: int, period: str, present: date | None) -> str:
    """The base period a comparison names ("compared to the end of 2022" -> 2022)."""
    text = view.folded[cue_start:cue_end]
    years = _YEAR.findall(text)
    if years:
        return years[-1]
    if re.search(
        r"last year|previous year|year before|year-on-year|on-year|year on year|same period"
        r"|cung ky|nam truoc|nam ngoai|ky truoc",
        text,
    ):
        return year_before(period, present)
    return ""


def year_before(period: str, present: date | None) -> str:
    """The same period a year earlier ("H1 2023" -> "H1 2022"); the year before the article's without one."""
    years = _YEAR.findall(period)
    if years:
        return _YEAR.sub(lambda m: str(int(m.group(0)) - 1), period)
    return str(present.year - 1) if present else ""
