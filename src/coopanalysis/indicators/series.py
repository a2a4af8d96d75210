"""Series across articles: the same statistic of a province at two dates, its change and yearly rate.

Levels of one province (and borders), scope, measure and definition, at successive dates, are
paired in date order; each pair gives the three ``[series.*]`` formulas of the registry
(``data/indicators.toml``), evaluated on both figures' bounds. Which levels can be paired:

* stocks and averages (``nature`` in ``data/measures.csv``) at any two dates, dated by the
  end of their period ("2023" is the end of 2023);
* flows only over periods of the same length (a year against a year), never a half-year
  against a year;
* neither when the panel row is a conflict or several values of one article;
* never one article's one reading at two dates: it restates, it does not change.

Beside each pair stand the changes the articles themselves state for the same statistic,
period and base period (``stated``), so a reader sees computed and stated growth together.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..across.panel import SETTLED
from ..quantity.corners import Bounds, evaluate_arrays
from ..vocab.measures import measures
from ..vocab.periods import parse_period
from .registry import SERIES

__all__ = ["SERIES_COLUMNS", "series_across_articles"]

SERIES_COLUMNS = [
    "indicator",
    "province",
    "province_2025",
    "borders",
    "scope",
    "measure",
    "definition",
    "period",
    "base_period",
    "value",
    "low",
    "high",
    "unit",
    "formula",
    "inputs",
    "articles",
    "stated",
    "approximate",
    "reviewed",
]
_IDENTITY = ["province", "borders", "scope", "measure", "definition"]
_DTYPES = {"value": "float64", "low": "float64", "high": "float64", "approximate": "bool", "reviewed": "bool"}


def _pairs(levels: pd.DataFrame, natures: dict[str, str], ends: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Successive levels of each statistic in date order, as (earlier, later) rows; flows only among
    periods of one length. One sort of all the levels, then each row with the next one."""
    levels = levels.reset_index(drop=True)
    periods = ends.loc[levels["period"]]
    flow = levels["measure"].map(natures).eq("flow").to_numpy()
    ordered = levels.assign(
        _identity=levels.groupby(_IDENTITY, sort=True, dropna=False).ngroup(),
        _span=np.where(flow, periods["months"].to_numpy(), 0),
        _end=periods["end"].to_numpy(),
        _position=np.arange(len(levels)),
    )
    ordered = ordered.sort_values(["_identity", "_span", "_end", "period", "_position"], kind="stable")
    earlier, later = ordered.iloc[:-1].reset_index(drop=True), ordered.iloc[1:].reset_index(drop=True)
    successive = (
        (earlier["_identity"] == later["_identity"])
        & (earlier["_span"] == later["_span"])
        & (earlier["_end"] < later["_end"])
    ).to_numpy()
    return earlier[successive].reset_index(drop=True), later[successive].reset_index(drop=True)


def _period_ends(labels) -> pd.DataFrame:
    """Each distinct period label's end (as a day number), end year and month, and length in months."""
    parsed = {label: parse_period(label) for label in dict.fromkeys(labels) if label}
    return pd.DataFrame(
        {
            "end": [p.end.toordinal() for p in parsed.values()],
            "months": [p.months for p in parsed.values()],
            "month_index": [p.end.year * 12 + p.end.month for p in parsed.values()],
        },
        index=pd.Index(list(parsed), dtype=object),
    )


def _stated(changes: pd.DataFrame, earlier: pd.DataFrame, later: pd.DataFrame, ends: pd.DataFrame) -> np.ndarray:
    """For each pair, the changes articles state for its statistic from the earlier to the later date
    (same period ends), in the figures' order."""
    stated = np.full(len(earlier), "", dtype=object)
    changes = changes[changes["base_period"].astype(bool)]
    if changes.empty or not len(earlier):
        return stated
    changes = changes.assign(
        _base_end=ends.loc[changes["base_period"], "end"].to_numpy(),
        _end=ends.loc[changes["period"], "end"].to_numpy(),
        _order=np.arange(len(changes)),
    )
    pairs = earlier[_IDENTITY].assign(
        _base_end=earlier["_end"].to_numpy(), _end=later["_end"].to_numpy(), _pair=np.arange(len(earlier))
    )
    found = pairs.merge(changes, on=[*_IDENTITY, "_base_end", "_end"]).sort_values(["_pair", "_order"], kind="stable")
    texts = [
        f"{f}: {_bounds_text(v, lo, hi)}{'%' if k == 'change_pct' else f' {u}'}"
        for f, v, lo, hi, k, u in zip(
            found["figure_id"], found["value"], found["low"], found["high"], found["kind"], found["unit"]
        )
    ]
    pair = found["_pair"].to_numpy()
    for index, text in zip(pair, texts):
        stated[index] = f"{stated[index]}; {text}" if stated[index] else text
    return stated


