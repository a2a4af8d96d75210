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
from coopanalysis.review.proposals import append_proposals, proposed_non_statistics, quotes_beside

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
    assert result.stdout.startswith(
        "s02_tan_uyen.txt: 18 proposed figures; province: Lai Chau (named in the text ('Lai Chau'"
    )
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
    assert (
        len(new) == 22
        and not new["reviewed"].any()
        and figures[figures["article_id"] != "ha-tinh-2024"]["reviewed"].all()
    )
    assert (seeds / "articles" / "s01_ha_tinh.txt").read_bytes() == (SYNTHETIC / "s01_ha_tinh.txt").read_bytes()
    check = coopanalysis("check", root=seed_copy)
    assert check.returncode == 0, check.stderr  # every number of the new article is accounted for


def test_append_refuses_an_existing_article_id(seed_copy):
    result = coopanalysis(
        "extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", "--article-id", "lang-son-2024", root=seed_copy
    )
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
    article.write_text(
        "123\nTỉnh Bến Tre có 101 hợp tác xã\n\n15/12/2010 - 08:13\n\n"
        "Theo báo cáo của UBND tỉnh Bến Tre, cho đến nay toàn tỉnh có 17.356 xã viên.\n",
        encoding="utf-8",
    )
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
    assert len(rows) >= len(rejected) > 0
    assert all(row["category"] == "unread" for row in rows[len(rejected) :])
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


def _articles_row(seeds: Path, article_id: str) -> dict:
    rows = pd.read_csv(seeds / "articles.csv", dtype=str, keep_default_na=False)
    return rows[rows["article_id"] == article_id].iloc[0].to_dict()


def test_a_province_from_the_file_name_says_review_once(seed_copy, tmp_path):
    article = tmp_path / "thai_nguyen_2023.txt"
    article.write_text("By the end of November 2023, the 3 people's credit funds had 4,422 members.\n")
    article_id, _ = append_proposals(article, seeds=seed_copy / "seeds")
    basis = _articles_row(seed_copy / "seeds", article_id)["province_basis"]
    assert basis.count("(review)") == 1 and "from the file name" in basis, basis


def test_the_source_address_names_the_province_and_gives_the_title(seed_copy, tmp_path):
    # The text never names its province ("toàn tỉnh" only), nor does the file name: its paper's site does.
    article = tmp_path / "article1.txt"
    article.write_text(
        "Theo Sở Kế hoạch và Đầu tư tỉnh, đến nay, toàn tỉnh có 479 hợp tác xã (HTX) với 66.221 thành "
        "viên, vốn hoạt động trên 10.000 tỷ đồng và 10.385 lao động trong các lĩnh vực.\n",
        encoding="utf-8",
    )
    address = "http://baolamdong.vn/kinhte/202206/ca-tinh-co-gan-500-hop-tac-xa-3121037/"
    article_id, _ = append_proposals(article, seeds=seed_copy / "seeds", published="2022-06-16", source=address)
    row = _articles_row(seed_copy / "seeds", article_id)
    assert (row["province"], row["source"]) == ("Lam Dong", address) and article_id.startswith("lam-dong-2022")
    assert "source address (baolamdong.vn" in row["province_basis"]
    assert row["title"] == "Ca tinh co gan 500 hop tac xa (from the address)"


def test_quotes_start_and_end_on_word_boundaries():
    """Every quote proposed for the real and synthetic articles, and every quote of a rejected number,
    starts and ends between words wherever the text holds it."""
    texts = sorted((ROOT / "seeds" / "articles").glob("*.txt")) + sorted(SYNTHETIC.glob("*.txt"))
    texts += sorted((ROOT.parent / "shared").glob("*/articles/*.txt"))
    texts = [t for t in texts if "inbox-national" not in t.parts]
    for path in texts:
        text = normalize_text(path.read_text(encoding="utf-8"))
        proposals = extract_figures(text)
        quotes = list(proposals["quote"]) + [row["quote"] for row in proposed_non_statistics("a", text, proposals)]
        for quote in quotes:
            for at in (m.start() for m in re.finditer(re.escape(quote), text)):
                end = at + len(quote)
                inside = (at and text[at - 1].isalnum() and quote[0].isalnum()) or (
                    end < len(text) and text[end].isalnum() and quote[-1].isalnum()
                )
                assert not inside, (path.name, quote, text[max(0, at - 10) : end + 10])


