"""One number being read (:class:`Mention`): what the parser found and what the words around it say."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..quantity.parse import QuantityMatch
from .cues import CueIndex
from .words import Noun

__all__ = ["Mention", "SentenceSoFar", "mention_type"]


@dataclass
class Mention:
    """One number being read: what the parser found and what the words around it say."""

    q: QuantityMatch
    sentence: tuple[int, int]
    clause: tuple[int, int]
    type: str  # count, money, percent, times, area
    noun: Noun | None = None
    elided: bool = False
    measure: str = "other"
    confidence: float = 0.4
    evidence: list[str] = field(default_factory=list)
    kind: str = "level"
    definition: str = ""  # the part of the whole the figure counts ("members of transport cooperatives only")
    before_sector: str = ""  # the measure before a sector's cue turned it ("cooperatives" of "1,015 in agriculture")
    part: bool = False  # a part of a count before it: one sector of a list, or after "of which", "trong đó"
    taken: str = ""  # what the figure before counts, for a count that leaves its noun out
    paired: bool = False  # its measure is the one of the words its list pairs it with ("respectively")
    noun_measure: str = ""  # what its noun counts (for a noun left out: the noun before), before any cue
    base_period: str = ""
    period_form: str = ""  # the form of the period phrase that dated it ("date": the article's date)
    next_start: int = 0
    previous_end: int = -1
    keep: bool = True
    previous: Mention | None = None  # the last kept figure before it in its sentence
    previous_amount: Mention | None = None  # the last kept count or amount before it in its sentence
    clause_first: Mention | None = None  # the first kept figure of its clause, if before it
    roles: list = field(default_factory=list)  # the cues that turned its measure, (role, words, label, span)
    spans: list = field(default_factory=list)  # where the words that decided its reading stand, for its quote
    cued: list = field(default_factory=list)  # every cue that governs it, turning its measure or not
    run: list = field(default_factory=list)  # the figures listed with it (see lists.runs), one list per run
    governed: dict = field(default_factory=dict)  # family -> the cue governing it (looked up once)
    after: list = field(default_factory=list)  # the cues after it, up to the next number
    reached: Mention | None = None  # for a change (or the level it started from): the level it reached

    def cue(self, cues: CueIndex, family: str):
        """The cue of ``family`` that governs this number (see :meth:`CueIndex.governing`)."""
        if family not in self.governed:
            self.governed[family] = cues.governing(family, self.q.number_start, self.previous_end)
        return self.governed[family]

    def say(self, text: str) -> None:
        self.evidence.append(text)


def mention_type(q: QuantityMatch) -> str:
    """What sort of number it is, from its unit: count, money, percent, times or area."""
    unit = q.quantity.unit
    if unit == "%":
        return "percent"
    if unit == "times":
        return "times"
    if unit.startswith(("VND", "USD")):
        return "money"
    if unit == "ha":
        return "area"
    return "count"


class SentenceSoFar:
    """The kept figures of the sentence being read, in order, for the figures after them.

    Looked up by position and bisection, never by rescanning the figures before: a text that is
    one long sentence (a list of thousands of items) must still be read in linear time.
    """

    def __init__(self) -> None:
        self.sentence: tuple[int, int] | None = None
        self.last_named_count: Mention | None = None  # the last kept count with a measure, in any sentence
        self._clear()

    def _clear(self) -> None:
        self.kept: list[Mention] = []
        self.indices: list[int] = []
        self.counts: list[Mention] = []
        self.count_indices: list[int] = []
        self.count_ends: list[int] = []
        self.first_of_clause: dict[tuple[int, int], Mention] = {}
        self.last_amount: Mention | None = None

    def begin(self, m: Mention) -> None:
        """Give ``m`` what the kept figures before it in its sentence say."""
        if m.sentence != self.sentence:
            self.sentence = m.sentence
            self._clear()
        m.previous = self.kept[-1] if self.kept else None
        m.previous_amount = self.last_amount
        m.clause_first = self.first_of_clause.get(m.clause)

    def add(self, index: int, m: Mention) -> None:
        """Record ``m`` (the figure at ``index``) as kept."""
        self.kept.append(m)
        self.indices.append(index)
        self.first_of_clause.setdefault(m.clause, m)
        if m.type in ("count", "money"):
            self.last_amount = m
        if m.type == "count" and m.measure != "other":
            self.last_named_count = m
        if m.type == "count":
            self.counts.append(m)
            self.count_indices.append(index)
            self.count_ends.append(m.q.end)

    def paired(self, run_start: int, length: int, position: int, counts_ending_by: int | None = None) -> Mention | None:
        """The figure before the list starting at ``run_start`` paired in order with its ``position``-th
        item: the ``length`` last kept figures before the list (counts ending by ``counts_ending_by``
        when given), or None when there are fewer."""
        if counts_ending_by is None:
            before, k = self.kept, bisect.bisect_left(self.indices, run_start)
        else:
            before = self.counts
            k = min(
                bisect.bisect_left(self.count_indices, run_start),
                bisect.bisect_right(self.count_ends, counts_ending_by),
            )
        return before[k - length + position] if k >= length else None
