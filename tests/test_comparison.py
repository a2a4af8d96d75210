"""The cross-province report: headline values with their basis, one section per topic with values."""

from __future__ import annotations

from coopanalysis import INDICATORS, compute_indicators, load_articles, load_figures
from coopanalysis.reports.comparison import overview_table, topic_sections

PROVINCES = ["Lang Son", "Nghe An", "Quang Ninh", "Quang Tri", "Tra Vinh"]


def test_the_overview_writes_each_value_with_its_period_and_basis():
    figures = load_figures()
    html = overview_table(compute_indicators(figures), figures, [i.name for i in INDICATORS], PROVINCES, "../a/").data
    # Nghe An's loans of 1992-2000 are in VND of another plan period than Lang Son's of 2021-2024.
    assert 'VND of 1996–2000' in html and 'VND of 2021–2025' in html
    assert "<td>Trà Vinh (now part of Vĩnh Long)</td>" in html
    assert f"at least {28500 / 166:.1f} <span class=\"when\">(Jul 2023)</span>" in html


def test_topics_without_values_are_left_out():
    figures = load_figures()
    html = topic_sections(compute_indicators(figures), figures, load_articles(), ["loans_per_project"], PROVINCES,
                          "../a/").data
    assert html.startswith("<h2>Loans per project and per borrower</h2><h3>Loan amount per project</h3>")
    assert "<figure" not in html  # one value (Quang Tri): a table row, no chart
    assert html.count("<h2>") == 1
