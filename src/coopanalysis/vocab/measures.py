"""The measure vocabulary: what a figure counts, in which unit, and its nature (stock, flow, average)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ..base.paths import DATA_DIR

__all__ = ["KINDS", "Measure", "measures", "measures_table"]

#: What a figure states about its measure.
KINDS = {
    "level": "the value of the measure in the period",
    "target": "a planned value for the period",
    "change_pct": "change against base_period, in percent",
    "change_abs": "change against base_period, in the measure's unit",
    "share_pct": "share of a whole, in percent",
    "target_share_pct": 'a planned share of a whole, in percent ("raise the share rated good to 45-50 per cent")',
}


@dataclass(frozen=True)
class Measure:
    """One entry of the vocabulary: its name, label for readers, unit, type of unit and definition."""

    name: str
    label: str
    unit: str
    unit_type: str  # count | money | money_rate | money_area | area | any
    nature: str  # stock (counted at a date) | flow (over a period) | average | none
    definition: str

    @property
    def summable(self) -> bool:
        """Counts and money totals add up across provinces; averages, rates and shares never do."""
        return self.nature in ("stock", "flow") and self.unit_type in ("count", "money", "money_rate", "area")

    @property
    def per(self) -> str:
        """Time denominator of a money rate ("year" for VND/year), else ""."""
        return self.unit.rsplit("/", 1)[1] if self.unit_type == "money_rate" else ""


@cache
def measures() -> dict[str, Measure]:
    """Return the vocabulary, keyed by measure name (read once from ``data/measures.csv``)."""
    with open(DATA_DIR / "measures.csv", newline="", encoding="utf-8") as handle:
        return {
            row["measure"]: Measure(
                row["measure"], row["label"], row["unit"], row["unit_type"], row["nature"], row["definition"]
            )
            for row in csv.DictReader(handle)
        }


def measures_table() -> pd.DataFrame:
    """Return the vocabulary as a DataFrame, one row per measure."""
    return pd.DataFrame([vars(m) for m in measures().values()]).rename(columns={"name": "measure"})
