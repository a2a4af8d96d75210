"""The cross-province report: the latest value of each indicator by province, and one section per topic."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..indicators import INDICATOR_BY_NAME, INDICATORS, TOPICS, indicators_wide
from .cells import ARTICLE_LINKS, BREAK, Cell, Em, Small, Value, line, quote_links
from .charts import chartable, indicator_chart
from .display import Paragraph, Section, Table
from .formatting import format_bounds
from .labels import indicator_title, period_text, place_label
from .place import province_key
from .values import article_of, indicator_columns, indicator_rows, known_values, proposals_note

__all__ = ["OVERVIEW", "indicator_section", "overview_table", "topic_sections"]

#: The indicators of the overview table, in its column order (the topic sections show them all).
OVERVIEW = (
    "members_per_cooperative",
    "members_per_organization",
    "avg_revenue_per_cooperative",
    "income_per_worker_month",
    "loans_per_project",
    "loans_per_borrower",
    "new_cooperatives_share_pct",
    "new_cooperatives_vs_target_pct",
)


def _cell(row: pd.Series, name: str, links: dict[str, str], article_links: str) -> Cell:
    period = row[f"{name}_period"]
    if pd.isna(period):
        return ""
    unit = INDICATOR_BY_NAME[name].unit
    # The column heading gives the unit: a cell says "1.35 billion VND", not "... VND/year".
    words = format_bounds(row[name], row[f"{name}_low"], row[f"{name}_high"], "VND" if unit.startswith("VND") else unit)
    if words == "not known":
        return ""
    basis = row[f"{name}_basis"]
    return line(
        Value(words, proposed=not row[f"{name}_reviewed"]),
        Small(period_text(period), "when"),
        quote_links(row[f"{name}_inputs"].split(";"), links, article_links),
        (BREAK, Small(basis, "basis")) if basis else None,
    )


def _names(names: Sequence[str] | None) -> list[str]:
    return [i.name for i in INDICATORS] if names is None else list(names)


def overview_table(
    indicators: pd.DataFrame,
    figures: pd.DataFrame,
    provinces: Sequence[str],
    *,
    names: Sequence[str] | None = None,
    article_links: str = ARTICLE_LINKS,
) -> Table:
    """Provinces down (national last, as a reference), the headline indicators across: each latest
    province-wide value. A value's basis ("over 4 years", "VND of 2021–2025") is written under it:
    values of one column with different bases are not comparable.

    ``provinces`` are table keys (:func:`~.params.choose_provinces`); ``names`` narrows the
    indicators (default: all). Its ``data`` is :func:`coopanalysis.indicators_wide` of these provinces.
    """
    wanted = [province_key(p) for p in provinces]
    wide = indicators_wide(indicators).set_index("province", drop=False)
    links = article_of(figures)
    shown = [p for p in wanted if p in wide.index and p != "national"]
    shown += ["national"] if "national" in wide.index and "national" in wanted else []
    chosen = _names(names)
    columns = [n for n in OVERVIEW if n in chosen and wide.loc[shown, f"{n}_period"].notna().any()] if shown else []
    headings = {
        n: indicator_title(n)
        + (f" ({INDICATOR_BY_NAME[n].unit})" if INDICATOR_BY_NAME[n].unit.startswith("VND") else "")
        for n in columns
    }
    borders = indicators.groupby("province")["borders"].agg(lambda b: b.iloc[0] if b.nunique() == 1 else "")
    rows, kept = [], []
    for province in shown:
        row = wide.loc[province]
        cells = {headings[n]: _cell(row, n, links, article_links) for n in columns}
        if any(cells.values()):
            rows.append({"province": place_label(province, borders.get(province, "")), **cells})
            kept.append(province)
    return Table(
        wide.loc[kept].reset_index(drop=True),
        rows,
        ["province", *headings.values()],
        searchable=False,
        note=proposals_note(figures),
        empty="No province-wide indicator value for this selection.",
    )


def indicator_section(
    indicators: pd.DataFrame,
    figures: pd.DataFrame,
    articles: pd.DataFrame,
    name: str,
    provinces: Sequence[str],
    *,
    article_links: str = ARTICLE_LINKS,
    highlight: str | None = None,
) -> Section:
    """One indicator: what it is, its chart (when it has two values or more), and a row per value."""
    indicator = INDICATOR_BY_NAME[name]
    rows = known_values(indicators[(indicators["indicator"] == name) & indicators["province"].isin(provinces)])
    about = Paragraph(indicator.description, (" ", Em(indicator.caveat)) if indicator.caveat else ())
    province_rows = rows[rows["scope"].isin(["province", "national"])]
    chart = (
        [indicator_chart(province_rows, name, highlight=highlight, articles=articles)]
        if chartable(province_rows, name)
        else []
    )
    ordered = (
        rows.assign(_national=rows["province"] == "national")
        .sort_values(["_national", "basis", "province", "period"], kind="stable")
        .drop(columns="_national")
    )
    cells = indicator_rows(ordered, article_of(figures), article_links, with_scope=True)
    table = Table(
        ordered,
        cells,
        indicator_columns(cells, ["province", "scope", "when", "value", "comparable on", "caveat", "from"]),
        numeric=["value"],
    )
    return Section([about, *chart, table], ordered, heading=indicator_title(name), level=3)


def topic_sections(
    indicators: pd.DataFrame,
    figures: pd.DataFrame,
    articles: pd.DataFrame,
    provinces: Sequence[str],
    *,
    names: Sequence[str] | None = None,
    article_links: str = ARTICLE_LINKS,
    highlight: str | None = None,
) -> Section:
    """A section per topic of ``data/indicators.toml`` with its indicators; topics with no value are left out.

    Its ``data`` is every indicator value shown.
    """
    wanted, chosen = [province_key(p) for p in provinces], set(_names(names))
    values = known_values(indicators[indicators["indicator"].isin(chosen) & indicators["province"].isin(wanted)])
    present = set(values["indicator"])
    topics = []
    for topic, title in TOPICS.items():
        sections = [
            indicator_section(
                values, figures, articles, i.name, wanted, article_links=article_links, highlight=highlight
            )
            for i in INDICATORS
            if i.topic == topic and i.name in present
        ]
        if sections:
            topics.append(Section(sections, pd.concat([s.data for s in sections]), heading=title))
    return Section(topics, values, empty="No indicator value for this selection.")
