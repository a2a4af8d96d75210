"""The data flow of a run: one snapshot read, checked and used; an analysis per content; kept outputs
verified before reuse; faults a scheduled run meets (a cache file that is a FIFO, a full disk, a
killed kernel, outputs inside a corpus)."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, add_article, copy_seeds, read_rows, run_until_a_kernel_runs, write_rows
from conftest import run_cli as coopanalysis
from coopanalysis.analysis import store
from coopanalysis.analysis.build import analyse
from coopanalysis.articles.snapshot import read_corpora, read_corpus
from coopanalysis.reports.params import ParameterError
from coopanalysis.run.cache import CACHE
from coopanalysis.run.verify import compare_trees

QUICK = str(Path(__file__).parent / "fixtures" / "article_figures_only.toml")
FIRST = "01-article-figures"


def executed(stderr: str) -> set[str]:
    return set(re.findall(r"^\[\d+/\d+\] (\S+): ok", stderr, re.MULTILINE))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def add_ha_giang(root: Path) -> None:
    """One more article, every number of it a figure, so that check accepts the corpus."""
    add_article(
        root,
        "ha_giang.txt",
        b"Ha Giang province has 230 cooperatives; the average revenue per cooperative reached 1.2 billion VND/year.",
    )
    header, rows = read_rows(root / "seeds" / "figures.csv")
    for n, (quote, measure) in enumerate(
        (
            ("Ha Giang province has 230 cooperatives", "cooperatives"),
            ("the average revenue per cooperative reached 1.2 billion VND/year", "avg_revenue_per_cooperative"),
        ),
        start=1,
    ):
        rows.append(
            {
                **dict.fromkeys(header, ""),
                "figure_id": f"ha-giang-2024-f0{n}",
                "article_id": "ha-giang-2024",
                "quote": quote,
                "measure": measure,
                "kind": "level",
                "period": "2024",
                "scope": "province",
            }
        )
    write_rows(root / "seeds" / "figures.csv", header, rows)


def shown_articles(out: Path) -> dict[str, set[str]]:
    """The articles each output of a quick run names: the figures table, the report, the article pages."""
    report = (out / "reports" / f"{FIRST}.html").read_text()
    return {
        "figures.csv": set(pd.read_csv(out / "tables" / "figures.csv")["article_id"]),
        "report": {a for a in ("ha-giang-2024", "lang-son-2024") if f"{a}.html" in report},
        "pages": {p.stem for p in (out / "articles").glob("*.html")},
    }


def test_a_run_reads_hashes_and_uses_one_snapshot(seed_copy, tmp_path, monkeypatch):
    """An append that lands while a run checks the corpus is in none of its outputs, and the next run,
    which reads it, executes every report that shows it (never "unchanged" over old figures)."""
    import coopanalysis.run.runner as runner
    from coopanalysis.cli.main import main

    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    real = runner.analyse

    def appended_meanwhile(*args, **kwargs):
        add_ha_giang(seed_copy)  # after the run read the corpus, before it checks and computes
        return real(*args, **kwargs)

    monkeypatch.setattr(runner, "analyse", appended_meanwhile)
    out = tmp_path / "outputs"
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", "--out", str(out), "--config", QUICK, "--jobs", "1"]) == 0
    first = shown_articles(out)
    assert all("ha-giang-2024" not in names for names in first.values()) and "lang-son-2024" in first["report"]

    monkeypatch.setattr(runner, "analyse", real)
    result = coopanalysis("run", "--out", str(out), "--config", QUICK, root=seed_copy)
    assert result.returncode == 0, result.stderr
    assert executed(result.stderr) == {FIRST} and "unchanged" not in result.stderr
    assert all("ha-giang-2024" in names for names in shown_articles(out).values())


def test_outputs_inside_a_corpus_are_never_corpus_input(seed_copy):
    out = seed_copy / "seeds" / "outputs"
    digest = read_corpus(seed_copy / "seeds").digest
    first = coopanalysis("run", "--out", str(out), "--config", QUICK, root=seed_copy)
    assert first.returncode == 0, first.stderr
    assert read_corpus(seed_copy / "seeds").digest == digest
    again = coopanalysis("run", "--out", str(out), "--config", QUICK, root=seed_copy)
    assert again.returncode == 0, again.stderr
    assert executed(again.stderr) == set() and "1 of 1 reports unchanged since the last run: reused" in again.stderr


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> tuple[Path, str]:
    """A copy of the seeds and a quick run of it into outputs/, beside them, with the run's log."""
    project = tmp_path_factory.mktemp("quick-run")
    copy_seeds(project / "seeds")
    first = coopanalysis("run", "--out", str(project / "outputs"), "--config", QUICK, root=project)
    assert first.returncode == 0, first.stderr
    return project, first.stderr


@pytest.fixture
def after_quick_run(quick_run, tmp_path) -> str:
    """This test's own copy of the project after the quick run (its seeds, analysis store and outputs); the run's
    log."""
    shutil.copytree(quick_run[0], tmp_path, dirs_exist_ok=True, symlinks=True)
    return quick_run[1]


