"""Where one province stands on the headline indicators, beside the other provinces, in one chart.

One band per headline indicator (:data:`~.comparison.OVERVIEW`, the columns of the cross-province
overview) that the province has, holding only values comparable with the province's (the same basis: its
period length, plan period of its VND, what its denominator counts), national values last as a
reference. Each band has its own scale, written under it. The province is drawn in red and named
with its value; other provinces are named one by one when they are few (:data:`FEW`), and drawn
on one unnamed line when they are many, so that the chart's cost and height follow the number of
indicators, not the number of provinces. One seaborn plot and one PNG for the whole profile.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..indicators import INDICATORS
from ..vocab.periods import parse_period
from ..vocab.provinces import NATIONAL, display_name
from .charts import Chart, source_line, words
from .comparison import OVERVIEW
from .formatting import format_bounds, format_number
from .labels import indicator_title, period_text, short_place_label
from .marks import BLUE, GREY, RED, STYLE, draw_bounds, edges, legend_handles
from .values import known_values

__all__ = ["FEW", "standing_chart", "standing_rows"]

#: Other provinces named one by one in a band; past this many, they share one unnamed line.
FEW = 6
_ORDER = {indicator.name: n for n, indicator in enumerate(INDICATORS)}


_COLUMNS = [
    "indicator",
    "province",
    "borders",
    "period",
    "basis",
    "definition",
    "value",
    "low",
    "high",
    "unit",
    "approximate",
    "reviewed",
    "article_id",
]


def standing_rows(indicators: pd.DataFrame, province: str, names: Sequence[str] = OVERVIEW) -> pd.DataFrame:
    """The values the chart draws: per indicator of ``names``, the province's latest province-wide value,
    each other province's latest value on the same basis, and the latest national value of each definition.

    Rows of the indicators table, plus ``role`` ("province", "other", "national").
    """
    wide = known_values(
        indicators.loc[
            indicators["scope"].isin(["province", "national"]) & indicators["indicator"].isin(names), _COLUMNS
        ]
    )
    ends = {p: parse_period(p).end for p in set(wide["period"])}
    wide = wide.assign(_end=wide["period"].map(ends)).sort_values("_end", kind="stable")
    own = wide[wide["province"] == province].groupby("indicator").tail(1)
    if province == NATIONAL or own.empty:
        return indicators.iloc[:0].assign(role=pd.Series(dtype=str))
    # Only the indicators the province has: the others' rows are never looked at.
    shared = wide[wide["indicator"].isin(set(own["indicator"]))]
    latest = shared[shared["province"] != province].groupby(["indicator", "province", "basis", "definition"]).tail(1)
    picked = []
    for mine in sorted(own.itertuples(), key=lambda r: _ORDER[r.indicator]):
        same = latest[latest["indicator"] == mine.indicator]
        others = same[(same["province"] != NATIONAL) & (same["basis"] == mine.basis)]
        national = same[same["province"] == NATIONAL].groupby("definition").tail(1)
        if others.empty and national.empty:
            continue  # nothing beside it
        picked += [
            pd.Series("province", index=[mine.Index]),
            pd.Series("other", index=others.sort_values("province").index),
            pd.Series("national", index=national.sort_values("definition").index),
        ]
    if not picked:
        return indicators.iloc[:0].assign(role=pd.Series(dtype=str))
    roles = pd.concat(picked)
    return indicators.loc[roles.index].assign(role=roles.to_numpy())


def _scaled(y: float, r, colour: str, left: float, right: float) -> dict:
    """One mark, its bounds scaled into its band (0 at the band's left edge, 1 at its right)."""
    return {
        "y": y,
        "colour": colour,
        "approximate": bool(r.approximate),
        **{c: (getattr(r, c) - left) / (right - left) for c in ("value", "low", "high")},
    }


def _layout(rows: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[float, str, str]], list[str]]:
    """Marks (one line each, scaled into their band), texts ``(y, kind, words)`` and the alt text's sentences."""
    marks, texts, described, y = [], [], [], 0.0
    for name, band in rows.groupby("indicator", sort=False):
        others = band[band["role"] == "other"]
        left, right = edges(band[["value", "low", "high"]].to_numpy(dtype=float).ravel())
        unit = band["unit"].iloc[0]
        basis = band.loc[band["role"] == "province", "basis"].iloc[0]
        title = indicator_title(name) + (f" · {basis}" if basis else "")
        texts.append((y, "title", title))
        y += 1
        parts = []
        for r in (band if len(others) <= FEW else band[band["role"] != "other"]).itertuples():
            label = f"{short_place_label(r.province, r.borders)}, {period_text(r.period)}"
            texts += [(y, "own" if r.role == "province" else "label", label), (y, "words", words(r, " (proposed)"))]
            marks.append(
                _scaled(y, r, RED if r.role == "province" else GREY if r.role == "national" else BLUE, left, right)
            )
            parts.append(f"{label}: {words(r, ' (proposed)')}")
            y += 1
        if len(others) > FEW:
            bounds = others[["value", "low", "high"]].to_numpy(dtype=float)
            spread = format_bounds(np.nan, float(np.nanmin(bounds)), float(np.nanmax(bounds)), unit)
            texts += [(y, "label", f"{len(others)} other provinces"), (y, "words", spread)]
            marks += [_scaled(y, r, BLUE, left, right) for r in others.itertuples()]
            parts.append(f"{len(others)} other provinces: {spread}")
            y += 1
        low_end = format_number(left, unit) if left else "0"
        texts.append((y - 0.4, "scale", f"scale: {low_end} to {format_number(right, unit)}"))
        described.append(f"{title}: " + "; ".join(parts))
        y += 0.7
    return pd.DataFrame(marks), texts, described


