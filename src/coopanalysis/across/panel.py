"""The panel: every figure across articles, one row per statistic; articles that disagree are flagged.

A statistic is a province (with its ``borders``), scope, measure, ``definition``, kind, period and
base period. Figures stating the same statistic — two articles, a republished story, one article
saying it twice — share one panel row: counted once, with every figure id behind it. Where their
bounds have values in common the row holds that common part (``over 20,000`` and ``23,000`` give
23,000); where they have none, the row is a ``conflict``: both figures are kept, nothing is
picked, and :func:`conflicts` lists them with their quotes.

Two readings are not statistics the panel can identify, and are kept apart:

* figures of measure ``other``: what each counts lives only in its note;
* an article stating different values for one key (the support of several programmes, counts
  per sector): the vocabulary does not tell them apart, so the row is ``several in one article``
  and is never compared, summed or put in a series. Within one article only the very same
  reading (value and bounds) is a restatement: "over 125" and "over 50" are two statistics.

Reviewed figures decide a row: the extractor's proposals (``reviewed`` False) of a statistic that
a reviewed figure states never change its value, bounds or status; they are listed in
``proposals_aside``. A statistic that only proposals state is a row with ``reviewed`` False.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["CONFLICT_COLUMNS", "PANEL_COLUMNS", "PANEL_KEY", "SETTLED", "conflicts", "figure_panel"]

#: The statuses of a panel row whose value can be used: stated by one article, or agreed by several.
SETTLED = ("one article", "agree")

#: The columns that make two figures one statistic.
PANEL_KEY = ["province", "borders", "scope", "measure", "definition", "kind", "period", "base_period"]
#: Columns of :func:`figure_panel`.
PANEL_COLUMNS = [
    *PANEL_KEY,
    "province_2025",
    "unit",
    "value",
    "low",
    "high",
    "status",
    "n_articles",
    "figures",
    "articles",
    "approximate",
    "reviewed",
    "flags",
    "proposals_aside",
]
#: Columns of :func:`conflicts`: one row per figure of a conflicting statistic.
CONFLICT_COLUMNS = [*PANEL_KEY, "figure_id", "article_id", "published", "value", "low", "high", "unit", "quote"]
#: Relative slack when comparing bounds, so that 165 and 165.0000000001 agree.
_TOLERANCE = 1e-9
_DTYPES = {
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "n_articles": "int64",
    "approximate": "bool",
    "reviewed": "bool",
}


def figure_panel(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per statistic (:data:`PANEL_KEY`) from every article, with :data:`PANEL_COLUMNS`.

    ``status`` is ``one article``, ``agree`` (several articles, bounds in common), ``conflict``
    (no value satisfies them all) or ``several in one article``; for the last two ``value``,
    ``low`` and ``high`` are empty. Figures of measure ``other`` are left out. ``figures``
    and ``articles`` list the ids behind the row in figure-id order. Sorted by the key.

    Computed with group-bys over all statistics at once, so that the cost grows with the number
    of figures and not with the number of statistics times a Python call each.
    """
    ordered = figures[figures["measure"] != "other"].sort_values("figure_id", kind="stable")
    if ordered.empty:
        return pd.DataFrame([], columns=PANEL_COLUMNS).astype(_DTYPES)
    statistic = ordered.groupby(PANEL_KEY, sort=True, dropna=False).ngroup().to_numpy()
    # Rows by statistic, in figure-id order within each (a stable sort keeps that order).
    rows = ordered.iloc[np.argsort(statistic, kind="stable")].assign(_stat=np.sort(statistic, kind="stable"))
    reviewed = rows["reviewed"].astype(bool).to_numpy()
    any_reviewed = rows.groupby("_stat", sort=True)["reviewed"].transform("any").astype(bool).to_numpy()
    # Reviewed figures decide a row; proposals of a statistic that a reviewed figure states go aside.
    deciding = rows[reviewed | ~any_reviewed]
    aside = rows[~reviewed & any_reviewed]
    by_stat = deciding.groupby("_stat", sort=True)
    first = deciding.drop_duplicates("_stat")
    low, high = by_stat["low"].max().to_numpy(), by_stat["high"].min().to_numpy()
    known = ~np.isnan(low) & ~np.isnan(high)
    with np.errstate(invalid="ignore"):
        agree = ~(known & (low > high + _TOLERANCE * np.maximum(1.0, np.abs(high))))
        close = known & (np.abs(low - high) <= _TOLERANCE * np.maximum(np.abs(low), np.abs(high)))
    several = _several_in_one_article(deciding)
    values = by_stat["value"]
    one_value = ((values.nunique() == 1) & (values.count() == by_stat.size())).to_numpy()
    value = np.where(close, low, np.where(one_value, values.first().to_numpy(), np.nan))
    unsettled = several | ~agree
    value, low, high = (np.where(unsettled, np.nan, column) for column in (value, low, high))
    articles = deciding.drop_duplicates(["_stat", "article_id"])
    n_articles = articles.groupby("_stat", sort=True).size().to_numpy()
    status = np.where(
        several,
        "several in one article",
        np.where(~agree, "conflict", np.where(n_articles == 1, "one article", "agree")),
    )
    flagged = deciding[deciding["flag"].astype(bool)]
    flags = _joined(flagged["_stat"], flagged["figure_id"] + ": " + flagged["flag"], "; ")
    stats = first["_stat"].to_numpy()
    table = pd.DataFrame(
        {
            **{column: first[column].to_numpy() for column in PANEL_KEY},
            "province_2025": first["province_2025"].to_numpy(),
            "unit": first["unit"].to_numpy(),
            "value": value,
            "low": low,
            "high": high,
            "status": status,
            "n_articles": n_articles,
            "figures": _joined(deciding["_stat"], deciding["figure_id"], ";").reindex(stats).to_numpy(),
            "articles": _joined(articles["_stat"], articles["article_id"], ";").reindex(stats).to_numpy(),
            "approximate": by_stat["approximate"].any().to_numpy(),
            "reviewed": by_stat["reviewed"].all().to_numpy(),
            "flags": flags.reindex(stats, fill_value="").to_numpy(),
            "proposals_aside": _joined(aside["_stat"], aside["figure_id"], ";")
            .reindex(stats, fill_value="")
            .to_numpy(),
        },
        columns=PANEL_COLUMNS,
    )
    return table.astype(_DTYPES)