@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
def test_a_cache_file_that_leads_to_a_fifo_or_a_device_is_no_cache(tmp_path, target):
    import threading

    from coopanalysis.run.cache import kept_outputs

    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
        target = str(tmp_path / "fifo")
    (tmp_path / CACHE).parent.mkdir(parents=True)
    (tmp_path / CACHE).symlink_to(target)
    read: list = []
    reader = threading.Thread(target=lambda: read.append(kept_outputs(tmp_path)), daemon=True)
    reader.start()
    reader.join(timeout=10)  # a reader that opened the FIFO would wait for a writer for ever
    assert read == [{}]


def test_a_run_whose_cache_leads_to_a_fifo_executes_its_reports_and_does_not_hang(after_quick_run, tmp_path):
    seed_copy, out = tmp_path, tmp_path / "outputs"
    os.mkfifo(tmp_path / "fifo")
    target = str(tmp_path / "fifo")
    (out / CACHE).unlink()
    (out / CACHE).symlink_to(target)
    started = time.monotonic()
    result = coopanalysis("run", "--out", str(out), "--config", QUICK, root=seed_copy)
    assert result.returncode == 0, result.stderr
    assert executed(result.stderr) == {FIRST} and time.monotonic() - started < 300
    assert not (out / CACHE).is_symlink()  # the run's own cache replaces it; the link's target is untouched
    assert os.path.exists(target)


def test_the_cache_is_no_output_and_a_broken_one_reuses_nothing(after_quick_run, tmp_path):
    seed_copy, out = tmp_path, tmp_path / "outputs"
    listed = {line.split("  ")[1] for line in (out / "SHA256SUMS").read_text().splitlines()}
    assert CACHE not in listed
    without = tmp_path / "without"
    shutil.copytree(out, without)
    (without / CACHE).unlink()
    assert compare_trees(out, without) == []  # verify compares outputs, not the cache
    (out / CACHE).write_text("not json")
    result = coopanalysis("run", "--out", str(out), "--config", QUICK, root=seed_copy)
    assert result.returncode == 0, result.stderr
    assert executed(result.stderr) == {FIRST} and "unchanged" not in result.stderr


def test_verify_names_every_changed_output_and_the_next_run_executes_it_again_never_reused(after_quick_run, tmp_path):
    seed_copy, out = tmp_path, tmp_path / "outputs"
    original = tree(out)
    page = out / "reports" / f"{FIRST}.html"
    page.write_text(page.read_text().replace("1,263", "9,263"))  # a number changed by hand
    assert page.read_bytes() != original[f"reports/{FIRST}.html"]
    path = out / "tables" / "indicators.csv"  # a number changed in a table, and a chart deleted
    header, rows = read_rows(path)
    row = next(r for r in rows if r["indicator"] == "loans_per_project")
    old, row["value"] = row["value"], "1"
    write_rows(path, header, rows)
    (out / "charts" / "members_per_organization.png").unlink()

    verify = coopanalysis("verify", "--out", str(out), "--config", QUICK, root=seed_copy)
    assert verify.returncode == 1
    assert f"changed since its run (differs from SHA256SUMS): reports/{FIRST}.html" in verify.stderr
    assert "differs: tables/indicators.csv" in verify.stderr
    assert f"row loans_per_project|{row['inputs']}: value: 1 → {old}" in verify.stderr
    assert "missing from outputs/: charts/members_per_organization.png" in verify.stderr

    again = coopanalysis("run", "--out", str(out), "--config", QUICK, root=seed_copy)
    assert again.returncode == 0, again.stderr
    assert executed(again.stderr) == {FIRST}  # not copied as "unchanged"
    assert tree(out) == original
    check = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    for log in (after_quick_run, again.stderr):  # a log watcher sees no error in a run that succeeded
        assert not re.search(r"ERROR|Error|[Ww]arning", log), log
    ok = coopanalysis("verify", "--out", str(out), "--config", QUICK, root=seed_copy)
    assert ok.returncode == 0 and not re.search(r"ERROR|[Ww]arning", ok.stdout + ok.stderr), ok.stderr


def test_a_full_disk_while_a_kept_report_is_copied_is_refused_output_not_a_bug(seed_copy, tmp_path, monkeypatch):
    import coopanalysis.base.writers as writers
    from coopanalysis.cli.main import main

    out = tmp_path / "outputs"
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", "--out", str(out), "--config", QUICK, "--jobs", "1"]) == 0
    before = tree(out)
    real = writers.os.fdopen

    def full(handle, mode, *args, **kwargs):
        if mode == "wb" and not args and not kwargs:  # base.writers: every file the run writes
            os.close(handle)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(handle, mode, *args, **kwargs)

    monkeypatch.setattr(writers.os, "fdopen", full)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["run", "--out", str(out), "--config", QUICK, "--jobs", "1"])
    assert code == 3 and "cannot be written (the disk is full)" in err.getvalue(), err.getvalue()
    assert "Traceback" not in err.getvalue() and tree(out) == before
    assert not list(tmp_path.glob(".outputs-build-*"))


