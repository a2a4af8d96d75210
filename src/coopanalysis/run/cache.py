"""Reuse the outputs of a report whose inputs have not changed since the last run into the same folder.

Each job's inputs are hashed into one key (SHA-256 over, in order):

* the code: every file of the installed package (modules and ``data/``), the Python version and
  the versions of the packages that execute and render notebooks;
* the notebook file's bytes;
* the job: its name, title, parameters (with the article links the run sets) and page navigation;
* the data it reads: for a report that reads everything, every file of every corpus it pools
  (tables, checksums and article texts); for a report configured with ``reads = "province"``
  (the province profiles), the table rows that :func:`coopanalysis.reports.profile.profile_reads`
  lists for its province, as CSV.

The keys are kept in the output folder (:data:`CACHE`), beside the outputs but not one of them:
``SHA256SUMS`` and ``verify`` leave the file out. A job whose key equals the one kept for it and
whose notebook and page are still there is not executed: its two files are copied from the
previous outputs. Execution is deterministic, so the outputs are those a full run writes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

import pandas as pd

from ..base.paths import DATA_DIR
from ..base.writers import write_text
from ..reports.profile import profile_reads
from .config import Job
from .workers import ARTICLE_LINKS

__all__ = ["CACHE", "job_keys", "kept_keys", "reuse_outputs", "write_keys"]

#: The file, relative to the output folder, that holds each job's key.
CACHE = ".cache/jobs.json"
_PACKAGE = DATA_DIR.parent
#: Packages whose version changes what an executed notebook or its page holds.
_RENDERING = ("pandas", "numpy", "matplotlib", "seaborn", "papermill", "nbconvert", "nbformat", "nbclient",
              "ipykernel", "itables", "jupyter_client")


@cache
def code_key() -> str:
    """The package's files, Python's version and the rendering packages' versions, hashed."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _RENDERING:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()


def job_keys(jobs: Sequence[Job], figures: pd.DataFrame, articles: pd.DataFrame, indicators: pd.DataFrame,
             everything: str) -> dict[str, str]:
    """Each job's key, by job name (see the module's description of what is hashed).

    ``indicators`` are those of ``figures``; ``everything`` is :func:`coopanalysis.figures.shared.corpora_digest`
    of the corpora pooled (both computed once by the run, which uses them again).
    """
    keys = {}
    for job in jobs:
        digest = hashlib.sha256(code_key().encode())
        digest.update(hashlib.sha256(job.notebook.read_bytes()).digest())
        described = {"name": job.name, "title": job.title, "nav": [list(link) for link in job.nav],
                     "parameters": {**job.parameters, "article_links": ARTICLE_LINKS}}
        digest.update(json.dumps(described, sort_keys=True, ensure_ascii=False).encode())
        if job.reads == "province":
            for name, rows in profile_reads(job.parameters["province"], figures, articles, indicators).items():
                digest.update(f"\0{name}\0".encode() + rows.to_csv(index=False, lineterminator="\n").encode())
        else:
            digest.update(everything.encode())
        keys[job.name] = digest.hexdigest()
    return keys


def kept_keys(out: Path) -> dict[str, str]:
    """The keys the last run into ``out`` kept (none when there was none, or the file is unreadable)."""
    try:
        kept = json.loads((out / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in kept.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(kept, dict) else {}


def reuse_outputs(jobs: Sequence[Job], keys: dict[str, str], out: Path, build: Path) -> list[str]:
    """Copy into ``build`` the notebook and page of every job whose key is unchanged; return their names."""
    kept = kept_keys(out)
    reused = []
    for job in jobs:
        files = [Path("notebooks") / f"{job.name}.ipynb", Path("reports") / f"{job.name}.html"]
        if kept.get(job.name) == keys[job.name] and all((out / f).is_file() for f in files):
            for f in files:
                (build / f).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(out / f, build / f)
            reused.append(job.name)
    return reused


def write_keys(build: Path, keys: dict[str, str]) -> None:
    """Keep the keys of the jobs whose outputs ``build`` holds, for the next run."""
    write_text(build / CACHE, json.dumps(dict(sorted(keys.items())), indent=1) + "\n")
