"""The extractor over many article files at once: whole articles shared among worker processes, in file order."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..base.parallel import batches, map_in_order
from ..base.problems import Problem, display_path
from ..base.readers import read_text
from ..base.text import normalize_text
from ..extract import extract_figures

__all__ = ["extract_files"]


def extract_files(
    paths: Sequence[Path], jobs: int = 1, published: str = "", source: str = ""
) -> list[tuple[pd.DataFrame | None, list[Problem]]]:
    """:func:`coopanalysis.extract_figures` of every file, one ``(proposals, problems)`` per path, in order.

    ``proposals`` is None for a file that cannot be read as text (``problems`` says why) or on
    which the extractor raised (a problem marked ``bug``, naming the error): one file never costs
    the others their proposals. With ``jobs`` > 1 the files are cut into consecutive batches that
    worker processes extract; each article is read by one worker from start to end, so the
    proposals are the same as in one process. ``published`` and ``source`` are passed on for every
    file (as ``extract_figures`` takes them).
    """
    work = [([Path(p) for p in batch], published, source) for batch in batches(list(paths), jobs)]
    return [result for results in map_in_order(_extract_batch, work, jobs) for result in results]


def _extract_batch(work: tuple[list[Path], str, str]) -> list[tuple[pd.DataFrame | None, list[Problem]]]:
    paths, published, source = work
    return [_extract_one(path, published, source) for path in paths]


def _extract_one(path: Path, published: str, source: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    text, problems = read_text(path, path.parent)
    if text is None:
        return None, problems
    try:  # offsets refer to the normalized text
        return extract_figures(normalize_text(text), hint=path.name, published=published, source=source), []
    except Exception as error:  # noqa: BLE001 -- a bug: said for this file, and the others are still extracted
        return None, [
            Problem(
                display_path(path, path.parent),
                0,
                f"the extractor failed on this file "
                f"({type(error).__name__}: {error}); a bug in coopanalysis: please report it with the file",
                bug=True,
            )
        ]
