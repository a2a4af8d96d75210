"""Read the project's text inputs safely: size limits, UTF-8, CSV structure; problems name file and line.

Every file a command reads goes through here, so that a bad file gives one clear problem (the
first cause) instead of a traceback or hundreds of follow-on errors:

* a file over its size limit, a binary file (a NUL byte anywhere) or one that is not UTF-8 is
  one problem, with the line and column of the first bad byte;
* a CSV table may start with a UTF-8 byte-order mark (spreadsheets write one); an empty table, a
  header that lacks a required column, or an unbalanced double quote is a *blocking* problem: the
  rows are not used, so nothing downstream reports their consequences; so is a field longer than
  the CSV reader's limit (:data:`MAX_FIELD_CHARACTERS`);
* every cell is read through :func:`~coopanalysis.base.text.normalize_text` (NFC, no invisible
  characters), so a quote typed with combining marks is found in an article read the same way;
  only file names (the ``file`` column) are kept as written, since they name files on disk;
* a cell written neutralized, an apostrophe before a leading ``=``, ``+``, ``-`` or ``@`` (as the
  package writes such cells so that no spreadsheet runs them), is read without the apostrophe.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .problems import Problem, display_path
from .text import normalize_text

__all__ = ["MAX_ARTICLE_BYTES", "MAX_TABLE_BYTES", "decode_text", "parse_csv_rows", "read_csv_rows", "read_text"]

#: The largest article text accepted: news articles are under 100 KB; a bigger file is usually
#: the wrong file (a PDF, a page dump) and would only slow every command down.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
#: The largest table accepted (seeds tables are a few hundred KB).
MAX_TABLE_BYTES = 64 * 1024 * 1024
#: The longest field of a table: the csv module's limit (a quote or a note is a sentence or two;
#: a longer field is a double quote left open or the wrong file).
MAX_FIELD_CHARACTERS = csv.field_size_limit()
#: What a table the package writes puts an apostrophe before (base.writers.FORMULA_PREFIXES; tab
#: and CR are not kept by strip() anyway).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Columns read exactly as written: they name files on disk, whatever their normalization.
_VERBATIM = frozenset({"file"})


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_text(path: Path, root: Path, limit: int = MAX_ARTICLE_BYTES) -> tuple[str | None, list[Problem]]:
    """Return the UTF-8 text of ``path`` exactly as stored, or ``None`` with the problem.

    Line ends are kept as they are (character offsets of quotes refer to this string).
    """
    name = display_path(path, root)
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [Problem(name, 0, f"{_megabytes(size)} is over the {_megabytes(limit)} limit for this file; "
                                           f"check that it is the right file, or split it", blocking=True)]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, 0, "file not found", blocking=True)]
    except OSError as error:
        return None, [Problem(name, 0, f"cannot be read ({error.strerror or error}); check its permissions", blocking=True)]
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> tuple[str | None, list[Problem]]:
    """The UTF-8 text of a file's bytes already read, or ``None`` with the problem (``name`` as messages show it)."""
    if b"\0" in data:  # anywhere: a text with a NUL byte after its first page is still not text
        line = data.count(b"\n", 0, data.index(b"\0")) + 1
        return None, [Problem(name, line, "is a binary file, not text; save the article as UTF-8 text", blocking=True)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(name, line, f"is not UTF-8 text (byte 0x{data[error.start]:02X} at column {column}); "
                                          f"save it as UTF-8 (in most editors: Save As, encoding UTF-8)", blocking=True)]


def read_csv_rows(path: Path, columns: list[str], required: list[str], root: Path,
                  optional_file: bool = False) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Read a CSV as ``(line number, row)`` pairs, reporting structural problems.

    Line numbers are those of the file (the header is line 1), so errors point at the row to edit.
    Absent optional columns and short rows read as empty strings. With a blocking problem (empty
    file, required column missing, unbalanced quote, unreadable file) no rows are returned.
    ``optional_file``: a missing file is no problem and holds no rows.
    """
    if optional_file and not path.exists():
        return [], []
    return parse_csv_rows(read_text(path, root, MAX_TABLE_BYTES), display_path(path, root), columns, required)


def parse_csv_rows(read: tuple[str | None, list[Problem]], name: str, columns: list[str],
                   required: list[str]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """:func:`read_csv_rows` of a table already read (:func:`read_text`'s or :func:`decode_text`'s result)."""
    text, problems = read
    if text is None:
        return [], problems
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [], [Problem(name, 1, f"the file is empty; it needs the header line: {','.join(columns)}", blocking=True)]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as error:
        return [], [_unreadable(name, 1, error)]
    missing = [c for c in required if c not in header]
    if missing:
        return [], [Problem(name, 1, f"the header lacks {', '.join(map(repr, missing))}; it must be: {','.join(columns)} "
                                     f"(got: {','.join(header)})", blocking=True)]
    problems = [Problem(name, 1, f"unknown column {c!r}; allowed: {', '.join(columns)}") for c in header if c not in columns]
    rows, line = [], 1
    while True:
        try:
            fields = next(reader, None)
        except csv.Error as error:
            return [], [_unreadable(name, line + 1, error)]
        if fields is None:
            break
        start, line = line + 1, reader.line_num
        if line > start and _swallows_rows(fields, len(header)):
            return [], [Problem(name, start, f"a double quote on this line opens a field that runs on to line {line}; "
                                             'close it, or write a quote inside a quoted field as two ("")', blocking=True)]
        if not any(f.strip() for f in fields):
            continue
        if len(fields) > len(header):
            problems.append(Problem(name, start, "more fields than columns; put fields that contain commas in double quotes"))
        row = dict(zip(header, fields))
        rows.append((start, {c: _cell(c, row.get(c) or "") for c in columns}))
    return rows, problems


def _cell(column: str, value: str) -> str:
    value = value.strip()
    if value.startswith("'") and value[1:].startswith(_FORMULA_PREFIXES):
        value = value[1:]  # written neutralized (an apostrophe before "=", "-"...): the cell is what follows
    return value if column in _VERBATIM else normalize_text(value)


def _unreadable(name: str, line: int, error: csv.Error) -> Problem:
    """The csv module's refusal as one problem: a field over its limit, or a malformed record."""
    if "field larger than field limit" in str(error):
        return Problem(name, line, f"a field starting on this line is longer than {MAX_FIELD_CHARACTERS // 1024} KB; "
                                   f"a quote or note is a sentence or two: close a double quote left open, or shorten "
                                   f"the field", blocking=True)
    return Problem(name, line, f"cannot be read as CSV ({error}); fix this line", blocking=True)


def _swallows_rows(fields: list[str], width: int) -> bool:
    """A field that spans lines and holds what look like whole rows: a quote left open."""
    return any("\n" in f and any(part.count(",") >= max(width - 2, 1) for part in f.split("\n")[1:]) for f in fields)
