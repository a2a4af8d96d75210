"""Across articles, for readers: series between dates, conflicts side by side, the 34-province view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..across.panel import PANEL_KEY, SETTLED
from ..vocab.measures import measures
from ..vocab.provinces import NATIONAL, former_provinces, successor
from .cells import ARTICLE_LINKS, BREAK, Cell, Link, Quote, Small, Strong, figure_href, line, lines, quote_links
from .display import Paragraph, Section, Table
from .formatting import format_bounds
from .labels import display_name, measure_label, period_text, place_label, scope_text
from .place import province_key
from .values import article_of, bounds_cell

__all__ = ["conflicts_table", "merger_comparison", "merger_table", "series_table"]

_MERGER_STATUS = {
    "unchanged": "the province as it was (the merger left it unchanged)",
    "complete": "the sum of every former province",
    "partial": "at least: the sum of the former provinces that state it",
    "merged province": "stated for the merged province",
}


def _names(listed: str) -> str:
    """ "Tra Vinh; Vinh Long" as readers write them: "Trà Vinh; Vĩnh Long" (other words kept)."""
    names = []
    for name in listed.split("; ") if listed else []:
        place, since, rest = name.partition(" since ")  # "Vinh Long since July 2025 (the merged territory)"
        names.append(display_name(place) + since + rest)
    return "; ".join(names)


def _statistic(measure: str, definition: str, scope: str = "province") -> str:
    extra = "" if scope in ("province", "national") else f" · {scope_text(scope)}"
    return measure_label(measure, definition) + extra


def series_table(
    series: pd.DataFrame,
    panel: pd.DataFrame,
    figures: pd.DataFrame,
    provinces: Sequence[str] | None = None,
    *,
    article_links: str = ARTICLE_LINKS,
    empty: str = "No statistic is stated at two dates in these articles.",
) -> Table:
    """One row per pair of dates: both values, the change, its yearly rate and what the articles state.

    ``provinces`` (keys, as :func:`~.params.choose_provinces` returns them) narrows it.
    """
    if provinces is not None:
        series = series[series["province"].isin([province_key(p) for p in provinces])]
    links = article_of(figures)
    # Plain records, not a DataFrame lookup per pair: a report of a thousand articles has thousands of pairs.
    values = dict(zip(panel["figures"], panel[["value", "low", "high", "reviewed"]].itertuples(index=False)))
    groups: dict[tuple, tuple[Any, dict[str, Any]]] = {}  # each pair: its first row, its rows by indicator
    key = ["province", "borders", "scope", "measure", "definition", "base_period", "period"]
    for row in series.itertuples(index=False):
        stated = tuple(None if pd.isna(getattr(row, k)) else getattr(row, k) for k in key)
        groups.setdefault(stated, (row, {}))[1][row.indicator] = row
    rows = []
    for first, by in groups.values():
        earlier_ids, later_ids = first.inputs.split("|")
        earlier, later = values[earlier_ids], values[later_ids]
        unit = first.unit
        change, pct, yearly = by["series_change"], by["series_change_pct"], by["series_yearly_pct"]
        rows.append(
            {
                "province": place_label(first.province, first.borders),
                "statistic": _statistic(first.measure, first.definition, first.scope),
                "from": lines(
                    period_text(first.base_period),
                    bounds_cell(earlier.value, earlier.low, earlier.high, unit, earlier.reviewed),
                ),
                "to": lines(
                    period_text(first.period),
                    bounds_cell(later.value, later.low, later.high, unit, later.reviewed),
                ),
                "change": (bounds_cell(change.value, change.low, change.high, unit, change.reviewed),),
                "change, %": (bounds_cell(pct.value, pct.low, pct.high, "%", pct.reviewed),),
                "a year": (bounds_cell(yearly.value, yearly.low, yearly.high, "%", yearly.reviewed),),
                "the articles state": first.stated or "–",
                "from figures": quote_links(first.inputs.replace("|", ";").split(";"), links, article_links),
            }
        )
    return Table(
        series,
        rows,
        ["province", "statistic", "from", "to", "change", "change, %", "a year", "the articles state", "from figures"],
        numeric=["change", "change, %", "a year"],
        empty=empty,
    )


def conflicts_table(conflicts: pd.DataFrame, *, article_links: str = ARTICLE_LINKS) -> Table:
    """Each statistic that articles state differently, with every figure's quote side by side."""
    rows, widest = [], 0
    for values, group in conflicts.groupby(PANEL_KEY, sort=False, dropna=False):
        stated = dict(zip(PANEL_KEY, values))
        row: dict[str, Cell] = {
            "statistic": f"{place_label(stated['province'], stated['borders'])}: "
            f"{_statistic(stated['measure'], stated['definition'], stated['scope'])}, "
            f"{period_text(stated['period'], stated['base_period'])}"
        }
        for n, f in enumerate(group.itertuples(), start=1):
            row[f"article {n}"] = (
                Link(f.article_id, figure_href(article_links, f.article_id, f.figure_id)),
                f" ({f.published}): ",
                Strong(format_bounds(f.value, f.low, f.high, f.unit)),
                BREAK,
                Quote(f.quote),
            )
        widest = max(widest, len(group))
        rows.append(row)
    return Table(
        conflicts,
        rows,
        ["statistic", *[f"article {n}" for n in range(1, widest + 1)]],
        empty="None: where two articles state the same statistic, their figures agree.",
    )


