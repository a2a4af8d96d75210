"""The 34-province view: provincial statistics on the provinces formed by the July 2025 merger.

For each province after 1 July 2025, measure, definition and period:

* ``unchanged``: the merger left the province as it was; its figure is the province's.
* ``complete``: every former province has a figure for that period; their sum is the total.
* ``partial``: some former provinces have none. The missing ones are named, and only a lower
  bound is given (the sum of the parts that are stated: counts and totals cannot be negative).
* ``merged province``: an article after the merger states it for the merged territory.

Only measures that add up (``summable`` in ``data/measures.csv``: counts, money totals, areas;
stocks and flows) are summed, only levels, only the same period label, only provincial scope.
Averages, shares, changes, targets and per-unit indicators are never summed. National figures
are not provinces and stay out of this view.
"""

from __future__ import annotations

import math

import pandas as pd

from ..quantity.intervals import Interval, evaluate
from ..vocab.measures import measures
from ..vocab.provinces import former_provinces
from .panel import SETTLED

__all__ = ["MERGER_COLUMNS", "provinces_2025_view"]

MERGER_COLUMNS = [
    "province_2025", "measure", "definition", "period", "value", "low", "high", "unit", "status",
    "former_provinces", "stated_for", "missing", "inputs", "articles", "reviewed",
]
_KEY = ["province_2025", "measure", "definition", "period"]


def _sum(parts: pd.DataFrame) -> Interval:
    names = [f"x{i}" for i in range(len(parts))]
    inputs = {n: Interval(r.value, r.low, r.high) for n, r in zip(names, parts.itertuples(index=False))}
    return evaluate(lambda **values: sum(values.values()), **inputs)


def _row(key: tuple, parts: pd.DataFrame, status: str, formers: tuple[str, ...]) -> dict:
    total = _sum(parts)
    stated = sorted(parts["province"]) if status != "merged province" else []
    value, low, high = total.value, total.low, total.high
    if status == "partial":
        value, high = math.nan, math.nan  # the missing provinces add an unknown amount
    return {
        **dict(zip(_KEY, key)), "value": value, "low": low, "high": high, "unit": parts["unit"].iloc[0],
        "status": status, "former_provinces": "; ".join(formers),
        "stated_for": "; ".join(stated) or f"{key[0]} since July 2025 (the merged territory)",
        "missing": "; ".join(p for p in formers if p not in stated) if stated else "",
        "inputs": ";".join(parts["figures"]), "articles": ";".join(dict.fromkeys(parts["articles"])),
        "reviewed": bool(parts["reviewed"].all()),
    }


def provinces_2025_view(panel: pd.DataFrame) -> pd.DataFrame:
    """Provincial statistics of :func:`coopanalysis.across.panel.figure_panel` by the 34 provinces.

    Returns :data:`MERGER_COLUMNS`, one row per province after the merger, measure, definition,
    period and status, sorted by them. ``stated_for`` names the former provinces (or the merged
    one) whose figures are summed, ``missing`` those without a figure, ``inputs`` the figure ids.
    """
    catalogue = measures()
    usable = panel[(panel["scope"] == "province") & (panel["kind"] == "level") & (panel["base_period"] == "")
                   & panel["status"].isin(SETTLED)
                   & panel["measure"].map(lambda m: catalogue[m].summable)]
    rows = []
    merged = usable[usable["borders"] == "post-merger"]
    for key, parts in merged.groupby(_KEY, sort=True, dropna=False):
        rows.append(_row(key, parts, "merged province", former_provinces(key[0])))
    before = usable[usable["borders"].isin(["pre-merger", "unchanged"])]
    for key, parts in before.groupby(_KEY, sort=True, dropna=False):
        formers = former_provinces(key[0])
        status = ("unchanged" if len(formers) == 1 else
                  "complete" if set(formers) <= set(parts["province"]) else "partial")
        rows.append(_row(key, parts, status, formers))
    table = pd.DataFrame(rows, columns=MERGER_COLUMNS).astype({"value": "float64", "low": "float64", "high": "float64",
                                                               "reviewed": "bool"})
    return table.sort_values([*_KEY, "status"], kind="stable", ignore_index=True)
