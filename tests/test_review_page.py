"""The review page: every proposal in its text, how each number was read, and what to check."""

from __future__ import annotations

import math

from conftest import run_cli as coopanalysis
from coopanalysis.review.page import read_as

TEXT = (
    "HA GIANG - By the end of 2023 Ha Giang province had over 650 cooperatives, down 3 cooperatives compared "
    "to 2022, and incomes of 4 to 8 million VND/person/month.\n"
)


def test_read_as_says_bound_range_and_sign():
    row = {
        "qualifier": "more_than",
        "kind": "level",
        "unit": "cooperatives",
        "value": math.nan,
        "low": 650.0,
        "high": math.nan,
    }
    assert read_as(row) == "lower bound: at least 650 cooperatives"
    assert (
        read_as({**row, "qualifier": "exact", "kind": "change_abs", "value": -3.0, "low": -3.0, "high": -3.0})
        == "exact, a decrease: -3 cooperatives"
    )
    assert read_as({**row, "qualifier": "range", "unit": "VND/month", "low": 4e6, "high": 8e6}).startswith("range: ")


def test_the_page_shows_how_each_proposal_was_read(seed_copy, tmp_path):
    article = tmp_path / "hagiang.txt"
    article.write_text(TEXT, encoding="utf-8")
    appended = coopanalysis("extract", str(article), "--append", "--published", "2024-01-05", root=seed_copy)
    assert appended.returncode == 0, appended.stderr
    article_id = next(line.split(" as ")[1].split()[0] for line in appended.stdout.splitlines() if " as " in line)
    page = tmp_path / "review.html"
    result = coopanalysis("review", article_id, "--out", str(page), root=seed_copy)
    assert result.returncode == 0, result.stderr
    content = page.read_text(encoding="utf-8")
    assert "<th>read as</th>" in content
    assert "lower bound: at least 650 cooperatives" in content
    assert "exact, a decrease: -3 cooperatives" in content


def test_read_as_shows_every_digit_the_text_states():
    row = {
        "qualifier": "exact",
        "kind": "change_pct",
        "unit": "VND/year",
        "value": 153.45,
        "low": 153.45,
        "high": 153.45,
    }
    assert read_as(row) == "exact: 153.45%"
    assert (
        read_as({**row, "qualifier": "less_than", "kind": "level", "value": math.nan, "low": math.nan, "high": 3.3e9})
        == "upper bound: at most 3.3 billion VND/year"
    )
    assert (
        read_as({**row, "qualifier": "range", "kind": "level", "unit": "VND/month", "low": 4.5e6, "high": 8e6})
        == "range: 4.5–8 million VND/month"
    )
    assert (
        read_as({**row, "qualifier": "range", "kind": "level", "unit": "cooperatives", "low": 200, "high": 250})
        == "range: 200–250 cooperatives"
    )
