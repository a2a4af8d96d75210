"""The quantity a text states, and one found in a longer text: value, bounds, unit and span."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quantity", "QuantityError", "QuantityMatch"]


class QuantityError(ValueError):
    """The text is not one quantity the parser understands."""


@dataclass(frozen=True)
class Quantity:
    """A parsed quantity: the stated value, its bounds and its unit."""

    value: float
    low: float
    high: float
    qualifier: str
    unit: str
    reported_unit: str
    per: str
    direction: str = ""
    ambiguity: str = ""

    @property
    def is_range(self) -> bool:
        return self.qualifier == "range"

    @property
    def approximate(self) -> bool:
        return self.qualifier == "about"


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a longer text, with character offsets into that text."""

    start: int
    end: int
    number_start: int
    number_end: int
    text: str
    number: str
    quantity: Quantity
    part: str = ""  # "numerator" or "denominator" of a fraction before a noun ("11/15 HTX"), else ""
    #: A level stated with a change: "from" the level it started from ("rose from 1,200", "tăng từ
    #: 1.200"), "to" the level it reached ("fell by 3 to 120", "giảm 7% xuống còn 1,2 tỷ"); else "".
    level: str = ""
