"""The pooled run: seeds/, the news corpus and the Vietnamese corpus (31 articles) together, checked
against hand-worked values.

The two corpora's texts belong to their publishers and are not in git: the run fetches them from
the sources their ``sources.toml`` names. Where those are absent the test cannot run: under CI that
is a failure, elsewhere a skip that says why.
"""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest

from conftest import ROOT, run_cli
from coopanalysis import SeedError
from coopanalysis.articles.fetch import fetch_texts

NEWS = ROOT / "corpora" / "news"
VI = ROOT / "corpora" / "vi"
CORPORA = ("seeds", "corpora/news", "corpora/vi")
POOLED = [arg for corpus in CORPORA for arg in ("--corpus", corpus)]
#: The profiles these tests read, with the heading each shows.
PROFILES = {
    "vinh-long": "Vĩnh Long (since July 2025: former Bến Tre, Trà Vinh, Vĩnh Long)",
    "dak-lak": "Đắk Lắk (since July 2025: former Đắk Lắk, Phú Yên)",
    "ha-tinh": "Hà Tĩnh",
    "an-giang": "An Giang (since July 2025: former An Giang, Kiên Giang)",
    "lai-chau": "Lai Châu",
}


@pytest.fixture(scope="module")
def pooled(tmp_path_factory):
    try:
        fetch_texts([NEWS, VI])
    except SeedError as error:
        message = f"the corpora's texts cannot be fetched (`make corpus`): {error}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("pooled") / "outputs-corpus"
    # Every table and article page, and the reports these tests read (the others as seeds/ runs them).
    reports = ("01-article-figures", *(f"03-province-profile-{p}" for p in PROFILES))
    result = run_cli("run", *POOLED, "--out", str(out), *(arg for name in reports for arg in ("--only", name)))
    assert result.returncode == 0, result.stderr
    return out


def _table(out, name):
    return pd.read_csv(out / "tables" / name, dtype=str, keep_default_na=False)


def _number(text):
    return float(text) if text else float("nan")


def test_all_31_articles_are_pooled_with_a_profile_per_province(pooled):
    figures = _table(pooled, "figures.csv")
    assert figures["article_id"].nunique() == 31 and set(figures["corpus"]) == set(CORPORA)
    # A profile per province of the 34 (Tra Vinh's figures are in Vinh Long's), as the run lists its reports.
    listed = run_cli("run", *POOLED, "--out", str(pooled), "--only", "?")
    assert listed.returncode == 2, listed.stderr
    known = set(re.search(r"known: (.*)", listed.stderr).group(1).split(", "))
    provinces = {p.lower().replace(" ", "-") for p in figures["province_2025"] if p != "national"}
    assert {f"03-province-profile-{p}" for p in provinces} <= known
    assert "03-province-profile-tra-vinh" not in known


def test_a_republished_story_agrees_and_counts_once(pooled):
    panel = _table(pooled, "panel.csv")
    row = panel[
        (panel["province"] == "Quang Ninh") & (panel["measure"] == "ocop_products") & (panel["period"] == "2023-11")
    ]
    assert row[["status", "value", "articles"]].values.tolist() == [
        ["agree", "565", "quangninh-ocop-2023;quangninh-ocop-2023-republished"]
    ]


def test_no_two_articles_of_the_corpus_disagree(pooled):
    # Read by hand: where two articles state one statistic (the republished Quang Ninh story, Tra
    # Vinh's 165 cooperatives), they state the same number.
    assert _table(pooled, "conflicts.csv").empty
    assert "conflict" not in set(_table(pooled, "panel.csv")["status"])


@pytest.mark.parametrize(
    ("province", "measure", "base", "period", "earlier", "later", "months"),
    [
        ("national", "cooperatives", "2019-07", "2021", 23000, 26040, 29),  # July 2019 to December 2021
        ("Quang Ninh", "ocop_products", "2018", "2023-11", 210, 565, 59),  # December 2018 to November 2023
        ("Tra Vinh", "cooperatives", "2023-07", "2023", 165, 165, 5),  # July to December 2023
        ("national", "agricultural_cooperatives", "2019-06", "2021", 14452, 18327, 30),
    ],
)
def test_series_across_articles(pooled, province, measure, base, period, earlier, later, months):
    series = _table(pooled, "series.csv")
    rows = series[
        (series["province"] == province)
        & (series["measure"] == measure)
        & (series["base_period"] == base)
        & (series["period"] == period)
    ].set_index("indicator")
    assert _number(rows.loc["series_change", "value"]) == later - earlier
    assert _number(rows.loc["series_change_pct", "value"]) == pytest.approx((later / earlier - 1) * 100)
    assert _number(rows.loc["series_yearly_pct", "value"]) == pytest.approx(
        ((later / earlier) ** (12 / months) - 1) * 100
    )
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
    assert len(reviews) == 26 and reviews["proposed"].astype(int).sum() == 164 + 163
    assert reviews.groupby("corpus")["article_id"].count().to_dict() == {"corpora/news": 16, "corpora/vi": 10}


