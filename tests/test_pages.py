"""Self-contained pages: no other host, search inlined only where a table needs it, links back from articles."""

from __future__ import annotations

import re

import pandas as pd

from coopanalysis import load_articles, load_figures
from coopanalysis.articles.table import article_text
from coopanalysis.reports.article_page import article_page, marked_segments
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
    reports = {
        "01-article-figures": "01-article-figures.html",
        "03-province-profile-vinh-long": "03-province-profile-vinh-long.html",
    }
    html = article_page(
        article, article_text(article["file"]), figures[figures["article_id"] == "tra-vinh-2023"], reports
    )
    assert '<a href="../reports/index.html">All reports</a>' in html
    # Profiles are of the 34 provinces: Tra Vinh's article links to its successor's, and names its own province.
    assert (
        '<a href="../reports/03-province-profile-vinh-long.html#Every-figure">'
        "Profile: Trà Vinh (now part of Vĩnh Long)</a>" in html
    )
    assert '<a href="../reports/01-article-figures.html#tra-vinh-2023">' in html
    assert html.count('<span class="anchor" id="tra-vinh-2023-f') == 11 and not _external(html)


def test_an_article_page_marks_each_quote_once_with_its_number_emphasised():
    text = "In 2023 the province had 165 cooperatives and 28,500 members."
    figures = (
        load_figures()
        .iloc[:2]
        .assign(
            figure_id=["a-f01", "a-f02"],
            article_id="a",
            start=[8, 8],
            end=[41, 60],
            number_start=[25, 46],
            number_end=[28, 52],
        )
    )
    segments = marked_segments(text, figures)
    assert "".join(s["text"] for s in segments) == text
    assert [(s["text"], s["mark"], s["title"]) for s in segments if s["mark"]] == [
        ("the province had ", "mark", "a-f01 a-f02"),
        ("165", "number", "a-f01 a-f02"),
        (" cooperatives", "mark", "a-f01 a-f02"),
        (" and ", "mark", "a-f02"),
        ("28,500", "number", "a-f02"),
        (" members", "mark", "a-f02"),
    ]
    assert [s["anchors"] for s in segments if s["anchors"]] == [["a-f01", "a-f02"]]
    html = article_page(
        pd.Series(
            {
                "article_id": "a",
                "province": "Lang Son",
                "borders": "",
                "province_basis": "x",
                "published": "2023",
                "published_basis": "y",
                "source": "<b>",
                "file": "a.txt",
                "title": "A <title>",
            }
        ),
        text,
        figures,
        {},
    )
    assert (
        '<span class="anchor" id="a-f01"></span><span class="anchor" id="a-f02"></span><mark title="a-f01 a-f02">'
        in html
    )
    assert '<mark class="number" title="a-f02">28,500</mark>' in html
    assert "<h1>A &lt;title&gt;</h1>" in html and "<dd>&lt;b&gt;</dd>" in html
