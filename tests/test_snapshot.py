"""A corpus is read once, and only what it is made of: its tables, checksums and the article files they name."""

from __future__ import annotations

import os
import time

import pytest

from conftest import add_article, read_rows, write_rows
from coopanalysis.articles.snapshot import read_corpora, read_corpus
from coopanalysis.articles.table import read_articles
from coopanalysis.figures.check import check_corpora, check_snapshot


def test_the_snapshot_holds_the_corpus_files_and_nothing_else(seed_copy):
    seeds = seed_copy / "seeds"
    read = read_corpus(seeds)
    articles = {f"articles/{row['file']}" for row in read_rows(seeds / "articles.csv")[1]}
    assert articles <= set(read.files)
    assert {name for name in read.files if not name.startswith("articles/")} <= {
        "articles.csv",
        "articles.sha256",
        "figures.csv",
        "corrections.csv",
        "non_statistics.csv",
        "proposals.csv",
        "reviews.csv",
        "decisions.csv",
    }
    assert all(read.data(name) == (seeds / name).read_bytes() for name in articles)


def test_an_unrelated_big_file_or_a_fifo_in_the_folder_is_never_opened(seed_copy):
    seeds = seed_copy / "seeds"
    before = read_corpus(seeds).digest
    with open(seeds / "dump.bin", "wb") as dump:  # 1 GB, sparse: reading it would take seconds and a gigabyte
        dump.truncate(1024**3)
    os.mkfifo(seeds / "pipe.csv")
    os.mkfifo(seeds / "articles" / "not-listed.fifo")
    (seeds / "outputs").mkdir()  # a run's outputs kept inside the corpus: not corpus input
    (seeds / "outputs" / "page.html").write_text("<p>made by a run</p>")
    started = time.monotonic()
    after = read_corpus(seeds)
    assert time.monotonic() - started < 2
    assert after.digest == before
    assert not any("dump" in name or "pipe" in name or "outputs" in name for name in after.files)


def test_a_listed_article_that_is_a_fifo_or_too_big_is_one_problem_not_a_hang(seed_copy):
    seeds = seed_copy / "seeds"
    add_article(seed_copy, "900_fifo.txt", b"Ha Giang province has 3 cooperatives.\n")
    (seeds / "articles" / "900_fifo.txt").unlink()
    os.mkfifo(seeds / "articles" / "900_fifo.txt")  # listed, with a checksum, but a FIFO with no writer
    started = time.monotonic()
    problems = read_articles(seeds).problems
    assert time.monotonic() - started < 2
    assert [p.message for p in problems if "900_fifo" in p.file] == [
        "is a named pipe (FIFO), not a file; give a regular file"
    ]


def test_a_change_after_the_snapshot_is_not_seen_by_what_uses_it(seed_copy):
    """check and the figures use the bytes read once: an edit in between changes neither."""
    seeds = seed_copy / "seeds"
    read = read_corpora([seeds])
    header, rows = read_rows(seeds / "figures.csv")
    write_rows(seeds / "figures.csv", header, rows[:-1])  # a row removed after the snapshot
    add_article(seed_copy, "900_new.txt", b"Ha Giang province has 3 cooperatives.\n")  # and an article added
    checked = check_snapshot(read)
    assert checked.problems == []
    assert len(checked.figures) == len(rows) and "ha-giang-2024" not in set(checked.articles["article_id"])
    figures, problems = check_corpora([seeds])  # a new snapshot sees both changes
    assert len(figures) == len(rows) - 1 and any("900_new.txt" in p.file for p in problems)


def test_the_digest_follows_every_byte_of_the_corpus_and_only_those(seed_copy):
    seeds = seed_copy / "seeds"
    first = read_corpus(seeds).digest
    assert read_corpus(seeds).digest == first
    path = seeds / "corrections.csv"
    path.write_bytes(path.read_bytes() + b"\n")
    assert read_corpus(seeds).digest != first


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd"])
def test_an_article_name_leading_out_of_the_corpus_is_not_read(seed_copy, name):
    seeds = seed_copy / "seeds"
    header, rows = read_rows(seeds / "articles.csv")
    rows[0]["file"] = name
    write_rows(seeds / "articles.csv", header, rows)
    read = read_corpus(seeds)
    assert read.data(f"articles/{name}") is None
    assert any("must be a relative name inside articles/" in p.message for p in read_articles(read).problems)
