"""A proposed row for a read number: its value in the measure's unit, and a short verbatim quote."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from ..quantity.normalize import normalize_quantity
from ..quantity.parse import QuantityMatch, find_quantities
from ..vocab.measures import measures
from .mention import Mention
from .text import TextView

__all__ = ["NumberIndex", "proposed_row"]


class NumberIndex:
    """Where each number of a text stands, by its numeric text: how often a quote holds a figure's number
    is counted by bisection, without reading the quote again."""

    def __init__(self, quantities: list[QuantityMatch]):
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for q in quantities:
            spans[q.number].append((q.number_start, q.number_end))
        self._starts = {number: [s for s, _ in sorted(found)] for number, found in spans.items()}
        self._ends = {number: [e for _, e in sorted(found)] for number, found in spans.items()}

    def inside(self, number: str, start: int, end: int) -> int:
        """How many numbers written ``number`` the text holds within ``[start, end)``."""
        starts, ends = self._starts.get(number, []), self._ends.get(number, [])
        i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return sum(1 for k in range(i, j) if ends[k] <= end)


def proposed_row(
    view: TextView, m: Mention, scope: str, period: str, scope_basis: str, period_basis: str, numbers: NumberIndex
) -> dict | None:
    """The row of ``m``, or None when its number cannot be expressed in any measure's unit.

    ``numbers`` holds every number of the text (:class:`NumberIndex`), for choosing the quote.
    """
    q = m.q
    try:
        value, low, high, unit = normalize_quantity(q.quantity, measures()[m.measure], m.kind)
    except (KeyError, ValueError):
        try:
            m.measure, m.confidence = "other", min(m.confidence, 0.3)
            value, low, high, unit = normalize_quantity(q.quantity, measures()["other"], m.kind)
        except ValueError:
            return None
    if m.kind in ("change_pct", "change_abs") and not m.base_period:
        m.confidence = min(m.confidence, 0.5)
    start, end = _quote_span(view, q, m.clause, numbers, _core(view, m))
    evidence = "; ".join([*m.evidence, f"period: {period_basis}", f"scope: {scope_basis}"])
    return {
        "quote": view.text[start:end],
        "start": start,
        "end": end,
        "number": q.number,
        "measure": m.measure,
        "kind": m.kind,
        "value": value,
        "low": low,
        "high": high,
        "qualifier": q.quantity.qualifier,
        "unit": unit,
        "period": period,
        "base_period": m.base_period,
        "scope": scope,
        "definition": m.definition,
        "confidence": round(m.confidence, 2),
        "number_start": q.number_start,
        "number_end": q.number_end,
        "evidence": evidence,
    }


_EVIDENCE_REACH = 120  # characters from the number within which the words that decided it are quoted


def _core(view: TextView, m: Mention) -> tuple[int, int]:
    """The span from the first to the last of the words that decided the reading ("the average profit of
    each cooperative is 58.2 million VND", "1,068 cooperatives were operating effectively"): the
    number, its noun or keyword, the cues that turned it, its comparison, within its clause."""
    q, (clause_start, clause_end) = m.q, m.clause
    start, end = q.start, q.end
    for s, e in m.spans:
        if clause_start <= s and e <= clause_end and q.start - _EVIDENCE_REACH <= s and e <= q.end + _EVIDENCE_REACH:
            start, end = min(start, s), max(end, e)
    text = view.text
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while end > q.end and not text[end - 1].isalnum():  # a cue may end on the space before its noun
        end -= 1
    if start < q.start:  # "the total revenue of ...", not "revenue of ..."
        determiner = _DETERMINER.search(text, max(clause_start, start - 30), start)
        start = determiner.start() if determiner else start
    return start, end


# Words a reader quotes with the keyword they stand before: "the average profit of", "The total number of".
_DETERMINER = re.compile(
    r"(?:\b(?:the|a|an|its|their|this|these|those)\s+)?(?:\b(?:total|overall|average|per capita)\s+)?\Z", re.IGNORECASE
)


def _quote_span(
    view: TextView, q: QuantityMatch, clause: tuple[int, int], numbers: NumberIndex, core: tuple[int, int] | None = None
) -> tuple[int, int]:
    """A short verbatim quote around the quantity that occurs once in the text and names its number once.

    Every window holds the words that decided the reading (``core``: a quote cut before "effectively"
    or after "the average revenue of" does not show why the figure reads so). It stays inside the
    clause while that gives a unique quote; a clause repeated word for word (a lead that repeats
    the headline) takes words from around it. The widest window of each bound is checked first:
    where it occurs twice, so does every window inside it, and repeated text is not tried window by
    window.
    """
    text = view.text
    core = core or (q.start, q.end)
    first = _widen(text, q, max(clause[0], q.start - _REACHES[0]), min(clause[1], q.end + _REACHES[0]), *clause)
    if (
        (core[0] < first[0] or core[1] > first[1])
        and view.quotes.unique(*core)
        and _names_once(text, *core, q, view.lang, numbers)
    ):
        return core  # the words that decided the reading reach past the usual window: they are the quote
    bounds = [(min(clause[0], q.start), max(clause[1], q.end))]
    paragraph = view.paragraph(q.start)
    bounds += [(min(paragraph[0], q.start), max(paragraph[1], q.end)), (0, len(text))]
    tried: set[tuple[int, int]] = set()
    repeated: dict[tuple[int, int], bool] = {}
    passes = [core] if core == (q.start, q.end) else [core, (q.start, q.end)]
    for core_of, (clause_start, clause_end) in [(c, b) for c in passes for b in bounds]:
        # The deciding words are held while that gives a quote naming the number once ("4 products ... rated
        # 4 stars" names it twice): then the words around the number alone.
        if (clause_start, clause_end) not in repeated:
            widest = _widen(
                text,
                q,
                max(clause_start, q.start - _REACHES[-1]),
                min(clause_end, q.end + _REACHES[-1]),
                clause_start,
                clause_end,
            )
            repeated[(clause_start, clause_end)] = not view.quotes.unique(*widest)
        if repeated[(clause_start, clause_end)]:
            continue
        for reach in _REACHES:
            # Words on both sides first; then only after, or only before, the number.
            for before, after in ((reach, reach), (0, reach), (reach, 0)):
                start, end = _widen(
                    text,
                    q,
                    max(clause_start, q.start - before),
                    min(clause_end, q.end + after),
                    clause_start,
                    clause_end,
                )
                start, end = min(start, core_of[0]), max(end, core_of[1])  # the deciding words
                if (start, end) in tried:
                    continue
                tried.add((start, end))
                # Uniqueness first: an index lookup of bounded cost, where naming the number once may read the quote.
                if view.quotes.unique(start, end) and _names_once(text, start, end, q, view.lang, numbers):
                    return start, end
    return q.start, q.end


_REACHES = (30, 45, 70, 110, 200, 400)
_SPACE = re.compile(r"\s+")  # any space cuts words: a no-break space or a tab as well as " "
_LAST_SPACE = re.compile(r"\s+(?=\S*\Z)")


def _widen(text: str, q: QuantityMatch, start: int, end: int, clause_start: int, clause_end: int) -> tuple[int, int]:
    """Cut a window at word boundaries, without punctuation at its ends."""
    if start > clause_start and start < q.start:
        space = _SPACE.search(text, start, q.start)
        start = space.end() if space else q.start
    if end < clause_end and end > q.end:
        space = _LAST_SPACE.search(text, q.end, end)
        end = space.start() if space else q.end
    while start < q.start and not text[start].isalnum():
        start += 1
    while end > q.end and not (text[end - 1].isalnum() or text[end - 1] in "%)"):
        end -= 1
    return start, end


def _names_once(text: str, start: int, end: int, q: QuantityMatch, lang: str, numbers: NumberIndex) -> bool:
    """True when the quote holds the figure's number once, as the figures table checks it (reading the
    quote alone); a quote the text's own reading puts the number in twice is not read again."""
    quote = text[start:end]
    if quote.count(q.number) == 1:
        return True
    if numbers.inside(q.number, start, end) > 1:
        return False
    return sum(m.number == q.number for m in find_quantities(quote, lang)) == 1