def standing_chart(indicators: pd.DataFrame, province: str, *, articles: pd.DataFrame | None = None) -> Chart | None:
    """The chart of where ``province`` (a table key) stands; None when no indicator has a value beside its own."""
    rows = standing_rows(indicators, province)
    if rows.empty:
        return None
    marks, texts, described = _layout(rows[[*_COLUMNS, "role"]])
    source = textwrap.wrap(source_line(rows, articles), 150)
    longest = max(len(t) for _, kind, t in texts if kind in ("label", "own"))
    lines = max(y for y, _, _ in texts) + 1
    width, left, right = 10.0, min(4.2, 0.3 + 0.075 * longest), 2.6
    top, height_rows, below = 0.45, 0.24 * lines, 0.6 + 0.14 * len(source)
    height = top + height_rows + below
    # Words drawn as texts, not as tick labels: a tick is several artists, and the chart draws many words.
    fonts: dict[str, dict[str, Any]] = {
        "title": {"x": -0.01, "ha": "left", "fontsize": 9, "fontweight": "bold"},
        "label": {"x": -0.01, "ha": "right", "fontsize": 9},
        "own": {"x": -0.01, "ha": "right", "fontsize": 9, "fontweight": "bold", "color": RED},
        "words": {"x": 1.02, "ha": "left", "fontsize": 8},
        "scale": {"x": 1.0, "ha": "right", "fontsize": 7, "color": "#777777", "va": "top"},
    }
    with matplotlib.rc_context({**STYLE, "axes.grid": False}):
        figure = Figure(figsize=(width, height))
        ax = figure.add_axes((left / width, below / height, (width - left - right) / width, height_rows / height))
        ax.vlines([0, 0.25, 0.5, 0.75, 1], -0.7, lines - 0.3, colors="#e6e6e6", linewidth=0.8, zorder=0)
        draw_bounds(ax, marks, 0.0, 1.0, size=5, width=2.5)
        for y, kind, text in texts:
            ax.text(s=text, y=y, transform=ax.get_yaxis_transform(), **{"va": "center", **fonts[kind]})
        ax.set_xticks([])
        ax.set_yticks([])
        ax.spines[["left", "bottom"]].set_visible(False)
        ax.set_ylim(lines - 0.3, -0.7)
        ax.set_xlim(0.0, 1.0)
        figure.legend(
            handles=legend_handles(),
            loc="lower left",
            ncol=4,
            frameon=False,
            fontsize=8,
            bbox_to_anchor=(0.01, 0.02 + 0.14 * len(source) / height),
        )
        figure.text(0.01, 0.01, "\n".join(source), fontsize=7, color="#555555", ha="left", va="bottom")
    alt = f"Where {display_name(province)} stands, beside the values comparable with its own. " + " ".join(
        d + "." for d in described
    )
    return Chart(figure, alt, rows)
