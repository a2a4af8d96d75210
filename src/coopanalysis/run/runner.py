"""Run the report notebooks with papermill into a reproducible ``outputs/``: select, execute, assemble.

The output folder's safety (marker, swap, failed notebooks) is :mod:`.outputs`; the pages that
are not notebooks are :mod:`.pages`.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ..articles.corpora import corpus_name, resolve_corpora
from ..articles.pooled import load_articles
from ..base.problems import ConfigError, OutputRefused, RunFailed, SeedError
from ..base.writers import write_bytes
from ..figures.check import check_corpora
from ..figures.pooled import reviewed_unless
from ..figures.shared import corpora_digest, shared_with_notebooks
from ..indicators import compute_indicators
from .cache import CACHE, job_keys, kept_keys, reuse_outputs, write_keys
from .config import Job, default_config, load_jobs
from .outputs import MARKER, check_output_location, keep_failed, mark, new_build, output_lock, swap, write_checksums
from .pages import write_static
from .workers import Outcome, run_jobs

__all__ = ["MARKER", "refresh_notebooks", "run_reports"]


def _progress(total: int) -> Callable[[Outcome, int], None]:
    """A progress bar on a terminal, one plain line per notebook in logs (CI)."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        from tqdm import tqdm

        bar = tqdm(total=total, unit="notebook", file=sys.stderr)

        def update(outcome: Outcome, _: int) -> None:
            bar.set_postfix_str(outcome.name)
            bar.update()
            if bar.n == bar.total:
                bar.close()
        return update
    done = [0]

    def line(outcome: Outcome, count: int) -> None:
        done[0] += 1
        status = "FAILED" if outcome.failure else "ok"
        print(f"[{done[0]}/{count}] {outcome.name}: {status} ({outcome.seconds:.1f} s)", file=sys.stderr, flush=True)
    return line


def _select(jobs: list[Job], only: Sequence[str]) -> list[Job]:
    if not only:
        return jobs
    known = list(dict.fromkeys([j.report for j in jobs] + [j.name for j in jobs]))
    unknown = [name for name in only if name not in known]
    if unknown:
        raise ConfigError(f"unknown report {', '.join(map(repr, unknown))} for --only; known: {', '.join(known)}")
    return [j for j in jobs if j.name in only or j.report in only]


def run_reports(out: Path, config: Path | None = None, workers: int | None = None,
                only: Sequence[str] = (), progress: bool = True, corpora=None, proposals: bool = False,
                reuse: bool = True) -> list[Path]:
    """Execute the reports into ``out``: notebooks, HTML reports, tables, charts, article pages.

    ``corpora`` are the corpus folders the reports pool (default: ``seeds/``). ``proposals``: show
    the extractor's unreviewed proposals, marked "proposed" wherever a value rests on one; by
    default only reviewed figures are shown and each page says how many proposals it leaves out.
    Every notebook gets both as its ``corpora`` and ``proposals`` parameters.

    ``reuse``: a report whose inputs are unchanged since the last run into ``out`` is copied from
    it instead of executed (:mod:`.cache` says what is hashed); ``only`` always executes what it names.

    Everything is built in a temporary directory next to ``out`` and swapped in at the end, so a
    failure or an interrupt leaves the previous ``out`` untouched; the failed notebook is kept in
    ``<out>.failed/``.

    Raises
    ------
    ConfigError, SeedError
        Before anything runs, for a bad configuration or corpora that ``check`` rejects (the same problems).
    OutputRefused
        Before anything runs, when ``out`` is not the run's own directory or cannot be written.
    RunFailed
        Naming each failed notebook, its cell and the error.
    """
    out = check_output_location(out)
    config = config or default_config()
    corpora = resolve_corpora(corpora)
    with output_lock(out):
        return _run(out, config, workers, only, progress, corpora, proposals, reuse)