def _bounds_text(value: float, low: float, high: float) -> str:
    if value == value:
        return f"{value:+g}"
    return f"{'' if low != low else f'{low:+g}'}..{'' if high != high else f'{high:+g}'}"


def series_across_articles(panel: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Change, change in percent and yearly rate between successive dates of one statistic.

    ``panel`` is :func:`coopanalysis.across.panel.figure_panel` of ``figures``. Returns one row per
    pair and ``[series.*]`` formula, with :data:`SERIES_COLUMNS`: ``period`` is the later date,
    ``base_period`` the earlier, ``inputs`` the figure ids behind the earlier then the later
    value, ``stated`` the article-stated changes over the same span. All pairs are formed and
    evaluated at once (a sort, a merge and the formulas on arrays), in time linear in the panel.
    """
    catalogue = measures()
    natures = {name: measure.nature for name, measure in catalogue.items()}
    levels = panel[
        (panel["kind"] == "level")
        & (panel["base_period"] == "")
        & panel["status"].isin(SETTLED)
        & panel["measure"].map(lambda m: natures[m] in ("stock", "flow", "average"))
    ]
    changes = figures[figures["kind"].isin(["change_pct", "change_abs"])]
    ends = _period_ends([*levels["period"], *changes["period"], *changes["base_period"]])
    earlier, later = _pairs(levels, natures, ends)
    # One article giving one reading at two dates ("established with 9 members", "to date, the 9
    # members") restates it: no change of 0 is computed from it.
    same = [
        np.isclose(earlier[c].to_numpy(dtype=float), later[c].to_numpy(dtype=float), rtol=0, atol=0, equal_nan=True)
        for c in ("value", "low", "high")
    ]
    kept = ~(
        (earlier["articles"] == later["articles"]).to_numpy()
        & ~earlier["articles"].str.contains(";").to_numpy()
        & same[0]
        & same[1]
        & same[2]
    )
    earlier, later = earlier[kept].reset_index(drop=True), later[kept].reset_index(drop=True)
    if earlier.empty:
        return pd.DataFrame([], columns=SERIES_COLUMNS).astype(_DTYPES)
    months = ends.loc[later["period"], "month_index"].to_numpy() - ends.loc[earlier["period"], "month_index"].to_numpy()
    years = months / 12
    inputs = {"earlier": _bounds(earlier), "later": _bounds(later)}
    stated = _stated(changes, earlier, later, ends)
    spans = [f"years = {y:g} ({a} to {b})" for y, a, b in zip(years, earlier["period"], later["period"])]
    shared = {
        **{column: earlier[column].to_numpy() for column in _IDENTITY},
        "province_2025": later["province_2025"].to_numpy(),
        "period": later["period"].to_numpy(),
        "base_period": earlier["period"].to_numpy(),
        "inputs": (earlier["figures"] + "|" + later["figures"]).to_numpy(),
        "articles": (earlier["articles"] + "|" + later["articles"]).to_numpy(),
        "stated": stated,
        "approximate": (earlier["approximate"].to_numpy() | later["approximate"].to_numpy()),
        "reviewed": (earlier["reviewed"].to_numpy() & later["reviewed"].to_numpy()),
    }
    parts = []
    for number, series in enumerate(SERIES):
        value, low, high = evaluate_arrays(
            lambda series=series, **kw: series.formula.on_arrays(years=years, **kw), **inputs
        )
        parts.append(
            pd.DataFrame(
                {
                    "indicator": series.name,
                    **shared,
                    "value": value,
                    "low": low,
                    "high": high,
                    "unit": later["unit"].to_numpy() if series.measure_unit else series.unit,
                    "formula": [f"{series.formula.text}, {span}" for span in spans],
                    "_pair": np.arange(len(earlier)),
                    "_series": number,
                }
            )
        )
    # One row per pair and formula, pairs in order and the formulas of a pair together.
    table = pd.concat(parts, ignore_index=True).sort_values(["_pair", "_series"], kind="stable")
    return table[SERIES_COLUMNS].reset_index(drop=True).astype(_DTYPES)


def _bounds(rows: pd.DataFrame) -> Bounds:
    return Bounds(
        rows["value"].to_numpy(dtype="float64"),
        rows["low"].to_numpy(dtype="float64"),
        rows["high"].to_numpy(dtype="float64"),
    )
