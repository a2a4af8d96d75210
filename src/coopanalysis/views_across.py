"""What the reports show across articles: series, conflicts, the 34-province view, review effort."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from .formatting import format_bounds
from .measures import measures
from .provinces import former_provinces, province_label, successor
from .views import figure_href, html_table

__all__ = ["conflicts_table", "merger_comparison", "merger_table", "reviews_table", "series_table"]

_MERGER_STATUS = {
    "unchanged": "the province as it was: the merger left it unchanged",
    "complete": "the sum of every former province",
    "partial": "at least the sum of the former provinces that state it",
    "merged province": "stated for the merged province",
}


def _links(ids: str, article_of: dict[str, str], article_links: str) -> str:
    return " ".join(f'<a href="{html.escape(figure_href(article_links, article_of[i], i))}">{html.escape(i)}</a>'
                    for i in ids.replace("|", ";").split(";") if i)


def _statistic(measure: str, definition: str) -> str:
    label = measures()[measure].label
    return html.escape(label + (f" ({definition})" if definition else ""))


def _article_of(figures: pd.DataFrame) -> dict[str, str]:
    return dict(zip(figures["figure_id"], figures["article_id"]))


def series_table(series: pd.DataFrame, panel: pd.DataFrame, figures: pd.DataFrame, article_links: str) -> HTML:
    """One row per pair of dates: both values, the change, its yearly rate and what articles state."""
    if series.empty:
        return HTML("<p>No statistic is stated at two dates in these articles.</p>")
    article_of = _article_of(figures)
    values = panel.set_index("figures")
    rows = []
    for _, group in series.groupby(["province", "borders", "scope", "measure", "definition", "base_period", "period"],
                                   sort=False, dropna=False):
        by = {row.indicator: row for row in group.itertuples()}
        first = group.iloc[0]
        earlier_ids, later_ids = first["inputs"].split("|")
        earlier, later = values.loc[earlier_ids], values.loc[later_ids]
        unit = first["unit"]
        change = by["series_change"]
        rows.append({
            "province": html.escape(province_label(first["province"], first["borders"])),
            "statistic": _statistic(first["measure"], first["definition"])
                         + ("" if first["scope"] in ("province", "national") else f" · {html.escape(first['scope'])}"),
            "from": html.escape(first["base_period"]), "to": html.escape(first["period"]),
            "earlier": html.escape(format_bounds(earlier["value"], earlier["low"], earlier["high"], unit)),
            "later": html.escape(format_bounds(later["value"], later["low"], later["high"], unit)),
            "change": html.escape(format_bounds(change.value, change.low, change.high, unit)),
            "change, %": _formatted(by["series_change_pct"]),
            "yearly rate": _formatted(by["series_yearly_pct"]),
            "stated by the articles": html.escape(first["stated"]) or "–",
            "figures": _links(first["inputs"], article_of, article_links),
        })
    return html_table(pd.DataFrame(rows))


def _formatted(row) -> str:
    return html.escape(format_bounds(row.value, row.low, row.high, row.unit))


def conflicts_table(conflicts: pd.DataFrame, article_links: str) -> HTML:
    """Each statistic that articles state differently, with every figure's quote side by side."""
    if conflicts.empty:
        return HTML("<p>None: where two articles state the same statistic, their figures agree.</p>")
    key = ["province", "borders", "scope", "measure", "definition", "kind", "period", "base_period"]
    rows = []
    for values, group in conflicts.groupby(key, sort=False, dropna=False):
        stated = dict(zip(key, values))
        row = {"statistic": f"{html.escape(province_label(stated['province'], stated['borders']))}: "
                            f"{_statistic(stated['measure'], stated['definition'])}, {html.escape(stated['kind'])}, "
                            f"{html.escape(stated['period'])}"}
        for n, f in enumerate(group.itertuples(), start=1):
            href = figure_href(article_links, f.article_id, f.figure_id)
            row[f"figure {n}"] = (f'<a href="{html.escape(href)}">{html.escape(f.figure_id)}</a> '
                                  f'({html.escape(f.published)}): {html.escape(format_bounds(f.value, f.low, f.high, f.unit))}'
                                  f'<br>“{html.escape(f.quote)}”')
        rows.append(row)
    return html_table(pd.DataFrame(rows))


def merger_table(view: pd.DataFrame, figures: pd.DataFrame, article_links: str, provinces: list[str] | None = None,
                 merged_only: bool = False) -> HTML:
    """The 34-province view for people; ``provinces`` (post-merger names) narrows it.

    ``merged_only`` leaves out the provinces the merger did not change (their figures are their own).
    """
    shown = view if provinces is None else view[view["province_2025"].isin(provinces)]
    unchanged = shown["status"] == "unchanged"
    if merged_only:
        shown = shown[~unchanged]
    if shown.empty:
        return HTML("<p>No count or total of a merged province in these articles.</p>")
    article_of = _article_of(figures)
    rows = [{
        "province since July 2025": html.escape(v.province_2025),
        "statistic": _statistic(v.measure, v.definition),
        "period": html.escape(v.period),
        "value": html.escape(format_bounds(v.value, v.low, v.high, v.unit)),
        "how it is known": html.escape(_MERGER_STATUS[v.status]),
        "stated for": html.escape(v.stated_for),
        "not stated for": html.escape(v.missing) or "–",
        "figures": _links(v.inputs, article_of, article_links),
    } for v in shown.itertuples()]
    note = ""
    if merged_only and unchanged.any():
        names = sorted(set(view.loc[view["status"] == "unchanged", "province_2025"]))
        note = (f"<p>Not shown: {', '.join(map(html.escape, names))}, which the merger left unchanged "
                f"(their figures are in tables/provinces_2025_view.csv).</p>")
    return HTML(html_table(pd.DataFrame(rows)).data + note)


def merger_comparison(view: pd.DataFrame, figures: pd.DataFrame, province: str, article_links: str) -> HTML:
    """For a province the merger changed: its figures beside the merged province's, territory said.

    Empty for a province the merger left as it was.
    """
    after = successor(province) if province != "national" else province
    formers = former_provinces(after) if after != "national" else (after,)
    if len(formers) == 1:
        return HTML("")
    others = [p for p in formers if p != province]
    intro = (f"<p>On 1 July 2025 {html.escape(', '.join(formers[:-1]))} and {html.escape(formers[-1])} became "
             f"the province of {html.escape(after)}. Figures of one former province cover part of the territory "
             f"of {html.escape(after)} today: they are compared with the merged province's only as a part "
             f"({html.escape(province)} without {html.escape(' and '.join(others))}).</p>")
    return HTML(intro + merger_table(view, figures, article_links, [after]).data)


def reviews_table(reviews: pd.DataFrame) -> HTML:
    """Review effort per article, with the totals in the last row."""
    if reviews.empty:
        return HTML("<p>No article here was added through <code>extract --append</code>: nothing to measure.</p>")
    shown = reviews.drop(columns=[c for c in reviews.columns if c.startswith("corrected_") and not reviews[c].any()])
    totals = shown.drop(columns=["corpus", "article_id"]).sum()
    shown = pd.concat([shown, pd.DataFrame([{"corpus": "", "article_id": "total", **totals}])], ignore_index=True)
    shown.columns = [c.replace("corrected_", "corrected: ").replace("_", " ") for c in shown.columns]
    return html_table(shown.astype(str).map(html.escape))
