"""What the words beside a quantity add to it: a time unit stated apart from an amount, and the unit of a change's
second end.

Both are data: ``data/quantity/rate_words.csv`` ("an average yearly income of 54 million VND",
"40 triệu đồng năm") and ``data/quantity/joins.csv`` ("từ 60 triệu lên 500 triệu đồng": the first
end is 60 million VND too), each row with an example that the tests read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .grammar import SCALES, alternation, quantity_words
from .model import Quantity

__all__ = ["carried", "stated_per"]

# A phrase before the amount reaches it over words only: no digit, no end of sentence between.
_BEFORE_REACH = 60
_CLAUSE_END = r"(?=\s*(?:[.,;:!?)\]\n]|$))"


def _rate_patterns() -> tuple[re.Pattern, re.Pattern, dict[tuple[str, str], str]]:
    rows = quantity_words("rate_words")
    per = {(row["position"], " ".join(row["phrase"].lower().split())): row["per"] for row in rows}
    before = alternation(row["phrase"] for row in rows if row["position"] == "before")
    after = "|".join(
        rf"(?:{alternation([row['phrase']])}){_CLAUSE_END if row['needs'] == 'clause_end' else ''}"
        for row in sorted(rows, key=lambda r: len(r["phrase"]), reverse=True)
        if row["position"] == "after"
    )
    return (
        re.compile(rf"\b({before})\b[^\d.;!?]{{0,{_BEFORE_REACH}}}$", re.IGNORECASE),
        re.compile(rf"\s+({after})(?!\w)", re.IGNORECASE),
        per,
    )


_BEFORE, _AFTER, _PER = _rate_patterns()
_JOIN = re.compile(rf"\s+(?:{alternation(row['word'] for row in quantity_words('joins'))})\s+$", re.IGNORECASE)
_FROM = re.compile(r"\b(?:từ|from)\s+$", re.IGNORECASE)


def stated_per(text: str, start: int, end: int, quantity: Quantity) -> tuple[Quantity, int]:
    """An amount of money with no time unit of its own takes one the words beside it state.

    ``start``, ``end``: the quantity's span in ``text``. Only ``per`` is set (the amount's unit
    stays as written): it tells a money rate's period, so a yearly income is divided by 12 for a
    measure per month (:func:`coopanalysis.quantity.normalize.normalize_quantity`). Returns the
    quantity and where it now ends: past a phrase after it, which a quote must then take in.
    """
    if quantity.per or not quantity.unit.startswith(("VND", "USD")):
        return quantity, end
    after = _AFTER.match(text, end)
    if after:
        return replace(quantity, per=_PER[("after", " ".join(after.group(1).lower().split()))]), after.end()
    before = _BEFORE.search(text, max(0, start - _BEFORE_REACH - 20), start)
    if before:
        return replace(quantity, per=_PER[("before", " ".join(before.group(1).lower().split()))]), end
    return quantity, end


def carried(
    text: str, first: tuple[int, int, int, str, Quantity], second: tuple[int, int, int, str, Quantity]
) -> Quantity:
    """The first end of "từ 60 triệu lên 500 triệu đồng" with the second's currency (and scale if it has none).

    Each end is ``(start, number start, end, scale word or "", quantity)`` of its match. Only a plain first number
    opened by "từ"/"from" and joined to the second by a word of ``joins.csv`` takes anything.
    """
    _, number_start, end, scale, quantity = first
    second_start, _, _, second_scale, second_quantity = second
    if (
        quantity.unit
        or quantity.direction
        or not second_quantity.unit.startswith(("VND", "USD"))
        or not _FROM.search(text, max(0, number_start - 8), number_start)
        or not _JOIN.search(text, end, second_start)
    ):
        return quantity
    factor = SCALES.get(second_scale.lower(), 1) if not scale else 1
    scaled = {name: getattr(quantity, name) * factor for name in ("value", "low", "high")}
    return replace(
        quantity,
        **scaled,
        unit=second_quantity.unit,
        reported_unit=second_quantity.reported_unit,
        per=second_quantity.per,
    )
