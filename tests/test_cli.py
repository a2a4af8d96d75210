"""The ``coopanalysis`` command end to end: exit codes, messages, outputs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from coopanalysis import load_figures

from conftest import edit_figure


def coopanalysis(*args: str, root: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **({"COOPANALYSIS_ROOT": str(root)} if root else {})}
    return subprocess.run([sys.executable, "-m", "coopanalysis.cli", *args], capture_output=True, text=True, env=env)


def test_check_is_clean_on_the_seeds():
    result = coopanalysis("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    figures = load_figures()
    assert result.stdout.startswith(f"ok: {len(figures)} figures from 5 articles, 3 flagged")


def test_check_lists_every_problem_and_exits_2(seed_copy):
    edit_figure(seed_copy, "lang-son-2024-f01", measure="nope")
    edit_figure(seed_copy, "quang-tri-2024-f05", quote="disbursed loans to 28 projects")
    result = coopanalysis("check", root=seed_copy)
    assert result.returncode == 2
    assert "coopanalysis check: 4 problem(s)" in result.stderr
    assert "seeds/figures.csv:9: lang-son-2024-f01: unknown measure 'nope'" in result.stderr
    assert "quote not found in 004_4b93608559866fd8.txt: 'disbursed loans to 28 projects'" in result.stderr
    # figures that fail no longer cover their numbers, so coverage reports those too
    assert "seeds/articles/001_bfb3a51db69d5cc1.txt:5: number '200' is neither a figure nor a non-statistic" in result.stderr
    assert "seeds/articles/004_4b93608559866fd8.txt:5: number '27' is neither a figure nor a non-statistic" in result.stderr


def test_run_writes_the_normalized_figures_table(tmp_path):
    result = coopanalysis("run", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = pd.read_csv(tmp_path / "tables" / "figures.csv", keep_default_na=False, na_values=[""])
    expected = load_figures().sort_values("figure_id")
    assert list(written["figure_id"]) == list(expected["figure_id"])
    pd.testing.assert_series_equal(written["value"], expected["value"].reset_index(drop=True), check_names=False)


def test_two_runs_are_byte_identical(tmp_path):
    assert coopanalysis("run", "--out", str(tmp_path / "a")).returncode == 0
    assert coopanalysis("run", "--out", str(tmp_path / "b")).returncode == 0
    names = sorted(p.name for p in (tmp_path / "a" / "tables").iterdir())
    assert "indicators.csv" in names and "indicators_wide.csv" in names
    for name in names:
        assert (tmp_path / "a" / "tables" / name).read_bytes() == (tmp_path / "b" / "tables" / name).read_bytes()


def test_failed_run_leaves_previous_outputs_intact(seed_copy, tmp_path):
    out = tmp_path / "out"
    assert coopanalysis("run", "--out", str(out), root=seed_copy).returncode == 0
    before = (out / "tables" / "figures.csv").read_bytes()
    edit_figure(seed_copy, "lang-son-2024-f20", quote="no such quote 1")
    result = coopanalysis("run", "--out", str(out), root=seed_copy)
    assert result.returncode == 2
    assert "seeds/figures.csv:28: lang-son-2024-f20: quote not found" in result.stderr
    assert (out / "tables" / "figures.csv").read_bytes() == before


def test_committed_tables_are_up_to_date(tmp_path):
    committed = Path(__file__).resolve().parents[1] / "outputs" / "tables"
    assert coopanalysis("run", "--out", str(tmp_path)).returncode == 0
    fresh = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert fresh == sorted(p.name for p in committed.iterdir())
    stale = [name for name in fresh if (committed / name).read_bytes() != (tmp_path / "tables" / name).read_bytes()]
    assert stale == [], "run `make report` and commit outputs/"


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["run", "--help"]])
def test_help(args):
    result = coopanalysis(*args)
    assert result.returncode == 0 and "usage: coopanalysis" in result.stdout
