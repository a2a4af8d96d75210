"""Across articles, for readers: series between dates, conflicts side by side, the 34-province view."""

from __future__ import annotations

import pandas as pd

from ..across.panel import PANEL_KEY, SETTLED
from ..vocab.measures import measures
from ..vocab.provinces import canonical_name, former_provinces, successor
from .formatting import format_bounds
from .html import Html, esc, figure_href, nothing, quote_links, table
from .labels import display_name, measure_label, period_text, place_label, scope_text
from .values import article_of, bounds_html

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
    return esc(measure_label(measure, definition) + extra)


def series_table(series: pd.DataFrame, panel: pd.DataFrame, figures: pd.DataFrame, article_links: str,
                 provinces: list[str] | None = None) -> Html:
    """One row per pair of dates: both values, the change, its yearly rate and what the articles state."""
    if provinces is not None:
        series = series[series["province"].isin([canonical_name(p) for p in provinces])]
    if series.empty:
        return nothing("No statistic is stated at two dates in these articles.")
    links = article_of(figures)
    values = panel.set_index("figures")
    rows = []
    key = ["province", "borders", "scope", "measure", "definition", "base_period", "period"]
    for _, group in series.groupby(key, sort=False, dropna=False):
        by = {row.indicator: row for row in group.itertuples()}
        first = group.iloc[0]
        earlier_ids, later_ids = first["inputs"].split("|")
        earlier, later = values.loc[earlier_ids], values.loc[later_ids]
        unit = first["unit"]
        change, pct, yearly = by["series_change"], by["series_change_pct"], by["series_yearly_pct"]
        rows.append({
            "province": esc(place_label(first["province"], first["borders"])),
            "statistic": _statistic(first["measure"], first["definition"], first["scope"]),
            "from": esc(period_text(first["base_period"])) + "<br>"
                    + bounds_html(earlier["value"], earlier["low"], earlier["high"], unit, earlier["reviewed"]),
            "to": esc(period_text(first["period"])) + "<br>"
                  + bounds_html(later["value"], later["low"], later["high"], unit, later["reviewed"]),
            "change": bounds_html(change.value, change.low, change.high, unit, change.reviewed),
            "change, %": bounds_html(pct.value, pct.low, pct.high, "%", pct.reviewed),
            "a year": bounds_html(yearly.value, yearly.low, yearly.high, "%", yearly.reviewed),
            "the articles state": esc(first["stated"]) or "–",
            "from figures": quote_links(first["inputs"].replace("|", ";").split(";"), links, article_links),
        })
    return table(rows, ["province", "statistic", "from", "to", "change", "change, %", "a year", "the articles state",
                        "from figures"], numeric=["change", "change, %", "a year"])


def conflicts_table(conflicts: pd.DataFrame, article_links: str) -> Html:
    """Each statistic that articles state differently, with every figure's quote side by side."""
    if conflicts.empty:
        return nothing("None: where two articles state the same statistic, their figures agree.")
    key = PANEL_KEY
    rows, widest = [], 0
    for values, group in conflicts.groupby(key, sort=False, dropna=False):
        stated = dict(zip(key, values))
        row = {"statistic": f"{esc(place_label(stated['province'], stated['borders']))}: "
                            f"{_statistic(stated['measure'], stated['definition'], stated['scope'])}, "
                            f"{esc(period_text(stated['period'], stated['base_period']))}"}
        for n, f in enumerate(group.itertuples(), start=1):
            href = figure_href(article_links, f.article_id, f.figure_id)
            row[f"article {n}"] = (f'<a href="{esc(href)}">{esc(f.article_id)}</a> ({esc(f.published)}): '
                                   f'<strong>{esc(format_bounds(f.value, f.low, f.high, f.unit))}</strong>'
                                   f'<br><q>{esc(f.quote)}</q>')
        widest = max(widest, len(group))
        rows.append(row)
    return table(rows, ["statistic", *[f"article {n}" for n in range(1, widest + 1)]])


