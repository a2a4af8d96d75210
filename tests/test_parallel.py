"""Work shared among processes gives what one process gives: extraction of many articles, figures loaded once."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import time
from pathlib import Path

import psutil
import pytest
from pandas.testing import assert_frame_equal

from conftest import SEEDS, edit_figure
from conftest import run_cli as coopanalysis
from coopanalysis import load_figures
from coopanalysis.base.parallel import batches, in_order, map_in_order, spawned_pool
from coopanalysis.base.problems import WorkerLost
from coopanalysis.figures.table import check_figures

HELDOUT = Path(__file__).parent / "fixtures" / "heldout" / "articles"


def _articles(folder: Path, copies: int) -> Path:
    """Copies of the seed and held-out articles, numbers shifted so that no two are alike: enough files
    for the command to share them among workers."""
    folder.mkdir()
    texts = sorted([*(SEEDS / "articles").glob("*.txt"), *HELDOUT.glob("*.txt")])
    for copy in range(copies):
        for path in texts:
            shifted = re.sub(
                r"(?<!\d)\d{1,3}(?!\d)",
                lambda m, copy=copy: str(int(m.group(0)) + copy),
                path.read_text(encoding="utf-8"),
            )
            (folder / f"{path.stem}_{copy:02d}.txt").write_text(shifted, encoding="utf-8")
    return folder


def test_extracting_many_articles_in_two_processes_prints_what_one_prints(tmp_path):
    folder = _articles(tmp_path / "many", 4)
    (folder / "latin1.txt").write_bytes("Tr\xe0 Vinh has 12 cooperatives.".encode("latin-1"))
    one = coopanalysis("extract", str(folder), "--format", "csv", "--jobs", "1")
    two = coopanalysis("extract", str(folder), "--format", "csv", "--jobs", "2")
    assert one.returncode == two.returncode == 2  # the Latin-1 file is refused, the others extracted
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert one.stdout.count("\n") > 400 and "latin1.txt" in one.stderr


def test_figures_checked_in_two_processes_are_those_of_one(seed_copy):
    edit_figure(seed_copy, "lang-son-2024-f01", measure="nope")
    edit_figure(seed_copy, "quang-tri-2024-f05", quote="disbursed loans to 28 projects")
    one, one_problems = check_figures(seed_copy / "seeds")
    two, two_problems = check_figures(seed_copy / "seeds", jobs=2)
    assert_frame_equal(one, two)
    assert one_problems == two_problems and len(one_problems) == 2


def test_results_come_back_in_the_order_of_the_work():
    work = batches(list(range(-50, 50)), jobs=2)
    assert len(work) == 8 and [x for batch in work for x in batch] == list(range(-50, 50))
    assert map_in_order(sorted, [list(reversed(b)) for b in work], 2) == work


def test_a_batch_that_fails_stops_the_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing-a"):  # an error in a worker reaches the caller
        map_in_order(shutil.rmtree, [str(tmp_path / "missing-a"), str(tmp_path / "missing-b")], 2)


class _Runs:
    """A pickle that runs code when loaded: what a crafted cache file could do."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (Path.write_text, (self.path, "ran"))


def test_load_figures_reads_nothing_an_environment_variable_names(seed_copy, tmp_path, monkeypatch):
    """A loader that read a pickle named by an environment variable returned a crafted file's numbers as
    reviewed figures, and unpickling ran its code: no such cache is consulted any more."""
    import pickle

    corpus = seed_copy / "seeds"
    figures = load_figures([corpus])
    crafted = tmp_path / "cache"
    crafted.mkdir()
    # Where that loader looked: a name from the corpora, proposals and every file of the corpora.
    digest = hashlib.sha256()
    digest.update(f"corpus {corpus.name}\0".encode())
    for path in sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith(".")):
        digest.update(path.relative_to(corpus).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    request = "\0".join([str(corpus.resolve()), "proposals=False", digest.hexdigest()])
    (crafted / f"{hashlib.sha256(request.encode()).hexdigest()}.pickle").write_bytes(
        pickle.dumps(_Runs(tmp_path / "ran.txt"))
    )
    monkeypatch.setenv("COOPANALYSIS_LOADED_FIGURES", str(crafted))
    assert_frame_equal(load_figures([corpus]), figures)
    assert not (tmp_path / "ran.txt").exists()


def _dies_on(item: str) -> str:
    """In a worker: the item "die" kills its process (as kill -9 or the out-of-memory killer does), noting when."""
    if item.startswith("die:"):
        Path(item[4:]).write_text(repr(time.time()))
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.5)
    return item


