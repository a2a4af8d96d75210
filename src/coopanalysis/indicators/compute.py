"""Evaluate the registry's recipes on figures: values with bounds, the inputs behind them, and caveats."""

from __future__ import annotations

import math

import pandas as pd

from ..across.panel import PANEL_KEY
from ..quantity.intervals import Interval, evaluate
from ..vocab.measures import measures
from ..vocab.periods import parse_period, period_length
from .pairing import counts_more, matches, problems, withheld, years_between
from .registry import INDICATOR_BY_NAME, INDICATORS, Indicator, Recipe

__all__ = ["INDICATOR_COLUMNS", "WITHHELD_COLUMNS", "IncompatibleFigures", "combine", "compute_indicators",
           "interval_of", "withheld_indicators"]

#: Columns of the table :func:`compute_indicators` returns.
INDICATOR_COLUMNS = [
    "indicator", "province", "province_2025", "borders", "article_id", "scope", "definition", "period", "base_period",
    "value", "low", "high", "unit", "basis", "formula", "inputs", "same_statistics_in", "caveats", "approximate",
    "reviewed",
]
#: Columns of :func:`withheld_indicators`.
WITHHELD_COLUMNS = ["indicator", "province", "article_id", "scope", "period", "inputs", "reason"]
#: Five-year plan periods: money in nominal VND is compared only within one.
_PLAN_PERIODS = [(start, start + 4) for start in range(1986, 2200, 5)]


class IncompatibleFigures(ValueError):
    """The figures given to :func:`combine` may not be combined; the message says why."""


def compute_indicators(figures: pd.DataFrame) -> pd.DataFrame:
    """Compute every indicator from the figures table (:func:`coopanalysis.load_figures`).

    Returns one row per indicator value with :data:`INDICATOR_COLUMNS`, sorted by indicator,
    province, scope, period and inputs. ``inputs`` lists the figure ids in the formula's order.
    A statistic is counted once: where several articles state the same statistics (a republished
    story), the value is one row, computed from the first article's figures, and
    ``same_statistics_in`` lists the other articles' figures behind it. ``reviewed`` is False
    when an input is a proposal nobody has reviewed. ``definition``: what the inputs count when it
    is not what their measures say; such values are never set beside the province-wide ones.
    """
    rows = [_row(indicator, recipe, combo)
            for indicator in INDICATORS for recipe in indicator.recipes for combo in matches(recipe, figures)]
    table = _counted_once(pd.DataFrame(rows, columns=[*INDICATOR_COLUMNS, "_recipe"]), figures)
    table = table.astype({c: "str" for c in INDICATOR_COLUMNS if c not in ("value", "low", "high", "approximate", "reviewed")})
    table = table.astype({"value": "float64", "low": "float64", "high": "float64", "approximate": "bool",
                          "reviewed": "bool"})
    return table.sort_values(["indicator", "province", "scope", "period", "inputs"], kind="stable", ignore_index=True)


def withheld_indicators(figures: pd.DataFrame) -> pd.DataFrame:
    """Indicators not computed because their inputs count different things, with the reason (:data:`WITHHELD_COLUMNS`)."""
    rows = [{"indicator": indicator.name, "province": combo[0]["province"], "article_id": combo[0]["article_id"],
             "scope": combo[0]["scope"], "period": combo[0]["period"],
             "inputs": ";".join(row["figure_id"] for row in combo if row is not None), "reason": reason}
            for indicator in INDICATORS for recipe in indicator.recipes for combo, reason in withheld(recipe, figures)]
    table = pd.DataFrame(rows, columns=WITHHELD_COLUMNS).astype(str)
    return table.sort_values(["indicator", "province", "inputs"], kind="stable", ignore_index=True)


