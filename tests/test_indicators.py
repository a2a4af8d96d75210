"""Indicators from the seed articles: values worked out by hand, lineage, and refused combinations."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from coopanalysis import INDICATORS, IncompatibleFigures, combine, compute_indicators, indicators_wide, load_figures
from coopanalysis.indicators.compute import withheld_indicators

NAN = math.nan


@pytest.fixture(scope="module")
def figures():
    return load_figures()


@pytest.fixture(scope="module")
def indicators(figures):
    return compute_indicators(figures)


# (indicator, inputs in formula order, value, low, high), each worked out from the quoted text. A value
# is a point only: where a bound is open the value is NaN (a mean of values never mixes in a bound).
HAND_WORKED = [
    # Quang Tri: 82,256 / (341 cooperatives + 1,981 groups + 2 unions).
    (
        "members_per_organization",
        "quang-tri-2024-f11;quang-tri-2024-f09;quang-tri-2024-f08;quang-tri-2024-f10",
        82256 / (341 + 1981 + 2),
        82256 / (341 + 1981 + 2),
        82256 / (341 + 1981 + 2),
    ),
    # Quang Ninh: about 44,377 / (over 650 + 146).
    (
        "members_per_organization",
        "quang-ninh-2024-f03;quang-ninh-2024-f01;quang-ninh-2024-f02",
        NAN,
        NAN,
        44377 / (650 + 146),
    ),
    # Tra Vinh: more than 28,500 / (165 + 1 union); no cooperative groups reported.
    ("members_per_organization", "tra-vinh-2023-f08;tra-vinh-2023-f03;tra-vinh-2023-f07", NAN, 28500 / (165 + 1), NAN),
    ("avg_revenue_per_cooperative", "lang-son-2024-f48", 1.35e9, 1.35e9, 1.35e9),
    ("avg_revenue_per_cooperative", "lang-son-2024-f27", 1.85e9, 1.85e9, 1.85e9),  # Bac Son district
    ("avg_revenue_per_cooperative", "quang-ninh-2024-f05", 650e6, 650e6, 650e6),
    ("avg_revenue_per_cooperative", "quang-tri-2024-f13", 1.3e9, 1.3e9, 1.3e9),
    ("revenue_growth_pct", "lang-son-2024-f49", 22.7, 22.7, 22.7),
    ("revenue_growth_pct", "lang-son-2024-f28", 100, 100, 100),  # "double that of 2021"
    # 22.7% over 2021 -> 2024, three years: 1.227^(1/3) - 1.
    (
        "revenue_cagr_pct",
        "lang-son-2024-f49",
        (1.227 ** (1 / 3) - 1) * 100,
        (1.227 ** (1 / 3) - 1) * 100,
        (1.227 ** (1 / 3) - 1) * 100,
    ),
    (
        "revenue_cagr_pct",
        "lang-son-2024-f28",
        (2 ** (1 / 3) - 1) * 100,
        (2 ** (1 / 3) - 1) * 100,
        (2 ** (1 / 3) - 1) * 100,
    ),
    # 1.35 billion in 2024 after +22.7%: 1.35e9 / 1.227 in 2021.
    ("revenue_base_implied", "lang-son-2024-f49;lang-son-2024-f48", 1.35e9 / 1.227, 1.35e9 / 1.227, 1.35e9 / 1.227),
    ("revenue_base_implied", "lang-son-2024-f28;lang-son-2024-f27", 1.85e9 / 2, 1.85e9 / 2, 1.85e9 / 2),
    # "4 to 8 million VND/person/month": a range, no single value.
    ("income_per_worker_month", "lang-son-2024-f51", NAN, 4e6, 8e6),
    ("income_per_worker_month", "quang-ninh-2024-f06", 68e6 / 12, 68e6 / 12, 68e6 / 12),
    ("income_per_worker_month", "lang-son-2024-f29", 6e6, 6e6, 6e6),  # Bac Son district
    ("income_growth_pct", "lang-son-2024-f52", 30, 30, 30),
    # Bac Son: 6 million now, "an increase of 1.5 million": 1.5 / (6 - 1.5).
    ("income_growth_pct", "lang-son-2024-f30;lang-son-2024-f29", 1.5 / 4.5 * 100, 1.5 / 4.5 * 100, 1.5 / 4.5 * 100),
    (
        "income_cagr_pct",
        "lang-son-2024-f52",
        (1.3 ** (1 / 3) - 1) * 100,
        (1.3 ** (1 / 3) - 1) * 100,
        (1.3 ** (1 / 3) - 1) * 100,
    ),
    (
        "income_cagr_pct",
        "lang-son-2024-f30;lang-son-2024-f29",
        ((6 / 4.5) ** (1 / 3) - 1) * 100,
        ((6 / 4.5) ** (1 / 3) - 1) * 100,
        ((6 / 4.5) ** (1 / 3) - 1) * 100,
    ),
    # Quang Tri: VND 9.45 billion to 27 projects.
    ("loans_per_project", "quang-tri-2024-f06;quang-tri-2024-f05", 9.45e9 / 27, 9.45e9 / 27, 9.45e9 / 27),
    # Lang Son: 6.5 billion to 65 members (the 4 billion of the next clause is not paired).
    ("loans_per_borrower", "lang-son-2024-f33;lang-son-2024-f31", 6.5e9 / 65, 6.5e9 / 65, 6.5e9 / 65),
    ("loans_per_borrower", "nghe-an-2012-f03;nghe-an-2012-f02", 3.7e9 / 20, 3.7e9 / 20, 3.7e9 / 20),
    ("charter_capital_per_member", "quang-ninh-2024-f04;quang-ninh-2024-f03", NAN, 1263e9 / 44377, NAN),
    # 257 new against a target of 200-250: 257/250 to 257/200.
    ("new_cooperatives_vs_target_pct", "lang-son-2024-f20;lang-son-2024-f03", NAN, 257 / 250 * 100, 257 / 200 * 100),
    (
        "new_cooperatives_share_pct",
        "lang-son-2024-f20;lang-son-2024-f21",
        257 / 557 * 100,
        257 / 557 * 100,
        257 / 557 * 100,
    ),
    ("new_cooperatives_share_pct", "tra-vinh-2023-f02;tra-vinh-2023-f03", 8 / 165 * 100, 8 / 165 * 100, 8 / 165 * 100),
    (
        "new_cooperatives_share_pct",
        "quang-tri-2024-f14;quang-tri-2024-f09",
        16 / 341 * 100,
        16 / 341 * 100,
        16 / 341 * 100,
    ),
    ("good_cooperatives_share_pct", "lang-son-2024-f50", NAN, NAN, 25),  # "nearly 25%"
    ("good_cooperatives_share_pct", "lang-son-2024-f26", NAN, 26, NAN),  # "over 26%"
    (
        "agricultural_cooperatives_share_pct",
        "tra-vinh-2023-f04;tra-vinh-2023-f03",
        120 / 165 * 100,
        120 / 165 * 100,
        120 / 165 * 100,
    ),
    ("ocop_cooperatives_share_pct", "quang-ninh-2024-f07;quang-ninh-2024-f01", NAN, NAN, 72 / 650 * 100),
    (
        "ocop_star_share_pct",
        "quang-ninh-2024-f11;quang-ninh-2024-f10;quang-ninh-2024-f09",
        (56 + 18) / 153 * 100,
        (56 + 18) / 153 * 100,
        (56 + 18) / 153 * 100,
    ),
    ("participants_per_training_course", "lang-son-2024-f37;lang-son-2024-f36", 2500 / 34, 2500 / 34, 2500 / 34),
    ("participants_per_dissemination_event", "lang-son-2024-f12;lang-son-2024-f11", NAN, NAN, 10000 / 104),
    ("participants_per_dissemination_event", "quang-tri-2024-f03;quang-tri-2024-f02", NAN, NAN, NAN),
    ("support_per_cooperative", "lang-son-2024-f39;lang-son-2024-f38", NAN, NAN, 2.9e9 / 143),
    ("support_per_cooperative", "lang-son-2024-f43;lang-son-2024-f42", NAN, 2.6e9 / 11, NAN),
]


def _close(got: float, want: float) -> bool:
    return (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("name,inputs,value,low,high", HAND_WORKED, ids=[f"{c[0]}:{c[1]}" for c in HAND_WORKED])
def test_hand_worked_values(indicators, name, inputs, value, low, high):
    row = indicators[(indicators["indicator"] == name) & (indicators["inputs"] == inputs)]
    assert len(row) == 1, f"{name} from {inputs} not computed"
    row = row.iloc[0]
    assert _close(row["value"], value) and _close(row["low"], low) and _close(row["high"], high), row.to_dict()


# (indicator, inputs, why not computed): the article counts, at the same time, organizations the
# numerator may include but the denominator does not.
WITHHELD = [
    (
        "members_per_cooperative",
        "quang-tri-2024-f11;quang-tri-2024-f09",
        "the article also counts cooperative groups and cooperative unions at the same time",
    ),
    (
        "members_per_cooperative",
        "quang-ninh-2024-f03;quang-ninh-2024-f01",
        "the article also counts cooperative groups",
    ),
    ("members_per_cooperative", "tra-vinh-2023-f08;tra-vinh-2023-f03", "the article also counts cooperative unions"),
    (
        "charter_capital_per_cooperative",
        "quang-ninh-2024-f04;quang-ninh-2024-f01",
        "the article also counts cooperative groups",
    ),
]


def test_inputs_that_count_different_things_are_withheld_with_the_reason(figures, indicators):
    withheld = withheld_indicators(figures)
    assert sorted(zip(withheld["indicator"], withheld["inputs"])) == sorted((name, ids) for name, ids, _ in WITHHELD)
    for name, ids, reason in WITHHELD:
        assert reason in withheld.set_index("inputs").loc[ids, "reason"]
        assert not ((indicators["indicator"] == name) & (indicators["inputs"] == ids)).any()


def test_members_per_cooperative_where_the_article_counts_no_other_organization(figures):
    # Without Tra Vinh's union (f07), "more than 28,500 members" / "165 cooperatives" is a lower bound.
    row = (
        compute_indicators(figures[figures["figure_id"] != "tra-vinh-2023-f07"])
        .query("indicator == 'members_per_cooperative'")
        .iloc[0]
    )
    assert row["inputs"] == "tra-vinh-2023-f08;tra-vinh-2023-f03"
    assert math.isnan(row["value"]) and row["low"] == pytest.approx(28500 / 165) and math.isnan(row["high"])


def test_a_subset_is_shown_apart_and_never_a_provinces_latest(indicators):
    # Quang Ninh's star share is of the 70 agricultural cooperatives' products, not the province's.
    row = indicators[indicators["indicator"] == "ocop_star_share_pct"].iloc[0]
    assert row["definition"].startswith("of the 70 agricultural cooperatives")
    assert row["basis"].startswith(row["definition"])
    assert "ocop_star_share_pct" not in indicators_wide(indicators).dropna(axis=1, how="all").columns


def test_every_indicator_has_a_hand_worked_test():
    assert {i.name for i in INDICATORS} == {case[0] for case in HAND_WORKED} | {case[0] for case in WITHHELD}


def test_every_row_has_lineage(indicators, figures):
    known = set(figures["figure_id"])
    assert (indicators["formula"] != "").all()
    for row in indicators.itertuples():
        ids = row.inputs.split(";")
        assert set(ids) <= known
        assert figures.set_index("figure_id").loc[ids, "article_id"].eq(row.article_id).all()


def test_all_computed_rows_are_hand_worked_or_same_programme(indicators):
    expected = {(c[0], c[1]) for c in HAND_WORKED}
    computed = set(zip(indicators["indicator"], indicators["inputs"]))
    # support_per_cooperative has one row per programme; two are hand-worked above.
    assert {pair for pair in computed - expected if pair[0] != "support_per_cooperative"} == set()
    assert len(indicators) == len(set(indicators["indicator"] + indicators["inputs"]))


def test_caveats_carry_flags_notes_and_denominators(indicators):
    quang_tri = indicators[
        (indicators["indicator"] == "members_per_organization") & (indicators["province"] == "Quang Tri")
    ]
    caveat = quang_tri["caveats"].iloc[0]
    assert "quang-tri-2024-f08 flagged (garbled_translation)" in caveat
    assert "denominator counts cooperatives, cooperative_groups, cooperative_unions" in caveat
    tra_vinh = indicators[
        (indicators["indicator"] == "members_per_organization") & (indicators["province"] == "Tra Vinh")
    ]
    assert "the article reports no cooperative_groups" in tra_vinh["caveats"].iloc[0]
    borrowers = indicators[indicators["indicator"] == "loans_per_borrower"].set_index("province")["caveats"]
    assert "Borrowers are member units" in borrowers["Nghe An"]
    assert "Borrowers are cooperative members" in borrowers["Lang Son"]
    target = indicators[indicators["indicator"] == "new_cooperatives_vs_target_pct"]["caveats"].iloc[0]
    assert "progress to 2024: the target runs to 2025" in target


def test_approximate_inputs_are_marked(indicators):
    approximate = indicators[indicators["approximate"]]
    assert set(approximate["inputs"].str.contains("quang-ninh-2024-f03")) == {True}  # "about 44,377 members"


def test_growth_formula_states_its_years(indicators):
    cagr = indicators[(indicators["indicator"] == "revenue_cagr_pct") & (indicators["scope"] == "province")]
    assert cagr["formula"].iloc[0] == "((1 + change / 100) ^ (1 / years) - 1) * 100, years = 3 (2021 to 2024)"


# Refused combinations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,ids,reason",
    [
        # district / province: Bac Son's 73 cooperatives against Lang Son's 557
        (
            "new_cooperatives_share_pct",
            {"new": "lang-son-2024-f22", "cooperatives": "lang-son-2024-f21"},
            "new must be a level of new_cooperatives",
        ),
        (
            "new_cooperatives_share_pct",
            {"new": "lang-son-2024-f20", "cooperatives": "lang-son-2024-f25"},
            "scope differs",
        ),
        (
            "members_per_cooperative",
            {"members": "lang-son-2024-f15", "cooperatives": "lang-son-2024-f21"},
            "scope differs",
        ),
        # target / level outside a target-attainment indicator
        (
            "new_cooperatives_share_pct",
            {"new": "lang-son-2024-f03", "cooperatives": "lang-son-2024-f21"},
            "new must be a level of new_cooperatives, lang-son-2024-f03 is a target",
        ),
        (
            "participants_per_training_course",
            {"participants": "lang-son-2024-f37", "courses": "lang-son-2024-f01"},
            "is a target of training_courses",
        ),
        # different periods
        (
            "new_cooperatives_share_pct",
            {"new": "tra-vinh-2023-f01", "cooperatives": "tra-vinh-2023-f03"},
            "periods differ",
        ),
        ("ocop_cooperatives_share_pct", {"ocop": "quang-ninh-2024-f07", "cooperatives": "quang-ninh-2024-f01"}, None),
        (
            "members_per_cooperative",
            {"members": "lang-son-2024-f14", "cooperatives": "lang-son-2024-f15"},
            "must be a level of cooperatives",
        ),
        # different provinces / articles
        (
            "members_per_cooperative",
            {"members": "quang-tri-2024-f11", "cooperatives": "quang-ninh-2024-f01"},
            "province differs",
        ),
        # achievement outside the target's period
        (
            "new_cooperatives_vs_target_pct",
            {"achieved": "quang-tri-2024-f14", "target": "lang-son-2024-f03"},
            "article differs",
        ),
    ],
)
def test_incompatible_combinations_are_refused(figures, name, ids, reason):
    if reason is None:  # a compatible pair, as a control: combine computes what compute_indicators does
        assert combine(name, figures, **ids)["inputs"].iloc[0] == ";".join(ids.values())
        return
    with pytest.raises(IncompatibleFigures, match=reason):
        combine(name, figures, **ids)


def test_periods_too_far_apart_are_refused(figures):
    edited = figures.copy()
    edited.loc[edited["figure_id"] == "quang-ninh-2024-f07", "period"] = "2023"
    with pytest.raises(
        IncompatibleFigures, match=r"periods differ: quang-ninh-2024-f07 \(2023\) and quang-ninh-2024-f01 \(2024-05\)"
    ):
        combine("ocop_cooperatives_share_pct", edited, ocop="quang-ninh-2024-f07", cooperatives="quang-ninh-2024-f01")
    assert "ocop_cooperatives_share_pct" not in set(compute_indicators(edited)["indicator"])


def test_ambiguous_pairs_are_left_out(figures):
    # Move both loan amounts out of the borrowers' clause: two amounts then compete for one
    # borrower count, and the indicator is not computed rather than guessed.
    edited = figures.copy()
    edited.loc[edited["figure_id"].isin(["lang-son-2024-f33", "lang-son-2024-f34"]), "clause"] = -1
    rows = compute_indicators(edited)
    assert rows[(rows["indicator"] == "loans_per_borrower") & (rows["province"] == "Lang Son")].empty
    assert not rows[(rows["indicator"] == "loans_per_borrower") & (rows["province"] == "Nghe An")].empty


def test_unknown_indicator_and_wrong_roles(figures):
    with pytest.raises(KeyError):
        combine("members_per_goat", figures, members="quang-tri-2024-f11")
    with pytest.raises(IncompatibleFigures, match="takes the inputs members, cooperatives"):
        combine("members_per_cooperative", figures, members="quang-tri-2024-f11")


# Wide table --------------------------------------------------------------------------------


def test_wide_table_one_row_per_province_latest_period(indicators):
    wide = indicators_wide(indicators)
    assert list(wide["province"]) == sorted(set(indicators.loc[indicators["scope"] == "province", "province"]))
    lang_son = wide.set_index("province").loc["Lang Son"]
    assert math.isnan(lang_son["new_cooperatives_vs_target_pct"])
    assert (
        lang_son["new_cooperatives_vs_target_pct_low"],
        lang_son["new_cooperatives_vs_target_pct_high"],
    ) == pytest.approx((102.8, 128.5))
    assert lang_son["avg_revenue_per_cooperative"] == 1.35e9  # province row, not Bac Son's 1.85 billion
    assert "support_per_cooperative" not in wide.columns


def test_wide_table_spans_disagreeing_rows_of_the_latest_period():
    rows = pd.DataFrame(
        [
            {
                "indicator": "members_per_cooperative",
                "province": "X",
                "scope": "province",
                "period": "2023",
                "value": 10.0,
                "low": 10.0,
                "high": 10.0,
                "inputs": "a;b",
                "basis": "",
                "definition": "",
                "reviewed": True,
            },
            {
                "indicator": "members_per_cooperative",
                "province": "X",
                "scope": "province",
                "period": "2023",
                "value": float("nan"),
                "low": 12.0,
                "high": float("nan"),
                "inputs": "c;d",
                "basis": "",
                "definition": "",
                "reviewed": True,
            },
            {
                "indicator": "members_per_cooperative",
                "province": "X",
                "scope": "province",
                "period": "2020",
                "value": 99.0,
                "low": 99.0,
                "high": 99.0,
                "inputs": "e;f",
                "basis": "",
                "definition": "",
                "reviewed": True,
            },
        ]
    )
    cell = indicators_wide(rows).iloc[0]
    assert math.isnan(cell["members_per_cooperative"]) and cell["members_per_cooperative_low"] == 10.0
    assert math.isnan(cell["members_per_cooperative_high"]) and cell["members_per_cooperative_period"] == "2023"
    assert cell["members_per_cooperative_inputs"] == "a;b;c;d"


def test_a_decrease_flows_negative_through_the_indicators(seed_copy):
    from conftest import add_article, read_rows, write_rows

    text = (
        "In 2024 the average revenue of a cooperative in Ha Giang province reached VND 1.2 billion, "
        "a decrease of 5% compared to 2023.\n"
    )
    add_article(seed_copy, "900_decrease.txt", text.encode())
    header, rows = read_rows(seed_copy / "seeds" / "figures.csv")
    base = dict.fromkeys(header, "") | {"article_id": "ha-giang-2024", "period": "2024", "scope": "province"}
    rows += [
        base
        | {
            "figure_id": "ha-giang-2024-f01",
            "quote": "reached VND 1.2 billion",
            "measure": "avg_revenue_per_cooperative",
            "kind": "level",
        },
        base
        | {
            "figure_id": "ha-giang-2024-f02",
            "quote": "a decrease of 5% compared to 2023",
            "number": "5",
            "measure": "avg_revenue_per_cooperative",
            "kind": "change_pct",
            "base_period": "2023",
        },
    ]
    write_rows(seed_copy / "seeds" / "figures.csv", header, rows)
    figures = load_figures(seed_copy / "seeds")
    change = figures.set_index("figure_id").loc["ha-giang-2024-f02"]
    assert (change["value"], change["low"], change["high"]) == (-5, -5, -5)
    table = compute_indicators(figures).set_index(["indicator", "inputs"])
    assert table.loc[("revenue_growth_pct", "ha-giang-2024-f02"), "value"] == -5
    assert table.loc[("revenue_cagr_pct", "ha-giang-2024-f02"), "value"] == pytest.approx(-5)  # one year
    # 1.2 billion in 2024 after -5%: 1.2e9 / 0.95 in 2023.
    assert table.loc[("revenue_base_implied", "ha-giang-2024-f02;ha-giang-2024-f01"), "value"] == pytest.approx(
        1.2e9 / 0.95
    )


def test_a_republished_story_is_counted_once_with_both_quotes(tmp_path):
    from conftest import build_corpus

    def article(article_id, text):
        return {
            "id": article_id,
            "province": "Quang Ninh",
            "published": "2023-11-30",
            "text": text,
            "figures": [
                {
                    "quote": text,
                    "number": "46.2",
                    "measure": "cooperatives_rated_good",
                    "kind": "share_pct",
                    "period": "2023-11",
                }
            ],
        }

    figures = load_figures(
        build_corpus(
            tmp_path / "corpus",
            [
                article("qn-story", "In Quang Ninh 46.2% of cooperatives operate well."),
                article("qn-republished", "Quang Ninh: 46.2% of cooperatives operate well, the report says."),
            ],
        )
    )
    (row,) = compute_indicators(figures).query("indicator == 'good_cooperatives_share_pct'").itertuples()
    assert (row.value, row.inputs, row.same_statistics_in) == (46.2, "qn-republished-f01", "qn-story-f01")


def test_a_change_with_no_base_period_enters_no_growth_rate(figures):
    no_base = figures.assign(base_period=figures["base_period"].where(figures["figure_id"] != "lang-son-2024-f49", ""))
    with pytest.raises(IncompatibleFigures, match="states no base period"):
        combine("revenue_cagr_pct", no_base, change="lang-son-2024-f49")
    assert combine("revenue_growth_pct", no_base, change="lang-son-2024-f49")["value"].iloc[0] == 22.7
