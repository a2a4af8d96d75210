"""The curated figures load, trace back to their quotes, and bad rows fail with file, line and fix."""

from __future__ import annotations

import math

import pytest

from conftest import edit_figure, read_rows, write_rows
from coopanalysis import SeedError, check_figures, load_figures
from coopanalysis.figures.table import FIGURE_COLUMNS, FIGURES_SCHEMA
from coopanalysis.vocab.measures import measures


@pytest.fixture(scope="module")
def figures():
    return load_figures()


def test_schema_and_types(figures):
    assert list(figures.columns) == list(FIGURES_SCHEMA)
    assert figures["figure_id"].is_unique
    assert {str(t) for t in figures[["start", "end", "number_start", "number_end"]].dtypes} == {"int64"}
    assert figures["approximate"].dtype == bool


def test_every_quote_and_number_is_verbatim_in_its_article(figures, articles_text):
    for row in figures.itertuples():
        text = articles_text[row.article_id]
        assert text[row.start : row.end] == row.quote
        assert text.count(row.quote) == 1
        assert row.start <= row.number_start < row.number_end <= row.end
        assert text[row.number_start : row.number_end] == row.number


def test_bounds_are_ordered_open_bounds_are_nan_and_value_is_never_a_bound(figures):
    for row in figures.itertuples():
        if not math.isnan(row.low) and not math.isnan(row.high):
            assert row.low <= row.high, row.figure_id
        if row.qualifier in ("more_than", "at_least"):
            assert math.isnan(row.high) and not math.isnan(row.low) and math.isnan(row.value), row.figure_id
        if row.qualifier in ("less_than", "at_most"):
            assert math.isnan(row.low) and not math.isnan(row.high) and math.isnan(row.value), row.figure_id
        if row.qualifier == "range":
            assert math.isnan(row.value) and row.low < row.high
        if row.qualifier in ("exact", "about"):
            assert row.value == row.low == row.high, row.figure_id
    # "more than 2,800 cooperative groups" is 2,800 at least, and no value a mean could average.
    bounded = figures.set_index("figure_id").loc["nghe-an-2012-f05"]
    assert (bounded["stated"], bounded["low"]) == ("more than 2,800", 2800) and math.isnan(bounded["value"])


def test_units_follow_the_measure(figures):
    for row in figures.itertuples():
        if row.kind in ("share_pct", "change_pct"):
            assert row.unit == "%"
        elif row.measure != "other":
            assert row.unit == measures()[row.measure].unit, row.figure_id


def test_yearly_income_is_normalized_to_monthly_with_reported_unit_kept(figures):
    row = figures.set_index("figure_id").loc["quang-ninh-2024-f06"]
    assert row["value"] == pytest.approx(68e6 / 12)  # "VND 68 million/year"
    assert (row["unit"], row["reported_unit"]) == ("VND/month", "VND/year")


def test_double_is_a_change_of_plus_100_percent(figures):
    row = figures.set_index("figure_id").loc["lang-son-2024-f28"]  # "double that of 2021"
    assert (row["kind"], row["value"], row["unit"], row["base_period"]) == ("change_pct", 100.0, "%", "2021")


def test_garbled_rows_carry_their_correction(figures):
    flagged = figures[figures["flag"] != ""].set_index("figure_id")
    assert flagged.loc["quang-tri-2024-f08", "measure"] == "cooperative_groups"
    assert "1,981 cooperatives, 341 cooperatives" in flagged.loc["quang-tri-2024-f08", "flag_reason"]
    assert flagged.loc["quang-tri-2024-f12", "measure"] == "avg_revenue_per_cooperative_group"
    assert (figures["flag_reason"] != "").sum() == len(flagged)


def test_province_comes_from_articles(figures):
    assert figures.groupby("article_id")["province"].unique().map(list).to_dict() == {
        "lang-son-2024": ["Lang Son"],
        "nghe-an-2012": ["Nghe An"],
        "quang-ninh-2024": ["Quang Ninh"],
        "quang-tri-2024": ["Quang Tri"],
        "tra-vinh-2023": ["Tra Vinh"],
    }


# One test per kind of bad row ------------------------------------------------------------

