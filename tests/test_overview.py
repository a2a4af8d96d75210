"""The index's sentences, generated from the data of the seeds."""

from __future__ import annotations

from coopanalysis import (
    compute_indicators,
    figure_panel,
    load_articles,
    load_figures,
    provinces_2025_view,
    series_across_articles,
)
from coopanalysis.reports.overview import corpus_sentence, key_sentences


def test_the_corpus_in_one_sentence():
    figures, articles = load_figures(), load_articles()
    bounded = int((figures["qualifier"] != "exact").sum())
    assert corpus_sentence(articles, figures) == (
        f"5 articles about 5 provinces, published 2012 to 2024-07-31; {len(figures)} figures, {bounded} of them "
        f"bounds, ranges or approximations, {int((figures['flag'] != '').sum())} read otherwise than the text says."
    )


def test_key_comparisons_say_bounds_and_what_is_not_comparable():
    figures, articles = load_figures(), load_articles()
    panel = figure_panel(figures)
    sentences = key_sentences(
        compute_indicators(figures), panel, series_across_articles(panel, figures), provinces_2025_view(panel), articles
    )
    # No article counts members of cooperatives alone (each also counts groups or unions): members per
    # cooperative is withheld, never headlined, and members per organization says what it counts.
    assert not any(s.startswith("Members per cooperative") for s in sentences)
    members = next(s for s in sentences if s.startswith("Members per collective organization"))
    # Largest first; bounds in words: "more than 28,500 / (165 + 1)" is at least 171.7.
    assert members == (
        f"Members per collective organization: Trà Vinh at least {28500 / 166:.1f} (Jul 2023; counting "
        f"cooperatives and cooperative unions); Quảng Ninh at most {44377 / (650 + 146):.1f} (May 2024; counting "
        "cooperatives and cooperative "
        f"groups); Quảng Trị {82256 / (341 + 1981 + 2):.1f} (Feb 2024; counting cooperatives, cooperative groups and "
        "cooperative unions). Values on different bases are not comparable."
    )
    shares = next(s for s in sentences if s.startswith("New cooperatives as a share"))
    assert shares == (
        "New cooperatives as a share of all cooperatives: Lạng Sơn 46.1% (2021–2024; over 4 years); "
        "Trà Vinh 4.8% (first half of 2023; over 6 months); Quảng Trị 4.7% (2023; over 1 year). "
        "Values on different bases are not comparable."
    )
    merger = next(s for s in sentences if s.startswith("The July 2025 merger"))
    assert merger.startswith("The July 2025 merger changed 2 of these provinces (Quảng Trị, Trà Vinh).")
