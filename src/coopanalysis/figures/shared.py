"""Figures loaded once by a report run and read by every notebook it executes, instead of each checking them again.

The run writes the table it loaded into a private folder inside its build folder (so that the
next run removes it with the build folder if this one is killed) and names it in the
environment (:data:`ENV`) its notebooks' kernels inherit; :func:`coopanalysis.load_figures`
returns that table when it is asked for the same corpora, with the same ``proposals``, and the
corpora's files are byte for byte what they were (:func:`corpora_digest`). Anything else loads
as usual. The folder is the run's own (created private, removed at its end).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

__all__ = ["ENV", "corpora_digest", "loaded", "shared_with_notebooks"]

#: The environment variable naming the folder of a run's loaded figures.
ENV = "COOPANALYSIS_LOADED_FIGURES"


def corpora_digest(corpora: Sequence[Path]) -> str:
    """Every file of the corpora (tables, checksums, article texts), by path within its corpus, hashed."""
    digest = hashlib.sha256()
    for corpus in corpora:
        digest.update(f"corpus {corpus.name}\0".encode())
        for path in sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith(".")):
            digest.update(path.relative_to(corpus).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _name(corpora: Sequence[Path], proposals: bool, digest: str) -> str:
    request = "\0".join([str(c.resolve()) for c in corpora] + [f"proposals={proposals}", digest])
    return hashlib.sha256(request.encode()).hexdigest() + ".pickle"


@contextmanager
def shared_with_notebooks(figures: pd.DataFrame, corpora: Sequence[Path], proposals: bool,
                          within: Path, digest: str | None = None) -> Iterator[None]:
    """While the block runs, notebooks started from this process read ``figures`` instead of loading them.

    The table is kept in a private folder made inside ``within`` and removed at the block's end.
    ``digest`` is :func:`corpora_digest` of ``corpora`` if the caller has it already.
    """
    folder = Path(tempfile.mkdtemp(prefix=".loaded-figures-", dir=within))
    previous = os.environ.get(ENV)
    try:
        with open(folder / _name(corpora, proposals, digest or corpora_digest(corpora)), "wb") as handle:
            pickle.dump(figures, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.environ[ENV] = str(folder)
        yield
    finally:
        if previous is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = previous
        for path in folder.glob("*"):
            path.unlink(missing_ok=True)
        folder.rmdir()


def loaded(corpora: Sequence[Path], proposals: bool) -> pd.DataFrame | None:
    """The table a run loaded for these corpora, if this process runs under one and nothing changed since."""
    folder = os.environ.get(ENV)
    if not folder:
        return None
    path = Path(folder) / _name(corpora, proposals, corpora_digest(corpora))
    if not path.is_file():
        return None
    with open(path, "rb") as handle:  # written by the run that started this process, in its private folder
        return pickle.load(handle)
