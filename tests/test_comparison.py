"""The cross-province report: headline values with their basis, one section per topic with values."""

from __future__ import annotations

from coopanalysis import compute_indicators, load_articles, load_figures
from coopanalysis.reports.comparison import overview_table, topic_sections

PROVINCES = ["Lang Son", "Nghe An", "Quang Ninh", "Quang Tri", "Tra Vinh"]


def test_the_overview_writes_each_value_with_its_period_and_basis():
    figures = load_figures()
    overview = overview_table(compute_indicators(figures), figures, PROVINCES, article_links="../a/")
    html = overview.html()
    # Nghe An's loans of 1992-2000 are in VND of another plan period than Lang Son's of 2021-2024.
    assert "VND of 1996–2000" in html and "VND of 2021–2025" in html
    assert "<td>Trà Vinh (now part of Vĩnh Long)</td>" in html
    assert f'at least {28500 / 166:.1f} <span class="when">(Jul 2023)</span>' in html
    # Its data is the wide table of the provinces shown, with the numbers unformatted.
    assert overview.data["province"].tolist() == PROVINCES
    assert overview.data.set_index("province").loc["Tra Vinh", "members_per_organization_low"] == 28500 / 166


def test_topics_without_values_are_left_out():
    figures = load_figures()
    sections = topic_sections(
        compute_indicators(figures),
        figures,
        load_articles(),
        PROVINCES,
        names=["loans_per_project"],
        article_links="../a/",
    )
    html = sections.html()
    assert html.startswith("<h2>Loans per project and per borrower</h2>\n<h3>Loan amount per project</h3>")
    assert "<figure" not in html  # one value (Quang Tri): a table row, no chart
    assert html.count("<h2>") == 1 and sections.data["indicator"].tolist() == ["loans_per_project"]
    nothing = topic_sections(
        compute_indicators(figures), figures, load_articles(), ["Nghe An"], names=["loans_per_project"]
    )
    assert nothing.text() == "No indicator value for this selection."
