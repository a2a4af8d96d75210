"""Lists of figures that share their words: a noun left out, "N of them", totals and "respectively".

* "1,015 cooperatives in agriculture, 228 in industry; eight in construction": a count whose noun
  is left out takes the measure of the count before it in the sentence (else the sentence before).
* "set up 35 new co-operatives and 80 co-operative groups, taking the total to 640 and 3,250":
  a run of totals takes, in order, the measures of the run of counts before the cue.
* "revenue and profit ... 1.6 billion VND and 203.5 million VND", "up 3.5 times and 4 times
  respectively": a run of figures pairs, in order, with the keywords or figures before it.

A *run* is a sequence of figures joined only by commas, semicolons, "and" or "or" ("và", "hoặc").
"""

from __future__ import annotations

import re

__all__ = ["runs"]

_JOINER = re.compile(r"\s*(?:,|;|\band\b|\bor\b|,\s*and\b|\bas well as\b|\bvà\b|\bhoặc\b|,\s*và\b)\s*", re.I)


def runs(mentions: list, text: str) -> list[list[int]]:
    """Indices of the mentions grouped into runs (each mention is in exactly one run)."""
    groups: list[list[int]] = []
    for i, mention in enumerate(mentions):
        if groups and _joined(mentions[groups[-1][-1]], mention, text):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _joined(first, second, text: str) -> bool:
    """True when only a joiner stands between two figures of one sentence and type (after the first's noun)."""
    if first.sentence != second.sentence or first.type != second.type:
        return False
    start = first.noun.end if first.noun is not None else first.q.end
    between = text[start : second.q.start]
    return bool(_JOINER.fullmatch(between)) or between.strip() == ""
