"""Eras of nominal VND (``data/eras.csv``): money of different eras is never compared, summed or drawn on one axis."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from ..base.paths import DATA_DIR
from .periods import parse_period

__all__ = ["Era", "era_of", "eras"]


@dataclass(frozen=True)
class Era:
    """Years whose nominal VND amounts may be set side by side, named, with an example period and the reason."""

    first_year: int
    last_year: int
    era: str
    example: str
    reason: str


@cache
def eras() -> tuple[Era, ...]:
    """The eras, in order."""
    with open(DATA_DIR / "eras.csv", newline="", encoding="utf-8") as handle:
        return tuple(
            Era(int(r["first_year"]), int(r["last_year"]), r["era"], r["example"], r["reason"])
            for r in csv.DictReader(handle)
        )


def era_of(period: str) -> Era | None:
    """The era a period's amount is in, by the year it ends (a stock is valued then; a flow is
    summed in that year's prices at the latest); None outside every era.

    >>> era_of("2021-2024").era
    'VND of 2021–2025'
    """
    year = parse_period(period).end.year
    return next((e for e in eras() if e.first_year <= year <= e.last_year), None)
