"""One number being read (:class:`Mention`): what the parser found and what the words around it say."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..quantity import QuantityMatch
from .cues import CueIndex
from .words import Noun

__all__ = ["Mention", "mention_type"]


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
    base_period: str = ""
    next_start: int = 0
    previous_end: int = -1
    keep: bool = True
    before: list = field(default_factory=list)  # the kept figures before it in its sentence
    roles: list = field(default_factory=list)  # the cues that turned its measure, (role, words)
    run: list = field(default_factory=list)  # the figures listed with it (see lists.runs)
    governed: dict = field(default_factory=dict)  # family -> the cue governing it (looked up once)
    after: list = field(default_factory=list)  # the cues after it, up to the next number

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
