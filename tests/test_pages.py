"""Self-contained pages: no other host, search inlined only where a table needs it, links back from articles."""

from __future__ import annotations

import re

from coopanalysis import load_articles, load_figures
from coopanalysis.articles.table import article_text
from coopanalysis.reports.article_page import article_page
from coopanalysis.reports.pages import page


def _external(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', html)


def test_a_page_without_long_tables_has_no_script():
    html = page("T", '<table class="coop"><tr><td>1</td></tr></table>')
    assert "<script" not in html and not _external(html)


def test_a_page_with_a_long_table_inlines_the_search():
    html = page("T", '<table class="coop searchable"><tr><td>1</td></tr></table>')
    assert 'id="datatables-bundle"' in html and "new DataTable(table" in html and not _external(html)


def test_an_article_page_links_back_to_the_reports():
    articles, figures = load_articles(), load_figures()
    article = articles.set_index("article_id", drop=False).loc["tra-vinh-2023"]
    reports = {"01-article-figures": "01-article-figures.html",
               "03-province-profile-tra-vinh": "03-province-profile-tra-vinh.html"}
    html = article_page(article, article_text(article["file"]), figures[figures["article_id"] == "tra-vinh-2023"], reports)
    assert '<a href="../reports/index.html">All reports</a>' in html
    assert '<a href="../reports/03-province-profile-tra-vinh.html#figures">Profile: Trà Vinh (now part of Vĩnh Long)</a>' in html
    assert '<a href="../reports/01-article-figures.html#tra-vinh-2023">' in html
    assert html.count('<span class="anchor" id="tra-vinh-2023-f') == 11 and not _external(html)
