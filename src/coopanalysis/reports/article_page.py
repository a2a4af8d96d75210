"""Each article as a page: its text with every figure's quote highlighted at an anchor, and the way back."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from ..base.paths import slug
from ..vocab.provinces import NATIONAL, successor
from .cells import Link
from .display import Facts, Table
from .figures_view import figure_rows
from .labels import place_label
from .pages import page
from .templates import render

__all__ = ["article_page", "marked_segments"]


def marked_segments(text: str, figures: pd.DataFrame) -> list[dict]:
    """The text cut where quotes and numbers start and end: each segment with the anchors that open
    there (one per figure whose quote starts there), whether it is marked ("mark", or "number" inside
    a figure's number) and the ids of the figures that quote it. Every character is marked once."""
    figures = figures.sort_values(["start", "figure_id"])
    cuts = sorted(
        {0, len(text)}
        | set(figures["start"])
        | set(figures["end"])
        | set(figures["number_start"])
        | set(figures["number_end"])
    )
    anchors: dict[int, list[str]] = {}
    for start, figure_id in zip(figures["start"], figures["figure_id"]):
        anchors.setdefault(start, []).append(figure_id)
    # Plain arrays: one comparison per segment over the article's few figures, not a DataFrame filter.
    start, stop = figures["start"].to_numpy(), figures["end"].to_numpy()
    number_start, number_end = figures["number_start"].to_numpy(), figures["number_end"].to_numpy()
    ids = figures["figure_id"].tolist()
    segments = []
    for begin, end in itertools.pairwise(cuts):
        inside = np.flatnonzero((start <= begin) & (end <= stop))
        number = bool(((number_start <= begin) & (end <= number_end)).any())
        segments.append(
            {
                "anchors": anchors.get(begin, []),
                "text": text[begin:end],
                "mark": ("number" if number else "mark") if len(inside) else "",
                "title": " ".join(ids[i] for i in inside),
            }
        )
    return segments


def article_page(article: pd.Series, text: str, figures: pd.DataFrame, reports: dict[str, str]) -> str:
    """The article page: metadata, its figures (each linking to its quote below), the marked text.

    Each figure has the anchor ``#<figure_id>`` at the start of its quote, so reports link to
    ``<article_id>.html#<figure_id>``. ``reports`` maps report names to their file names
    (``02-cross-province-indicators`` ...) for the links back: the index, the province's
    profile and the article's section of the article-figures report.
    """
    article_id, province = article["article_id"], article["province"]
    # Profiles are of the provinces since July 2025: a former province's article links to its successor's.
    profile = next(
        (
            name
            for name in (
                f"03-province-profile-{slug(p)}"
                for p in dict.fromkeys([province, *([successor(province)] if province != NATIONAL else [])])
            )
            if name in reports
        ),
        None,
    )
    nav = [("../reports/index.html", "All reports")]
    if profile:
        nav.append(
            (f"../reports/{reports[profile]}#Every-figure", f"Profile: {place_label(province, article['borders'])}")
        )
    if "01-article-figures" in reports:
        nav.append((f"../reports/{reports['01-article-figures']}#{article_id}", "This article in the figures report"))
    source = str(article["source"])
    meta = Facts(
        [
            ("Province", place_label(province, article["borders"])),
            ("How the province is known", article["province_basis"]),
            ("Published", article["published"]),
            ("How the date is known", article["published_basis"]),
            ("Source", (Link(source, source),) if source.startswith(("http://", "https://")) else source),
            ("File", article["file"]),
        ],
        figures.iloc[:0],
    )
    ordered = figures.sort_values("figure_id")
    rows = figure_rows(ordered, "", with_province=False)
    for row, figure_id in zip(rows, ordered["figure_id"]):
        row["figure"] = (Link(figure_id, f"#{figure_id}"),)
    table = Table(
        ordered,
        rows,
        ["figure", "statistic", "when", "where", "as stated", "read as", "note"],
        numeric=["read as"],
        empty="No figure yet.",
    )
    title = str(article["title"] or article_id)
    body = render(
        "article.html.j2",
        title=title,
        meta=meta.html(),
        count=len(figures),
        figures=table.html(),
        segments=marked_segments(text, figures),
    )
    return page(title, body, nav=nav)
