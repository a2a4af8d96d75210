"""Charts that stand alone: one indicator across provinces, bounds drawn as bars and arrows, with
title, unit, legend, source line and alt text. Nothing here changes matplotlib's or seaborn's
global settings; a chart draws into the ``ax`` it is given, or into a figure of its own.
"""

from __future__ import annotations

import base64
import html
import io
import math
import textwrap
from collections.abc import Sequence
from pathlib import Path

import matplotlib
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..base.writers import write_bytes
from ..indicators import INDICATOR_BY_NAME
from ..vocab.periods import parse_period
from .formatting import format_bounds
from .labels import period_text, short_place_label
from .params import choose_provinces, known_name
from .values import known_values

__all__ = ["Chart", "MOST_ROWS", "chart_rows", "chartable", "indicator_chart", "png_bytes", "save_png"]

# Fixed metadata: charts must not carry the library version, a date or a random id.
_PNG_METADATA = {"Software": None}
_STYLE = {"font.size": 9, "axes.edgecolor": "#999999", "axes.grid": True, "grid.color": "#e6e6e6",
          "axes.spines.top": False, "axes.spines.right": False}
_BLUE, _RED, _GREY = sns.color_palette("deep")[0], sns.color_palette("deep")[3], (0.45, 0.45, 0.45)
NATIONAL_GROUP = "national reference"
#: Past this many values, a chart shows each province's latest value of each group.
MOST_ROWS = 80


class Chart:
    """A drawn chart: its matplotlib ``figure``, its ``alt`` text, and the ``data`` it shows.

    In a notebook it displays as one PNG (the same bytes :func:`save_png` writes), with the alt
    text as its plain-text form and as the image's description in the HTML reports.
    """

    def __init__(self, figure: Figure, alt: str, data: pd.DataFrame):
        self.figure, self.alt, self.data = figure, alt, data

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/png": png_bytes(self.figure), "text/plain": self.alt}, {"image/png": {"alt": self.alt}}

    def html(self) -> str:
        """The chart as an HTML figure: the PNG inline (no file, no other host) with its alt text."""
        data = base64.b64encode(png_bytes(self.figure)).decode("ascii")
        return f'<figure class="chart"><img alt="{html.escape(self.alt)}" src="data:image/png;base64,{data}"></figure>'

    def save(self, path: Path | str) -> None:
        """Write the chart as PNG (the bytes a notebook shows)."""
        save_png(self.figure, Path(path))


def chart_rows(indicators: pd.DataFrame, name: str, provinces: Sequence[str] | None = None,
               scope: str = "province") -> pd.DataFrame:
    """The values a chart of ``name`` draws, in its order, with the ``group`` each is drawn under."""
    known_name(name, INDICATOR_BY_NAME, "indicator")
    rows = known_values(indicators[(indicators["indicator"] == name)  # "not known" is no mark
                                   & indicators["scope"].isin([scope, "national"])])
    if provinces is not None:
        wanted = set(choose_provinces(provinces, sorted(set(indicators["province"]))))
        rows = rows[rows["province"].isin(wanted | {"national"})]
    # National values are one reference group, apart from their basis; a national value of a subset
    # (its definition: "agricultural cooperatives only") is a reference of its own, which says so.
    national = NATIONAL_GROUP + rows["definition"].map(lambda d: f": {d}" if d else "")
    groups = rows["basis"].where(rows["province"] != "national", national)
    rows = rows.assign(group=groups, _months=rows["period"].map(lambda p: parse_period(p).months),
                       _end=rows["period"].map(lambda p: parse_period(p).end))
    # Groups in a reading order: shorter periods first, then earlier ones; national references last.
    months, ends = rows.groupby("group")["_months"].min(), rows.groupby("group")["_end"].min()
    rank = {g: (g.startswith(NATIONAL_GROUP), months[g], ends[g], g) for g in months.index}
    rows = rows.assign(_rank=rows["group"].map(rank))
    rows = rows.sort_values(["_rank", "province", "period"], kind="stable")
    if len(rows) > MOST_ROWS:
        # A chart of hundreds of lines is read by no one and takes minutes to draw: past MOST_ROWS,
        # each province's latest value of each group (the indicators table keeps every value).
        latest = rows.groupby(["group", "province"], sort=False)["_end"].transform("max")
        rows = rows[rows["_end"] == latest].drop_duplicates(["group", "province"])
        rows.attrs["latest_only"] = True
    return rows.drop(columns=["_rank", "_months", "_end"])


