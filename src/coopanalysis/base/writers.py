"""Write tables reproducibly: stable row order and float format, atomic replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

__all__ = ["FLOAT_FORMAT", "write_bytes", "write_csv", "write_text"]

#: Fifteen significant digits: whole VND amounts up to 10^15 print in full (no exponent) and
#: binary noise is rounded away (0.1 + 0.2 prints 0.3; 68e6 / 12 prints 5666666.66666667).
FLOAT_FORMAT = "%.15g"


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory, then rename.

    A reader never sees a half-written file, and a failure leaves the previous file intact.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes files private; outputs are meant to be shared
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`write_bytes`)."""
    write_bytes(path, text.encode("utf-8"))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a DataFrame as CSV (no index, ``\\n`` line ends, :data:`FLOAT_FORMAT`) atomically."""
    write_text(path, frame.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n"))
