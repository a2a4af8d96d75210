"""Reproducible, atomic table writing."""

from __future__ import annotations

import pandas as pd
import pytest

from coopanalysis.base.writers import write_csv, write_text


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
