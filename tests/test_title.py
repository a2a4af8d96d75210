"""The title ``extract --append`` proposes: the headline, never a site banner, a caption or a paragraph."""

from __future__ import annotations

import csv
import re

import pytest

from coopanalysis.base.paths import project_root
from coopanalysis.base.text import normalize_text
from coopanalysis.review.title import BANNERS, proposed_title

with open(BANNERS, newline="", encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle))


@pytest.mark.parametrize("row", ROWS, ids=[f"{i + 2}:{r['role']}" for i, r in enumerate(ROWS)])
def test_every_banner_row_gives_the_title_its_example_expects(row):
    assert proposed_title(row["example"]) == row["expect"]


def test_a_text_that_starts_in_its_body_has_no_headline_and_takes_the_address_words():
    body = (
        "Bên cạnh việc gắn với tái cơ cấu nông nghiệp, các hợp tác xã ở Cà Mau đổi mới trong điều hành sản xuất "
        "kinh doanh, tìm kiếm thị trường đầu ra cho nông sản, nhìn chung quy mô còn nhỏ lẻ.\nHeading in the body\n"
    )
    assert proposed_title(body) == ""  # a paragraph is no title, nor a line after it
    address = "https://baotintuc.vn/kinh-te/doi-moi-nen-kinh-te-tap-the-bai-1-20170730210910371.htm"
    assert proposed_title(body, address) == "Doi moi nen kinh te tap the bai 1 (from the address)"
    assert (
        proposed_title(body, "https://en.vietnamplus.vn/agricultural-cooperatives-thriving/156458.vnp")
        == "Agricultural cooperatives thriving (from the address)"
    )


def test_a_time_stamp_or_a_counter_line_is_no_headline():
    assert proposed_title("123\n15:59, 23/01/2024\nThứ Tư, 17/01/2018, 08:37 (GMT+7)\n") == ""


SHARED = project_root().parent / "shared"


@pytest.mark.parametrize("folder", ["devset", "devset-vi", "inbox"])
def test_real_captures_get_their_headline_or_none(folder):
    base = SHARED / folder
    if not (base / "articles.csv").is_file():
        pytest.skip(f"../shared/{folder} is not on this machine")
    with open(base / "articles.csv", newline="", encoding="utf-8") as handle:
        articles = list(csv.DictReader(handle))
    for article in articles:
        text = normalize_text((base / article["file"]).read_text(encoding="utf-8"))
        title = proposed_title(text)
        assert len(title) <= 160 and not re.search(r"\.(?:vn|com)\b|\(Photo|\(Ảnh|Báo in", title), (
            article["file"],
            title,
        )
        if title:  # a headline, as the reader took it from the text
            assert re.sub(r" \(.*\)$", "", article["title"]) == title, (article["file"], title)
        else:  # the reader's title came from elsewhere (the page, the address): no line of the text is it
            assert re.sub(r" \(.*\)$", "", article["title"]) not in text.splitlines(), (
                article["file"],
                article["title"],
            )
