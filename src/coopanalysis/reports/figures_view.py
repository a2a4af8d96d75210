"""Figures for readers: each with its statistic, as stated, as read, and its quote one click away."""

from __future__ import annotations

import pandas as pd

from .html import Html, esc, figure_href, link, nothing, table
from .labels import kind_label, measure_label, period_text, place_label, scope_text, why
from .values import bounds_html, proposals_note

__all__ = ["article_sections", "figure_rows", "figures_table"]

_FLAG_WORDS = {"garbled_translation": "read otherwise than the text says", "ambiguous_number": "number reads two ways"}


def figure_rows(figures: pd.DataFrame, article_links: str, with_province: bool = True) -> list[dict[str, str]]:
    """Table rows (escaped HTML cells), one per figure."""
    rows = []
    for f in figures.itertuples():
        href = figure_href(article_links, f.article_id, f.figure_id)
        kind = kind_label(f.kind)
        unit = "%" if f.kind in ("share_pct", "change_pct") else f.unit
        notes = [_FLAG_WORDS.get(f.flag, f.flag.replace("_", " ")) + f": {why(f.flag_reason)}" if f.flag else "", f.note]
        row = {
            "figure": link(f.figure_id, href),
            "statistic": esc(measure_label(f.measure, f.definition)) + (f" <span class=\"kind\">{esc(kind)}</span>" if kind else ""),
            "when": esc(period_text(f.period, f.base_period)),
            "where": esc(scope_text(f.scope)),
            "as stated": esc(f.stated),
            "read as": bounds_html(f.value, f.low, f.high, unit, f.reviewed),
            "quote": f'<a href="{esc(href)}"><q>{esc(f.quote)}</q></a>',
            "note": esc(" · ".join(n for n in notes if n)),
        }
        if with_province:
            row["province"] = esc(place_label(f.province, f.borders))
        rows.append(row)
    return rows


def figures_table(figures: pd.DataFrame, article_links: str, with_province: bool = True) -> Html:
    """One row per figure: statistic, when, where, as stated, as read, quote (linked), note."""
    if figures.empty:
        return nothing("No figure.")
    columns = ["figure", *(["province"] if with_province else []), "statistic", "when", "where", "as stated",
               "read as", "quote", "note"]
    return table(figure_rows(figures.sort_values("figure_id", kind="stable"), article_links, with_province), columns,
                 numeric=["read as"])


def article_sections(figures: pd.DataFrame, articles: pd.DataFrame, article_links: str) -> Html:
    """For each article: a heading (title, province, date, how each is known) and its figures."""
    parts = Html(proposals_note(figures))
    for a in articles.itertuples():
        own = figures[figures["article_id"] == a.article_id]
        page = article_links + a.article_id + ".html"
        source = f' · <a href="{esc(a.source)}">source</a>' if a.source.startswith(("http://", "https://")) else ""
        parts += Html(
            f'<h2 id="{esc(a.article_id)}">{esc(place_label(a.province, a.borders))}: {esc(a.title)}</h2>'
            f"<p>{link(f'Read the article with its {len(own)} figures highlighted', page)}{source}</p>"
            f"<dl class=\"meta\"><dt>Published</dt><dd>{esc(period_text(a.published) if len(a.published) < 10 else a.published)}"
            f" — {esc(a.published_basis)}</dd><dt>Province</dt><dd>{esc(a.province_basis)}</dd></dl>")
        parts += figures_table(own, article_links, with_province=False)
    return parts if len(articles) else nothing("No article.") + Html(proposals_note(figures))
