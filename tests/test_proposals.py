"""coopanalysis extract on the command line, and --append into the seeds."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
from conftest import ROOT
from conftest import run_cli as coopanalysis

from coopanalysis import load_figures
from coopanalysis.base.text import normalize_text
from coopanalysis.extract import EXTRACT_COLUMNS, extract_figures, reject_reasons
from coopanalysis.review.proposals import proposed_non_statistics, quotes_beside

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic" / "seeds" / "articles"



def test_extract_prints_csv_with_the_columns_first():
    result = coopanalysis("extract", str(ROOT / "seeds" / "articles" / "004_4b93608559866fd8.txt"))
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert list(table.columns[: len(EXTRACT_COLUMNS)]) == EXTRACT_COLUMNS
    assert len(table) == 17 and set(table["province"]) == {"Quang Tri"}


def test_extract_table_for_people():
    result = coopanalysis("extract", str(SYNTHETIC / "s02_tan_uyen.txt"), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("s02_tan_uyen.txt: 18 proposed figures; province: Lai Chau (named in the text ('Lai Chau'")
    assert "about 3.4 billion VND/year" in result.stdout


def test_evaluate_prints_the_measured_table():
    result = coopanalysis("extract", "--evaluate")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:6] == ["set", "articles", "gold", "proposed", "matched", "recall"]
    assert [line.split()[0] for line in lines[1:4]] == ["seeds", "synthetic", "held-out"]


def test_append_adds_unreviewed_rows_without_touching_reviewed_ones(seed_copy):
    seeds = seed_copy / "seeds"
    before = {name: (seeds / name).read_bytes() for name in ("figures.csv", "articles.csv", "non_statistics.csv")}
    result = coopanalysis("extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", root=seed_copy)
    assert result.returncode == 0, result.stderr
    assert "s01_ha_tinh.txt: appended 22 unreviewed figures as ha-tinh-2024" in result.stdout
    for name, content in before.items():
        assert (seeds / name).read_bytes().startswith(content)  # reviewed rows unchanged, new rows at the end
    figures = load_figures(seeds, proposals=True)
    new = figures[figures["article_id"] == "ha-tinh-2024"]
    assert len(new) == 22 and not new["reviewed"].any() and figures[figures["article_id"] != "ha-tinh-2024"]["reviewed"].all()
    assert (seeds / "articles" / "s01_ha_tinh.txt").read_bytes() == (SYNTHETIC / "s01_ha_tinh.txt").read_bytes()
    check = coopanalysis("check", root=seed_copy)
    assert check.returncode == 0, check.stderr  # every number of the new article is accounted for


def test_append_refuses_an_existing_article_id(seed_copy):
    result = coopanalysis("extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", "--article-id", "lang-son-2024", root=seed_copy)
    assert result.returncode == 2 and "article_id 'lang-son-2024' exists already" in result.stderr


def test_a_text_already_in_a_corpus_pooled_with_this_one_is_not_added_again(seed_copy, tmp_path):
    seeds = seed_copy / "seeds"
    copy = tmp_path / "same.txt"
    copy.write_bytes((seeds / "articles" / "001_bfb3a51db69d5cc1.txt").read_bytes())
    result = coopanalysis("extract", str(copy), "--append", "--corpus", "corpora/mine", root=seed_copy)
    assert result.returncode == 2 and "this text is already in seeds as 001_bfb3a51db69d5cc1.txt" in result.stderr
    assert not (seed_copy / "corpora" / "mine").exists()


def test_a_date_only_as_the_merger_year_asks_for_the_day(seed_copy, tmp_path):
    article = tmp_path / "khanhhoa_2025.txt"
    article.write_text("KHANH HOA - Khanh Hoa province has 371 co-operatives and 1,012 co-operative groups.\n")
    refused = coopanalysis("extract", str(article), "--append", root=seed_copy)
    assert refused.returncode == 2 and "pass --published YYYY-MM-DD" in refused.stderr
    added = coopanalysis("extract", str(article), "--append", "--published", "2025-08-27", root=seed_copy)
    assert added.returncode == 0 and "as khanh-hoa-2025 " in added.stdout, added.stderr


def test_a_line_of_numbers_only_is_quoted_with_the_words_of_the_lines_around_it(seed_copy, tmp_path):
    # A time stamp on a line of its own, as Vietnamese provincial papers print it under the
    # headline, and a stray counter on the first line: no word on their line to quote beside them.
    article = tmp_path / "bentre_2010.txt"
    article.write_text("123\nTỉnh Bến Tre có 101 hợp tác xã\n\n15/12/2010 - 08:13\n\n"
                       "Theo báo cáo của UBND tỉnh Bến Tre, cho đến nay toàn tỉnh có 17.356 xã viên.\n", encoding="utf-8")
    added = coopanalysis("extract", str(article), "--append", root=seed_copy)
    assert added.returncode == 0, added.stderr
    rows = pd.read_csv(seed_copy / "seeds" / "non_statistics.csv", dtype=str, keep_default_na=False)
    quotes = rows[rows["article_id"] == "ben-tre-2010"]["quote"].tolist()
    assert "123\nTỉnh" in quotes and "08:13\n\nTheo" in quotes
    assert coopanalysis("check", root=seed_copy).returncode == 0


def test_the_non_statistics_of_an_article_cover_every_rejected_number_and_no_proposal():
    text = normalize_text((SYNTHETIC / "s02_tan_uyen.txt").read_text(encoding="utf-8"))
    proposals = extract_figures(text)
    rows = proposed_non_statistics("s02", text, proposals)
    rejected = reject_reasons(text)
    assert len(rows) == len(rejected) > 0
    spans = list(zip(proposals["number_start"], proposals["number_end"]))
    for row, number in zip(rows, rejected):
        assert number.text in row["quote"] and re.search(r"[^\W\d_]", row["quote"])
        assert row["category"] == number.category and row["reason"].startswith("Proposed by the extractor: ")
        for at in (m.start() for m in re.finditer(re.escape(row["quote"]), text)):
            assert not any(at <= start and end <= at + len(row["quote"]) for start, end in spans), row["quote"]


def test_a_number_between_two_proposals_is_quoted_without_covering_either():
    text = "The province has 120 cooperatives, and in 2024 it had 45 cooperative groups."
    figures = [(text.index("120"), text.index("120") + 3), (text.index("45"), text.index("45") + 2)]
    year = SimpleNamespace(start=text.index("2024"), end=text.index("2024") + 4, text="2024")
    [quote] = quotes_beside(text, [year], figures)
    assert "2024" in quote and "120" not in quote and "45" not in quote
