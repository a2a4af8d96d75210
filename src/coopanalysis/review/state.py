"""What the review page shows of an article: its text in marked pieces, each figure with how it was read and why.

One plain structure (dicts and lists of strings and numbers) that the template renders, for the
live page of ``coopanalysis review`` and the static one alike. Plausibility flags come from a
function of the figures table that returns ``figure_id``, ``check``, ``message`` (:data:`Flags`);
:func:`no_flags` until the project's plausibility checks give one.
"""

from __future__ import annotations

import bisect
import itertools
import json
import os
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from ..articles.corpora import corpus_name
from ..extract import extract_figures
from ..figures.coverage import NON_STATISTIC_CATEGORIES, number_tokens
from ..figures.occurrences import occurrences
from ..vocab.measures import KINDS, measures
from .columns import editable
from .decide import Article, Outcome

__all__ = ["Flags", "band", "no_flags", "proposals_of", "read_as", "review_state", "what_to_check"]

#: Plausibility checks: a figures table (``check``'s) in, a table of ``figure_id``, ``check``, ``message`` out.
Flags = Callable[[pd.DataFrame], pd.DataFrame]
#: How a quote's number was read, in the words a reviewer checks against the text.
_READINGS = {
    "exact": "exact",
    "about": "about (a point, not a bound)",
    "more_than": "lower bound",
    "at_least": "lower bound",
    "less_than": "upper bound",
    "at_most": "upper bound",
    "range": "range",
}


def no_flags(figures: pd.DataFrame) -> pd.DataFrame:
    """No plausibility flag for any figure (the columns every flags table has)."""
    return pd.DataFrame(columns=["figure_id", "check", "message"])


def band(confidence: float) -> str:
    """The colour band of a proposal's confidence."""
    return "high" if confidence >= 0.8 else "medium" if confidence >= 0.6 else "low"


def what_to_check(row, proposal: dict | None) -> str:
    """The fields of an unreviewed row a reviewer should look at first, and why."""
    checks = []
    evidence = proposal["evidence"] if proposal else ""
    if row["measure"] == "other":
        checks.append("measure: 'other' (name what it counts, or add a measure)")
    elif proposal and proposal["confidence"] < 0.8:
        checks.append(f"measure ({proposal['confidence']:.2f} confidence)")
    if row["kind"] in ("change_pct", "change_abs") and "base period not stated" in evidence:
        checks.append("base period (assumed the year before)")
    if "the article's date" in evidence or "earlier in the paragraph" in evidence:
        checks.append("period (not stated next to the figure)")
    if "as the sentence before" in evidence or "the article's scope" in evidence:
        checks.append("scope (carried from around it)")
    if row["flag"]:
        checks.append(f"flag {row['flag']}: {row['flag_reason']}")
    return "; ".join(checks) or "quote, measure, kind, period"


def read_as(row) -> str:
    """How the number was read: "lower bound: at least 650 cooperatives", "exact, a decrease: -3 cooperatives".

    Every digit is shown (153.45%, not 153.4%): the reviewer compares it with the text. Where this
    is not what the text says, the fix is in the tables: widen the quote to take in the words that
    bound or turn the number ("over", "down"), or add the missing phrase to
    ``data/quantity/qualifiers.csv`` or ``directions.csv``; ``check`` refuses a quote whose
    neighbouring words change its reading.
    """
    reading = _READINGS.get(row["qualifier"], row["qualifier"])
    unit = "%" if row["kind"] in ("share_pct", "target_share_pct", "change_pct") else row["unit"]
    value, low, high = row["value"], row["low"], row["high"]
    known = [x for x in (value, low, high) if x == x]
    if known and max(known) < 0:
        reading += ", a decrease"
    if low == low and high == high and low != high:
        first, last = _exact(low, unit), _exact(high, unit)
        shared = os.path.commonprefix([first[::-1], last[::-1]])[::-1]  # noqa: RUF071 (characters: cut at a space below)
        shared = shared[shared.find(" ") :] if " " in shared else ""  # whole words: "4–8 million VND"
        words = f"{first[: len(first) - len(shared)]}–{last}"
    elif low == low and high == high:
        words = _exact(low, unit)
    elif low == low or high == high:
        words = f"at least {_exact(low, unit)}" if low == low else f"at most {_exact(high, unit)}"
    else:
        words = _exact(value, unit) if value == value else "not known"
    return f"{reading}: {words}"


