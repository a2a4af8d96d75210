"""Reproducible, atomic table writing."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from coopanalysis.base.writers import neutral_cell, write_csv, write_text


def test_float_format_is_stable_and_free_of_binary_noise(tmp_path):
    path = tmp_path / "t.csv"
    frame = pd.DataFrame({"x": [68e6 / 12, 0.1 + 0.2, 1.263e12, float("nan")], "y": ["a", "b", "c", "d"]})
    write_csv(frame, path)
    assert path.read_bytes() == b"x,y\n5666666.66666667,a\n0.3,b\n1263000000000,c\n,d\n"


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    write_text(path, "old\n")

    def interrupted(source, target):
        raise OSError("disk full")

    monkeypatch.setattr("coopanalysis.base.writers.os.replace", interrupted)
    with pytest.raises(OSError, match="disk full"):
        write_text(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temporary file left behind


def test_text_cells_that_a_spreadsheet_would_run_are_neutralized_and_numbers_are_not(tmp_path):
    path = tmp_path / "t.csv"
    cells = ['=HYPERLINK("http://x","y")', "+1", "-5% compared to 2023", "@SUM(A1)", "\tx", "over 12", "a-b"]
    frame = pd.DataFrame(
        {"quote": cells, "value": [-5.0, 1.0, -5.0, 2.0, 3.0, 12.0, -1.0], "count": [-1, 2, 3, 4, 5, 6, 7]}
    )
    write_csv(frame, path)
    with open(path, newline="", encoding="utf-8") as handle:
        _, *rows = csv.reader(handle)
    assert [r[0] for r in rows] == ["'" + c for c in cells[:5]] + cells[5:]
    assert [r[1] for r in rows] == ["-5", "1", "-5", "2", "3", "12", "-1"]
    assert [r[2] for r in rows] == ["-1", "2", "3", "4", "5", "6", "7"]
    assert neutral_cell("\rx") == "'\rx" and neutral_cell("x=1") == "x=1"


def test_a_neutralized_cell_reads_back_as_written_before(tmp_path):
    """The corpus tables the package writes neutralize cells too; every reader drops the apostrophe again."""
    from coopanalysis.base.readers import read_csv_rows

    path = tmp_path / "t.csv"
    write_csv(pd.DataFrame({"quote": ["-5 cooperatives compared to 2023", "'quoted' words", "+12%"]}), path)
    rows, problems = read_csv_rows(path, ["quote"], ["quote"], tmp_path)
    assert problems == [] and [row["quote"] for _, row in rows] == [
        "-5 cooperatives compared to 2023",
        "'quoted' words",
        "+12%",
    ]


def test_a_full_disk_is_a_refused_output_naming_the_file(tmp_path, monkeypatch):
    from coopanalysis.base.problems import OutputRefused

    monkeypatch.setattr("coopanalysis.base.writers.os.fdopen", lambda handle, mode: _Full(handle))
    with pytest.raises(OutputRefused, match=r"t.csv: cannot be written .the disk is full.; free some space, then"):
        write_text(tmp_path / "t.csv", "new\n")
    assert list(tmp_path.iterdir()) == []


class _Full:
    def __init__(self, handle):
        import os

        os.close(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, data):
        import errno

        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_file_replaced_keeps_its_mode_and_a_new_one_is_shared(tmp_path):
    private = tmp_path / "private.csv"
    private.write_text("old\n")
    private.chmod(0o600)
    write_text(private, "new\n")
    assert private.read_text() == "new\n" and private.stat().st_mode & 0o777 == 0o600
    write_text(tmp_path / "new.csv", "new\n")
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644
