"""Write tables reproducibly: stable row order and float format, atomic replace, no cell a spreadsheet runs."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

import pandas as pd

from .problems import OutputRefused, display_path

__all__ = [
    "FLOAT_FORMAT",
    "FORMULA_PREFIXES",
    "csv_text",
    "neutral_cell",
    "neutralize_formulas",
    "write_bytes",
    "write_csv",
    "write_text",
]

#: Fifteen significant digits: whole VND amounts up to 10^15 print in full (no exponent) and
#: binary noise is rounded away (0.1 + 0.2 prints 0.3; 68e6 / 12 prints 5666666.66666667).
FLOAT_FORMAT = "%.15g"
#: A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)"): the
#: OWASP practice is to write such a text cell after an apostrophe, which spreadsheets show as text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: The disk is full: the reason is said in plain words.
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def neutral_cell(value: str) -> str:
    """``value`` with an apostrophe before it when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that starts like a formula neutralized (:func:`neutral_cell`).

    Only text columns: a number column stays numbers (-5 is a negative number, not a formula).
    """
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    changed = {c: frame[c].map(lambda v: neutral_cell(v) if isinstance(v, str) else v) for c in text_columns}
    return frame.assign(**changed) if changed else frame


def csv_text(frame: pd.DataFrame) -> str:
    """A DataFrame as CSV text: no index, ``\\n`` line ends, :data:`FLOAT_FORMAT`, formulas neutralized."""
    return neutralize_formulas(frame).to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then rename.

    A reader never sees a half-written file, and a failure leaves the previous file intact. A file
    replaced keeps its mode (a private 0600 table stays private); a new one is 0644. A full disk or
    a place that cannot be written raises :class:`OutputRefused` naming the file.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(os.stat(path).st_mode) if path.is_file() else 0o644
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _refused(path, error) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            os.fchmod(out.fileno(), mode)  # mkstemp makes files private; outputs are meant to be shared
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, OutputRefused):
            raise _refused(path, error) from None
        raise


def _refused(path: Path, error: OSError) -> OutputRefused:
    """A write that failed is the disk's or the location's (full, read-only, a file where a folder
    should be), never a bug: say which file and what to do."""
    if error.errno in _NO_ROOM:
        reason, fix = "the disk is full", "free some space, then run the command again"
    elif error.errno in (errno.EEXIST, errno.ENOTDIR):
        reason, fix = "a file stands where a folder is needed", "give a location inside a folder"
    else:
        reason, fix = (error.strerror or str(error)).lower(), "give a location you can write to"
    return OutputRefused(
        f"{display_path(path, path.parent)}: cannot be written ({reason}); {fix} (nothing was half-written)"
    )


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`write_bytes`)."""
    write_bytes(path, text.encode("utf-8"))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame as CSV (:func:`csv_text`) atomically."""
    write_text(path, csv_text(frame))
