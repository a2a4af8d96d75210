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

import pandas as pd

__all__ = ["CONFLICT_COLUMNS", "PANEL_COLUMNS", "PANEL_KEY", "SETTLED", "conflicts", "figure_panel"]

#: The statuses of a panel row whose value can be used: stated by one article, or agreed by several.
SETTLED = ("one article", "agree")

#: The columns that make two figures one statistic.
PANEL_KEY = ["province", "borders", "scope", "measure", "definition", "kind", "period", "base_period"]
#: Columns of :func:`figure_panel`.
PANEL_COLUMNS = [
    *PANEL_KEY, "province_2025", "unit", "value", "low", "high", "status", "n_articles", "figures", "articles",
    "approximate", "reviewed", "flags", "proposals_aside",
]
#: Columns of :func:`conflicts`: one row per figure of a conflicting statistic.
CONFLICT_COLUMNS = [*PANEL_KEY, "figure_id", "article_id", "published", "value", "low", "high", "unit", "quote"]
#: Relative slack when comparing bounds, so that 165 and 165.0000000001 agree.
_TOLERANCE = 1e-9


def _common(lows: list[float], highs: list[float]) -> tuple[float, float, bool]:
    """The values every interval allows: (low, high, non-empty); NaN bounds are open."""
    known_lows = [x for x in lows if not math.isnan(x)]
    known_highs = [x for x in highs if not math.isnan(x)]
    low = max(known_lows) if known_lows else math.nan
    high = min(known_highs) if known_highs else math.nan
    empty = known_lows and known_highs and low > high + _TOLERANCE * max(1.0, abs(high))
    return low, high, not empty


def _restated(group: pd.DataFrame) -> bool:
    """One article saying the same thing again: every row has the same value and bounds."""
    readings = group[["value", "low", "high"]].astype("float64").fillna(math.inf)
    return len(readings.drop_duplicates()) == 1


def _statistic(key: tuple, group: pd.DataFrame) -> dict:
    aside = group[~group["reviewed"]] if group["reviewed"].any() else group.iloc[:0]
    group = group[group["reviewed"]] if group["reviewed"].any() else group
    low, high, agree = _common(group["low"].tolist(), group["high"].tolist())
    values = set(group["value"].dropna())
    several = len(group) > 1 and not all(_restated(same) for _, same in group.groupby("article_id", sort=False))
    if several or not agree:
        value, low, high = math.nan, math.nan, math.nan
    elif not math.isnan(low) and not math.isnan(high) and math.isclose(low, high, rel_tol=_TOLERANCE):
        value = low  # the bounds leave one value: "over 20,000" and "23,000" say 23,000
    else:
        value = values.pop() if len(values) == 1 and group["value"].notna().all() else math.nan
    articles = list(dict.fromkeys(group["article_id"]))
    status = ("several in one article" if several else "conflict" if not agree
              else "one article" if len(articles) == 1 else "agree")
    flags = [f"{f.figure_id}: {f.flag}" for f in group.itertuples() if f.flag]
    return {
        **dict(zip(PANEL_KEY, key)), "province_2025": group["province_2025"].iloc[0], "unit": group["unit"].iloc[0],
        "value": value, "low": low, "high": high, "status": status, "n_articles": len(articles),
        "figures": ";".join(group["figure_id"]), "articles": ";".join(articles),
        "approximate": bool(group["approximate"].any()), "reviewed": bool(group["reviewed"].all()),
        "flags": "; ".join(flags), "proposals_aside": ";".join(aside["figure_id"]),
    }


def figure_panel(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per statistic (:data:`PANEL_KEY`) from every article, with :data:`PANEL_COLUMNS`.

    ``status`` is ``one article``, ``agree`` (several articles, bounds in common), ``conflict``
    (no value satisfies them all) or ``several in one article``; for the last two ``value``,
    ``low`` and ``high`` are empty. Figures of measure ``other`` are left out. ``figures``
    and ``articles`` list the ids behind the row in figure-id order. Sorted by the key.
    """
    ordered = figures[figures["measure"] != "other"].sort_values("figure_id", kind="stable")
    rows = [_statistic(key, group) for key, group in ordered.groupby(PANEL_KEY, sort=True, dropna=False)]
    table = pd.DataFrame(rows, columns=PANEL_COLUMNS)
    return table.astype({"value": "float64", "low": "float64", "high": "float64", "n_articles": "int64",
                         "approximate": "bool", "reviewed": "bool"})


def conflicts(figures: pd.DataFrame, panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every figure of a conflicting statistic, side by side with the others: :data:`CONFLICT_COLUMNS`.

    Figures of one statistic are consecutive rows, ordered by value, so that a report can show
    their quotes together. Pass ``panel`` when it is already computed.
    """
    panel = figure_panel(figures) if panel is None else panel
    ids = [figure_id for listed in panel.loc[panel["status"] == "conflict", "figures"] for figure_id in listed.split(";")]
    rows = figures[figures["figure_id"].isin(ids)]
    rows = rows.sort_values([*PANEL_KEY, "low", "high", "figure_id"], kind="stable", na_position="first")
    return rows[CONFLICT_COLUMNS].reset_index(drop=True)
