"""The index of a run: what the corpus holds, the key comparisons, each report with what it answers."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .html import esc, link, table
from .labels import place_label
from .overview import corpus_sentence, key_sentences
from .pages import page
from .profile import profile_title

__all__ = ["index_page"]


def index_page(reports: Sequence[tuple[str, str, str, str]], articles: pd.DataFrame, figures: pd.DataFrame,
               indicators: pd.DataFrame, panel: pd.DataFrame, series: pd.DataFrame, view: pd.DataFrame,
               tables: Sequence[tuple[str, str]]) -> str:
    """The index page.

    ``reports`` are ``(file name, title, summary, province)`` (province empty for a report that
    is not a profile); ``tables`` are ``(file name, description)`` of ``outputs/tables/``.
    """
    sentences = "".join(f"<li>{esc(s)}</li>" for s in key_sentences(indicators, panel, series, view, articles))
    main = [(f, t, s) for f, t, s, province in reports if not province]
    profiles = sorted((profile_title(province, articles), f) for f, _, _, province in reports if province)
    rows = [{"report": link(title, file), "what it answers": esc(summary)} for file, title, summary in main]
    if profiles:
        rows.insert(2 if len(rows) > 2 else len(rows), {
            "report": "Province profiles",
            "what it answers": "What the articles say about one province, and where it stands among the others: "
                               + ", ".join(link(label, file) for label, file in profiles) + "."})
    counts = figures.groupby("article_id").size()
    article_rows = [{
        "province": esc(place_label(a.province, a.borders)),
        "article": link(a.title or a.article_id, f"../articles/{a.article_id}.html"),
        "published": esc(a.published),
        "figures": str(int(counts.get(a.article_id, 0))),
        "source": link("source", a.source) if str(a.source).startswith(("http://", "https://")) else esc(a.source),
    } for a in articles.sort_values(["province", "published"]).itertuples()]
    table_rows = [{"table": link(name, f"../tables/{name}"), "what it holds": esc(description)}
                  for name, description in tables]
    body = (
        "<h1>Cooperatives and the collective economy in Vietnamese provincial news</h1>"
        f"<p class=\"lead\">{esc(corpus_sentence(articles, figures))} Every number links to the sentence it comes "
        "from; bounds (\"over 650\", \"nearly 407 million\") and ranges stay bounds and ranges throughout.</p>"
        f"<div class=\"summary\"><h2>What the articles say</h2><ul>{sentences}</ul></div>"
        "<h2>Reports</h2>" + table(rows, ["report", "what it answers"], searchable=False).data
        + "<h2>Articles</h2>" + table(article_rows, ["province", "article", "published", "figures", "source"],
                                        numeric=["figures"]).data
        + "<h2>Tables</h2><p>For programs: the tables are a Frictionless data package, "
          + link("datapackage.json", "../tables/datapackage.json")
          + ", which gives every column's type, description and unit, and the articles as sources.</p>"
        + table(table_rows, ["table", "what it holds"], searchable=False).data)
    return page("Cooperatives in Vietnamese provincial news: reports", body)
