"""Bounds drawn with seaborn's objects interface: a bar for the values the wording allows, a dot for a
stated number (hollow when "about"), an arrowhead at the panel's edge for an open bound.

Two layers for any number of rows (``so.Range`` and ``so.Dot``, colours, markers and fills given
as they are, not mapped), so that a chart's cost does not grow with its layers.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import seaborn as sns
import seaborn.objects as so
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle

__all__ = ["BLUE", "GREY", "RED", "STYLE", "draw_bounds", "edges", "legend_handles"]

BLUE, RED, GREY = to_hex(sns.color_palette("deep")[0]), to_hex(sns.color_palette("deep")[3]), "#737373"
#: matplotlib settings of every chart, applied in a context (nothing global changes).
STYLE: dict[str, Any] = {
    "font.size": 9,
    "axes.edgecolor": "#999999",
    "axes.grid": True,
    "grid.color": "#e6e6e6",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.facecolor": "white",
}
_MARKERS = {m: MarkerStyle(m) for m in ("o", ">", "<")}


def edges(values: np.ndarray) -> tuple[float, float]:
    """The panel's ends for these bounds: 0 or the lowest, and room past the highest for arrows."""
    known = values[~np.isnan(values)]
    if not len(known):
        return 0.0, 1.0
    left, top = min(float(known.min()), 0.0), float(known.max())
    right = top * 1.2 if top > 0 else (left * -0.2 if left < 0 else 1.0)
    return left, right


def draw_bounds(ax: Axes, rows: pd.DataFrame, left: float, right: float, size: float = 6, width: float = 3) -> None:
    """Draw ``rows`` (columns ``y``, ``value``, ``low``, ``high``, ``approximate``, ``colour``) into ``ax``.

    A missing bound runs to ``left`` or ``right`` and ends in an arrowhead there; a value nothing
    bounds is drawn as nothing.
    """
    start, end = rows["low"].fillna(left), rows["high"].fillna(right)
    spans = rows.assign(start=start, end=end)[(start != end) & rows[["low", "high"]].notna().any(axis=1)]
    spans = spans.reset_index(drop=True)  # seaborn matches rows by index: each must be unique
    arrow = (right - left) * 0.012  # the arrowhead's centre, inside the panel
    points = pd.concat(
        [
            rows[rows["value"].notna()].assign(
                x=rows["value"], marker=_MARKERS["o"], fill=~rows["approximate"].astype(bool)
            ),
            rows[rows["high"].isna() & rows["low"].notna()].assign(x=right - arrow, marker=_MARKERS[">"], fill=True),
            rows[rows["low"].isna() & rows["high"].notna()].assign(x=left + arrow, marker=_MARKERS["<"], fill=True),
        ],
        ignore_index=True,
    )
    plot = so.Plot().scale(color=None, marker=None, fill=None).limit(x=(left, right))
    if len(spans):
        plot = plot.add(
            so.Range(linewidth=width, alpha=0.55, artist_kws={"capstyle": "butt"}),
            data=spans,
            xmin="start",
            xmax="end",
            y="y",
            color="colour",
            orient="y",
        )
    if len(points):
        plot = plot.add(
            so.Dot(pointsize=size, edgewidth=1.2),
            data=points,
            x="x",
            y="y",
            color="colour",
            marker="marker",
            fill="fill",
        )
    if len(spans) or len(points):
        with warnings.catch_warnings():
            # seaborn 0.13 passes pandas 3 a keyword it deprecates (copy=False); nothing the chart can act on.
            warnings.filterwarnings("ignore", "The copy keyword is deprecated", category=DeprecationWarning)
            plot.on(ax).plot()
    ax.set_xlabel("")
    ax.set_ylabel("")


def legend_handles() -> list[Line2D]:
    """What the marks mean, for a legend."""
    return [
        Line2D([], [], marker="o", color=BLUE, linestyle="", label="value stated as one number"),
        Line2D([], [], marker="o", color=BLUE, markerfacecolor="white", linestyle="", label="'about' (approximate)"),
        Line2D([], [], color=BLUE, linewidth=3, alpha=0.55, label="values the wording allows"),
        Line2D([], [], color=BLUE, marker=">", markersize=5, linewidth=1, label="arrow: no limit on that side"),
    ]
