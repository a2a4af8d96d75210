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
* **nothing changed**: a run that executes no notebook.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale_benchmark import SPAN_COLUMNS, drop_refused, varied, write_articles, write_figures, write_rows

from coopanalysis.articles.table import article_text
from coopanalysis.base.parallel import default_jobs
from coopanalysis.base.paths import seeds_dir
from coopanalysis.figures.coverage import NON_STATISTIC_COLUMNS
from coopanalysis.figures.extracted import extract_files
from coopanalysis.figures.table import FIGURE_COLUMNS, check_figures

ARTICLES = 1000


def build(root: Path, count: int) -> None:
    shutil.copytree(seeds_dir(), root / "seeds")
    corpus = root / "corpus"
    articles = write_articles(corpus, count)
    write_figures(corpus, articles, extract_files([corpus / "articles" / a["file"] for a in articles], default_jobs()))
    drop_refused(corpus, check_figures(corpus, jobs=default_jobs())[1])


def run(root: Path, *args: str) -> tuple[float, dict[str, float], str]:
    """Wall seconds, each executed notebook's seconds, and stderr of one ``coopanalysis run``."""
    env = {**os.environ, "COOPANALYSIS_ROOT": str(root), "CI": "1"}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "coopanalysis", "run", "--corpus", "corpus", "--proposals",
                           "--out", str(root / "out"), *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    notebooks = {m.group(1): float(m.group(2)) for m in re.finditer(r"\] (\S+): ok \(([\d.]+) s\)", done.stderr)}
    return seconds, notebooks, done.stderr


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
    for into, more, columns in ((corpus / "figures.csv", new / "figures.csv", FIGURE_COLUMNS),
                                (corpus / "non_statistics.csv", new / "non_statistics.csv", NON_STATISTIC_COLUMNS),
                                (root / "corpus-spans.csv", root / "new-spans.csv", SPAN_COLUMNS)):
        rows = []
        for path in (into, more):
            with open(path, newline="", encoding="utf-8") as handle:
                rows += list(csv.DictReader(handle))
        write_rows(into, columns, rows)
    drop_refused(corpus, check_figures(corpus, jobs=default_jobs())[1])
    return added["province"]


def main() -> int:
    cores = default_jobs()
    with tempfile.TemporaryDirectory(prefix="coopanalysis-reports-") as tmp:
        root = Path(tmp)
        build(root, ARTICLES)
        full, notebooks, _ = run(root, "--jobs", str(cores))
        profiles = sorted(n for n in notebooks if n.startswith("03-province-profile-"))
        pooled = sorted(n for n in notebooks if n not in profiles)
        alone = {}
        for name in [*pooled, profiles[0], profiles[len(profiles) // 2]]:
            alone.update(run(root, "--only", name, "--jobs", "1")[1])
        profile_alone = sum(alone[p] for p in (profiles[0], profiles[len(profiles) // 2])) / 2
        floor = (sum(alone[p] for p in pooled) + len(profiles) * profile_alone) / cores
        shutil.rmtree(root / "out")
        full, notebooks, _ = run(root, "--jobs", str(cores))
        province = add_article(root)
        after, executed, log = run(root, "--jobs", str(cores))
        unchanged, none, _ = run(root, "--jobs", str(cores))
    print(f"\nreport run at 34 provinces ({ARTICLES:,} articles, {len(notebooks)} notebooks, {cores} cores)")
    print(f"  one notebook alone: pooled {', '.join(f'{n} {alone[n]:.1f} s' for n in pooled)}; "
          f"a profile {profile_alone:.1f} s")
    print(f"  floor (notebooks / cores x the time of each): {floor:.1f} s")
    print(f"  full run: {full:.1f} s = x{full / floor:.2f} the floor")
    print(f"  after adding one article of {province}: {after:.1f} s, {len(executed)} notebooks executed "
          f"({', '.join(sorted(executed))})")
    print(f"  nothing changed: {unchanged:.1f} s, {len(none)} notebooks executed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
