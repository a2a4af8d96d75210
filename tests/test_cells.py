"""Table cells as data: pieces that read the same as text and as HTML, escaped by the templates."""

from __future__ import annotations

from coopanalysis.reports.cells import BREAK, Link, Quote, Small, Value, cell_text, line, lines, quote_links
from coopanalysis.reports.display import Table


def test_quote_links_number_the_sources_with_the_figure_as_tooltip():
    links = quote_links(
        ["lang-son-2024-f01", "", "lang-son-2024-f02"],
        {"lang-son-2024-f01": "lang-son-2024", "lang-son-2024-f02": "lang-son-2024"},
        "../articles/",
    )
    assert links == (
        Link("[1]", "../articles/lang-son-2024.html#lang-son-2024-f01", "lang-son-2024-f01"),
        " ",
        Link("[2]", "../articles/lang-son-2024.html#lang-son-2024-f02", "lang-son-2024-f02"),
    )
    assert cell_text(links) == "[1] [2]"


def test_pieces_on_a_line_are_spaced_and_lines_break():
    cell = lines(line(Value("at least 650"), Small("May 2024", "when"), None, ""), line(Small("over 4 years", "basis")))
    assert cell == (Value("at least 650"), " ", Small("May 2024", "when"), BREAK, Small("over 4 years", "basis"))
    assert cell_text(cell) == "at least 650 (May 2024)\nover 4 years"
    assert (
        cell_text((Value("650", proposed=True), " ", Quote("over 650 cooperatives")))
        == "650 (proposed) “over 650 cooperatives”"
    )


def test_every_piece_is_escaped_in_html_and_plain_in_text():
    hostile = '<script>alert("x")</script> & co'
    table = Table(
        None,
        [
            {
                "a": (
                    Link(hostile, 'x.html#"><b>', hostile),
                    " ",
                    Quote(hostile, "q.html"),
                    BREAK,
                    Small(hostile, "when"),
                    " ",
                    Value(hostile, proposed=True),
                )
            }
        ],
        ["a"],
    )
    html = table.html()
    assert "<script>" not in html and "<b>" not in html
    assert (
        '<a href="x.html#&#34;&gt;&lt;b&gt;" title="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co">'
        "&lt;script&gt;"
    ) in html
    assert '<a href="q.html"><q>&lt;script&gt;' in html and '<br><span class="when">(&lt;script&gt;' in html
    assert '<span class="proposed" title="proposed by the extractor, not yet reviewed">proposed</span>' in html
    assert hostile in table.text()


def test_a_line_spreads_pieces_from_any_iterable_and_leaves_out_empty_ones():
    words = (Small(w, "basis") for w in ("over 4 years", "per cooperative"))  # a generator, not a tuple
    assert line(Value("650"), words, "", None, ()) == (
        Value("650"),
        " ",
        Small("over 4 years", "basis"),
        " ",
        Small("per cooperative", "basis"),
    )
