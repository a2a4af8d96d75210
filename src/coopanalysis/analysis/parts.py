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

__all__ = ["BY_FAMILY", "ROW", "assemble", "charted", "cut", "family", "profile_parts", "province_part"]

#: Tables cut by family (the others are read whole, by the reports that read everything).
BY_FAMILY = ("figures", "articles", "panel", "indicators", "series", "provinces_2025_view")
#: The column that keeps each row's place in its whole table, so that parts put together read as the whole.
ROW = "_row"
_SCOPES = ("province", "national")


def family(province: str) -> str:
    """The file-name part of a province's family: its successor after the merger ("lang-son", "national")."""
    return slug(successor(province))


def _families(name: str, table: pd.DataFrame) -> pd.Series:
    column = "province_2025" if "province_2025" in table.columns else "province"
    return table[column].map(lambda p: slug(successor(p)))


def charted(indicators: pd.DataFrame) -> dict[str, list[str]]:
    """Each province's indicators with a province-wide (or national) value: those its charts set beside others'."""
    known = indicators[indicators["scope"].isin(_SCOPES) & indicators[["value", "low", "high"]].notna().any(axis=1)]
    return {province: list(dict.fromkeys(rows["indicator"])) for province, rows in known.groupby("province", sort=True)}


def cut(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The analysis's tables as parts, by part name ("figures/lang-son", "standing/loans_per_project", "withheld")."""
    parts = {}
    for name in TABLES:
        table = tables[name].assign(**{ROW: range(len(tables[name]))})
        if name not in BY_FAMILY:
            parts[name] = table
            continue
        for key, rows in table.groupby(_families(name, table), sort=True):
            parts[f"{name}/{key}"] = rows
    indicators = tables["indicators"].assign(**{ROW: range(len(tables["indicators"]))})
    articles = tables["articles"].assign(**{ROW: range(len(tables["articles"]))})
    wide = indicators[indicators["scope"].isin(_SCOPES) & indicators[["value", "low", "high"]].notna().any(axis=1)]
    for name, rows in wide.groupby("indicator", sort=True):
        parts[f"standing/{name}"] = rows
        parts[f"standing_articles/{name}"] = articles[articles["article_id"].isin(set(rows["article_id"]))]
    return parts


def profile_parts(province: str, available: Iterable[str], charts: Mapping[str, list[str]]) -> list[str]:
    """The parts a profile of ``province`` reads, among those ``available``."""
    available = set(available)
    own = [f"{name}/{family(province)}" for name in BY_FAMILY]
    drawn = [f"{kind}/{indicator}" for indicator in charts.get(province, []) for kind in ("standing", "standing_articles")]
    return [part for part in own + drawn if part in available]


def assemble(parts: Mapping[str, pd.DataFrame], empty: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Whole tables from the parts read: each table's rows in their order in the whole, each row once.

    ``empty`` gives each table's columns and types, for a table none of whose parts was read.
    """
    grouped: dict[str, list[pd.DataFrame]] = {}
    for part, rows in parts.items():
        name = part.split("/")[0]
        name = {"standing": "indicators", "standing_articles": "articles"}.get(name, name)
        grouped.setdefault(name, []).append(rows)
    tables = {}
    for name in TABLES:
        frames = grouped.get(name)
        if not frames:
            tables[name] = empty[name].iloc[:0].drop(columns=[ROW], errors="ignore")
            continue
        whole = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        whole = whole.drop_duplicates(ROW).sort_values(ROW, kind="stable")
        tables[name] = whole.drop(columns=[ROW]).reset_index(drop=True)
    return tables


def province_part(analysis: Analysis, province: str) -> Analysis:
    """What a profile of ``province`` (its canonical name) reads of an analysis held whole."""
    parts = cut(analysis.tables)
    chosen = {part: parts[part] for part in profile_parts(province, parts, charted(analysis.tables["indicators"]))}
    return replace(analysis, tables=assemble(chosen, analysis.tables), province=province)