def test_extract_reads_the_province_from_the_source_address_for_one_file_only(tmp_path):
    article = tmp_path / "article1.txt"
    article.write_text("The 3 people's credit funds have 4,422 members and outstanding loans of 278 billion VND.\n")
    result = coopanalysis("extract", str(article), "--source", "https://thainguyentv.vn/outstanding-loans-102521.html")
    assert result.returncode == 0, result.stderr
    assert set(pd.read_csv(io.StringIO(result.stdout))["province"]) == {"Thai Nguyen"}
    refused = coopanalysis("extract", str(article), str(SYNTHETIC / "s01_ha_tinh.txt"), "--source", "https://x.vn/a")
    assert refused.returncode == 2 and "--source" in refused.stderr and "names one article" in refused.stderr


def test_a_proposals_record_written_before_definitions_gains_the_column_and_keeps_its_rows(seed_copy, tmp_path):
    seeds = seed_copy / "seeds"
    old = (
        "figure_id,article_id,quote,number,measure,kind,period,base_period,scope,note,status\n"
        'x-p01,x,"a quote, with a comma",12,cooperatives,level,2020,,province,"Proposed\nby",unreviewed\n'
    )
    (seeds / "proposals.csv").write_text(old, encoding="utf-8")
    article = tmp_path / "bentre_2010.txt"
    article.write_text(
        "Tỉnh Bến Tre có 1.103 tổ hợp tác, thu hút 14 ngàn thành viên. Tỉnh có 101 hợp tác xã, với 17.356 xã viên.\n",
        encoding="utf-8",
    )
    article_id, _ = append_proposals(article, seeds=seeds, published="2010-12-15")
    rows = pd.read_csv(seeds / "proposals.csv", dtype=str, keep_default_na=False)
    assert rows.iloc[0].to_dict() == {
        "figure_id": "x-p01",
        "article_id": "x",
        "quote": "a quote, with a comma",
        "number": "12",
        "measure": "cooperatives",
        "kind": "level",
        "period": "2020",
        "base_period": "",
        "scope": "province",
        "note": "Proposed\nby",
        "status": "unreviewed",
        "definition": "",
    }
    new = rows[rows["article_id"] == article_id]
    assert "members of cooperatives, not of cooperative groups" in set(new["definition"])


def test_the_quotes_of_a_long_line_of_numbers_are_short_and_verbatim():
    # A table that lost its headings: each rejected number is quoted with a few numbers beside it, never
    # with its whole line (the table of rejected numbers would grow with the square of the text).
    text = "The province has 12 cooperatives.\n" + "1 " * 3000 + "\n"
    rows = proposed_non_statistics("a", text, extract_figures(text))
    assert len(rows) >= 3000
    assert max(len(row["quote"]) for row in rows) <= 60 and all(row["quote"] in text for row in rows)


def test_a_number_no_proposal_and_no_rejection_covers_is_written_unread(seed_copy, tmp_path):
    # "double" and the digits of "2.5 times" are numbers to `check`; when the extractor reads no
    # statistic in them, the append writes them for the reviewer instead of being refused.
    article = tmp_path / "can_tho_2026.txt"
    article.write_text(
        'Cooperatives in Can Tho City have a "double impetus" to transform.\n\n'
        "Currently, the city has 745 cooperatives, with a scale 2.5 times larger than before.\n",
        encoding="utf-8",
    )
    added = coopanalysis("extract", str(article), "--append", "--published", "2026-02-22", root=seed_copy)
    assert added.returncode == 0, added.stderr
    rows = pd.read_csv(seed_copy / "seeds" / "non_statistics.csv", dtype=str, keep_default_na=False)
    unread = rows[(rows["article_id"] == "can-tho-2026") & (rows["category"] == "unread")]["quote"].tolist()
    assert any("double" in quote for quote in unread), rows[rows["article_id"] == "can-tho-2026"]
    assert coopanalysis("check", root=seed_copy).returncode == 0
