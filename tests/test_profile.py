"""A province profile: headed by the province, its own figures first, empty sections left out whole."""

from __future__ import annotations

import pytest

from coopanalysis import compute_indicators, figure_panel, load_articles, load_figures, series_across_articles
from coopanalysis.reports import profile
from coopanalysis.reports.across import merger_comparison

LINKS = "../outputs/articles/"


@pytest.fixture(scope="module")
def data():
    figures = load_figures()
    return figures, load_articles(), compute_indicators(figures)


def test_the_heading_names_the_province_and_its_successor(data):
    figures, articles, _ = data
    heading = profile.profile_heading("Tra Vinh", figures, articles, LINKS).data
    assert heading.startswith("<h1>Trà Vinh (now part of Vĩnh Long)</h1>")
    assert "from 1 article published 2023-07: 11 figures, 1 of them bounds, ranges or approximations." in heading


def test_key_figures_are_the_latest_province_wide_levels(data):
    figures, _, _ = data
    key = profile.key_figures(figure_panel(figures), figures, "Quang Ninh", LINKS).data
    assert "<h2>Key figures</h2>" in key and "at least 650" in key  # "over 650 cooperatives"
    assert "<h2>Targets</h2>" not in key  # the Quang Ninh article sets none


def test_sections_with_nothing_to_show_are_left_out_whole(data):
    figures, articles, indicators = data
    assert profile.caveats(figures, "Nghe An", LINKS).data.startswith("<h2>Caveats</h2>")  # a garbled count
    panel = figure_panel(figures)
    assert profile.over_time(series_across_articles(panel, figures), panel, figures, "Nghe An", LINKS).data == ""
    assert merger_comparison(None, None, figures, "Nghe An", LINKS).data == ""  # unchanged by the merger
    assert profile.standing(indicators, articles, "Nghe An").data.startswith("<h2>Where Nghệ An stands</h2>")


def test_every_figure_of_the_province_is_listed_under_an_anchor(data):
    figures, _, _ = data
    listed = profile.all_figures(figures, "Quang Tri", LINKS).data
    assert listed.startswith('<h2 id="figures">Every figure</h2>')
    assert listed.count('href="../outputs/articles/quang-tri-2024.html#quang-tri-2024-f') >= 2 * 17


def test_every_section_takes_the_province_in_any_spelling():
    figures, articles = load_figures(), load_articles()
    for spelling in ("Trà Vinh", "tra vinh province", "TRA VINH"):
        assert profile.profile_heading(spelling, figures, articles, LINKS).data == \
            profile.profile_heading("Tra Vinh", figures, articles, LINKS).data
        assert profile.all_figures(figures, spelling, LINKS).data == profile.all_figures(figures, "Tra Vinh", LINKS).data