def test_the_profile_of_a_merged_province_says_what_it_became(pooled):
    page = (pooled / "reports" / "03-province-profile-vinh-long.html").read_text(encoding="utf-8")
    assert "became the province of Vĩnh Long" in page


@pytest.mark.parametrize(("profile", "heading"), PROFILES.items())
def test_the_vietnamese_provinces_get_profiles_named_with_their_diacritics(pooled, profile, heading):
    page = (pooled / "reports" / f"03-province-profile-{profile}.html").read_text(encoding="utf-8")
    assert f'<p class="subject">{heading}</p>' in page


def test_a_vietnamese_quote_is_shown_as_written_beside_its_english_reading(pooled):
    page = (pooled / "articles" / "lam-dong-2022.html").read_text(encoding="utf-8")
    # The quote highlighted in the text at its anchor, as the article writes it.
    assert 'id="lam-dong-2022-p10"' in page and '<mark class="number" title="lam-dong-2022-p10' in page
    assert "đầu tháng 6/2022, các HTX có 66.221 thành viên, trong đó 54.585" in re.sub(r"<[^>]+>", "", page)
    figures = (pooled / "reports" / "01-article-figures.html").read_text(encoding="utf-8")
    row = figures[figures.index("lam-dong-2022-p10</a>") :]
    row = row[: row.index("</tr>")]
    assert "Members" in row and "66.221" in row and "66,221" in row  # the statistic, as stated, as read


def test_a_statistic_the_article_repeats_is_counted_once(pooled):
    panel = _table(pooled, "panel.csv")
    rows = panel[
        (panel["province"] == "Ha Tinh")
        & (panel["measure"] == "cooperatives")
        & (panel["definition"] == "")
        & (panel["kind"] == "level")
    ]
    # The headline, the lead and the body state 833 cooperatives as of 30 June 2015: one statistic.
    assert rows[["period", "value", "status", "figures"]].values.tolist() == [
        ["2015-06", "833", "one article", "ha-tinh-2020-p02;ha-tinh-2020-p04;ha-tinh-2020-p06"]
    ]
    kien_giang = panel[
        (panel["province"] == "Kien Giang") & (panel["measure"] == "cooperatives") & (panel["kind"] == "level")
    ]
    assert kien_giang[["value", "figures"]].values.tolist() == [
        ["457", "kien-giang-2020-p01;kien-giang-2020-p11;kien-giang-2020-p13;kien-giang-2020-p15"]
    ]


def test_the_vietnamese_figures_join_the_english_ones(pooled):
    # The national agricultural cooperatives of the Vietnamese report (end of 2016) start the series
    # that the English reports continue: 10,756 to 14,452 (June 2019) over 30 months.
    series = _table(pooled, "series.csv")
    rows = series[
        (series["province"] == "national")
        & (series["measure"] == "agricultural_cooperatives")
        & (series["base_period"] == "2016")
        & (series["period"] == "2019-06")
    ].set_index("indicator")
    assert _number(rows.loc["series_change", "value"]) == 14452 - 10756
    # Ben Tre's cooperatives of 2010 are a part of today's Vinh Long: a lower bound, the others missing.
    view = _table(pooled, "provinces_2025_view.csv")
    row = view[
        (view["province_2025"] == "Vinh Long") & (view["measure"] == "cooperatives") & (view["period"] == "2010-12")
    ]
    assert row[["status", "low", "value", "missing"]].values.tolist() == [["partial", "101", "", "Tra Vinh; Vinh Long"]]
    # Lam Dong: 66,221 members of 479 cooperatives, no cooperative groups counted.
    indicators = _table(pooled, "indicators.csv")
    members = indicators[
        (indicators["province"] == "Lam Dong") & (indicators["indicator"] == "members_per_cooperative")
    ]
    assert _number(members["value"].iloc[0]) == pytest.approx(66221 / 479)
