"""One indicator value for readers: the value in words, when, on what basis, the caveat that matters."""

from __future__ import annotations

import re

import pandas as pd

from .cells import BREAK, Cell, Code, Small, Value, line, quote_links
from .display import Paragraph
from .formatting import format_bounds
from .labels import period_text, place_label, scope_text

__all__ = [
    "article_of",
    "bounds_cell",
    "indicator_columns",
    "indicator_rows",
    "known_values",
    "proposals_note",
    "short_caveat",
]

_FLAGGED = re.compile(r"flagged \((\w+)\)")
_FLAG_WORDS = {
    "garbled_translation": "an input is read otherwise than the text says (garbled translation)",
    "ambiguous_number": "an input's number can be read two ways",
}


def bounds_cell(value: float, low: float, high: float, unit: str, reviewed: bool = True) -> Value:
    """A value in words ("at least 650 cooperatives"), marked when it is only proposed."""
    return Value(format_bounds(value, low, high, unit), proposed=not reviewed)


def proposals_note(figures: pd.DataFrame) -> Paragraph:
    """What a page says about proposals: how many were left out, or that the ones shown are marked."""
    left_out = figures.attrs.get("proposals_left_out", 0)
    if left_out:
        return Paragraph(
            f"{left_out} figure{'s' if left_out > 1 else ''} proposed by the extractor and not yet reviewed "
            f"{'are' if left_out > 1 else 'is'} left out of this page (the data-quality report lists them; ",
            (Code("coopanalysis run --proposals"),),
            " shows them, marked).",
            css="note",
        )
    if not figures.empty and not figures["reviewed"].all():
        return Paragraph(
            (
                "Values marked",
                Value("", proposed=True),
                (" rest on figures the extractor proposed that nobody has reviewed yet."),
            ),
            css="note",
        )
    return Paragraph()


def article_of(figures: pd.DataFrame) -> dict[str, str]:
    """Figure id -> article id, for links to quotes."""
    return dict(zip(figures["figure_id"], figures["article_id"]))


def known_values(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with at least one bound: a value that nothing bounds is not shown as a value."""
    return rows[rows[["value", "low", "high"]].notna().any(axis=1)]


def short_caveat(row) -> str:
    """The caveat that matters next to a value, short and in words ("" when there is none)."""
    notes = []
    if row.approximate:
        notes.append("an input is 'about'")
    notes.extend(
        _FLAG_WORDS.get(flag, f"an input is flagged ({flag})") for flag in dict.fromkeys(_FLAGGED.findall(row.caveats))
    )
    return "; ".join(notes)


def indicator_rows(
    indicators: pd.DataFrame,
    links: dict[str, str],
    article_links: str,
    with_place: bool = True,
    with_scope: bool = False,
) -> list[dict[str, Cell]]:
    """Table rows for indicator values: place, when, value, basis, caveat, sources."""
    rows = []
    for r in indicators.itertuples():
        cells: dict[str, Cell] = {}
        if with_place:
            cells["province"] = place_label(r.province, r.borders)
        if with_scope:
            cells["scope"] = scope_text(r.scope)
        cells.update(
            {
                "when": period_text(r.period, r.base_period),
                "value": (bounds_cell(r.value, r.low, r.high, r.unit, r.reviewed),),
                "comparable on": r.basis or "–",
                "caveat": short_caveat(r) or "–",
                "from": quote_links(r.inputs.split(";"), links, article_links) + _same_in(r, links, article_links),
            }
        )
        rows.append(cells)
    return rows


def _same_in(row, links: dict[str, str], article_links: str) -> tuple:
    """The other articles that state the same statistics (a republished story): counted once, both quotes."""
    same = getattr(row, "same_statistics_in", "")
    if not same:
        return ()
    return (
        BREAK,
        *line(
            Small("also stated in", "basis"),
            *(quote_links(ids.split(";"), links, article_links) for ids in same.split(" | ")),
        ),
    )


def indicator_columns(rows: list[dict[str, Cell]], columns: list[str]) -> list[str]:
    """``columns`` without "comparable on", "caveat" or "scope" where no row has anything to say there."""
    idle = {"comparable on": {"–"}, "caveat": {"–"}, "scope": {"province-wide", "national"}}
    return [c for c in columns if c not in idle or any(row.get(c, "–") not in idle[c] for row in rows)]
