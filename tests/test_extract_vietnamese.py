"""The extractor on Vietnamese text: the language's word order, its numerals, and the words folding merges."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from coopanalysis.base.paths import project_root
from coopanalysis.base.text import normalize_text
from coopanalysis.extract import detect_province, extract_figures, reject_reasons


def _read(text: str, lang: str = "vi") -> dict[str, dict]:
    """number -> its proposal (the last one of that number)."""
    return {row["number"]: row for row in extract_figures(text, lang=lang).to_dict("records")}


def _rejected(text: str, lang: str = "vi") -> set[str]:
    return {r.text for r in reject_reasons(text, lang)}


# Folded, Vietnamese words that differ by their marks meet: a row names the words it means as written
# (``exact``), and the other word does not trigger it. Each pair: the row's word, then its look-alike.
@pytest.mark.parametrize(
    "meant,look_alike",
    [
        (
            ("Toàn tỉnh có 3 quỹ tín dụng nhân dân", "3", "peoples_credit_funds"),
            ("Trong 3 quý đầu năm, tỉnh thành lập mới 12 HTX", "3", None),
        ),  # quỹ (fund) / quý (quarter)
        (
            ("Năm nay có thêm 35 HTX mới", "35", "new_cooperatives"),
            ("Toàn tỉnh có 20 HTX mỗi xã", "20", "other"),
        ),  # mới (new) / mỗi (each: a ratio, 20 per commune)
        (
            ("liên kết với 12 hộ nông dân", "12", "partner_households"),
            ("xã có 3 hồ chứa nước", "3", "other"),
        ),  # hộ (household) / hồ (lake)
        (
            ("HTX có lãi 2 tỷ đồng", "2", "total_profit"),
            ("HTX thu lại 2 tỷ đồng", "2", "other"),
        ),  # lãi (profit) / lại (again)
    ],
)
def test_words_folding_merges_are_told_apart(meant, look_alike):
    for text, number, measure in (meant, look_alike):
        proposals = _read(text)
        if measure is None:
            assert number not in proposals and number in _rejected(text), text
        else:
            assert proposals[number]["measure"] == measure, (text, proposals[number]["evidence"])


@pytest.mark.parametrize(
    "text,number",
    [
        ("HTX thu 50 triệu đồng mỗi tháng", "50"),  # thu (collect), not thứ (ordinal)
        ("Tỉnh cấp 12 tỷ đồng cho các HTX", "12"),  # an amount granted, not a level "cấp 2"
        ("Các hộ trồng ngô 50 ha", "50"),  # ngô (maize), not ngõ (lane) of an address
        ("Doanh thu tăng tới 10-15%", "10-15"),  # tới (up to), not tối (evening) of a date
        ("Có 50 nam và 30 nữ tham gia", "50"),  # nam (men), not năm (years)
    ],
)
def test_look_alikes_of_non_statistic_words_stay_figures(text, number):
    assert number in _read(text) and number not in _rejected(text), text


@pytest.mark.parametrize(
    "text,number",
    [
        ("tổ chức Hội nghị lần thứ 7, Ban Chấp hành khóa VI", "7"),
        ("Trong 3 quý đầu năm, tỉnh thành lập mới 12 HTX", "3"),
        ("Giai đoạn 2021-2025, tỉnh phấn đấu thành lập mới 60 HTX", "2021-2025"),
        ("Sáng 23/1, Liên minh HTX tỉnh tổ chức hội nghị", "23"),
    ],
)
def test_vietnamese_non_statistics(text, number):
    assert number in _rejected(text) and number not in _read(text), text


def test_the_noun_comes_first_and_its_modifiers_after():
    found = _read("Tỉnh có 8.512 thành viên HTX nông nghiệp, 27 mô hình HTX toàn thôn và 500 con bò")
    assert found["8.512"]["measure"] == "members"  # not the cooperatives that modify it
    assert found["27"]["measure"] == "cooperatives"  # past a classifier
    assert found["500"]["measure"] == "other"  # "con" counts animals: an unknown noun, not a left-out one


def test_a_count_of_people_takes_a_topic_of_people_only():
    assert _read("Thành viên tham gia có trên 2.374 người")["2.374"]["measure"] == "members"
    assert _read("Hợp tác xã có 50 người")["50"]["measure"] == "other"
    assert _read("Số lượng tổ hợp tác tăng từ 1.200 tổ lên 1.650 tổ")["1.650"]["measure"] == "cooperative_groups"


def test_a_fraction_of_units_set_up_is_done_against_a_plan():
    found = extract_figures("Năm 2020, tỉnh thành lập mới 11/15 HTX", lang="vi")
    assert found[["number", "measure", "kind"]].values.tolist() == [
        ["11", "new_cooperatives", "level"],
        ["15", "new_cooperatives", "target"],
    ]


def test_an_average_said_once_holds_for_each_amount_of_the_list():
    found = _read("Doanh thu và lợi nhuận bình quân của HTX lần lượt là 2,1 tỷ đồng và 180 triệu đồng")
    assert (found["2,1"]["measure"], found["180"]["measure"]) == (
        "avg_revenue_per_cooperative",
        "avg_profit_per_cooperative",
    )


def test_periods_in_vietnamese():
    found = _read("Số lượng tổ hợp tác tăng từ 1.200 tổ năm 2020 lên 1.650 tổ năm 2023, theo Luật HTX năm 2012.")
    assert (found["1.200"]["period"], found["1.650"]["period"]) == ("2020", "2023")  # right after the count
    assert "2012" not in {row["period"] for row in found.values()}  # a law's year dates nothing


def test_a_province_counts_where_it_is_written_as_a_name():
    # Folded, "đã nâng" (has raised) is "da nang" and "diễn biến" (developments) "dien bien".
    assert detect_province("Toàn tỉnh đã nâng tổng số HTX lên 120. Diễn biến thị trường thuận lợi.")[0] == ""
    assert detect_province("Tỉnh Đà Nẵng có 120 HTX")[0] == "Da Nang"
    assert detect_province("Tỉnh Hoà Bình có 120 HTX")[0] == "Hoa Binh"  # the tone placed the old way


def test_text_is_read_composed_and_in_its_own_language():
    text = "Năm 2023, toàn tỉnh Lâm Đồng có 479 hợp tác xã với 66.221 thành viên, vốn điều lệ 1.056,714 tỷ đồng."
    composed = extract_figures(text)
    pd.testing.assert_frame_equal(composed, extract_figures(unicodedata.normalize("NFD", text)))
    pd.testing.assert_frame_equal(composed, extract_figures(text, lang="vi"))
    assert composed["value"].tolist() == [479, 66221, 1056.714e9]


def test_english_rows_do_not_read_vietnamese_and_back():
    # "tổ" folds to "to", "máy" to "may": each language's rows read its own texts only.
    assert _read("HTX có 20 máy gặt đập")["20"]["measure"] == "other"  # machines, not 20 May
    assert "20" in _rejected("The meeting on 20 May 2024 approved the plan.", "en")
    text = "date 2024-07-01\nFrom 2021 to the present, the province set up 120 cooperatives."
    assert "2021" in _rejected(text, "en")  # a year, not "2021 tổ" (2021 groups): "tổ" is no English noun
    assert _read(text, "en")["120"]["period"] == "2021-2024"


def _unmarked(text: str) -> str:
    """``text`` as typed without its diacritics."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _readings(text: str) -> list[tuple]:
    found = extract_figures(text, published="2023-06")
    return [
        (r.number_start, r.measure, r.kind, r.value if r.value == r.value else None, r.province)
        for r in found.itertuples()
    ]


