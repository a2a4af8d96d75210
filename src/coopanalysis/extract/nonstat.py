"""Numbers that are not statistics: dates, times, years, document numbers, names, conversions, site text.

The patterns are ``data/extract/non_statistics.csv``; a number is rejected by the first row (in
table order) whose match contains it, with that row's category and reason. A row whose extent is
``rest`` marks the site's footer: everything after it is rejected; ``token`` widens the match to
the whole word it stands in (a file name is found by its extension, "2t-5687.jpg").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..quantity.numbers import MARKS
from ..quantity.parse import QuantityMatch
from .text import TextView

__all__ = ["Rejected", "split_numbers"]

_DIGITS = re.compile(r"\d+")
_MARKED = re.compile(rf"\d[{MARKS}]|[{MARKS}]\d")
_FOOTER_AFTER = 0.3  # a footer line in the first 30% of a text is a heading, not the footer


@dataclass(frozen=True)
class Rejected:
    """A number the extractor does not propose, and why."""

    start: int
    end: int
    text: str
    category: str
    reason: str


class _Spans:
    """The rejected spans of a text, looked up by position (first rule in table order wins)."""

    def __init__(self, view: TextView):
        found = []
        self.footer = len(view.text)
        for rule, match in view.hits("non_statistics"):
            if rule["extent"] == "rest":
                if match.start() > len(view.text) * _FOOTER_AFTER:
                    self.footer = min(self.footer, match.start())
                continue
            start, end = match.start(), match.end()
            if rule["extent"] == "token":
                start, end = _token(view.text, start, end)
            found.append((start, end, rule.index, rule["category"], rule["reason"]))
        found.sort()
        self.spans = found
        self.starts = [s[0] for s in found]
        self.reach = []  # the furthest end of the spans up to each index, for containment lookups
        furthest = -1
        for span in found:
            furthest = max(furthest, span[1])
            self.reach.append(furthest)

    def why(self, start: int, end: int) -> tuple[str, str] | None:
        """Category and reason of the first rule whose span holds ``[start, end)``, or None."""
        if start >= self.footer:
            return "site_boilerplate", "after the end of the article (the site's footer)"
        i = bisect.bisect_right(self.starts, start) - 1
        best = None
        while i >= 0 and self.reach[i] >= end:
            s, e, index, category, reason = self.spans[i]
            if s <= start and end <= e and (best is None or index < best[0]):
                best = (index, category, reason)
            i -= 1
        return (best[1], best[2]) if best else None


_SPACE_BEFORE = re.compile(r"\S{0,200}$")
_SPACE_AFTER = re.compile(r"\S{0,200}")


def _token(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited word around ``[start, end)`` (at most 200 characters each way)."""
    before, after = _SPACE_BEFORE.search(text, max(0, start - 200), start), _SPACE_AFTER.match(text, end)
    assert before is not None and after is not None  # both match an empty run too
    return before.start(), after.end()


_LETTER = re.compile(r"[^\W\d_]")
#: A run of this many numbers with no word between them is a table that lost its headings, or machine-made
#: text: nothing says what each counts. Articles write at most five in a row (a date and a time).
BARE_RUN = 10


def _bare_runs(text: str, quantities: list[QuantityMatch]) -> dict[int, tuple[str, str]]:
    """The indices of the quantities in runs of :data:`BARE_RUN` or more with no letter between their
    numbers, with the reason they are not figures (one pass over the quantities)."""
    found: dict[int, tuple[str, str]] = {}
    run = [0] if quantities else []
    for index in range(1, len(quantities) + 1):
        joined = index < len(quantities) and not _LETTER.search(
            text,
            quantities[index - 1].number_end,
            max(quantities[index - 1].number_end, quantities[index].number_start),
        )
        if joined:
            run.append(index)
            continue
        if len(run) >= BARE_RUN:
            reason = (
                "not_a_figure",
                (
                    f"one of {len(run)} numbers in a row with no word between them (a table that "
                    "lost its headings, or machine-made text): nothing says what it counts"
                ),
            )
            found.update(dict.fromkeys(run, reason))
        run = [index]
    return found


def split_numbers(view: TextView, quantities: list[QuantityMatch]) -> tuple[list[QuantityMatch], list[Rejected]]:
    """The quantities that may be statistics, and every other number of the text with its reason.

    Digits the quantity parser does not read as a number at all (ordinals such as "20th", codes
    such as "Z121", conversions inside a quantity) are listed as rejected too, so that every digit
    of the text is accounted for.
    """
    spans = _Spans(view)
    bare = _bare_runs(view.text, quantities)
    kept, rejected = [], []
    for index, q in enumerate(quantities):
        reason = spans.why(q.number_start, q.number_end) or bare.get(index)
        if reason:
            rejected.append(Rejected(q.number_start, q.number_end, q.number, *reason))
        else:
            kept.append(q)
    seen = [(q.number_start, q.number_end) for q in quantities]
    starts = [s for s, _ in seen]
    text = view.text
    for digits in _DIGITS.finditer(text):
        i = bisect.bisect_right(starts, digits.start()) - 1
        if i >= 0 and seen[i][0] <= digits.start() < seen[i][1]:
            continue
        reason = spans.why(digits.start(), digits.end())
        if reason is None and _MARKED.search(text, max(0, digits.start() - 1), min(len(text), digits.end() + 1)):
            reason = ("not_a_figure", "a digit carrying a mark (an accent, a keycap): not a plain number")
        if reason is None:
            ordinal = re.match(r"(?:st|nd|rd|th)\b", text[digits.end() : digits.end() + 3])
            reason = ("ordinal", "an ordinal") if ordinal else ("name", "digits inside a word or code")
        rejected.append(Rejected(digits.start(), digits.end(), digits.group(0), *reason))
    rejected.sort(key=lambda r: r.start)
    return kept, rejected