def merger_table(view: pd.DataFrame, figures: pd.DataFrame, article_links: str, provinces: list[str] | None = None,
                 merged_only: bool = False) -> Html:
    """The 34-province view for people; ``provinces`` (post-merger names) narrows it.

    ``merged_only`` leaves out the provinces the merger did not change (their figures are their own).
    """
    shown = view if provinces is None else view[view["province_2025"].isin([canonical_name(p) for p in provinces])]
    unchanged = sorted(set(shown.loc[shown["status"] == "unchanged", "province_2025"]))
    if merged_only:
        shown = shown[shown["status"] != "unchanged"]
    if shown.empty:
        return nothing("No count or total of a merged province in these articles.")
    links = article_of(figures)
    rows = [{
        "province since July 2025": esc(display_name(v.province_2025)),
        "statistic": _statistic(v.measure, v.definition),
        "when": esc(period_text(v.period)),
        "value": bounds_html(v.value, v.low, v.high, v.unit, v.reviewed),
        "how it is known": esc(_MERGER_STATUS[v.status]),
        "stated for": esc(_names(v.stated_for)),
        "not stated for": esc(_names(v.missing)) or "–",
        "from": quote_links(v.inputs.split(";"), links, article_links),
    } for v in shown.itertuples()]
    note = ""
    if merged_only and unchanged:
        note = (f"<p class=\"note\">Not shown: {esc(', '.join(map(display_name, unchanged)))}, which the merger left unchanged "
                f"(their figures are their own; all rows are in tables/provinces_2025_view.csv).</p>")
    return table(rows, ["province since July 2025", "statistic", "when", "value", "how it is known", "stated for",
                        "not stated for", "from"], numeric=["value"]) + Html(note)


def _cell(rows: pd.DataFrame, links: dict[str, str], article_links: str) -> str:
    return "<br>".join(f"{bounds_html(r.value, r.low, r.high, r.unit, r.reviewed)} "
                       f"<span class=\"when\">({esc(period_text(r.period))})</span> "
                       f"{quote_links(r.figures.split(';'), links, article_links)}"
                       for r in rows.sort_values("period").itertuples())


def merger_comparison(view: pd.DataFrame, panel: pd.DataFrame, figures: pd.DataFrame, province: str,
                      article_links: str) -> Html:
    """For a province the merger changed: the figures of each former province beside the merged province's.

    One column per territory (each former province as it was, the merged province as articles after
    the merger state it, and the sum of the former provinces where every one states a figure), so
    that no figure of a part is read as the whole. Empty for a province the merger left as it was,
    and for national reports.
    """
    province = canonical_name(province)
    if province == "national":
        return Html("")
    after = successor(province)
    formers = former_provinces(after)
    if len(formers) == 1:
        return Html("")
    usable = panel[(panel["scope"] == "province") & (panel["kind"] == "level") & (panel["base_period"] == "")
                   & panel["status"].isin(SETTLED)]
    columns = {f"{display_name(p)} (former province)": usable[(usable["province"] == p) & (usable["borders"] != "post-merger")]
               for p in formers}
    columns[f"{display_name(after)} (merged province)"] = usable[(usable["province"] == after) & (usable["borders"] == "post-merger")]
    complete = view[(view["province_2025"] == after) & (view["status"] == "complete")]
    columns = {name: rows for name, rows in columns.items() if not rows.empty}
    links = article_of(figures)
    statistics = sorted({(r.measure, r.definition) for rows in columns.values() for r in rows.itertuples()},
                        key=lambda m: (list(measures()).index(m[0]), m[1]))
    table_rows = []
    for measure, definition in statistics:
        row = {"statistic": esc(measure_label(measure, definition))}
        for name, rows in columns.items():
            row[name] = _cell(rows[(rows["measure"] == measure) & (rows["definition"] == definition)], links, article_links)
        sums = complete[(complete["measure"] == measure) & (complete["definition"] == definition)]
        if not sums.empty:
            row["all former provinces, summed"] = "<br>".join(
                f"{bounds_html(v.value, v.low, v.high, v.unit, v.reviewed)} ({esc(period_text(v.period))})"
                for v in sums.itertuples())
        table_rows.append(row)
    headers = ["statistic", *columns] + (["all former provinces, summed"] if not complete.empty else [])
    named, whole = [display_name(p) for p in formers], display_name(after)
    intro = (f"<p>On 1 July 2025 {esc(', '.join(named[:-1]))} and {esc(named[-1])} became the province of "
             f"{esc(whole)}. Each column is one territory: a former province's figure covers only its part of "
             f"today's {esc(whole)}; a figure stated for the merged province covers all of it; former provinces "
             f"are summed only where every one of them states the figure for the same period.</p>")
    return Html(f"<h2>Across the July 2025 merger</h2>{intro}") + table(table_rows, headers, searchable=False)
