"""The extractor on the seeds and on synthetic articles it was not written from."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from conftest import SEEDS
from coopanalysis.articles.table import article_text, load_articles
from coopanalysis.extract import EXTRACT_COLUMNS, detect_province, extract_figures, present_year, reject_reasons

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic" / "seeds"


def _articles(seeds: Path) -> pd.DataFrame:
    return load_articles(seeds)


@pytest.mark.parametrize("seeds", [SEEDS, SYNTHETIC], ids=["seeds", "synthetic"])
def test_province_is_found_as_curated(seeds):
    for article in _articles(seeds).itertuples():
        province, basis = detect_province(article_text(article.file, seeds))
        assert province == article.province, (article.article_id, basis)


def test_province_inference_says_how_and_keeps_shared_names_apart():
    texts = {a.article_id: article_text(a.file, s) for s in (SEEDS, SYNTHETIC) for a in _articles(s).itertuples()}
    assert detect_province(texts["quang-tri-2024"]) == (
        "Quang Tri",
        "inferred from Dakrong district (a district of Quang Tri)",
    )
    # Tan Uyen is a district of Lai Chau and a city of Binh Duong; the word after the name decides.
    assert detect_province(texts["syn-tan-uyen-2024"])[0] == "Lai Chau"
    # Hoang Mai is a town of Nghe An and an urban district of Ha Noi.
    assert detect_province(texts["syn-hoang-mai-2024"]) == (
        "Nghe An",
        "inferred from Hoang Mai town (a town of Nghe An)",
    )
    # "Hoa Binh commune, Chi Lang district" does not make article 001 about Hoa Binh province.
    assert detect_province(texts["lang-son-2024"])[0] == "Lang Son"
    assert detect_province("No place here: 12 cooperatives.") == (
        "",
        "no province named, no known district, nothing in the file name",
    )


def test_columns_and_spans():
    text = article_text("004_4b93608559866fd8.txt")
    proposals = extract_figures(text)
    assert list(proposals.columns[: len(EXTRACT_COLUMNS)]) == EXTRACT_COLUMNS
    for frame in (proposals, extract_figures("no numbers here")):
        assert {c: str(frame[c].dtype) for c in ("start", "number_start", "value", "low", "confidence")} == {
            "start": "int64",
            "number_start": "int64",
            "value": "float64",
            "low": "float64",
            "confidence": "float64",
        }
    for p in proposals.itertuples():
        assert text[p.start : p.end] == p.quote and text.count(p.quote) == 1
        assert p.start <= p.number_start < p.number_end <= p.end and text[p.number_start : p.number_end] == p.number
        assert 0 < p.confidence <= 1


@pytest.mark.parametrize(
    "text,category",
    [
        ("under Decision 2155 QD/UB of the committee", "document_number"),
        ("implementing Decree 45/2021/ND-CP on cooperatives", "document_number"),
        ("on May 23, 2021, the committee", "date"),
        ("Updated: 15/08/2025", "site_boilerplate"),
        ("the province is in the top 10 nationwide", "rank"),
        ("Quang Ninh is one of the leading localities", "phrase"),
        ("18 products have achieved 4 stars", "label"),
        ("After 20 years of establishment", "duration"),
        ("from 2021 to the present", "period"),
        ("phase 2 of the program", "label"),
    ],
)
def test_non_statistics_are_rejected_with_their_category(text, category):
    rejected = reject_reasons(text + ".")
    assert category in {r.category for r in rejected}, rejected


def test_site_counters_and_footer_are_not_figures():
    text = (
        "The province has 12 cooperatives.\n\nSource: Daily News\nHotline: 0239 3855 123\n"
        "  • Online: 28\nViews: 2,418\n"
    )
    assert list(extract_figures(text)["number"]) == ["12"]


def test_present_year_comes_from_dated_mentions():
    assert present_year(article_text("001_bfb3a51db69d5cc1.txt")) == 2024  # "established in April 2024"
    assert present_year(article_text("002_59ef6711756a6120.txt")) == 2023  # "the first half of 2023"


def test_lists_sharing_a_noun_and_garbled_lists_read_literally():
    text = article_text("004_4b93608559866fd8.txt")
    proposals = extract_figures(text).set_index("number")
    # The extractor reads what the text says; seeds/corrections.csv records why 1,981 are groups.
    assert proposals.loc["1,981", "measure"] == "cooperatives"
    assert proposals.loc["82,256", "measure"] == "members"
    tra_vinh = extract_figures(article_text("002_59ef6711756a6120.txt")).set_index("number")
    assert tra_vinh.loc["120", "measure"] == "agricultural_cooperatives"
    assert tra_vinh.loc["29", "measure"] == "non_agricultural_cooperatives"
    assert tra_vinh.loc["16", "measure"] == "peoples_credit_funds"


def test_kinds_scopes_and_periods_from_the_words_around():
    lang_son = extract_figures(article_text("001_bfb3a51db69d5cc1.txt")).set_index("number")
    assert tuple(lang_son.loc["200-250", ["measure", "kind", "period"]]) == ("new_cooperatives", "target", "2021-2025")
    assert tuple(lang_son.loc["22.7", ["kind", "base_period", "measure"]]) == (
        "change_pct",
        "2021",
        "avg_revenue_per_cooperative",
    )
    assert lang_son.loc["73", "scope"] == "district:Bac Son"
    assert lang_son.loc["257", "period"] == "2021-2024"
    assert lang_son.loc["90", "scope"] == "entity:Chu Tinh Organic Cooperative"
    quang_ninh = extract_figures(article_text("003_d36188c9aec664f3.txt")).set_index("number")
    assert quang_ninh.loc["650", "period"].iloc[0] == "2024-05"


# Signs and kinds of changes: a decrease is negative, a level reached is a level, never a range.
SIGNED = [
    (
        "The number of cooperatives in Lang Son province was down 3 cooperatives compared to 2022.",
        "3",
        "change_abs",
        -3,
    ),
    ("Lang Son province had 50% fewer cooperative groups than in 2020.", "50", "change_pct", -50),
    ("In 2023 the number of cooperatives in Lang Son province fell by 3 to 120.", "3", "change_abs", -3),
    ("In 2023 the number of cooperatives in Lang Son province fell by 3 to 120.", "120", "level", 120),
    (
        "Members of cooperatives in Lang Son province decreased from 20,000 in 2022 to 15,000 in 2023.",
        "15,000",
        "level",
        15000,
    ),
    ("Revenue of cooperatives in Lang Son province fell 7% to 1.2 billion VND in 2023.", "7", "change_pct", -7),
    ("Revenue of cooperatives in Lang Son province fell 7% to 1.2 billion VND in 2023.", "1.2", "level", 1.2e9),
    ("Lang Son province recorded an increase of -5% in cooperatives compared to 2022.", "5", "change_pct", -5),
]


@pytest.mark.parametrize("sentence,number,kind,value", SIGNED, ids=[f"{c[1]} in {c[0][:40]}" for c in SIGNED])
def test_changes_read_with_their_sign_and_kind(sentence, number, kind, value):
    proposals = extract_figures(sentence).set_index("number")
    assert (proposals.loc[number, "kind"], proposals.loc[number, "value"]) == (kind, value)


def test_not_over_is_an_upper_bound():
    (row,) = extract_figures("Each cooperative in Lang Son province has not over 12 members.").itertuples()
    assert (row.qualifier, row.high) == ("at_most", 12) and math.isnan(row.low)


def _periods(text: str, published: str = "", lang: str | None = None) -> dict[str, str]:
    proposals = extract_figures(text, published=published, lang=lang)
    return dict(zip(proposals["number"], proposals["period"]))


def test_a_stock_in_a_half_year_is_counted_at_its_end_and_a_flow_over_it():
    found = _periods(
        "In the first half of 2023, the union attracted 6,018 capital contributors, bringing the total "
        "charter capital of its 43 member cooperatives to VND 139 billion. In the first half of 2023, the "
        "province set up 12 cooperatives."
    )
    assert (found["6,018"], found["43"], found["139"], found["12"]) == ("H1 2023", "2023-06", "2023-06", "H1 2023")


def test_a_yearly_figure_read_at_a_month_is_the_years_the_last_full_one_in_a_first_half():
    january = _periods(
        "date 2024-01-23 Toàn tỉnh hiện có 783 HTX; doanh thu bình quân đạt 2,5 tỷ đồng/HTX/năm.", lang="vi"
    )
    assert (january["783"], january["2,5"]) == ("2024-01", "2023")
    august = _periods(
        "Tính đến hết tháng 8 năm 2023, thu nhập bình quân của lao động trong HTX là 52,6 triệu đồng/năm/người.",
        lang="vi",
    )
    assert august["52,6"] == "2023"
    stated = _periods("date 2024-01-23 Năm 2023, doanh thu bình quân đạt 2,5 tỷ đồng/HTX/năm.", lang="vi")
    assert stated["2,5"] == "2023"  # a year the text states is kept


def test_now_dates_a_stock_and_a_running_flow_by_the_articles_month():
    found = _periods(
        "date 2017-07-20 Currently, Vietnam has over 20,000 cooperatives. In the first half of 2017, "
        "the country set up 300 cooperatives."
    )
    assert (found["20,000"], found["300"]) == ("2017-07", "H1 2017")
    flows = _periods("Quỹ hỗ trợ HTX đến nay đã giải ngân 87 dự án.", published="2017-07-30", lang="vi")
    assert flows["87"] == "2017-07"  # the projects financed to date, as both readers of Ca Mau's article date them
    stock = _periods(
        "Toàn tỉnh hiện có 783 HTX, trong đó, năm 2023 có 116 HTX thành lập mới. Khu vực KTTT thu hút "
        "71.000 thành viên.",
        published="2024-01-23",
        lang="vi",
    )
    assert (stock["116"], stock["71.000"]) == ("2023", "2024-01")  # the year dates the events, not the stock after


def test_a_headline_takes_the_period_its_restatement_states():
    text = (
        "TOÀN TỈNH CÓ 931 TỔ HỢP TÁC VÀ 833 HỢP TÁC XÃ\n\n16:12 16/01/2020\n\n"
        "Theo đánh giá của UBND tỉnh, đến ngày 30/6/2015, toàn tỉnh có 931 tổ hợp tác và 833 hợp tác xã."
    )
    proposals = extract_figures(text, lang="vi")
    assert set(proposals["period"]) == {"2015-06"}, proposals[["number", "period", "evidence"]]


def _read(text: str, lang: str | None = None) -> dict[str, tuple[str, str]]:
    proposals = extract_figures(text, lang=lang)
    return {n: (m, d) for n, m, d in zip(proposals["number"], proposals["measure"], proposals["definition"])}


def test_the_one_unit_an_average_is_of_is_no_count():
    for text, lang in (
        ("The average revenue of 1 cooperative is VND 3.2 billion per year.", "en"),
        ("On average, the income of one member is VND 5 million a month.", "en"),
        ("Doanh thu bình quân của 1 HTX đạt 2,5 tỷ đồng/năm.", "vi"),
        ("Bình quân 1 HTX có 30 thành viên.", "vi"),
    ):
        assert not {"1", "one"} & set(_read(text, lang)), text
    assert (
        _read("The union supported the establishment of one cooperative in 2023.")["one"][0]
        == "new_cooperatives_supported"
    )  # a count of one stays one


def test_a_count_of_units_with_a_property_is_a_part_not_the_whole_nor_rated_good():
    found = _read(
        "The province has 120 cooperatives, of which 45 cooperatives have OCOP products, 30 cooperatives "
        "operate fairly and 12 cooperatives sell on e-commerce platforms."
    )
    assert found["120"] == ("cooperatives", "")
    assert found["45"] == ("cooperatives", "only the cooperatives that have OCOP products")
    assert found["30"] == ("cooperatives", "only the cooperatives rated fair")
    assert found["12"] == ("cooperatives", "only the cooperatives that sell on e-commerce platforms")
    vi = _read(
        "Toàn tỉnh có 120 HTX, trong đó 45 HTX có sản phẩm OCOP, 30 HTX hoạt động khá, 12 HTX xếp loại "
        "trung bình, 20 HTX ứng dụng công nghệ cao.",
        "vi",
    )
    assert vi["45"][0] == "ocop_cooperatives"
    assert vi["30"] == ("cooperatives", "only the cooperatives rated fair")  # "khá" is fair, not good
    assert vi["12"] == ("cooperatives", "only the cooperatives rated average")
    assert vi["20"] == ("cooperatives", "only the cooperatives that 'ứng dụng công nghệ cao'")
    assert _read("Toàn tỉnh có 95 hợp tác xã hoạt động hiệu quả.", "vi")["95"][0] == "cooperatives_rated_good"


def test_projects_are_loan_projects_only_where_a_loan_is_spoken_of():
    assert _read("The province carried out 5 pilot projects.")["5"][0] == "other"
    assert _read("Tỉnh triển khai 5 dự án thí điểm.", "vi")["5"][0] == "other"
    assert _read("The fund disbursed loans to 27 projects.")["27"][0] == "loan_projects"
    assert _read("Quỹ đã giải ngân 87 dự án.", "vi")["87"][0] == "loan_projects"


def test_a_change_after_an_average_is_a_change_of_that_average():
    for text, lang, number in (
        (
            (
                "The average revenue of each cooperative reached 1.5 billion VND in 2023. Compared with 2022, revenue "
                "rose by 300 million VND."
            ),
            "en",
            "300",
        ),
        ("Doanh thu bình quân đạt 1,5 tỷ đồng/HTX; doanh thu tăng 300 triệu đồng so với năm 2022.", "vi", "300"),
    ):
        assert _read(text, lang)[number][0] == "avg_revenue_per_cooperative", text
    # a total stated after a total stays a total
    total = _read("Total revenue reached 14.5 billion VND, and revenue rose by 2 billion VND compared with 2022.")
    assert total["2"][0] == "total_revenue"


def test_a_part_of_a_stock_that_stopped_operating_is_a_stock():
    found = _read("Toàn tỉnh có 833 hợp tác xã (trong đó 788 HTX đang hoạt động, 45 HTX ngừng hoạt động).", "vi")
    assert found["788"] == ("cooperatives", "cooperatives in operation only")
    assert found["45"][0] == "other"
    assert _read("Trong năm 2023, toàn tỉnh có 12 HTX ngừng hoạt động.", "vi")["12"][0] == "suspended_cooperatives"


def test_counts_of_units_that_received_loans_are_borrowers():
    for text in (
        "In 2023, 35 cooperatives received loans from the fund.",
        "A total of 120 cooperatives were granted preferential loans worth VND 50 billion.",
        "The fund provided loans for 45 cooperatives.",
        "Some 30 cooperatives accessed credit from the Cooperative Development Support Fund.",
    ):
        counts = extract_figures(text)
        assert counts.iloc[0]["measure"] == "loan_borrowers", (text, counts[["number", "measure", "evidence"]])
    helped = extract_figures("The alliance assisted over 30 cooperatives in accessing loans.")
    assert helped.iloc[0]["measure"] == "cooperatives_supported"  # helped to seek loans, not known to have them


def test_a_running_total_after_new_units_is_the_stock():
    for text in (
        "The province established 25 new cooperatives last year, for a total of 540 cooperatives.",
        "There are 25 newly established cooperatives, taking its total to 540 cooperatives.",
        "Last year 25 new cooperatives were set up, bringing the total to 540.",
    ):
        found = _read(text)
        assert (found["25"][0], found["540"][0]) == ("new_cooperatives", "cooperatives"), text


def test_members_and_employees_together_are_members_so_defined():
    assert _read("The total number of members and employees of the cooperatives is about 1,167.")["1,167"] == (
        "members",
        "members and employees together",
    )


def test_a_count_that_leaves_its_noun_out_is_turned_by_its_own_cues():
    found = _read(
        "During the period, 75 cooperatives were dissolved and 53 others were transformed into businesses; "
        "over 3,750 others were established under the law."
    )
    assert (found["75"][0], found["53"][0], found["3,750"][0]) == (
        "dissolved_cooperatives",
        "converted_cooperatives",
        "new_cooperatives",
    )


def test_star_ratings_of_products_as_an_article_lists_them():
    found = _read(
        "Quang Ninh has 565 OCOP products, including 193 products awarded three stars, 68 four-star, "
        "three products with provincial five stars and 99 meeting 3-5 star standards."
    )
    assert (found["193"][0], found["68"][0], found["three"][0], found["99"][0]) == (
        "ocop_products_3_star",
        "ocop_products_4_star",
        "other",
        "other",
    )


def test_a_part_shares_what_its_whole_takes_part_in():
    found = _read(
        "In the province, there are 219 entities participating in the OCOP programme, including 54 "
        "businesses and 87 cooperatives."
    )
    assert (found["54"][0], found["87"][0]) == ("enterprises", "ocop_cooperatives")


def test_a_stock_planned_by_a_year_is_for_that_year_and_a_flow_over_the_years_to_it():
    found = _periods("date 2024-07-01 By 2030, the province will have 900 cooperatives and will set up 300 new ones.")
    assert (found["900"], found["300"]) == ("2030", "2024-2030")


def test_partners_of_one_cooperative_are_no_count_of_the_provinces_cooperatives():
    found = _read("HTX Cộng đồng Nặm Đăm liên kết với 3 HTX trên địa bàn thu mua nguyên liệu.", "vi")
    assert found["3"][0] == "other"


def test_a_list_of_changes_pairs_with_the_words_before_it_respectively():
    found = _read(
        "The average revenue and profit of a cooperative were estimated at over 1.6 billion VND and 203.5 "
        "million USD, up 3.5 times and 4 times respectively against 2003."
    )
    assert (found["3.5"][0], found["4"][0]) == ("avg_revenue_per_cooperative", "avg_profit_per_cooperative")
    listed = extract_figures(
        "The average revenue reached 3.3 billion VND, with the average profit, labour income, and "
        "number of members per cooperative increasing 27.57 percent, 60 percent, and 42.74 "
        "percent, respectively."
    )
    changes = listed[listed["unit"] == "%"]
    assert set(changes["kind"]) == {"change_pct"}  # the rise is said once for the list
    assert (
        set(changes["measure"]) == {"other"} and changes["confidence"].max() < 0.5
    )  # three words, two keywords: no guess


def test_ratings_in_quotes_and_adjectives_of_quality():
    assert (
        _read('Now, 65 percent of the local cooperatives are ranked as "good".')["65"][0] == "cooperatives_rated_good"
    )
    assert (
        _read("The ministry aims to develop 15,000 effective agricultural cooperatives in 2020.")["15,000"][0]
        == "cooperatives_rated_good"
    )
    assert _read("The district has 32 agricultural service cooperatives.")["32"][0] == "agricultural_cooperatives"


def test_the_end_of_a_change_from_one_share_to_another_is_the_same_share():
    found = _read("nên đã nâng số hợp tác xã hoạt động có hiệu quả từ khoảng 10% năm 2014 lên trên 30% năm 2016.", "vi")
    assert found["10"][0] == found["30"][0] == "cooperatives_rated_good"


def test_a_province_that_leads_the_country_states_its_own_figure():
    for text, lang in (
        ("After a decade of implementation, Quang Ninh province leads the nation with 565 OCOP products.", "en"),
        ("Tỉnh Quảng Ninh dẫn đầu cả nước với 565 sản phẩm OCOP.", "vi"),
    ):
        assert extract_figures(text, lang=lang).iloc[0]["scope"] == "province", text


def test_the_size_of_each_unit_is_no_count_of_the_provinces():
    assert _read("Các THT trên địa bàn tỉnh quy mô không lớn, từ 3-8 hộ thành viên.", "vi")["3-8"][0] == "other"


def test_a_date_the_caller_gives_wins_over_a_date_in_the_pages_chrome():
    # A capture whose first line is the day the page was saved, not the day it was published.
    text = "August 20, 2025\n\nKien Giang province currently has 300 cooperatives with 20,000 members.\n"
    assert set(extract_figures(text, published="2021-12-03")["period"]) == {"2021-12"}
    assert set(extract_figures(text)["period"]) == {"2025-08"}  # no date given: the text's
    assert set(extract_figures(text, published="2025")["period"]) == {"2025-08"}  # the text's, of the year given
