"""A reviewer's decisions on one article's rows: accept, edit, delete with a reason, add a missed figure.

Each decision changes the tables in memory (:class:`Tables`); :mod:`.decide` checks the result and
writes it. A deleted figure's number becomes a ``non_statistics.csv`` row (quoted with words beside
it that cover no other figure); an added figure takes its number from the non-statistic rows that
covered it, and the other numbers those rows covered are quoted anew, so every number stays
accounted for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..base.problems import SeedError
from ..base.text import normalize_text
from ..figures.coverage import number_tokens
from ..figures.occurrences import occurrences
from .columns import editable
from .csvrows import Row, TableText
from .proposals import quotes_beside

__all__ = ["Accept", "AcceptAll", "Add", "Decision", "Delete", "Drop", "Edit", "Refile", "Tables", "apply"]


@dataclass(frozen=True)
class Accept:
    """The proposal is right as it stands."""

    figure_id: str


@dataclass(frozen=True)
class AcceptAll:
    """Every proposal of the article not yet reviewed is right as it stands."""


@dataclass(frozen=True)
class Edit:
    """Set fields of a figure (any of :func:`coopanalysis.review.columns.editable`); the figure is then reviewed."""

    figure_id: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Delete:
    """The proposal is no statistic: its number becomes a non-statistic of this category and reason."""

    figure_id: str
    category: str
    reason: str


@dataclass(frozen=True)
class Add:
    """A figure the extractor missed, from its quote, with its fields; it is reviewed."""

    quote: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Refile:
    """A non-statistic filed under the wrong category ("3-star" as a document number): set its category and reason.

    ``quote`` names the row: its quote, or words that only its quote holds.
    """

    quote: str
    category: str
    reason: str = ""


@dataclass(frozen=True)
class Drop:
    """A non-statistic no longer needed: a figure now covers its number (``check`` refuses it otherwise)."""

    quote: str


Decision = Accept | AcceptAll | Edit | Delete | Add | Refile | Drop
#: How many words beside a number a non-statistic's quote may take to cover no figure: a sentence
#: repeated (a summary line above the article) needs more than the few ``extract --append`` takes.
_WORDS = 12
#: When those words stand again around a figure (a summary line repeated in the body), as many as it takes.
_WORDS_REPEATED = 80


class _Span(NamedTuple):
    start: int
    end: int
    text: str


@dataclass
class Tables:
    """The corpus tables a review changes, and the article under review (its id and text)."""

    article_id: str
    text: str
    figures: TableText
    non_statistics: TableText
    corrections: TableText
    changed: set[str] = field(default_factory=set)
    #: Figure ids used before (the decision log's): an added figure never takes the id of a deleted one.
    used: set[str] = field(default_factory=set)

    def figure(self, figure_id: str) -> Row:
        """The article's row of ``figure_id``; :class:`SeedError` when it has none."""
        for row in self.figures.rows:
            if row.cells["figure_id"] == figure_id and row.cells["article_id"] == self.article_id:
                return row
        known = [r.cells["figure_id"] for r in self.figures.rows if r.cells["article_id"] == self.article_id]
        raise SeedError.single(
            self.figures.name,
            0,
            f"{self.article_id} has no figure {figure_id!r} (deleted since, or a "
            f"typo?); its figures: {', '.join(known) or 'none'}",
        )

    def non_statistic(self, quote: str) -> Row:
        """The article's non-statistic row quoted ``quote`` (or the one row whose quote holds it); :class:`SeedError`
        else."""
        wanted = normalize_text(quote.strip())
        mine = [self.non_statistics.rows[i] for i in self.non_statistics.where("article_id", self.article_id)]
        rows = [r for r in mine if r.cells["quote"] == wanted] or [
            r for r in mine if wanted and wanted in r.cells["quote"]
        ]
        if len(rows) == 1:
            return rows[0]
        listed = "; ".join(repr(r.cells["quote"]) for r in (rows or mine)[:12]) or "none"
        said = (
            f"{len(rows)} of its non-statistics hold {wanted[:60]!r}: give the whole quote"
            if rows
            else f"{self.article_id} has no non-statistic quoted {wanted[:60]!r}"
        )
        raise SeedError.single(self.non_statistics.name, 0, f"{said}; its non-statistics: {listed}")

    def set(self, row: Row, **cells: str) -> None:
        """Change cells of a figures row (the row is then written afresh)."""
        row.cells.update(cells)
        row.raw = ""
        self.changed.add("figures")


