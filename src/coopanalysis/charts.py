"""Charts of indicators across provinces, with bounds drawn as intervals and open bounds as arrows."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import seaborn as sns
from IPython.display import Image, display
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .formatting import format_bounds
from .indicators import INDICATORS
from .tables import write_bytes

__all__ = ["CHART_GROUPS", "indicator_chart", "png_bytes", "save_png", "show"]

#: The charts a report run writes to ``outputs/charts/<name>.png``: indicators drawn together.
CHART_GROUPS = {
    "members": ["members_per_cooperative", "members_per_organization"],
    "revenue": ["avg_revenue_per_cooperative", "revenue_growth_pct", "revenue_cagr_pct"],
    "income": ["income_per_worker_month", "income_growth_pct"],
    "loans": ["loans_per_project", "loans_per_borrower"],
    "targets": ["new_cooperatives_vs_target_pct", "new_cooperatives_share_pct"],
    "capital": ["charter_capital_per_cooperative", "charter_capital_per_member"],
    "shares": ["good_cooperatives_share_pct", "agricultural_cooperatives_share_pct",
               "ocop_cooperatives_share_pct", "ocop_star_share_pct"],
}

_TITLES = {i.name: i for i in INDICATORS}
# Fixed metadata: charts must not carry the library version, a date or a random id.
_PNG_METADATA = {"Software": None}


def indicator_chart(indicators: pd.DataFrame, names: Sequence[str], provinces: Sequence[str] | None = None,
                    highlight: str | None = None, scope: str = "province") -> Figure:
    """One panel per indicator, one line per province and period.

    A dot marks the stated value (hollow when approximate), a bar the closed bounds, and an arrow
    running to the panel's edge an open bound: "over 650" is drawn as a bar from 650 that leaves
    the panel, never as a point. ``highlight`` draws one province in a stronger colour.
    """
    sns.set_theme(style="whitegrid", context="notebook")
    rows = indicators[(indicators["scope"] == scope) & indicators["indicator"].isin(names)]
    if provinces is not None:
        rows = rows[rows["province"].isin(provinces)]
    panels = [name for name in names if name in set(rows["indicator"])]
    height = 0.4 + sum(1.2 + 0.4 * (rows["indicator"] == name).sum() for name in panels)
    # A bare Figure, not pyplot's: no global state, and nothing is displayed unless asked (show).
    figure = Figure(figsize=(10, max(height, 1.5)))
    axes = figure.subplots(len(panels) or 1, 1, squeeze=False)
    if not panels:
        axes[0][0].text(0.5, 0.5, "No values for this selection", ha="center", va="center")
        axes[0][0].set_axis_off()
        return figure
    for ax, name in zip(axes[:, 0], panels):
        _panel(ax, rows[rows["indicator"] == name].sort_values(["province", "period"]), _TITLES[name], highlight)
    figure.tight_layout()
    return figure


def _panel(ax: Axes, rows: pd.DataFrame, indicator, highlight: str | None) -> None:
    palette = sns.color_palette("deep")
    # VND amounts are drawn in millions so the axis reads "350" rather than "3.5e8".
    scale, axis_unit = (1e6, "million " + indicator.unit) if indicator.unit.startswith("VND") else (1.0, indicator.unit)
    labels = [f"{r.province} ({r.period})" for r in rows.itertuples()]
    known = [x / scale for r in rows.itertuples() for x in (r.value, r.low, r.high) if not math.isnan(x)]
    left, right = min(known + [0.0]), (max(known) * 1.25 if known else 1.0)
    arrow = (right - left) * 0.04
    for y, r in enumerate(rows.itertuples()):
        colour = palette[3] if r.province == highlight else palette[0]
        value, low, high = (x / scale for x in (r.value, r.low, r.high))
        start = low if not math.isnan(low) else left
        end = high if not math.isnan(high) else right
        ax.plot([start, end], [y, y], color=colour, linewidth=3, alpha=0.6, solid_capstyle="butt")
        if math.isnan(high):
            ax.annotate("", xy=(right, y), xytext=(end - arrow, y), arrowprops={"arrowstyle": "->", "color": colour, "lw": 2})
        if math.isnan(low):
            ax.annotate("", xy=(left, y), xytext=(start + arrow, y), arrowprops={"arrowstyle": "->", "color": colour, "lw": 2})
        if not math.isnan(value):
            ax.plot([value], [y], "o", color=colour, markerfacecolor="white" if r.approximate else colour, markersize=7)
        ax.annotate(format_bounds(r.value, r.low, r.high, r.unit), xy=(1.02, y), xycoords=("axes fraction", "data"),
                    ha="left", va="center", fontsize=9, annotation_clip=False)
    if indicator.name.endswith("_vs_target_pct"):
        ax.axvline(100, color="grey", linestyle="--", linewidth=1)  # target met
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.set_xlim(left, right)
    ax.invert_yaxis()
    ax.set_xlabel(axis_unit, fontsize=9)
    ax.set_title(indicator.title, fontsize=11, loc="left")


def png_bytes(figure: Figure) -> bytes:
    """The chart as PNG with fixed metadata: the same inputs give the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata=_PNG_METADATA)
    return buffer.getvalue()


def save_png(figure: Figure, path: Path) -> None:
    """Write the chart as PNG, atomically."""
    write_bytes(path, png_bytes(figure))


def show(figure: Figure) -> None:
    """Display the chart in a notebook: one PNG output, identical to the saved file."""
    display(Image(data=png_bytes(figure), format="png"))
