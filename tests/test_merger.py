"""The 34-province view: sums only where every former province states a figure, else partial."""

from __future__ import annotations

import math

import pytest

from conftest import build_corpus
from coopanalysis import figure_panel, load_figures, provinces_2025_view


def _counts(article_id, province, published, cooperatives, income=None, **extra):
    text = f"By the end of 2023 the province had {cooperatives} cooperatives."
    figures = [{"quote": text, "number": cooperatives, "measure": "cooperatives", "kind": "level", "period": "2023"}]
    if income:
        sentence = f" Members earn {income} million VND per month."
        text += sentence
        figures.append(
            {
                "quote": sentence.strip(),
                "number": income,
                "measure": "avg_income_per_worker",
                "kind": "level",
                "period": "2023",
            }
        )
    return {"id": article_id, "province": province, "published": published, "text": text, "figures": figures, **extra}


def _view(tmp_path, articles):
    return provinces_2025_view(figure_panel(load_figures(build_corpus(tmp_path / "corpus", articles))))


def test_every_former_province_stated_gives_the_sum(tmp_path):
    view = _view(
        tmp_path,
        [
            _counts("tv", "Tra Vinh", "2024-02", "165", income="6"),
            _counts("bt", "Ben Tre", "2024-03", "300", income="5"),
            _counts("vl", "Vinh Long", "2024-01", "200"),
        ],
    )
    (row,) = view.itertuples()  # income is an average: never summed
    assert (row.province_2025, row.measure, row.period, row.status) == ("Vinh Long", "cooperatives", "2023", "complete")
    assert (row.value, row.low, row.high) == (165 + 300 + 200,) * 3
    assert row.stated_for == "Ben Tre; Tra Vinh; Vinh Long" and row.missing == ""


def test_a_missing_former_province_leaves_a_named_lower_bound(tmp_path):
    view = _view(tmp_path, [_counts("tv", "Tra Vinh", "2024-02", "165"), _counts("vl", "Vinh Long", "2024-01", "200")])
    (row,) = view.itertuples()
    assert row.status == "partial" and row.missing == "Ben Tre"
    assert row.low == 165 + 200 and math.isnan(row.value) and math.isnan(row.high)


def test_the_merged_province_stated_after_the_merger_stands_apart(tmp_path):
    text = "Last year the province set up 35 new co-operatives, taking the total to 640."
    merged = {
        "id": "vl-2026",
        "province": "Vinh Long",
        "published": "2026-03-11",
        "text": text,
        "figures": [{"quote": text, "number": "640", "measure": "cooperatives", "kind": "level", "period": "2023"}],
    }
    view = _view(tmp_path, [_counts("tv", "Tra Vinh", "2024-02", "165"), merged])
    assert view[["status", "low"]].values.tolist() == [["merged province", 640], ["partial", 165]]


def test_a_province_the_merger_left_alone_is_unchanged(tmp_path):
    (row,) = _view(tmp_path, [_counts("qn", "Quang Ninh", "2024-07-31", "650")]).itertuples()
    assert (row.province_2025, row.status, row.value) == ("Quang Ninh", "unchanged", 650)


def test_national_figures_stay_out(tmp_path):
    assert _view(tmp_path, [_counts("nat", "national", "2024-01", "26,040")]).empty


def test_a_2025_article_must_say_which_borders_it_means(tmp_path):
    from coopanalysis import SeedError

    with pytest.raises(SeedError, match="published 2025 does not say whether Khanh Hoa means"):
        _view(tmp_path, [_counts("kh", "Khanh Hoa", "2025", "371")])
    (row,) = _view(tmp_path / "stated", [_counts("kh", "Khanh Hoa", "2025", "371", borders="post-merger")]).itertuples()
    assert (row.status, row.former_provinces) == ("merged province", "Khanh Hoa; Ninh Thuan")
