"""Keep the output folder safe: only a run's own folder is replaced, swapped in whole, never half-written.

The output directory carries a marker file (:data:`MARKER`); a run only ever replaces a directory
that has the marker (or is new or empty). Everything is built in a temporary sibling and swapped
in with two renames, so a failure or an interrupt leaves the previous outputs as they were.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from ..base.problems import OutputRefused
from ..base.writers import write_text

__all__ = ["MARKER", "check_output_location", "is_own_directory", "keep_failed", "mark", "swap", "write_checksums"]

#: The file that marks a directory as written by ``coopanalysis run``: only such a directory is replaced.
MARKER = ".coopanalysis-outputs"
_MARKER_TEXT = ("This directory is written by `coopanalysis run`; the next run replaces it whole.\n"
                "Keep nothing else here.\n")


def mark(build: Path) -> None:
    """Mark ``build`` as the run's own directory."""
    write_text(build / MARKER, _MARKER_TEXT)


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


def keep_failed(build: Path, out: Path, names: list[str]) -> Path:
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


def write_checksums(build: Path) -> None:
    """``SHA256SUMS`` over every other file, in ``sha256sum -c`` format, sorted by path."""
    lines = []
    for path in sorted(p for p in build.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.relative_to(build).as_posix()}\n")
    write_text(build / "SHA256SUMS", "".join(lines))


def swap(build: Path, out: Path) -> None:
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