def apply(decision: Decision, tables: Tables, spans: dict[str, tuple[int, int]]) -> str:
    """Apply one decision to ``tables``; returns what it did, in words.

    ``spans``: each located figure's number span (``number_start``, ``number_end``) in the text, as
    ``check`` finds it now. Raises :class:`SeedError` for a decision that names no figure of the
    article or a column no reviewer sets.
    """
    if isinstance(decision, AcceptAll):
        rows = [
            r
            for r in tables.figures.rows
            if r.cells["article_id"] == tables.article_id and r.cells["status"] == "unreviewed"
        ]
        for row in rows:
            tables.set(row, status="reviewed")
        return f"accepted {len(rows)} remaining"
    if isinstance(decision, Accept):
        row = tables.figure(decision.figure_id)
        if row.cells["status"] != "unreviewed":
            return f"{decision.figure_id} was already reviewed"
        tables.set(row, status="reviewed")
        return f"accepted {decision.figure_id}"
    if isinstance(decision, Edit):
        return _edit(tables, decision)
    if isinstance(decision, Delete):
        return _delete(tables, decision, spans)
    if isinstance(decision, Refile):
        row = tables.non_statistic(decision.quote)
        row.cells["category"] = decision.category.strip()
        if decision.reason.strip():
            row.cells["reason"] = normalize_text(decision.reason.strip())
        row.raw = ""
        tables.changed.add("non_statistics")
        return f"filed {row.cells['quote']!r} as {row.cells['category']}"
    if isinstance(decision, Drop):
        row = tables.non_statistic(decision.quote)
        tables.non_statistics.rows.remove(row)
        tables.changed.add("non_statistics")
        return f"dropped the non-statistic {row.cells['quote']!r}"
    return _add(tables, decision)


def _fields(given: tuple[tuple[str, str], ...], where: str) -> dict[str, str]:
    allowed = editable()
    wrong = [name for name, _ in given if name not in allowed]
    if wrong:
        raise SeedError.single(
            where,
            0,
            f"{', '.join(map(repr, wrong))}: not a column a reviewer sets; the columns are: {', '.join(allowed)}",
        )
    return {name: normalize_text(value.strip()) for name, value in given}


def _edit(tables: Tables, decision: Edit) -> str:
    row = tables.figure(decision.figure_id)
    fields = _fields(decision.fields, tables.figures.name)
    for name in fields:
        tables.figures.add_column(name)
    tables.set(row, **fields, status="reviewed")
    if "measure" in fields:  # a correction reads the figure as its measure: they stay one
        for i in tables.corrections.where("figure_id", decision.figure_id):
            correction = tables.corrections.rows[i]
            correction.cells["read_as"], correction.raw = fields["measure"], ""
            tables.changed.add("corrections")
    said = ", ".join(f"{name} = {value!r}" for name, value in fields.items())
    return f"set {said} of {decision.figure_id}" if said else f"accepted {decision.figure_id}"


def _delete(tables: Tables, decision: Delete, spans: dict[str, tuple[int, int]]) -> str:
    row = tables.figure(decision.figure_id)
    if not decision.reason.strip():
        raise SeedError.single(
            tables.non_statistics.name,
            0,
            f"{decision.figure_id}: say why it is not a statistic (a reason, which the non-statistic keeps)",
        )
    tables.figures.rows.remove(row)
    tables.changed.add("figures")
    kept = [r for r in tables.corrections.rows if r.cells["figure_id"] != decision.figure_id]
    if len(kept) < len(tables.corrections.rows):
        tables.corrections.rows[:] = kept
        tables.changed.add("corrections")
    if decision.figure_id not in spans:  # a row check could not place: nothing in the text depended on it
        return f"deleted {decision.figure_id}"
    start, end = spans[decision.figure_id]
    others = [s for figure_id, s in spans.items() if figure_id != decision.figure_id]
    span = _Span(start, end, tables.text[start:end])
    (quote,) = quotes_beside(tables.text, [span], others, _WORDS)
    if _covered(tables.text, quote, others):  # a line repeated (a summary above the body): reach past it
        (quote,) = quotes_beside(tables.text, [span], others, _WORDS_REPEATED)
    if covered := _covered(tables.text, quote, others):
        figure_id = next(f for f, s in spans.items() if s == covered)
        raise SeedError.single(
            tables.non_statistics.name,
            0,
            (
                f"no quote of {decision.figure_id}'s number, even with {_WORDS_REPEATED} words beside it, leaves out "
                f"the number of figure {figure_id} (the text around them repeats word for word): keep "
                f"{decision.figure_id} as a figure (the same statistic stated twice), or delete both"
            ),
        )
    _add_non_statistic(tables, quote, decision.category, decision.reason)
    return f"deleted {decision.figure_id} ({decision.category}: {quote!r} is now a non-statistic)"


