"""The data-quality report: corrected readings, proposals left to review, bounds, coverage, review effort."""

from __future__ import annotations

import pandas as pd

from ..figures.coverage import NON_STATISTIC_CATEGORIES
from .cells import ARTICLE_LINKS, Quote, Strong, figure_href, figure_link, quote_links
from .display import Table
from .figures_view import figures_table
from .labels import UNCERTAINTY_WORDS, display_name, indicator_title, measure_label, period_text, scope_text, why
from .place import family_rows

__all__ = [
    "coverage_table",
    "flagged_table",
    "non_statistics_summary",
    "reviews_table",
    "uncertain_table",
    "unreviewed_table",
    "withheld_table",
]


def _of(figures: pd.DataFrame, province: str | None) -> pd.DataFrame:
    return figures if province is None else family_rows(figures, province)


def flagged_table(figures: pd.DataFrame, province: str | None = None, *, article_links: str = ARTICLE_LINKS) -> Table:
    """Figures read otherwise than the text literally says (of one ``province`` if given): what it says, how it
    is read, and why."""
    flagged = _of(figures, province)
    flagged = flagged[flagged["flag"] != ""]
    return Table(
        flagged,
        [
            {
                "figure": (figure_link(f.figure_id, f.article_id, article_links),),
                "the text says": (Quote(f.quote),),
                "read as": measure_label(f.measure, f.definition),
                "flag": f.flag.replace("_", " "),
                "why": why(f.flag_reason),
            }
            for f in flagged.itertuples()
        ],
        ["figure", "the text says", "read as", "flag", "why"],
        empty="None: every figure is read as its text says.",
    )


def uncertain_table(figures: pd.DataFrame, province: str | None = None, *, article_links: str = ARTICLE_LINKS) -> Table:
    """Figures (of one ``province`` if given) that are bounds, ranges or approximations, as stated."""
    uncertain = _of(figures, province)
    uncertain = uncertain[uncertain["qualifier"].isin(list(UNCERTAINTY_WORDS))].sort_values(["qualifier", "figure_id"])
    return Table(
        uncertain,
        [
            {
                "figure": (figure_link(f.figure_id, f.article_id, article_links),),
                "statistic": measure_label(f.measure, f.definition),
                "where": scope_text(f.scope),
                "uncertainty": UNCERTAINTY_WORDS[f.qualifier],
                "as stated": f.stated,
                "quote": (Quote(f.quote, figure_href(article_links, f.article_id, f.figure_id)),),
            }
            for f in uncertain.itertuples()
        ],
        ["figure", "statistic", "where", "uncertainty", "as stated", "quote"],
        empty="None: every figure is stated as an exact number.",
    )


def unreviewed_table(figures: pd.DataFrame, *, article_links: str = ARTICLE_LINKS) -> Table:
    """Rows the extractor proposed that nobody has reviewed yet (set ``status`` to ``reviewed``)."""
    return figures_table(
        figures[~figures["reviewed"]], article_links=article_links, empty="None: every figure has been reviewed."
    )


def withheld_table(withheld: pd.DataFrame, figures: pd.DataFrame, *, article_links: str = ARTICLE_LINKS) -> Table:
    """Indicators not computed because their inputs count different things, each with the reason."""
    links = dict(zip(figures["figure_id"], figures["article_id"]))
    return Table(
        withheld,
        [
            {
                "indicator": indicator_title(w.indicator),
                "province": display_name(w.province),
                "when": period_text(w.period),
                "why not": w.reason,
                "from": quote_links(w.inputs.split(";"), links, article_links),
            }
            for w in withheld.itertuples()
        ],
        ["indicator", "province", "when", "why not", "from"],
        empty="None: the inputs of every indicator count the same things.",
    )


_COVERAGE = [
    "figures",
    "flagged",
    "bounds, ranges, approximations",
    "measures",
    "targets",
    "unreviewed",
    "numbers not accounted for",
]


def coverage_table(figures: pd.DataFrame, unaccounted: dict[str, int] | None = None) -> Table:
    """Per article: figures, flagged and uncertain ones, targets, unreviewed, and numbers not accounted for.

    ``unaccounted``: numbers by article that are neither a figure nor a non-statistic; none where the
    figures come from an analysis (:func:`coopanalysis.load_analysis` refuses corpora that ``check`` rejects).
    Its ``data`` holds the counts, one row per article.
    """
    missing = unaccounted or {}
    counts = pd.DataFrame(
        [
            {
                "article": article_id,
                "figures": len(own),
                "flagged": int((own["flag"] != "").sum()),
                "bounds, ranges, approximations": int((own["qualifier"] != "exact").sum()),
                "measures": own["measure"].nunique(),
                "targets": int((own["kind"] == "target").sum()),
                "unreviewed": int((~own["reviewed"]).sum()),
                "numbers not accounted for": int(missing.get(article_id, 0)),
            }
            for article_id, own in figures.groupby("article_id", sort=True)
        ],
        columns=["article", *_COVERAGE],
    )
    return Table(
        counts,
        [{c: str(v) for c, v in row.items()} for row in counts.to_dict("records")],
        ["article", *_COVERAGE],
        numeric=_COVERAGE,
        empty="No article.",
    )


def non_statistics_summary(listed: pd.DataFrame) -> Table:
    """Numbers in the articles that are not statistics (the analysis's ``non_statistics``), counted by
    category, with what each means."""
    counts = listed.groupby("category").agg(numbers=("quote", "size"), articles=("article_id", "nunique")).reset_index()
    return Table(
        counts,
        [
            {
                "category": r.category.replace("_", " "),
                "what it is": NON_STATISTIC_CATEGORIES[r.category],
                "numbers": str(r.numbers),
                "articles": str(r.articles),
            }
            for r in counts.itertuples()
        ],
        ["category", "what it is", "numbers", "articles"],
        numeric=["numbers", "articles"],
        empty="No number outside the figures.",
    )


def reviews_table(reviews: pd.DataFrame) -> Table:
    """Review effort per article, with the totals in the last row."""
    fields = [c for c in reviews.columns if c.startswith("corrected_") and reviews[c].any()]
    counts = ["proposed", "kept", "corrected", "deleted", "added", "pending"]

    def corrected(source) -> str:
        return ", ".join(f"{f.removeprefix('corrected_').replace('_', ' ')} {source[f]}" for f in fields if source[f])

    # Minutes where the review tool logged them (older reviews were not timed: left empty, not 0).
    minutes = reviews["minutes"] if "minutes" in reviews else pd.Series(float("nan"), index=reviews.index)
    rows = [
        {
            "article": r["article_id"],
            **{c: str(r[c]) for c in counts},
            "minutes": "" if m != m else f"{m:.1f}",
            "corrected fields": corrected(r),
        }
        for r, m in zip(reviews.to_dict("records"), minutes)
    ]
    if rows:
        totals, timed = reviews[counts + fields].sum(), minutes.dropna()
        rows.append(
            {
                "article": (Strong("all"),),
                **{c: (Strong(str(totals[c])),) for c in counts},
                "minutes": ((Strong(f"{timed.sum():.1f}"), f" ({len(timed)} timed)") if len(timed) else ""),
                "corrected fields": ", ".join(
                    f"{f.removeprefix('corrected_').replace('_', ' ')} {totals[f]}" for f in fields
                ),
            }
        )
    return Table(
        reviews,
        rows,
        ["article", *counts, "minutes", "corrected fields"],
        numeric=[*counts, "minutes"],
        searchable=False,
        empty="No article here was added with coopanalysis extract --append: nothing to measure.",
    )
