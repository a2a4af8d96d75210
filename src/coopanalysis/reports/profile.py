"""A province profile: its name and successor, its own figures and indicators first, then where it
stands among the other provinces. Each function shows one section (the notebook gives the
headings); a section with nothing to show says so in a sentence.

Every function takes the data first, then ``province`` as the table key that
:func:`~.params.choose_province` returns ("Tra Vinh"), then keyword options.
"""

from __future__ import annotations

import pandas as pd

from ..across.panel import SETTLED
from ..indicators import INDICATORS
from ..vocab.measures import measures
from ..vocab.periods import parse_period
from ..vocab.provinces import NATIONAL, display_name, former_provinces, province_label, provinces_2025
from .across import series_table
from .cells import ARTICLE_LINKS, Link, quote_links
from .display import Paragraph, Section, Table
from .figures_view import figures_table
from .labels import indicator_title, measure_label, period_text, short_place_label
from .place import family_rows, province_key
from .quality import flagged_table, uncertain_table
from .standing import standing_chart
from .values import article_of, bounds_cell, indicator_columns, indicator_rows, known_values, proposals_note

# The caveats of a profile are the data-quality report's tables of one province.
__all__ = [
    "all_figures",
    "flagged_table",
    "heading",
    "key_figures",
    "over_time",
    "own_indicators",
    "profile_title",
    "standing",
    "targets",
    "uncertain_table",
]

_ORDER = {name: n for n, name in enumerate(measures())}


def _merged(province: str) -> bool:
    """A province since July 2025 that the merger formed from several: its profile shows each apart."""
    return province != NATIONAL and province in set(provinces_2025()["name"]) and len(former_provinces(province)) > 1


def profile_title(province: str, articles: pd.DataFrame) -> str:
    """ "Trà Vinh (now part of Vĩnh Long)", "Vĩnh Long (since July 2025: former ...)", "Việt Nam (national)"."""
    if _merged(province):
        return province_label(province, "post-merger")
    borders = set(articles.loc[articles["province"] == province, "borders"])
    if borders == {"pre-merger", "post-merger"}:
        return f"{display_name(province)} (before and since the July 2025 merger)"
    return province_label(province, borders.pop() if len(borders) == 1 else "")


def heading(
    figures: pd.DataFrame, articles: pd.DataFrame, province: str, *, article_links: str = ARTICLE_LINKS
) -> Section:
    """The province's name and successor, and what the profile rests on: articles (linked), dates, figures."""
    province = province_key(province)
    own_articles = family_rows(articles, province).sort_values("published")
    own = family_rows(figures, province)
    bounded, flagged = int((own["qualifier"] != "exact").sum()), int((own["flag"] != "").sum())
    dates = own_articles["published"].tolist()
    span = "" if not dates else dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    listed: list = []
    for a in own_articles.itertuples():
        listed += [", "] if listed else []
        listed += [Link(a.title or a.article_id, f"{article_links}{a.article_id}.html"), f" ({a.published})"]
    return Section(
        [
            Paragraph(profile_title(province, articles), css="subject"),
            Paragraph(
                f"Province profile from {len(own_articles)} article{'s' if len(own_articles) != 1 else ''} published "
                f"{span}: {len(own)} figures, {bounded} of them bounds, ranges or approximations"
                f"{f', {flagged} read otherwise than the text says' if flagged else ''}.",
                css="lead",
            ),
            Paragraph("Articles: ", tuple(listed), "."),
            proposals_note(figures),
        ],
        own_articles,
    )


def _latest(panel: pd.DataFrame, province: str, kind: str) -> pd.DataFrame:
    """The latest row of each statistic of each territory of the profile (a former province apart from the merged
    one)."""
    rows = family_rows(panel, province)
    rows = rows[rows["scope"].isin(["province", "national"]) & rows["status"].isin(SETTLED) & (rows["kind"] == kind)]
    ends = {p: parse_period(p).end for p in set(rows["period"])}
    rows = rows.assign(
        _end=rows["period"].map(ends),
        _order=rows["measure"].map(_ORDER),
        _own=rows["province"].ne(province),
        _later=rows["borders"].ne("post-merger"),
    )
    latest = (
        rows.sort_values("_end", kind="stable")
        .groupby(["province", "borders", "measure", "definition"], sort=False)
        .tail(1)
    )
    return latest.sort_values(["_later", "_own", "province", "_order", "definition"], kind="stable").drop(
        columns=["_end", "_order", "_own", "_later"]
    )


