"""The parts of an analysis a report reads: everything, or what a profile of one province shows.

A profile shows its province's figures, articles, panel rows, indicators, series and 34-province
view, with those of the provinces the July 2025 merger joins with it (its *family*: the provinces
of one successor), and beside its own indicators the other provinces' values of the indicators it
has a province-wide value of (its "where it stands" charts). So the analysis is kept cut into
parts: each table by family, and those indicators' values by indicator (:func:`cut`); a profile
reads its family's parts and the few indicators' (:func:`profile_parts`), never the other
provinces' figures, and what it reads is all its outputs can depend on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import pandas as pd

from ..base.paths import slug
from ..vocab.provinces import successor
from .build import TABLES, Analysis

__all__ = ["BY_FAMILY", "assemble", "charted", "cut", "family", "profile_parts", "province_part"]

#: Tables cut by family for the profiles (every table is also kept whole, for the reports that read everything).
BY_FAMILY = ("figures", "articles", "panel", "indicators", "series", "provinces_2025_view")
_SCOPES = ("province", "national")
#: The order of the indicators table (:func:`coopanalysis.compute_indicators`): a profile's parts are put back in it.
_INDICATOR_ORDER = ["indicator", "province", "scope", "period", "inputs"]


def family(province: str) -> str:
    """The file-name part of a province's family: its successor after the merger ("lang-son", "national")."""
    return slug(successor(province))


def _families(table: pd.DataFrame) -> pd.Series:
    column = "province_2025" if "province_2025" in table.columns else "province"
    return table[column].map(family)


def _charted_rows(indicators: pd.DataFrame) -> pd.Series:
    """Rows a "where it stands" chart can show: province-wide (or national) values with a bound."""
    return indicators["scope"].isin(_SCOPES) & indicators[["value", "low", "high"]].notna().any(axis=1)


def charted(indicators: pd.DataFrame) -> dict[str, list[str]]:
    """Each province's indicators with a province-wide (or national) value: those its charts set beside others'."""
    known = indicators[_charted_rows(indicators)]
    return {province: list(dict.fromkeys(rows["indicator"])) for province, rows in known.groupby("province", sort=True)}


def cut(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The analysis's tables as parts, by part name: ``whole/<table>``; ``<table>/<family>`` of the
    tables cut by family; ``standing/<indicator>`` (the values its charts show) and
    ``standing_articles/<indicator>`` (the articles that date them)."""
    parts = {f"whole/{name}": tables[name] for name in TABLES}
    for name in BY_FAMILY:
        for key, rows in tables[name].groupby(_families(tables[name]), sort=True):
            parts[f"{name}/{key}"] = rows
    indicators, articles = tables["indicators"], tables["articles"]
    for name, rows in indicators[_charted_rows(indicators)].groupby("indicator", sort=True):
        parts[f"standing/{name}"] = rows
        parts[f"standing_articles/{name}"] = articles[articles["article_id"].isin(set(rows["article_id"]))]
    return parts


def profile_parts(province: str, available: Iterable[str], charts: Mapping[str, list[str]]) -> list[str]:
    """The parts a profile of ``province`` reads, among those ``available``."""
    available = set(available)
    own = [f"{name}/{family(province)}" for name in BY_FAMILY]
    drawn = [
        f"{kind}/{indicator}" for indicator in charts.get(province, []) for kind in ("standing", "standing_articles")
    ]
    return [part for part in own + drawn if part in available]


def assemble(parts: Mapping[str, pd.DataFrame], empty: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Tables from the parts read: the whole ones as they are; a profile's from its family's and its
    charts' parts, each row once, in the order of the whole. ``empty`` gives each table's columns and
    types, for a table none of whose rows was read."""
    tables = {name: _plain(parts.get(f"whole/{name}", empty[name].iloc[:0])) for name in TABLES}
    if any(part.startswith("whole/") for part in parts):
        return tables
    for part, rows in parts.items():
        name = part.split("/")[0]
        if name in BY_FAMILY:
            tables[name] = _plain(rows)
    standing = [rows for part, rows in parts.items() if part.startswith("standing/")]
    if standing:
        own = tables["indicators"]
        drawn = {str(rows["indicator"].iloc[0]) for rows in standing}
        own = own[~(own["indicator"].isin(drawn) & _charted_rows(own))]  # those rows are in the standing parts
        tables["indicators"] = _plain(pd.concat([own, *standing]).sort_values(_INDICATOR_ORDER, kind="stable"))
        dating = [rows for part, rows in parts.items() if part.startswith("standing_articles/")]
        articles = pd.concat([tables["articles"], *dating])
        tables["articles"] = _plain(articles.drop_duplicates("article_id"))
    return tables


def _plain(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.reset_index(drop=True)


def province_part(analysis: Analysis, province: str) -> Analysis:
    """What a profile of ``province`` (its canonical name) reads of an analysis held whole."""
    parts = cut(analysis.tables)
    chosen = {part: parts[part] for part in profile_parts(province, parts, charted(analysis.tables["indicators"]))}
    return replace(analysis, tables=assemble(chosen, analysis.tables), province=province)