@pytest.mark.parametrize("after", [0.0, 4.0], ids=["starting", "executing"])
def test_a_killed_kernel_fails_the_run_within_seconds_and_frees_its_lock(tmp_path, after):
    out = tmp_path / "outputs"
    with run_until_a_kernel_runs(tmp_path, "--out", str(out), "--jobs", "2") as process:
        time.sleep(after)
        # A kernel running now (the first one's notebook may have ended meanwhile: then another's runs).
        record = next(iter(tmp_path.glob("coopanalysis-run-*/*.kernel")))
        os.kill(int(record.read_text().split()[0]), signal.SIGKILL)  # the kernel, as the OOM killer does
        killed = time.monotonic()
        _, stderr = process.communicate(timeout=180)
    assert process.returncode == 75, stderr
    assert time.monotonic() - killed < 60
    assert "its kernel died" in stderr and "run the command again" in stderr and "Traceback" not in stderr
    assert not out.exists() and not list(tmp_path.glob(".outputs-build-*"))
    assert not list(tmp_path.glob("coopanalysis-run-*"))
    again = subprocess.run(
        [sys.executable, "-m", "coopanalysis", "run", "--out", str(out), "--config", QUICK],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        timeout=600,
    )
    assert again.returncode == 0 and "waiting for another run" not in again.stderr, again.stderr


def test_notebook_links_to_the_article_pages_work_wherever_papermill_writes_it(tmp_path):
    import papermill

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    papermill.execute_notebook(
        str(ROOT / "notebooks" / f"{FIRST}.ipynb"),
        str(elsewhere / "figures.ipynb"),
        cwd=str(elsewhere),
        progress_bar=False,
        log_output=False,
    )
    text = (elsewhere / "figures.ipynb").read_text()
    links = set(re.findall(r'href=\\"(file://[^"#\\]+)', text))
    assert links and all(Path(link.removeprefix("file://")).is_file() for link in links)
    assert all(Path(link.removeprefix("file://")).parent == ROOT / "outputs" / "articles" for link in links)


def test_a_profile_reads_its_province_and_what_its_charts_show_and_nothing_else(seed_copy, monkeypatch):
    import coopanalysis as ca

    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))

    def views() -> dict[str | None, str]:
        read = read_corpora(None)
        entry = store.keep(analyse(read), store.analysis_key(read.digest, False))
        return {province: store.write_view(store.view_of(entry, province)) for province in [None, *entry["provinces"]]}

    before = views()
    indicators = ca.load_analysis().indicators
    shown = indicators[
        (indicators["province"] == "Nghe An")
        & indicators["scope"].isin(["province", "national"])
        & indicators[["value", "low", "high"]].notna().any(axis=1)
    ]
    assert not shown.empty
    own = {f"{t}/nghe-an" for t in ("figures", "articles", "panel", "indicators", "series", "provinces_2025_view")}
    charts = {f"{kind}/{name}" for kind in ("standing", "standing_articles") for name in set(shown["indicator"])}
    read = set(store.read_view(before["Nghe An"])["parts"])
    assert (
        {"figures/nghe-an", "articles/nghe-an"} | charts <= read <= own | charts
    )  # a table with no row of it: no part
    add_ha_giang(seed_copy)  # an article of another province, with a value of an indicator Lang Son charts
    after = views()
    assert after[None] != before[None] and after["Lang Son"] != before["Lang Son"]
    assert {p: after[p] for p in ("Nghe An", "Vinh Long")} == {p: before[p] for p in ("Nghe An", "Vinh Long")}


def test_a_changed_analysis_is_rebuilt_by_a_run_and_refused_by_a_notebook(seed_copy, monkeypatch):
    import coopanalysis as ca

    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    read = read_corpora(None)
    key = store.analysis_key(read.digest, False)
    entry = store.keep(analyse(read), key)
    name = store.write_view(store.view_of(entry, None))
    part = store.store_dir() / "parts" / f"{entry['parts']['whole/figures']}.parquet"
    part.write_bytes(part.read_bytes()[:-10] + b"0123456789")
    assert store.kept_entry(key) is None  # the run computes it again
    with pytest.raises(store.StaleAnalysis, match="differs from what the run wrote; run `coopanalysis run` again"):
        ca.load_analysis(name, corpora=["seeds"])
    view = store.store_dir() / "views" / f"{name}.json"
    view.write_text(view.read_text().replace('"proposals_left_out": 0', '"proposals_left_out": 7'))
    with pytest.raises(store.StaleAnalysis, match=r"missing from .cache/analysis/ or differs"):
        ca.load_analysis(name)
    with pytest.raises(ParameterError, match="proposals must be True or False"):
        ca.load_analysis(name, proposals="sometimes")
