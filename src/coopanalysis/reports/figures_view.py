"""Figures for readers: each with its statistic, as stated, as read, and its quote one click away."""

from __future__ import annotations

import pandas as pd

from .cells import ARTICLE_LINKS, Cell, Link, Quote, Small, figure_href, line
from .display import Facts, Paragraph, Section, Table
from .labels import kind_label, measure_label, period_text, place_label, scope_text, why
from .values import bounds_cell, proposals_note

__all__ = ["article_sections", "figure_rows", "figures_table"]

_FLAG_WORDS = {"garbled_translation": "read otherwise than the text says", "ambiguous_number": "number reads two ways"}
_COLUMNS = ["figure", "province", "statistic", "when", "where", "as stated", "read as", "quote", "note"]


def figure_rows(figures: pd.DataFrame, article_links: str, with_province: bool = True) -> list[dict[str, Cell]]:
    """Table rows, one per figure."""
    rows = []
    for f in figures.itertuples():
        href = figure_href(article_links, f.article_id, f.figure_id)
        unit = "%" if f.kind in ("share_pct", "target_share_pct", "change_pct") else f.unit
        notes = [
            _FLAG_WORDS.get(f.flag, f.flag.replace("_", " ")) + f": {why(f.flag_reason)}" if f.flag else "",
            f.note,
        ]
        row: dict[str, Cell] = {
            "figure": (Link(f.figure_id, href),),
            "statistic": line(
                measure_label(f.measure, f.definition), Small(kind_label(f.kind), "kind") if f.kind != "level" else None
            ),
            "when": period_text(f.period, f.base_period),
            "where": scope_text(f.scope),
            "as stated": f.stated,
            "read as": (bounds_cell(f.value, f.low, f.high, unit, f.reviewed),),
            "quote": (Quote(f.quote, href),),
            "note": " · ".join(n for n in notes if n),
        }
        if with_province:
            row["province"] = place_label(f.province, f.borders)
        rows.append(row)
    return rows


def figures_table(
    figures: pd.DataFrame, *, article_links: str = ARTICLE_LINKS, with_province: bool = True, empty: str = "No figure."
) -> Table:
    """One row per figure: statistic, when, where, as stated, as read, quote (linked), note."""
    ordered = figures.sort_values("figure_id", kind="stable")
    columns = [c for c in _COLUMNS if with_province or c != "province"]
    return Table(ordered, figure_rows(ordered, article_links, with_province), columns, numeric=["read as"], empty=empty)


def article_sections(figures: pd.DataFrame, articles: pd.DataFrame, *, article_links: str = ARTICLE_LINKS) -> Section:
    """For each article: a heading (title, province, date, how each is known) and its figures.

    Its ``data`` is the figures of these articles.
    """
    by_article = dict(list(figures.groupby("article_id", sort=False)))
    parts: list = [proposals_note(figures)]
    for a in articles.itertuples():
        own = by_article.get(a.article_id, figures.iloc[:0])
        source = Link("source", a.source) if a.source.startswith(("http://", "https://")) else ""
        published = period_text(a.published) if len(a.published) < 10 else a.published
        parts.append(
            Section(
                [
                    Paragraph(
                        line(
                            Link(
                                f"Read the article with its {len(own)} figures highlighted",
                                f"{article_links}{a.article_id}.html",
                            ),
                            "·" if source else "",
                            source,
                        )
                    ),
                    Facts(
                        [("Published", f"{published} — {a.published_basis}"), ("Province", a.province_basis)],
                        articles.iloc[:0],
                    ),
                    figures_table(own, article_links=article_links, with_province=False),
                ],
                own,
                heading=f"{place_label(a.province, a.borders)}: {a.title}",
                anchor=a.article_id,
            )
        )
    if articles.empty:
        parts.insert(0, Paragraph("No article.", css="none"))
    return Section(parts, figures[figures["article_id"].isin(articles["article_id"])])
