"""One indicator value for readers: the value in words, when, on what basis, the caveat that matters."""

from __future__ import annotations

import re

import pandas as pd

from .formatting import format_bounds
from .html import esc, quote_links
from .labels import period_text, place_label, scope_text

__all__ = ["article_of", "indicator_columns", "indicator_rows", "known_values", "short_caveat"]

_FLAGGED = re.compile(r"flagged \((\w+)\)")
_FLAG_WORDS = {"garbled_translation": "an input is read otherwise than the text says (garbled translation)",
               "ambiguous_number": "an input's number can be read two ways"}


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
    for flag in dict.fromkeys(_FLAGGED.findall(row.caveats)):
        notes.append(_FLAG_WORDS.get(flag, f"an input is flagged ({flag})"))
    return "; ".join(notes)


def indicator_rows(indicators: pd.DataFrame, links: dict[str, str], article_links: str,
                   with_place: bool = True, with_scope: bool = False) -> list[dict[str, str]]:
    """Table rows (escaped HTML cells) for indicator values: place, when, value, basis, caveat, sources."""
    rows = []
    for r in indicators.itertuples():
        cells = {}
        if with_place:
            cells["province"] = esc(place_label(r.province, r.borders))
        if with_scope:
            cells["scope"] = esc(scope_text(r.scope))
        cells.update({
            "when": esc(period_text(r.period, r.base_period)),
            "value": esc(format_bounds(r.value, r.low, r.high, r.unit)),
            "comparable on": esc(r.basis) or "–",
            "caveat": esc(short_caveat(r)) or "–",
            "from": quote_links(r.inputs.split(";"), links, article_links),
        })
        rows.append(cells)
    return rows


def indicator_columns(rows: list[dict[str, str]], columns: list[str]) -> list[str]:
    """``columns`` without "comparable on", "caveat" or "scope" where no row has anything to say there."""
    idle = {"comparable on": {"–"}, "caveat": {"–"}, "scope": {"province-wide", "national"}}
    return [c for c in columns if c not in idle or any(row.get(c, "–") not in idle[c] for row in rows)]