UNMARKED = (
    "Tỉnh Lạng Sơn hiện có 120 hợp tác xã với 5.000 thành viên, tăng 12 HTX so với năm 2022. Doanh thu bình "
    "quân của một hợp tác xã đạt 1,2 tỷ đồng/năm; thu nhập bình quân của người lao động khoảng 4,5 triệu "
    "đồng/tháng. Toàn tỉnh có 20 quỹ tín dụng nhân dân và hơn 300 tổ hợp tác."
)


@pytest.mark.parametrize(
    "spelling", [_unmarked, str.upper, lambda t: _unmarked(t).upper()], ids=["without marks", "in capitals", "both"]
)
def test_vietnamese_without_marks_or_in_capitals_reads_its_measures(spelling):
    expected = _readings(UNMARKED)
    assert {r[1] for r in expected} >= {
        "cooperatives",
        "members",
        "avg_revenue_per_cooperative",
        "avg_income_per_worker",
        "peoples_credit_funds",
        "cooperative_groups",
    }
    assert _readings(spelling(UNMARKED)) == expected


def test_the_dev_articles_read_the_same_without_their_marks_or_in_capitals():
    articles = sorted((project_root().parent / "shared" / "devset-vi" / "articles").glob("*.txt"))
    if not articles:
        pytest.skip("the Vietnamese dev set (../shared/devset-vi) is not on this machine")
    for path in articles:
        text = normalize_text(path.read_text(encoding="utf-8"))
        expected = _readings(text)
        for spelling in (_unmarked(text), text.upper()):
            assert _readings(spelling) == expected, path.name
