"""Run the report notebooks with papermill into a reproducible ``outputs/`` and verify it."""

from __future__ import annotations

import concurrent.futures
import csv
import hashlib
import io
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
import tomllib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .articles import article_text, load_articles
from .charts import CHART_GROUPS, indicator_chart, save_png
from .figures import load_figures
from .indicators import compute_indicators
from .pages import article_page, index_page
from .problems import ConfigError, RunFailed
from .paths import notebooks_dir
from .report import build_tables
from .tables import write_bytes, write_text

__all__ = [
    "ConfigError",
    "Job",
    "RunFailed",
    "clean_notebook",
    "default_config",
    "load_jobs",
    "refresh_notebooks",
    "run_reports",
    "verify_outputs",
]

#: Where report notebooks find the article pages, relative to ``outputs/reports`` and ``outputs/notebooks``.
ARTICLE_LINKS = "../articles/"
_KEYS = {"name", "notebook", "title", "parameters", "for_each"}
_FOR_EACH = {"province"}


@dataclass(frozen=True)
class Job:
    """One notebook execution: ``name`` is the file stem of its outputs."""

    name: str
    report: str
    title: str
    notebook: Path
    parameters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    name: str
    failure: str
    seconds: float


def default_config() -> Path:
    """The checked-in configuration: ``notebooks/reports.toml``."""
    return notebooks_dir() / "reports.toml"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load_jobs(config: Path) -> list[Job]:
    """Read the reports configuration and expand it into jobs (one per province for ``for_each``)."""
    name = config.name
    try:
        document = tomllib.loads(config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{config}: file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}: not valid TOML: {error}") from None
    reports = document.get("reports")
    if not isinstance(reports, list) or not reports:
        raise ConfigError(f"{name}: needs at least one [[reports]] table")
    provinces = sorted(set(load_articles()["province"]))
    jobs = []
    for number, report in enumerate(reports, start=1):
        where = f"{name}: report {number} ({report.get('name', 'unnamed')})"
        unknown = set(report) - _KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_KEYS))}")
        if not isinstance(report.get("name"), str) or not isinstance(report.get("notebook"), str):
            raise ConfigError(f"{where}: 'name' and 'notebook' are required strings")
        notebook = (config.parent / report["notebook"]).resolve()
        if not notebook.is_file():
            raise ConfigError(f"{where}: notebook {report['notebook']!r} not found next to {name}")
        parameters = dict(report.get("parameters", {}))
        _check_parameter_names(notebook, parameters, where)
        title = report.get("title", report["name"])
        for_each = report.get("for_each")
        if for_each is None:
            jobs.append(Job(report["name"], report["name"], title, notebook, parameters))
        elif for_each in _FOR_EACH:
            for province in provinces:
                jobs.append(Job(f"{report['name']}-{_slug(province)}", report["name"], f"{title}: {province}",
                                notebook, {**parameters, "province": province}))
        else:
            raise ConfigError(f"{where}: for_each must be one of {', '.join(sorted(_FOR_EACH))}")
    names = [job.name for job in jobs]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ConfigError(f"{name}: duplicate report name(s) {', '.join(duplicated)}")
    return jobs


def _check_parameter_names(notebook: Path, parameters: dict, where: str) -> None:
    """papermill only warns about misspelled parameters: refuse them here instead."""
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise ConfigError(f"{where}: unknown parameter(s) {', '.join(unknown)} for {notebook.name}; "
                          f"it declares: {', '.join(sorted(declared)) or 'none'}")


def clean_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between runs: papermill's timings and paths, random injected cell ids."""
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    return notebook


def _write_notebook(notebook: nbformat.NotebookNode, path: Path) -> None:
    write_text(path, nbformat.writes(notebook) + "\n")


def _ipc_kernel_manager():
    """A kernel manager that talks to its local kernel over Unix sockets instead of TCP ports."""
    from jupyter_client.manager import KernelManager

    class IPCKernelManager(KernelManager):
        def __init__(self, **kwargs):
            # A unique socket path per kernel: the default ("kernel-ipc" in the working directory)
            # makes kernels started side by side collide.
            sockets = Path(tempfile.gettempdir()) / f"coopanalysis-kernel-{uuid.uuid4().hex}"
            super().__init__(transport="ipc", ip=str(sockets), **kwargs)

    return IPCKernelManager


