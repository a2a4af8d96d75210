"""The corpus at the scale its users reach: 1,000, 3,000 and 10,000 articles, from extraction to every profile.

Run with `make bench`. Prints, per size and stage, seconds, MB of article text per second, peak
memory and the time relative to 1,000 articles (linear work gives x3 and x10). Asserts nothing.

Inputs: the real texts (the seed articles and, where present beside the project, the dev set, the
inbox and the Vietnamese dev set) cycled with their numbers varied (every number of one to three
digits shifted by the copy's number; years, dates and times kept), so that no two articles are alike. Each article
is given one of the 34 provinces in turn (national reports stay national). Nothing is committed:
everything is built in a temporary folder.

Stages, each timed alone, in the order the product runs them:

* **extract**: ``extract_files`` over the article files (``coopanalysis extract DIR``), whole
  articles shared among one worker process per core;
* **figures**: the corpus tables are written from the extractor's output as ``extract --append``
  writes them (one row per proposal, status ``unreviewed``; not timed), then checked and parsed
  row by row as ``load_figures(corpus, proposals=True, jobs=cores)`` does (``check_figures``:
  rows it refuses, such as a district of another province, are left out and counted);
* **panel**, **indicators** (``compute_indicators`` and ``withheld_indicators``), **series**;
* **profiles**: ``coopanalysis run`` of every province's profile (``bench/profiles.toml``, one
  notebook per province, ``--jobs`` = cores) on the corpus, rows refused above removed first.

Memory: the peak of the resident memory of all the stage's processes together (this one, its
workers: ``extract`` and ``figures`` use one per core, ``profiles`` a run with a kernel per
notebook), sampled every 50 ms, and this process's own peak.

``bench/report_run_benchmark.py`` measures the report run at 34 provinces against the floor of
executing its notebooks in parallel, and incrementally.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

from coopanalysis.across.panel import figure_panel
from coopanalysis.articles.table import article_text, load_articles
from coopanalysis.base.parallel import batches, default_jobs, map_in_order
from coopanalysis.base.paths import code_root, seeds_dir
from coopanalysis.base.text import normalize_text
from coopanalysis.extract import present_date
from coopanalysis.figures.coverage import NON_STATISTIC_COLUMNS
from coopanalysis.figures.extracted import extract_files
from coopanalysis.figures.table import FIGURE_COLUMNS, check_figures
from coopanalysis.indicators import compute_indicators, withheld_indicators
from coopanalysis.indicators.series import series_across_articles
from coopanalysis.review.proposals import proposed_non_statistics, quotes_beside
from coopanalysis.vocab.provinces import provinces_2025

SIZES = (1000, 3000, 10000)
SHARED = ("devset", "inbox", "devset-vi")
ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "province",
    "published",
    "published_basis",
    "province_basis",
    "source",
    "title",
    "borders",
]
PROFILES = code_root() / "bench" / "profiles.toml"


def real_texts() -> list[tuple[str, str, str]]:
    """(name, text, province or 'national') of every real article at hand."""
    found = [(Path(a.file).stem, article_text(a.file), a.province) for a in load_articles().itertuples()]
    shared = code_root().parent / "shared"
    for folder in SHARED:
        listing = shared / folder / "articles.csv"
        if not listing.is_file():
            continue
        with open(listing, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                path = shared / folder / row["file"]
                if path.is_file():
                    found.append((path.stem, path.read_text(encoding="utf-8"), row.get("province", "")))
    return found


# Numbers of dates and times are kept, so that a copy still reads as the original does ("February
# 15, 2024 - 08:13 [GMT+7]" does not become "February 100, 2024 - 105:106 [GMT+92]", a line of counts).
_DATE_PART = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|ngày|tháng)\s*$",
    re.IGNORECASE,
)


def varied(text: str, copy: int) -> str:
    """The text with every number of one to three digits shifted by ``copy`` (years, longer runs and the
    numbers of dates and times kept)."""
    if not copy:
        return text

    def shift(match: re.Match) -> str:
        before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() : match.end() + 1]
        if before.endswith((":", "/", "+")) or after in (":", "/") or _DATE_PART.search(before):
            return match.group(0)
        return str(int(match.group(0)) + copy)

    return re.sub(r"(?<!\d)\d{1,3}(?!\d)", shift, text)


def write_articles(folder: Path, count: int) -> list[dict]:
    """``count`` articles under ``folder/articles``; their ``articles.csv`` rows (province and date set)."""
    # Dated by the original text: numbers varied may no longer read as a date.
    texts = [(*t, present_date(t[1])) for t in real_texts() if present_date(t[1])]
    names = sorted(provinces_2025()["name"])
    (folder / "articles").mkdir(parents=True)
    rows, listing = [], []
    for n in range(count):
        stem, text, province, published = texts[n % len(texts)]
        text = varied(text, n // len(texts))
        data = text.encode("utf-8")
        name = f"{stem}_{n:05d}.txt"
        (folder / "articles" / name).write_bytes(data)
        listing.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
        rows.append(
            {
                "article_id": f"a{n:05d}",
                "file": name,
                "province": "national" if province == "national" else names[n % len(names)],
                "published": published.isoformat(),
                "published_basis": "benchmark",
                "province_basis": "benchmark",
                "source": "",
                "title": f"Benchmark article {n}",
                "borders": "",
            }
        )
    (folder / "articles.sha256").write_text("".join(listing), encoding="utf-8")
    write_rows(folder / "articles.csv", ARTICLE_COLUMNS, rows)
    write_rows(folder / "corrections.csv", ["figure_id", "flag", "text_says", "read_as", "reason"], [])
    return rows


def write_figures(folder: Path, articles: list[dict], proposals: list, jobs: int = 1) -> int:
    """``figures.csv`` and ``non_statistics.csv`` from the extractor's proposals, as ``extract --append``
    writes them (with each proposal's number span in ``spans.csv``, for :func:`drop_refused`); the figure
    row count."""
    rows, spans = [], []
    for article, (table, _) in zip(articles, proposals):
        for n, p in enumerate(table.itertuples(), start=1):
            figure_id = f"{article['article_id']}-p{n:02d}"
            rows.append(
                {
                    "figure_id": figure_id,
                    "article_id": article["article_id"],
                    "quote": p.quote,
                    "number": p.number,
                    "measure": p.measure,
                    "kind": p.kind,
                    "period": p.period,
                    "base_period": p.base_period,
                    "scope": p.scope,
                    "definition": "",
                    "note": "",
                    "status": "unreviewed",
                }
            )
            spans.append(
                {"figure_id": figure_id, "file": article["file"], "start": p.number_start, "end": p.number_end}
            )
    write_rows(folder / "figures.csv", FIGURE_COLUMNS, rows)
    write_rows(folder.parent / f"{folder.name}-spans.csv", SPAN_COLUMNS, spans)
    work = [
        (folder, [(a["article_id"], a["file"], t) for a, (t, _) in zip(batch_articles, batch)])
        for batch_articles, batch in zip(batches(articles, jobs), batches(proposals, jobs))
    ]
    non_statistics = [row for rows in map_in_order(_non_statistics, work, jobs) for row in rows]
    write_rows(folder / "non_statistics.csv", NON_STATISTIC_COLUMNS, non_statistics)
    return len(rows)


SPAN_COLUMNS = ["figure_id", "file", "start", "end"]


def _non_statistics(work: tuple[Path, list]) -> list[dict]:
    folder, articles = work
    return [
        row
        for article_id, file, table in articles
        for row in proposed_non_statistics(article_id, normalize_text(article_text(file, folder)), table)
    ]


def drop_refused(folder: Path, problems: list) -> None:
    """Turn the rows ``check`` refused (each problem names its figure first; such as a district of another
    province) into numbers judged not to be statistics, quoted as ``extract --append`` quotes those, so
    that the corpus passes ``check`` as a reviewed one would and the notebooks can load it."""
    refused = {p.message.partition(":")[0] for p in problems if p.file.endswith("figures.csv")}
    with open(folder / "figures.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(folder.parent / f"{folder.name}-spans.csv", newline="", encoding="utf-8") as handle:
        spans = {row["figure_id"]: row for row in csv.DictReader(handle)}
    kept = [row for row in rows if row["figure_id"] not in refused]
    write_rows(folder / "figures.csv", FIGURE_COLUMNS, kept)
    by_article: dict[str, list] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], []).append(row)
    added = []
    for article_id, article_rows in by_article.items():
        numbers = [spans[r["figure_id"]] for r in article_rows if r["figure_id"] in refused]
        if not numbers:
            continue
        text = normalize_text(article_text(numbers[0]["file"], folder))
        kept_spans = [
            (int(spans[r["figure_id"]]["start"]), int(spans[r["figure_id"]]["end"]))
            for r in article_rows
            if r["figure_id"] not in refused
        ]
        refused_numbers = [
            SimpleNamespace(start=int(n["start"]), end=int(n["end"]), text=text[int(n["start"]) : int(n["end"])])
            for n in numbers
        ]
        added += [
            {
                "article_id": article_id,
                "quote": quote,
                "category": "not_a_figure",
                "reason": "Refused by check in the benchmark (the article's province is assigned).",
            }
            for quote in quotes_beside(text, refused_numbers, kept_spans)
        ]
    with open(folder / "non_statistics.csv", "a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=NON_STATISTIC_COLUMNS, lineterminator="\n").writerows(added)


def write_rows(path: Path, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


class Stage:
    """Time a stage and sample the resident memory of this process and all its descendants (workers,
    kernels) every 50 ms: the peak of their sum, and this process's own peak."""

    def __init__(self, results: dict, name: str):
        self.results, self.name, self.peak, self.running = results, name, 0.0, True

    def _sample(self) -> None:
        while self.running:
            self.peak = max(self.peak, tree_megabytes())
            time.sleep(0.05)

    def __enter__(self):
        with contextlib.suppress(OSError):  # Linux: writing 5 resets this process's peak resident set size (VmHWM)
            Path("/proc/self/clear_refs").write_text("5")
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.sampler.start()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        seconds = time.perf_counter() - self.started
        self.running = False
        self.sampler.join()
        self.results[self.name] = {
            "seconds": seconds,
            "peak_mb": max(self.peak, _own_peak_mb()),
            "own_mb": _own_peak_mb(),
        }
        return False


def tree_megabytes() -> float:
    """Resident memory of this process and every process under it, in MB."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grown = {os.getpid()}, True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    total = 0
    for pid in tree:
        try:
            total += next(
                int(line.split()[1])
                for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                if line.startswith("VmRSS:")
            )
        except (OSError, StopIteration):
            continue
    return total / 1024


def _own_peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(count: int, root: Path) -> dict:
    """Every stage on ``count`` articles built under ``root``; the measures by stage."""
    jobs = default_jobs()
    shutil.copytree(seeds_dir(), root / "seeds")  # a project folder: the seeds are there, though not pooled
    corpus = root / "corpus"
    articles = write_articles(corpus, count)
    paths = [corpus / "articles" / a["file"] for a in articles]
    megabytes = sum(p.stat().st_size for p in paths) / 1024 / 1024
    results: dict = {"articles": count, "megabytes": megabytes}
    with Stage(results, "extract"):
        proposals = extract_files(paths, jobs)
    results["proposed"] = write_figures(corpus, articles, proposals, jobs)
    del proposals
    with Stage(results, "figures"):
        figures, problems = check_figures(corpus, jobs=jobs)
    results["figures_refused"] = len(problems)
    with Stage(results, "panel"):
        panel = figure_panel(figures)
    with Stage(results, "indicators"):
        indicators = compute_indicators(figures)
        withheld_indicators(figures)
    with Stage(results, "series"):
        series_across_articles(panel, figures)
    results.update(loaded=len(figures), statistics=len(panel), indicator_values=len(indicators))
    drop_refused(corpus, problems)
    env = {**os.environ, "COOPANALYSIS_ROOT": str(root), "CI": "1"}
    with Stage(results, "profiles"):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "coopanalysis",
                "run",
                "--config",
                str(PROFILES),
                "--corpus",
                "corpus",
                "--proposals",
                "--jobs",
                str(jobs),
                "--out",
                str(root / "out"),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
    results["profiles_run"] = len(re.findall(r": ok \(", run.stderr)) if run.returncode == 0 else run.stderr[-400:]
    return results


STAGES = ("extract", "figures", "panel", "indicators", "series", "profiles")


def report(all_results: list[dict]) -> None:
    base = {stage: all_results[0][stage]["seconds"] for stage in STAGES}
    print(
        f"\n{default_jobs()} cores; MB/s is megabytes of article text per second; peak: the resident memory of "
        f"all the stage's processes together (of this process alone)",
        flush=True,
    )
    print(
        f"{'stage':<11}"
        + "".join(f"{r['articles']:>8,} articles ({r['megabytes']:.0f} MB)".ljust(44) for r in all_results)
    )
    for stage in STAGES:
        cells = []
        for r in all_results:
            s = r[stage]
            cells.append(
                f"{s['seconds']:7.2f} s {r['megabytes'] / s['seconds']:6.2f} MB/s "
                f"{s['peak_mb']:5.0f} ({s['own_mb']:4.0f}) MB x{s['seconds'] / base[stage]:5.1f}".ljust(44)
            )
        print(f"{stage:<11}" + "".join(cells), flush=True)
    chain = ("extract", "figures", "panel", "indicators", "series")
    print(
        "extract to series: "
        + ", ".join(f"{r['articles']:,} articles {sum(r[s]['seconds'] for s in chain):.1f} s" for r in all_results)
    )
    for r in all_results:
        print(
            f"{r['articles']:,} articles: {r['proposed']:,} proposals, {r['figures_refused']:,} refused by check, "
            f"{r['loaded']:,} figures, {r['statistics']:,} panel rows, {r['indicator_values']:,} indicator values, "
            f"profiles run: {r['profiles_run']}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="one size, printed as JSON (used by the full benchmark)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    if args.size:
        with tempfile.TemporaryDirectory(prefix="coopanalysis-scale-") as tmp:
            print(json.dumps(run_size(args.size, Path(tmp))))
        return 0
    results = []
    for size in args.sizes:  # each size in a fresh process: its memory is its own
        done = subprocess.run([sys.executable, __file__, "--size", str(size)], capture_output=True, text=True)
        if done.returncode:
            print(done.stderr[-2000:], file=sys.stderr)
            return 1
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{size:,} articles: {json.dumps(results[-1])}", file=sys.stderr, flush=True)
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
