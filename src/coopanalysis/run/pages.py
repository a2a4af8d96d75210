"""Write the pages and files of a run that are not notebooks: tables, charts, article pages, the index."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from ..articles.corpora import corpus_path
from ..articles.table import article_text
from ..base.writers import write_text
from ..indicators import INDICATORS
from ..reports.article_page import article_page
from ..reports.charts import chartable, indicator_chart
from ..reports.index_page import index_page
from .config import Job
from .datapackage import table_descriptions
from .tables import build_tables

__all__ = ["write_static"]


def write_static(build: Path, figures, indicators, articles, jobs: Sequence[Job], corpora) -> None:
    """Tables, charts, article pages and the index: everything that is not a notebook (``indicators``
    are those of ``figures``)."""
    tables = build_tables(build, figures, indicators, articles, corpora)
    charts = build / "charts"
    shutil.rmtree(charts, ignore_errors=True)
    for indicator in INDICATORS:  # one chart per indicator that two values or more make worth drawing
        if chartable(indicators, indicator.name):
            indicator_chart(indicators, indicator.name, articles=articles).save(charts / f"{indicator.name}.png")
    written = {job.name: f"{job.name}.html" for job in jobs if (build / "reports" / f"{job.name}.html").is_file()}
    pages = build / "articles"
    shutil.rmtree(pages, ignore_errors=True)
    by_article = dict(list(figures.groupby("article_id", sort=False)))  # one pass, not a filter per article
    for article in articles.to_dict("records"):
        text = article_text(article["file"], corpus_path(article["corpus"]))
        write_text(pages / f"{article['article_id']}.html",
                   article_page(article, text, by_article.get(article["article_id"], figures.iloc[:0]), written))
    reports = [(f"{job.name}.html", job.title, job.summary, job.parameters.get("province", "") if job.name != job.report else "")
               for job in jobs if job.name in written]
    descriptions = table_descriptions()
    listed = [(name, descriptions[name]) for name in tables]
    listed.append(("datapackage.json", "The Frictionless data package: every table's columns described."))
    write_text(build / "reports" / "index.html",
               index_page(reports, articles, figures, indicators, tables["panel.csv"], tables["series.csv"],
                          tables["provinces_2025_view.csv"], listed))
