"""Charts that stand alone: one indicator across provinces, bounds drawn with seaborn's objects interface,
with title, unit, legend, source line and alt text. Nothing here changes matplotlib's or seaborn's
global settings; a chart draws into the ``ax`` it is given, or into a figure of its own.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Sequence
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..base.writers import write_bytes
from ..indicators import INDICATOR_BY_NAME
from ..vocab.eras import era_of
from ..vocab.periods import parse_period
from .display import TEXT_ROWS, Display
from .formatting import format_bounds
from .labels import period_text, short_place_label
from .marks import BLUE, GREY, RED, STYLE, draw_bounds, edges, legend_handles
from .params import ParameterError, choose_provinces, known_name
from .templates import Markup, fragment
from .values import known_values

__all__ = [
    "MOST_ROWS",
    "Chart",
    "chart_rows",
    "chartable",
    "indicator_chart",
    "png_bytes",
    "save_png",
    "source_line",
    "withheld_line",
]

# Fixed metadata: charts must not carry the library version, a date or a random id.
_PNG_METADATA = {"Software": None}
NATIONAL_GROUP = "national reference"
#: Past this many values, a chart shows each province's latest value of each group.
MOST_ROWS = 80
_LISTED = 12  # articles a source line names one by one


class Chart(Display):
    """A drawn chart: its matplotlib ``figure``, its ``alt`` text, and the ``data`` it shows.

    In a notebook it displays as one PNG (the same bytes :func:`save_png` writes), with the alt
    text as its plain-text form; in a page, as a figure with the PNG inline and the alt text.
    """

    _repr_html_ = None  # type: ignore[assignment]  # a notebook shows the PNG, not a second copy in HTML

    def __init__(self, figure: Figure, alt: str, data: pd.DataFrame):
        self.figure, self.alt, self.data = figure, alt, data

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/png": png_bytes(self.figure), "text/plain": self.alt}, {"image/png": {"alt": self.alt}}

    def html(self) -> Markup:
        """The chart as an HTML figure: the PNG inline (no file, no other host) with its alt text."""
        return fragment("chart.html.j2", alt=self.alt, png=base64.b64encode(png_bytes(self.figure)).decode("ascii"))

    def text(self, max_rows: int | None = TEXT_ROWS) -> str:
        return self.alt

    def save(self, path: Path | str) -> None:
        """Write the chart as PNG (the bytes a notebook shows)."""
        save_png(self.figure, Path(path))


def chart_rows(
    indicators: pd.DataFrame,
    name: str,
    provinces: Sequence[str] | None = None,
    scope: str = "province",
    era: str | None = None,
) -> pd.DataFrame:
    """The values a chart of ``name`` draws, in its order, with the ``group`` each is drawn under.

    Amounts in nominal VND are drawn for one era (``data/eras.csv``) only: ``era`` (its name, such
    as "VND of 2021–2025"), by default the latest the values reach. ``attrs["withheld"]`` says how
    many values of the other eras are left out, and why (:func:`withheld_line`).
    """
    known_name(name, INDICATOR_BY_NAME, "indicator")
    rows = known_values(
        indicators[
            (indicators["indicator"] == name)  # "not known" is no mark
            & indicators["scope"].isin([scope, "national"])
        ]
    )
    if provinces is not None:
        wanted = set(choose_provinces(provinces, sorted(set(indicators["province"]))))
        rows = rows[rows["province"].isin(wanted | {"national"})]
    rows, withheld = _one_era(rows, INDICATOR_BY_NAME[name].unit, era)
    # National values are one reference group, apart from their basis; a national value of a subset
    # (its definition: "agricultural cooperatives only") is a reference of its own, which says so.
    national = NATIONAL_GROUP + rows["definition"].map(lambda d: f": {d}" if d else "")
    groups = rows["basis"].where(rows["province"] != "national", national)
    parsed = {p: parse_period(p) for p in set(rows["period"])}  # a period is parsed once, not once per row
    rows = rows.assign(
        group=groups,
        _months=rows["period"].map(lambda p: parsed[p].months),
        _end=rows["period"].map(lambda p: parsed[p].end),
    )
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
    rows = rows.drop(columns=["_rank", "_months", "_end"])
    rows.attrs["withheld"] = withheld
    return rows


def _one_era(rows: pd.DataFrame, unit: str, era: str | None) -> tuple[pd.DataFrame, dict[str, int]]:
    """The rows of one era of nominal VND (all rows of another unit), and how many of each other era are left out."""
    if not unit.startswith("VND") or rows.empty:
        return rows, {}
    found = {p: era_of(p) for p in set(rows["period"])}
    names = rows["period"].map(lambda p: named.era if (named := found[p]) else f"VND of {parse_period(p).end.year}")
    ends = rows["period"].map(lambda p: parse_period(p).end)
    known = list(dict.fromkeys(names.iloc[ends.argsort(kind="stable")]))
    if era is not None and era not in known:
        raise ParameterError(f"era {era!r} has no value of this indicator; its eras: {', '.join(known)}")
    chosen = era or known[-1]
    left_out = names[names != chosen].value_counts(sort=False)
    return rows[names == chosen], {name: int(left_out[name]) for name in known if name in left_out}


def withheld_line(rows: pd.DataFrame) -> str:
    """Why values of other eras are not drawn beside these (empty when none is left out)."""
    withheld = rows.attrs.get("withheld") or {}
    if not withheld:
        return ""
    listed = ", ".join(f"{n} in {era}" for era, n in withheld.items())
    return (
        f"Not drawn: {listed}. Nominal VND of another plan period is not comparable with these (prices changed; "
        f"no deflator is applied): see the indicators table."
    )


def chartable(
    indicators: pd.DataFrame,
    name: str,
    provinces: Sequence[str] | None = None,
    scope: str = "province",
    era: str | None = None,
) -> bool:
    """True when the chart would show two values or more (one value reads better as a table row)."""
    return len(chart_rows(indicators, name, provinces, scope, era)) >= 2


def words(row, proposed: str = " (proposed, not reviewed)") -> str:
    """A drawn value in words, as the chart writes it beside its mark (``proposed`` marks a proposal)."""
    text = format_bounds(row.value, row.low, row.high, row.unit) + (" (about)" if row.approximate else "")
    return text + ("" if getattr(row, "reviewed", True) else proposed)


def indicator_chart(
    indicators: pd.DataFrame,
    name: str,
    *,
    provinces: Sequence[str] | None = None,
    highlight: str | None = None,
    scope: str = "province",
    articles: pd.DataFrame | None = None,
    era: str | None = None,
    ax: Axes | None = None,
) -> Chart:
    """One indicator across provinces (:func:`coopanalysis.compute_indicators` rows), one line each.

    A dot marks a value stated as one number (hollow when "about"), a bar the values the wording
    allows, an arrowhead at the panel's edge an open bound ("at least 172.7" has no upper limit).
    Values are grouped by their ``basis``: values over different periods, or in VND of different
    plan periods, are never drawn on one axis: a chart of money draws one era of ``data/eras.csv``
    (``era``, by default the latest), and its source line says how many values of other eras it
    leaves out and why (no deflator is applied). National figures come last, as a reference. ``highlight`` draws
    one province in red; ``provinces`` narrows the
    chart (any spelling :func:`coopanalysis.lookup_province` accepts); ``articles``
    (:func:`coopanalysis.load_articles`) dates the source line. Draws into ``ax`` if given.

    Raises ``ParameterError`` (a ``ValueError``) for an unknown indicator or province, naming the valid ones.
    """
    indicator = INDICATOR_BY_NAME[known_name(name, INDICATOR_BY_NAME, "indicator")]
    highlight = choose_provinces(highlight, sorted(set(indicators["province"])))[0] if highlight else None
    rows = chart_rows(indicators, name, provinces, scope, era)
    scale, unit = (1e6, "million " + indicator.unit) if indicator.unit.startswith("VND") else (1.0, indicator.unit)
    groups = [g for g in dict.fromkeys(rows["group"]) if g]
    source = textwrap.wrap(" ".join(filter(None, [withheld_line(rows), source_line(rows, articles)])), 150)
    labels = [f"{short_place_label(r.province, r.borders)}, {period_text(r.period)}" for r in rows.itertuples()]
    said = [words(r) for r in rows.itertuples()]  # beside each mark
    with matplotlib.rc_context(STYLE):
        if ax is None:
            # Inches, not fractions: the title, labels, legend and source keep their size whatever the rows.
            longest = max([len(label) for label in labels] + [10])
            # The words beside each mark ("30.29 billion VND/year (about) (proposed, not reviewed)") get
            # the room they need: the figure widens rather than cut them off at its edge.
            left, right = min(4.2, 0.3 + 0.075 * longest), max(2.3, 0.3 + 0.062 * max(map(len, said), default=0))
            width = 7.7 + right
            top, rows_height, below = 0.55, 0.28 * max(len(rows) + len(groups), 2), 0.95 + 0.14 * len(source)
            height = top + rows_height + below
            figure = Figure(figsize=(width, height))
            ax = figure.add_axes((left / width, below / height, (width - left - right) / width, rows_height / height))
            figure.legend(
                handles=legend_handles(),
                loc="lower left",
                ncol=4,
                frameon=False,
                fontsize=8,
                bbox_to_anchor=(0.01, 0.02 + 0.14 * len(source) / height),
            )
            figure.text(0.01, 0.01, "\n".join(source), fontsize=7, color="#555555", ha="left", va="bottom")
        else:
            root = ax.get_figure(root=True)  # the figure that saves, even when the axes are in a subfigure
            assert root is not None  # axes are always on a figure
            figure = root
            ax.legend(handles=legend_handles(), loc="best", frameon=False, fontsize=7)
        described = _draw(ax, rows, labels, said, scale, highlight)
        ax.set_title(indicator.title, loc="left", fontsize=11, fontweight="bold")
        ax.set_xlabel(unit)
    alt = (
        f"{indicator.title} ({indicator.unit}). "
        + "; ".join(described)
        + "."
        + (f" {withheld_line(rows)}" if withheld_line(rows) else "")
    )
    return Chart(figure, alt, rows.drop(columns="group"))


def _draw(
    ax: Axes, rows: pd.DataFrame, labels: list[str], said: list[str], scale: float, highlight: str | None
) -> list[str]:
    """Headings, marks, words and labels; returns each value described for the alt text."""
    heading = rows["group"].ne(rows["group"].shift()) & rows["group"].ne("")
    y = np.arange(len(rows)) + heading.cumsum().to_numpy()  # a heading takes the line above its group
    colour = np.where(rows["province"] == "national", GREY, np.where(rows["province"] == highlight, RED, BLUE))
    marks = pd.DataFrame(
        {
            "y": y,
            "colour": colour,
            "approximate": rows["approximate"].to_numpy(dtype=bool),
            **{c: rows[c].to_numpy(dtype=float) / scale for c in ("value", "low", "high")},
        }
    )
    left, right = edges(marks[["value", "low", "high"]].to_numpy().ravel())
    draw_bounds(ax, marks, left, right)
    for group, at in zip(rows["group"][heading], y[heading.to_numpy()] - 1):
        ax.text(
            0.005,
            at,
            group,
            transform=ax.get_yaxis_transform(),
            ha="left",
            va="center",
            fontsize=8,
            fontstyle="italic",
            color="#555555",
        )
    described = []
    for r, at, label, words_of_r in zip(rows.itertuples(), y, labels, said):
        ax.text(1.02, at, words_of_r, transform=ax.get_yaxis_transform(), ha="left", va="center", fontsize=8)
        described.append(f"{label}: {words_of_r}" + (f" [{r.group}]" if r.group else ""))
    ax.set_yticks(y, labels)
    for tick, province in zip(ax.get_yticklabels(), rows["province"]):
        if province == highlight:
            tick.set_fontweight("bold")
    ax.set_ylim((int(y.max()) if len(y) else 0) + 0.7, -0.7)  # first row on top
    ax.set_xlim(left, right)
    return described


def source_line(rows: pd.DataFrame, articles: pd.DataFrame | None) -> str:
    """Where a chart's values come from: the articles (and their dates), quoted verbatim."""
    ids = list(dict.fromkeys(rows["article_id"]))
    if articles is not None and ids:
        dates = articles.set_index("article_id").loc[ids, "published"]
        span = f", published {min(dates)} to {max(dates)}" if min(dates) != max(dates) else f", published {min(dates)}"
    else:
        span = ""
    # Not how many values there are in all: the chart then changes only with the values it draws.
    shown = (
        "Each province's latest value (the indicators table has every one). " if rows.attrs.get("latest_only") else ""
    )
    listed = f" ({', '.join(ids)})" if len(ids) <= _LISTED else ""  # past that, the chart's data lists them
    return (
        f"{shown}Source: {len(ids)} news article{'s' if len(ids) != 1 else ''}{span}{listed}; "
        f"figures quoted verbatim, computed by coopanalysis. Bounds as the articles word them."
    )


def png_bytes(figure: Figure) -> bytes:
    """The chart as PNG with fixed metadata: the same inputs give the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata=_PNG_METADATA)
    return buffer.getvalue()


def save_png(figure: Figure, path: Path) -> None:
    """Write the chart as PNG, atomically."""
    write_bytes(path, png_bytes(figure))
