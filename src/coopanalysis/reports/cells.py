"""What a table cell is made of: text, links, quotes, values and small notes, as data that templates render.

A cell is a string or a tuple of pieces. Nothing here writes HTML: ``templates/cells.html.j2``
renders each piece (escaping its text), and ``str(piece)`` is its plain-text form, so the same
cell reads the same in a page and in a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ARTICLE_LINKS",
    "BREAK",
    "Cell",
    "Code",
    "Em",
    "Link",
    "Quote",
    "Small",
    "Strong",
    "Value",
    "cell_text",
    "figure_href",
    "figure_link",
    "line",
    "lines",
    "quote_links",
]


#: Where the article pages are from a notebook in ``notebooks/``: what links to quotes default to
#: (a report run passes its own, ``../articles/``).
ARTICLE_LINKS = "../outputs/articles/"


@dataclass(frozen=True, slots=True)
class Link:
    """A link: ``text`` to ``href``, with a tooltip ``title``."""

    text: str
    href: str
    title: str = ""
    kind = "link"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Quote:
    """Words quoted from an article, linked to their place in it when ``href`` is given."""

    text: str
    href: str = ""
    kind = "quote"

    def __str__(self) -> str:
        return f"“{self.text}”"


@dataclass(frozen=True, slots=True)
class Small:
    """A note beside a value, in small grey type: ``css`` says what it is ("when", "basis", "kind")."""

    text: str
    css: str
    kind = "small"

    def __str__(self) -> str:
        return f"({self.text})" if self.css == "when" else self.text


@dataclass(frozen=True, slots=True)
class Value:
    """A value in words ("at least 650"), marked when it rests on a proposal nobody has reviewed."""

    words: str
    proposed: bool = False
    kind = "value"

    def __str__(self) -> str:
        return self.words + (" (proposed)" if self.proposed else "")


@dataclass(frozen=True, slots=True)
class Strong:
    """Text that stands out (a total)."""

    text: str
    kind = "strong"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Em:
    """Text in italics: a caution."""

    text: str
    kind = "em"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Code:
    """A command or a file name, as typed."""

    text: str
    kind = "code"

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class _Break:
    kind = "break"

    def __str__(self) -> str:
        return "\n"


#: A line break inside a cell.
BREAK = _Break()

Piece = str | Link | Quote | Small | Value | Strong | Em | Code | _Break
Cell = str | tuple[Piece, ...]


def line(*pieces: Piece | Iterable[Piece] | None) -> tuple[Piece, ...]:
    """Pieces on one line, a space between each; empty ones (``""``, None, empty tuples) left out."""
    flat: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, Piece):  # one piece, left out when empty
            if piece:
                flat.append(piece)
        elif piece is not None:
            flat.extend(piece)
    spaced: list[Piece] = []
    for piece in flat:
        if spaced and piece is not BREAK and spaced[-1] is not BREAK:
            spaced.append(" ")
        spaced.append(piece)
    return tuple(spaced)


def lines(*rows: tuple[Piece, ...] | Piece | None) -> tuple[Piece, ...]:
    """Lines one under the other in one cell; empty lines left out."""
    kept = [row if isinstance(row, tuple) else (row,) for row in rows if row]
    out: list[Piece] = []
    for row in kept:
        if out:
            out.append(BREAK)
        out.extend(row)
    return tuple(out)


def cell_text(cell: Cell) -> str:
    """A cell as plain text (a link is its text, a quote in quotation marks)."""
    return cell if isinstance(cell, str) else "".join(map(str, cell))


def figure_href(article_links: str, article_id: str, figure_id: str) -> str:
    """Link to a figure's highlighted quote on its article page."""
    return f"{article_links}{article_id}.html#{figure_id}"


def figure_link(figure_id: str, article_id: str, article_links: str) -> Link:
    """The figure's id, linked to its highlighted quote."""
    return Link(figure_id, figure_href(article_links, article_id, figure_id))


def quote_links(figure_ids: Iterable[str], article_of: dict[str, str], article_links: str) -> tuple[Piece, ...]:
    """ "[1] [2]": one link per figure to its quote, the figure id as tooltip."""
    ids = [i for i in figure_ids if i]
    return line(*(Link(f"[{n}]", figure_href(article_links, article_of[i], i), i) for n, i in enumerate(ids, start=1)))
