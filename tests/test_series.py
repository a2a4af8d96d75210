"""Series across articles: change and yearly rate between two dates, bounds carried, stated growth beside."""

from __future__ import annotations

import math

import pytest

from conftest import build_corpus
from coopanalysis import figure_panel, load_figures, series_across_articles


def _level(article_id, province, published, text, number, measure, period, **extra):
    return {
        "id": article_id,
        "province": province,
        "published": published,
        "text": text,
        "figures": [
            {"quote": text, "number": number, "measure": measure, "kind": "level", "period": period},
            *extra.get("more", []),
        ],
    }


def _series(tmp_path, articles):
    figures = load_figures(build_corpus(tmp_path / "corpus", articles))
    panel = figure_panel(figures)
    table = series_across_articles(panel, figures)
    return {row.indicator: row for row in table.itertuples()}, table


def test_national_cooperatives_from_2017_to_2019_carry_the_lower_bound(tmp_path):
    rows, _ = _series(
        tmp_path,
        [
            _level(
                "nat-2017",
                "national",
                "2017-07-20",
                "Currently, Vietnam has over 20,000 cooperatives.",
                "20,000",
                "cooperatives",
                "2017-07",
            ),
            _level(
                "nat-2019",
                "national",
                "2019-07-20",
                "They make up 62 percent of the 23,000 cooperatives nationwide.",
                "23,000",
                "cooperatives",
                "2019-07",
            ),
        ],
    )
    change, pct, yearly = rows["series_change"], rows["series_change_pct"], rows["series_yearly_pct"]
    # 23,000 - 20,000 = 3,000 at most: "over 20,000" may be any larger number, so no lower bound
    # (and no value: a bound is never a value).
    assert change.high == 3000 and math.isnan(change.low) and math.isnan(change.value)
    assert pct.high == pytest.approx((23000 / 20000 - 1) * 100)  # 15%
    # Two years from July 2017 to July 2019: (1.15 ** (1 / 2) - 1) * 100 = 7.24% a year at most.
    assert yearly.high == pytest.approx(((23000 / 20000) ** (1 / 2) - 1) * 100)
    assert math.isnan(yearly.low)
    assert change.inputs == "nat-2017-f01|nat-2019-f01" and (change.base_period, change.period) == (
        "2017-07",
        "2019-07",
    )


def test_a_stock_in_july_and_at_the_end_of_the_year(tmp_path):
    rows, _ = _series(
        tmp_path,
        [
            _level(
                "tv-2023",
                "Tra Vinh",
                "2023-07",
                "Currently, the province is home to 165 cooperatives.",
                "165",
                "cooperatives",
                "2023-07",
            ),
            _level(
                "tv-2024",
                "Tra Vinh",
                "2024-02-06",
                "Last year took its total number to 170.",
                "170",
                "cooperatives",
                "2023",
            ),
        ],
    )
    # From July to December 2023 is 5 months: 170 / 165 over 5/12 of a year.
    assert rows["series_change"].value == 170 - 165
    assert rows["series_yearly_pct"].value == pytest.approx(((170 / 165) ** (12 / 5) - 1) * 100)
    assert "years = 0.416667" in rows["series_yearly_pct"].formula


def test_flows_are_paired_only_over_periods_of_one_length(tmp_path):
    _, table = _series(
        tmp_path,
        [
            _level(
                "hb-2022",
                "Hoa Binh",
                "2023-01",
                "In 2022, 40 new cooperatives were established.",
                "40",
                "new_cooperatives",
                "2022",
            ),
            _level(
                "hb-h1",
                "Hoa Binh",
                "2023-07",
                "In the first half of 2023, 15 new cooperatives were set up.",
                "15",
                "new_cooperatives",
                "H1 2023",
            ),
            _level(
                "hb-2023",
                "Hoa Binh",
                "2024-01",
                "In 2023, 50 new cooperatives were established.",
                "50",
                "new_cooperatives",
                "2023",
            ),
        ],
    )
    # The half year is not compared with either year; 2022 and 2023 are.
    assert set(zip(table["base_period"], table["period"])) == {("2022", "2023")}
    assert table.loc[table["indicator"] == "series_change_pct", "value"].item() == pytest.approx((50 / 40 - 1) * 100)


def test_the_growth_an_article_states_stands_beside_the_computed_one(tmp_path):
    stated = "Members rose by 10 percent compared to 2022."
    rows, _ = _series(
        tmp_path,
        [
            _level(
                "hn-2022",
                "Ha Noi",
                "2023-01",
                "Cooperatives had 200,000 members in 2022.",
                "200,000",
                "members",
                "2022",
            ),
            _level(
                "hn-2023",
                "Ha Noi",
                "2024-01",
                "Cooperatives had 215,000 members in 2023. " + stated,
                "215,000",
                "members",
                "2023",
                more=[
                    {
                        "quote": stated,
                        "number": "10",
                        "measure": "members",
                        "kind": "change_pct",
                        "period": "2023",
                        "base_period": "2022",
                    }
                ],
            ),
        ],
    )
    assert rows["series_change_pct"].value == pytest.approx(7.5)  # 215,000 / 200,000 - 1
    assert rows["series_change_pct"].stated == "hn-2023-f02: +10%"


def test_figures_of_different_definitions_make_no_series(tmp_path):
    _, table = _series(
        tmp_path,
        [
            _level(
                "qn-2023",
                "Quang Ninh",
                "2023-11-11",
                "The province has 565 OCOP products.",
                "565",
                "ocop_products",
                "2023-11",
            ),
            {
                "id": "qn-2024",
                "province": "Quang Ninh",
                "published": "2024-07-31",
                "text": "70 agricultural cooperatives have 153 products.",
                "figures": [
                    {
                        "quote": "70 agricultural cooperatives have 153 products.",
                        "number": "153",
                        "measure": "ocop_products",
                        "kind": "level",
                        "period": "2024-07",
                        "definition": "of the 70 agricultural cooperatives",
                    }
                ],
            },
        ],
    )
    assert table.empty
