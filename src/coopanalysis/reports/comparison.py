"""The cross-province report: the latest value of each indicator by province, and one section per topic."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..indicators import INDICATOR_BY_NAME, INDICATORS, TOPICS, indicators_wide
from .charts import chartable, indicator_chart
from .formatting import format_bounds
from .html import Html, esc, nothing, quote_links, table
from .labels import indicator_title, period_text, place_label
from .values import PROPOSED, article_of, indicator_columns, indicator_rows, known_values, proposals_note

__all__ = ["OVERVIEW", "indicator_section", "overview_table", "topic_sections"]



def _cell(wide: pd.DataFrame, province: str, name: str, links: dict[str, str], article_links: str) -> str:
    period = wide.loc[province, f"{name}_period"]
    if pd.isna(period):
        return ""
    value, low, high = (wide.loc[province, f"{name}{s}"] for s in ("", "_low", "_high"))
    unit = INDICATOR_BY_NAME[name].unit
    # The column heading gives the unit: a cell says "1.35 billion VND", not "... VND/year".
    words = format_bounds(value, low, high, "VND" if unit.startswith("VND") else unit)
    if words == "not known":
        return ""
    reviewed = wide.loc[province, f"{name}_reviewed"]
    inputs = wide.loc[province, f"{name}_inputs"].split(";")
    basis = wide.loc[province, f"{name}_basis"]
    mark = f'<br><span class="basis">{esc(basis)}</span>' if basis else ""
    return f"{esc(words)}{'' if reviewed else ' ' + PROPOSED} <span class=\"when\">({esc(period_text(period))})</span> " \
           f"{quote_links(inputs, links, article_links)}{mark}"


#: The indicators of the overview table, in its column order (the topic sections show them all).
OVERVIEW = ("members_per_cooperative", "members_per_organization", "avg_revenue_per_cooperative",
            "income_per_worker_month", "loans_per_project", "loans_per_borrower", "new_cooperatives_share_pct",
            "new_cooperatives_vs_target_pct")


def overview_table(indicators: pd.DataFrame, figures: pd.DataFrame, names: Sequence[str], provinces: Sequence[str],
                   article_links: str) -> Html:
    """Provinces down (national last, as a reference), the headline indicators across: each latest
    province-wide value. A value's basis ("over 4 years", "VND of 2021–2025") is written under it:
    values of one column with different bases are not comparable."""
    wide = indicators_wide(indicators).set_index("province")
    links = article_of(figures)
    shown = [p for p in provinces if p in wide.index and p != "national"]
    shown += ["national"] if "national" in wide.index and "national" in provinces else []
    columns = [n for n in OVERVIEW if n in names and wide.loc[shown, f"{n}_period"].notna().any()] if shown else []
    headings = {n: indicator_title(n) + (f" ({INDICATOR_BY_NAME[n].unit})" if INDICATOR_BY_NAME[n].unit.startswith("VND") else "")
                for n in columns}
    rows = []
    borders = indicators.groupby("province")["borders"].agg(lambda b: b.iloc[0] if b.nunique() == 1 else "")
    for province in shown:
        cells = {headings[n]: _cell(wide, province, n, links, article_links) for n in columns}
        if any(cells.values()):
            rows.append({"province": esc(place_label(province, borders.get(province, ""))), **cells})
    if not rows:
        return nothing("No province-wide indicator value for this selection.") + Html(proposals_note(figures))
    return table(rows, ["province", *[headings[n] for n in columns]], searchable=False) + Html(proposals_note(figures))


def indicator_section(indicators: pd.DataFrame, figures: pd.DataFrame, articles: pd.DataFrame, name: str,
                      provinces: Sequence[str], article_links: str, highlight: str | None = None) -> Html:
    """One indicator: what it is, its chart (when it has two values or more), and a row per value."""
    indicator = INDICATOR_BY_NAME[name]
    rows = known_values(indicators[(indicators["indicator"] == name) & indicators["province"].isin(provinces)])
    if rows.empty:
        return Html("")
    heading = (f"<h3>{esc(indicator_title(name))}</h3>"
               f"<p>{esc(indicator.description)}" + (f" <em>{esc(indicator.caveat)}</em>" if indicator.caveat else "")
               + "</p>")
    province_rows = rows[rows["scope"].isin(["province", "national"])]
    chart = ""
    if chartable(province_rows, name):
        chart = indicator_chart(province_rows, name, highlight=highlight, articles=articles).html()
    ordered = rows.assign(_national=rows["province"] == "national").sort_values(
        ["_national", "basis", "province", "period"], kind="stable")
    cells = indicator_rows(ordered, article_of(figures), article_links, with_scope=True)
    body = table(cells, indicator_columns(cells, ["province", "scope", "when", "value", "comparable on", "caveat", "from"]),
                 numeric=["value"])
    return Html(heading + chart) + body


def topic_sections(indicators: pd.DataFrame, figures: pd.DataFrame, articles: pd.DataFrame, names: Sequence[str],
                   provinces: Sequence[str], article_links: str, highlight: str | None = None) -> Html:
    """A section per topic of ``data/indicators.toml`` with its indicators; topics with no value are left out."""
    parts = Html("")
    for topic, heading in TOPICS.items():
        sections = Html("")
        for indicator in INDICATORS:
            if indicator.topic == topic and indicator.name in names:
                sections += indicator_section(indicators, figures, articles, indicator.name, provinces, article_links,
                                              highlight)
        if sections:
            parts += Html(f"<h2>{esc(heading)}</h2>") + sections
    return parts or nothing("No indicator value for this selection.")
