"""Across articles for readers: a former province beside its merged successor, one column per territory."""

from __future__ import annotations

from conftest import build_corpus
from coopanalysis import figure_panel, load_figures, provinces_2025_view
from coopanalysis.reports.across import conflicts_table, merger_comparison, series_table


def test_a_former_province_and_the_merged_one_are_separate_columns(tmp_path):
    old = "By the end of 2023 the province had 165 cooperatives."
    new = "Last year the province set up 35 new co-operatives, taking the total to 640."
    figures = load_figures(
        build_corpus(
            tmp_path / "c",
            [
                {
                    "id": "tv-2024",
                    "province": "Tra Vinh",
                    "published": "2024-02-06",
                    "text": old,
                    "figures": [
                        {"quote": old, "number": "165", "measure": "cooperatives", "kind": "level", "period": "2023"}
                    ],
                },
                {
                    "id": "vl-2026",
                    "province": "Vinh Long",
                    "published": "2026-03-11",
                    "text": new,
                    "figures": [
                        {"quote": new, "number": "640", "measure": "cooperatives", "kind": "level", "period": "2025"}
                    ],
                },
            ],
        )
    )
    panel = figure_panel(figures)
    section = merger_comparison(provinces_2025_view(panel), panel, figures, "Tra Vinh", article_links="../a/")
    html = section.html()
    assert '<th scope="col">Trà Vinh (former province)</th><th scope="col">Vĩnh Long (merged province)</th>' in html
    assert '165 <span class="when">(2023)</span>' in html and '640 <span class="when">(2025)</span>' in html
    assert "all former provinces, summed" not in html  # Ben Tre and Vinh Long state nothing for 2023
    assert sorted(section.data["value"]) == [165, 640]


def test_empty_tables_are_a_sentence():
    empty = load_figures().iloc[0:0]
    assert "None: where two articles state the same statistic" in conflicts_table(empty, article_links="../a/").html()
    panel = figure_panel(empty)
    assert (
        "No statistic is stated at two dates" in series_table(panel.iloc[0:0].assign(indicator=[]), panel, empty).html()
    )
