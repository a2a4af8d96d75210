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

from ..analysis.build import Analysis, analyse
from ..analysis.store import analysis_key, keep, kept_entry, prune, read_analysis, view_of, write_view
from ..articles.corpora import default_corpora
from ..articles.snapshot import Snapshot, snapshot
from ..base.paths import slug
from ..base.problems import ConfigError, OutputRefused, RunFailed
from ..base.writers import write_bytes
from ..vocab.provinces import provinces
from .cache import (
    CACHE,
    STATIC,
    Kept,
    job_files,
    job_keys,
    kept_outputs,
    record,
    reuse,
    static_files,
    static_key,
    write_kept,
)
from .config import Job, default_config, load_jobs
from .outputs import MARKER, check_output_location, keep_failed, mark, new_build, output_lock, swap, write_checksums
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
        hints = "".join(_profile_hint(name, known) for name in unknown)
        raise ConfigError(
            f"unknown report {', '.join(map(repr, unknown))} for --only;{hints} known: {', '.join(known)}"
        )
    return [j for j in jobs if j.name in only or j.report in only]


def _profile_hint(name: str, known: list[str]) -> str:
    """For a profile the run has not: the profile of the province a former one became part of, or "no figures yet"."""
    report, _, place = name.rpartition("-profile-")
    for province in provinces().itertuples() if place else ():
        if slug(province.name) != place:
            continue
        after = f"{report}-profile-{slug(province.successor)}"
        if after != name and after in known:
            return f" {province.name} is part of {province.successor} since July 2025: its profile is {after};"
        part = (
            f"{province.name} is part of {province.successor} since July 2025, which"
            if after != name
            else province.name
        )
        return f" {part} has no figures yet, so no profile;"
    return ""


