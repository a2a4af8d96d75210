"""What a report cell shows: a table over the DataFrame it shows, as HTML in a notebook and as text elsewhere."""

from __future__ import annotations

import pandas as pd
from IPython.core.formatters import DisplayFormatter

from coopanalysis import load_figures, readable
from coopanalysis.reports.cells import Link
from coopanalysis.reports.display import SEARCHABLE_ROWS, TEXT_ROWS, Paragraph, Section, Table


def test_a_table_has_no_index_and_numbers_right():
    data = pd.DataFrame({"province": ["Lang Son"], "value": [1263.0]})
    table = Table(data, [{"province": "Lang Son <b>", "value": "1,263"}], ["province", "value"], numeric=["value"])
    html = table.html()
    assert html.startswith(
        '<table class="coop"><thead><tr><th scope="col">province</th><th scope="col" class="num">value'
    )
    assert '<td>Lang Son &lt;b&gt;</td><td class="num">1,263</td>' in html and "<th" not in html.split("<tbody>")[1]
    assert table.data is data
    assert table.text().splitlines() == ["province        value", "------------  -------", "Lang Son <b>    1,263"]


def test_long_tables_are_searchable():
    rows = [{"a": str(n)} for n in range(SEARCHABLE_ROWS + 1)]
    assert Table(None, rows, ["a"]).html().startswith('<table class="coop searchable">')
    assert Table(None, rows[:SEARCHABLE_ROWS], ["a"]).html().startswith('<table class="coop">')


def test_an_empty_table_is_a_sentence():
    table = Table(pd.DataFrame(columns=["a"]), [], ["a"], empty="None: every figure is reviewed.")
    assert table.empty and table.html() == '<p class="none">None: every figure is reviewed.</p>'
    assert table.text() == "None: every figure is reviewed."
    assert (
        Section([], pd.DataFrame(), heading="Over time", empty="Nothing at two dates.").html()
        == '<h2>Over time</h2>\n<p class="none">Nothing at two dates.</p>'
    )


def test_a_notebook_gets_html_and_text_and_a_terminal_text():
    rows = [{"figure": (Link(f"f{n:02}", f"a.html#f{n:02}"),), "value": str(n)} for n in range(30)]
    table = Table(
        pd.DataFrame({"n": range(30)}),
        rows,
        ["figure", "value"],
        numeric=["value"],
        note=Paragraph("Values are counts.", css="note"),
    )
    shown, _ = DisplayFormatter().format(table)
    assert shown["text/html"] == str(table.html()) and shown["text/plain"] == repr(table) == str(table)
    text = table.text().splitlines()
    assert len(text) == 2 + TEXT_ROWS + 2 and text[2].split() == ["f00", "0"]
    assert text[-2:] == [f"… {30 - TEXT_ROWS} more rows (every one is in .data)", "Values are counts."]
    assert len(table.text(max_rows=None).splitlines()) == 2 + 30 + 1


def test_a_section_holds_its_parts_under_its_heading():
    part = Table(None, [{"a": "1"}], ["a"])
    section = Section(
        [Paragraph("Why."), part, Paragraph()], pd.DataFrame({"a": [1]}), heading="Key figures", level=3, anchor="key"
    )
    html = section.html()
    assert html.startswith('<h3 id="key">Key figures</h3>\n<p>Why.</p>\n<table class="coop">')
    assert section.text() == "### Key figures\n\nWhy.\n\na\n---\n1" and not section.empty


def test_readable_prints_a_plain_text_table_outside_jupyter():
    figures = load_figures()[["figure_id", "province", "value", "low", "high"]]
    shown = readable(figures)
    lines = str(shown).splitlines()
    assert lines[0].split() == ["figure_id", "province", "value", "low", "high"] and "Styler" not in str(shown)
    # Plain numbers: thousands separated, never an exponent; an empty bound is an empty cell.
    quang_ninh = next(
        line
        for line in readable(figures[figures["figure_id"] == "quang-ninh-2024-f04"]).text().splitlines()
        if line.startswith("quang-ninh")
    )
    assert quang_ninh.split() == ["quang-ninh-2024-f04", "Quang", "Ninh", "1,263,000,000,000"]  # value and high empty
    assert shown.data is figures and len(lines) == 2 + TEXT_ROWS + 1
    assert '<td class="num">1,263,000,000,000</td>' in readable(figures).html()
