"""Indicator rows for many figure combinations at once: values at every corner, period, basis, formula, inputs, caveats.

The words (basis, formula, the caveats' head) depend on few things, such as which optional inputs
are present and the periods: they are written once per distinct case and shared by every
combination of that case. Values come from the formula evaluated on arrays (:mod:`.corners`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from ..quantity.corners import Bounds, evaluate_arrays
from ..vocab.eras import era_of
from ..vocab.measures import measures
from ..vocab.periods import parse_period, period_length
from .pairing import Figures, years_between
from .registry import Indicator, Recipe

__all__ = ["INDICATOR_COLUMNS", "basis_of", "floor_of", "rows_of"]

#: Columns of the table :func:`coopanalysis.indicators.compute_indicators` returns.
INDICATOR_COLUMNS = [
    "indicator",
    "province",
    "province_2025",
    "borders",
    "article_id",
    "scope",
    "definition",
    "period",
    "base_period",
    "value",
    "low",
    "high",
    "unit",
    "basis",
    "formula",
    "inputs",
    "same_statistics_in",
    "caveats",
    "approximate",
    "reviewed",
]


def floor_of(kind: str) -> float:
    """The least value a figure of this kind can take: a change may be negative down to it."""
    return -100.0 if kind == "change_pct" else (-math.inf if kind == "change_abs" else 0.0)


def rows_of(indicator: Indicator, recipe: Recipe, combos: pd.DataFrame, figures: Figures) -> pd.DataFrame:
    """One row per combination (columns ``p0``, ``p1``... as :func:`.pairing.candidates` gives them),
    with :data:`INDICATOR_COLUMNS` and ``_recipe`` (the recipe's index in the indicator)."""
    columns = [*INDICATOR_COLUMNS, "_recipe"]
    if combos.empty:
        return pd.DataFrame(columns=columns)
    positions = [combos[f"p{n}"].to_numpy() for n in range(len(recipe.roles))]
    first = positions[0]
    pattern = sum((p >= 0).astype("int64") << n for n, p in enumerate(positions))
    second = np.full(len(first), -1)
    for other in positions[1:]:
        second = np.where((second < 0) & (other >= 0), other, second)
    value, low, high = (np.full(len(first), math.nan) for _ in range(3))
    months = figures.month[first] - figures.base_month[first]
    numbers = figures.numbers
    for case in np.unique(pattern):
        rows = pattern == case
        inputs = {
            role.name: Bounds(**{c: numbers[c][p[rows]] for c in ("value", "low", "high")}, floor=floor_of(role.kind))
            for n, (role, p) in enumerate(zip(recipe.roles, positions))
            if case >> n & 1
        }
        compute: Callable[..., object] = recipe.formula
        if recipe.growth_years:
            years = months[rows] / 12
            compute = lambda years=years, **kw: recipe.formula.on_arrays(years=years, **kw)  # noqa: E731
        value[rows], low[rows], high[rows] = evaluate_arrays(compute, **inputs)
    text = figures.columns
    period, base = text["period"][first], text["base_period"][first]
    cases = pd.DataFrame(
        {
            "pattern": pattern,
            "definition": text["definition"][first],
            "period": period,
            "base": base,
            "second": np.where(second >= 0, text["period"][np.where(second >= 0, second, 0)], ""),
            "stated": text[recipe.period_of][first],
        }
    )
    words = {key: _words(indicator, recipe, *key) for key in cases.drop_duplicates().itertuples(index=False, name=None)}
    keys = list(cases.itertuples(index=False, name=None))
    notes = _figure_notes(figures)
    heads = [words[key][2] for key in keys]
    caveats = [
        " | ".join(part for part in (head, *(notes[p] for p in ps if p >= 0)) if part)
        for head, ps in zip(heads, zip(*positions))
    ]
    flags = figures.flags
    present = [p >= 0 for p in positions]
    approximate = np.zeros(len(first), dtype=bool)
    reviewed = np.ones(len(first), dtype=bool)
    for p, here in zip(positions, present):
        approximate |= here & flags["approximate"][p]
        reviewed &= ~here | flags["reviewed"][p]
    return pd.DataFrame(
        {
            "indicator": indicator.name,
            "province": text["province"][first],
            "province_2025": figures.table["province_2025"].to_numpy(dtype=object)[first],
            "borders": figures.table["borders"].to_numpy(dtype=object)[first],
            "_recipe": indicator.recipes.index(recipe),
            "article_id": text["article_id"][first],
            "scope": text["scope"][first],
            "definition": text["definition"][first],
            "period": cases["stated"].to_numpy(),
            "base_period": base if recipe.period_of == "period" else "",
            "value": value,
            "low": low,
            "high": high,
            "unit": indicator.unit,
            "basis": [words[key][0] for key in keys],
            "formula": [words[key][1] for key in keys],
            "inputs": [";".join(text["figure_id"][p] for p in ps if p >= 0) for ps in zip(*positions)],
            "caveats": caveats,
            "approximate": approximate,
            "same_statistics_in": "",
            "reviewed": reviewed,
        },
        columns=columns,
    )


def _words(
    indicator: Indicator,
    recipe: Recipe,
    pattern: int,
    definition: str,
    period: str,
    base: str,
    second: str,
    stated: str,
) -> tuple[str, str, str]:
    """Basis, formula and the caveats' head of one case: which inputs are present and the first two's periods."""
    rows = [
        {"definition": definition, "period": period, "base_period": base, "flag": "", "note": "", "figure_id": ""},
        {"definition": definition, "period": second, "base_period": "", "flag": "", "note": "", "figure_id": ""},
    ]
    combo = tuple((rows[0] if n == 0 else rows[1]) if pattern >> n & 1 else None for n in range(len(recipe.roles)))
    present = [(role, row) for role, row in zip(recipe.roles, combo) if row is not None]
    formula = recipe.formula.without([role.name for role, row in zip(recipe.roles, combo) if row is None])
    if recipe.growth_years:
        formula += f", years = {years_between(base, period):g} ({base} to {period})"
    return basis_of(indicator, recipe, present, stated), formula, _caveats(indicator, recipe, present, combo)


def _figure_notes(figures: Figures) -> list[str]:
    """What each figure adds to the caveats of a value it enters: its flag and its note (written once per table)."""
    if figures.notes is not None:
        return figures.notes
    table = figures.table
    notes = figures.notes = []
    for figure_id, flag, reason, note in zip(
        *(table[c].tolist() for c in ("figure_id", "flag", "flag_reason", "note"))
    ):
        parts = [f"{figure_id} flagged ({flag}): {reason}"] if flag else []
        notes.append(" | ".join(parts + ([f"{figure_id}: {note}"] if note else [])))
    return notes


def basis_of(indicator: Indicator, recipe: Recipe, present: list, period: str) -> str:
    """What a value is comparable on, in words; values of one indicator with different bases are not comparable.

    * a flow set against a stock, or a stated change: the length of its period ("over 4 years");
    * an achievement against a target: how far into the target's period ("to 2023 of 2021–2025");
    * money: the five-year plan period it falls in (nominal VND is not compared across them);
    * a denominator that may leave out some terms: what it counts;
    * inputs with a ``definition`` (a subset, another count): that definition, first.
    """
    first = present[0][1]
    parts = [first["definition"]] if first["definition"] else []  # a subset is no province-wide value
    natures = {measures()[role.measure].nature for role, _ in present}
    if recipe.periods == "flow_stock" or ("flow" in natures and len(natures) > 1 and recipe.periods != "within_target"):
        parts.append(f"over {period_length(first['period'])}")
    if any(role.kind in ("change_pct", "change_abs") for role, _ in present) and not recipe.growth_years:
        parts.append(
            f"change over {years_between(first['base_period'], first['period']):g} years"
            if first["base_period"]
            else "change against a time the article does not state"
        )
    if recipe.periods == "within_target":
        achieved, target = present[0][1]["period"], present[1][1]["period"]
        parts.append(f"to {parse_period(achieved).end.year} of a {target.replace('-', '–')} target")
    if indicator.unit.startswith("VND") and period:
        era = era_of(period)  # data/eras.csv: nominal VND is not compared across them
        parts.append(era.era if era else f"VND of {parse_period(period).end.year}")
    if any(role.optional for role in recipe.roles):
        counted = [measures()[role.measure].label.lower() for role, _ in present[1:]]
        parts.append("counting " + (", ".join(counted[:-1]) + " and " if len(counted) > 1 else "") + counted[-1])
    return "; ".join(parts)


def _caveats(indicator: Indicator, recipe: Recipe, present: list, combo: tuple) -> str:
    notes = [indicator.caveat] if indicator.caveat else []
    optional = [role for role in recipe.roles if role.optional]
    if optional:
        # What the denominator counts, when the recipe can leave out some of its terms.
        counted = ", ".join(role.measure for role, _ in present[1:])
        absent = [role.measure for role, row in zip(recipe.roles, combo) if row is None]
        notes.append(
            f"denominator counts {counted}" + (f"; the article reports no {', '.join(absent)}" if absent else "")
        )
    if recipe.periods == "within_target":
        achieved, target = (parse_period(present[i][1]["period"]) for i in (0, 1))
        if achieved.end < target.end:
            notes.append(f"progress to {achieved.end.year}: the target runs to {target.end.year}")
    return " | ".join(notes)
