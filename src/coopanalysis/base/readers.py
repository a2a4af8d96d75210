"""Read the project's text inputs safely: size limits, UTF-8, CSV structure; problems name file and line.

Every file a command reads goes through here, so that a bad file gives one clear problem (the
first cause) instead of a traceback or hundreds of follow-on errors:

* only regular files are read: a named pipe, a device or a socket (or a link to one: ``/dev/zero``)
  is one problem, found without reading it, so no command waits on a pipe or reads without end;
* a file over its size limit is one problem, known from the open file before any byte is read
  (and a file that grows while it is read stops at the limit); a binary file (a NUL byte anywhere)
  or one that is not UTF-8 is one problem, with the line and column of the first bad byte;
* a CSV table may start with a UTF-8 byte-order mark (spreadsheets write one); an empty table, a
  header that lacks a required column, or an unbalanced double quote (one that opens a field and
  runs on to the end of the file, or closes it before the field ends) is a *blocking* problem: the
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
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, display_path
from .text import normalize_text

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_TABLE_BYTES",
    "Unread",
    "decode_text",
    "not_a_file",
    "parse_csv_rows",
    "read_bytes",
    "read_csv_rows",
    "read_file",
    "read_text",
]

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


def not_a_file(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is no regular file ("a named pipe (FIFO)"), else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


@dataclass(frozen=True)
class Unread:
    """Why a file was not read: ``missing``, ``unreadable`` (not a regular file, over its size limit, not
    permitted) or, for a name that leads out of its folder, ``escape``; ``message`` is the problem in words."""

    reason: str
    message: str


def read_file(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes | Unread:
    """The bytes of the regular file ``path``, at most ``limit`` of them; or why it was not read.

    A named pipe, device or socket (or a link to one) is refused without being opened for reading,
    and the size is taken from the open file before anything is read, so no read waits or runs on.
    """
    try:
        kind = not_a_file(os.stat(path).st_mode)
        if kind:
            return _not_regular(kind)
        # O_NONBLOCK: if a pipe took the file's place since, opening it does not wait for a writer.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return Unread("missing", "file not found")
    except OSError as error:
        return _not_permitted(error)
    try:
        info = os.fstat(handle)
        kind = not_a_file(info.st_mode)
        if kind:
            return _not_regular(kind)
        if info.st_size > limit:
            return _too_big(info.st_size, limit)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        return _not_permitted(error)
    finally:
        os.close(handle)
    if size > limit:  # it grew while it was read
        return _too_big(size, limit)
    return b"".join(chunks)


def read_bytes(path: Path, root: Path, limit: int = MAX_ARTICLE_BYTES) -> tuple[bytes | None, list[Problem]]:
    """:func:`read_file` as ``(bytes, [])``, or ``None`` with the problem naming the file (relative to ``root``)."""
    data = read_file(path, limit)
    if isinstance(data, Unread):
        return None, [Problem(display_path(path, root), 0, data.message, blocking=True)]
    return data, []


def _not_regular(kind: str) -> Unread:
    return Unread("unreadable", f"is {kind}, not a file; give a regular file")


def _not_permitted(error: OSError) -> Unread:
    return Unread("unreadable", f"cannot be read ({(error.strerror or str(error)).lower()}); check its permissions")


def _too_big(size: int, limit: int) -> Unread:
    return Unread(
        "unreadable",
        f"{_megabytes(size)} is over the {_megabytes(limit)} limit for this file; "
        f"check that it is the right file, or split it",
    )


def read_text(path: Path, root: Path, limit: int = MAX_ARTICLE_BYTES) -> tuple[str | None, list[Problem]]:
    """Return the UTF-8 text of ``path`` exactly as stored, or ``None`` with the problem (see :func:`read_bytes`).

    Line ends are kept as they are (character offsets of quotes refer to this string).
    """
    name = display_path(path, root)
    data, problems = read_bytes(path, root, limit)
    if data is None:
        return None, problems
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
        return None, [
            Problem(
                name,
                line,
                f"is not UTF-8 text (byte 0x{data[error.start]:02X} at column {column}); "
                f"save it as UTF-8 (in most editors: Save As, encoding UTF-8)",
                blocking=True,
            )
        ]


def read_csv_rows(
    path: Path, columns: list[str], required: list[str], root: Path, optional_file: bool = False
) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Read a CSV as ``(line number, row)`` pairs, reporting structural problems.

    Line numbers are those of the file (the header is line 1), so errors point at the row to edit.
    Absent optional columns and short rows read as empty strings. With a blocking problem (empty
    file, required column missing, unbalanced quote, unreadable file) no rows are returned.
    ``optional_file``: a missing file is no problem and holds no rows.
    """
    if optional_file and not path.exists():
        return [], []
    return parse_csv_rows(read_text(path, root, MAX_TABLE_BYTES), display_path(path, root), columns, required)


