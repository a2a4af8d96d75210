"""Run the report notebooks with papermill into a reproducible ``outputs/``, never touching anything else.

The output directory is the run's own: it carries a marker file (:data:`MARKER`), and a run only
ever replaces a directory that has the marker (or is new or empty). Everything is built in a
temporary directory next to it and swapped in at the end, so a failure or an interrupt leaves the
previous outputs as they were.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from .articles import article_text
from .corpus import CORPORA_ENV, corpus_name, corpus_path, load_articles, load_figures, resolve_corpora
from .datapackage import table_descriptions
from .indicators import INDICATORS, compute_indicators
from .reports.article_page import article_page
from .reports.charts import chartable, indicator_chart
from .reports.index_page import index_page
from .problems import ConfigError, OutputRefused, RunFailed
from .report import build_tables
from .runconfig import Job, default_config, load_jobs
from .tables import write_bytes, write_text
from .workers import Outcome, run_jobs

__all__ = ["MARKER", "refresh_notebooks", "run_reports"]

#: The file that marks a directory as written by ``coopanalysis run``: only such a directory is replaced.
MARKER = ".coopanalysis-outputs"
_MARKER_TEXT = ("This directory is written by `coopanalysis run`; the next run replaces it whole.\n"
                "Keep nothing else here.\n")


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


def is_own_directory(path: Path) -> bool:
    """True for a directory that a run wrote (it has the marker) or that holds nothing."""
    return path.is_dir() and ((path / MARKER).is_file() or not any(path.iterdir()))


def check_output_location(out: Path) -> Path:
    """The resolved output directory, or :class:`OutputRefused` saying why it cannot be used."""
    out = out.resolve()
    if out.parent == out:
        raise OutputRefused(f"--out {out}: the root of the file system is not an output directory; give a new directory")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"--out {out.name}: is a file, not a directory; give a directory (a run never replaces a file)")
    if out.exists() and not is_own_directory(out):
        raise OutputRefused(f"--out {out.name}: holds files that `coopanalysis run` did not write (no {MARKER} marker); "
                            f"give a new or empty directory, or the outputs of an earlier run")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-build-")
    except OSError as error:
        raise OutputRefused(f"--out {out}: cannot write there ({error.strerror or error}); give a writable directory") from None
    os.rmdir(probe)
    return out


def run_reports(out: Path, config: Path | None = None, workers: int | None = None,
                only: Sequence[str] = (), progress: bool = True, corpora=None) -> list[Path]:
    """Execute the reports into ``out``: notebooks, HTML reports, tables, charts, article pages.

    ``corpora`` are the corpus folders the reports pool (default: ``seeds/``); the notebooks get
    them through ``$COOPANALYSIS_CORPORA``.

    Everything is built in a temporary directory next to ``out`` and swapped in at the end, so a
    failure or an interrupt leaves the previous ``out`` untouched; the failed notebook is kept in
    ``<out>.failed/``.

    Raises
    ------
    ConfigError, SeedError
        Before anything runs, for a bad configuration or bad seeds.
    OutputRefused
        Before anything runs, when ``out`` is not the run's own directory or cannot be written.
    RunFailed
        Naming each failed notebook, its cell and the error.
    """
    out = check_output_location(out)
    config = config or default_config()
    corpora = resolve_corpora(corpora)
    names = [corpus_name(c) for c in corpora]
    previous = os.environ.get(CORPORA_ENV)
    os.environ[CORPORA_ENV] = os.pathsep.join(names)  # the notebooks' kernels inherit it
    try:
        return _run(out, config, workers, only, progress, corpora)
    finally:
        if previous is None:
            os.environ.pop(CORPORA_ENV, None)
        else:
            os.environ[CORPORA_ENV] = previous


def _run(out: Path, config: Path, workers: int | None, only: Sequence[str], progress: bool, corpora) -> list[Path]:
    figures = load_figures(corpora)
    articles = load_articles(corpora)
    all_jobs = _navigation(load_jobs(config, sorted(set(articles["province"]))))
    jobs = _select(all_jobs, only)
    build = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-build-"))
    try:
        if only and (out / MARKER).is_file():
            shutil.copytree(out, build, dirs_exist_ok=True)
        report = _progress(len(jobs)) if progress else (lambda outcome, total: None)
        outcomes = run_jobs(jobs, build, workers or os.cpu_count() or 1, report)
        failures = sorted(o.failure for o in outcomes if o.failure)
        if failures:
            kept = _keep_failed(build, out, [o.name for o in outcomes if o.failure])
            raise RunFailed("\n".join(failures) + f"\nexecuted notebooks kept for debugging in {kept}/")
        _write_static(build, figures, articles, all_jobs, corpora)
        write_text(build / MARKER, _MARKER_TEXT)
        _write_checksums(build)
        _swap(build, out)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return sorted(p for p in out.rglob("*") if p.is_file())


def _keep_failed(build: Path, out: Path, names: list[str]) -> Path:
    """Copy the failed notebooks to ``<out>.failed/`` (replaced only if a run made it)."""
    kept = out.with_name(f"{out.name}.failed")
    if kept.exists() and not is_own_directory(kept):
        kept = Path(tempfile.mkdtemp(dir=out.parent, prefix=f"{out.name}.failed-"))
    else:
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir(parents=True)
    write_text(kept / MARKER, "Failed notebooks of the last `coopanalysis run`; the next failure replaces them.\n")
    for name in names:
        source = build / "notebooks" / f"{name}.ipynb"
        if source.is_file():
            shutil.copy2(source, kept / source.name)
    try:
        return kept.relative_to(Path.cwd())
    except ValueError:
        return kept


def _navigation(jobs: Sequence[Job]) -> list[Job]:
    """The jobs with the links every report page carries: the index and each report that is no profile."""
    nav = (("index.html", "All reports"),) + tuple(
        (f"{job.name}.html", job.title) for job in jobs if job.name == job.report)
    return [replace(job, nav=nav) for job in jobs]


def _write_static(build: Path, figures, articles, jobs: Sequence[Job], corpora) -> None:
    """Tables, charts, article pages and the index: everything that is not a notebook."""
    indicators = compute_indicators(figures)
    tables = build_tables(build, figures, indicators, articles, corpora)
    charts = build / "charts"
    shutil.rmtree(charts, ignore_errors=True)
    for indicator in INDICATORS:  # one chart per indicator that two values or more make worth drawing
        if chartable(indicators, indicator.name):
            indicator_chart(indicators, indicator.name, articles=articles).save(charts / f"{indicator.name}.png")
    written = {job.name: f"{job.name}.html" for job in jobs if (build / "reports" / f"{job.name}.html").is_file()}
    pages = build / "articles"
    shutil.rmtree(pages, ignore_errors=True)
    for article in articles.to_dict("records"):
        text = article_text(article["file"], corpus_path(article["corpus"]))
        write_text(pages / f"{article['article_id']}.html",
                   article_page(article, text, figures[figures["article_id"] == article["article_id"]], written))
    reports = [(f"{job.name}.html", job.title, job.summary, job.parameters.get("province", "") if job.name != job.report else "")
               for job in jobs if job.name in written]
    descriptions = table_descriptions()
    listed = [(name, descriptions[name]) for name in tables]
    listed.append(("datapackage.json", "The Frictionless data package: every table's columns described."))
    write_text(build / "reports" / "index.html",
               index_page(reports, articles, figures, indicators, tables["panel.csv"], tables["series.csv"],
                          tables["provinces_2025_view.csv"], listed))


def _write_checksums(build: Path) -> None:
    """``SHA256SUMS`` over every other file, in ``sha256sum -c`` format, sorted by path."""
    lines = []
    for path in sorted(p for p in build.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(build).as_posix()}\n")
    write_text(build / "SHA256SUMS", "".join(lines))


def _swap(build: Path, out: Path) -> None:
    """Replace ``out`` by ``build`` with two renames; the old tree (the run's own) is deleted last.

    If the second rename fails, the old tree is put back: the previous outputs are never lost.
    """
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-old-"))
    try:
        if out.exists():
            os.replace(out, old)
            try:
                os.replace(build, out)
            except BaseException:
                os.replace(old, out)
                raise
        else:
            os.replace(build, out)
    finally:
        shutil.rmtree(old, ignore_errors=True)  # after a restore it no longer exists


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