def run_reports(
    out: Path,
    config: Path | None = None,
    workers: int | None = None,
    only: Sequence[str] = (),
    progress: bool = True,
    corpora: Sequence[Path] | None = None,
    proposals: bool = False,
    reuse: bool = True,
) -> list[Path]:
    """Execute the reports into ``out``: notebooks, HTML reports, tables, charts, article pages.

    ``corpora`` are the corpus folders the reports pool, resolved by the caller
    (:func:`coopanalysis.resolve_corpora`; default: ``seeds/``). Under the output lock, their
    files are read once (:func:`coopanalysis.articles.snapshot.snapshot`): the checks, the analysis,
    the keys and the article pages all use that one snapshot. ``proposals``: show the extractor's
    unreviewed proposals, marked "proposed" wherever a value rests on one; by default only
    reviewed figures are shown and each page says how many proposals it leaves out.

    The analysis is computed once per snapshot and kept by content (:mod:`coopanalysis.analysis.store`);
    each notebook gets the name of the part it reads as its ``analysis`` parameter, with
    ``corpora`` and ``proposals``. ``reuse``: a report (or the static pages) whose key is unchanged
    and whose files are as the last run into ``out`` wrote them is copied instead of made again
    (:mod:`.cache`); ``only`` always executes what it names.

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
    load_jobs(config, [])  # a configuration that cannot run is refused first: before the corpus is read or analysed
    folders = list(corpora) if corpora else default_corpora()
    with output_lock(out):
        return _run(out, config, workers or os.cpu_count() or 1, only, progress, folders, proposals, reuse)


def _run(
    out: Path,
    config: Path,
    workers: int,
    only: Sequence[str],
    progress: bool,
    folders: list[Path],
    proposals: bool,
    reusing: bool,
) -> list[Path]:
    read = snapshot(folders)  # every corpus file read once: all below uses these bytes
    key = analysis_key(read.digest, proposals)
    entry, analysis = kept_entry(key), None
    if entry is None:  # not computed before, or changed since: check (refusing what check rejects) and compute
        analysis = analyse(read, proposals, workers)
        entry = keep(analysis, key)
    given = {"corpora": read.names, "proposals": proposals}
    all_jobs = [
        replace(
            job,
            parameters={
                **job.parameters,
                **given,
                "analysis": write_view(view_of(entry, job.parameters["province"] if job.reads == "province" else None)),
            },
        )
        for job in _navigation(load_jobs(config, entry["provinces"]))
    ]
    keys = job_keys(all_jobs)
    jobs = _select(all_jobs, only)
    kept = kept_outputs(out) if (out / MARKER).is_file() else {}
    build = new_build(out)
    try:
        records: Kept = {}
        if only:  # the other reports keep their outputs, each checked against what its run recorded
            for job in all_jobs:
                if (
                    job not in jobs
                    and job.name in kept
                    and reuse(job.name, kept[job.name]["key"], None, kept, out, build)
                ):
                    records[job.name] = kept[job.name]
        elif reusing:
            for job in jobs:
                if reuse(job.name, keys[job.name], job_files(job.name), kept, out, build):
                    records[job.name] = kept[job.name]
        reused = [job for job in jobs if job.name in records]
        if reused and progress:
            print(f"{len(reused)} of {len(jobs)} reports unchanged since the last run: reused", file=sys.stderr)
        if only:
            lost = [job for job in all_jobs if job not in jobs and job.name in kept and job.name not in records]
            if lost and progress:
                print(f"{len(lost)} kept report(s) differ from what their run wrote: executed again", file=sys.stderr)
            jobs = jobs + lost
        jobs = [job for job in jobs if job.name not in records or job.name in only]
        report = _progress(len(jobs)) if progress else (lambda outcome, total: None)
        outcomes = run_jobs(jobs, build, workers, report)
        if any(o.disk_full for o in outcomes):
            raise OutputRefused(
                f"--out {out.name}: the disk is full (a notebook could not be written); free some space "
                f"and run again; the previous outputs are as they were"
            )
        failures = sorted(o.failure for o in outcomes if o.failure)
        if failures:
            kept_failed = keep_failed(build, out, [o.name for o in outcomes if o.failure])
            raise RunFailed("\n".join(failures) + f"\nexecuted notebooks kept for debugging in {kept_failed}/")
        records.update({job.name: record(job.name, keys[job.name], job_files(job.name), build) for job in jobs})
        # Even with --rerun: the pages that are no notebooks are a function of their key, and reused only
        # when every kept file still has the digest its run recorded.
        records[STATIC] = _static(build, out, kept, read, entry, analysis, proposals, all_jobs, progress)
        mark(build)
        # Over what this run made or checked, nothing else; with the digests taken as it did.
        write_checksums(build, {f: d for r in records.values() for f, d in r["files"].items()})
        write_kept(build, records)
        swap(build, out)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    prune([key])
    return sorted(p for p in out.rglob("*") if p.is_file() and p != out / CACHE)


def _static(
    build: Path,
    out: Path,
    kept: Kept,
    read: Snapshot,
    entry: dict,
    analysis: Analysis | None,
    proposals: bool,
    jobs: Sequence[Job],
    progress: bool,
) -> dict:
    """The pages that are not notebooks: reused when unchanged and as written, else made from the analysis."""
    key = static_key(read.digest, proposals, jobs)
    if reuse(STATIC, key, None, kept, out, build):
        if progress:
            print("tables, charts and article pages unchanged since the last run: reused", file=sys.stderr)
        return kept[STATIC]
    from .pages import write_static  # charts (matplotlib, seaborn): only when the pages are made again

    analysis = analysis or read_analysis(view_of(entry, None))
    write_static(build, analysis, read, jobs)
    return record(STATIC, key, static_files(build), build)


def _names(jobs: Sequence[Job], only: Sequence[str]) -> list[str]:
    return [job.name for job in _select(list(jobs), only)]


def _navigation(jobs: Sequence[Job]) -> list[Job]:
    """The jobs with the links every report page carries: the index and each report that is no profile."""
    nav = (("index.html", "All reports"), *((f"{job.name}.html", job.title) for job in jobs if job.name == job.report))
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
