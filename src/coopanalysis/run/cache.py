"""Reuse what a run wrote into the same folder when its inputs are unchanged, after checking it is as written.

A report's key is a SHA-256 over the code (every file of the installed package, Python's version
and the versions of the packages that compute, execute and render notebooks), the notebook file,
and the job: its name, title, page navigation and parameters. Among the parameters is
``analysis``, the name of the view of the analysis the notebook reads, itself the digest of the
data it lists (:mod:`coopanalysis.analysis.store`): so the key covers exactly what the report
reads, by construction, and nothing else. The pages that are not notebooks (tables, charts,
article pages, the index) have one key over the code, the snapshot of the corpora and the jobs.

Each key is kept in the output folder (:data:`CACHE`) with the SHA-256 of every file it produced.
A report is reused only when its key is unchanged *and* its files still have those digests: a page
edited since is executed again, never copied into the next run as "unchanged". The cache file is
read only when it is a regular file of reasonable size (a link to a FIFO or to ``/dev/zero`` is no
cache); it is not an output (``SHA256SUMS`` and ``verify`` leave it out).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

from ..analysis.store import code_key
from ..base.writers import write_bytes, write_text
from .config import Job
from .workers import ARTICLE_LINKS

__all__ = [
    "CACHE",
    "STATIC",
    "Kept",
    "job_files",
    "job_keys",
    "kept_outputs",
    "record",
    "render_key",
    "reuse",
    "static_files",
    "static_key",
    "write_kept",
]

#: The file, relative to the output folder, that holds each key and the digests of its files.
CACHE = ".cache/jobs.json"
#: The name under which the pages that are not notebooks are kept.
STATIC = "(static pages)"
_FORMAT = 2
_MOST_BYTES = 16 * 1024 * 1024
#: Packages whose version changes what an executed notebook or its page holds.
_RENDERING = (
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "nbformat",
    "nbclient",
    "ipykernel",
    "itables",
    "jupyter_client",
    "jinja2",
)

#: What the last run kept: by name, the key and each file's digest.
Kept = dict[str, dict]


@cache
def render_key() -> str:
    """The code that computes and renders: :func:`coopanalysis.analysis.store.code_key` and the rendering packages."""
    digest = hashlib.sha256(code_key().encode())
    for name in _RENDERING:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()


def job_keys(jobs: Sequence[Job]) -> dict[str, str]:
    """Each job's key, by job name (see the module's description of what is hashed)."""
    keys = {}
    for job in jobs:
        digest = hashlib.sha256(render_key().encode())
        digest.update(hashlib.sha256(job.notebook.read_bytes()).digest())
        described = {
            "name": job.name,
            "title": job.title,
            "nav": [list(link) for link in job.nav],
            "parameters": {**job.parameters, "article_links": ARTICLE_LINKS},
        }
        digest.update(json.dumps(described, sort_keys=True, ensure_ascii=False).encode())
        keys[job.name] = digest.hexdigest()
    return keys


def static_key(snapshot_digest: str, proposals: bool, jobs: Sequence[Job]) -> str:
    """The key of the pages that are not notebooks: the code, the corpora as read, and the reports they list
    and link."""
    listed = [[job.name, job.report, job.title, job.summary, job.parameters.get("province", "")] for job in jobs]
    described = json.dumps(
        {"snapshot": snapshot_digest, "proposals": proposals, "jobs": listed}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(f"{render_key()}\0{described}".encode()).hexdigest()


def job_files(name: str) -> list[str]:
    """The files a report writes, relative to the output folder."""
    return [f"notebooks/{name}.ipynb", f"reports/{name}.html"]


def static_files(folder: Path) -> list[str]:
    """The pages in ``folder`` that are not notebooks' (tables, charts, article pages, the index)."""
    found = [p for sub in ("tables", "charts", "articles") for p in (folder / sub).rglob("*") if p.is_file()]
    found += [folder / "reports" / "index.html"] if (folder / "reports" / "index.html").is_file() else []
    return sorted(p.relative_to(folder).as_posix() for p in found)


def kept_outputs(out: Path) -> Kept:
    """What the last run into ``out`` kept (nothing when there was none, or the file is not a plain, sound one)."""
    data = _regular_bytes(out / CACHE, _MOST_BYTES)
    try:
        kept = json.loads(data) if data is not None else None
    except ValueError:
        return {}
    if not isinstance(kept, dict) or kept.get("format") != _FORMAT or not isinstance(kept.get("outputs"), dict):
        return {}
    return {
        name: entry
        for name, entry in kept["outputs"].items()
        if isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("files"), dict)
    }


def reuse(
    name: str, key: str, files: Iterable[str] | None, kept: Kept, out: Path, build: Path
) -> dict[str, str] | None:
    """Copy into ``build`` the files kept for ``name`` if its key is ``key`` and each file is as recorded.

    ``files``: the files it must have (None: those recorded). Returns each copied file's digest, or
    None (nothing copied) when anything differs: the caller makes them again.
    """
    entry = kept.get(name)
    if entry is None or entry["key"] != key:
        return None
    wanted = list(entry["files"]) if files is None else list(files)
    if set(wanted) != set(entry["files"]):
        return None
    contents = {}
    for relative in wanted:
        data = _regular_bytes(out / relative, None)
        if data is None or hashlib.sha256(data).hexdigest() != entry["files"][relative]:
            return None  # changed since the run that made it (or gone): never copied as unchanged
        contents[relative] = data
    for relative, data in contents.items():
        write_bytes(build / relative, data)  # a full disk is the disk's (OutputRefused), not a bug
    return dict(entry["files"])


def record(name: str, key: str, files: Iterable[str], build: Path) -> dict:
    """The entry to keep for files just written into ``build``."""
    return {"key": key, "files": {f: hashlib.sha256((build / f).read_bytes()).hexdigest() for f in files}}


def write_kept(build: Path, kept: Kept) -> None:
    """Keep the keys and digests of what ``build`` holds, for the next run."""
    write_text(
        build / CACHE,
        json.dumps({"format": _FORMAT, "outputs": dict(sorted(kept.items()))}, indent=1, sort_keys=True) + "\n",
    )


def _regular_bytes(path: Path, limit: int | None) -> bytes | None:
    """A regular file's bytes, never through a link, never waiting on a FIFO, never past ``limit``."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or (limit is not None and info.st_size > limit):
            return None
        return stream.read() if limit is None else stream.read(limit + 1)
