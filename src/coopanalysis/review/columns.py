"""The columns reviewers write (``data/review/columns.toml``): which the review tool edits, and the documentation's
reference."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from ..base.paths import DATA_DIR
from ..figures.coverage import NON_STATISTIC_CATEGORIES

__all__ = ["TABLES", "Column", "columns", "columns_markdown", "editable"]

#: The corpus tables a reviewer writes, by their key in ``columns.toml``.
TABLES = {"figures": "figures.csv", "corrections": "corrections.csv", "non_statistics": "non_statistics.csv"}


@dataclass(frozen=True)
class Column:
    """One column of a reviewed table: its name, how the review tool writes it, its meaning and an example."""

    column: str
    review: str
    meaning: str
    example: str


@cache
def columns() -> dict[str, list[Column]]:
    """Every described column, by table key (:data:`TABLES`), in the tables' order."""
    with open(DATA_DIR / "review" / "columns.toml", "rb") as handle:
        data = tomllib.load(handle)
    categories = ", ".join(f"`{c}` ({meaning})" for c, meaning in NON_STATISTIC_CATEGORIES.items())
    return {
        table: [Column(**{**row, "meaning": row["meaning"].replace("{categories}", categories)}) for row in data[table]]
        for table in TABLES
    }


def editable() -> list[str]:
    """The ``figures.csv`` columns a reviewer sets (``review = "edit"``), in the table's order."""
    return [c.column for c in columns()["figures"] if c.review == "edit"]


_HOW = {
    "edit": "edit",
    "accept": "accept",
    "tool": "written by the tool",
    "delete": "given on delete",
    "hand": "by hand",
}


def columns_markdown(table: str) -> str:
    """The documentation's reference of one table: a Markdown table of column, meaning and how a review writes it."""
    lines = ["| column | meaning | in review |", "| --- | --- | --- |"]
    lines += [f"| `{c.column}` | {c.meaning} | {_HOW[c.review]} |" for c in columns()[table]]
    return "\n".join(lines)