def _run(out: Path, config: Path, workers: int | None, only: Sequence[str], progress: bool, corpora,
         proposals: bool, reuse: bool = True) -> list[Path]:
    # What check rejects, a run refuses, before any notebook runs; the rows checked by every core.
    figures, problems = check_corpora(corpora, jobs=workers or os.cpu_count() or 1)
    if problems:
        raise SeedError(problems)
    figures = reviewed_unless(figures, proposals)
    articles = load_articles(corpora)
    given = {"corpora": [corpus_name(c) for c in corpora], "proposals": proposals}
    all_jobs = [replace(job, parameters={**job.parameters, **given})
                for job in _navigation(load_jobs(config, sorted(set(articles["province"]))))]
    jobs = _select(all_jobs, only)
    indicators, digest = compute_indicators(figures), corpora_digest(corpora)  # for the keys and the pages
    keys = job_keys(all_jobs, figures, articles, indicators, digest)
    build = new_build(out)
    try:
        if only and (out / MARKER).is_file():
            shutil.copytree(out, build, dirs_exist_ok=True)
        reused = reuse_outputs(jobs, keys, out, build) if reuse and not only else []
        if reused and progress:
            print(f"{len(reused)} of {len(jobs)} reports unchanged since the last run: reused", file=sys.stderr)
        jobs = [job for job in jobs if job.name not in reused]
        report = _progress(len(jobs)) if progress else (lambda outcome, total: None)
        with shared_with_notebooks(figures, corpora, proposals, build, digest):  # loaded once, not again by every notebook
            outcomes = run_jobs(jobs, build, workers or os.cpu_count() or 1, report)
        if any(o.disk_full for o in outcomes):
            raise OutputRefused(f"--out {out.name}: the disk is full (a notebook could not be written); free some space "
                                f"and run again; the previous outputs are as they were")
        failures = sorted(o.failure for o in outcomes if o.failure)
        if failures:
            kept = keep_failed(build, out, [o.name for o in outcomes if o.failure])
            raise RunFailed("\n".join(failures) + f"\nexecuted notebooks kept for debugging in {kept}/")
        write_static(build, figures, indicators, articles, all_jobs, corpora)
        mark(build)
        (build / CACHE).unlink(missing_ok=True)  # the cache is no output: not in SHA256SUMS
        write_checksums(build)
        # With --only, the reports it does not name keep their outputs, and so the keys kept for them.
        kept = {name: key for name, key in kept_keys(out).items() if name in keys} if only else {}
        write_keys(build, {**kept, **{name: keys[name] for name in _names(all_jobs, only)}})
        swap(build, out)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return sorted(p for p in out.rglob("*") if p.is_file() and p != out / CACHE)


def _names(jobs: Sequence[Job], only: Sequence[str]) -> list[str]:
    return [job.name for job in _select(list(jobs), only)]


def _navigation(jobs: Sequence[Job]) -> list[Job]:
    """The jobs with the links every report page carries: the index and each report that is no profile."""
    nav = (("index.html", "All reports"),) + tuple(
        (f"{job.name}.html", job.title) for job in jobs if job.name == job.report)
    return [replace(job, nav=nav) for job in jobs]


def refresh_notebooks(config: Path | None = None, workers: int | None = None) -> list[Path]:
    """Re-execute the notebooks of ``notebooks/`` in place with their default parameters.

    For an intended change of data or code; nbval then checks that later runs reproduce them.
    """
    config = config or default_config()
    notebooks = list(dict.fromkeys(job.notebook for job in load_jobs(config)))
    jobs = [Job(path.stem, path.stem, path.stem, path) for path in notebooks]
    with tempfile.TemporaryDirectory(prefix="coopanalysis-notebooks-") as tmp:
        outcomes = run_jobs(jobs, Path(tmp), workers or os.cpu_count() or 1, _progress(len(jobs)), for_report=False)
        failures = sorted(o.failure for o in outcomes if o.failure)
        if failures:
            raise RunFailed("\n".join(failures))
        for path in notebooks:
            write_bytes(path, (Path(tmp) / "notebooks" / path.name).read_bytes())
    return notebooks
