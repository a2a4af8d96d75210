"""The panel across articles: one row per statistic, agreement within bounds, conflicts kept and listed."""

from __future__ import annotations

import math

import pytest

from conftest import build_corpus
from coopanalysis import conflicts, figure_panel, load_figures

# Sentences in the words of the news corpus' Quang Ninh and national articles.
STORY = "Quang Ninh leads the nation with 565 OCOP products, including 193 three-star products."
REPUBLISHED = "The OCOP products of Quang Ninh number 565, among them 193 three-star products."
OTHER_COUNT = "Quang Ninh now has 600 OCOP products."


def _ocop(article_id: str, text: str, published: str, products: str) -> dict:
    figures = [{"quote": text, "number": products, "measure": "ocop_products", "kind": "level", "period": "2023-11"}]
    return {"id": article_id, "province": "Quang Ninh", "published": published, "text": text, "figures": figures}


def _panel(tmp_path, articles):
    figures = load_figures(build_corpus(tmp_path / "corpus", articles))
    return figures, figure_panel(figures)


def test_a_republished_story_is_one_statistic_counted_once(tmp_path):
    figures, panel = _panel(
        tmp_path,
        [_ocop("qn-story", STORY, "2023-11-11", "565"), _ocop("qn-republished", REPUBLISHED, "2023-11-30", "565")],
    )
    (row,) = panel.itertuples()
    assert (row.status, row.value, row.low, row.high, row.n_articles) == ("agree", 565, 565, 565, 2)
    assert row.figures == "qn-republished-f01;qn-story-f01"
    assert conflicts(figures, panel).empty


def test_two_articles_that_disagree_are_both_kept_and_listed(tmp_path):
    figures, panel = _panel(
        tmp_path, [_ocop("qn-story", STORY, "2023-11-11", "565"), _ocop("qn-other", OTHER_COUNT, "2023-11-20", "600")]
    )
    (row,) = panel.itertuples()
    assert row.status == "conflict"
    assert math.isnan(row.value) and math.isnan(row.low) and math.isnan(row.high)  # nothing is picked
    listed = conflicts(figures, panel)
    assert listed["figure_id"].tolist() == ["qn-story-f01", "qn-other-f01"]  # ordered by value: 565, then 600
    assert listed["quote"].tolist() == [STORY, OTHER_COUNT]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # "over 20,000" allows 23,000: the statistic is 23,000.
        (
            "Currently, Vietnam has over 20,000 cooperatives.",
            "There are 23,000 cooperatives nationwide.",
            (23000, 23000, 23000),
        ),
        # "over 20,000" and "nearly 21,000": only the range both allow is known.
        (
            "Currently, Vietnam has over 20,000 cooperatives.",
            "The country has nearly 21,000 cooperatives.",
            (math.nan, 20000, 21000),
        ),
    ],
)
def test_bounds_of_two_articles_are_intersected(tmp_path, first, second, expected):
    def article(article_id, text):
        number = next(word for word in text.split() if word[0].isdigit())
        return {
            "id": article_id,
            "province": "national",
            "published": "2019-07-20",
            "text": text,
            "figures": [
                {"quote": text, "number": number, "measure": "cooperatives", "kind": "level", "period": "2019-07"}
            ],
        }

    _, panel = _panel(tmp_path, [article("nat-a", first), article("nat-b", second)])
    (row,) = panel.itertuples()
    assert row.status == "agree"
    assert [row.value, row.low, row.high] == pytest.approx(list(expected), nan_ok=True)


def test_an_article_stating_two_values_for_one_key_is_never_compared(tmp_path):
    text = "The fund lent 6.5 billion VND to cooperatives and 4 billion VND to cooperative groups."
    figures = [
        {"quote": text, "number": number, "measure": "loans_disbursed", "kind": "level", "period": "2023"}
        for number in ("6.5", "4")
    ]
    _, panel = _panel(
        tmp_path, [{"id": "ls-loans", "province": "Lang Son", "published": "2024", "text": text, "figures": figures}]
    )
    (row,) = panel.itertuples()
    assert row.status == "several in one article" and math.isnan(row.value)


def test_a_definition_keeps_a_subset_apart_and_other_is_left_out(tmp_path):
    text = "Among them, 70 agricultural cooperatives have 153 OCOP products; 7 goals are set."
    figures = [
        {
            "quote": text,
            "number": "153",
            "measure": "ocop_products",
            "kind": "level",
            "period": "2024-07",
            "definition": "of the 70 agricultural cooperatives",
        },
        {
            "quote": text,
            "number": "70",
            "measure": "ocop_agricultural_cooperatives",
            "kind": "level",
            "period": "2024-07",
        },
        {"quote": text, "number": "7", "measure": "other", "kind": "level", "period": "2024-07"},
    ]
    _, panel = _panel(
        tmp_path,
        [
            _ocop("qn-story", STORY, "2023-11-11", "565"),
            {"id": "qn-2024", "province": "Quang Ninh", "published": "2024-07-31", "text": text, "figures": figures},
        ],
    )
    products = panel[panel["measure"] == "ocop_products"]
    assert products["definition"].tolist() == ["", "of the 70 agricultural cooperatives"]
    assert "other" not in set(panel["measure"])


