"""Review effort: proposals kept, corrected (by field), deleted and added, measured after a real append."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, read_rows, write_rows
from conftest import run_cli as coopanalysis

from coopanalysis import review_effort

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic" / "seeds" / "articles"


def test_review_effort_counts_what_the_reviewer_did(seed_copy):
    seeds = seed_copy / "seeds"
    assert coopanalysis("extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", root=seed_copy).returncode == 0
    proposals = pd.read_csv(seeds / "proposals.csv", dtype=str, keep_default_na=False)
    assert len(proposals) == 22 and set(proposals["status"]) == {"unreviewed"}  # kept as proposed, for this count

    header, rows = read_rows(seeds / "figures.csv")
    new = [row for row in rows if row["article_id"] == "ha-tinh-2024"]
    for row in new[:10]:                       # 10 checked and kept (a new note is no correction)
        row.update(status="reviewed", note="Checked against the quote.")
    new[10].update(status="reviewed", measure="other")                   # 1 corrected: measure
    new[11].update(status="reviewed", period="2023", scope="national")   # 1 corrected: period and scope
    deleted = new[12]["figure_id"]                                       # 1 deleted
    added = {**new[13], "figure_id": "ha-tinh-2024-f01", "status": "reviewed"}  # 1 added by hand
    rows = [row for row in rows if row["figure_id"] != deleted] + [added]
    write_rows(seeds / "figures.csv", header, rows)

    (row,) = review_effort(seeds).itertuples()
    assert (row.proposed, row.kept, row.corrected, row.deleted, row.added, row.pending) == (22, 10, 2, 1, 1, 22 - 13)
    assert (row.corrected_measure, row.corrected_period, row.corrected_scope, row.corrected_quote) == (1, 1, 1, 0)


@pytest.mark.parametrize(("corpus", "articles"), [("news", 16), ("vi", 10)])
def test_the_committed_review_effort_of_each_corpus_is_current(corpus, articles):
    folder = ROOT / "corpora" / corpus
    committed = pd.read_csv(folder / "reviews.csv", dtype={"article_id": str})
    computed = review_effort(folder)
    pd.testing.assert_frame_equal(committed, computed, check_dtype=False)
    # Every article was reviewed to the end.
    assert len(computed) == articles and computed["pending"].sum() == 0


def test_the_reviews_command_writes_each_corpus_table(seed_copy):
    result = coopanalysis("reviews", root=seed_copy)
    assert result.returncode == 0 and "no corpus here has proposals.csv" in result.stdout
    assert not (seed_copy / "seeds" / "reviews.csv").exists()


def test_the_readme_reports_the_measured_totals():
    computed = review_effort(ROOT / "corpora" / "news").drop(columns="article_id").sum()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| **all (16)** |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert [int(c) for c in cells[2:7]] == [computed[c] for c in ("proposed", "kept", "corrected", "deleted", "added")]


def test_the_readme_reports_the_vietnamese_corpus_article_by_article():
    computed = review_effort(ROOT / "corpora" / "vi").set_index("article_id")
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith("**Review effort of the Vietnamese corpus**")))
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in lines[start:] if line.startswith("| ") and not line.startswith(("| article ", "| --- "))]
    rows = rows[:len(computed) + 1]  # the articles, then the total
    counted = ("proposed", "kept", "corrected", "deleted", "added")
    assert {cells[0]: [int(c) for c in cells[1:6]] for cells in rows[:-1]} == {
        article_id: [row[c] for c in counted] for article_id, row in computed.iterrows()}
    assert rows[-1][0] == f"**all ({len(computed)})**"
    assert [int(c) for c in rows[-1][1:6]] == [computed[c].sum() for c in counted]
