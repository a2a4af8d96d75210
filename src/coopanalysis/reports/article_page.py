"""Each article as a page: its text with every figure's quote highlighted at an anchor, and the way back."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from ..base.paths import slug
from .figures_view import figure_rows
from .html import table
from .labels import place_label
from .pages import page

__all__ = ["article_page"]


def _marked_text(text: str, figures: pd.DataFrame) -> str:
    """The text, escaped, each quote in a ``<mark>`` (its number emphasised) after an anchor per figure.

    Overlapping quotes are split into segments so every character is marked once.
    """
    figures = figures.sort_values(["start", "figure_id"])
    cuts = sorted({0, len(text)} | set(figures["start"]) | set(figures["end"])
                  | set(figures["number_start"]) | set(figures["number_end"]))
    anchors: dict[int, list[str]] = {}
    for f in figures.itertuples():
        anchors.setdefault(f.start, []).append(f.figure_id)
    # Plain arrays: one comparison per segment over the article's few figures, not a DataFrame filter.
    start, stop = figures["start"].to_numpy(), figures["end"].to_numpy()
    number_start, number_end = figures["number_start"].to_numpy(), figures["number_end"].to_numpy()
    ids = figures["figure_id"].tolist()
    parts = []
    for begin, end in zip(cuts, cuts[1:]):
        parts += [f'<span class="anchor" id="{html.escape(i)}"></span>' for i in anchors.get(begin, [])]
        segment = html.escape(text[begin:end])
        inside = np.flatnonzero((start <= begin) & (end <= stop))
        if not len(inside):
            parts.append(segment)
            continue
        is_number = ((number_start <= begin) & (end <= number_end)).any()
        css = ' class="number"' if is_number else ""
        parts.append(f'<mark{css} title="{html.escape(" ".join(ids[i] for i in inside))}">{segment}</mark>')
    return "".join(parts)


def article_page(article: pd.Series, text: str, figures: pd.DataFrame, reports: dict[str, str]) -> str:
    """The article page: metadata, its figures (each linking to its quote below), the marked text.

    Each figure has the anchor ``#<figure_id>`` at the start of its quote, so reports link to
    ``<article_id>.html#<figure_id>``. ``reports`` maps report names to their file names
    (``02-cross-province-indicators`` ...) for the links back: the index, the province's
    profile and the article's section of the article-figures report.
    """
    article_id, province = article["article_id"], article["province"]
    profile = f"03-province-profile-{slug(province)}"
    nav = [("../reports/index.html", "All reports")]
    if profile in reports:
        nav.append((f"../reports/{reports[profile]}#figures", f"Profile: {place_label(province, article['borders'])}"))
    if "01-article-figures" in reports:
        nav.append((f"../reports/{reports['01-article-figures']}#{article_id}", "This article in the figures report"))
    meta = "".join(
        f"<dt>{label}</dt><dd>{value}</dd>"
        for label, value in (
            ("Province", html.escape(place_label(province, article["borders"]))),
            ("How the province is known", html.escape(article["province_basis"])),
            ("Published", html.escape(article["published"])),
            ("How the date is known", html.escape(article["published_basis"])),
            ("Source", f'<a href="{html.escape(article["source"])}">{html.escape(article["source"])}</a>'
             if str(article["source"]).startswith(("http://", "https://")) else html.escape(str(article["source"]))),
            ("File", html.escape(article["file"])))
        if value)
    ordered = figures.sort_values("figure_id")
    rows = figure_rows(ordered, "", with_province=False)
    for row, f in zip(rows, ordered.itertuples()):
        row["figure"] = f'<a href="#{html.escape(f.figure_id)}">{html.escape(f.figure_id)}</a>'
    figures_html = table(rows, ["figure", "statistic", "when", "where", "as stated", "read as", "note"],
                         numeric=["read as"]).data if rows else "<p class=\"none\">No figure yet.</p>"
    title = str(article["title"] or article_id)
    body = (f"<h1>{html.escape(title)}</h1>\n<dl class=\"meta\">{meta}</dl>\n"
            f"<h2>Figures ({len(figures)})</h2>\n{figures_html}\n"
            f"<h2>Text</h2>\n<div class=\"text\">{_marked_text(text, figures)}</div>")
    return page(title, body, nav=nav)
