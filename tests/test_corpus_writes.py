"""Writes to a corpus are all-or-nothing and one at a time; adding an article works from the README alone."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import edit_figure, read_rows, run_cli
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
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "coopanalysis", "extract", str(f), "--append", "--article-id", f"added-{n}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, f in enumerate(files)
    ]
    results = [(p.communicate(timeout=300)[1], p.returncode)[::-1] for p in processes]
    assert [code for code, _ in results] == [0] * len(files), results
    assert sorted(a for a in article_ids(seed_copy / "seeds") if a.startswith("added-")) == [
        f"added-{n}" for n in range(4)
    ]
    figures = {row["article_id"] for row in read_rows(seed_copy / "seeds" / "figures.csv")[1]}
    assert {f"added-{n}" for n in range(4)} <= figures
    result = run_cli("check", root=seed_copy)  # whole tables: the corpus checks with all nine articles
    assert result.returncode == 0 and "from 9 articles" in result.stdout, result.stderr
    assert not list((seed_copy / "seeds").glob(".coopanalysis-*")) and not list(
        (seed_copy / "seeds").rglob("*.pending")
    )


def test_a_full_disk_in_the_middle_of_the_writes_changes_nothing_and_a_retry_works(seed_copy, monkeypatch):
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    seeds = seed_copy / "seeds"
    before = snapshot(seeds)
    written = []
    real = corpus_commit.write_new

    def fills_up(path: Path, data: bytes, mode: int) -> None:
        if len(written) == 3:  # the text and two tables are staged: then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        real(path, data, mode)

    monkeypatch.setattr(corpus_commit, "write_new", fills_up)
    with pytest.raises(OutputRefused, match=r"cannot be written .no space left on device.; nothing was changed"):
        append_proposals(SYNTHETIC / "s01_ha_tinh.txt", seeds=seeds)
    assert snapshot(seeds) == before  # no text, no row, no checksum, no staged file
    monkeypatch.setattr(corpus_commit, "write_new", real)
    article_id, count = append_proposals(SYNTHETIC / "s01_ha_tinh.txt", seeds=seeds)  # the retry is not refused
    assert article_id == "ha-tinh-2024" and count > 0 and article_id in article_ids(seeds)


def test_a_writer_killed_after_its_commit_is_finished_by_the_next_one(seed_copy, monkeypatch):
    """kill -9 between the commit and the renames: the next writer completes it; the corpus is never half-appended."""
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    seeds = seed_copy / "seeds"

    def killed(corpus: Path, entries: list) -> None:
        raise SystemExit("killed")  # the journal is in place, nothing renamed yet

    monkeypatch.setattr(corpus_commit, "finish", killed)
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
    result = run_cli(
        "extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", "--corpus", "corpora/mine", root=seed_copy
    )
    assert result.returncode == 0, result.stderr
    corpus = seed_copy / "corpora" / "mine"
    assert sorted(p.name for p in corpus.iterdir()) == [
        "articles",
        "articles.csv",
        "articles.sha256",
        "corrections.csv",
        "figures.csv",
        "non_statistics.csv",
        "proposals.csv",
    ]
    result = run_cli("check", "--corpus", "seeds", "--corpus", "corpora/mine", root=seed_copy)
    assert "is also in" not in result.stderr and "Traceback" not in result.stderr


def test_a_refused_append_into_a_new_corpus_leaves_no_folder(seed_copy, tmp_path):
    (tmp_path / "no_province.txt").write_text("The cooperative has 12 members in 2024.\n")
    result = run_cli(
        "extract", str(tmp_path / "no_province.txt"), "--append", "--corpus", "corpora/mine", root=seed_copy
    )
    assert result.returncode == 2 and not (seed_copy / "corpora" / "mine").exists(), result.stderr


def test_the_default_id_never_clashes_with_a_corpus_used_together(seed_copy, tmp_path):
    """quang-ninh-2024 is a seed: an article of Quang Ninh in 2024 added to another corpus gets a suffix."""
    assert "quang-ninh-2024" in article_ids(seed_copy / "seeds")
    article = tmp_path / "qn.txt"
    article.write_text(
        "Quang Ninh province news\n\nAs of the end of July 2024, Quang Ninh province had 1,300 "
        "cooperatives with 20,000 members.\n"
    )
    result = run_cli("extract", str(article), "--append", "--corpus", "corpora/mine", root=seed_copy)
    assert result.returncode == 0 and "as quang-ninh-2024-2 to corpora/mine" in result.stdout, result.stderr
    row = read_rows(seed_copy / "corpora" / "mine" / "articles.csv")[1][0]
    assert row["published"] == "2024-07"  # the month the text states, not the year alone
    other = tmp_path / "qn-other.txt"
    other.write_text("Quang Ninh province news\n\nQuang Ninh province had 1,310 cooperatives in 2024.\n")
    result = run_cli(
        "extract",
        str(other),
        "--append",
        "--article-id",
        "quang-ninh-2024",
        "--corpus",
        "corpora/other",
        root=seed_copy,
    )
    assert result.returncode == 2 and "exists already in seeds" in result.stderr


@pytest.mark.parametrize(
    "text,expected",
    [
        ("VINH LONG — 12/03/2026: the province has 120 cooperatives.", "2026-03-12"),
        (
            "At the end of July 2024, the province had 120 cooperatives. It aims at 200 by the end of July 2030.",
            "2024-07",
        ),
        ("The province had 120 cooperatives in 2023.", "2023"),
    ],
)
def test_the_proposed_date_is_the_one_the_text_states(text, expected):
    assert proposed_date(text)[0] == expected


def test_every_date_phrase_reads_its_example():
    rows = read_rows(DATE_PHRASES)[1]
    assert rows and all(row["example"] for row in rows)
    assert [proposed_date(row["example"])[0] for row in rows] == [row["expect"] for row in rows]


#: A writer killed (SIGKILL, as kill -9 or the out-of-memory killer) when it calls ``function`` of ``module``
#: for the ``call``-th time: its commit stops there, with no cleanup.
KILLED_AT = """
import os, signal, sys
import {module} as target
real, calls = target.{function}, []
def killed(*args, **kwargs):
    calls.append(1)
    if len(calls) >= {call}:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
