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

import numpy as np
import pandas as pd

from ..quantity.corners import Bounds, evaluate_arrays
from ..vocab.measures import measures
from ..vocab.provinces import former_provinces
from .panel import SETTLED

__all__ = ["MERGER_COLUMNS", "provinces_2025_view"]

MERGER_COLUMNS = [
    "province_2025",
    "measure",
    "definition",
    "period",
    "value",
    "low",
    "high",
    "unit",
    "status",
    "former_provinces",
    "stated_for",
    "missing",
    "inputs",
    "articles",
    "reviewed",
]
_KEY = ["province_2025", "measure", "definition", "period"]


def _view(parts: pd.DataFrame, merged: bool) -> pd.DataFrame:
    """One row per key of ``parts`` (statistics of one borders' kind), their bounds summed at once."""
    if parts.empty:
        return pd.DataFrame(columns=MERGER_COLUMNS)
    group = parts.groupby(_KEY, sort=True, dropna=False).ngroup().to_numpy()
    order = np.argsort(group, kind="stable")
    parts, group = parts.iloc[order], group[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, len(group)])
    value, low, high = (np.full(len(starts), math.nan) for _ in range(3))
    numbers = {c: parts[c].to_numpy(dtype="float64") for c in ("value", "low", "high")}
    for size in np.unique(sizes):
        chosen = np.flatnonzero(sizes == size)
        names = [f"x{i}" for i in range(size)]
        inputs = {
            n: Bounds(*(numbers[c][starts[chosen] + i] for c in ("value", "low", "high"))) for i, n in enumerate(names)
        }
        # Added in the parts' order, as one figure at a time would add them.
        value[chosen], low[chosen], high[chosen] = evaluate_arrays(
            lambda names=names, **values: sum(values[n] for n in names), **inputs
        )
    keys = parts[_KEY].to_numpy(dtype=object)[starts]
    province, figures = parts["province"].tolist(), parts["figures"].tolist()
    articles, reviewed = parts["articles"].tolist(), parts["reviewed"].to_numpy(dtype=bool)
    units = parts["unit"].to_numpy(dtype=object)[starts]
    rows = []
    for n, (start, size) in enumerate(zip(starts, sizes)):
        key, end = keys[n], start + size
        formers = former_provinces(key[0])
        status = (
            "merged province"
            if merged
            else "unchanged"
            if len(formers) == 1
            else "complete"
            if set(formers) <= set(province[start:end])
            else "partial"
        )
        stated = sorted(province[start:end]) if not merged else []
        partial = status == "partial"  # the missing provinces add an unknown amount
        rows.append(
            {
                **dict(zip(_KEY, key)),
                "value": math.nan if partial else value[n],
                "low": low[n],
                "high": math.nan if partial else high[n],
                "unit": units[n],
                "status": status,
                "former_provinces": "; ".join(formers),
                "stated_for": "; ".join(stated) or f"{key[0]} since July 2025 (the merged territory)",
                "missing": "; ".join(p for p in formers if p not in stated) if stated else "",
                "inputs": ";".join(figures[start:end]),
                "articles": ";".join(dict.fromkeys(articles[start:end])),
                "reviewed": bool(reviewed[start:end].all()),
            }
        )
    return pd.DataFrame(rows, columns=MERGER_COLUMNS)


def provinces_2025_view(panel: pd.DataFrame) -> pd.DataFrame:
    """Provincial statistics of :func:`coopanalysis.across.panel.figure_panel` by the 34 provinces.

    Returns :data:`MERGER_COLUMNS`, one row per province after the merger, measure, definition,
    period and status, sorted by them. ``stated_for`` names the former provinces (or the merged
    one) whose figures are summed, ``missing`` those without a figure, ``inputs`` the figure ids.
    """
    catalogue = measures()
    usable = panel[
        (panel["scope"] == "province")
        & (panel["kind"] == "level")
        & (panel["base_period"] == "")
        & panel["status"].isin(SETTLED)
        & panel["measure"].map(lambda m: catalogue[m].summable)
    ]
    parts = [
        _view(usable[usable["borders"] == "post-merger"], merged=True),
        _view(usable[usable["borders"].isin(["pre-merger", "unchanged"])], merged=False),
    ]
    table = pd.concat([p for p in parts if not p.empty] or parts[:1], ignore_index=True)
    table = table.astype({"value": "float64", "low": "float64", "high": "float64", "reviewed": "bool"})
    return table.sort_values([*_KEY, "status"], kind="stable", ignore_index=True)
