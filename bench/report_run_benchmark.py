"""The report run at 34 provinces: against the floor of executing its notebooks in parallel, and incremental.

Run with `make bench`. Prints; asserts nothing. A project is built in a temporary folder with a
corpus of 1,000 articles over the 34 provinces, as ``bench/scale_benchmark.py`` builds it, and
``coopanalysis run --corpus corpus --proposals`` (every report of ``notebooks/reports.toml``: 3
pooled reports and 34 profiles) is measured:

* **floor**: each pooled notebook and two profiles executed alone (``--only NAME --jobs 1``, the
  notebook's own time as the run reports it), then the sum over the 37 notebooks divided by the
  cores: what executing the notebooks in parallel cannot beat;
* **full run**: the whole run (loading, hashing, notebooks, tables, charts, article pages) with one
  worker per core, and its ratio to the floor;
* **after adding one article**: one more article of one province, with its proposals: the reports
  it touches are executed again, the others reused;
* **nothing changed**: a run that executes no notebook;
* **one report again** on the unchanged corpus (``--only NAME``): the seconds spent outside its
  notebook (snapshot, analysis reused, keys, the other outputs checked and kept, static pages);
* **memory**: the peak resident memory of each kernel (sampled every 0.1 s), the largest of the full
  run and that of one profile's kernel alone.

``--articles N`` builds a corpus of N articles instead of 1,000; ``--memory`` measures only each
kernel's peak memory, one profile and each pooled report executed alone (``--articles 10000 --memory``:
the memory at scale without a full run of 38 notebooks).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from coopanalysis.articles.table import article_text
from coopanalysis.base.parallel import default_jobs
from coopanalysis.base.paths import seeds_dir
from coopanalysis.figures.coverage import NON_STATISTIC_COLUMNS
from coopanalysis.figures.extracted import extract_files
from coopanalysis.figures.table import FIGURE_COLUMNS, check_figures
from scale_benchmark import SPAN_COLUMNS, drop_refused, varied, write_articles, write_figures, write_rows

ARTICLES = 1000


def build(root: Path, count: int) -> None:
    shutil.copytree(seeds_dir(), root / "seeds")
    corpus = root / "corpus"
    articles = write_articles(corpus, count)
    write_figures(corpus, articles, extract_files([corpus / "articles" / a["file"] for a in articles], default_jobs()))
    drop_refused(corpus, check_figures(corpus, jobs=default_jobs())[1])


PEAKS: list[float] = []  # the peak resident memory (MB) of each kernel of the last run


def run(root: Path, *args: str) -> tuple[float, dict[str, float], str]:
    """Wall seconds, each executed notebook's seconds, and stderr of one ``coopanalysis run``; each
    kernel's peak memory in :data:`PEAKS`."""
    env = {**os.environ, "COOPANALYSIS_ROOT": str(root), "CI": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coopanalysis",
            "run",
            "--corpus",
            "corpus",
            "--proposals",
            "--out",
            str(root / "out"),
            *args,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peaks: dict[int, float] = {}
    sampler = threading.Thread(target=_sample, args=(process.pid, peaks), daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    PEAKS[:] = list(peaks.values())
    if process.returncode:
        raise SystemExit(stderr[-2000:])
    notebooks = {m.group(1): float(m.group(2)) for m in re.finditer(r"\] (\S+): ok \(([\d.]+) s\)", stderr)}
    return seconds, notebooks, stderr


def _sample(pid: int, peaks: dict[int, float]) -> None:
    """Until ``pid`` ends: the largest resident memory seen of each kernel (ipykernel) below it."""
    try:
        parent = psutil.Process(pid)
    except psutil.Error:
        return
    while parent.is_running() and parent.status() != psutil.STATUS_ZOMBIE:
        try:
            children = parent.children(recursive=True)
        except psutil.Error:
            break
        for child in children:
            try:
                if "ipykernel" in " ".join(child.cmdline()):
                    peaks[child.pid] = max(peaks.get(child.pid, 0.0), child.memory_info().rss / 1024 / 1024)
            except psutil.Error:
                continue
        time.sleep(0.1)


def add_article(root: Path) -> str:
    """One more article (a copy of the first with its numbers varied again) with its proposals, as the
    corpus was built; its province."""
    corpus = root / "corpus"
    with open(corpus / "articles.csv", newline="", encoding="utf-8") as handle:
        articles = list(csv.DictReader(handle))
    first = articles[0]
    text = varied(article_text(first["file"], corpus), 7000)
    name = "added_99999.txt"
    (corpus / "articles" / name).write_text(text, encoding="utf-8")
    with open(corpus / "articles.sha256", "a", encoding="utf-8") as listing:
        listing.write(f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}  {name}\n")
    added = {**first, "article_id": "added-article", "file": name, "title": "Added article"}
    with open(corpus / "articles.csv", "a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=list(first), lineterminator="\n").writerow(added)
    new = root / "new"
    new.mkdir()
    (new / "articles").symlink_to(corpus / "articles")
    write_figures(new, [added], extract_files([corpus / "articles" / name]))
    for into, more, columns in (
        (corpus / "figures.csv", new / "figures.csv", FIGURE_COLUMNS),
        (corpus / "non_statistics.csv", new / "non_statistics.csv", NON_STATISTIC_COLUMNS),
        (root / "corpus-spans.csv", root / "new-spans.csv", SPAN_COLUMNS),
    ):
        rows = []
        for path in (into, more):
            with open(path, newline="", encoding="utf-8") as handle:
                rows += list(csv.DictReader(handle))
        write_rows(into, columns, rows)
    drop_refused(corpus, check_figures(corpus, jobs=default_jobs())[1])
    return added["province"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=ARTICLES, help="articles in the corpus (default 1,000)")
    parser.add_argument("--memory", action="store_true", help="only each kernel's peak memory")
    arguments = parser.parse_args()
    count = arguments.articles
    cores = default_jobs()
    with tempfile.TemporaryDirectory(prefix="coopanalysis-reports-") as tmp:
        root = Path(tmp)
        build(root, count)
        if arguments.memory:
            return memory(root, count)
        full, notebooks, _ = run(root, "--jobs", str(cores))
        profiles = sorted(n for n in notebooks if n.startswith("03-province-profile-"))
        pooled = sorted(n for n in notebooks if n not in profiles)
        alone, outside, profile_peak = {}, {}, 0.0
        for name in [*pooled, profiles[0], profiles[len(profiles) // 2]]:
            wall, executed, _ = run(root, "--only", name, "--jobs", "1")
            alone.update(executed)
            outside[name] = wall - executed[name]
            if name in profiles:
                profile_peak = max([profile_peak, *PEAKS])
        profile_alone = sum(alone[p] for p in (profiles[0], profiles[len(profiles) // 2])) / 2
        floor = (sum(alone[p] for p in pooled) + len(profiles) * profile_alone) / cores
        shutil.rmtree(root / "out")
        full, notebooks, _ = run(root, "--jobs", str(cores))
        full_peak = max(PEAKS, default=0.0)
        province = add_article(root)
        after, executed, _ = run(root, "--jobs", str(cores))
        unchanged, none, _ = run(root, "--jobs", str(cores))
    print(f"\nreport run at 34 provinces ({count:,} articles, {len(notebooks)} notebooks, {cores} cores)")
    print(
        f"  one notebook alone: pooled {', '.join(f'{n} {alone[n]:.1f} s' for n in pooled)}; "
        f"a profile {profile_alone:.1f} s"
    )
    print(
        f"  one report again, unchanged corpus: outside its notebook "
        f"{', '.join(f'{n} {outside[n]:.1f} s' for n in outside)}"
    )
    print(f"  floor (notebooks / cores x the time of each): {floor:.1f} s")
    print(f"  full run: {full:.1f} s = x{full / floor:.2f} the floor")
    print(
        f"  peak memory of a kernel: a profile's {profile_peak:.0f} MB; the largest of the full run {full_peak:.0f} MB"
    )
    print(
        f"  after adding one article of {province}: {after:.1f} s, {len(executed)} notebooks executed "
        f"({', '.join(sorted(executed))})"
    )
    print(f"  nothing changed: {unchanged:.1f} s, {len(none)} notebooks executed")
    return 0


def memory(root: Path, count: int) -> int:
    """Each kernel's peak memory: one profile, then each pooled report, executed alone."""
    provinces = sorted(
        {
            row["province"]
            for row in csv.DictReader((root / "corpus" / "articles.csv").read_text(encoding="utf-8").splitlines())
        }
    )
    from coopanalysis.base.paths import slug

    names = [
        f"03-province-profile-{slug(provinces[len(provinces) // 2])}",
        "01-article-figures",
        "02-cross-province-indicators",
        "04-data-quality",
    ]
    print(f"\npeak memory of a kernel at {count:,} articles (each report executed alone)")
    for name in names:
        wall, executed, _ = run(root, "--only", name, "--jobs", "1")
        print(
            f"  {name}: {max(PEAKS, default=0.0):.0f} MB, notebook {executed.get(name, float('nan')):.1f} s, "
            f"run {wall:.1f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
