"""The data-quality report: corrected readings with their reason, review effort with its totals."""

from __future__ import annotations

import pandas as pd

from coopanalysis import load_figures
from coopanalysis.reports.quality import coverage_table, flagged_table, reviews_table, uncertain_table


def test_corrected_readings_show_the_text_the_reading_and_why():
    html = flagged_table(load_figures(), article_links="../a/").html()
    assert "<q>the province has 1,981 cooperatives</q>" in html and "<td>Cooperative groups</td>" in html
    assert "read as cooperative_groups" not in html  # the reason alone: the reading has its own column


def test_review_effort_ends_with_the_totals():
    reviews = pd.DataFrame(
        [
            {
                "corpus": "c",
                "article_id": "a",
                "proposed": 10,
                "kept": 6,
                "corrected": 3,
                "deleted": 1,
                "added": 2,
                "pending": 0,
                "corrected_measure": 2,
                "corrected_period": 1,
                "corrected_scope": 0,
            },
            {
                "corpus": "c",
                "article_id": "b",
                "proposed": 4,
                "kept": 4,
                "corrected": 0,
                "deleted": 0,
                "added": 0,
                "pending": 0,
                "corrected_measure": 0,
                "corrected_period": 0,
                "corrected_scope": 0,
            },
        ]
    )
    html = reviews_table(reviews).html()
    assert (
        '<td><strong>all</strong></td><td class="num"><strong>14</strong></td><td class="num"><strong>10</strong>'
    ) in html
    assert "<td>measure 2, period 1</td>" in html and "<td>measure 2, period 1, scope 0</td>" not in html
    assert "nothing to measure" in reviews_table(reviews.iloc[0:0]).html()


def test_bounds_are_listed_as_stated():
    figures = load_figures()
    uncertain = uncertain_table(figures, article_links="../a/")
    assert "<td>lower bound</td><td>more than 2,800</td>" in uncertain.html()
    assert set(uncertain.data["qualifier"]) <= {"more_than", "at_least", "less_than", "at_most", "range", "about"}
    assert set(uncertain_table(figures, "Quang Ninh").data["province"]) == {"Quang Ninh"}


def test_coverage_counts_are_data():
    coverage = coverage_table(load_figures()).data
    assert coverage["figures"].sum() == len(load_figures()) and (coverage["numbers not accounted for"] == 0).all()
    assert coverage["figures"].dtype.kind == "i"


def test_review_effort_shows_the_minutes_only_of_timed_reviews():
    reviews = pd.DataFrame(
        [
            {
                "corpus": "c",
                "article_id": "a",
                "proposed": 10,
                "kept": 6,
                "corrected": 3,
                "deleted": 1,
                "added": 2,
                "pending": 0,
                "minutes": 12.5,
                "started": "2025-03-01T09:00:00Z",
                "ended": "2025-03-01T09:12:30Z",
            },
            {
                "corpus": "c",
                "article_id": "b",
                "proposed": 4,
                "kept": 4,
                "corrected": 0,
                "deleted": 0,
                "added": 0,
                "pending": 0,
                "minutes": float("nan"),
                "started": None,
                "ended": None,
            },
        ]
    )
    html = reviews_table(reviews).html()
    assert '<td class="num">12.5</td>' in html and '<td class="num"></td>' in html  # an untimed review is no 0
    assert "<strong>12.5</strong> (1 timed)" in html
