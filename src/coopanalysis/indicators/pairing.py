"""Which figures an indicator may combine: same article and scope, the right kinds, compatible periods.

Figures are only combined when they come from the same article (hence the same province), have
the same scope (a district figure is never divided by a provincial one), have the kind the role
asks for (a target only enters target attainment) and compatible periods. When an article gives
several candidates for a role, only the figures stated in the same clause are paired; a figure
that could still pair with more than one other is left out rather than guessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..vocab.periods import Period, parse_period
from .registry import Recipe

__all__ = ["SAME_TIME_DAYS", "Figures", "candidates", "counts_more", "problems", "same_time", "years_between"]

#: Two stocks are "at the same time" when their periods start and end within this many days.
SAME_TIME_DAYS = 92


class Figures:
    """The figures table as arrays by row position, with what pairing asks of each figure computed once:
    its (article, scope) group in sorted order, and the start, end and month of its period and base period."""

    # Set by name in __init__, for the period and for the base period: ordinals of days, months since year 0.
    start: np.ndarray
    end: np.ndarray
    month: np.ndarray
    base_start: np.ndarray
    base_end: np.ndarray
    base_month: np.ndarray

    def __init__(self, figures: pd.DataFrame):
        self.table = figures.reset_index(drop=True)
        self.group = self.table.groupby(["article_id", "scope"], sort=True, dropna=False).ngroup().to_numpy()
        self.columns = {
            column: self.table[column].to_numpy(dtype=object)
            for column in (
                "figure_id",
                "article_id",
                "province",
                "scope",
                "definition",
                "period",
                "base_period",
                "measure",
                "kind",
            )
        }
        self.clause = self.table["clause"].to_numpy()
        self.numbers = {c: self.table[c].to_numpy(dtype="float64") for c in ("value", "low", "high")}
        self.flags = {c: self.table[c].to_numpy(dtype=bool) for c in ("approximate", "reviewed")}
        self.notes: list[str] | None = None  # each figure's words for caveats, written when first asked for
        self.id_code = pd.factorize(self.table["figure_id"])[0]
        periods, bases = self.columns["period"].tolist(), self.columns["base_period"].tolist()
        labels = {label: parse_period(label) for label in dict.fromkeys([*periods, *bases]) if label}
        for name, column in (("", periods), ("base_", bases)):
            parsed = [labels.get(label) for label in column]
            setattr(self, f"{name}start", np.array([p.start.toordinal() if p else 0 for p in parsed], dtype="int64"))
            setattr(self, f"{name}end", np.array([p.end.toordinal() if p else 0 for p in parsed], dtype="int64"))
            setattr(
                self,
                f"{name}month",
                np.array([p.end.year * 12 + p.end.month if p else 0 for p in parsed], dtype="int64"),
            )

    def __len__(self) -> int:
        return len(self.table)


def candidates(recipe: Recipe, figures: Figures) -> pd.DataFrame:
    """Every unambiguous combination of figures the recipe accepts, with ``reason`` why its inputs
    may count different things ("" when they do not).

    One column ``p0``, ``p1``... per role: the row position of its figure (-1 for an optional input
    the article does not state). Rows in the order of the (article, scope) groups and, within one,
    of the product of the roles' figures in table order. Built with merges on the group, so the
    work is the number of combinations, not a filter of the table per figure.
    """
    positions = np.arange(len(figures))
    combos = None
    for number, role in enumerate(recipe.roles):
        pool = (figures.columns["measure"] == role.measure) & (figures.columns["kind"] == role.kind)
        found = pd.DataFrame({"_group": figures.group[pool], f"p{number}": positions[pool]})
        if combos is None:
            combos = found
        else:
            combos = combos.merge(found, on="_group", how="left" if role.optional else "inner", sort=False)
            combos[f"p{number}"] = combos[f"p{number}"].fillna(-1).astype("int64")
    roles = [f"p{n}" for n in range(len(recipe.roles))]
    assert combos is not None, "a recipe has at least one role"
    combos = combos.sort_values(["_group", *roles], kind="stable", ignore_index=True)
    combos = _unambiguous(combos[_accepted(recipe, combos, figures)].reset_index(drop=True), roles, figures)
    return combos.assign(reason=_counts_more(recipe, combos, figures)).drop(columns="_group")


def _accepted(recipe: Recipe, combos: pd.DataFrame, figures: Figures) -> np.ndarray:
    """Which combinations :func:`problems` finds nothing wrong with (same definition and province,
    compatible periods, a base period before the period for growth rates)."""
    first = combos["p0"].to_numpy()
    accepted = np.ones(len(combos), dtype=bool)
    second = np.full(len(combos), -1)
    for number in range(1, len(recipe.roles)):
        other = combos[f"p{number}"].to_numpy()
        present = other >= 0
        second = np.where((second < 0) & present, other, second)
        for column in ("province", "definition"):
            values = figures.columns[column]
            accepted &= ~present | ~(values[np.where(present, other, first)] != values[first])
        if recipe.periods == "same":
            accepted &= ~present | _same_time(figures, first, np.where(present, other, first))
    paired = second >= 0
    second = np.where(paired, second, first)
    if recipe.periods == "within_target":
        accepted &= ~paired | (
            (figures.start[second] <= figures.start[first]) & (figures.end[first] <= figures.end[second])
        )
    elif recipe.periods == "flow_stock":
        gap = figures.end[second] - figures.end[first]
        accepted &= ~paired | ((gap >= 0) & (gap <= SAME_TIME_DAYS))
    if recipe.growth_years:
        based = figures.columns["base_period"][first].astype(bool)
        accepted &= based & (figures.month[first] - figures.base_month[first] > 0)
    return accepted


def _same_time(figures: Figures, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (np.abs(figures.start[a] - figures.start[b]) <= SAME_TIME_DAYS) & (
        np.abs(figures.end[a] - figures.end[b]) <= SAME_TIME_DAYS
    )


def _unambiguous(combos: pd.DataFrame, roles: list[str], figures: Figures) -> pd.DataFrame:
    """Keep combinations whose figures pair with nothing else, preferring same-clause pairs
    (where an (article, scope) group has several combinations)."""
    if combos.empty:
        return combos
    first = combos["p0"].to_numpy()
    same_clause = np.ones(len(combos), dtype=bool)
    for role in roles[1:]:
        other = combos[role].to_numpy()
        same_clause &= (other < 0) | (figures.clause[np.where(other >= 0, other, first)] == figures.clause[first])
    groups = combos["_group"]
    several = groups.map(groups.value_counts()).to_numpy() > 1
    has_same = pd.Series(same_clause).groupby(groups.to_numpy()).transform("any").to_numpy()
    combos = combos[~several | ~has_same | same_clause].reset_index(drop=True)
    uses = pd.concat(
        [
            pd.DataFrame(
                {"_group": combos["_group"], "_id": figures.id_code[combos[role]], "_present": combos[role] >= 0}
            )
            for role in roles
        ]
    )
    uses = uses[uses["_present"]].groupby(["_group", "_id"]).size()
    once = np.ones(len(combos), dtype=bool)
    for role in roles:
        present = combos[role].to_numpy() >= 0
        count = uses.reindex(pd.MultiIndex.from_arrays([combos["_group"], figures.id_code[combos[role]]])).to_numpy()
        once &= ~present | (count == 1)
    return combos[once].reset_index(drop=True)


def _counts_more(recipe: Recipe, combos: pd.DataFrame, figures: Figures) -> np.ndarray:
    """:func:`counts_more` for every combination: a measure of ``unless`` stated as a level for the
    same article, scope and time as the first input."""
    reasons = np.full(len(combos), "", dtype=object)
    if not recipe.unless or combos.empty:
        return reasons
    stating = np.isin(figures.columns["measure"], list(recipe.unless)) & (figures.columns["kind"] == "level")
    others = pd.DataFrame({"_group": figures.group[stating], "_other": np.flatnonzero(stating)})
    found = combos[["_group", "p0"]].assign(_combo=np.arange(len(combos))).merge(others, on="_group")
    found = found[_same_time(figures, found["p0"].to_numpy(), found["_other"].to_numpy())]
    measures_of: dict[int, set] = {}
    for combo, other in zip(found["_combo"], found["_other"]):
        measures_of.setdefault(combo, set()).add(figures.columns["measure"][other])
    for combo, stated in measures_of.items():
        first = figures.columns["figure_id"][combos["p0"].iloc[combo]]
        reasons[combo] = (
            f"the article also counts {' and '.join(m.replace('_', ' ') for m in sorted(stated))} at the "
            f"same time: {first} may count theirs too"
        )
    return reasons


def counts_more(recipe: Recipe, combo: tuple, figures: pd.DataFrame) -> str:
    """Why the inputs may count different things: their article states an ``unless`` measure for the
    same scope at the same time ("" when it does not)."""
    first = parse_period(combo[0]["period"])
    others = figures[
        figures["measure"].isin(recipe.unless)
        & (figures["kind"] == "level")
        & (figures["article_id"] == combo[0]["article_id"])
        & (figures["scope"] == combo[0]["scope"])
    ]
    stated = sorted({row.measure for row in others.itertuples() if same_time(first, parse_period(row.period))})
    if not stated:
        return ""
    return (
        f"the article also counts {' and '.join(m.replace('_', ' ') for m in stated)} at the same time: "
        f"{combo[0]['figure_id']} may count theirs too"
    )


def problems(recipe: Recipe, combo: tuple) -> list[str]:
    """Why these figures may not be combined by this recipe (empty when they may)."""
    rows = [(role, row) for role, row in zip(recipe.roles, combo) if row is not None]
    found = []
    for role, row in rows:
        if (row["measure"], row["kind"]) != (role.measure, role.kind):
            found.append(
                f"{role.name} must be a {role.kind} of {role.measure}, "
                f"{row['figure_id']} is a {row['kind']} of {row['measure']}"
            )
    first = rows[0][1]
    for _, row in rows[1:]:
        for column, what in (
            ("article_id", "article"),
            ("province", "province"),
            ("scope", "scope"),
            ("definition", "definition"),
        ):
            if row[column] != first[column]:
                found.append(
                    f"{what} differs: {first['figure_id']} is {first[column]}, {row['figure_id']} is {row[column]}"
                )
    if not found and len(rows) > 1:
        found += _period_problems(recipe, [row for _, row in rows])
    if recipe.growth_years and not found and not first["base_period"]:
        found.append(f"{first['figure_id']}: the article states no base period, so the change spans no known years")
    elif recipe.growth_years and not found and years_between(first["base_period"], first["period"]) <= 0:
        found.append(f"{first['figure_id']}: period {first['period']} is not after base period {first['base_period']}")
    return list(dict.fromkeys(found))


def _period_problems(recipe: Recipe, rows: list) -> list[str]:
    periods = [parse_period(row["period"]) for row in rows]
    first, second = periods[0], periods[1]
    label = f"{rows[0]['figure_id']} ({first.label}) and {rows[1]['figure_id']} ({second.label})"
    if recipe.periods == "within_target":
        if not (second.start <= first.start and first.end <= second.end):
            return [f"periods differ: {label}: the achievement must fall within the target's period"]
        return []
    if recipe.periods == "flow_stock":
        gap = (second.end - first.end).days
        if not 0 <= gap <= SAME_TIME_DAYS:
            return [f"periods differ: {label}: the stock must be counted at the end of the flow's period"]
        return []
    for other, row in zip(periods[1:], rows[1:]):
        if not same_time(first, other):
            return [f"periods differ: {rows[0]['figure_id']} ({first.label}) and {row['figure_id']} ({other.label})"]
    return []


def same_time(a: Period, b: Period) -> bool:
    """Two periods that start and end within :data:`SAME_TIME_DAYS` of each other."""
    return abs((a.start - b.start).days) <= SAME_TIME_DAYS and abs((a.end - b.end).days) <= SAME_TIME_DAYS


def years_between(earlier: str, later: str) -> float:
    """Whole months from the end of one period to the end of another, in years."""
    end, base = parse_period(later).end, parse_period(earlier).end
    return ((end.year - base.year) * 12 + end.month - base.month) / 12
