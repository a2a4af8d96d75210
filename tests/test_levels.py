"""Levels stated with a change read as levels, and ratios as ratios, in both languages."""

from __future__ import annotations

import math

import pytest

from coopanalysis.extract import extract_figures
from coopanalysis.quantity.parse import find_quantities, quantity_words


def _read(text: str, lang: str | None = None) -> list[tuple]:
    """(number, kind, value, measure) of each proposal, in text order."""
    found = extract_figures(text, lang=lang)
    return [(f.number, f.kind, None if math.isnan(f.value) else f.value, f.measure) for f in found.itertuples()]


@pytest.mark.parametrize(
    "text,lang,expected",
    [
        # The cases: the level after a change was read as a change of +120, +15,000, +1.2 billion.
        (
            "The number of cooperatives fell by 3 to 120 cooperatives compared to 2022.",
            "en",
            [("3", "change_abs", -3.0, "cooperatives"), ("120", "level", 120.0, "cooperatives")],
        ),
        (
            "The number of members decreased from 20,000 to 15,000 members compared to 2020.",
            "en",
            [("20,000", "level", 20000.0, "members"), ("15,000", "level", 15000.0, "members")],
        ),
        (
            "Average revenue fell 7% to 1.2 billion VND per cooperative compared to 2022.",
            "en",
            [
                ("7", "change_pct", -7.0, "avg_revenue_per_cooperative"),
                ("1.2", "level", 1.2e9, "avg_revenue_per_cooperative"),
            ],
        ),
        (
            "The number of members rose from 1,200 to 1,650 compared to 2020.",
            "en",
            [("1,200", "level", 1200.0, "members"), ("1,650", "level", 1650.0, "members")],
        ),
        (
            "Số hợp tác xã giảm 3 HTX, còn 120 HTX so với năm 2022.",
            "vi",
            [("3", "change_abs", -3.0, "cooperatives"), ("120", "level", 120.0, "cooperatives")],
        ),
        (
            "Số thành viên giảm từ 20.000 xuống 15.000 thành viên so với năm 2020.",
            "vi",
            [("20.000", "level", 20000.0, "members"), ("15.000", "level", 15000.0, "members")],
        ),
        (
            "Doanh thu bình quân giảm 7% xuống còn 1,2 tỷ đồng/HTX so với năm 2022.",
            "vi",
            [
                ("7", "change_pct", -7.0, "avg_revenue_per_cooperative"),
                ("1,2", "level", 1.2e9, "avg_revenue_per_cooperative"),
            ],
        ),
        (
            "Số thành viên tăng từ 1.200 lên 1.650 thành viên so với năm 2020.",
            "vi",
            [("1.200", "level", 1200.0, "members"), ("1.650", "level", 1650.0, "members")],
        ),
    ],
)
def test_a_level_after_a_change_is_a_level(text, lang, expected):
    assert _read(text, lang) == expected


def test_the_level_before_a_change_may_carry_its_date():
    levels = [(m.number, m.level) for m in find_quantities("members decreased from 20,000 in 2022 to 15,000 in 2023")]
    assert levels == [("20,000", "from"), ("2022", ""), ("15,000", "to"), ("2023", "")]


@pytest.mark.parametrize(
    "text",
    [
        "revenue rose 5% compared to 120 last year",  # a comparison's number is no level reached
        "from 3 to 8 households",  # a range, with no change before it
        "12 cooperatives to 2025",
    ],
)
def test_no_level_without_a_change_right_before_it(text):
    assert all(m.level == "" for m in find_quantities(text))


@pytest.mark.parametrize("row", quantity_words("levels"), ids=lambda r: r["phrase"])
def test_level_rows(row):
    found = find_quantities(row["example"], row["lang"])
    change = next(i for i, m in enumerate(found) if m.quantity.direction or m.level == "from")
    assert found[change + 1].level == "to", [(m.text, m.level) for m in found]


@pytest.mark.parametrize(
    "text,lang",
    [
        ("The province has 1.5 cooperatives per commune.", "en"),
        ("On average there are 25 members per cooperative.", "en"),
        ("There are 12 cooperatives in each district.", "en"),
        ("Bình quân toàn tỉnh có 1,5 HTX/xã.", "vi"),
        ("Bình quân có 25 thành viên mỗi hợp tác xã.", "vi"),
    ],
)
def test_a_count_per_unit_is_a_ratio_not_a_count(text, lang):
    (row,) = extract_figures(text, lang=lang).itertuples()
    assert row.measure == "other" and "a ratio" in row.evidence


def test_a_count_without_per_stays_a_count():
    assert _read("The province has 15 cooperatives per the latest report.", "en")[0][3] == "cooperatives"
