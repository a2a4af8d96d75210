"""A province profile: its name and successor, its own figures and indicators first, then where it
stands among the other provinces, then its caveats. Every section brings its own heading and is
left out whole when it has nothing to show.
"""

from __future__ import annotations

import pandas as pd

from ..across.panel import SETTLED
from ..indicators import INDICATORS
from ..vocab.measures import measures
from ..vocab.periods import parse_period
from ..vocab.provinces import canonical_name, display_name, province_label
from .across import series_table
from .charts import chartable, indicator_chart
from .figures_view import figures_table
from .html import Html, esc, figure_link, link, quote_links, table
from .labels import UNCERTAINTY_WORDS, indicator_title, measure_label, period_text, scope_text, why
from .values import article_of, bounds_html, indicator_columns, indicator_rows, known_values, proposals_note

__all__ = ["all_figures", "caveats", "key_figures", "over_time", "own_indicators", "profile_heading", "profile_title",
           "standing"]

_ORDER = {name: n for n, name in enumerate(measures())}


def profile_title(province: str, articles: pd.DataFrame) -> str:
    """ "Trà Vinh (now part of Vĩnh Long)", "Vĩnh Long (since July 2025: former ...)", "Việt Nam (national)"."""
    province = canonical_name(province)
    borders = set(articles.loc[articles["province"] == province, "borders"])
    if borders == {"pre-merger", "post-merger"}:
        return f"{display_name(province)} (before and since the July 2025 merger)"
    return province_label(province, borders.pop() if len(borders) == 1 else "")


def profile_heading(province: str, figures: pd.DataFrame, articles: pd.DataFrame, article_links: str) -> Html:
    """The profile's title and what it rests on: articles (linked), dates, figures and their uncertainty."""
    province = canonical_name(province)
    own_articles = articles[articles["province"] == province].sort_values("published")
    own = figures[figures["province"] == province]
    bounded = int((own["qualifier"] != "exact").sum())
    flagged = int((own["flag"] != "").sum())
    dates = own_articles["published"].tolist()
    span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    listed = ", ".join(link(a.title or a.article_id, f"{article_links}{a.article_id}.html") + f" ({esc(a.published)})"
                       for a in own_articles.itertuples())
    return Html(
        f"<h1>{esc(profile_title(province, articles))}</h1>"
        f"<p class=\"lead\">Province profile from {len(own_articles)} article{'s' if len(own_articles) > 1 else ''} "
        f"published {esc(span)}: {len(own)} figures, {bounded} of them bounds, ranges or approximations"
        f"{f', {flagged} read otherwise than the text says' if flagged else ''}.</p><p>Articles: {listed}.</p>"
        + proposals_note(figures))


def key_figures(panel: pd.DataFrame, figures: pd.DataFrame, province: str, article_links: str) -> Html:
    """The latest level and target of each statistic the articles give for the whole province."""
    province = canonical_name(province)
    panel = panel[(panel["province"] == province) & panel["scope"].isin(["province", "national"])
                  & panel["status"].isin(SETTLED) & panel["kind"].isin(["level", "target"])]
    if panel.empty:
        return Html("")
    panel = panel.assign(_end=panel["period"].map(lambda p: parse_period(p).end),
                         _order=panel["measure"].map(_ORDER))
    latest = panel.sort_values("_end").groupby(["measure", "definition", "kind"], sort=False).tail(1)
    links = article_of(figures)
    sections = Html("")
    for kind, heading in (("level", "Key figures"), ("target", "Targets")):
        rows = latest[latest["kind"] == kind].sort_values(["_order", "definition"])
        if rows.empty:
            continue
        sections += Html(f"<h2>{heading}</h2>") + table([{
            "statistic": esc(measure_label(r.measure, r.definition)),
            "value": bounds_html(r.value, r.low, r.high, r.unit, r.reviewed),
            "when": esc(period_text(r.period)),
            "from": quote_links(r.figures.split(";"), links, article_links),
        } for r in rows.itertuples()], ["statistic", "value", "when", "from"], numeric=["value"])
    return sections


def own_indicators(indicators: pd.DataFrame, figures: pd.DataFrame, province: str, article_links: str) -> Html:
    """Every indicator value of the province (district and single-cooperative ones too), linked to its figures."""
    province = canonical_name(province)
    own = known_values(indicators[indicators["province"] == province])
    if own.empty:
        return Html("")
    order = {i.name: n for n, i in enumerate(INDICATORS)}
    own = own.assign(_order=own["indicator"].map(order)).sort_values(["_order", "scope", "period"], kind="stable")
    rows = indicator_rows(own, article_of(figures), article_links, with_place=False, with_scope=True)
    for row, name in zip(rows, own["indicator"]):
        row["indicator"] = esc(indicator_title(name))
    columns = indicator_columns(rows, ["indicator", "scope", "when", "value", "comparable on", "caveat", "from"])
    return Html("<h2>Indicators</h2>") + table(rows, columns, numeric=["value"])


def standing(indicators: pd.DataFrame, articles: pd.DataFrame, province: str) -> Html:
    """Charts of the indicators where the province has a province-wide value beside another province's."""
    province = canonical_name(province)
    charts = []
    for indicator in INDICATORS:
        rows = indicators[(indicators["indicator"] == indicator.name) & indicators["scope"].isin(["province", "national"])]
        if province in set(known_values(rows)["province"]) and chartable(rows, indicator.name):
            charts.append(indicator_chart(rows, indicator.name, highlight=province, articles=articles).html())
    if not charts:
        return Html("")
    return Html(f"<h2>Where {esc(display_name(province))} stands</h2>"
                "<p>Each chart shows the province (in red) beside every other province whose articles allow the "
                "same indicator, grouped by what the values are comparable on.</p>" + "".join(charts))


def caveats(figures: pd.DataFrame, province: str, article_links: str) -> Html:
    """Figures of the province read otherwise than the text says, and its bounds and approximations."""
    province = canonical_name(province)
    own = figures[figures["province"] == province]
    flagged = own[own["flag"] != ""]
    uncertain = own[own["qualifier"].isin(list(UNCERTAINTY_WORDS))]
    parts = Html("")
    if not flagged.empty:
        parts += Html("<h3>Read otherwise than the text says</h3>") + table([{
            "figure": figure_link(f.figure_id, f.article_id, article_links),
            "the text says": f"<q>{esc(f.quote)}</q>",
            "read as": esc(measure_label(f.measure, f.definition)),
            "why": esc(why(f.flag_reason)),
        } for f in flagged.itertuples()], ["figure", "the text says", "read as", "why"])
    if not uncertain.empty:
        parts += Html("<h3>Bounds, ranges and approximations</h3>") + table([{
            "figure": figure_link(f.figure_id, f.article_id, article_links),
            "statistic": esc(measure_label(f.measure, f.definition)),
            "where": esc(scope_text(f.scope)),
            "as stated": esc(f.stated),
            "read as": esc(UNCERTAINTY_WORDS[f.qualifier]),
        } for f in uncertain.sort_values(["qualifier", "figure_id"]).itertuples()],
            ["figure", "statistic", "where", "as stated", "read as"])
    return Html("<h2>Caveats</h2>") + parts if parts else Html("")


def over_time(series: pd.DataFrame, panel: pd.DataFrame, figures: pd.DataFrame, province: str,
              article_links: str) -> Html:
    """The province's statistics stated at two dates or more, with the change between them."""
    province = canonical_name(province)
    if not (series["province"] == province).any():
        return Html("")
    return (Html("<h2>Over time</h2><p>The same statistic stated at two dates, by one article or two: the change "
                 "between them and its yearly rate, beside what the articles state.</p>")
            + series_table(series, panel, figures, article_links, [province]))


def all_figures(figures: pd.DataFrame, province: str, article_links: str) -> Html:
    """Every figure about the province, with its quote (district and single-cooperative figures too)."""
    province = canonical_name(province)
    own = figures[figures["province"] == province]
    return Html('<h2 id="figures">Every figure</h2>') + figures_table(own, article_links, with_province=False)