def _exact(x: float, unit: str) -> str:
    """One number in its unit, no digit rounded away; VND amounts with their scale word."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if unit.startswith("VND") and abs(x) >= size:
            return f"{_trim(x / size)} {word} {unit}"
    return _trim(x) + ("%" if unit == "%" else f" {unit}" if unit else "")


def _trim(x: float) -> str:
    text = f"{x:,.6f}"
    return text.rstrip("0").rstrip(".")


def proposals_of(article: Article) -> dict[tuple[int, int], dict]:
    """The extractor's proposals for the article's text by number span: their confidence and evidence."""
    cells = article.cells
    frame = extract_figures(article.text, hint=cells["file"], published=cells["published"])
    return {(p["number_start"], p["number_end"]): p for p in frame.to_dict("records")}


def review_state(
    article: Article, outcome: Outcome, proposals: dict[tuple[int, int], dict], flags: Flags = no_flags
) -> dict:
    """Everything the page shows; ``proposals`` as :func:`proposals_of` gives them, ``flags`` the plausibility
    checks."""
    located = {row["figure_id"]: row for row in outcome.figures.to_dict("records")}
    flagged: dict[str, list[str]] = {}
    for row in flags(outcome.figures).itertuples():
        flagged.setdefault(row.figure_id, []).append(f"{row.check}: {row.message}")
    problems = [str(p) for p in outcome.problems]
    rows = [row.cells for row in outcome.tables.figures.rows if row.cells["article_id"] == article.article_id]
    figures = [
        _figure(cells, located.get(cells["figure_id"]), proposals, flagged.get(cells["figure_id"], []), problems)
        for cells in rows
    ]
    figures.sort(key=lambda f: (f["reviewed"], -f["confidence"] if f["reviewed"] is False else 0, f["number_start"]))
    reviewed = sum(f["reviewed"] for f in figures)
    return {
        "article": {key: article.cells[key] for key in ("article_id", "title", "province", "published", "source")},
        "corpus": corpus_name(article.corpus),
        "progress": {"reviewed": reviewed, "total": len(figures)},
        "figures": figures,
        "segments": _segments(article.text, figures, outcome),
        "problems": [p for p in problems if not any(f["figure_id"] + ":" in p for f in figures)],
        "measures": [{"name": m.name, "label": m.label, "unit": m.unit} for m in measures().values()],
        "kinds": list(KINDS),
        "categories": NON_STATISTIC_CATEGORIES,
        "editable": editable(),
    }


def _figure(cells: dict, found, proposals: dict, flags: list[str], problems: list[str]) -> dict:
    proposal = proposals.get((found["number_start"], found["number_end"])) if found is not None else None
    confidence = float(proposal["confidence"]) if proposal is not None else -1.0
    reviewed = cells["status"] != "unreviewed"
    evidence = proposal["evidence"] if proposal is not None else ""
    # The note `extract --append` wrote says what the evidence column shows: not shown twice.
    written = f"Proposed by the extractor (confidence {confidence:.2f}; {evidence})."
    return {
        "figure_id": cells["figure_id"],
        "reviewed": reviewed,
        "located": found is not None,
        "band": "reviewed" if reviewed else band(confidence) if proposal is not None else "none",
        "confidence": confidence,
        "evidence": evidence,
        "note": "" if cells["note"] == written else cells["note"],
        "read_as": read_as(found) if found is not None else "",
        "checks": what_to_check(found, proposal) if found is not None and not reviewed else "",
        "flags": flags,
        "problems": [p for p in problems if cells["figure_id"] + ":" in p],
        "fields": {name: cells.get(name, "") for name in editable()},
        "fields_json": json.dumps({name: cells.get(name, "") for name in editable()}, ensure_ascii=False),
        **{key: int(found[key]) if found is not None else -1 for key in ("start", "end", "number_start", "number_end")},
    }


def _segments(text: str, figures: list[dict], outcome: Outcome) -> list[dict]:
    """The text cut where a figure's quote or number, or a non-statistic's number, starts or ends (one sweep)."""
    numbers = sorted(((f["number_start"], f["number_end"], f) for f in figures if f["located"]), key=lambda n: n[:2])
    rows = [r.cells for r in outcome.tables.non_statistics.rows if r.cells["article_id"] == outcome.tables.article_id]
    rejected: dict[tuple[int, int], tuple[str, str, str]] = {}
    for cells, found in zip(rows, occurrences(text, [cells["quote"] for cells in rows])):
        for start, end in found:
            for t_start, t_end, _ in number_tokens(text[start:end]):
                if _at(numbers, start + t_start) is None:
                    rejected.setdefault(
                        (start + t_start, start + t_end),
                        (f"{cells['category']}: {cells['reason']}", cells["quote"], cells["category"]),
                    )
    marked = sorted((s, e, reason) for (s, e), reason in rejected.items())
    quotes = sorted((f["start"], f["end"]) for f in figures if f["located"])
    cuts = sorted(
        {0, len(text), *[x for s, e, _ in numbers + marked for x in (s, e)], *[x for span in quotes for x in span]}
    )
    segments, next_quote, reach = [], 0, -1
    for start, end in itertools.pairwise(cuts):
        while next_quote < len(quotes) and quotes[next_quote][0] <= start:
            reach = max(reach, quotes[next_quote][1])
            next_quote += 1
        figure, (reason, quote, category) = _at(numbers, start), _at(marked, start) or ("", "", "")
        segments.append(
            {
                "at": start,
                "text": text[start:end],
                "figure": figure["figure_id"] if figure else "",
                "band": figure["band"] if figure else "",
                "rejected": reason,
                "quoted": start < reach,
                "rejected_quote": quote,
                "category": category,
            }
        )
    return segments


def _at(spans: Sequence[tuple[int, int, Any]], position: int) -> Any:
    """The payload of the span (sorted, not overlapping) that holds ``position``, or None."""
    index = bisect.bisect_right(spans, position, key=lambda span: span[0]) - 1
    return spans[index][2] if index >= 0 and position < spans[index][1] else None
