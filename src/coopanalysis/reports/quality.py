"""The data-quality report: corrected readings, proposals left to review, bounds, coverage, review effort."""

from __future__ import annotations

import pandas as pd

from ..figures.coverage import NON_STATISTIC_CATEGORIES
from .figures_view import figures_table
from .html import Html, esc, figure_link, nothing, quote_links, table
from .labels import UNCERTAINTY_WORDS, display_name, indicator_title, measure_label, period_text, why

__all__ = ["coverage_table", "flagged_table", "non_statistics_summary", "reviews_table", "uncertain_table", "withheld_table",
           "unreviewed_table"]

def flagged_table(figures: pd.DataFrame, article_links: str) -> Html:
    """Figures read otherwise than the text literally says: what it says, how it is read, and why."""
    flagged = figures[figures["flag"] != ""]
    if flagged.empty:
        return nothing("None: every figure is read as its text says.")
    return table([{
        "figure": figure_link(f.figure_id, f.article_id, article_links),
        "the text says": f"<q>{esc(f.quote)}</q>",
        "read as": esc(measure_label(f.measure, f.definition)),
        "flag": esc(f.flag.replace("_", " ")),
        "why": esc(why(f.flag_reason)),
    } for f in flagged.itertuples()], ["figure", "the text says", "read as", "flag", "why"])


def unreviewed_table(figures: pd.DataFrame, article_links: str) -> Html:
    """Rows the extractor proposed that nobody has reviewed yet (set ``status`` to ``reviewed``)."""
    pending = figures[~figures["reviewed"]]
    if pending.empty:
        return nothing("None: every figure has been reviewed.")
    return figures_table(pending, article_links)


def withheld_table(withheld: pd.DataFrame, figures: pd.DataFrame, article_links: str) -> Html:
    """Indicators not computed because their inputs count different things, each with the reason."""
    if withheld.empty:
        return nothing("None: the inputs of every indicator count the same things.")
    links = dict(zip(figures["figure_id"], figures["article_id"]))
    return table([{
        "indicator": esc(indicator_title(w.indicator)),
        "province": esc(display_name(w.province)),
        "when": esc(period_text(w.period)),
        "why not": esc(w.reason),
        "from": quote_links(w.inputs.split(";"), links, article_links),
    } for w in withheld.itertuples()], ["indicator", "province", "when", "why not", "from"])


def uncertain_table(figures: pd.DataFrame, article_links: str) -> Html:
    """Figures that are bounds, ranges or approximations, as stated."""
    uncertain = figures[figures["qualifier"].isin(list(UNCERTAINTY_WORDS))].sort_values(["qualifier", "figure_id"])
    if uncertain.empty:
        return nothing("None: every figure is stated as an exact number.")
    return table([{
        "figure": figure_link(f.figure_id, f.article_id, article_links),
        "statistic": esc(measure_label(f.measure, f.definition)),
        "uncertainty": esc(UNCERTAINTY_WORDS[f.qualifier]),
        "as stated": esc(f.stated),
        "quote": f"<q>{esc(f.quote)}</q>",
    } for f in uncertain.itertuples()], ["figure", "statistic", "uncertainty", "as stated", "quote"])


def coverage_table(figures: pd.DataFrame, unaccounted: dict[str, int] | None = None) -> Html:
    """Per article: figures, flagged and uncertain ones, targets, unreviewed, and numbers not accounted for.

    ``unaccounted``: numbers by article that are neither a figure nor a non-statistic; none where the
    figures come from an analysis (:func:`coopanalysis.load_analysis` refuses corpora that ``check`` rejects).
    """
    missing = unaccounted or {}
    rows = []
    for article_id, own in figures.groupby("article_id", sort=True):
        rows.append({"article": esc(article_id), "figures": str(len(own)),
                     "flagged": str(int((own["flag"] != "").sum())),
                     "bounds, ranges, approximations": str(int((own["qualifier"] != "exact").sum())),
                     "measures": str(own["measure"].nunique()),
                     "targets": str(int((own["kind"] == "target").sum())),
                     "unreviewed": str(int((~own["reviewed"]).sum())),
                     "numbers not accounted for": str(int(missing.get(article_id, 0)))})
    columns = ["article", "figures", "flagged", "bounds, ranges, approximations", "measures", "targets", "unreviewed",
               "numbers not accounted for"]
    return table(rows, columns, numeric=columns[1:])


def non_statistics_summary(listed: pd.DataFrame) -> Html:
    """Numbers in the articles that are not statistics (the analysis's ``non_statistics``), counted by
    category, with what each means."""
    counts = listed.groupby("category").agg(numbers=("quote", "size"), articles=("article_id", "nunique"))
    return table([{"category": esc(category.replace("_", " ")), "what it is": esc(NON_STATISTIC_CATEGORIES[category]),
                   "numbers": str(row.numbers), "articles": str(row.articles)}
                  for category, row in counts.iterrows()], ["category", "what it is", "numbers", "articles"],
                 numeric=["numbers", "articles"])


def reviews_table(reviews: pd.DataFrame) -> Html:
    """Review effort per article, with the totals in the last row."""
    if reviews.empty:
        return nothing("No article here was added with `coopanalysis extract --append`: nothing to measure.")
    fields = [c for c in reviews.columns if c.startswith("corrected_") and reviews[c].any()]
    counts = ["proposed", "kept", "corrected", "deleted", "added", "pending"]
    totals = reviews[counts + fields].sum()
    # Minutes where the review tool logged them (older reviews were not timed: left empty, not 0).
    minutes = reviews["minutes"] if "minutes" in reviews else pd.Series(float("nan"), index=reviews.index)
    rows = [{"article": esc(r.article_id), **{c: str(getattr(r, c)) for c in counts},
             "minutes": "" if m != m else f"{m:.1f}",
             "corrected fields": esc(", ".join(f"{f.removeprefix('corrected_').replace('_', ' ')} {getattr(r, f)}"
                                               for f in fields if getattr(r, f)))} for r, m in zip(reviews.itertuples(), minutes)]
    timed = minutes.dropna()
    rows.append({"article": "<strong>all</strong>", **{c: f"<strong>{totals[c]}</strong>" for c in counts},
                 "minutes": f"<strong>{timed.sum():.1f}</strong> ({len(timed)} timed)" if len(timed) else "",
                 "corrected fields": esc(", ".join(f"{f.removeprefix('corrected_').replace('_', ' ')} {totals[f]}"
                                                   for f in fields))})
    return table(rows, ["article", *counts, "minutes", "corrected fields"], numeric=[*counts, "minutes"], searchable=False)
