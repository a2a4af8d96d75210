"""What a report cell shows: a table, a paragraph or a section, each over a DataFrame the analyst can reuse.

Every object has ``data`` (the rows it shows, as the tables hold them: typed, unformatted),
``html()`` (rendered from ``templates/``), ``text()`` (the same in plain text) and displays
itself: as HTML in a notebook, as text in a terminal (``repr``). A table with no row shows the
sentence that says so, never an empty table.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
from tabulate import tabulate

from .cells import Cell, cell_text
from .formatting import plain_number
from .templates import Markup, fragment

__all__ = ["SEARCHABLE_ROWS", "TEXT_ROWS", "Display", "Facts", "Paragraph", "Section", "Table", "readable"]

#: Tables longer than this are searchable and sortable in the HTML reports.
SEARCHABLE_ROWS = 15
#: Rows a table shows as text (``repr``); ``text(max_rows=None)`` shows every one.
TEXT_ROWS = 20
_TEXT_WIDTH, _HEADING_WIDTH = 40, 20  # characters of a cell, and of a heading, before the text wraps


def _wrap(text: str, width: int) -> str:
    return "\n".join(wrapped for line in text.split("\n") for wrapped in (textwrap.wrap(line, width) or [""]))


class Display:
    """A part of a report over ``data``: HTML in a notebook, plain text in a terminal."""

    data: pd.DataFrame

    def html(self) -> Markup:
        raise NotImplementedError

    def text(self, max_rows: int | None = TEXT_ROWS) -> str:
        raise NotImplementedError

    @property
    def empty(self) -> bool:
        """True when there is nothing to show (the display is then a sentence saying so)."""
        return self.data.empty

    def _repr_html_(self) -> str:
        return str(self.html())

    def __repr__(self) -> str:
        return self.text()

    __str__ = __repr__


class Paragraph(Display):
    """A paragraph of pieces (``css``: "lead", "note", "none"); its ``data`` is empty."""

    def __init__(self, *pieces: Cell, css: str = ""):
        self.pieces = tuple(p for piece in pieces for p in (piece if isinstance(piece, tuple) else (piece,)) if p)
        self.css = css
        self.data = pd.DataFrame()

    @property
    def empty(self) -> bool:
        return not self.pieces

    def html(self) -> Markup:
        return fragment("paragraph.html.j2", pieces=self.pieces, css=self.css)

    def text(self, max_rows: int | None = TEXT_ROWS) -> str:
        return cell_text(self.pieces)


class Facts(Display):
    """Terms and their values ("Published: 2024-05-12"), as a definition list."""

    def __init__(self, facts: Sequence[tuple[str, Cell]], data: pd.DataFrame):
        self.facts = [(term, value) for term, value in facts if value]
        self.data = data

    def html(self) -> Markup:
        return fragment("facts.html.j2", facts=self.facts)

    def text(self, max_rows: int | None = TEXT_ROWS) -> str:
        return "\n".join(f"{term}: {cell_text(value)}" for term, value in self.facts)


class Table(Display):
    """Rows for people over ``data``: one header row, text left, ``numeric`` columns right, no index.

    ``rows`` are dicts of cells (:mod:`.cells`) keyed by column. With no row the table is the
    sentence ``empty``. ``searchable`` (default: more than :data:`SEARCHABLE_ROWS` rows) marks
    it for the reports' search and sort; ``note`` is a paragraph under it.
    """

    def __init__(
        self,
        data: pd.DataFrame,
        rows: Sequence[dict[str, Cell]],
        columns: Sequence[str],
        *,
        numeric: Sequence[str] = (),
        searchable: bool | None = None,
        empty: str = "Nothing to show.",
        note: Paragraph | None = None,
    ):
        self.data, self.rows, self.columns = data, list(rows), list(columns)
        self.numeric = [c for c in numeric if c in self.columns]
        self.searchable = len(self.rows) > SEARCHABLE_ROWS if searchable is None else searchable
        self.empty_sentence, self.note = empty, note

    @property
    def empty(self) -> bool:
        return not self.rows

    def html(self) -> Markup:
        return fragment(
            "table.html.j2",
            rows=self.rows,
            columns=self.columns,
            numeric=self.numeric,
            searchable=self.searchable,
            empty=self.empty_sentence,
            note=self.note.html() if self.note and not self.note.empty else "",
        )

    def text(self, max_rows: int | None = TEXT_ROWS) -> str:
        note = f"\n{self.note.text()}" if self.note and not self.note.empty else ""
        if not self.rows:
            return self.empty_sentence + note
        shown = self.rows if max_rows is None else self.rows[:max_rows]
        body = tabulate(
            [[_wrap(cell_text(row.get(c, "")), _TEXT_WIDTH) for c in self.columns] for row in shown],
            headers=[_wrap(c, _HEADING_WIDTH) for c in self.columns],
            disable_numparse=True,
            colalign=["right" if c in self.numeric else "left" for c in self.columns],
        )
        more = len(self.rows) - len(shown)
        return body + (f"\n… {more} more row{'s' if more > 1 else ''} (every one is in .data)" if more else "") + note


class Section(Display):
    """Parts (tables, charts, paragraphs, sections) under a heading, over the ``data`` they show together.

    With no part it is the sentence ``empty`` under its heading. ``anchor`` is the heading's id
    (links point at it); ``level`` its rank (2 for ``<h2>``).
    """

    def __init__(
        self,
        parts: Sequence[Display],
        data: pd.DataFrame,
        *,
        heading: str = "",
        level: int = 2,
        anchor: str = "",
        empty: str = "",
    ):
        self.parts, self.data = [p for p in parts if not (isinstance(p, Paragraph) and p.empty)], data
        self.heading, self.level, self.anchor = heading, level, anchor
        self._nothing = not self.parts
        if self._nothing and empty:
            self.parts = [Paragraph(empty, css="none")]

    @property
    def empty(self) -> bool:
        return self._nothing

    def html(self) -> Markup:
        return fragment(
            "section.html.j2",
            heading=self.heading,
            level=self.level,
            anchor=self.anchor,
            parts=[p.html() for p in self.parts],
        )

    def text(self, max_rows: int | None = TEXT_ROWS) -> str:
        parts = self.parts if max_rows is None else self.parts[:max_rows]
        texts = ([f"{'#' * self.level} {self.heading}"] if self.heading else []) + [p.text(max_rows) for p in parts]
        more = len(self.parts) - len(parts)
        return "\n\n".join(texts + ([f"… {more} more part{'s' if more > 1 else ''}"] if more else []))


def readable(frame: pd.DataFrame) -> Table:
    """A table to read: numbers as :func:`~.formatting.plain_number` writes them (thousands separated, no
    exponent), no index, text left and numbers right.

    ``ca.readable(ca.load_figures())`` shows as HTML in a notebook and as plain text in a
    terminal (``print`` it, or let the prompt show it; :data:`TEXT_ROWS` rows, ``.text(max_rows=None)``
    for all). Its ``data`` is ``frame``, unchanged; pandas' own display options are left alone.
    """
    names = [str(c) for c in frame.columns]
    numbers = {str(c) for c in frame.select_dtypes("number").columns}
    cells = {
        name: (frame[c].map(plain_number) if name in numbers else frame[c].map(lambda v: "" if _missing(v) else str(v)))
        for name, c in zip(names, frame.columns)
    }
    rows = pd.DataFrame(cells, index=frame.index).to_dict("records") if names else [{} for _ in range(len(frame))]
    return Table(
        frame,
        rows,
        names,
        numeric=[n for n in names if n in numbers],
        searchable=False,
        empty="No row." if names else "No column.",
    )


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT
