"""Indicator tables for people: the registry as a table, and one row per province with its latest values."""

from __future__ import annotations

import math

import pandas as pd

from ..vocab.periods import parse_period
from .registry import INDICATORS, PERIOD_RULES, Role

__all__ = ["indicators_table", "indicators_wide"]


def _role_text(role: Role) -> str:
    text = role.measure if role.kind == "level" else f"{role.measure} ({role.kind})"
    return text + (" [optional]" if role.optional else "")


def indicators_table() -> pd.DataFrame:
    """The registry as a table: name, title, unit, description, formulas and their inputs, combination rules, caveat."""
    return pd.DataFrame(
        [
            {
                "indicator": i.name,
                "title": i.title,
                "topic": i.topic,
                "unit": i.unit,
                "description": i.description,
                "formula": " | ".join(r.formula.text for r in i.recipes),
                # What each name of the formula stands for: "name = measure (kind)", one group per recipe.
                "inputs": " | ".join(
                    ", ".join(f"{role.name} = {_role_text(role)}" for role in r.roles) for r in i.recipes
                ),
                "combines": " | ".join(dict.fromkeys(PERIOD_RULES[r.periods] for r in i.recipes)),
                "caveat": i.caveat,
            }
            for i in INDICATORS
        ]
    )


def indicators_wide(indicators: pd.DataFrame, scope: str = "province") -> pd.DataFrame:
    """One row per province, and per indicator its latest period's value, bounds and period.

    Columns are ``<indicator>``, ``<indicator>_low``, ``<indicator>_high``, ``<indicator>_period``,
    ``<indicator>_basis`` (what the value is comparable on), ``<indicator>_inputs`` (the figure
    ids behind the cell) and ``<indicator>_reviewed`` (False when an input is an unreviewed proposal).
    Only values of what the measures define: a value whose inputs have a
    ``definition`` (a subset such as "of the 70 agricultural cooperatives") is not a province's value.
    National reports are the row ``national``. Where the latest period has several
    rows for one province (two articles, two readings), the cell spans them: the lowest low and
    highest high, with a value only if they all agree; an open bound in any of them leaves the
    cell's bound open.
    """
    selected = indicators[
        indicators["scope"].isin([scope, "national"])
        & (indicators["definition"] == "")
        & indicators["indicator"].isin([i.name for i in INDICATORS if i.in_wide])
    ]
    cells: dict[str, dict[str, object]] = {}
    for (indicator, province), group in selected.groupby(["indicator", "province"], sort=True):
        ends = group["period"].map(lambda p: parse_period(p).end)
        latest = group[ends == ends.max()]
        values = latest["value"].tolist()
        same = all(v == values[0] for v in values) and not math.isnan(values[0])
        lows, highs = latest["low"], latest["high"]
        cells.setdefault(province, {"province": province}).update(
            {
                indicator: values[0] if same else math.nan,
                f"{indicator}_low": math.nan if lows.isna().any() else lows.min(),
                f"{indicator}_high": math.nan if highs.isna().any() else highs.max(),
                f"{indicator}_period": latest["period"].iloc[0],
                f"{indicator}_basis": "; ".join(dict.fromkeys(latest["basis"])),
                f"{indicator}_inputs": ";".join(latest["inputs"]),
                f"{indicator}_reviewed": bool(latest["reviewed"].all()),
            }
        )
    columns = ["province"] + [
        f"{i.name}{suffix}"
        for i in INDICATORS
        if i.in_wide
        for suffix in ("", "_low", "_high", "_period", "_basis", "_inputs", "_reviewed")
    ]
    wide = pd.DataFrame(list(cells.values()), columns=columns)
    return wide.sort_values("province", ignore_index=True)