target.{function} = killed
from coopanalysis.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def killed_at(root: Path, module: str, function: str, *args: str, call: int = 1) -> subprocess.CompletedProcess:
    script = KILLED_AT.format(module=module, function=function, call=call)
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COOPANALYSIS_ROOT": str(root)},
        timeout=300,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    return result


def staged_files(corpus: Path) -> list[str]:
    return sorted(p.name for p in corpus.rglob(".*") if p.name != "articles")


def test_a_check_after_a_writer_killed_mid_commit_finishes_it_and_says_so(seed_copy):
    """kill -9 after the article was renamed in, its checksum and rows still pending: the next reader finishes
    the commit (no "add its sha256sum line"), says so, and sees the whole corpus."""
    seeds = seed_copy / "seeds"
    article = str(SYNTHETIC / "s01_ha_tinh.txt")
    killed_at(seed_copy, "os", "replace", "extract", article, "--append", call=3)  # the journal, the text: then killed
    assert (seeds / "articles" / "s01_ha_tinh.txt").is_file() and "ha-tinh-2024" not in article_ids(seeds)
    assert corpus_commit.JOURNAL in staged_files(seeds)
    result = run_cli("check", root=seed_copy)
    assert result.returncode == 0 and "from 6 articles" in result.stdout, result.stderr
    assert "seeds/: an append was interrupted after its commit step: finished it" in result.stderr
    assert "sha256sum" not in result.stderr and staged_files(seeds) == []
    assert "ha-tinh-2024" in article_ids(seeds)


