"""HTML cells for people: one header row, no index, numbers right, long tables searchable."""

from __future__ import annotations

from coopanalysis.reports.html import SEARCHABLE_ROWS, esc, nothing, quote_links, table


def test_a_table_has_no_index_and_marks_numeric_columns():
    html = table([{"province": esc("Lang Son <b>"), "value": "1,263"}], ["province", "value"], numeric=["value"]).data
    assert html.startswith('<table class="coop"><thead><tr><th scope="col">province</th><th scope="col" class=num>value')
    assert "<td>Lang Son &lt;b&gt;</td><td class=num>1,263</td>" in html and "<th>" not in html.split("<tbody>")[1]


def test_long_tables_are_searchable():
    rows = [{"a": str(n)} for n in range(SEARCHABLE_ROWS + 1)]
    assert table(rows, ["a"]).data.startswith('<table class="coop searchable">')
    assert table(rows[:SEARCHABLE_ROWS], ["a"]).data.startswith('<table class="coop">')


def test_quote_links_number_the_sources_and_nothing_is_a_sentence():
    links = quote_links(["lang-son-2024-f01", "lang-son-2024-f02"], {"lang-son-2024-f01": "lang-son-2024",
                                                                   "lang-son-2024-f02": "lang-son-2024"}, "../articles/")
    assert links == ('<a href="../articles/lang-son-2024.html#lang-son-2024-f01" title="lang-son-2024-f01">[1]</a> '
                     '<a href="../articles/lang-son-2024.html#lang-son-2024-f02" title="lang-son-2024-f02">[2]</a>')
    assert nothing("None.").data == '<p class="none">None.</p>'


def test_a_section_with_nothing_selected_says_so():
    from coopanalysis import load_articles, load_figures
    from coopanalysis.reports import figures_view

    articles = load_articles()
    assert figures_view.article_sections(load_figures(), articles.iloc[:0], "../articles/").data == \
        '<p class="none">No article.</p>'
    assert figures_view.article_sections(load_figures(), articles.iloc[:1], "../articles/").data.startswith("<h2")
