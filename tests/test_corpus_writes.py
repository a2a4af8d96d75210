"""Writes to a corpus are all-or-nothing and one at a time; adding an article works from the README alone."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import read_rows, run_cli

from coopanalysis.articles import commit as corpus_commit
from coopanalysis.base.problems import OutputRefused
from coopanalysis.review.dating import DATE_PHRASES, proposed_date
from coopanalysis.review.proposals import append_proposals

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic" / "seeds" / "articles"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def article_ids(corpus: Path) -> list[str]:
    return [row["article_id"] for row in read_rows(corpus / "articles.csv")[1]]


def test_concurrent_appends_into_one_corpus_keep_every_article(seed_copy):
    """Real processes appending different articles at once: each waits for the other, none is lost."""
    env = {**os.environ, "COOPANALYSIS_ROOT": str(seed_copy)}
    files = sorted(SYNTHETIC.glob("*.txt"))[:4]
    processes = [subprocess.Popen([sys.executable, "-m", "coopanalysis", "extract", str(f), "--append",
                                   "--article-id", f"added-{n}"], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for n, f in enumerate(files)]
    results = [(p.communicate(timeout=300)[1], p.returncode)[::-1] for p in processes]
    assert [code for code, _ in results] == [0] * len(files), results
    assert sorted(a for a in article_ids(seed_copy / "seeds") if a.startswith("added-")) == [f"added-{n}" for n in range(4)]
    figures = {row["article_id"] for row in read_rows(seed_copy / "seeds" / "figures.csv")[1]}
    assert {f"added-{n}" for n in range(4)} <= figures
    result = run_cli("check", root=seed_copy)  # whole tables: the corpus checks with all nine articles
    assert result.returncode == 0 and "from 9 articles" in result.stdout, result.stderr
    assert not list((seed_copy / "seeds").glob(".coopanalysis-*")) and not list((seed_copy / "seeds").rglob("*.pending"))


def test_a_full_disk_in_the_middle_of_the_writes_changes_nothing_and_a_retry_works(seed_copy, monkeypatch):
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    seeds = seed_copy / "seeds"
    before = snapshot(seeds)
    written = []
    real = corpus_commit._write_synced

    def fills_up(path: Path, data: bytes) -> None:
        if len(written) == 3:  # the text and two tables are staged: then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        real(path, data)

    monkeypatch.setattr(corpus_commit, "_write_synced", fills_up)
    with pytest.raises(OutputRefused, match=r"cannot be written .no space left on device.; nothing was changed"):
        append_proposals(SYNTHETIC / "s01_ha_tinh.txt", seeds=seeds)
    assert snapshot(seeds) == before  # no text, no row, no checksum, no staged file
    monkeypatch.setattr(corpus_commit, "_write_synced", real)
    article_id, count = append_proposals(SYNTHETIC / "s01_ha_tinh.txt", seeds=seeds)  # the retry is not refused
    assert article_id == "ha-tinh-2024" and count > 0 and article_id in article_ids(seeds)


def test_a_writer_killed_after_its_commit_is_finished_by_the_next_one(seed_copy, monkeypatch):
    """kill -9 between the commit and the renames: the next writer completes it; the corpus is never half-appended."""
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    seeds = seed_copy / "seeds"

    def killed(corpus: Path) -> None:
        raise SystemExit("killed")  # the journal is in place, nothing renamed yet

    monkeypatch.setattr(corpus_commit, "_finish", killed)
    with pytest.raises(SystemExit):
        append_proposals(SYNTHETIC / "s01_ha_tinh.txt", seeds=seeds)
    assert (seeds / corpus_commit.JOURNAL).is_file() and "ha-tinh-2024" not in article_ids(seeds)
    monkeypatch.undo()
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    second, _ = append_proposals(SYNTHETIC / "s03_phu_tho.txt", seeds=seeds)  # finishes the first, then appends
    assert {"ha-tinh-2024", second} <= set(article_ids(seeds))
    assert not (seeds / corpus_commit.JOURNAL).exists() and not list(seeds.rglob("*.pending"))
    result = run_cli("extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", root=seed_copy)
    assert result.returncode == 2 and "already in seeds as" in result.stderr  # whole, so not added twice


def test_a_new_corpus_folder_is_created_with_its_tables(seed_copy):
    result = run_cli("extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", "--corpus", "corpora/mine", root=seed_copy)
    assert result.returncode == 0, result.stderr
    corpus = seed_copy / "corpora" / "mine"
    assert sorted(p.name for p in corpus.iterdir()) == ["articles", "articles.csv", "articles.sha256", "corrections.csv",
                                                       "figures.csv", "non_statistics.csv", "proposals.csv"]
    result = run_cli("check", "--corpus", "seeds", "--corpus", "corpora/mine", root=seed_copy)
    assert "is also in" not in result.stderr and "Traceback" not in result.stderr


def test_a_refused_append_into_a_new_corpus_leaves_no_folder(seed_copy, tmp_path):
    (tmp_path / "no_province.txt").write_text("The cooperative has 12 members in 2024.\n")
    result = run_cli("extract", str(tmp_path / "no_province.txt"), "--append", "--corpus", "corpora/mine", root=seed_copy)
    assert result.returncode == 2 and not (seed_copy / "corpora" / "mine").exists(), result.stderr


def test_the_default_id_never_clashes_with_a_corpus_used_together(seed_copy, tmp_path):
    """quang-ninh-2024 is a seed: an article of Quang Ninh in 2024 added to another corpus gets a suffix."""
    assert "quang-ninh-2024" in article_ids(seed_copy / "seeds")
    article = tmp_path / "qn.txt"
    article.write_text("Quang Ninh province news\n\nAs of the end of July 2024, Quang Ninh province had 1,300 "
                       "cooperatives with 20,000 members.\n")
    result = run_cli("extract", str(article), "--append", "--corpus", "corpora/mine", root=seed_copy)
    assert result.returncode == 0 and "as quang-ninh-2024-2 to corpora/mine" in result.stdout, result.stderr
    row = read_rows(seed_copy / "corpora" / "mine" / "articles.csv")[1][0]
    assert row["published"] == "2024-07"  # the month the text states, not the year alone
    other = tmp_path / "qn-other.txt"
    other.write_text("Quang Ninh province news\n\nQuang Ninh province had 1,310 cooperatives in 2024.\n")
    result = run_cli("extract", str(other), "--append", "--article-id", "quang-ninh-2024", "--corpus", "corpora/other",
                     root=seed_copy)
    assert result.returncode == 2 and "exists already in seeds" in result.stderr


@pytest.mark.parametrize("text,expected", [
    ("VINH LONG — 12/03/2026: the province has 120 cooperatives.", "2026-03-12"),
    ("At the end of July 2024, the province had 120 cooperatives. It aims at 200 by the end of July 2030.", "2024-07"),
    ("The province had 120 cooperatives in 2023.", "2023"),
])
def test_the_proposed_date_is_the_one_the_text_states(text, expected):
    assert proposed_date(text)[0] == expected


def test_every_date_phrase_reads_its_example():
    rows = read_rows(DATE_PHRASES)[1]
    assert rows and all(row["example"] for row in rows)
    assert [proposed_date(row["example"])[0] for row in rows] == [row["expect"] for row in rows]
