"""Cross-province indicators computed from comparable figures, with bounds, lineage and caveats.

The registry :data:`INDICATORS` holds every indicator in one place. Each has one or more
recipes: the measures it combines (roles), a readable formula, and which periods may be
combined. :func:`compute_indicators` finds, within each article and scope, every combination of
figures a recipe accepts and evaluates it with interval arithmetic (:mod:`coopanalysis.intervals`).

Figures are only combined when they come from the same article (hence the same province), have
the same scope (a district figure is never divided by a provincial one), have the kind the role
asks for (a target only enters target-attainment indicators) and compatible periods. When an
article gives several candidates for a role (two loan amounts, one borrower count), only the
figures stated in the same clause are paired; a figure that could still pair with more than one
other is left out rather than guessed.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from .intervals import Interval, evaluate, ratio
from .periods import Period, parse_period

__all__ = [
    "INDICATORS",
    "INDICATOR_COLUMNS",
    "IncompatibleFigures",
    "Indicator",
    "Recipe",
    "Role",
    "combine",
    "compute_indicators",
    "indicators_table",
    "indicators_wide",
]

#: Columns of the table :func:`compute_indicators` returns.
INDICATOR_COLUMNS = [
    "indicator", "province", "article_id", "scope", "period", "base_period", "value", "low", "high",
    "unit", "formula", "inputs", "caveats", "approximate",
]

#: Two stocks are "at the same time" when their periods start and end within this many days.
SAME_TIME_DAYS = 92


class IncompatibleFigures(ValueError):
    """The figures given to :func:`combine` may not be combined; the message says why."""


@dataclass(frozen=True)
class Role:
    """One input of a recipe: the argument name in the formula, the measure and kind it takes."""

    name: str
    measure: str
    kind: str = "level"
    optional: bool = False


@dataclass(frozen=True)
class Recipe:
    """A way to compute an indicator from figures.

    ``periods`` says which figures may be combined:

    * ``same``: the inputs' periods start and end within :data:`SAME_TIME_DAYS` of each other;
    * ``flow_stock``: the first input is a flow over a period, the second a stock counted at its
      end (up to :data:`SAME_TIME_DAYS` later);
    * ``within_target``: the first input is an achievement over part or all of the period of the
      second, a target.
    ``growth_years`` passes ``years`` (period minus base period of the first input) to ``compute``.
    ``period_of`` is ``"period"`` or ``"base_period"`` of the first input, for the result.
    """

    roles: tuple[Role, ...]
    formula: str
    compute: Callable[..., float]
    periods: str = "same"
    growth_years: bool = False
    period_of: str = "period"


@dataclass(frozen=True)
class Indicator:
    """A registry entry: what is computed, in which unit, from what, and with which caveat."""

    name: str
    title: str
    unit: str
    description: str
    recipes: tuple[Recipe, ...]
    caveat: str = ""
    in_wide: bool = True


def _share(part: float, whole: float) -> float:
    return ratio(part, whole) * 100


def _cagr(change: float, years: float) -> float:
    return ((1 + change / 100) ** (1 / years) - 1) * 100


def _pct_from_abs(change: float, income: float) -> float:
    # change / (income - change), written so that income -> inf has its limit (0) at interval corners
    return _share(ratio(change, income), 1 - ratio(change, income))


def _identity(**single: float) -> float:
    (value,) = single.values()
    return value


def _single(name: str, measure: str, kind: str = "level") -> tuple[Role, ...]:
    return (Role(name, measure, kind),)


_INCOME_ABS = (Role("change", "avg_income_per_worker", "change_abs"), Role("income", "avg_income_per_worker"))

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "members_per_cooperative", "Members per cooperative", "members per cooperative",
        "Members divided by the number of cooperatives reported in the same article.",
        (Recipe((Role("members", "members"), Role("cooperatives", "cooperatives")),
                "members / cooperatives", lambda members, cooperatives: ratio(members, cooperatives)),),
        caveat="Where an article counts members of cooperative groups or unions together with those of "
               "cooperatives, this overstates members per cooperative; see members_per_organization.",
    ),
    Indicator(
        "members_per_organization", "Members per collective organization", "members per organization",
        "Members divided by all the collective organizations (cooperatives, cooperative groups, unions) "
        "that the same article reports.",
        (Recipe((Role("members", "members"), Role("cooperatives", "cooperatives"),
                 Role("cooperative_groups", "cooperative_groups", optional=True),
                 Role("cooperative_unions", "cooperative_unions", optional=True)),
                "members / (cooperatives + cooperative_groups + cooperative_unions)",
                lambda members, cooperatives, cooperative_groups=0.0, cooperative_unions=0.0:
                    ratio(members, cooperatives + cooperative_groups + cooperative_unions)),),
    ),
    Indicator(
        "avg_revenue_per_cooperative", "Average revenue per cooperative", "VND/year",
        "Average yearly revenue of a cooperative, as reported.",
        (Recipe(_single("revenue", "avg_revenue_per_cooperative"), "avg_revenue_per_cooperative", _identity),),
    ),
    Indicator(
        "revenue_growth_pct", "Growth of average revenue per cooperative", "%",
        "Stated change of average revenue per cooperative against its base period.",
        (Recipe(_single("change", "avg_revenue_per_cooperative", "change_pct"),
                "avg_revenue_per_cooperative change_pct", _identity),),
    ),
    Indicator(
        "revenue_cagr_pct", "Yearly growth of average revenue per cooperative", "% per year",
        "The stated change of average revenue per cooperative, annualized over the years between "
        "base period and period.",
        (Recipe(_single("change", "avg_revenue_per_cooperative", "change_pct"),
                "((1 + change/100)^(1/years) - 1) * 100", _cagr, growth_years=True),),
    ),
    Indicator(
        "revenue_base_implied", "Base-period average revenue implied by the stated growth", "VND/year",
        "Average revenue per cooperative in the base period, implied by the level and its stated change.",
        (Recipe((Role("change", "avg_revenue_per_cooperative", "change_pct"),
                 Role("revenue", "avg_revenue_per_cooperative")),
                "revenue / (1 + change/100)",
                lambda change, revenue: ratio(revenue, 1 + change / 100), period_of="base_period"),),
    ),
    Indicator(
        "income_per_worker_month", "Average income per worker", "VND/month",
        "Average monthly income of a cooperative member or worker (yearly figures divided by 12; "
        "ranges kept).",
        (Recipe(_single("income", "avg_income_per_worker"), "avg_income_per_worker", _identity),),
    ),
    Indicator(
        "income_growth_pct", "Growth of average income per worker", "%",
        "Change of average income per worker against its base period: as stated, or computed from a "
        "stated absolute change and the current level.",
        (Recipe(_single("change", "avg_income_per_worker", "change_pct"), "avg_income_per_worker change_pct", _identity),
         Recipe(_INCOME_ABS, "change / (income - change) * 100", _pct_from_abs)),
    ),
    Indicator(
        "income_cagr_pct", "Yearly growth of average income per worker", "% per year",
        "The change of average income per worker, annualized over the years between base period and period.",
        (Recipe(_single("change", "avg_income_per_worker", "change_pct"),
                "((1 + change/100)^(1/years) - 1) * 100", _cagr, growth_years=True),
         Recipe(_INCOME_ABS, "((income / (income - change))^(1/years) - 1) * 100",
                lambda change, income, years: _cagr(_pct_from_abs(change, income), years), growth_years=True)),
    ),
    Indicator(
        "loans_per_project", "Loan amount per project", "VND per project",
        "Loans disbursed divided by the number of projects that received them.",
        (Recipe((Role("loans", "loans_disbursed"), Role("projects", "loan_projects")),
                "loans_disbursed / loan_projects", lambda loans, projects: ratio(loans, projects)),),
    ),
    Indicator(
        "loans_per_borrower", "Loan amount per borrower", "VND per borrower",
        "Loans disbursed divided by the number of borrowers; the inputs' notes say whether borrowers "
        "are members, member units or cooperatives.",
        (Recipe((Role("loans", "loans_disbursed"), Role("borrowers", "loan_borrowers")),
                "loans_disbursed / loan_borrowers", lambda loans, borrowers: ratio(loans, borrowers)),),
        caveat="Borrowers are counted as the article counts them (members, member units or cooperatives): "
               "compare provinces only where the notes agree.",
    ),
    Indicator(
        "charter_capital_per_cooperative", "Charter capital per cooperative", "VND per cooperative",
        "Charter capital divided by the number of cooperatives.",
        (Recipe((Role("capital", "charter_capital"), Role("cooperatives", "cooperatives")),
                "charter_capital / cooperatives", lambda capital, cooperatives: ratio(capital, cooperatives)),),
    ),
    Indicator(
        "charter_capital_per_member", "Charter capital per member", "VND per member",
        "Charter capital divided by the number of members.",
        (Recipe((Role("capital", "charter_capital"), Role("members", "members")),
                "charter_capital / members", lambda capital, members: ratio(capital, members)),),
    ),
    Indicator(
        "new_cooperatives_vs_target_pct", "New cooperatives against the plan target", "%",
        "New cooperatives established divided by the target for the same plan period (a range target "
        "gives a range).",
        (Recipe((Role("achieved", "new_cooperatives"), Role("target", "new_cooperatives", "target")),
                "new_cooperatives / new_cooperatives target * 100",
                lambda achieved, target: _share(achieved, target), periods="within_target"),),
    ),
    Indicator(
        "new_cooperatives_share_pct", "New cooperatives as a share of all cooperatives", "%",
        "Cooperatives established during the period divided by all cooperatives at its end.",
        (Recipe((Role("new", "new_cooperatives"), Role("cooperatives", "cooperatives")),
                "new_cooperatives / cooperatives * 100", lambda new, cooperatives: _share(new, cooperatives),
                periods="flow_stock"),),
    ),
    Indicator(
        "good_cooperatives_share_pct", "Cooperatives rated good or excellent", "%",
        "Share of active cooperatives rated as operating well, good or excellent, as stated.",
        (Recipe(_single("share", "cooperatives_rated_good", "share_pct"), "cooperatives_rated_good share_pct", _identity),),
    ),
    Indicator(
        "agricultural_cooperatives_share_pct", "Agricultural cooperatives as a share of all", "%",
        "Agricultural cooperatives divided by all cooperatives.",
        (Recipe((Role("agricultural", "agricultural_cooperatives"), Role("cooperatives", "cooperatives")),
                "agricultural_cooperatives / cooperatives * 100",
                lambda agricultural, cooperatives: _share(agricultural, cooperatives)),),
    ),
    Indicator(
        "ocop_cooperatives_share_pct", "Cooperatives in the OCOP programme", "%",
        "Cooperatives taking part in the One Commune One Product programme divided by all cooperatives.",
        (Recipe((Role("ocop", "ocop_cooperatives"), Role("cooperatives", "cooperatives")),
                "ocop_cooperatives / cooperatives * 100", lambda ocop, cooperatives: _share(ocop, cooperatives)),),
    ),
    Indicator(
        "ocop_star_share_pct", "OCOP products rated 3 or 4 stars", "%",
        "OCOP products rated 3 or 4 stars divided by all OCOP products.",
        (Recipe((Role("three_star", "ocop_products_3_star"), Role("four_star", "ocop_products_4_star"),
                 Role("products", "ocop_products")),
                "(ocop_products_3_star + ocop_products_4_star) / ocop_products * 100",
                lambda three_star, four_star, products: _share(three_star + four_star, products)),),
    ),
    Indicator(
        "participants_per_training_course", "Participants per training course", "people per course",
        "Training participants divided by training courses held.",
        (Recipe((Role("participants", "training_participants"), Role("courses", "training_courses")),
                "training_participants / training_courses",
                lambda participants, courses: ratio(participants, courses)),),
    ),
    Indicator(
        "participants_per_dissemination_event", "Participants per dissemination event", "people per event",
        "Participants divided by the conferences or campaigns that disseminated the Law on Cooperatives.",
        (Recipe((Role("participants", "dissemination_participants"), Role("events", "dissemination_events")),
                "dissemination_participants / dissemination_events",
                lambda participants, events: ratio(participants, events)),),
    ),
    Indicator(
        "support_per_cooperative", "Support funding per supported cooperative", "VND per cooperative",
        "Support funding divided by the cooperatives it supported, for each support programme an "
        "article states with both numbers.",
        (Recipe((Role("funding", "support_funding"), Role("cooperatives", "cooperatives_supported")),
                "support_funding / cooperatives_supported", lambda funding, cooperatives: ratio(funding, cooperatives)),
         Recipe((Role("funding", "support_funding"), Role("cooperatives", "new_cooperatives_supported")),
                "support_funding / new_cooperatives_supported", lambda funding, cooperatives: ratio(funding, cooperatives))),
        caveat="One row per support programme; programmes differ, so rows are not comparable with each other.",
        in_wide=False,
    ),
)

_REGISTRY = {indicator.name: indicator for indicator in INDICATORS}


def indicators_table() -> pd.DataFrame:
    """The registry as a table: name, title, unit, description, formulas, combination rules, caveat."""
    rules = {"same": "same article, scope and time", "flow_stock": "flow over a period and stock at its end",
             "within_target": "achievement within the period of the target"}
    return pd.DataFrame([{
        "indicator": i.name, "title": i.title, "unit": i.unit, "description": i.description,
        "formula": " | ".join(r.formula for r in i.recipes),
        "combines": " | ".join(dict.fromkeys(rules[r.periods] for r in i.recipes)),
        "caveat": i.caveat,
    } for i in INDICATORS])


def compute_indicators(figures: pd.DataFrame) -> pd.DataFrame:
    """Compute every indicator from the figures table (:func:`coopanalysis.load_figures`).

    Returns one row per indicator value with :data:`INDICATOR_COLUMNS`, sorted by indicator,
    province, scope, period and inputs. ``inputs`` lists the figure ids in the formula's order.
    """
    clauses = dict(zip(figures["figure_id"], figures["clause"]))
    rows = []
    for indicator in INDICATORS:
        for recipe in indicator.recipes:
            for combo in _matches(recipe, figures, clauses):
                rows.append(_row(indicator, recipe, combo))
    table = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)
    table = table.astype({c: "str" for c in INDICATOR_COLUMNS if c not in ("value", "low", "high", "approximate")})
    table = table.astype({"value": "float64", "low": "float64", "high": "float64", "approximate": "bool"})
    return table.sort_values(["indicator", "province", "scope", "period", "inputs"], kind="stable", ignore_index=True)


def combine(name: str, figures: pd.DataFrame, **figure_ids: str) -> pd.DataFrame:
    """Compute one indicator from figures chosen by id, e.g. ``members=..., cooperatives=...``.

    Applies the same rules as :func:`compute_indicators` and refuses what they refuse.

    Raises
    ------
    IncompatibleFigures
        Naming every reason the figures cannot be combined (scope, province, kind, period...).
    KeyError
        For an unknown indicator or figure id.
    """
    indicator = _REGISTRY[name]
    by_id = figures.set_index("figure_id", drop=False)
    reasons = []
    for recipe in indicator.recipes:
        wanted = {role.name for role in recipe.roles}
        required = {role.name for role in recipe.roles if not role.optional}
        if not (required <= set(figure_ids) <= wanted):
            continue
        combo = tuple(by_id.loc[figure_ids[role.name]] if role.name in figure_ids else None for role in recipe.roles)
        problems = _problems(recipe, combo)
        if not problems:
            return pd.DataFrame([_row(indicator, recipe, combo)], columns=INDICATOR_COLUMNS)
        reasons += problems
    if not reasons:
        roles = " or ".join(", ".join(r.name for r in recipe.roles) for recipe in indicator.recipes)
        raise IncompatibleFigures(f"{name} takes the inputs {roles}; got {', '.join(figure_ids)}")
    raise IncompatibleFigures(f"{name}: " + "; ".join(dict.fromkeys(reasons)))


def indicators_wide(indicators: pd.DataFrame, scope: str = "province") -> pd.DataFrame:
    """One row per province, and per indicator its latest period's value, bounds and period.

    Columns are ``<indicator>``, ``<indicator>_low``, ``<indicator>_high``, ``<indicator>_period``
    and ``<indicator>_inputs`` (the figure ids behind the cell). Where the latest period has several
    rows for one province (two articles, two readings), the cell spans them: the lowest low and
    highest high, with a value only if they all agree; an open bound in any of them leaves the
    cell's bound open.
    """
    selected = indicators[(indicators["scope"] == scope)
                          & indicators["indicator"].isin([i.name for i in INDICATORS if i.in_wide])]
    cells: dict[str, dict[str, object]] = {}
    for (indicator, province), group in selected.groupby(["indicator", "province"], sort=True):
        ends = group["period"].map(lambda p: parse_period(p).end)
        latest = group[ends == ends.max()]
        values = latest["value"].tolist()
        same = all(v == values[0] for v in values) and not math.isnan(values[0])
        lows, highs = latest["low"], latest["high"]
        cells.setdefault(province, {"province": province}).update({
            indicator: values[0] if same else math.nan,
            f"{indicator}_low": math.nan if lows.isna().any() else lows.min(),
            f"{indicator}_high": math.nan if highs.isna().any() else highs.max(),
            f"{indicator}_period": latest["period"].iloc[0],
            f"{indicator}_inputs": ";".join(latest["inputs"]),
        })
    columns = ["province"] + [f"{i.name}{suffix}" for i in INDICATORS if i.in_wide
                              for suffix in ("", "_low", "_high", "_period", "_inputs")]
    wide = pd.DataFrame(list(cells.values()), columns=columns)
    return wide.sort_values("province", ignore_index=True)


# Matching -----------------------------------------------------------------------------------

def _matches(recipe: Recipe, figures: pd.DataFrame, clause_of: dict[str, int]) -> list[tuple]:
    """Every unambiguous combination of figures the recipe accepts, article by article."""
    found = []
    for _, group in figures.groupby(["article_id", "scope"], sort=True):
        pools = []
        for role in recipe.roles:
            pool = [row for _, row in group[(group["measure"] == role.measure) & (group["kind"] == role.kind)].iterrows()]
            if not pool and not role.optional:
                break
            pools.append(pool or [None])
        else:
            combos = [combo for combo in itertools.product(*pools) if not _problems(recipe, combo)]
            found += _unambiguous(combos, clause_of)
    return found


def _unambiguous(combos: list[tuple], clause_of: dict[str, int]) -> list[tuple]:
    """Keep combinations whose figures pair with nothing else, preferring same-clause pairs."""
    if len(combos) > 1:
        same_clause = [c for c in combos if len({clause_of[r["figure_id"]] for r in c if r is not None}) == 1]
        combos = same_clause or combos
    uses = Counter(r["figure_id"] for c in combos for r in c if r is not None)
    return [c for c in combos if all(uses[r["figure_id"]] == 1 for r in c if r is not None)]


def _problems(recipe: Recipe, combo: tuple) -> list[str]:
    """Why these figures may not be combined by this recipe (empty when they may)."""
    rows = [(role, row) for role, row in zip(recipe.roles, combo) if row is not None]
    problems = []
    for role, row in rows:
        if (row["measure"], row["kind"]) != (role.measure, role.kind):
            problems.append(f"{role.name} must be a {role.kind} of {role.measure}, "
                            f"{row['figure_id']} is a {row['kind']} of {row['measure']}")
    first = rows[0][1]
    for role, row in rows[1:]:
        for column, what in (("article_id", "article"), ("province", "province"), ("scope", "scope")):
            if row[column] != first[column]:
                problems.append(f"{what} differs: {first['figure_id']} is {first[column]}, "
                                f"{row['figure_id']} is {row[column]}")
    if not problems and len(rows) > 1:
        problems += _period_problems(recipe, [row for _, row in rows])
    if recipe.growth_years and not problems:
        if _years(first) <= 0:
            problems.append(f"{first['figure_id']}: period {first['period']} is not after base period {first['base_period']}")
    return list(dict.fromkeys(problems))


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
        if not _same_time(first, other):
            return [f"periods differ: {rows[0]['figure_id']} ({first.label}) and {row['figure_id']} ({other.label})"]
    return []


def _same_time(a: Period, b: Period) -> bool:
    return abs((a.start - b.start).days) <= SAME_TIME_DAYS and abs((a.end - b.end).days) <= SAME_TIME_DAYS


def _years(row) -> float:
    """Whole months from the end of the base period to the end of the period, in years."""
    end, base = parse_period(row["period"]).end, parse_period(row["base_period"]).end
    return ((end.year - base.year) * 12 + end.month - base.month) / 12


def _interval(row) -> Interval:
    floor = -100.0 if row["kind"] == "change_pct" else (-math.inf if row["kind"] == "change_abs" else 0.0)
    return Interval(row["value"], row["low"], row["high"], floor)


def _row(indicator: Indicator, recipe: Recipe, combo: tuple) -> dict:
    present = [(role, row) for role, row in zip(recipe.roles, combo) if row is not None]
    first = present[0][1]
    inputs = {role.name: _interval(row) for role, row in present}
    formula = _render(recipe.formula, [role.name for role, row in zip(recipe.roles, combo) if row is None])
    compute = recipe.compute
    if recipe.growth_years:
        years = _years(first)
        formula += f", years = {years:g} ({first['base_period']} to {first['period']})"
        compute = lambda **kw: recipe.compute(years=years, **kw)  # noqa: E731
    result = evaluate(compute, **inputs)
    return {
        "indicator": indicator.name, "province": first["province"], "article_id": first["article_id"],
        "scope": first["scope"], "period": first[recipe.period_of],
        "base_period": first["base_period"] if recipe.period_of == "period" else "",
        "value": result.value, "low": result.low, "high": result.high, "unit": indicator.unit,
        "formula": formula, "inputs": ";".join(row["figure_id"] for _, row in present),
        "caveats": _caveats(indicator, recipe, present, combo),
        "approximate": any(bool(row["approximate"]) for _, row in present),
    }


def _render(formula: str, absent: list[str]) -> str:
    """Drop absent optional terms from a readable formula ("a + b + c" without b is "a + c")."""
    for name in absent:
        formula = re.sub(rf"\s*\+\s*{name}\b|\b{name}\s*\+\s*", "", formula)
    return formula


def _caveats(indicator: Indicator, recipe: Recipe, present: list, combo: tuple) -> str:
    notes = [indicator.caveat] if indicator.caveat else []
    absent = [role.measure for role, row in zip(recipe.roles, combo) if row is None]
    if indicator.name == "members_per_organization":
        counted = ", ".join(role.measure for role, _ in present[1:])
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