def _execute(job: Job, build: str, for_report: bool) -> Outcome:
    """Run one job in a worker process; write its notebook (and for a report, its HTML) under ``build``."""
    import papermill
    from nbconvert import HTMLExporter

    started = time.monotonic()
    target = Path(build) / "notebooks" / f"{job.name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    parameters = {**job.parameters, **({"article_links": ARTICLE_LINKS} if for_report else {})}
    failure = ""
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # no debugger warning per kernel
    try:
        papermill.execute_notebook(str(job.notebook), str(target), parameters=parameters, progress_bar=False,
                                   cwd=str(job.notebook.parent), record_timing=False, log_output=False,
                                   kernel_manager_class=_ipc_kernel_manager())
    except papermill.PapermillExecutionError as error:
        # By execution count: papermill puts an error banner cell on top, shifting the indices.
        sources = [c.source for c in nbformat.read(target, as_version=4).cells
                   if c.cell_type == "code" and c.get("execution_count") == error.exec_count]
        first_line = (sources[0].strip().splitlines() or [""])[0] if sources else ""
        failure = (f"report {job.name} ({job.notebook.name}) failed at In [{error.exec_count}] "
                   f"({first_line!r}): {error.ename}: {error.evalue}")
    except Exception as error:  # kernel died, notebook unreadable...
        failure = f"report {job.name} ({job.notebook.name}) could not run: {type(error).__name__}: {error}"
    if target.is_file():
        notebook = clean_notebook(nbformat.read(target, as_version=4))
        _write_notebook(notebook, target)
        if for_report and not failure:
            exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                                    exclude_output_prompt=True)
            body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": job.title}})
            write_text(Path(build) / "reports" / f"{job.name}.html", body)
    return Outcome(job.name, failure, time.monotonic() - started)


def _run_jobs(jobs: Sequence[Job], build: Path, workers: int, report: Callable[[Outcome, int], None],
              for_report: bool = True) -> list[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        outcomes = []
        for job in jobs:
            outcomes.append(_execute(job, str(build), for_report))
            report(outcomes[-1], len(jobs))
        return outcomes
    context = multiprocessing.get_context("spawn")  # no forked copies of zmq sockets or threads
    outcomes = []
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_execute, job, str(build), for_report) for job in jobs]
        for future in concurrent.futures.as_completed(futures):
            outcomes.append(future.result())
            report(outcomes[-1], len(jobs))
    return outcomes


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
                only: Sequence[str] = (), progress: bool = True) -> list[Path]:
    """Execute the reports into ``out``: notebooks, HTML reports, tables, charts, article pages.

    Everything is built in a temporary directory next to ``out`` and swapped in at the end, so a
    failure leaves the previous ``out`` untouched; the failed notebook is kept in ``<out>.failed/``.

    Raises
    ------
    ConfigError, SeedError
        Before anything runs, for a bad configuration or bad seeds.
    RunFailed
        Naming each failed notebook, its cell and the error.
    """
    config = config or default_config()
    all_jobs = load_jobs(config)
    jobs = _select(all_jobs, only)
    figures = load_figures()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-build-"))
    try:
        if only and out.is_dir():
            shutil.copytree(out, build, dirs_exist_ok=True)
        workers = workers or os.cpu_count() or 1
        report = _progress(len(jobs)) if progress else (lambda outcome, total: None)
        outcomes = _run_jobs(jobs, build, workers, report)
        failures = sorted(o.failure for o in outcomes if o.failure)
        if failures:
            kept = _keep_failed(build, out, [o.name for o in outcomes if o.failure])
            raise RunFailed("\n".join(failures) + f"\nexecuted notebooks kept for debugging in {kept}/")
        _write_static(build, figures, all_jobs)
        _write_checksums(build)
        _swap(build, out)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return sorted(p for p in out.rglob("*") if p.is_file())


def _keep_failed(build: Path, out: Path, names: list[str]) -> Path:
    kept = out.with_name(f"{out.name}.failed")
    shutil.rmtree(kept, ignore_errors=True)
    kept.mkdir(parents=True)
    for name in names:
        source = build / "notebooks" / f"{name}.ipynb"
        if source.is_file():
            shutil.copy2(source, kept / source.name)
    try:
        return kept.relative_to(Path.cwd())
    except ValueError:
        return kept


