"""The pooled run: seeds/ and the news corpus (21 articles) together, checked against hand-worked values.

The news corpus's texts belong to their publishers and are not in git: the run fetches them from
the sources its ``sources.toml`` names. Where those are absent the test cannot run: under CI that
is a failure, elsewhere a skip that says why.
"""

from __future__ import annotations

import os

import pandas as pd
import pytest
from conftest import ROOT, run_cli

from coopanalysis import SeedError
from coopanalysis.articles.fetch import fetch_texts

NEWS = ROOT / "corpora" / "news"


@pytest.fixture(scope="module")
def pooled(tmp_path_factory):
    try:
        fetch_texts([NEWS])
    except SeedError as error:
        message = f"the news corpus's texts cannot be fetched (`make corpus`): {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("pooled") / "outputs-corpus"
    result = run_cli("run", "--corpus", "seeds", "--corpus", "corpora/news", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _table(out, name):
    return pd.read_csv(out / "tables" / name, dtype=str, keep_default_na=False)


def _number(text):
    return float(text) if text else float("nan")


def test_all_21_articles_are_pooled_with_a_profile_per_province(pooled):
    figures = _table(pooled, "figures.csv")
    assert figures["article_id"].nunique() == 21 and set(figures["corpus"]) == {"seeds", "corpora/news"}
    provinces = {p.lower().replace(" ", "-") for p in figures["province"]}
    assert {f"03-province-profile-{p}.html" for p in provinces} <= {p.name for p in (pooled / "reports").iterdir()}


def test_a_republished_story_agrees_and_counts_once(pooled):
    panel = _table(pooled, "panel.csv")
    row = panel[(panel["province"] == "Quang Ninh") & (panel["measure"] == "ocop_products") & (panel["period"] == "2023-11")]
    assert row[["status", "value", "articles"]].values.tolist() == [
        ["agree", "565", "quangninh-ocop-2023;quangninh-ocop-2023-republished"]]


def test_no_two_articles_of_the_corpus_disagree(pooled):
    # Read by hand: where two articles state one statistic (the republished Quang Ninh story, Tra
    # Vinh's 165 cooperatives), they state the same number.
    assert _table(pooled, "conflicts.csv").empty
    assert "conflict" not in set(_table(pooled, "panel.csv")["status"])


@pytest.mark.parametrize(("province", "measure", "base", "period", "earlier", "later", "months"), [
    ("national", "cooperatives", "2019-07", "2021", 23000, 26040, 29),         # July 2019 to December 2021
    ("Quang Ninh", "ocop_products", "2018", "2023-11", 210, 565, 59),           # December 2018 to November 2023
    ("Tra Vinh", "cooperatives", "2023-07", "2023", 165, 165, 5),              # July to December 2023
    ("national", "agricultural_cooperatives", "2019-06", "2021", 14452, 18327, 30),
])
def test_series_across_articles(pooled, province, measure, base, period, earlier, later, months):
    series = _table(pooled, "series.csv")
    rows = series[(series["province"] == province) & (series["measure"] == measure) & (series["base_period"] == base)
                  & (series["period"] == period)].set_index("indicator")
    assert _number(rows.loc["series_change", "value"]) == later - earlier
    assert _number(rows.loc["series_change_pct", "value"]) == pytest.approx((later / earlier - 1) * 100)
    assert _number(rows.loc["series_yearly_pct", "value"]) == pytest.approx(((later / earlier) ** (12 / months) - 1) * 100)
    # The inputs are the figures that state the statistic at each of the two dates.
    periods = _table(pooled, "figures.csv").set_index("figure_id")["period"]
    earlier_ids, later_ids = rows.loc["series_change", "inputs"].split("|")
    assert {periods[i] for i in earlier_ids.split(";")} == {base}
    assert {periods[i] for i in later_ids.split(";")} == {period}


def test_the_34_province_view_of_vinh_long(pooled):
    view = _table(pooled, "provinces_2025_view.csv")
    cooperatives = view[(view["province_2025"] == "Vinh Long") & (view["measure"] == "cooperatives")]
    by_period = {row.period: row for row in cooperatives.itertuples()}
    # Tra Vinh's 165 at the end of 2023: one former province of three, so only a lower bound.
    assert (by_period["2023"].status, by_period["2023"].low, by_period["2023"].value) == ("partial", "165", "")
    assert by_period["2023"].missing == "Ben Tre; Vinh Long"
    # The 2026 article states the merged province: 640 cooperatives in 2025.
    assert (by_period["2025"].status, by_period["2025"].value) == ("merged province", "640")
    khanh_hoa = view[(view["province_2025"] == "Khanh Hoa") & (view["measure"] == "cooperatives")]
    assert khanh_hoa[["status", "value"]].values.tolist() == [["merged province", "371"]]


def test_the_review_effort_is_in_the_pooled_tables(pooled):
    reviews = _table(pooled, "reviews.csv")
    assert len(reviews) == 16 and reviews["proposed"].astype(int).sum() == 164


def test_the_profile_of_a_merged_province_says_what_it_became(pooled):
    page = (pooled / "reports" / "03-province-profile-tra-vinh.html").read_text(encoding="utf-8")
    assert "became the province of Vĩnh Long" in page