def _several_in_one_article(rows: pd.DataFrame) -> np.ndarray:
    """Per statistic: an article states it with different readings (value and bounds), not a restatement."""
    readings = (
        rows[["_stat", "article_id", "value", "low", "high"]]
        .astype({"value": "float64", "low": "float64", "high": "float64"})
        .fillna({"value": math.inf, "low": math.inf, "high": math.inf})
    )
    distinct = readings.drop_duplicates().groupby(["_stat", "article_id"], sort=False).size()
    several = (distinct > 1).groupby(level="_stat").any()
    return several.reindex(rows["_stat"].unique(), fill_value=False).sort_index().to_numpy()


def _joined(keys: pd.Series, texts: pd.Series, sep: str) -> pd.Series:
    """The texts of each key joined in order (keys consecutive): one string per key, indexed by key."""
    keys, texts = keys.to_numpy(), texts.astype(object).tolist()
    if not len(keys):
        return pd.Series([], dtype=object)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    return pd.Series([sep.join(texts[a:b]) for a, b in zip(starts, ends)], index=keys[starts], dtype=object)


def conflicts(figures: pd.DataFrame, panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every figure of a conflicting statistic, side by side with the others: :data:`CONFLICT_COLUMNS`.

    Figures of one statistic are consecutive rows, ordered by value, so that a report can show
    their quotes together. Pass ``panel`` when it is already computed.
    """
    panel = figure_panel(figures) if panel is None else panel
    ids = [
        figure_id for listed in panel.loc[panel["status"] == "conflict", "figures"] for figure_id in listed.split(";")
    ]
    rows = figures[figures["figure_id"].isin(ids)]
    rows = rows.sort_values([*PANEL_KEY, "low", "high", "figure_id"], kind="stable", na_position="first")
    return rows[CONFLICT_COLUMNS].reset_index(drop=True)
