"""A proposed row for a read number: its value in the measure's unit, and a short verbatim quote."""

from __future__ import annotations

from ..quantity.normalize import normalize_quantity
from ..quantity.parse import QuantityMatch, find_quantities
from ..vocab.measures import measures
from .mention import Mention
from .text import TextView

__all__ = ["proposed_row"]


def proposed_row(view: TextView, m: Mention, scope: str, period: str, scope_basis: str, period_basis: str) -> dict | None:
    """The row of ``m``, or None when its number cannot be expressed in any measure's unit."""
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
    start, end = _quote_span(view, q, m.clause)
    evidence = "; ".join(m.evidence + [f"period: {period_basis}", f"scope: {scope_basis}"])
    return {
        "quote": view.text[start:end], "start": start, "end": end, "number": q.number,
        "measure": m.measure, "kind": m.kind, "value": value, "low": low, "high": high,
        "qualifier": q.quantity.qualifier, "unit": unit, "period": period, "base_period": m.base_period,
        "scope": scope, "confidence": round(m.confidence, 2), "number_start": q.number_start,
        "number_end": q.number_end, "evidence": evidence,
    }


def _quote_span(view: TextView, q: QuantityMatch, clause: tuple[int, int]) -> tuple[int, int]:
    """A short verbatim quote around the quantity that occurs once in the text and names its number once.

    It stays inside the clause while that gives a unique quote; a clause repeated word for word
    (a lead that repeats the headline) takes words from around it.
    """
    text = view.text
    bounds = [(min(clause[0], q.start), max(clause[1], q.end))]
    paragraph = view.paragraph(q.start)
    bounds += [(min(paragraph[0], q.start), max(paragraph[1], q.end)), (0, len(text))]
    for clause_start, clause_end in bounds:
        for reach in (30, 45, 70, 110, 200, 400):
            # Words on both sides first; then only after, or only before, the number.
            for before, after in ((reach, reach), (0, reach), (reach, 0)):
                start, end = _widen(text, q, max(clause_start, q.start - before), min(clause_end, q.end + after),
                                    clause_start, clause_end)
                if _names_once(text, start, end, q, view.lang) and view.quotes.unique(start, end):
                    return start, end
    return q.start, q.end


def _widen(text: str, q: QuantityMatch, start: int, end: int, clause_start: int, clause_end: int) -> tuple[int, int]:
    """Cut a window at word boundaries, without punctuation at its ends."""
    if start > clause_start and start < q.start:
        space = text.find(" ", start, q.start)
        start = space + 1 if space >= 0 else q.start
    if end < clause_end and end > q.end:
        space = text.rfind(" ", q.end, end)
        end = space if space >= 0 else q.end
    while start < q.start and not text[start].isalnum():
        start += 1
    while end > q.end and not (text[end - 1].isalnum() or text[end - 1] in "%)"):
        end -= 1
    return start, end


def _names_once(text: str, start: int, end: int, q: QuantityMatch, lang: str) -> bool:
    """True when the quote holds the figure's number once, as the figures table checks it."""
    quote = text[start:end]
    if quote.count(q.number) == 1:
        return True
    return sum(m.number == q.number for m in find_quantities(quote, lang)) == 1
