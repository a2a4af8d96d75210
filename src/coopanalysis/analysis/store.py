"""Analyses kept on disk by content, for the notebooks of a run to read: ``<project>/.cache/analysis/``.

* ``parts/<sha256>.parquet``: each part of an analysis (:mod:`.parts`), a Parquet table (types kept)
  named by the SHA-256 of its bytes;
* ``views/<sha256>.json``: what one report reads, the parts by name with their digests and what the
  page says about the whole (corpora, proposals left out, provinces), named by the SHA-256 of its
  bytes. A notebook's ``analysis`` parameter is such a name: the same data gives the same name on
  every machine, so the executed notebook is reproducible, and a report reused from an earlier run
  holds the name a new execution would;
* ``entries/<key>.json``: the view of a whole analysis, under the key of what it is computed from
  (:func:`analysis_key`: the code, the snapshot's digest, proposals), so that a run on unchanged
  corpora neither checks nor computes them again.

Every read checks the bytes it reads against the name or the digest that lists them (a file that
differs is :class:`StaleAnalysis`); a run checks an entry's parts before it reuses it and rebuilds
one that differs. Files are written whole under a temporary name and renamed; a run keeps the
:data:`KEPT` latest entries and removes the files no kept entry lists.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

import pandas as pd

from ..base.paths import DATA_DIR, project_root
from ..base.problems import ConfigError
from ..base.writers import write_bytes
from .build import TABLES, Analysis
from .parts import assemble, charted, cut, profile_parts

__all__ = [
    "KEPT",
    "STORE",
    "StaleAnalysis",
    "analysis_key",
    "code_key",
    "is_key",
    "keep",
    "kept_entry",
    "prune",
    "read_view",
    "store_dir",
    "view_of",
    "write_view",
]

#: Where analyses are kept, relative to the project's root (ignored by git).
STORE = ".cache/analysis"
#: How many analyses (entries) a run keeps: the latest used.
KEPT = 4
_FORMAT = 1
_KEY = re.compile(r"[0-9a-f]{64}")
_PACKAGE = DATA_DIR.parent
#: Packages whose version changes what the analysis holds (the tables' bytes included).
_COMPUTING = ("pandas", "numpy", "pyarrow")


class StaleAnalysis(ConfigError):
    """A kept analysis is missing or differs from what was written: ``coopanalysis run`` rebuilds it."""


@cache
def code_key() -> str:
    """The package's files, Python's version and the computing packages' versions, hashed."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _COMPUTING:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    return digest.hexdigest()


def analysis_key(snapshot_digest: str, proposals: bool) -> str:
    """The key of the analysis of a snapshot (its digest), with or without proposals."""
    return hashlib.sha256(f"{_FORMAT}\0{code_key()}\0{snapshot_digest}\0proposals={proposals}".encode()).hexdigest()


def is_key(text: object) -> bool:
    return isinstance(text, str) and bool(_KEY.fullmatch(text))


def store_dir() -> Path:
    return project_root() / STORE


def keep(analysis: Analysis, key: str) -> dict:
    """Write ``analysis``'s parts and its entry under ``key``; return the entry (the whole analysis's view)."""
    parts, empty = {}, {}
    for name, rows in cut(analysis.tables).items():
        parts[name] = _put(rows)
    for name in TABLES:  # each table's columns and types, for a view that holds none of its rows
        empty[name] = _put(analysis.tables[name].iloc[:0])
    entry = {
        "format": _FORMAT,
        "corpora": list(analysis.corpora),
        "proposals": analysis.proposals,
        "proposals_left_out": analysis.proposals_left_out,
        "provinces": list(analysis.provinces),
        "charted": charted(analysis.tables["indicators"]),
        "parts": dict(sorted(parts.items())),
        "empty": empty,
    }
    _write(store_dir() / "entries" / f"{key}.json", _json(entry))
    return entry


def kept_entry(key: str) -> dict | None:
    """The entry kept under ``key`` if it and every part it lists are as written (else None: compute it again)."""
    path = store_dir() / "entries" / f"{key}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("format") != _FORMAT:
        return None
    if not all(_sound(digest) for digest in [*entry["parts"].values(), *entry["empty"].values()]):
        return None
    os.utime(path)  # the latest used are those kept
    return entry


