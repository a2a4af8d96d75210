"""What a figure describes where its own words leave it unsaid: the units counted before it (extract/subsets.py)."""

from __future__ import annotations

from coopanalysis.extract import extract_figures


def _definitions(text: str, lang: str = "en") -> dict[str, str]:
    proposals = extract_figures(text, lang=lang)
    return dict(zip(proposals["number"], proposals["definition"]))


def test_the_members_of_new_units_are_of_those_units():
    found = _definitions(
        "Năm 2017, toàn tỉnh thành lập mới được 47 hợp tác xã nông nghiệp (HTX); trong đó, có 27 mô "
        "hình HTX toàn thôn; thành viên tham gia có trên 2.374 người, tổng vốn điều lệ trên 28,9 tỷ đồng.",
        "vi",
    )
    assert found["2.374"] == "members of the 47 new agricultural cooperatives"  # not of the 27, a part of them
    assert found["28,9"] == "charter capital of the 47 new agricultural cooperatives"
    assert found["47"] == "new agricultural cooperatives only"


def test_members_of_cooperatives_where_the_article_counts_groups_apart():
    text = (
        "Toàn tỉnh có 1.103 tổ hợp tác các loại, thu hút sự tham gia của 14 ngàn thành viên. "
        "Cho đến nay toàn tỉnh có 101 hợp tác xã, với 17.356 xã viên, tổng vốn điều lệ 99,43 tỷ đồng."
    )
    found = _definitions(text, "vi")
    assert found["14"] == "members of cooperative groups, not of cooperatives"
    assert found["17.356"] == "members of cooperatives, not of cooperative groups"
    assert found["99,43"] == ""  # capital is not divided by both: no definition needed
    alone = _definitions("Cho đến nay toàn tỉnh có 101 hợp tác xã, với 17.356 xã viên.", "vi")
    assert alone["17.356"] == ""  # no groups counted apart: the members are the cooperatives'


def test_a_sentence_that_counts_cooperatives_and_groups_together_defines_nothing():
    found = _definitions(
        "Last year the province set up 35 new co-operatives and 80 co-operative groups, taking the "
        "total to 640 and 3,250, with more than 88,200 members."
    )
    assert found["88,200"] == ""


def test_the_paragraph_counts_the_units_when_the_sentence_does_not():
    text = (
        "Lũy kế đến nay, trên địa bàn tỉnh có 244 HTX nông nghiệp; trong đó, 43 HTX trồng trọt, 129 HTX dịch vụ "
        "tổng hợp. Tổng số thành viên 6.622 người. Doanh thu năm 2017 đạt trên 58,6 tỷ đồng.\n\n"
        "Năm 2018, tỉnh có 300 HTX. Thu nhập bình quân đạt 3 triệu đồng/người/tháng."
    )
    found = _definitions(text, "vi")
    assert found["43"] == "crop-growing cooperatives only"
    assert (
        found["6.622"] == "members of agricultural cooperatives only"
    )  # the paragraph's first count, not the last part
    assert found["58,6"] == "agricultural cooperatives only"
    assert found["3"] == ""  # another paragraph, about all the cooperatives


def test_a_report_on_agricultural_cooperatives_only_defines_its_averages():
    text = (
        "Đến hết năm 2016, cả nước có 10.756 hợp tác xã nông nghiệp.\n\nDoanh thu bình quân đạt 1,1 tỷ đồng/hợp tác xã."
    )
    assert _definitions(text, "vi")["1,1"] == "agricultural cooperatives only"
    mixed = (
        "Cả nước có 10.756 hợp tác xã nông nghiệp và 20.000 hợp tác xã.\n\n"
        "Doanh thu bình quân đạt 1,1 tỷ đồng/hợp tác xã."
    )
    assert _definitions(mixed, "vi")["1,1"] == ""
