"""Read the reports configuration (``notebooks/reports.toml``) into jobs, refusing what cannot run."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..articles.pooled import load_articles
from ..base.paths import PathEscape, code_root, inside, notebooks_dir, project_root, slug
from ..base.problems import ConfigError
from ..base.readers import read_text
from ..vocab.provinces import successor

__all__ = ["Job", "declared_parameters", "default_config", "load_jobs"]

_KEYS = {"name", "notebook", "title", "summary", "parameters", "for_each", "reads"}
_FOR_EACH = {"province"}
#: What a report reads of the analysis (and so what its cache key covers): everything (the default), or
#: its province's part (:func:`coopanalysis.analysis.parts.profile_parts`).
_READS = {"everything", "province"}
#: Report names become file names under ``--out``: lowercase letters, digits and hyphens only.
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


@dataclass(frozen=True)
class Job:
    """One notebook execution: ``name`` is the file stem of its outputs."""

    name: str
    report: str
    title: str
    notebook: Path
    parameters: dict = field(default_factory=dict)
    summary: str = ""  # what the report answers, in one line (for the index)
    nav: tuple = ()  # (href, text) links every report page carries, set by the run
    reads: str = "everything"  # "province": reads only its province's part of the analysis


def default_config() -> Path:
    """The checked-in configuration: ``notebooks/reports.toml``."""
    return notebooks_dir() / "reports.toml"


def load_jobs(config: Path, provinces: list[str] | None = None) -> list[Job]:
    """Read the reports configuration and expand it into jobs (one per province for ``for_each``).

    ``provinces`` are those a ``for_each = "province"`` report runs for (default: the seeds' provinces of the 34).
    Raises :class:`ConfigError` naming the file, the report and the fix for anything that
    cannot run: bad TOML, wrong types, unknown keys or parameters, names that are not file-name
    safe, notebooks outside the project, a parameter that ``for_each`` would override.
    """
    name = config.name
    text, problems = read_text(config, config.parent)
    if text is None:
        raise ConfigError(f"{config}: {problems[0].message}")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}: not valid TOML: {error}") from None
    reports = document.get("reports")
    if not isinstance(reports, list) or not reports or not all(isinstance(r, dict) for r in reports):
        raise ConfigError(f"{name}: needs one [[reports]] table per report (got reports = {reports!r:.60})")
    jobs = []
    for number, report in enumerate(reports, start=1):
        jobs += _jobs(report, f"{name}: report {number} ({report.get('name', 'unnamed')!s:.40})", config, provinces)
    names = [job.name for job in jobs]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ConfigError(f"{name}: duplicate report name(s) {', '.join(duplicated)}")
    return jobs


def _jobs(report: dict, where: str, config: Path, provinces: list[str] | None) -> list[Job]:
    unknown = set(report) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_KEYS))}")
    if not isinstance(report.get("name"), str) or not isinstance(report.get("notebook"), str):
        raise ConfigError(f"{where}: 'name' and 'notebook' are required strings")
    if not _NAME.fullmatch(report["name"]):
        raise ConfigError(
            f"{where}: name {report['name']!r} must be lowercase letters, digits and '-' (it names the output files)"
        )
    notebook = _notebook(report["notebook"], config, where)
    parameters = report.get("parameters", {})
    if not isinstance(parameters, dict):
        raise ConfigError(
            f'{where}: parameters must be a table such as {{ province = "Lang Son" }}, got {parameters!r:.40}'
        )
    _check_parameter_names(notebook, parameters, where)
    for key, value in parameters.items():
        if not _plain(value):
            raise ConfigError(
                f"{where}: parameter {key} = {value!s:.40} is a TOML {type(value).__name__}; a notebook "
                f"parameter is a string, a number, true or false, or a list of them "
                f'(write a date in quotes: "2024-07-01")'
            )
    title, summary = report.get("title", report["name"]), report.get("summary", "")
    if not isinstance(title, str) or not isinstance(summary, str):
        raise ConfigError(f"{where}: title and summary must be strings")
    reads = report.get("reads", "everything")
    if reads not in _READS or (reads == "province" and report.get("for_each") != "province"):
        raise ConfigError(f'{where}: reads must be "everything" or, with for_each = "province", "province"')
    for_each = report.get("for_each")
    if for_each is None:
        return [Job(report["name"], report["name"], title, notebook, dict(parameters), summary)]
    if for_each not in _FOR_EACH:
        raise ConfigError(f"{where}: for_each must be one of {', '.join(sorted(_FOR_EACH))}")
    if for_each in parameters:
        raise ConfigError(
            f'{where}: parameters.{for_each} and for_each = "{for_each}" conflict: for_each sets '
            f"{for_each} for every job; drop one of them"
        )
    if provinces is None:
        # Profiles are of the 34 provinces: a former province's articles are its successor's.
        provinces = sorted({successor(province) for province in load_articles()["province"]})
    return [
        Job(
            f"{report['name']}-{slug(province)}",
            report["name"],
            f"{title}: {province}",
            notebook,
            {**parameters, for_each: province},
            summary,
            reads=reads,
        )
        for province in provinces
    ]


def _plain(value: object) -> bool:
    """A value papermill can write into a notebook: TOML dates and times cannot be (TypeError)."""
    if isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _notebook(relative: str, config: Path, where: str) -> Path:
    """The notebook path (relative to the configuration), which must stay inside the project.

    The project is the data root (``COOPANALYSIS_ROOT``) or the checkout the package runs from.
    """
    for root in dict.fromkeys([project_root(), code_root()]):
        try:
            path = inside(root, os.path.relpath(config.parent.resolve() / relative, root.resolve()), "notebook")
            break
        except PathEscape:
            continue
    else:
        raise ConfigError(f"{where}: notebook {relative!r} is outside the project; keep report notebooks in it")
    if not path.is_file():
        raise ConfigError(f"{where}: notebook {relative!r} not found next to {config.name}")
    return path.resolve()


def _check_parameter_names(notebook: Path, parameters: dict, where: str) -> None:
    """papermill only warns about misspelled parameters: refuse them here instead."""
    try:
        declared = declared_parameters(notebook)
    except Exception as error:  # noqa: BLE001 - not JSON, not a notebook: papermill raises several kinds
        raise ConfigError(f"{where}: {notebook.name} is not a readable notebook ({type(error).__name__})") from None
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise ConfigError(
            f"{where}: unknown parameter(s) {', '.join(unknown)} for {notebook.name}; "
            f"it declares: {', '.join(sorted(declared)) or 'none'}"
        )


def declared_parameters(notebook: Path) -> tuple[str, ...]:
    """The parameters ``notebook`` declares in its cell tagged ``parameters`` (papermill's reading)."""
    status = notebook.stat()
    return _declared(notebook, status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=64)
def _declared(notebook: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    """The parameters a notebook declares, read once per version of the file (a run reads its
    configuration twice: to refuse a bad one first, then for the provinces of its corpus)."""
    import papermill

    return tuple(papermill.inspect_notebook(str(notebook)))
