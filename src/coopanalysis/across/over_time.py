"""A province over time in one call: every reviewed value of one statistic, across articles, with bounds and quotes.

A name of the 34 provinces (``"Vĩnh Long"``) means the province since July 2025: its rows are
the merged province's figures and those of each former province (Bến Tre, Trà Vinh, Vĩnh Long
before the merger), each named apart in ``territory``, never added up. A former province's name
alone (``"Trà Vinh"``) means that province. An article that states one value twice (a headline and
its body) gives one row, not a change of 0; two articles stating it are two rows.
"""

from __future__ import annotations

import pandas as pd

from ..articles.corpora import Corpora
from ..figures.pooled import load_figures
from ..vocab.eras import era_of
from ..vocab.periods import parse_period
from ..vocab.provinces import NATIONAL, canonical_name, display_name, former_provinces, lookup_province

__all__ = ["SERIES_COLUMNS", "series"]

#: Columns of :func:`series`, one row per value stated by an article.
SERIES_COLUMNS = [
    "province_2025",
    "territory",
    "province",
    "borders",
    "measure",
    "definition",
    "kind",
    "scope",
    "period",
    "period_end",
    "era",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "approximate",
    "article_id",
    "published",
    "figure_ids",
    "restated_for",
    "quote",
    "reviewed",
]
#: What makes two figures of one article one value restated: the same statistic and reading, whatever their period.
_RESTATED = ["province", "borders", "scope", "measure", "definition", "kind", "article_id", "value", "low", "high"]


def _territory(province: str, borders: str) -> str:
    """The territory in words, as the rows name it apart: "Cà Mau (former)", "Cà Mau (since July 2025)"."""
    name = display_name(province)
    if borders == "post-merger":
        return f"{name} (since July 2025)"
    if borders == "pre-merger":
        return f"{name} (former)"
    return name


def _wanted(province: str) -> tuple[str, bool]:
    """The table key of ``province`` and whether it means a province of the 34 (with its former ones)."""
    key = canonical_name(province)
    if key == NATIONAL:
        return key, False
    try:
        return lookup_province(province, merged=True).name, True
    except KeyError:
        try:
            return lookup_province(province).name, False
        except KeyError:
            raise ValueError(
                f"unknown province {province!r}; give one of the 63 or the 34 in any spelling, or 'national'"
            ) from None


def series(
    province: str,
    measure: str,
    figures: pd.DataFrame | None = None,
    *,
    corpora: Corpora = None,
    definition: str | None = "",
    kind: str = "level",
    scope: str = "province",
) -> pd.DataFrame:
    """Every reviewed value of ``measure`` for ``province`` over time: :data:`SERIES_COLUMNS`.

    ``restated_for`` lists the other periods one article gives the same reading for (one row, not a change).

    ``figures`` is :func:`coopanalysis.load_figures`'s table (default: loaded from ``corpora``).
    ``definition`` "" keeps what the measure's own definition counts, a text keeps that subset,
    None keeps every definition (rows apart by ``definition``). Rows are sorted by territory,
    then by the end of their period, then by publication. ``era`` names the era of nominal VND
    (``data/eras.csv``) of a money value: amounts of different eras are not comparable.
    Raises ``ValueError`` for a name that is no province.
    """
    key, merged = _wanted(province)
    figures = load_figures(corpora) if figures is None else figures
    if merged:
        chosen = figures["province_2025"].eq(key) & figures["province"].isin({key, *former_provinces(key)})
    else:
        chosen = figures["province"].eq(key)
    chosen &= figures["measure"].eq(measure) & figures["kind"].eq(kind) & figures["scope"].eq(scope)
    chosen &= figures["reviewed"].astype(bool)
    if definition is not None:
        chosen &= figures["definition"].eq(definition)
    rows = figures[chosen]
    if rows.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    ends = {p: parse_period(p).end.isoformat() for p in set(rows["period"])}
    rows = rows.assign(_end=rows["period"].map(ends)).sort_values(
        ["_end", "figure_id"], ascending=[False, True], kind="stable"
    )
    # One article stating one reading twice ("established with 9 members", "to date, the 9 members")
    # is one value, dated by the latest: it restates, it does not change.
    filled = (
        rows[_RESTATED]
        .astype(dict.fromkeys(("value", "low", "high"), "float64"))
        .fillna({c: float("inf") for c in ("value", "low", "high")})
        .astype(str)
        .agg("\x1f".join, axis=1)
    )
    grouped = rows.assign(_key=filled.to_numpy()).groupby("_key", sort=False)
    first = grouped.head(1).set_index("_key")
    ids = grouped["figure_id"].agg(lambda listed: ";".join(sorted(listed)))
    others = grouped["period"].agg(lambda listed: "; ".join(dict.fromkeys(listed.iloc[1:])))
    eras = {p: (e.era if (e := era_of(p)) else "") for p in set(first["period"])}
    table = pd.DataFrame(
        {
            "province_2025": first["province_2025"],
            "territory": [_territory(p, b) for p, b in zip(first["province"], first["borders"])],
            "province": first["province"],
            "borders": first["borders"],
            "measure": first["measure"],
            "definition": first["definition"],
            "kind": first["kind"],
            "scope": first["scope"],
            "period": first["period"],
            "period_end": first["period"].map(ends),
            "era": [eras[p] if u.startswith("VND") else "" for p, u in zip(first["period"], first["unit"])],
            "value": first["value"],
            "low": first["low"],
            "high": first["high"],
            "unit": first["unit"],
            "qualifier": first["qualifier"],
            "approximate": first["approximate"],
            "article_id": first["article_id"],
            "published": first["published"],
            "figure_ids": ids.reindex(first.index),
            "restated_for": others.reindex(first.index),
            "quote": first["quote"],
            "reviewed": first["reviewed"],
        },
        columns=SERIES_COLUMNS,
    )
    order = table.assign(_own=table["province"].ne(key))  # the province's own name first, then its former parts
    order = order.sort_values(["_own", "province", "borders", "period_end", "published", "figure_ids"], kind="stable")
    return order.drop(columns="_own").reset_index(drop=True)