def _statistics_table(rows: pd.DataFrame, figures: pd.DataFrame, article_links: str, empty: str) -> Table:
    links = article_of(figures)
    apart = rows[["province", "borders"]].drop_duplicates().shape[0] > 1  # territories named when several
    return Table(
        rows,
        [
            {
                **({"territory": short_place_label(r.province, r.borders)} if apart else {}),
                "statistic": measure_label(r.measure, r.definition),
                "value": (bounds_cell(r.value, r.low, r.high, r.unit, r.reviewed),),
                "when": period_text(r.period),
                "from": quote_links(r.figures.split(";"), links, article_links),
            }
            for r in rows.itertuples()
        ],
        [*(["territory"] if apart else []), "statistic", "value", "when", "from"],
        numeric=["value"],
        empty=empty,
    )


def key_figures(
    panel: pd.DataFrame, figures: pd.DataFrame, province: str, *, article_links: str = ARTICLE_LINKS
) -> Table:
    """The latest level of each statistic the articles give for the whole province
    (:func:`coopanalysis.figure_panel` rows)."""
    province = province_key(province)
    return _statistics_table(
        _latest(panel, province, "level"),
        figures,
        article_links,
        f"The articles give no province-wide count or total for {display_name(province)}.",
    )


def targets(panel: pd.DataFrame, figures: pd.DataFrame, province: str, *, article_links: str = ARTICLE_LINKS) -> Table:
    """The latest target of each statistic the articles set for the whole province."""
    province = province_key(province)
    return _statistics_table(
        _latest(panel, province, "target"),
        figures,
        article_links,
        f"The articles set no target for {display_name(province)}.",
    )


def own_indicators(
    indicators: pd.DataFrame, figures: pd.DataFrame, province: str, *, article_links: str = ARTICLE_LINKS
) -> Table:
    """Every indicator value of the province (district and single-cooperative ones too), linked to its figures."""
    province = province_key(province)
    own = known_values(family_rows(indicators, province))
    apart = own["province"].nunique() > 1 or own["borders"].nunique() > 1
    order = {i.name: n for n, i in enumerate(INDICATORS)}
    own = own.assign(_order=own["indicator"].map(order)).sort_values(["_order", "scope", "period"], kind="stable")
    own = own.drop(columns="_order")
    rows = indicator_rows(own, article_of(figures), article_links, with_place=apart, with_scope=True)
    for row, name in zip(rows, own["indicator"]):
        row["indicator"] = indicator_title(name)
    columns = indicator_columns(
        rows,
        [*(["province"] if apart else []), "indicator", "scope", "when", "value", "comparable on", "caveat", "from"],
    )
    return Table(
        own,
        rows,
        columns,
        numeric=["value"],
        empty=f"No indicator can be computed from the figures of {display_name(province)}.",
    )


def over_time(
    series: pd.DataFrame,
    panel: pd.DataFrame,
    figures: pd.DataFrame,
    province: str,
    *,
    article_links: str = ARTICLE_LINKS,
) -> Table:
    """The province's statistics stated at two dates or more, with the change between them."""
    province = province_key(province)
    return series_table(
        series,
        panel,
        figures,
        sorted(set(family_rows(series, province)["province"])) or [province],
        article_links=article_links,
        empty=f"No statistic of {display_name(province)} is stated at two dates.",
    )


def standing(indicators: pd.DataFrame, articles: pd.DataFrame, province: str) -> Section:
    """One chart of the headline indicators where the province has a value beside another province's on the
    same basis."""
    province = province_key(province)
    chart = standing_chart(indicators, province, articles=articles)
    if chart is None:
        return Section(
            [
                Paragraph(
                    f"No other province has a value comparable with one of {display_name(province)}'s on "
                    "a headline indicator (the same indicator on the same basis); the cross-province "
                    "report shows every value, apart by basis.",
                    css="none",
                )
            ],
            indicators.iloc[:0],
        )
    intro = Paragraph(
        f"Each band is one headline indicator: {display_name(province)} in red beside the other provinces "
        "whose values are comparable with its own (the same basis), named when they are few and drawn on "
        "one line when they are many, and national values last, as a reference. Each band has its own "
        "scale; the cross-province report shows every indicator."
    )
    return Section([intro, chart], chart.data)


def all_figures(figures: pd.DataFrame, province: str, *, article_links: str = ARTICLE_LINKS) -> Table:
    """Every figure about the province, with its quote (district and single-cooperative figures too)."""
    province = province_key(province)
    own = family_rows(figures, province)
    apart = own[["province", "borders"]].drop_duplicates().shape[0] > 1
    return figures_table(
        own, article_links=article_links, with_province=apart, empty=f"No figure of {display_name(province)}."
    )
