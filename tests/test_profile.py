"""A province profile: headed by the province, its own figures first, a sentence where a section has nothing."""

from __future__ import annotations

import pytest

from coopanalysis import compute_indicators, figure_panel, load_articles, load_figures, series_across_articles
from coopanalysis.reports import ParameterError, choose_province, profile
from coopanalysis.reports.across import merger_comparison

LINKS = "../outputs/articles/"


@pytest.fixture(scope="module")
def data():
    figures = load_figures()
    return figures, load_articles(), compute_indicators(figures)


def test_the_heading_names_the_province_and_its_successor(data):
    figures, articles, _ = data
    heading = profile.heading(figures, articles, "Tra Vinh", article_links=LINKS)
    assert heading.html().startswith('<p class="subject">Trà Vinh (now part of Vĩnh Long)</p>')
    assert "from 1 article published 2023-07: 11 figures, 1 of them bounds, ranges or approximations." in heading.text()
    assert heading.data["article_id"].tolist() == ["tra-vinh-2023"]


def test_key_figures_are_the_latest_province_wide_levels(data):
    figures, _, _ = data
    panel = figure_panel(figures)
    key = profile.key_figures(panel, figures, "Quang Ninh", article_links=LINKS)
    assert "at least 650" in key.html()  # "over 650 cooperatives"
    assert set(key.data["kind"]) == {"level"} and set(key.data["scope"]) == {"province"}
    assert key.data["measure"].is_unique  # one row per statistic: its latest value
    # The Quang Ninh article sets no target: a sentence, not an empty table.
    assert (
        profile.targets(panel, figures, "Quang Ninh", article_links=LINKS).html()
        == '<p class="none">The articles set no target for Quảng Ninh.</p>'
    )


def test_sections_with_nothing_to_show_say_so(data):
    figures, articles, indicators = data
    panel = figure_panel(figures)
    over = profile.over_time(series_across_articles(panel, figures), panel, figures, "Nghe An", article_links=LINKS)
    assert over.empty and over.text() == "No statistic of Nghệ An is stated at two dates."
    merger = merger_comparison(None, panel, figures, "Nghe An", article_links=LINKS)
    assert merger.text() == "The merger of July 2025 left Nghệ An as it was: its figures are its own."
    assert profile.flagged_table(figures, "Nghe An", article_links=LINKS).data["figure_id"].tolist() == [
        "nghe-an-2012-f07"
    ]
    # Trà Vinh's values are on bases no other province shares (its period, what it counts): nothing to stand beside.
    assert (
        profile.standing(indicators, articles, "Tra Vinh").text().startswith("No other province has a value comparable")
    )


def test_where_a_province_stands_is_one_chart_of_comparable_values(data):
    _, articles, indicators = data
    section = profile.standing(indicators, articles, "Lang Son")
    assert '<figure class="chart"><img alt="Where Lạng Sơn stands' in section.html()
    assert set(section.data["indicator"]) == {"avg_revenue_per_cooperative", "income_per_worker_month"}
    assert set(section.data["basis"]) == {"VND of 2021–2025"}


def test_every_figure_of_the_province_is_listed_with_its_quote(data):
    figures, _, _ = data
    listed = profile.all_figures(figures, "Quang Tri", article_links=LINKS)
    assert listed.html().count('href="../outputs/articles/quang-tri-2024.html#quang-tri-2024-f') >= 2 * 17
    assert len(listed.data) == (figures["province"] == "Quang Tri").sum()


def test_the_province_is_chosen_once_and_a_written_name_is_refused_with_the_key(data):
    figures, articles, _ = data
    province = choose_province("tỉnh Trà Vinh", sorted(set(articles["province"])))
    assert province == "Tra Vinh"
    assert profile.all_figures(figures, province).data.equals(
        figures[figures["province"] == "Tra Vinh"].sort_values("figure_id")
    )
    with pytest.raises(ParameterError, match="'Trà Vinh': reports take the key tables use, 'Tra Vinh'"):
        profile.all_figures(figures, "Trà Vinh")