def _write_static(build: Path, figures, jobs: Sequence[Job]) -> None:
    """Tables, charts, article pages and the index: everything that is not a notebook."""
    indicators = compute_indicators(figures)
    tables = build_tables(build, figures, indicators)
    charts = build / "charts"
    shutil.rmtree(charts, ignore_errors=True)
    for name, indicator_names in CHART_GROUPS.items():
        save_png(indicator_chart(indicators, indicator_names), charts / f"{name}.png")
    articles = load_articles()
    pages = build / "articles"
    shutil.rmtree(pages, ignore_errors=True)
    for article in articles.to_dict("records"):
        text = article_text(article["file"])
        write_text(pages / f"{article['article_id']}.html",
                   article_page(article, text, figures[figures["article_id"] == article["article_id"]]))
    reports = [(f"{job.name}.html", job.title) for job in jobs if (build / "reports" / f"{job.name}.html").is_file()]
    write_text(build / "reports" / "index.html", index_page(reports, articles, [p.name for p in tables]))


def _write_checksums(build: Path) -> None:
    """``SHA256SUMS`` over every other file, in ``sha256sum -c`` format, sorted by path."""
    lines = []
    for path in sorted(p for p in build.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(build).as_posix()}\n")
    write_text(build / "SHA256SUMS", "".join(lines))


def _swap(build: Path, out: Path) -> None:
    """Replace ``out`` by ``build`` with two renames; the old tree is deleted only afterwards."""
    old = out.with_name(f".{out.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(build, out)
    shutil.rmtree(old, ignore_errors=True)


def verify_outputs(out: Path, config: Path | None = None, workers: int | None = None) -> list[str]:
    """Rerun everything into a temporary directory and list every difference from ``out``.

    Returns an empty list when the two trees are byte-identical; otherwise one line per file
    added, missing or changed and, for CSV tables, one line per changed cell ("old → new").
    """
    with tempfile.TemporaryDirectory(prefix="coopanalysis-verify-") as tmp:
        fresh = Path(tmp) / "outputs"
        run_reports(fresh, config, workers, progress=False)
        return compare_trees(out, fresh)


def compare_trees(old: Path, new: Path) -> list[str]:
    """Differences between two output trees, file by file and, for CSV, cell by cell."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()} if root.is_dir() else {}

    before, after = files(old), files(new)
    lines = [f"missing from {old.name}/: {name}" for name in sorted(set(after) - set(before))]
    lines += [f"not produced by the rerun: {name}" for name in sorted(set(before) - set(after))]
    for name in sorted(set(before) & set(after)):
        a, b = before[name].read_bytes(), after[name].read_bytes()
        if a != b:
            lines.append(f"differs: {name}")
            if name.endswith(".csv"):
                lines += [f"  {line}" for line in _csv_changes(a.decode("utf-8"), b.decode("utf-8"))]
    return lines


def _csv_changes(old: str, new: str) -> list[str]:
    old_rows, new_rows = list(csv.reader(io.StringIO(old))), list(csv.reader(io.StringIO(new)))
    if not old_rows or not new_rows or old_rows[0] != new_rows[0]:
        return ["columns changed"]
    header = old_rows[0]

    def keyed(rows: list[list[str]]) -> dict[tuple, list[str]]:
        seen: dict[str, int] = {}
        result = {}
        for row in rows[1:]:
            key = row[0] if header[0] != "indicator" else "|".join(row[i] for i in (0, header.index("inputs")))
            seen[key] = seen.get(key, 0) + 1
            result[(key, seen[key])] = row
        return result

    a, b = keyed(old_rows), keyed(new_rows)
    changes = [f"row {k[0]}: removed" for k in a if k not in b] + [f"row {k[0]}: added" for k in b if k not in a]
    for key in [k for k in a if k in b]:
        for column, x, y in zip(header, a[key], b[key]):
            if x != y:
                changes.append(f"row {key[0]}: {column}: {x or '(empty)'} → {y or '(empty)'}")
    return changes


def refresh_notebooks(config: Path | None = None, workers: int | None = None) -> list[Path]:
    """Re-execute the notebooks of ``notebooks/`` in place with their default parameters.

    For an intended change of data or code; nbval then checks that later runs reproduce them.
    """
    config = config or default_config()
    notebooks = list(dict.fromkeys(job.notebook for job in load_jobs(config)))
    jobs = [Job(path.stem, path.stem, path.stem, path) for path in notebooks]
    with tempfile.TemporaryDirectory(prefix="coopanalysis-notebooks-") as tmp:
        outcomes = _run_jobs(jobs, Path(tmp), workers or os.cpu_count() or 1, _progress(len(jobs)), for_report=False)
        failures = sorted(o.failure for o in outcomes if o.failure)
        if failures:
            raise RunFailed("\n".join(failures))
        for path in notebooks:
            write_bytes(path, (Path(tmp) / "notebooks" / path.name).read_bytes())
    return notebooks