def merger_table(
    view: pd.DataFrame,
    figures: pd.DataFrame,
    provinces: Sequence[str] | None = None,
    *,
    article_links: str = ARTICLE_LINKS,
    merged_only: bool = False,
) -> Table:
    """The 34-province view for people; ``provinces`` (keys of provinces since July 2025) narrows it.

    ``merged_only`` leaves out the provinces the merger did not change (their figures are their own).
    """
    shown = view if provinces is None else view[view["province_2025"].isin([province_key(p) for p in provinces])]
    unchanged = sorted(set(shown.loc[shown["status"] == "unchanged", "province_2025"]))
    if merged_only:
        shown = shown[shown["status"] != "unchanged"]
    links = article_of(figures)
    rows: list[dict[str, Cell]] = [
        {
            "province since July 2025": display_name(v.province_2025),
            "statistic": _statistic(v.measure, v.definition),
            "when": period_text(v.period),
            "value": (bounds_cell(v.value, v.low, v.high, v.unit, v.reviewed),),
            "how it is known": _MERGER_STATUS[v.status],
            "stated for": _names(v.stated_for),
            "not stated for": _names(v.missing) or "–",
            "from": quote_links(v.inputs.split(";"), links, article_links),
        }
        for v in shown.itertuples()
    ]
    note = None
    if merged_only and unchanged:
        note = Paragraph(
            f"Not shown: {', '.join(map(display_name, unchanged))}, which the merger left unchanged (their "
            "figures are their own; all rows are in tables/provinces_2025_view.csv).",
            css="note",
        )
    return Table(
        shown,
        rows,
        [
            "province since July 2025",
            "statistic",
            "when",
            "value",
            "how it is known",
            "stated for",
            "not stated for",
            "from",
        ],
        numeric=["value"],
        note=note,
        empty="No count or total of a merged province in these articles.",
    )


def _territory_cell(rows: pd.DataFrame, links: dict[str, str], article_links: str) -> Cell:
    return lines(
        *(
            line(
                bounds_cell(r.value, r.low, r.high, r.unit, r.reviewed),
                Small(period_text(r.period), "when"),
                quote_links(r.figures.split(";"), links, article_links),
            )
            for r in rows.sort_values("period").itertuples()
        )
    )


def merger_comparison(
    view: pd.DataFrame, panel: pd.DataFrame, figures: pd.DataFrame, province: str, *, article_links: str = ARTICLE_LINKS
) -> Section:
    """For a province the merger changed: the figures of each former province beside the merged province's.

    One column per territory (each former province as it was, the merged province as articles after
    the merger state it, and the sum of the former provinces where every one states a figure), so
    that no figure of a part is read as the whole. A sentence for a province the merger left as
    it was, and for national reports. Its ``data`` is the panel rows shown.
    """
    province = province_key(province)
    after = successor(province)
    formers = former_provinces(after) if province != NATIONAL else ()
    if len(formers) <= 1:
        sentence = (
            "The merger of July 2025 joined provinces: national figures are not concerned."
            if province == NATIONAL
            else f"The merger of July 2025 left {display_name(province)} as it was: its figures are its own."
        )
        return Section([Paragraph(sentence, css="none")], panel.iloc[:0])
    usable = panel[
        (panel["scope"] == "province")
        & (panel["kind"] == "level")
        & (panel["base_period"] == "")
        & panel["status"].isin(SETTLED)
    ]
    columns = {
        f"{display_name(p)} (former province)": usable[(usable["province"] == p) & (usable["borders"] != "post-merger")]
        for p in formers
    }
    columns[f"{display_name(after)} (merged province)"] = usable[
        (usable["province"] == after) & (usable["borders"] == "post-merger")
    ]
    complete = view[(view["province_2025"] == after) & (view["status"] == "complete")]
    columns = {name: rows for name, rows in columns.items() if not rows.empty}
    links = article_of(figures)
    order = list(measures())
    statistics = sorted(
        {(r.measure, r.definition) for rows in columns.values() for r in rows.itertuples()},
        key=lambda m: (order.index(m[0]), m[1]),
    )
    # Each column's rows by statistic, split once (not filtered again for every statistic).
    split = {name: dict(list(rows.groupby(["measure", "definition"], sort=False))) for name, rows in columns.items()}
    summed = dict(list(complete.groupby(["measure", "definition"], sort=False)))
    table_rows = []
    for measure, definition in statistics:
        row: dict[str, Cell] = {"statistic": measure_label(measure, definition)}
        for name, rows in columns.items():
            row[name] = _territory_cell(split[name].get((measure, definition), rows.iloc[:0]), links, article_links)
        sums = summed.get((measure, definition), complete.iloc[:0])
        if not sums.empty:
            row["all former provinces, summed"] = lines(
                *(
                    line(bounds_cell(v.value, v.low, v.high, v.unit, v.reviewed), Small(period_text(v.period), "when"))
                    for v in sums.itertuples()
                )
            )
        table_rows.append(row)
    headers = ["statistic", *columns] + (["all former provinces, summed"] if not complete.empty else [])
    named, whole = [display_name(p) for p in formers], display_name(after)
    intro = Paragraph(
        f"On 1 July 2025 {', '.join(named[:-1])} and {named[-1]} became the province of {whole}. Each "
        f"column is one territory: a former province's figure covers only its part of today's {whole}; a "
        "figure stated for the merged province covers all of it; former provinces are summed only where "
        "every one of them states the figure for the same period."
    )
    shown = pd.concat(list(columns.values())) if columns else usable.iloc[:0]
    return Section(
        [
            intro,
            Table(
                shown,
                table_rows,
                headers,
                searchable=False,
                empty="No province-wide count of these territories in the articles.",
            ),
        ],
        shown,
    )