def chartable(indicators: pd.DataFrame, name: str, provinces: Sequence[str] | None = None,
              scope: str = "province") -> bool:
    """True when the chart would show two values or more (one value reads better as a table row)."""
    return len(chart_rows(indicators, name, provinces, scope)) >= 2


def indicator_chart(indicators: pd.DataFrame, name: str, provinces: Sequence[str] | None = None,
                    highlight: str | None = None, scope: str = "province", articles: pd.DataFrame | None = None,
                    ax: Axes | None = None) -> Chart:
    """One indicator across provinces (:func:`coopanalysis.compute_indicators` rows), one line each.

    A dot marks a value stated as one number (hollow when "about"), a bar the values the wording
    allows, an arrow running to the panel's edge an open bound ("at least 172.7" has no upper
    limit). Values are grouped by their ``basis``: values over different periods, or in VND of
    different plan periods, are drawn apart under their own heading, never as one series; national
    figures come last, as a reference. ``highlight`` draws one province in red; ``provinces``
    narrows the chart (any spelling :func:`coopanalysis.lookup_province` accepts); ``articles``
    (:func:`coopanalysis.load_articles`) dates the source line. Draws into ``ax`` if given.

    Raises ``ValueError`` for an unknown indicator or province, naming the valid ones.
    """
    indicator = INDICATOR_BY_NAME[known_name(name, INDICATOR_BY_NAME, "indicator")]
    highlight = choose_provinces(highlight, sorted(set(indicators["province"])))[0] if highlight else None
    rows = chart_rows(indicators, name, provinces, scope)
    scale, unit = (1e6, "million " + indicator.unit) if indicator.unit.startswith("VND") else (1.0, indicator.unit)
    groups = [g for g in dict.fromkeys(rows["group"]) if g]
    lines = len(rows) + len(groups)
    source = textwrap.wrap(_source(rows, articles), 150)
    longest = max([len(_label(r)) for r in rows.itertuples()] + [10])
    with matplotlib.rc_context(_STYLE):
        if ax is None:
            # Inches, not fractions: the title, labels, legend and source keep their size whatever the rows.
            width, left, right = 10.0, min(4.2, 0.3 + 0.075 * longest), 2.3
            top, rows_height, below = 0.55, 0.28 * max(lines, 2), 0.95 + 0.14 * len(source)
            height = top + rows_height + below
            figure = Figure(figsize=(width, height))
            ax = figure.add_axes((left / width, below / height, (width - left - right) / width, rows_height / height))
            figure.legend(handles=_legend(), loc="lower left", bbox_to_anchor=(0.01, 0.02 + 0.14 * len(source) / height),
                          ncol=4, frameon=False, fontsize=8)
            figure.text(0.01, 0.01, "\n".join(source), fontsize=7, color="#555555", ha="left", va="bottom")
        else:
            figure = ax.figure
            ax.legend(handles=_legend(), loc="best", frameon=False, fontsize=7)
        labels = _draw(ax, rows, scale, highlight)
        ax.set_title(f"{indicator.title}", loc="left", fontsize=11, fontweight="bold")
        ax.set_xlabel(unit)
    alt = f"{indicator.title} ({indicator.unit}). " + "; ".join(labels) + "."
    return Chart(figure, alt, rows.drop(columns="group"))


