"""Validation problems in the seed tables: where each one is (file, line) and what to fix."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ConfigError", "Problem", "RunFailed", "SeedError", "display_path", "read_csv_rows"]


@dataclass(frozen=True, order=True)
class Problem:
    """One validation problem: the file, the line (1 = header, 0 = whole file) and the fix."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class SeedError(ValueError):
    """The seed tables have problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        listing = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the seed tables:\n{listing}")


class ConfigError(ValueError):
    """The reports configuration cannot be used; the message names the file and the fix."""


class RunFailed(RuntimeError):
    """A report notebook failed; the message names the notebook, the cell and the error."""


def display_path(path: Path, root: Path) -> str:
    """Path relative to the project root, for messages (never an absolute machine path)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def read_csv_rows(path: Path, columns: list[str], required: list[str], root: Path) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Read a CSV as ``(line number, row)`` pairs, reporting missing or unknown columns.

    Line numbers are those of the file (the header is line 1), so errors point at the row to edit.
    Absent optional columns read as empty strings.
    """
    name = display_path(path, root)
    if not path.is_file():
        return [], [Problem(name, 0, "file not found")]
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        problems = [Problem(name, 1, f"missing column {c!r}; the header needs: {', '.join(required)}")
                    for c in required if c not in header]
        problems += [Problem(name, 1, f"unknown column {c!r}; allowed: {', '.join(columns)}")
                     for c in header if c not in columns]
        rows = []
        for row in reader:
            if None in row:
                problems.append(Problem(name, reader.line_num, "more fields than columns; put fields that contain commas in double quotes"))
            rows.append((reader.line_num, {c: (row.get(c) or "").strip() for c in columns}))
    return rows, problems