@pytest.mark.parametrize("ordered", [True, False], ids=["in-order", "as-ready"])
def test_a_worker_killed_fails_the_pool_within_seconds(tmp_path, ordered):
    """Every pool (extraction, checks, the run's notebooks): a lost worker is an error at once, not a wait forever."""
    killed = tmp_path / "killed"
    work = ["a", "b", f"die:{killed}", "c", "d", "e"]

    def run() -> None:
        if ordered:
            map_in_order(_dies_on, work, 2)
        else:
            with spawned_pool(2) as pool:
                list(pool.imap_unordered(_dies_on, work))

    with pytest.raises(
        WorkerLost, match=r"a worker process died .killed, or out of memory.; nothing was changed"
    ) as lost:
        run()
    waited = time.time() - float(killed.read_text())
    assert lost.value.exit_code == 75 and waited < 5, waited


def spawned_workers(process: psutil.Process) -> list[psutil.Process]:
    """The worker processes ``process`` started (not multiprocessing's resource tracker)."""
    found = []
    for child in process.children():
        try:
            command = " ".join(child.cmdline())
        except psutil.Error:  # ended meanwhile
            continue
        if "spawn_main" in command and "resource_tracker" not in command:
            found.append(child)
    return found


def test_a_caller_that_stops_early_stops_every_worker_at_once():
    results = in_order(_dies_on, [str(n) for n in range(40)], 2)
    assert next(results) == "0"
    workers = spawned_workers(psutil.Process())
    assert len(workers) == 2
    started = time.monotonic()
    results.close()
    _, alive = psutil.wait_procs(workers, timeout=5)
    assert not alive and time.monotonic() - started < 5


_PARENT = """
import sys, time
from coopanalysis.base.parallel import in_order
sys.path.insert(0, sys.argv[1])
from test_parallel import _dies_on
for _ in in_order(_dies_on, [str(n) for n in range(400)], 2):
    pass
"""


def test_workers_end_when_their_command_is_killed_with_sigkill():
    """kill -9 leaves the command no chance to stop its workers: they end by themselves, so none
    outlives it holding its output open."""
    import subprocess
    import sys

    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(Path(__file__).parent)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers := spawned_workers(psutil.Process(parent.pid))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) == 2
        parent.kill()
        started = time.monotonic()
        parent.communicate(timeout=30)  # returns only once no worker holds the pipes
        _, alive = psutil.wait_procs(workers, timeout=5)
        assert not alive and time.monotonic() - started < 5
    finally:  # only the processes this test started: never this process's own helpers
        for process in [parent, *workers]:
            with contextlib.suppress(ProcessLookupError, psutil.Error):
                process.kill()


def _held_at_start(record: str) -> None:
    """In a worker, before anything else: are Ctrl-C and SIGTERM held (they were since its interpreter started)?"""
    Path(record).write_text(
        repr(sorted(signal.pthread_sigmask(signal.SIG_BLOCK, []) & {signal.SIGINT, signal.SIGTERM}))
    )


def _held_now(_: object) -> list[int]:
    return sorted(signal.pthread_sigmask(signal.SIG_BLOCK, []) & {signal.SIGINT, signal.SIGTERM})


def test_a_worker_starts_with_interrupts_held_and_then_takes_them(tmp_path):
    """Ctrl-C while a worker's interpreter starts waits for its initializer (which ignores it) instead of
    killing it with a traceback on the command's terminal; then the worker takes signals again."""
    record = tmp_path / "held"
    with spawned_pool(1, _held_at_start, (str(record),)) as pool:
        assert list(pool.imap(_held_now, [None])) == [[]]
    assert record.read_text() == repr(sorted([signal.SIGINT, signal.SIGTERM]))
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # and this process's as before
