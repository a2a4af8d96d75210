"""A report whose inputs are unchanged is not executed again, and the outputs are those of a full run."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, add_article, read_rows, write_rows
from conftest import run_cli as coopanalysis
from coopanalysis.run.cache import CACHE
from coopanalysis.run.verify import compare_trees

ARTICLE = "Ha Giang province has 230 cooperatives; the average revenue per cooperative reached 1.2 billion VND/year."


def executed(stderr: str) -> set[str]:
    """The reports a run executed, from its progress lines ("[2/7] name: ok (3.1 s)")."""
    return set(re.findall(r"^\[\d+/\d+\] (\S+): ok", stderr, re.MULTILINE))


def tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> Path:
    """A copy of the seeds and a full run of it into outputs/, beside them: the start of every test here."""
    project = tmp_path_factory.mktemp("first-run")
    shutil.copytree(SEEDS, project / "seeds")
    first = coopanalysis("run", "--out", str(project / "outputs"), root=project)
    assert first.returncode == 0, first.stderr
    assert len(executed(first.stderr)) == 8 and (project / "outputs" / CACHE).is_file()
    return project


@pytest.fixture
def seed_copy(first_run, tmp_path) -> Path:
    """This test's own copy of the project after the first run (its seeds, analysis store and outputs)."""
    shutil.copytree(first_run, tmp_path, dirs_exist_ok=True, symlinks=True)
    return tmp_path


def test_adding_an_article_reruns_only_the_reports_it_touches(seed_copy, tmp_path):
    out = tmp_path / "outputs"

    add_article(seed_copy, "ha_giang.txt", ARTICLE.encode())
    header, rows = read_rows(seed_copy / "seeds" / "figures.csv")
    rows.append(
        {
            **dict.fromkeys(header, ""),
            "figure_id": "ha-giang-2024-f01",
            "article_id": "ha-giang-2024",
            "quote": "the average revenue per cooperative reached 1.2 billion VND/year",
            "measure": "avg_revenue_per_cooperative",
            "kind": "level",
            "period": "2024",
            "scope": "province",
        }
    )
    rows.append(
        {
            **dict.fromkeys(header, ""),
            "figure_id": "ha-giang-2024-f02",
            "article_id": "ha-giang-2024",
            "quote": "Ha Giang province has 230 cooperatives",
            "measure": "cooperatives",
            "kind": "level",
            "period": "2024",
            "scope": "province",
        }
    )  # every number accounted for, or the run refuses the corpus
    write_rows(seed_copy / "seeds" / "figures.csv", header, rows)

    incremental = coopanalysis("run", "--out", str(out), root=seed_copy)
    assert incremental.returncode == 0, incremental.stderr
    # The pooled reports and the new profile of Tuyen Quang (which Ha Giang became part of); and the profiles
    # whose "where it stands" chart of average revenue per cooperative now shows Ha Giang beside them. Nghe An
    # and Vinh Long (Tra Vinh's) have no such value.
    assert executed(incremental.stderr) == {
        "01-article-figures",
        "02-cross-province-indicators",
        "04-data-quality",
        "03-province-profile-tuyen-quang",
        "03-province-profile-lang-son",
        "03-province-profile-quang-ninh",
        "03-province-profile-quang-tri",
    }
    assert "2 of 9 reports unchanged since the last run: reused" in incremental.stderr

    full = tmp_path / "full"
    rerun = coopanalysis("run", "--out", str(full), "--rerun", root=seed_copy)
    assert rerun.returncode == 0, rerun.stderr
    assert len(executed(rerun.stderr)) == 9
    assert compare_trees(out, full) == []
    assert tree(out) == tree(full)  # the kept keys too

    again = coopanalysis("run", "--out", str(out), root=seed_copy)
    assert again.returncode == 0, again.stderr
    assert executed(again.stderr) == set()
    assert "9 of 9 reports unchanged since the last run: reused" in again.stderr
    assert tree(out) == tree(full)


def test_a_changed_notebook_or_a_missing_output_is_executed_again(seed_copy, tmp_path):
    out = tmp_path / "outputs"
    (out / "reports" / "04-data-quality.html").unlink()
    shutil.copytree(ROOT / "notebooks", seed_copy / "notebooks")  # the project's own notebooks, then one edited
    profile = seed_copy / "notebooks" / "03-province-profile.ipynb"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("Province profile", "A province profile"), encoding="utf-8"
    )
    result = coopanalysis("run", "--out", str(out), root=seed_copy)
    assert result.returncode == 0, result.stderr
    assert executed(result.stderr) == {
        "04-data-quality",
        *(f"03-province-profile-{p}" for p in ("lang-son", "nghe-an", "quang-ninh", "quang-tri", "vinh-long")),
    }


def test_the_cache_is_no_output_and_a_broken_one_reuses_nothing(seed_copy, tmp_path):
    out = tmp_path / "outputs"
    listed = {line.split("  ")[1] for line in (out / "SHA256SUMS").read_text().splitlines()}
    assert CACHE not in listed
    without = tmp_path / "without"
    shutil.copytree(out, without)
    (without / CACHE).unlink()
    assert compare_trees(out, without) == []  # verify compares outputs, not the cache
    (out / CACHE).write_text("not json")
    result = coopanalysis("run", "--out", str(out), root=seed_copy)
    assert result.returncode == 0, result.stderr
    assert len(executed(result.stderr)) == 8
