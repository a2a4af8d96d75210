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
    for row in new[:10]:  # 10 checked and kept (a new note is no correction)
        row.update(status="reviewed", note="Checked against the quote.")
    new[10].update(status="reviewed", measure="other")  # 1 corrected: measure
    new[11].update(status="reviewed", period="2023", scope="national")  # 1 corrected: period and scope
    deleted = new[12]["figure_id"]  # 1 deleted
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


@pytest.mark.parametrize("corpus", ["news", "vi"])
def test_the_committed_review_effort_is_what_the_corpus_gives(corpus):
    # The documentation's review effort pages are generated from these files: they must be current.
    computed = review_effort(ROOT / "corpora" / corpus).set_index("article_id")
    written = pd.read_csv(ROOT / "corpora" / corpus / "reviews.csv").set_index("article_id")
    counted = ["proposed", "kept", "corrected", "deleted", "added"]
    assert written[counted].to_dict("index") == computed[counted].astype(int).to_dict("index")
