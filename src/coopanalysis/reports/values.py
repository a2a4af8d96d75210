"""One indicator value for readers: the value in words, when, on what basis, the caveat that matters."""

from __future__ import annotations

import re

import pandas as pd

from .formatting import format_bounds
from .html import esc, quote_links
from .labels import period_text, place_label, scope_text

__all__ = ["PROPOSED", "article_of", "bounds_html", "indicator_columns", "indicator_rows", "known_values", "proposals_note",
           "short_caveat"]

#: The mark of a value that rests on a proposal of the extractor nobody has reviewed yet.
PROPOSED = '<span class="proposed" title="proposed by the extractor, not yet reviewed">proposed</span>'


_FLAGGED = re.compile(r"flagged \((\w+)\)")
_FLAG_WORDS = {"garbled_translation": "an input is read otherwise than the text says (garbled translation)",
               "ambiguous_number": "an input's number can be read two ways"}


def bounds_html(value: float, low: float, high: float, unit: str, reviewed: bool = True) -> str:
    """A value in words as escaped HTML ("at least 650 cooperatives"), marked when it is only proposed."""
    return esc(format_bounds(value, low, high, unit)) + ("" if reviewed else f" {PROPOSED}")


def proposals_note(figures: pd.DataFrame) -> str:
    """What a page says about proposals: how many were left out, or that the ones shown are marked."""
    left_out = figures.attrs.get("proposals_left_out", 0)
    if left_out:
        return (f'<p class="note">{left_out} figure{"s" if left_out > 1 else ""} proposed by the extractor and not yet '
                f"reviewed {'are' if left_out > 1 else 'is'} left out of this page (the data-quality report lists "
                f"them; <code>coopanalysis run --proposals</code> shows them, marked).</p>")
    if not figures.empty and not figures["reviewed"].all():
        return (f'<p class="note">Values marked {PROPOSED} rest on figures the extractor proposed that nobody has '
                f"reviewed yet.</p>")
    return ""


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
            "value": bounds_html(r.value, r.low, r.high, r.unit, r.reviewed),
            "comparable on": esc(r.basis) or "–",
            "caveat": esc(short_caveat(r)) or "–",
            "from": quote_links(r.inputs.split(";"), links, article_links) + _same_in(r, links, article_links),
        })
        rows.append(cells)
    return rows


def _same_in(row, links: dict[str, str], article_links: str) -> str:
    """The other articles that state the same statistics (a republished story): counted once, both quotes."""
    same = getattr(row, "same_statistics_in", "")
    if not same:
        return ""
    return "<br><span class=\"basis\">also stated in</span> " + " ".join(
        quote_links(ids.split(";"), links, article_links) for ids in same.split(" | "))


def indicator_columns(rows: list[dict[str, str]], columns: list[str]) -> list[str]:
    """``columns`` without "comparable on", "caveat" or "scope" where no row has anything to say there."""
    idle = {"comparable on": {"–"}, "caveat": {"–"}, "scope": {"province-wide", "national"}}
    return [c for c in columns if c not in idle or any(row.get(c, "–") not in idle[c] for row in rows)]
