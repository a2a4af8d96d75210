"""Eras of nominal VND (data/eras.csv): amounts of different eras are never drawn on one axis."""

from __future__ import annotations

import itertools

import pytest

import coopanalysis as ca
from coopanalysis.reports.charts import chart_rows, indicator_chart
from coopanalysis.reports.params import ParameterError
from coopanalysis.vocab.eras import era_of, eras


@pytest.mark.parametrize("era", eras(), ids=lambda e: e.era)
def test_each_era_holds_its_example_and_gives_its_reason(era):
    assert era_of(era.example) == era
    assert "deflator" in era.reason and era.first_year <= era.last_year


def test_the_eras_follow_each_other_without_gap_or_overlap():
    years = [(e.first_year, e.last_year) for e in eras()]
    assert all(last + 1 == first for (_, last), (first, _) in itertools.pairwise(years))
    assert era_of("1900") is None


@pytest.fixture(scope="module")
def indicators():
    return ca.compute_indicators(ca.load_figures()), ca.load_articles()


def test_the_seeds_loans_per_borrower_of_two_eras_are_never_on_one_axis(indicators):
    table, articles = indicators
    # Nghe An's 1992-2000 loans and Lang Son's 2021-2024 are both in the seeds' indicators.
    drawn = table[table["indicator"] == "loans_per_borrower"]
    assert sorted(drawn["province"]) == ["Lang Son", "Nghe An"]
    chart = indicator_chart(table, "loans_per_borrower", articles=articles)
    assert list(chart.data["province"]) == ["Lang Son"]
    assert "Not drawn: 1 in VND of 1996–2000" in chart.alt and "no deflator" in chart.alt
    older = indicator_chart(table, "loans_per_borrower", articles=articles, era="VND of 1996–2000")
    assert list(older.data["province"]) == ["Nghe An"] and "1 in VND of 2021–2025" in older.alt


def test_an_era_with_no_value_is_refused_naming_those_there_are(indicators):
    with pytest.raises(ParameterError, match="its eras: VND of 1996–2000, VND of 2021–2025"):
        chart_rows(indicators[0], "loans_per_borrower", era="VND of 2011–2015")


def test_a_chart_of_no_money_withholds_nothing(indicators):
    rows = chart_rows(indicators[0], "new_cooperatives_share_pct")
    assert rows.attrs["withheld"] == {} and len(rows) > 1
