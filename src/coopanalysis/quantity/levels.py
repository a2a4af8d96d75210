"""Levels stated with a change: "fell by 3 to 120" is a change of -3 and the level it reached, 120.

A change names the level it started from with "from" ("decreased from 20,000", "tăng từ 1.200":
the grammar reads that number as a level, not a change), and the level it reached after a
connector of ``data/quantity/levels.csv`` ("to", "lên", "xuống còn"), past at most the change's
own noun ("by 3 cooperatives to") and the date of the level before ("from 20,000 in 2022 to").
Such a number is a level, whatever words of comparison follow it: "fell by 3 to 120 compared to
2022" states 120 cooperatives, not a change of +120.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .grammar import LEVEL_CONNECTORS, alternation
from .model import QuantityMatch

__all__ = ["mark_levels"]

# Words that cannot be a change's noun: they start a comparison or a date ("compared to 120").
_NOT_NOUN = "compared|than|against|over|from|with|so|since|by|in|on|at|of|per|each|for|as|and|or|và|năm"
_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
_BETWEEN = re.compile(
    rf"""
    (?:\s+(?!(?:{_NOT_NOUN})\b){_WORD}){{0,3}}                 # the change's noun: "by 3 cooperatives to"
    (?:\s*,?\s*(?:in|năm|vào\s+năm)\s+(?:19|20)\d\d)?         # the date of the level before: "in 2022 to"
    \s*,?\s+(?:{alternation(LEVEL_CONNECTORS)})\s+
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: The furthest a level may stand from the change it ends (the words above fit in it).
_REACH = 80


def mark_levels(text: str, found: list[QuantityMatch]) -> list[QuantityMatch]:
    """``found`` (quantities of ``text`` in order) with ``level`` "to" on each level a change reached."""
    marked, change_end = [], None
    for q in found:
        if (
            change_end is not None
            and 0 <= q.start - change_end <= _REACH
            and _BETWEEN.fullmatch(text, change_end, q.start)
        ):
            q = replace(q, level="to")
        if q.quantity.direction or q.level == "from":
            change_end = q.end
        marked.append(q)
    return marked
