"""Series across articles: the same statistic of a province at two dates, its change and yearly rate.

Levels of one province (and borders), scope, measure and definition, at successive dates, are
paired in date order; each pair gives the three ``[series.*]`` formulas of the registry
(``data/indicators.toml``), evaluated on both figures' bounds. Which levels can be paired:

* stocks and averages (``nature`` in ``data/measures.csv``) at any two dates, dated by the
  end of their period ("2023" is the end of 2023);
* flows only over periods of the same length (a year against a year), never a half-year
  against a year;
* neither when the panel row is a conflict or several values of one article.

Beside each pair stand the changes the articles themselves state for the same statistic,
period and base period (``stated``), so a reader sees computed and stated growth together.
"""

from __future__ import annotations

import pandas as pd

from ..across.panel import SETTLED
from ..quantity.intervals import Interval, evaluate
from ..vocab.measures import measures
from ..vocab.periods import parse_period
from . import SERIES
from .pairing import years_between

__all__ = ["SERIES_COLUMNS", "series_across_articles"]

SERIES_COLUMNS = [
    "indicator", "province", "province_2025", "borders", "scope", "measure", "definition", "period", "base_period",
    "value", "low", "high", "unit", "formula", "inputs", "articles", "stated", "approximate", "reviewed",
]
_IDENTITY = ["province", "borders", "scope", "measure", "definition"]


def _pairs(levels: pd.DataFrame, nature: str) -> list[tuple]:
    """Successive levels in date order; flows only among periods of one length."""
    levels = levels.assign(end_date=levels["period"].map(lambda p: parse_period(p).end),
                           span_months=levels["period"].map(lambda p: parse_period(p).months))
    groups = levels.groupby("span_months", sort=True) if nature == "flow" else [(None, levels)]
    found = []
    for _, group in groups:
        ordered = list(group.sort_values(["end_date", "period"], kind="stable").itertuples(index=False))
        found += [(a, b) for a, b in zip(ordered, ordered[1:]) if a.end_date < b.end_date]
    return found


def _stated(changes: pd.DataFrame, earlier: str, later: str) -> str:
    """The changes articles state for this statistic from ``earlier`` to ``later`` (same period ends)."""
    ends = (parse_period(earlier).end, parse_period(later).end)
    found = []
    for row in changes.itertuples(index=False):
        if row.base_period and (parse_period(row.base_period).end, parse_period(row.period).end) == ends:
            unit = "%" if row.kind == "change_pct" else f" {row.unit}"
            found.append(f"{row.figure_id}: {_bounds_text(row.value, row.low, row.high)}{unit}")
    return "; ".join(found)


def _bounds_text(value: float, low: float, high: float) -> str:
    if value == value:
        return f"{value:+g}"
    return f"{'' if low != low else f'{low:+g}'}..{'' if high != high else f'{high:+g}'}"


def series_across_articles(panel: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Change, change in percent and yearly rate between successive dates of one statistic.

    ``panel`` is :func:`coopanalysis.across.panel.figure_panel` of ``figures``. Returns one row per
    pair and ``[series.*]`` formula, with :data:`SERIES_COLUMNS`: ``period`` is the later date,
    ``base_period`` the earlier, ``inputs`` the figure ids behind the earlier then the later
    value, ``stated`` the article-stated changes over the same span.
    """
    catalogue = measures()
    levels = panel[(panel["kind"] == "level") & (panel["base_period"] == "") & panel["status"].isin(SETTLED)
                   & panel["measure"].map(lambda m: catalogue[m].nature in ("stock", "flow", "average"))]
    changes = figures[figures["kind"].isin(["change_pct", "change_abs"])]
    changes_of = {key: group for key, group in changes.groupby(_IDENTITY, sort=False, dropna=False)}
    rows = []
    for identity, group in levels.groupby(_IDENTITY, sort=True, dropna=False):
        for earlier, later in _pairs(group, catalogue[identity[3]].nature):
            years = years_between(earlier.period, later.period)
            inputs = {"earlier": _interval(earlier), "later": _interval(later)}
            stated = _stated(changes_of[identity], earlier.period, later.period) if identity in changes_of else ""
            for series in SERIES:
                result = evaluate(lambda **kw: series.formula(years=years, **kw), **inputs)
                rows.append({
                    "indicator": series.name, **dict(zip(_IDENTITY, identity)), "province_2025": later.province_2025,
                    "period": later.period, "base_period": earlier.period, "value": result.value, "low": result.low,
                    "high": result.high, "unit": later.unit if series.measure_unit else series.unit,
                    "formula": f"{series.formula.text}, years = {years:g} ({earlier.period} to {later.period})",
                    "inputs": f"{earlier.figures}|{later.figures}", "articles": f"{earlier.articles}|{later.articles}",
                    "stated": stated, "approximate": bool(earlier.approximate or later.approximate),
                    "reviewed": bool(earlier.reviewed and later.reviewed),
                })
    table = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    return table.astype({"value": "float64", "low": "float64", "high": "float64", "approximate": "bool",
                         "reviewed": "bool"})


def _interval(row) -> Interval:
    return Interval(row.value, row.low, row.high)