def _counted_once(table: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator, recipe and set of statistics: a republished story does not count twice.

    Figures are the same statistic when they share the panel's key and reading; the first row (by
    inputs) stays, the others' inputs go to ``same_statistics_in``.
    """
    if table.empty:
        return table.drop(columns="_recipe")
    columns = [figures[c].map(str) for c in [*PANEL_KEY, "value", "low", "high"]]
    reading = columns[0].str.cat(columns[1:], sep="|")
    statistic = dict(zip(figures["figure_id"], reading))
    table = table.assign(_key=table["indicator"] + "#" + table["_recipe"].astype(str) + "#" + table["inputs"].map(
        lambda ids: ";".join(statistic.get(i, i) for i in ids.split(";"))))
    table = table.sort_values("inputs", kind="stable")
    others = table.groupby("_key", sort=False)["inputs"].agg(lambda ids: " | ".join(list(ids)[1:]))
    kept = table.drop_duplicates("_key", keep="first")
    return kept.assign(same_statistics_in=kept["_key"].map(others)).drop(columns=["_key", "_recipe"])


def combine(name: str, figures: pd.DataFrame, **figure_ids: str) -> pd.DataFrame:
    """Compute one indicator from figures chosen by id, e.g. ``members=..., cooperatives=...``.

    Applies the same rules as :func:`compute_indicators` and refuses what they refuse.

    Raises
    ------
    IncompatibleFigures
        Naming every reason the figures cannot be combined (scope, province, kind, period...).
    KeyError
        For an unknown indicator or figure id, listing the known indicators.
    """
    if name not in INDICATOR_BY_NAME:
        raise KeyError(f"unknown indicator {name!r}; known: {', '.join(INDICATOR_BY_NAME)}")
    indicator = INDICATOR_BY_NAME[name]
    by_id = figures.set_index("figure_id", drop=False)
    reasons = []
    for recipe in indicator.recipes:
        wanted = {role.name for role in recipe.roles}
        required = {role.name for role in recipe.roles if not role.optional}
        if not (required <= set(figure_ids) <= wanted):
            continue
        combo = tuple(by_id.loc[figure_ids[role.name]] if role.name in figure_ids else None for role in recipe.roles)
        found = problems(recipe, combo) or [reason for reason in [counts_more(recipe, combo, figures)] if reason]
        if not found:
            return pd.DataFrame([_row(indicator, recipe, combo)], columns=[*INDICATOR_COLUMNS, "_recipe"]).drop(
                columns="_recipe")
        reasons += found
    if not reasons:
        roles = " or ".join(", ".join(r.name for r in recipe.roles) for recipe in indicator.recipes)
        raise IncompatibleFigures(f"{name} takes the inputs {roles}; got {', '.join(figure_ids)}")
    raise IncompatibleFigures(f"{name}: " + "; ".join(dict.fromkeys(reasons)))


def interval_of(row) -> Interval:
    """A figure's bounds as an :class:`Interval`; a change may be negative down to its floor."""
    floor = -100.0 if row["kind"] == "change_pct" else (-math.inf if row["kind"] == "change_abs" else 0.0)
    return Interval(row["value"], row["low"], row["high"], floor)


def _row(indicator: Indicator, recipe: Recipe, combo: tuple) -> dict:
    present = [(role, row) for role, row in zip(recipe.roles, combo) if row is not None]
    first = present[0][1]
    inputs = {role.name: interval_of(row) for role, row in present}
    formula = recipe.formula.without([role.name for role, row in zip(recipe.roles, combo) if row is None])
    compute = recipe.formula
    if recipe.growth_years:
        years = years_between(first["base_period"], first["period"])
        formula += f", years = {years:g} ({first['base_period']} to {first['period']})"
        compute = lambda **kw: recipe.formula(years=years, **kw)  # noqa: E731
    result = evaluate(compute, **inputs)
    return {
        "indicator": indicator.name, "province": first["province"], "province_2025": first["province_2025"],
        "borders": first["borders"], "_recipe": indicator.recipes.index(recipe),
        "article_id": first["article_id"], "scope": first["scope"], "definition": first["definition"],
        "period": first[recipe.period_of],
        "base_period": first["base_period"] if recipe.period_of == "period" else "",
        "value": result.value, "low": result.low, "high": result.high, "unit": indicator.unit,
        "basis": basis_of(indicator, recipe, present, first[recipe.period_of]), "formula": formula, "inputs": ";".join(row["figure_id"] for _, row in present),
        "caveats": _caveats(indicator, recipe, present, combo),
        "approximate": any(bool(row["approximate"]) for _, row in present),
        "same_statistics_in": "", "reviewed": all(bool(row["reviewed"]) for _, row in present),
    }


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
        parts.append(f"change over {years_between(first['base_period'], first['period']):g} years" if first["base_period"]
                     else "change against a time the article does not state")
    if recipe.periods == "within_target":
        achieved, target = present[0][1]["period"], present[1][1]["period"]
        parts.append(f"to {parse_period(achieved).end.year} of a {target.replace('-', '–')} target")
    if indicator.unit.startswith("VND") and period:
        year = parse_period(period).end.year
        start, end = next(p for p in _PLAN_PERIODS if p[0] <= year <= p[1])
        parts.append(f"VND of {start}–{end}")
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
        notes.append(f"denominator counts {counted}" + (f"; the article reports no {', '.join(absent)}" if absent else ""))
    if recipe.periods == "within_target":
        achieved, target = (parse_period(present[i][1]["period"]) for i in (0, 1))
        if achieved.end < target.end:
            notes.append(f"progress to {achieved.end.year}: the target runs to {target.end.year}")
    for _, row in present:
        if row["flag"]:
            notes.append(f"{row['figure_id']} flagged ({row['flag']}): {row['flag_reason']}")
        if row["note"]:
            notes.append(f"{row['figure_id']}: {row['note']}")
    return " | ".join(notes)
