"""A corpus table as its text, row by row: a review rewrites the rows it decides and keeps every other byte."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..base.problems import SeedError, display_path
from ..base.readers import read_csv_rows
from ..base.writers import neutral_cell

__all__ = ["Row", "TableText", "read_table"]

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass
class Row:
    """One record: its text as in the file (``raw``, line end included; empty once changed) and its cells
    as the package reads them (stripped, normalized; :func:`coopanalysis.base.readers.read_csv_rows`)."""

    cells: dict[str, str]
    raw: str = ""


@dataclass
class TableText:
    """A table's header and rows; :meth:`text` writes unchanged rows byte for byte and changed ones afresh."""

    name: str
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    head: str = ""  # the header line as in the file (a byte-order mark kept); empty when it changes

    def text(self) -> str:
        """The file's new content."""
        out = [self.head or _line(self.header, {c: c for c in self.header}, neutral=False)]
        for row in self.rows:
            if out[-1] and not out[-1].endswith("\n"):
                out[-1] += "\n"  # a last line without its line end, before a row added after it
            out.append(row.raw or _line(self.header, row.cells))
        return "".join(out)

    def add_column(self, column: str) -> None:
        """Widen the header by ``column`` (rows that stop short read it as empty; only changed rows get it)."""
        if column not in self.header:
            self.header.append(column)
            self.head = ""

    def where(self, column: str, value: str) -> list[int]:
        """The indices of the rows whose ``column`` is ``value``."""
        return [i for i, row in enumerate(self.rows) if row.cells.get(column) == value]

    def subset(self, indices: list[int]) -> TableText:
        """A table of the same header with only these rows (the same :class:`Row` objects)."""
        return TableText(self.name, list(self.header), [self.rows[i] for i in indices], self.head)

    def starts(self) -> list[int]:
        """The line of :meth:`text` on which each row starts (the header is line 1)."""
        line = 1 + _ends(self.head) if self.head else 2
        found = []
        for row in self.rows:
            found.append(line)
            line += _ends(row.raw or _line(self.header, row.cells))
        return found


def _ends(text: str) -> int:
    """How many lines ``text`` holds, as :func:`_counted` cuts them (a last line without its end counts)."""
    return len(_LINE_END.findall(text)) + (bool(text) and not text.endswith(("\n", "\r")))


def _counted(text: str) -> list[str]:
    """``text`` in lines as the csv module counts them (``\\r``, ``\\n`` and ``\\r\\n`` end a line)."""
    return io.StringIO(text, newline="").readlines()


def _line(header: list[str], cells: dict[str, str], neutral: bool = True) -> str:
    buffer = io.StringIO()
    values = [cells.get(column, "") for column in header]
    csv.writer(buffer, lineterminator="\n").writerow([neutral_cell(v) if neutral else v for v in values])
    return buffer.getvalue()


def read_table(path: Path, columns: list[str], required: list[str]) -> TableText:
    """Read a corpus table for rewriting; a missing file is an empty table with the header of ``columns``.

    Raises :class:`SeedError` when the table cannot be read as ``check`` reads it (a review never
    rewrites a table it cannot read whole).
    """
    root = path.parent.parent
    if not path.is_file():
        return TableText(display_path(path, root), list(columns))
    rows, problems = read_csv_rows(path, columns, required, root)
    blocking = [p for p in problems if p.blocking or "more fields than columns" in p.message]
    if blocking:
        raise SeedError(blocking)
    lines = _counted(path.read_bytes().decode("utf-8"))  # line ends as they are (\r\n kept)
    header = [h.strip() for h in next(csv.reader([lines[0].removeprefix("\ufeff")]))]
    by_line = dict(rows)
    starts = sorted(by_line)
    table = TableText(display_path(path, root), header, head="".join(lines[: starts[0] - 1] if starts else lines))
    # A record spans from its first line to the line before the next record (blank lines go with it).
    for n, start in enumerate(starts):
        end = starts[n + 1] - 1 if n + 1 < len(starts) else len(lines)
        table.rows.append(Row(by_line[start], "".join(lines[start - 1 : end])))
    return table