def view_of(entry: Mapping, province: str | None) -> dict:
    """What a report reads of an entry: a profile's parts of ``province``, or everything else (no province)."""
    names = (
        [n for n in entry["parts"] if n.startswith("whole/")]
        if province is None
        else profile_parts(province, entry["parts"], entry["charted"])
    )
    return {
        "format": _FORMAT,
        "corpora": entry["corpora"],
        "proposals": entry["proposals"],
        "proposals_left_out": entry["proposals_left_out"],
        "provinces": entry["provinces"] if province is None else [province],
        "province": province,
        "parts": {name: entry["parts"][name] for name in names},
        "empty": entry["empty"],
    }


def write_view(view: Mapping) -> str:
    """Keep a view; return its name (the SHA-256 of its bytes), the value of a notebook's ``analysis``."""
    data = _json(view)
    name = hashlib.sha256(data).hexdigest()
    path = store_dir() / "views" / f"{name}.json"
    if _digest(path) != name:
        _write(path, data)
    else:
        os.utime(path)
    return name


def read_view(name: str) -> dict:
    """The view named ``name``, checked against its name; :class:`StaleAnalysis` if it is absent or differs."""
    if not is_key(name):
        raise StaleAnalysis(
            f"analysis {name!r:.80} is not the name of an analysis (64 hexadecimal digits, as a run "
            f"passes it); leave the parameter empty to compute the analysis from the corpora"
        )
    path = store_dir() / "views" / f"{name}.json"
    data = _bytes(path)
    if data is None or hashlib.sha256(data).hexdigest() != name:
        raise StaleAnalysis(
            f"analysis {name[:12]}… is missing from {STORE}/ or differs from what the run wrote; run "
            f"`coopanalysis run` again, or leave the parameter empty to compute the analysis"
        )
    return json.loads(data)


def read_analysis(view: Mapping, name: str = "") -> Analysis:
    """The tables a view lists, each part checked against its digest."""
    parts = {part: _get(digest) for part, digest in view["parts"].items()}
    empty = {table: _get(digest) for table, digest in view["empty"].items()}
    return Analysis(
        tuple(view["corpora"]),
        bool(view["proposals"]),
        assemble(parts, empty),
        int(view["proposals_left_out"]),
        tuple(view["provinces"]),
        view.get("province"),
        name,
    )


def prune(used: Iterable[str]) -> None:
    """Keep the :data:`KEPT` latest entries (and those ``used``); remove what only older ones list."""
    store = store_dir()
    entries = sorted(store.glob("entries/*.json"), key=_mtime, reverse=True)
    kept, used = [], set(used)
    for position, path in enumerate(entries):
        if position < KEPT or path.stem in used:
            kept.append(path)
        else:
            path.unlink(missing_ok=True)
    listed = set()
    for path in kept:
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            listed |= set(entry["parts"].values()) | set(entry["empty"].values())
        except (OSError, ValueError, KeyError, TypeError):
            continue
    for view in store.glob("views/*.json"):
        try:
            if not set(json.loads(view.read_text(encoding="utf-8"))["parts"].values()) <= listed:
                view.unlink(missing_ok=True)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            view.unlink(missing_ok=True)
    for part in store.glob("parts/*.parquet"):
        # Not one a run writing now has just made (its entry comes after its parts).
        if part.stem not in listed and time.time() - _mtime(part) > 3600:
            part.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _json(value: Mapping) -> bytes:
    return (json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _put(rows: pd.DataFrame) -> str:
    """Keep a table as a part; return its digest (the file's name)."""
    rows = rows.copy(deep=False)
    rows.attrs = {}
    buffer = io.BytesIO()
    rows.to_parquet(buffer, engine="pyarrow", index=False)
    data = buffer.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    path = store_dir() / "parts" / f"{digest}.parquet"
    if _digest(path) != digest:
        _write(path, data)
    return digest


def _get(digest: str) -> pd.DataFrame:
    data = _bytes(store_dir() / "parts" / f"{digest}.parquet")
    if data is None or hashlib.sha256(data).hexdigest() != digest:
        raise StaleAnalysis(
            f"a part of the analysis ({digest[:12]}…) is missing from {STORE}/ or differs from what the "
            f"run wrote; run `coopanalysis run` again (it rebuilds the analysis)"
        )
    return pd.read_parquet(io.BytesIO(data))


def _sound(digest: str) -> bool:
    return _digest(store_dir() / "parts" / f"{digest}.parquet") == digest


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _digest(path: Path) -> str | None:
    data = _bytes(path)
    return None if data is None else hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, data)