def _covered(text: str, quote: str, figure_spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first figure number span that an occurrence of ``quote`` covers (as ``check`` reads it), if any."""
    (found,) = occurrences(text, [quote])
    return next(((s, e) for s, e in figure_spans for a, b in found if a <= s and e <= b), None)


def _add_non_statistic(tables: Tables, quote: str, category: str, reason: str) -> None:
    cells = {
        "article_id": tables.article_id,
        "quote": quote,
        "category": category.strip(),
        "reason": normalize_text(reason.strip()),
    }
    tables.non_statistics.rows.append(Row(cells))
    tables.changed.add("non_statistics")


def _add(tables: Tables, decision: Add) -> str:
    fields = _fields(decision.fields, tables.figures.name)
    quote = normalize_text(decision.quote.strip())
    for name in fields:
        tables.figures.add_column(name)
    figure_id = _next_id(tables)
    cells = {"figure_id": figure_id, "article_id": tables.article_id, **fields, "quote": quote, "status": "reviewed"}
    tables.figures.rows.append(Row(cells))
    tables.changed.add("figures")
    tables.used.add(figure_id)
    return f"added {figure_id}"


def _next_id(tables: Tables) -> str:
    """``<article_id>-fNN``, one more than the highest in the table or ever used (an id is never reused)."""
    pattern = re.compile(re.escape(tables.article_id) + r"-f(\d+)")
    ids = {r.cells["figure_id"] for r in tables.figures.rows} | tables.used
    numbers = [int(m.group(1)) for figure_id in ids if (m := pattern.fullmatch(figure_id))]
    return f"{tables.article_id}-f{max(numbers, default=0) + 1:02d}"


def uncover(tables: Tables, figure_id: str, spans: dict[str, tuple[int, int]]) -> int:
    """Take a new figure's number out of the non-statistics that covered it; returns how many rows moved.

    A row whose quote covers the figure's number (as ``check`` sees it) is removed; every other
    number it covered, and that nothing else covers, gets a row of its own with the same category
    and reason, quoted with words beside it.
    """
    start, end = spans[figure_id]
    mine = tables.non_statistics.where("article_id", tables.article_id)
    quotes = [tables.non_statistics.rows[i].cells["quote"] for i in mine]
    found = occurrences(tables.text, quotes)
    covering = {i for i, at in zip(mine, found) if any(s <= start <= e and end <= e for s, e in at)}
    if not covering:
        return 0
    kept = [at for i, at in zip(mine, found) if i not in covering]
    covered = [s for at in kept for s in at] + list(spans.values())
    loose = []
    for i, at in zip(mine, found):
        if i in covering:
            row = tables.non_statistics.rows[i]
            for s, e in at:
                for t_start, t_end, token in number_tokens(tables.text[s:e]):
                    t_start, t_end = s + t_start, s + t_end
                    if not any(a <= t_start and t_end <= b for a, b in covered):
                        loose.append((_Span(t_start, t_end, token), row.cells["category"], row.cells["reason"]))
                        covered.append((t_start, t_end))
    tables.non_statistics.rows[:] = [r for i, r in enumerate(tables.non_statistics.rows) if i not in covering]
    tables.changed.add("non_statistics")
    quotes = quotes_beside(tables.text, [span for span, _, _ in loose], list(spans.values()), _WORDS)
    for quote, (_, category, reason) in zip(quotes, loose):
        _add_non_statistic(tables, quote, category, reason)
    return len(covering)
