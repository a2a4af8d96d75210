"""Which figures an indicator may combine: same article and scope, the right kinds, compatible periods.

Figures are only combined when they come from the same article (hence the same province), have
the same scope (a district figure is never divided by a provincial one), have the kind the role
asks for (a target only enters target attainment) and compatible periods. When an article gives
several candidates for a role, only the figures stated in the same clause are paired; a figure
that could still pair with more than one other is left out rather than guessed.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pandas as pd

from ..vocab.periods import Period, parse_period
from .registry import Recipe

__all__ = ["SAME_TIME_DAYS", "counts_more", "matches", "problems", "withheld", "years_between"]

#: Two stocks are "at the same time" when their periods start and end within this many days.
SAME_TIME_DAYS = 92


def matches(recipe: Recipe, figures: pd.DataFrame) -> list[tuple]:
    """Every unambiguous combination of figures the recipe accepts, article by article."""
    return [combo for combo, reason in _candidates(recipe, figures) if not reason]


def withheld(recipe: Recipe, figures: pd.DataFrame) -> list[tuple[tuple, str]]:
    """Combinations the recipe would accept but whose inputs count different things, with the reason."""
    return [(combo, reason) for combo, reason in _candidates(recipe, figures) if reason]


def _candidates(recipe: Recipe, figures: pd.DataFrame) -> list[tuple[tuple, str]]:
    found = []
    for _, group in figures.groupby(["article_id", "scope"], sort=True):
        pools = []
        for role in recipe.roles:
            pool = [row for _, row in group[(group["measure"] == role.measure) & (group["kind"] == role.kind)].iterrows()]
            if not pool and not role.optional:
                break
            pools.append(pool or [None])
        else:
            combos = [combo for combo in itertools.product(*pools) if not problems(recipe, combo)]
            found += [(combo, counts_more(recipe, combo, group)) for combo in _unambiguous(combos)]
    return found


def counts_more(recipe: Recipe, combo: tuple, figures: pd.DataFrame) -> str:
    """Why the inputs may count different things: their article states an ``unless`` measure for the
    same scope at the same time ("" when it does not)."""
    first = parse_period(combo[0]["period"])
    others = figures[figures["measure"].isin(recipe.unless) & (figures["kind"] == "level")
                     & (figures["article_id"] == combo[0]["article_id"]) & (figures["scope"] == combo[0]["scope"])]
    stated = sorted({row.measure for row in others.itertuples() if same_time(first, parse_period(row.period))})
    if not stated:
        return ""
    return (f"the article also counts {' and '.join(m.replace('_', ' ') for m in stated)} at the same time: "
            f"{combo[0]['figure_id']} may count theirs too")


def _unambiguous(combos: list[tuple]) -> list[tuple]:
    """Keep combinations whose figures pair with nothing else, preferring same-clause pairs."""
    if len(combos) > 1:
        same_clause = [c for c in combos if len({r["clause"] for r in c if r is not None}) == 1]
        combos = same_clause or combos
    uses = Counter(r["figure_id"] for c in combos for r in c if r is not None)
    return [c for c in combos if all(uses[r["figure_id"]] == 1 for r in c if r is not None)]


def problems(recipe: Recipe, combo: tuple) -> list[str]:
    """Why these figures may not be combined by this recipe (empty when they may)."""
    rows = [(role, row) for role, row in zip(recipe.roles, combo) if row is not None]
    found = []
    for role, row in rows:
        if (row["measure"], row["kind"]) != (role.measure, role.kind):
            found.append(f"{role.name} must be a {role.kind} of {role.measure}, "
                         f"{row['figure_id']} is a {row['kind']} of {row['measure']}")
    first = rows[0][1]
    for role, row in rows[1:]:
        for column, what in (("article_id", "article"), ("province", "province"), ("scope", "scope"),
                             ("definition", "definition")):
            if row[column] != first[column]:
                found.append(f"{what} differs: {first['figure_id']} is {first[column]}, "
                             f"{row['figure_id']} is {row[column]}")
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
