"""Compare output trees: a rerun of the reports against the committed ``outputs/``, file by file and cell by cell."""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .cache import CACHE
from .outputs import refuse_foreign
from .runner import run_reports

__all__ = ["compare_trees", "verify_outputs"]


def verify_outputs(
    out: Path,
    config: Path | None = None,
    workers: int | None = None,
    corpora: Sequence[Path] | None = None,
    proposals: bool = False,
) -> list[str]:
    """Rerun everything into a temporary directory and list every difference from ``out``.

    Returns an empty list when the two trees are byte-identical; otherwise one line per file
    added, missing or changed and, for CSV tables, one line per changed cell ("old → new"), and
    one line per file of ``out`` that differs from its own ``SHA256SUMS`` (edited after its run).
    The rerun computes everything again, the analysis too: nothing kept is trusted.
    Refuses (:class:`OutputRefused`) an ``out`` that ``run`` would refuse: it only compares a run's own folder.
    """
    out = refuse_foreign(out)
    tampered = _tampered(out)
    with tempfile.TemporaryDirectory(prefix="coopanalysis-verify-") as tmp:
        fresh = Path(tmp) / "outputs"
        run_reports(fresh, config, workers, progress=False, corpora=corpora, proposals=proposals, reuse=False)
        return tampered + compare_trees(out, fresh)


def _tampered(out: Path) -> list[str]:
    """Files of ``out`` that differ from the digest its ``SHA256SUMS`` gives them."""
    try:
        listed = (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    lines = []
    for line in listed:
        digest, _, name = line.partition("  ")
        path = out / name
        try:
            actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else None
        except OSError:
            actual = None
        if actual is not None and actual != digest:
            lines.append(f"changed since its run (differs from SHA256SUMS): {name}")
    return lines


def compare_trees(old: Path, new: Path) -> list[str]:
    """Differences between two output trees, file by file and, for CSV, cell by cell (the run's cache is no output)."""

    def files(root: Path) -> dict[str, Path]:
        found = {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()} if root.is_dir() else {}
        found.pop(CACHE, None)
        return found

    before, after = files(old), files(new)
    lines = [f"missing from {old.name}/: {name}" for name in sorted(set(after) - set(before))]
    lines += [f"not produced by the rerun: {name}" for name in sorted(set(before) - set(after))]
    for name in sorted(set(before) & set(after)):
        a, b = before[name].read_bytes(), after[name].read_bytes()
        if a != b:
            lines.append(f"differs: {name}")
            if name.endswith(".csv"):
                lines += [f"  {line}" for line in _csv_changes(a.decode("utf-8", "replace"), b.decode("utf-8"))]
    return lines


def _csv_changes(old: str, new: str) -> list[str]:
    try:
        old_rows, new_rows = list(csv.reader(io.StringIO(old))), list(csv.reader(io.StringIO(new)))
    except csv.Error as error:  # a field over the csv limit, say: the file differs, its cells cannot be listed
        return [f"cells not compared ({error})"]
    if not old_rows or not new_rows or old_rows[0] != new_rows[0]:
        return ["columns changed"]
    header = old_rows[0]
    # Indicator rows repeat a name per article, so their key adds the inputs when the table has them.
    key_columns = [0, header.index("inputs")] if header[0] == "indicator" and "inputs" in header else [0]

    def keyed(rows: list[list[str]]) -> dict[tuple, list[str]]:
        seen: dict[str, int] = {}
        result = {}
        for row in rows[1:]:
            key = "|".join(row[i] for i in key_columns if i < len(row))
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
