"""The index of a run: what the corpus holds, the key comparisons, each report with what it answers."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .cells import Cell, Link
from .display import Table
from .labels import place_label
from .overview import corpus_sentence, key_sentences
from .pages import page
from .profile import profile_title
from .templates import render
from .tiles import tile_grid

__all__ = ["index_page"]


def index_page(
    reports: Sequence[tuple[str, str, str, str]],
    articles: pd.DataFrame,
    figures: pd.DataFrame,
    indicators: pd.DataFrame,
    panel: pd.DataFrame,
    series: pd.DataFrame,
    view: pd.DataFrame,
    tables: Sequence[tuple[str, str]],
) -> str:
    """The index page.

    ``reports`` are ``(file name, title, summary, province)`` (province empty for a report that
    is not a profile); ``tables`` are ``(file name, description)`` of ``outputs/tables/``.
    """
    main = [(f, t, s) for f, t, s, province in reports if not province]
    profiles = sorted((profile_title(province, articles), f) for f, _, _, province in reports if province)
    rows: list[dict[str, Cell]] = [
        {"report": (Link(title, file),), "what it answers": summary} for file, title, summary in main
    ]
    if profiles:
        listed: list = []
        for label, file in profiles:
            listed += [", "] if listed else []
            listed.append(Link(label, file))
        rows.insert(
            min(2, len(rows)),
            {
                "report": "Province profiles",
                "what it answers": (
                    "What the articles say about one province, and where it stands among the others: ",
                    *listed,
                    ".",
                ),
            },
        )
    counts = figures.groupby("article_id").size()
    ordered = articles.sort_values(["province", "published"])
    article_rows: list[dict[str, Cell]] = [
        {
            "province": place_label(a.province, a.borders),
            "article": (Link(a.title or a.article_id, f"../articles/{a.article_id}.html"),),
            "published": a.published,
            "figures": str(int(counts.get(a.article_id, 0))),
            "source": (Link("source", a.source),) if str(a.source).startswith(("http://", "https://")) else a.source,
        }
        for a in ordered.itertuples()
    ]
    table_rows: list[dict[str, Cell]] = [
        {"table": (Link(name, f"../tables/{name}"),), "what it holds": description} for name, description in tables
    ]
    tiles = tile_grid({province: f for f, _, _, province in reports if province}, articles, panel)
    body = render(
        "index.html.j2",
        corpus=corpus_sentence(articles, figures),
        tiles=tiles,
        sentences=key_sentences(indicators, panel, series, view, articles),
        reports=Table(
            pd.DataFrame(main, columns=["file", "title", "summary"]),
            rows,
            ["report", "what it answers"],
            searchable=False,
        ).html(),
        articles=Table(
            ordered,
            article_rows,
            ["province", "article", "published", "figures", "source"],
            numeric=["figures"],
            empty="No article.",
        ).html(),
        tables=Table(
            pd.DataFrame(tables, columns=["table", "description"]),
            table_rows,
            ["table", "what it holds"],
            searchable=False,
        ).html(),
    )
    return page("Cooperatives in Vietnamese provincial news: reports", body)
