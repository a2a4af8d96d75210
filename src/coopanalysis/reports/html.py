"""HTML for the reports: tables for people (no index, text left, numbers right, wrapped), links to quotes."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from IPython.display import HTML

__all__ = ["SEARCHABLE_ROWS", "Html", "esc", "figure_href", "figure_link", "link", "nothing", "quote_links", "table"]

#: Tables longer than this are searchable and sortable in the HTML reports.
SEARCHABLE_ROWS = 15

esc = html.escape


class Html(HTML):
    """An HTML fragment that notebooks display and that joins with ``+``; an empty one is false."""

    def __bool__(self) -> bool:
        return bool(self.data)

    def __add__(self, other: "Html | str") -> "Html":
        return Html(self.data + (other.data if isinstance(other, HTML) else other))


def nothing(message: str) -> Html:
    """A sentence where a section has nothing to show: never an empty table."""
    return Html(f'<p class="none">{esc(message)}</p>')


def figure_href(article_links: str, article_id: str, figure_id: str) -> str:
    """Link to a figure's highlighted quote on its article page."""
    return f"{article_links}{article_id}.html#{figure_id}"


def figure_link(figure_id: str, article_id: str, article_links: str) -> str:
    """The figure's id, linked to its highlighted quote."""
    return link(figure_id, figure_href(article_links, article_id, figure_id))


def link(text: str, href: str, title: str = "") -> str:
    extra = f' title="{esc(title)}"' if title else ""
    return f'<a href="{esc(href)}"{extra}>{esc(text)}</a>'


def quote_links(figure_ids: Iterable[str], article_of: dict[str, str], article_links: str) -> str:
    """ "[1] [2]": one link per figure to its quote, the figure id as tooltip."""
    ids = [i for i in figure_ids if i]
    return " ".join(link(f"[{n}]", figure_href(article_links, article_of[i], i), i) for n, i in enumerate(ids, start=1))


def table(rows: Sequence[dict[str, str]], columns: Sequence[str], numeric: Sequence[str] = (),
          searchable: bool | None = None) -> Html:
    """A table of already-escaped HTML cells: one header row, text left-aligned, ``numeric`` right.

    ``searchable`` (default: more than :data:`SEARCHABLE_ROWS` rows) marks it for the reports'
    search and sort; the table reads the same without it.
    """
    searchable = len(rows) > SEARCHABLE_ROWS if searchable is None else searchable
    classes = "coop searchable" if searchable else "coop"
    head = "".join(f'<th scope="col"{" class=num" if c in numeric else ""}>{esc(c)}</th>' for c in columns)
    body = "\n".join(
        "<tr>" + "".join(f'<td{" class=num" if c in numeric else ""}>{row.get(c, "")}</td>' for c in columns) + "</tr>"
        for row in rows)
    return Html(f'<table class="{classes}"><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>')
