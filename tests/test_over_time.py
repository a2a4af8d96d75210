"""ca.series: one province's statistic over time, across articles, its former provinces apart."""

from __future__ import annotations

import pytest

import coopanalysis as ca
from conftest import build_corpus


def _count(article_id, province, published, cooperatives, period="2023", **extra):
    text = f"By the end of {period[:4]} the province had {cooperatives} cooperatives."
    return {
        "id": article_id,
        "province": province,
        "published": published,
        "text": text,
        "figures": [
            {
                "quote": text,
                "number": cooperatives.split()[-1],
                "measure": "cooperatives",
                "kind": "level",
                "period": period,
                **extra,
            }
        ],
    }


@pytest.fixture
def family(tmp_path):
    return ca.load_figures(
        build_corpus(
            tmp_path / "corpus",
            [
                _count("tv-2023", "Tra Vinh", "2024-02", "165"),
                _count("bt-2023", "Ben Tre", "2024-03", "300"),
                _count("tv-2021", "Tra Vinh", "2022-01", "over 140", period="2021"),
                _count("vl-2025", "Vinh Long", "2025-12-20", "640", period="2025"),
                _count("vl-2025-former", "Vinh Long", "2025-12-21", "200", period="2024", territory="former:Vinh Long"),
            ],
        )
    )


def test_a_province_of_the_34_gives_its_former_provinces_apart_never_summed(family):
    rows = ca.series("Vĩnh Long", "cooperatives", family)
    open_bound = -1.0  # NaN: "over 140" has no value and no upper bound
    assert rows[["territory", "period", "value", "low", "high"]].fillna(open_bound).values.tolist() == [
        ["Vĩnh Long (since July 2025)", "2025", 640, 640, 640],
        ["Vĩnh Long (former)", "2024", 200, 200, 200],
        ["Bến Tre (former)", "2023", 300, 300, 300],
        ["Trà Vinh (former)", "2021", open_bound, 140, open_bound],
        ["Trà Vinh (former)", "2023", 165, 165, 165],
    ]
    assert list(rows.columns) == ca.across.over_time.SERIES_COLUMNS
    assert rows.loc[rows["period"] == "2024", "article_id"].item() == "vl-2025-former"
    assert rows.loc[rows["period"] == "2024", "quote"].item() == "By the end of 2024 the province had 200 cooperatives."


def test_a_former_provinces_name_alone_gives_that_province(family):
    assert ca.series("tra vinh", "cooperatives", family)["period"].tolist() == ["2021", "2023"]


def test_a_restatement_inside_one_article_is_one_value_not_a_change():
    figures = ca.load_figures()  # the seeds: Chu Tinh's 9 members "established in April 2024" and "to date"
    rows = ca.series("Lạng Sơn", "members", figures, scope="entity:Chu Tinh Organic Cooperative")
    assert rows[["period", "value", "figure_ids", "restated_for"]].values.tolist() == [
        ["2024", 9.0, "lang-son-2024-f14;lang-son-2024-f15", "2024-04"]
    ]
    series = ca.series_across_articles(ca.figure_panel(figures), figures)
    assert series[series["measure"] == "members"].empty  # and no change of 0 between them


def test_money_says_its_era_and_an_unknown_province_is_refused():
    figures = ca.load_figures()
    rows = ca.series("Nghệ An", "loans_disbursed", figures, definition=None)
    assert set(rows["era"]) <= {e.era for e in ca.vocab.eras.eras()} and (rows["era"] != "").all()
    with pytest.raises(ValueError, match="unknown province 'Atlantis'"):
        ca.series("Atlantis", "cooperatives", figures)
