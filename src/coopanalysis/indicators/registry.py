"""The indicator registry: ``data/indicators.toml``, read into indicators and recipes with parsed formulas."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from ..base.paths import DATA_DIR
from ..vocab.measures import KINDS, measures
from .formulas import Formula, formula

__all__ = [
    "INDICATORS",
    "INDICATOR_BY_NAME",
    "PERIOD_RULES",
    "SERIES",
    "TOPICS",
    "Indicator",
    "Recipe",
    "Role",
    "Series",
]

PERIOD_RULES = {
    "same": "same article, scope and time",
    "flow_stock": "flow over a period and stock at its end",
    "within_target": "achievement within the period of the target",
}


@dataclass(frozen=True)
class Role:
    """One input of a recipe: the name in the formula, the measure and kind it takes."""

    name: str
    measure: str
    kind: str = "level"
    optional: bool = False


@dataclass(frozen=True)
class Recipe:
    """A way to compute an indicator from figures (see ``data/indicators.toml`` for ``periods``)."""

    roles: tuple[Role, ...]
    formula: Formula
    periods: str = "same"
    growth_years: bool = False
    period_of: str = "period"
    #: Measures that, stated by the same article for the same scope and time, make the inputs count
    #: different things ("members" of cooperatives and groups against "cooperatives" alone).
    unless: tuple[str, ...] = ()


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
    topic: str = ""


@dataclass(frozen=True)
class Series:
    """A computation across articles: the same measure at two dates (``earlier``, ``later``, ``years``).

    ``measure_unit``: the result is in the unit of the measure compared (``unit`` then says so in words).
    """

    name: str
    title: str
    unit: str
    description: str
    formula: Formula
    measure_unit: bool = False


def _role(name: str, spec: str, optional: bool, where: str) -> Role:
    measure, _, kind = spec.partition(" (")
    kind = kind.rstrip(")") or "level"
    if measure not in measures():
        raise ValueError(f"{where}: input {name} names measure {measure!r}, which is not in data/measures.csv")
    if kind not in KINDS:
        raise ValueError(f"{where}: input {name} names kind {kind!r}; kinds are {', '.join(KINDS)}")
    return Role(name, measure, kind, optional)


def _recipe(spec: dict, where: str) -> Recipe:
    optional = set(spec.get("optional", []))
    roles = tuple(_role(name, measure, name in optional, where) for name, measure in spec["inputs"].items())
    if roles and roles[0].optional:
        # The first input dates and places the value (its article, scope, period): it must be there.
        raise ValueError(f"{where}: the first input ({roles[0].name}) may not be optional")
    parsed = formula(spec["formula"])
    allowed = {r.name for r in roles} | ({"years"} if spec.get("years") else set())
    if not parsed.names <= allowed:
        raise ValueError(
            f"{where}: formula {parsed.text!r} uses {', '.join(sorted(parsed.names - allowed))}, "
            f"which are not its inputs"
        )
    periods = spec.get("periods", "same")
    if periods not in PERIOD_RULES:
        raise ValueError(f"{where}: periods {periods!r} must be one of {', '.join(PERIOD_RULES)}")
    unless = tuple(spec.get("unless", ()))
    unknown = [m for m in unless if m not in measures()]
    if unknown:
        raise ValueError(f"{where}: unless names {', '.join(unknown)}, which are not in data/measures.csv")
    return Recipe(roles, parsed, periods, bool(spec.get("years")), spec.get("period_of", "period"), unless)


def _load() -> tuple[tuple[Indicator, ...], tuple[Series, ...], dict[str, str]]:
    with open(DATA_DIR / "indicators.toml", "rb") as handle:
        document = tomllib.load(handle)
    topics = dict(document.get("topics", {}))
    indicators = tuple(
        Indicator(
            name,
            spec["title"],
            spec["unit"],
            spec["description"],
            tuple(_recipe(r, f"data/indicators.toml: {name}") for r in spec["recipes"]),
            spec.get("caveat", ""),
            spec.get("wide", True),
            _topic(spec.get("topic", ""), topics, name),
        )
        for name, spec in document["indicators"].items()
    )
    series = tuple(
        Series(
            name,
            spec["title"],
            spec["unit"],
            spec["description"],
            formula(spec["formula"]),
            spec.get("measure_unit", False),
        )
        for name, spec in document.get("series", {}).items()
    )
    return indicators, series, topics


def _topic(topic: str, topics: dict[str, str], name: str) -> str:
    if topic not in topics:
        raise ValueError(f"data/indicators.toml: {name}: topic {topic!r} must be one of [topics]: {', '.join(topics)}")
    return topic


#: Every indicator, in the registry's order; the series formulas; topic -> heading of its section.
INDICATORS, SERIES, TOPICS = _load()
#: Name -> indicator, for lookups.
INDICATOR_BY_NAME = {indicator.name: indicator for indicator in INDICATORS}
