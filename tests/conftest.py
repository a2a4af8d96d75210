"""Shared fixtures: the real seeds, and disposable copies of them to break on purpose."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from coopanalysis.articles.commit import LOCK
from coopanalysis.articles.table import article_text
from coopanalysis.base.paths import project_root
from coopanalysis.figures.table import FIGURE_COLUMNS

# CI runs the same examples every time; locally hypothesis explores afresh.
settings.register_profile("ci", derandomize=True, max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = project_root()
SEEDS = ROOT / "seeds"


def copy_seeds(destination: Path) -> None:
    """Copy the project's seeds/ to ``destination``: not its lock file, which a command reading the seeds
    (another test, at the same time) makes and removes."""
    shutil.copytree(SEEDS, destination, ignore=shutil.ignore_patterns(LOCK))


@pytest.fixture(scope="session")
def articles_text() -> dict[str, str]:
    """Article id -> raw text of every seed article."""
    with open(SEEDS / "articles.csv", newline="", encoding="utf-8") as handle:
        return {row["article_id"]: article_text(row["file"]) for row in csv.DictReader(handle)}


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the project (seeds only); returns its root."""
    copy_seeds(tmp_path / "seeds")
    return tmp_path


@pytest.fixture(scope="session")
def first_run(tmp_path_factory) -> Path:
    """A copy of the seeds and a full run of it into outputs/ beside them: a project after `make report`.
    Never changed by a test (copy it)."""
    project = tmp_path_factory.mktemp("first-run")
    copy_seeds(project / "seeds")
    result = run_cli("run", "--out", str(project / "outputs"), root=project)
    assert result.returncode == 0, result.stderr
    return project


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_figure(root: Path, target: str, **changes: str) -> int:
    """Change one row of the copied figures.csv; return its line number in the file."""
    path = root / "seeds" / "figures.csv"
    header, rows = read_rows(path)
    for index, row in enumerate(rows):
        if row["figure_id"] == target:
            row.update(changes)
            write_rows(path, header, rows)
            return index + 2  # header is line 1
    raise KeyError(target)


def run_cli(*args: str, root: Path | None = None) -> subprocess.CompletedProcess:
    """Run the ``coopanalysis`` command, optionally on another copy of the project (``root``)."""
    env = {**os.environ, **({"COOPANALYSIS_ROOT": str(root)} if root else {})}
    return subprocess.run([sys.executable, "-m", "coopanalysis", *args], capture_output=True, text=True, env=env)


@contextlib.contextmanager
def run_until_a_kernel_runs(tmp_path: Path, *args: str, wait: float = 120) -> Iterator[subprocess.Popen]:
    """``coopanalysis run *args`` with its sockets and kernels' records in ``tmp_path``, yielded once
    one of its kernels runs (or ``wait`` seconds passed). It runs in a session of its own, as from a
    terminal: Ctrl-C there is ``os.killpg``. Whatever fails in the block, the run, its workers and its
    kernels are killed, so that none is left holding the test's pipes."""
    process = subprocess.Popen(
        [sys.executable, "-m", "coopanalysis", "run", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a shell starts it
    )
    try:
        deadline = time.monotonic() + wait
        while not list(tmp_path.glob("coopanalysis-run-*/*.kernel")) and time.monotonic() < deadline:
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()


def add_article(
    root: Path, name: str, data: bytes, article_id: str = "ha-giang-2024", province: str = "Ha Giang"
) -> None:
    """List a new article file (any bytes) in the copied seeds, with its checksum."""
    seeds = root / "seeds"
    (seeds / "articles" / name).write_bytes(data)
    with open(seeds / "articles.sha256", "a") as listing:
        listing.write(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
    header, rows = read_rows(seeds / "articles.csv")
    rows.append({**rows[0], "article_id": article_id, "file": name, "province": province, "title": "Added"})
    write_rows(seeds / "articles.csv", header, rows)


FIGURE_HEADER = FIGURE_COLUMNS


def build_corpus(folder: Path, articles: list[dict]) -> Path:
    """Write a corpus folder from short articles: each a dict with ``id``, ``province``,
    ``published``, ``text``, optional ``borders`` and ``figures`` (dicts of figures.csv columns;
    ``figure_id``, ``article_id``, ``scope`` and ``status`` default sensibly). Returns the folder."""
    (folder / "articles").mkdir(parents=True)
    listing, article_rows, figure_rows = [], [], []
    for article in articles:
        name = f"{article['id']}.txt"
        data = article["text"].encode("utf-8")
        (folder / "articles" / name).write_bytes(data)
        listing.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
        article_rows.append(
            {
                "article_id": article["id"],
                "file": name,
                "province": article["province"],
                "published": article["published"],
                "published_basis": "test",
                "province_basis": "test",
                "source": "",
                "title": article["id"],
                "borders": article.get("borders", ""),
            }
        )
        for m, figure in enumerate(article.get("figures", []), start=1):
            figure_rows.append(
                {
                    "figure_id": f"{article['id']}-f{m:02d}",
                    "article_id": article["id"],
                    "scope": "national" if article["province"] == "national" else "province",
                    "status": "reviewed",
                    **figure,
                }
            )
    (folder / "articles.sha256").write_text("".join(listing))
    write_rows(folder / "articles.csv", list(article_rows[0]), article_rows)
    write_rows(folder / "figures.csv", FIGURE_HEADER, figure_rows)
    write_rows(folder / "corrections.csv", ["figure_id", "flag", "text_says", "read_as", "reason"], [])
    write_rows(folder / "non_statistics.csv", ["article_id", "quote", "category", "reason"], [])
    return folder
