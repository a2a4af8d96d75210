"""The lookups the extractor builds once per text give what scanning the text for each number gave.

Each lookup is compared with the scan it replaces, on any input (properties) and on the articles;
the extractor's output on the articles stays the same (tests/test_evaluation.py keeps the scores).
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from coopanalysis.articles.table import article_text, load_articles
from coopanalysis.extract import extract_figures, reject_reasons
from coopanalysis.extract.cues import CueIndex
from coopanalysis.extract.nonstat import BARE_RUN
from coopanalysis.extract.period import PeriodIndex, covered
from coopanalysis.extract.quote import _REACHES, NumberIndex, _quote_span, _widen
from coopanalysis.extract.quote_index import QuoteIndex
from coopanalysis.extract.rules import matcher
from coopanalysis.extract.text import TextView
from coopanalysis.extract.words import MoneyIndex
from coopanalysis.quantity.parse import find_quantities

_spans = st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)).map(lambda t: (t[0], t[0] + t[1])), max_size=30)


@given(_spans, st.integers(0, 260))
def test_a_position_covered_by_bisection_is_covered_by_a_scan(spans, position):
    assert covered(spans)(position) == any(s <= position < e for s, e in spans)


_WORDS = [
    "the",
    "province",
    "has",
    "12",
    "1,263",
    "cooperatives",
    "revenue",
    "of",
    "VND",
    "5",
    "billion",
    "compared",
    "to",
    "2022",
    "in",
    "2023",
    "(",
    ")",
    "respectively",
    "loans",
    "and",
    ",",
    ";",
    "profit",
    "six",
    "members",
    "up",
    "%",
    "\n",
    ".",
    "last",
    "year",
    "since",
    "2021",
]
_texts = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=80).map(" ".join)


@cache
def _seed_texts() -> list[str]:
    return [article_text(a.file) for a in load_articles().itertuples()]


@given(_texts)
def test_number_index_counts_what_a_scan_counts(text):
    found = find_quantities(text)
    index = NumberIndex(found)
    for start in range(0, len(text), 7):
        for end in range(start, len(text) + 1, 11):
            for number in {q.number for q in found}:
                scanned = sum(
                    1 for q in found if q.number == number and start <= q.number_start and q.number_end <= end
                )
                assert index.inside(number, start, end) == scanned


def _old_period_before(index: PeriodIndex, view: TextView, start: int, position: int):
    """The scan the period lookup replaced: every phrase from ``start``, filtered by bracket."""
    bracket = view.bracket(position)
    listed = [h for h in index.hits if start <= h.start < position and h.end <= position]
    listed = [h for h in listed if view.bracket(h.start) in (None, bracket)]
    return listed[-1] if listed else None


@given(_texts)
def test_the_period_before_a_number_is_the_last_one_a_scan_finds(text):
    view = TextView(text, "en")
    index = PeriodIndex(view, None, [])
    for q in find_quantities(text):
        sentence = view.sentence(q.number_start)
        candidates = [index._last(index._free, sentence[0], q.number_start)]
        bracket = view.bracket(q.number_start)
        if bracket in index._bracketed:
            candidates.append(index._last(index._bracketed[bracket], sentence[0], q.number_start))
        found = max((h for h in candidates if h is not None), key=lambda h: h.start, default=None)
        assert found == _old_period_before(index, view, sentence[0], q.number_start)


@given(_texts)
def test_cue_and_money_lookups_give_what_a_scan_gives(text):
    view = TextView(text, "en")
    cues, money = CueIndex(view), MoneyIndex(view)
    ends = sorted({0, len(text)} | {q.end for q in find_quantities(text)})
    for start, end in itertools.pairwise(ends):
        scanned = [c for c in cues.after if start <= c.start < end]
        assert cues.after_cues(start, end) == scanned
        clause_wide = [
            c for c in cues.after if start <= c.start < len(text) and (c.start < end or c.rule["scope"] == "clause")
        ]
        assert cues.after_cues(start, end, len(text)) == clause_wide
        for role in {c.role for c in cues.after}:
            assert cues.after_role(role, start, end) == any(c.role == role for c in scanned)
        keywords = [h for h in money.hits if start <= h[0] < end and h[1] <= end]
        assert list(money.before(start, end)) == keywords[::-1]


def test_the_rarest_inner_word_is_found_from_the_words_listed_once():
    for text in _seed_texts():
        index = QuoteIndex(text)
        for match in re.finditer(r"[A-Za-z][^.\d]{20,120}[a-z]", text):
            quote = match.group(0)
            inner = [w for w in re.finditer(r"\w+", quote) if w.start() > 0 and w.end() < len(quote)]
            if not inner:
                continue
            counts = {w: len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", text)) for w in {w.group() for w in inner}}
            if min(counts.values()) <= 64:  # then the index compares the places themselves: exact
                assert index.unique(match.start(), match.end()) == (text.count(quote) == 1), quote


def test_a_long_run_of_bare_numbers_is_no_figure():
    # Numbers with no word between them: nothing says what each counts (a table that lost its headings).
    run = " ".join(str(n) for n in range(1, BARE_RUN + 1))
    rejected = reject_reasons(f"The table reads {run}. The province has 12 cooperatives.", "en")
    assert {r.text for r in rejected if r.category == "not_a_figure"} == {str(n) for n in range(1, BARE_RUN + 1)}
    shorter = " ".join(str(n) for n in range(1, BARE_RUN))
    assert len(extract_figures(f"The table reads {shorter}.", lang="en")) == BARE_RUN - 1
    # A word between two numbers ends a run: a list of counts is read.
    listed = ", ".join(f"{n} cooperatives" for n in range(1, 2 * BARE_RUN))
    assert len(extract_figures(f"The districts have {listed}.", lang="en")) == 2 * BARE_RUN - 1


def _every_window(view: TextView, q, clause) -> tuple[int, int]:
    """The quote search as it was: every window of every bound, each quote read again."""
    text = view.text
    paragraph = view.paragraph(q.start)
    bounds = [
        (min(clause[0], q.start), max(clause[1], q.end)),
        (min(paragraph[0], q.start), max(paragraph[1], q.end)),
        (0, len(text)),
    ]
    for low, high in bounds:
        for reach in _REACHES:
            for before, after in ((reach, reach), (0, reach), (reach, 0)):
                start, end = _widen(text, q, max(low, q.start - before), min(high, q.end + after), low, high)
                quote = text[start:end]
                once = quote.count(q.number) == 1 or sum(m.number == q.number for m in find_quantities(quote)) == 1
                if once and view.quotes.unique(start, end):
                    return start, end
    return q.start, q.end


def test_the_quotes_of_the_articles_are_those_every_window_gives():
    for text in _seed_texts():
        view = TextView(text, "en")
        found = find_quantities(text)
        numbers = NumberIndex(found)
        for q in found:
            clause = view.clause(q.number_start)
            assert _quote_span(view, q, clause, numbers) == _every_window(view, q, clause), q.text


def test_a_table_matched_at_a_position_through_one_expression_matches_as_its_rows_do():
    nouns = matcher("nouns", "", "en")
    for text in _seed_texts():
        view = TextView(text, "en")
        for position in range(0, len(text), 3):
            expected = next(
                ((rule, found.span()) for rule in nouns.rules if (found := rule.regex.match(view.folded, position))),
                None,
            )
            got = nouns.match(view.folded, position, None, text)
            assert (got and (got[0], got[1].span())) == expected


@given(st.integers(0, 10**6), st.integers(1, 400))
def test_the_first_digit_run_of_a_quote_is_found_among_the_texts_runs(seed, length):
    text = _seed_texts()[seed % 5]
    start = seed % max(1, len(text) - length)
    index = QuoteIndex(text)
    first = re.compile(r"\d+").search(text, start, start + length)
    i = bisect.bisect_right(index._run_ends, start)
    found = (
        None
        if i == len(index._runs) or index._runs[i][0] >= start + length
        else (max(index._runs[i][0], start), min(index._runs[i][1], start + length))
    )
    assert found == (first and first.span())
