"""Evaluate the registry's recipes on figures: values with bounds, the inputs behind them, and caveats."""

from __future__ import annotations

import pandas as pd

from ..across.panel import PANEL_KEY
from ..quantity.intervals import Interval
from .lineage import INDICATOR_COLUMNS, floor_of, rows_of
from .pairing import Figures, candidates, counts_more, problems
from .plausibility import implausible_values
from .registry import INDICATOR_BY_NAME, INDICATORS

__all__ = [
    "INDICATOR_COLUMNS",
    "WITHHELD_COLUMNS",
    "IncompatibleFigures",
    "combine",
    "compute_indicators",
    "indicator_values",
    "interval_of",
    "withheld_indicators",
]

#: Columns of :func:`withheld_indicators`.
WITHHELD_COLUMNS = ["indicator", "province", "article_id", "scope", "period", "inputs", "reason"]


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
    is not what their measures say; such values are never set beside the province-wide ones. A value
    that fails a plausibility check (:mod:`.plausibility`: 5,000 new cooperatives against 100) is not
    here: :func:`withheld_indicators` lists it with the reason.
    """
    values = indicator_values(figures)
    implausible = [position for position, _, _ in implausible_values(values, figures)]
    return values.drop(index=implausible).reset_index(drop=True)


def indicator_values(figures: pd.DataFrame) -> pd.DataFrame:
    """Every value the recipes give, plausible or not (:func:`compute_indicators` before the checks)."""
    table = Figures(figures)
    parts = []
    for indicator in INDICATORS:
        for recipe in indicator.recipes:
            combos = candidates(recipe, table)
            parts.append(rows_of(indicator, recipe, combos[combos["reason"] == ""], table))
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*INDICATOR_COLUMNS, "_recipe"])
    rows = _counted_once(rows, table)
    rows = rows.astype(
        {c: "str" for c in INDICATOR_COLUMNS if c not in ("value", "low", "high", "approximate", "reviewed")}
    )
    rows = rows.astype(
        {"value": "float64", "low": "float64", "high": "float64", "approximate": "bool", "reviewed": "bool"}
    )
    return rows.sort_values(["indicator", "province", "scope", "period", "inputs"], kind="stable", ignore_index=True)


def withheld_indicators(figures: pd.DataFrame) -> pd.DataFrame:
    """Indicators not computed, with the reason (:data:`WITHHELD_COLUMNS`): their inputs count different
    things, or the value fails a plausibility check ("implausible: ...")."""
    table = Figures(figures)
    parts = []
    for indicator in INDICATORS:
        for recipe in indicator.recipes:
            combos = candidates(recipe, table)
            combos = combos[combos["reason"] != ""]
            first = combos["p0"].to_numpy()
            parts.append(
                pd.DataFrame(
                    {
                        "indicator": indicator.name,
                        "province": table.columns["province"][first],
                        "article_id": table.columns["article_id"][first],
                        "scope": table.columns["scope"][first],
                        "period": table.columns["period"][first],
                        "inputs": _inputs(combos, table, "figure_id"),
                        "reason": combos["reason"].to_numpy(),
                    },
                    columns=WITHHELD_COLUMNS,
                )
            )
    values = indicator_values(figures)
    implausible = implausible_values(values, figures)
    if implausible:
        found = values.iloc[[position for position, _, _ in implausible]]
        parts.append(
            found[WITHHELD_COLUMNS[:-1]].assign(reason=[f"implausible: {message}" for _, _, message in implausible])
        )
    rows = pd.concat(parts, ignore_index=True).astype(str)
    return rows.sort_values(["indicator", "province", "inputs"], kind="stable", ignore_index=True)


def _inputs(combos: pd.DataFrame, table: Figures, column: str) -> list[str]:
    """For each combination, the ``column`` of its figures present, in the roles' order, joined by ";"."""
    values = table.columns[column] if column in table.columns else table.table[column].to_numpy(dtype=object)
    roles = [combos[c].to_numpy() for c in combos.columns if c.startswith("p") and c[1:].isdigit()]
    return [";".join(values[p] for p in positions if p >= 0) for positions in zip(*roles)] if roles else []


def _counted_once(table: pd.DataFrame, figures: Figures) -> pd.DataFrame:
    """One row per indicator, recipe and set of statistics: a republished story does not count twice.

    Figures are the same statistic when they share the panel's key and reading; the first row (by
    inputs) stays, the others' inputs go to ``same_statistics_in``.
    """
    if table.empty:
        return table.drop(columns="_recipe")
    # One number per statistic and reading: figures with the same key and the same value and bounds.
    readings = figures.table[PANEL_KEY].assign(**{c: figures.table[c].astype(str) for c in ("value", "low", "high")})
    code = readings.groupby([*PANEL_KEY, "value", "low", "high"], sort=False, dropna=False).ngroup().astype(str)
    reading = dict(zip(figures.columns["figure_id"], code.tolist()))
    table = table.assign(
        _key=table["indicator"]
        + "#"
        + table["_recipe"].astype(str)
        + "#"
        + pd.Series(
            [";".join(reading.get(i, i) for i in ids.split(";")) for ids in table["inputs"].tolist()], index=table.index
        )
    )
    table = table.sort_values("inputs", kind="stable")
    # Only statistics stated by several articles have others to list: join those, leave the rest empty.
    repeated = table[table.duplicated("_key", keep=False)]
    others = repeated.groupby("_key", sort=False)["inputs"].agg(lambda ids: " | ".join(list(ids)[1:])).to_dict()
    kept = table.drop_duplicates("_key", keep="first")
    return kept.assign(same_statistics_in=[others.get(key, "") for key in kept["_key"]]).drop(
        columns=["_key", "_recipe"]
    )


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
            chosen = figures[
                figures["figure_id"].isin([figure_ids[r.name] for r in recipe.roles if r.name in figure_ids])
            ]
            table = Figures(chosen)
            position = dict(zip(table.columns["figure_id"], range(len(table))))
            combos = pd.DataFrame(
                {
                    f"p{n}": [position[figure_ids[role.name]] if role.name in figure_ids else -1]
                    for n, role in enumerate(recipe.roles)
                }
            )
            return rows_of(indicator, recipe, combos, table).drop(columns="_recipe")
        reasons += found
    if not reasons:
        roles = " or ".join(", ".join(r.name for r in recipe.roles) for recipe in indicator.recipes)
        raise IncompatibleFigures(f"{name} takes the inputs {roles}; got {', '.join(figure_ids)}")
    raise IncompatibleFigures(f"{name}: " + "; ".join(dict.fromkeys(reasons)))


def interval_of(row) -> Interval:
    """A figure's bounds as an :class:`Interval`; a change may be negative down to its floor."""
    return Interval(row["value"], row["low"], row["high"], floor_of(row["kind"]))
