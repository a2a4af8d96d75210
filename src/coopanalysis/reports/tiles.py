"""The 34 provinces as a tile map (``data/tile_grid.csv``): each tile its profile, articles, latest date and
headline figure."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ..across.panel import SETTLED
from ..base.paths import DATA_DIR
from ..vocab.periods import parse_period
from ..vocab.provinces import display_name, successor
from .formatting import format_bounds
from .labels import period_text, short_place_label
from .templates import Markup, fragment

__all__ = ["HEADLINE", "Tile", "grid", "province_tiles", "tile_grid"]

#: The statistic a tile shows when its province has one: the count of cooperatives.
HEADLINE = "cooperatives"


@dataclass(frozen=True)
class Tile:
    """One province of the 34 on the map: where it sits, its name, and what the corpora hold of it."""

    name: str
    label: str
    row: int
    column: int
    href: str = ""
    articles: int = 0
    latest: str = ""
    headline: str = ""


@cache
def grid() -> tuple[tuple[str, int, int], ...]:
    """``(province, row, column)`` of each of the 34 provinces, as ``data/tile_grid.csv`` places them."""
    with open(DATA_DIR / "tile_grid.csv", newline="", encoding="utf-8") as handle:
        return tuple((r["name"], int(r["row"]), int(r["column"])) for r in csv.DictReader(handle))


def _headline(panel: pd.DataFrame, province: str) -> str:
    """The latest province-wide count of cooperatives of the province or a former part, with its territory and date."""
    rows = panel[
        (panel["province_2025"] == province)
        & (panel["measure"] == HEADLINE)
        & (panel["kind"] == "level")
        & (panel["scope"] == "province")
        & (panel["definition"] == "")
        & (panel["base_period"] == "")
        & panel["status"].isin(SETTLED)
    ]
    if rows.empty:
        return ""
    latest = rows.loc[rows["period"].map(lambda p: parse_period(p).end).sort_values(kind="stable").index[-1]]
    value = format_bounds(latest["value"], latest["low"], latest["high"], latest["unit"])
    place = short_place_label(latest["province"], latest["borders"])
    return f"{value} cooperatives ({place}, {period_text(latest['period'])})"


def province_tiles(profiles: Mapping[str, str], articles: pd.DataFrame, panel: pd.DataFrame) -> list[Tile]:
    """A tile per province of the 34: ``profiles`` maps a province (its table key) to its profile's file."""
    after = articles["province"].map(lambda p: p if p == "national" else successor(p))
    tiles = []
    for name, row, column in grid():
        own = articles[after == name]
        tiles.append(
            Tile(
                name,
                display_name(name),
                row,
                column,
                profiles.get(name, ""),
                len(own),
                str(own["published"].max()) if len(own) else "",
                _headline(panel, name),
            )
        )
    return tiles


def tile_grid(profiles: Mapping[str, str], articles: pd.DataFrame, panel: pd.DataFrame) -> Markup:
    """The tile map as HTML (``tiles.html.j2``)."""
    return fragment("tiles.html.j2", tiles=province_tiles(profiles, articles, panel))