def test_an_interrupted_commit_never_puts_a_stale_table_over_a_later_edit(seed_copy):
    """After a half commit, a user who adds the checksum line by hand and edits figures.csv keeps the edit:
    the staged figures.csv was staged against the table before the edit, so it is discarded, and said."""
    seeds = seed_copy / "seeds"
    killed_at(seed_copy, "os", "replace", "extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", call=3)
    listing = seeds / "articles.sha256"
    listing.write_text(
        listing.read_text() + f"{hashlib.sha256((SYNTHETIC / 's01_ha_tinh.txt').read_bytes()).hexdigest()}"
        f"  s01_ha_tinh.txt\n"
    )
    edit_figure(seed_copy, "lang-son-2024-f01", note="my note, written after the interrupted append")
    edited = (seeds / "figures.csv").read_bytes()
    result = run_cli("check", root=seed_copy)
    assert (seeds / "figures.csv").read_bytes() == edited
    assert (
        "figures.csv was changed after the commit was interrupted: kept as it is, and the version the commit "
        "staged discarded"
    ) in result.stderr
    assert staged_files(seeds) == [] and "Traceback" not in result.stderr


def test_a_staged_file_without_a_journal_is_discarded_not_renamed_in(seed_copy, monkeypatch):
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    seeds = seed_copy / "seeds"
    (seeds / ".figures.csv.pending").write_text("figure_id,article_id\nNOT-THIS,NOT-THIS\n")  # a write never committed
    before = (seeds / "figures.csv").read_text()
    article_id, count = append_proposals(SYNTHETIC / "s01_ha_tinh.txt", seeds=seeds)
    after = (seeds / "figures.csv").read_text()
    assert after.startswith(before) and "NOT-THIS" not in after and after.count(f",{article_id},") == count
    assert staged_files(seeds) == []


def test_a_new_corpus_survives_a_first_append_killed_before_its_commit(seed_copy):
    article = str(SYNTHETIC / "s01_ha_tinh.txt")
    append = ("extract", article, "--append", "--corpus", "corpora/mine")
    killed_at(seed_copy, "coopanalysis.articles.commit", "write_journal", *append)
    corpus = seed_copy / "corpora" / "mine"
    assert corpus_commit.LOCK in staged_files(corpus) and not (corpus / "articles.csv").exists()
    result = run_cli(*append, root=seed_copy)
    assert result.returncode == 0, result.stderr
    assert "corpora/mine/: a write was interrupted before its commit step: removed the" in result.stderr
    assert article_ids(corpus) == ["ha-tinh-2024"] and staged_files(corpus) == []


def test_a_new_corpus_survives_a_first_append_killed_after_its_commit(seed_copy):
    append = ("extract", str(SYNTHETIC / "s01_ha_tinh.txt"), "--append", "--corpus", "corpora/mine")
    killed_at(seed_copy, "coopanalysis.articles.commit", "finish", *append)
    result = run_cli(*append, root=seed_copy)  # finishes the first, which added this very text
    assert result.returncode == 2 and "already in corpora/mine as s01_ha_tinh.txt" in result.stderr, result.stderr
    assert "finished it" in result.stderr
    result = run_cli("check", "--corpus", "corpora/mine", root=seed_copy)
    assert "Traceback" not in result.stderr and "is not a corpus" not in result.stderr
    assert article_ids(seed_copy / "corpora" / "mine") == ["ha-tinh-2024"]


def test_two_first_appends_into_one_new_corpus_both_succeed_in_turn(seed_copy):
    env = {**os.environ, "COOPANALYSIS_ROOT": str(seed_copy)}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coopanalysis",
                "extract",
                str(SYNTHETIC / name),
                "--append",
                "--corpus",
                "corpora/mine",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("s01_ha_tinh.txt", "s03_phu_tho.txt")
    ]
    results = [(p.communicate(timeout=300)[1], p.returncode) for p in processes]
    assert [code for _, code in results] == [0, 0], results
    assert len(article_ids(seed_copy / "corpora" / "mine")) == 2


def test_an_append_keeps_the_modes_of_the_tables_it_rewrites(seed_copy, monkeypatch):
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    seeds = seed_copy / "seeds"
    (seeds / "figures.csv").chmod(0o600)
    (seeds / "articles.csv").chmod(0o444)
    append_proposals(SYNTHETIC / "s01_ha_tinh.txt", seeds=seeds)
    assert "ha-tinh-2024" in article_ids(seeds)
    assert (seeds / "figures.csv").stat().st_mode & 0o777 == 0o600
    assert (seeds / "articles.csv").stat().st_mode & 0o777 == 0o444
    assert (seeds / "articles" / "s01_ha_tinh.txt").stat().st_mode & 0o777 == 0o644  # a new file


