"""Keep the output folder safe: only a run's own folder is replaced, swapped in whole, never half-written.

The output directory carries a marker file (:data:`MARKER`); a run only ever replaces a directory
that has the marker (or is new or empty). Everything is built in a temporary sibling and swapped
in with two renames, so a failure or an interrupt leaves the previous outputs as they were. One
run at a time writes a given output folder (:func:`output_lock`); holding that lock, a run removes
the build and old folders a killed run left beside it: by their prefix they are a run's of this
folder, and by the lock no live run owns them.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..base.locks import exclusive
from ..base.problems import OutputRefused
from ..base.writers import write_text

__all__ = [
    "MARKER",
    "check_output_location",
    "is_own_directory",
    "keep_failed",
    "mark",
    "new_build",
    "output_lock",
    "refuse_foreign",
    "swap",
    "write_checksums",
]

#: The file that marks a directory as written by ``coopanalysis run``: only such a directory is replaced.
MARKER = ".coopanalysis-outputs"
_MARKER_TEXT = (
    "This directory is written by `coopanalysis run`; the next run replaces it whole.\nKeep nothing else here.\n"
)


def mark(build: Path) -> None:
    """Mark ``build`` as the run's own directory."""
    write_text(build / MARKER, _MARKER_TEXT)


def is_own_directory(path: Path) -> bool:
    """True for a directory that a run wrote (it has the marker) or that holds nothing."""
    return path.is_dir() and ((path / MARKER).is_file() or not any(path.iterdir()))


def refuse_foreign(out: Path) -> Path:
    """The resolved ``out`` if it is a run's own directory, new or empty; else :class:`OutputRefused`.

    ``run`` and ``verify`` both refuse what is not theirs: ``verify --out $HOME`` does not walk a home.
    """
    out = out.resolve()
    if out.parent == out:
        raise OutputRefused(
            f"--out {out}: the root of the file system is not an output directory; give a new directory"
        )
    if out.exists() and not out.is_dir():
        raise OutputRefused(
            f"--out {out.name}: is a file, not a directory; give a directory (a run never replaces a file)"
        )
    if out.exists() and not is_own_directory(out):
        raise OutputRefused(
            f"--out {out.name}: holds files that `coopanalysis run` did not write (no {MARKER} marker); "
            f"give a new or empty directory, or the outputs of an earlier run"
        )
    return out


def check_output_location(out: Path) -> Path:
    """The resolved output directory, or :class:`OutputRefused` saying why it cannot be used."""
    out = refuse_foreign(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-build-")
    except OSError as error:
        raise OutputRefused(
            f"--out {out}: cannot write there ({error.strerror or error}); give a writable directory"
        ) from None
    os.rmdir(probe)
    return out


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One run at a time into ``out`` (a second one waits); then clear what killed runs left beside it."""
    waiting = lambda: print(f"waiting for another run into {out.name}/ to finish", file=sys.stderr, flush=True)  # noqa: E731
    with exclusive(out.parent / f".{out.name}.coopanalysis-lock", waiting):
        for prefix in (f".{out.name}-build-", f".{out.name}-old-"):
            for leftover in out.parent.glob(f"{glob.escape(prefix)}*"):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
        yield


def new_build(out: Path) -> Path:
    """The folder a run builds in, beside ``out``, with the mode ``out`` has (or the umask's default)."""
    build = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-build-"))
    os.chmod(build, _folder_mode(out))  # mkdtemp makes it private (0700), and the swap makes it the output folder
    return build


def _folder_mode(out: Path) -> int:
    if out.is_dir():
        return stat.S_IMODE(out.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def keep_failed(build: Path, out: Path, names: list[str]) -> Path:
    """Copy the failed notebooks to ``<out>.failed/`` (replaced only if a run made it)."""
    kept = out.with_name(f"{out.name}.failed")
    if kept.exists() and not is_own_directory(kept):
        kept = Path(tempfile.mkdtemp(dir=out.parent, prefix=f"{out.name}.failed-"))
        os.chmod(kept, _folder_mode(out))
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


def write_checksums(build: Path, known: Mapping[str, str] | None = None) -> None:
    """``SHA256SUMS`` over every other file, in ``sha256sum -c`` format, sorted by path.

    ``known``: digests already taken of files in ``build`` (relative path -> SHA-256), as the run
    recorded them when it wrote or checked them; every other file is hashed here.
    """
    known = known or {}
    lines = []
    for path in sorted(p for p in build.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        relative = path.relative_to(build).as_posix()
        digest = known.get(relative) or hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {relative}\n")
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
