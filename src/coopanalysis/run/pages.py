"""Write the pages and files of a run that are not notebooks: tables, charts, article pages, the index."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from ..analysis.build import Analysis
from ..articles.snapshot import Snapshot
from ..base.text import normalize_text
from ..base.writers import write_text
from ..indicators import INDICATORS
from ..reports.article_page import article_page
from ..reports.charts import chartable, indicator_chart
from ..reports.index_page import index_page
from .config import Job
from .datapackage import table_descriptions
from .tables import build_tables

__all__ = ["write_static"]


def write_static(build: Path, analysis: Analysis, read: Snapshot, jobs: Sequence[Job]) -> None:
    """Tables, charts, article pages and the index, from the analysis and the texts of the snapshot it was made from."""
    figures, indicators, articles = analysis.figures, analysis.indicators, analysis.articles
    tables = build_tables(build, analysis)
    charts = build / "charts"
    shutil.rmtree(charts, ignore_errors=True)
    for indicator in INDICATORS:  # one chart per indicator that two values or more make worth drawing
        if chartable(indicators, indicator.name):
            indicator_chart(indicators, indicator.name, articles=articles).save(charts / f"{indicator.name}.png")
    written = {job.name: f"{job.name}.html" for job in jobs if (build / "reports" / f"{job.name}.html").is_file()}
    pages = build / "articles"
    shutil.rmtree(pages, ignore_errors=True)
    corpora = {corpus.name: corpus for corpus in read.corpora}
    by_article = dict(list(figures.groupby("article_id", sort=False)))  # one pass, not a filter per article
    for article in articles.to_dict("records"):
        # The text as the snapshot holds it: the bytes checked, not the file as it may be now.
        stored = corpora[article["corpus"]].data(f"articles/{article['file']}")
        assert stored is not None  # the snapshot checked and holds every article of the table
        text = normalize_text(stored.decode("utf-8"))
        write_text(
            pages / f"{article['article_id']}.html",
            article_page(article, text, by_article.get(article["article_id"], figures.iloc[:0]), written),
        )
    reports = [
        (
            f"{job.name}.html",
            job.title,
            job.summary,
            job.parameters.get("province", "") if job.name != job.report else "",
        )
        for job in jobs
        if job.name in written
    ]
    descriptions = table_descriptions()
    listed = [(name, descriptions[name]) for name in tables]
    listed.append(("datapackage.json", "The Frictionless data package: every table's columns described."))
    write_text(
        build / "reports" / "index.html",
        index_page(
            reports,
            articles,
            figures,
            indicators,
            tables["panel.csv"],
            tables["series.csv"],
            tables["provinces_2025_view.csv"],
            listed,
        ),
    )
