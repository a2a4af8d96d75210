"""Propose the figure rows of an article: every statistic, with measure, kind, scope and period.

The extractor reads the raw text the way an analyst does. Every number the quantity parser finds
is either rejected as a non-statistic with a reason (:mod:`.nonstat`) or proposed as a figure
whose measure, kind, scope and period come from the words around it. What it knows is data, the
tables of ``data/extract/`` (one rule per row, each with an example the tests check); the code
that reads them is small and general: :mod:`.text` (sentences, folding), :mod:`.words` (nouns
and keywords), :mod:`.lists` (shared nouns and pairings), :mod:`.cues` (plan, event and scope
words), :mod:`.period`, :mod:`.place` and :mod:`.engine`, which ties them together.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from ..base.collector import collector_paused
from ..base.text import normalize_text
from ..quantity.parse import find_quantities
from ..vocab.provinces import NATIONAL
from .engine import classify
from .nonstat import Rejected, split_numbers
from .province import detect_province as _detect
from .text import TextView, publication_date

__all__ = [
    "EXTRACT_COLUMNS",
    "NATIONAL",
    "Rejected",
    "detect_province",
    "extract_figures",
    "present_year",
    "reject_reasons",
]

#: The columns every proposal has, in this order (more may follow).
EXTRACT_COLUMNS = [
    "province",
    "quote",
    "start",
    "end",
    "number",
    "measure",
    "kind",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "period",
    "base_period",
    "scope",
    "definition",
    "confidence",
]
_EXTRA = ["number_start", "number_end", "province_basis", "evidence"]
_DTYPES = {
    "start": "int64",
    "end": "int64",
    "number_start": "int64",
    "number_end": "int64",
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "confidence": "float64",
}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def present_date(text: str, view: TextView | None = None) -> date | None:
    """The article's date: its dateline or capture line, else the end of the latest year it dates."""
    view = view or TextView(text)
    found = publication_date(view)
    if found:
        return found
    year = present_year(text, dated_only=True)
    return date(year, 12, 31) if year else None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})(?:\s+\d{{1,2}},)?\s+$|\d{{1,2}}/\d{{1,2}}/$", re.IGNORECASE)
_OPENING_BEFORE = re.compile(r"(?:^|[.!?]\s*|\n)(?:In|By the end of|As of)\s+$")
_EVENT_BEFORE = re.compile(r"\b(?:in|of|during)\s+$")


def present_year(text: str, dated_only: bool = False) -> int | None:
    """The article's own year: its date, else the latest year written with a month or opening a sentence.

    Without either, the latest year the text places events in ("of 2023", "in 2023"), not a plan's
    end. Years are found first and their context checked, so the work is one pass over the text.
    """
    if not dated_only:
        found = publication_date(TextView(text))
        if found:
            return found.year
    dated, events = [], []
    for year in _YEAR.finditer(text):
        before = text[max(0, year.start() - 24) : year.start()]
        value = int(year.group(0))
        if _MONTH_BEFORE.search(before) or _OPENING_BEFORE.search(before):
            dated.append(value)
        elif _EVENT_BEFORE.search(before) and not re.match(r"\s*[-–]", text[year.end() : year.end() + 3]):
            events.append(value)
    years = dated or events
    return max(years) if years else None


def detect_province(text: str, hint: str = "", lang: str | None = None, source: str = "") -> tuple[str, str]:
    """The article's province (or ``national``) and how it was found; ``hint``: a file name or title;
    ``lang``: the text's language ("en", "vi"), detected when not given; ``source``: the address the
    article was published at, whose site may name its province ("baolamdong.vn")."""
    text = normalize_text(text)
    view = TextView(text, lang)
    return _detect(text, hint, present_date(text, view), view, source)


def reject_reasons(text: str, lang: str | None = None) -> list[Rejected]:
    """Every number of ``text`` that is not a statistic, with its category and reason."""
    text = normalize_text(text)
    view = TextView(text, lang)
    return split_numbers(view, find_quantities(text, view.lang))[1]


def _given_date(published: str, hint: str) -> date | None:
    """The date a caller gives (YYYY, YYYY-MM, YYYY-MM-DD), else a year in the file name."""
    found = re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d))?(?:-(\d\d))?", published.strip())
    if found:
        year, month, day = int(found.group(1)), int(found.group(2) or 12), int(found.group(3) or 28)
        return date(year, month, day)
    in_name = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", hint)
    return date(int(in_name.group(1)), 12, 31) if in_name else None


def extract_figures(
    text: str, hint: str = "", published: str = "", lang: str | None = None, source: str = ""
) -> pd.DataFrame:
    """Propose one row per statistic in ``text`` (columns :data:`EXTRACT_COLUMNS`, then extras).

    Extra columns: ``number_start``/``number_end`` (the number's span), ``province_basis`` (how the
    province was found) and ``evidence`` (the words that decided the measure, kind, period and
    scope). ``hint`` (a file name or title) is used for the province only when the text names none;
    ``published`` is the article's date (a date in the text is used only where it is of the
    year ``published`` gives, or where none is given; then a year in ``hint``); ``lang``
    is the text's language, "en" or "vi" (detected from the text when not given); ``source`` is the
    address the article was published at (its site may name the province). The text is read
    as :func:`coopanalysis.base.text.normalize_text` makes it (NFC; offsets refer to that form, as
    everywhere in the package). The work is linear in the length of the text.
    """
    with collector_paused():
        return _extract(normalize_text(text), hint, published, lang, source)


def _extract(text: str, hint: str, published: str, lang: str | None, source: str) -> pd.DataFrame:
    view = TextView(text, lang)
    dated = publication_date(view)
    # A date the caller gives wins over one read in the text (a page's chrome often prints today's
    # date); the text's is kept where the caller gives only its year.
    given = _given_date(published, "")
    given_month = re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", published.strip()) is not None
    from_text = dated is not None and (given is None or (not given_month and dated.year == given.year))
    present = dated if from_text else (given or _given_date("", hint) or present_date(text, view))
    month_known = from_text or given_month
    province, province_basis = _detect(text, hint, present, view, source)
    found = find_quantities(text, view.lang)
    kept, _ = split_numbers(view, found)
    rows = classify(view, kept, province, present, month_known, found)
    for row in rows:
        row.update(province=province, province_basis=province_basis)
    columns = EXTRACT_COLUMNS + _EXTRA
    frame = pd.DataFrame({column: [row[column] for row in rows] for column in columns})
    return frame.astype(_DTYPES) if frame.empty else frame