def _draw(ax: Axes, rows: pd.DataFrame, scale: float, highlight: str | None) -> list[str]:
    known = [x / scale for r in rows.itertuples() for x in (r.value, r.low, r.high) if not math.isnan(x)]
    left, right = min(known + [0.0]), (max(known) * 1.2 if known else 1.0)
    arrow = (right - left) * 0.04
    ticks, tick_labels, described, y = [], [], [], 0
    for group, members in rows.groupby("group", sort=False):
        if group:  # a heading row: the values below are comparable with each other, not with other groups'
            ax.text(0.005, y, group, transform=ax.get_yaxis_transform(), ha="left", va="center",
                    fontsize=8, fontstyle="italic", color="#555555")
            y += 1
        for r in members.itertuples():
            colour = _GREY if r.province == "national" else _RED if r.province == highlight else _BLUE
            value, low, high = (x / scale for x in (r.value, r.low, r.high))
            start, end = (low if not math.isnan(low) else left), (high if not math.isnan(high) else right)
            if start != end:
                ax.plot([start, end], [y, y], color=colour, linewidth=3, alpha=0.55, solid_capstyle="butt")
            for open_end, tip, tail in ((math.isnan(high), right, end - arrow), (math.isnan(low), left, start + arrow)):
                if open_end:
                    ax.annotate("", xy=(tip, y), xytext=(tail, y), arrowprops={"arrowstyle": "->", "color": colour, "lw": 1.8})
            if not math.isnan(value):
                ax.plot([value], [y], "o", color=colour, markerfacecolor="white" if r.approximate else colour, markersize=6)
            words = format_bounds(r.value, r.low, r.high, r.unit) + (" (about)" if r.approximate else "")
            words += "" if getattr(r, "reviewed", True) else " (proposed, not reviewed)"
            ax.annotate(words, xy=(1.02, y), xycoords=("axes fraction", "data"), ha="left", va="center", fontsize=8,
                        annotation_clip=False)
            label = _label(r)
            ticks.append(y)
            tick_labels.append(label)
            described.append(f"{label}: {words}" + (f" [{group}]" if group else ""))
            y += 1
    ax.set_yticks(ticks, tick_labels)
    for tick, r in zip(ax.get_yticklabels(), rows.itertuples()):
        if r.province == highlight:
            tick.set_fontweight("bold")
    ax.set_ylim(-0.7, max(y - 0.3, 0.7))
    ax.set_xlim(left, right)
    ax.invert_yaxis()
    return described


def _label(row) -> str:
    return f"{short_place_label(row.province, row.borders)}, {period_text(row.period)}"


def _legend() -> list[Line2D]:
    return [
        Line2D([], [], marker="o", color=_BLUE, linestyle="", label="value stated as one number"),
        Line2D([], [], marker="o", color=_BLUE, markerfacecolor="white", linestyle="", label="'about' (approximate)"),
        Line2D([], [], color=_BLUE, linewidth=3, alpha=0.55, label="values the wording allows"),
        Line2D([], [], color=_BLUE, marker=">", markersize=5, linewidth=1, label="arrow: no limit on that side"),
    ]


def _source(rows: pd.DataFrame, articles: pd.DataFrame | None) -> str:
    ids = list(dict.fromkeys(rows["article_id"]))
    if articles is not None and ids:
        dates = articles.set_index("article_id").loc[ids, "published"]
        span = f", published {min(dates)} to {max(dates)}" if min(dates) != max(dates) else f", published {min(dates)}"
    else:
        span = ""
    # Not how many values there are in all: the chart then changes only with the values it draws.
    shown = "Each province's latest value (the indicators table has every one). " if rows.attrs.get("latest_only") else ""
    return (f"{shown}Source: {len(ids)} news article{'s' if len(ids) != 1 else ''}{span} ({', '.join(ids)}); "
            f"figures quoted verbatim, computed by coopanalysis. Bounds as the articles word them.")


def png_bytes(figure: Figure) -> bytes:
    """The chart as PNG with fixed metadata: the same inputs give the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata=_PNG_METADATA)
    return buffer.getvalue()


def save_png(figure: Figure, path: Path) -> None:
    """Write the chart as PNG, atomically."""
    write_bytes(path, png_bytes(figure))
