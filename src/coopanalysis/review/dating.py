"""The date an article gives itself: its dateline, else the latest month it reports as "now" ("end of July 2024").

The phrases are data (``data/review/dates.csv``: pattern, example, expected date), matched on the
folded text (lower case, no diacritics); a test reads every example. They state a present ("as of",
"the end of", "in the first seven months of"), never a deadline: "by the end of July 2030" is a
target and dates nothing. Without such a phrase the date is the article's year, as before.
"""

from __future__ import annotations

import csv
import re
from functools import cache

from ..base.paths import DATA_DIR
from ..extract import present_year
from ..extract.text import MONTH_NAMES, TextView, publication_date

__all__ = ["DATE_PHRASES", "proposed_date"]

DATE_PHRASES = DATA_DIR / "review" / "dates.csv"
_WORDS = {
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
}
_PLACES = {
    "{month}": f"(?P<month>{'|'.join(MONTH_NAMES)})",
    "{number}": r"(?P<number>1[0-2]|0?[1-9])",
    "{year}": r"(?P<year>(?:19|20)\d\d)(?!\d)",
}


@cache
def _phrases() -> tuple[re.Pattern, ...]:
    with open(DATE_PHRASES, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    patterns = []
    for row in rows:
        pattern = row["pattern"]
        for place, group in _PLACES.items():
            pattern = pattern.replace(place, group)
        patterns.append(re.compile(pattern))
    return tuple(patterns)


def _month(match: re.Match) -> int | None:
    groups = match.groupdict()
    if groups.get("month"):
        return MONTH_NAMES.index(groups["month"]) + 1
    if groups.get("number"):
        return int(groups["number"])
    counted = re.search(r"(\d{1,2}|" + "|".join(_WORDS) + r") months", match.group(0))
    if counted:  # "the first seven months of 2024": the seventh month
        value = counted.group(1)
        return int(value) if value.isdigit() else _WORDS[value]
    return None


def proposed_date(text: str) -> tuple[str, str] | None:
    """``(date, basis)`` for ``articles.csv``: ``YYYY-MM-DD`` from a dateline, ``YYYY-MM`` from the latest
    month the text reports as its present, else ``YYYY`` (the article's year); ``None`` without a year."""
    view = TextView(text)
    found = publication_date(view)
    if found:
        return found.isoformat(), "Proposed by the extractor: the dateline or capture line (review)."
    months = [
        (int(match.group("year")), month)
        for pattern in _phrases()
        for match in pattern.finditer(view.folded)
        if (month := _month(match)) and 1 <= month <= 12
    ]
    if months:
        year, month = max(months)
        return (
            f"{year}-{month:02d}",
            (
                "Proposed by the extractor: the latest month the text reports as its present "
                "(such as 'the end of July 2024'; review)."
            ),
        )
    dated = present_year(text, dated_only=True)
    if dated is None:
        return None
    return str(dated), "Proposed by the extractor: the latest year the text dates, or the file name's year (review)."