def test_within_one_article_two_bounds_are_two_statistics(tmp_path):
    # Five programme targets "over 125", "over 50"... never merge into "at least 125".
    text = "Support over 125 cooperatives under one programme and over 50 cooperatives under another by 2025."
    figures = [
        {"quote": text, "number": number, "measure": "cooperatives_supported", "kind": "target", "period": "2021-2025"}
        for number in ("125", "50")
    ]
    _, panel = _panel(
        tmp_path, [{"id": "ls-plan", "province": "Lang Son", "published": "2024", "text": text, "figures": figures}]
    )
    (row,) = panel.itertuples()
    assert row.status == "several in one article" and math.isnan(row.low)


def test_a_proposal_never_agrees_with_or_overrides_a_reviewed_bound(tmp_path):
    # The reviewed "over VND 1,263 billion" stays a lower bound beside a proposal that read 1,263 exactly.
    reviewed = "The charter capital is over VND 1,263 billion."
    proposed = "Its charter capital reached VND 1,263 billion by May."

    def article(article_id, text, status):
        number = "1,263"
        return {
            "id": article_id,
            "province": "Quang Ninh",
            "published": "2024-05-31",
            "text": text,
            "figures": [
                {
                    "quote": text,
                    "number": number,
                    "measure": "charter_capital",
                    "kind": "level",
                    "period": "2024-05",
                    "status": status,
                }
            ],
        }

    corpus = build_corpus(
        tmp_path / "corpus",
        [article("qn-reviewed", reviewed, "reviewed"), article("qn-proposed", proposed, "unreviewed")],
    )
    panel = figure_panel(load_figures(corpus, proposals=True))
    (row,) = panel.itertuples()
    assert (row.status, row.figures, row.proposals_aside, row.reviewed) == (
        "one article",
        "qn-reviewed-f01",
        "qn-proposed-f01",
        True,
    )
    assert math.isnan(row.value) and row.low == 1263e9 and math.isnan(row.high)


def test_proposals_are_left_out_unless_asked_for_and_counted(tmp_path):
    text = "Quang Ninh has 565 OCOP products and 650 cooperatives."
    figures = [
        {"quote": text, "number": "565", "measure": "ocop_products", "kind": "level", "period": "2023-11"},
        {
            "quote": text,
            "number": "650",
            "measure": "cooperatives",
            "kind": "level",
            "period": "2023-11",
            "status": "unreviewed",
        },
    ]
    corpus = build_corpus(
        tmp_path / "corpus",
        [{"id": "qn", "province": "Quang Ninh", "published": "2023-11-11", "text": text, "figures": figures}],
    )
    reviewed = load_figures(corpus)
    assert reviewed["figure_id"].tolist() == ["qn-f01"] and reviewed.attrs["proposals_left_out"] == 1
    every = load_figures(corpus, proposals=True)
    assert every["reviewed"].tolist() == [True, False] and every.attrs["proposals_left_out"] == 0
    only_proposed = figure_panel(every).set_index("measure").loc["cooperatives"]
    assert not only_proposed["reviewed"] and only_proposed["value"] == 650


def test_a_translation_and_its_vietnamese_original_are_one_statistic_with_both_quotes(tmp_path):
    from coopanalysis.reports.figures_view import figures_table

    english = "By the end of 2023, Tra Vinh province had 165 cooperatives."
    original = "Đến cuối năm 2023, toàn tỉnh Trà Vinh có 165 hợp tác xã."

    def article(article_id, text):
        return {
            "id": article_id,
            "province": "Tra Vinh",
            "published": "2024-01-10",
            "text": text,
            "figures": [{"quote": text, "number": "165", "measure": "cooperatives", "kind": "level", "period": "2023"}],
        }

    figures, panel = _panel(tmp_path, [article("tv-en", english), article("tv-vi", original)])
    (row,) = panel.itertuples()
    assert (row.status, row.value, row.figures) == ("agree", 165, "tv-en-f01;tv-vi-f01")
    html = figures_table(figures, article_links="../a/").html()
    # The Vietnamese quote as written, beside its English reading.
    assert "<q>Đến cuối năm 2023, toàn tỉnh Trà Vinh có 165 hợp tác xã.</q>" in html and "Cooperatives" in html