@pytest.mark.parametrize(
    "variant",
    [
        lambda text: text.replace("\n", "\r\n"),
        lambda text: "\ufeff" + text.replace(" ", "  ").replace("\n", " \n"),
        lambda text: unicodedata.normalize("NFD", text),
    ],
    ids=["crlf", "bom-and-spaces", "decomposed"],
)
def test_the_same_article_saved_otherwise_is_not_added_twice(seed_copy, tmp_path, variant):
    original = (seed_copy / "seeds" / "articles" / "003_d36188c9aec664f3.txt").read_text(encoding="utf-8")
    saved = tmp_path / "again.txt"
    saved.write_bytes(variant(original).encode("utf-8"))
    assert saved.read_bytes() != original.encode("utf-8")
    result = run_cli("extract", str(saved), "--append", "--article-id", "quang-ninh-again", root=seed_copy)
    assert result.returncode == 2, result.stderr
    assert (
        "this text is already in seeds as 003_d36188c9aec664f3.txt (the same words, saved with other" in result.stderr
    )
    assert "quang-ninh-again" not in article_ids(seed_copy / "seeds")


def test_check_finds_an_article_listed_twice_in_two_savings(seed_copy):
    from conftest import add_article

    original = (seed_copy / "seeds" / "articles" / "003_d36188c9aec664f3.txt").read_bytes()
    add_article(
        seed_copy,
        "900_again.txt",
        original.replace(b"\n", b"\r\n"),
        article_id="quang-ninh-again",
        province="Quang Ninh",
    )
    result = run_cli("check", root=seed_copy)
    assert result.returncode == 2 and "900_again.txt has the same text as 003_d36188c9aec664f3.txt" in result.stderr


def test_ctrl_c_in_any_thread_during_the_commit_takes_effect_after_it(seed_copy, monkeypatch):
    """The kernel may deliver Ctrl-C to any thread (a second one runs here): the commit ends whole, then the
    interrupt is raised, saying the write is complete."""
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    seeds = seed_copy / "seeds"
    other = threading.Thread(target=time.sleep, args=(3,), daemon=True)
    other.start()
    real = corpus_commit.sync_folder

    def interrupted(folder: Path) -> None:  # right after the commit's rename, before the files are in place
        signal.pthread_kill(other.ident, signal.SIGINT)
        time.sleep(0.2)  # the main thread would run the handler here
        real(folder)

    monkeypatch.setattr(corpus_commit, "sync_folder", interrupted)
    with pytest.raises(KeyboardInterrupt) as caught:
        append_proposals(SYNTHETIC / "s01_ha_tinh.txt", seeds=seeds)
    assert "seeds/ was being committed, which was finished first: the write is complete" in caught.value.__notes__[0]
    assert "ha-tinh-2024" in article_ids(seeds) and staged_files(seeds) == []
    result = run_cli("check", root=seed_copy)
    assert result.returncode == 0 and "from 6 articles" in result.stdout, result.stderr


def test_a_reader_waits_for_a_commit_and_sees_the_corpus_before_or_after_it(seed_copy, monkeypatch):
    """check started while an append commits: it waits (saying so), then reads the corpus with the whole append."""
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    seeds = seed_copy / "seeds"
    halfway, go_on = threading.Event(), threading.Event()
    real = corpus_commit.finish

    def slow(corpus: Path, entries: list) -> list[str]:
        halfway.set()
        go_on.wait(60)
        return real(corpus, entries)

    monkeypatch.setattr(corpus_commit, "finish", slow)
    writer = threading.Thread(target=append_proposals, args=(SYNTHETIC / "s01_ha_tinh.txt",), kwargs={"seeds": seeds})
    writer.start()
    assert halfway.wait(120)
    reader = subprocess.Popen(
        [sys.executable, "-m", "coopanalysis", "check"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COOPANALYSIS_ROOT": str(seed_copy)},
    )
    time.sleep(8)  # long enough to start, read the corpus and check it, were it not waiting
    assert reader.poll() is None
    go_on.set()
    writer.join(60)
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0 and "from 6 articles" in out, err
    assert "waiting for a write to seeds/ to finish" in err