BAD_ROWS = [
    ("quote not found", {"quote": "the province has 999 cooperatives"}, "quote not found in 001_"),
    ("quote found twice", {"quote": "9 members"}, "occurs 2 times"),
    ("quote with other spacing", {"quote": "the province has  established 257 new cooperatives"}, "spaces or case"),
    ("no number", {"quote": "Improving the quality of cooperative operations"}, "no number in the quote"),
    ("ambiguous number", {"quote": "an increase of 22.7% compared to 2021", "number": ""}, "set the number column"),
    ("number not in quote", {"number": "258"}, "is not one of the numbers in the quote"),
    ("unknown measure", {"measure": "coops"}, "unknown measure 'coops'"),
    ("unknown kind", {"kind": "estimate"}, "unknown kind 'estimate'"),
    ("bad scope syntax", {"scope": "district Bac Son"}, "scope 'district Bac Son' must be"),
    ("unknown district", {"scope": "district:Atlantis"}, "district 'Atlantis' is not listed for Lang Son"),
    ("unknown article", {"article_id": "hanoi-2030"}, "unknown article_id 'hanoi-2030'"),
    ("duplicate figure_id", {"figure_id": "lang-son-2024-f19"}, "duplicate figure_id"),
    ("bad period", {"period": "2024/25"}, "period '2024/25' is not one of"),
    ("base period on a level", {"base_period": "2021"}, "base_period is only for changes"),
    ("unit does not fit measure", {"measure": "loans_disbursed"}, "expected an amount in VND"),
]


# The sign and the bounds come from the quote alone: a quote that leaves out the words of change or
# the qualifier next to its number would read another value than the text states.
OUTSIDE_THE_QUOTE = [
    (
        "lang-son-2024-f49",
        {"quote": "22.7% compared to 2021", "kind": "share_pct", "base_period": ""},
        "'an increase of 22.7%' (an increase), but the quote alone does not; widen the quote",
    ),
    (
        "quang-ninh-2024-f04",
        {"quote": "VND 1,263 billion"},
        "'over VND 1,263 billion' (more than), but the quote alone reads an exact",
    ),
]


@pytest.mark.parametrize("figure_id,changes,message", OUTSIDE_THE_QUOTE, ids=["change", "qualifier"])
def test_words_outside_the_quote_that_change_its_reading_are_a_problem(seed_copy, figure_id, changes, message):
    line = edit_figure(seed_copy, figure_id, **changes)
    _, problems = check_figures(seed_copy / "seeds")
    assert [str(p) for p in problems if str(p).startswith(f"seeds/figures.csv:{line}:")] == [
        next(str(p) for p in problems if message in str(p))
    ]


def test_a_change_may_leave_its_base_period_empty(seed_copy):
    # "has increased by more than VND220 million": the article does not say against when
    line = edit_figure(seed_copy, "lang-son-2024-f49", base_period="")
    figures, problems = check_figures(seed_copy / "seeds")
    assert not [p for p in problems if p.line == line]
    assert figures.set_index("figure_id").loc["lang-son-2024-f49", "value"] == 22.7


@pytest.mark.parametrize("case,changes,message", BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
def test_bad_row_names_file_line_and_fix(seed_copy, case, changes, message):
    line = edit_figure(seed_copy, "lang-son-2024-f20", **changes)
    with pytest.raises(SeedError) as error:
        load_figures(seed_copy / "seeds")
    problems = [str(p) for p in error.value.problems]
    assert any(p.startswith(f"seeds/figures.csv:{line}:") and message in p for p in problems), problems


def test_extra_field_is_reported(seed_copy):
    path = seed_copy / "seeds" / "figures.csv"
    path.write_text(
        path.read_text(encoding="utf-8") + "x,lang-son-2024,q,,members,level,2024,,province,,a,,extra\n",
        encoding="utf-8",
    )
    _, problems = check_figures(seed_copy / "seeds")
    assert any("more fields than columns" in str(p) for p in problems)


def test_missing_required_column_is_reported(seed_copy):
    path = seed_copy / "seeds" / "figures.csv"
    header, rows = read_rows(path)
    write_rows(
        path, [c for c in header if c != "period"], [{k: v for k, v in r.items() if k != "period"} for r in rows]
    )
    _, problems = check_figures(seed_copy / "seeds")
    assert [str(p) for p in problems if p.file.endswith("figures.csv")] == [
        "seeds/figures.csv:1: the header lacks 'period'; it must be: "
        + ",".join(FIGURE_COLUMNS)
        + " (got: "
        + ",".join(c for c in header if c != "period")
        + ")"
    ]


def test_correction_must_agree_with_the_figure(seed_copy):
    edit_figure(seed_copy, "quang-tri-2024-f08", measure="cooperatives")
    _, problems = check_figures(seed_copy / "seeds")
    assert any(str(p).startswith("seeds/corrections.csv:3:") and "differs from the measure" in str(p) for p in problems)


def test_every_problem_is_reported_not_only_the_first(seed_copy):
    edit_figure(seed_copy, "lang-son-2024-f01", measure="nope")
    edit_figure(seed_copy, "tra-vinh-2023-f01", kind="nope")
    _, problems = check_figures(seed_copy / "seeds")
    assert len(problems) == 2