def parse_csv_rows(
    read: tuple[str | None, list[Problem]], name: str, columns: list[str], required: list[str]
) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """:func:`read_csv_rows` of a table already read (:func:`read_text`'s or :func:`decode_text`'s result)."""
    text, problems = read
    if text is None:
        return [], problems
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return [], [
            Problem(name, 1, f"the file is empty; it needs the header line: {','.join(columns)}", blocking=True)
        ]
    # strict: a quote that closes a field before its end, or opens one that never closes, is an error
    # (not a silently shifted row whose every column then reads wrong).
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as error:
        return [], [_unreadable(name, 1, reader.line_num, error)]
    missing = [c for c in required if c not in header]
    if missing:
        return [], [
            Problem(
                name,
                1,
                f"the header lacks {', '.join(map(repr, missing))}; it must be: {','.join(columns)} "
                f"(got: {','.join(header)})",
                blocking=True,
            )
        ]
    problems = [
        Problem(name, 1, f"unknown column {c!r}; allowed: {', '.join(columns)}") for c in header if c not in columns
    ]
    rows, line = [], 1
    while True:
        try:
            fields = next(reader, None)
        except csv.Error as error:
            return [], [_unreadable(name, line + 1, reader.line_num, error)]
        if fields is None:
            break
        start, line = line + 1, reader.line_num
        if line > start and _swallows_rows(fields, len(header)):
            return [], [_open_quote(name, start, f"line {line}")]
        if not any(f.strip() for f in fields):
            continue
        if len(fields) > len(header):
            problems.append(
                Problem(name, start, "more fields than columns; put fields that contain commas in double quotes")
            )
        row = dict(zip(header, fields))
        rows.append((start, {c: _cell(c, row.get(c) or "") for c in columns}))
    return rows, problems


def _cell(column: str, value: str) -> str:
    value = value.strip()
    if value.startswith("'") and value[1:].startswith(_FORMULA_PREFIXES):
        value = value[1:]  # written neutralized (an apostrophe before "=", "-"...): the cell is what follows
    return value if column in _VERBATIM else normalize_text(value)


def _unreadable(name: str, line: int, reached: int, error: csv.Error) -> Problem:
    """The csv module's refusal of the record that starts on ``line`` (read up to line ``reached``) as one
    problem: a field over its limit, a double quote left open or closed before its field ends."""
    message = str(error)
    if "field larger than field limit" in message:
        return Problem(
            name,
            line,
            f"a field starting on this line is longer than {MAX_FIELD_CHARACTERS // 1024} KB; "
            f"a quote or note is a sentence or two: close a double quote left open, or shorten "
            f"the field",
            blocking=True,
        )
    if "unexpected end of data" in message:
        return _open_quote(name, line, "the end of the file")
    if "expected after" in message:
        if reached > line:
            return _open_quote(name, line, f"line {reached}")
        return Problem(
            name,
            line,
            "a double quote on this line closes a field before its end (text follows it); put "
            'the whole field in double quotes and write a quote inside it as two ("")',
            blocking=True,
        )
    return Problem(name, line, f"cannot be read as CSV ({message}); fix this line", blocking=True)


def _open_quote(name: str, line: int, until: str) -> Problem:
    return Problem(
        name,
        line,
        f"a double quote on this line opens a field that runs on to {until}; close it, or write "
        'a quote inside a quoted field as two ("")',
        blocking=True,
    )


def _swallows_rows(fields: list[str], width: int) -> bool:
    """A field that spans lines and holds what look like whole rows: a quote left open."""
    return any("\n" in f and any(part.count(",") >= max(width - 2, 1) for part in f.split("\n")[1:]) for f in fields)
