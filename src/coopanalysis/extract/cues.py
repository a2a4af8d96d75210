"""Where the cue phrases of ``cues.csv`` stand in a text, and which of them governs a number.

A cue *governs* a number when it is the nearest cue of its family before the number within the
cue's scope (the next number only, the clause, the sentence or the paragraph), or, for a cue
that comes after what it qualifies, the nearest one after the number within its clause. A cue
inside brackets governs only the numbers inside the same brackets.
"""

from __future__ import annotations

import bisect
import csv
from dataclasses import dataclass
from functools import cache

from ..base.paths import DATA_DIR
from .rules import Rule, table
from .text import TextView

__all__ = ["Cue", "CueIndex", "families"]


@dataclass(frozen=True)
class Cue:
    """One cue phrase found in the text."""

    start: int
    end: int
    rule: Rule
    label: str = ""  # what the cue names, for a definition ("transport"): the row's label, else the words it matched

    @property
    def role(self) -> str:
        return self.rule["role"]


def _cue(rule: Rule, match, view: TextView) -> Cue:
    """A cue with its label: the row's, else the words its ``label`` group matched, as written (quoted
    in a Vietnamese text, whose words a definition in English cites)."""
    named = [name for name, text in match.groupdict().items() if name.startswith("label") and text]
    label = rule.row.get("label") or ""
    if not label and named:
        label = " ".join(view.text[match.start(named[0]):match.end(named[0])].split())
        label = f"'{label}'" if view.lang == "vi" else label
    return Cue(match.start(), match.end(), rule, label)


@cache
def families() -> dict[str, tuple[str, ...]]:
    """Role -> the families it belongs to (``roles.csv``): the nearest cue of a family wins."""
    with open(DATA_DIR / "extract" / "roles.csv", newline="", encoding="utf-8") as handle:
        return {row["role"]: tuple(row["families"].split(";")) for row in csv.DictReader(handle)}


class CueIndex:
    """All cue hits of a text, sorted, with lookups of the cue that governs a position."""

    def __init__(self, view: TextView):
        self.view = view
        self.before: dict[str, list[Cue]] = {}
        self.after: list[Cue] = []
        # Two passes, so that a cue before a number and one after another may overlap
        # ("has" and "have achieved 4 stars").
        for rule, match in view.hits("cues", "before"):
            for family in families()[rule["role"]]:
                self.before.setdefault(family, []).append(_cue(rule, match, view))
        for rule, match in view.hits("cues", "after"):
            cue = _cue(rule, match, view)
            self.after.append(cue)
            if rule["where"] == "both":
                for family in families()[rule["role"]]:
                    self.before.setdefault(family, []).append(cue)
        for cues in self.before.values():
            cues.sort(key=lambda c: c.start)
        self._before_starts = {family: [c.start for c in cues] for family, cues in self.before.items()}
        self._after_starts = [c.start for c in self.after]
        # The after-cues that reach to the clause's end, and the starts of each role's after-cues: looked
        # up by bisection, so that a number in a long clause does not list every cue after it.
        self._clause_wide = [c for c in self.after if c.rule["scope"] == "clause"]
        self._clause_wide_starts = [c.start for c in self._clause_wide]
        self._after_role_starts: dict[str, list[int]] = {}
        for cue in self.after:
            self._after_role_starts.setdefault(cue.role, []).append(cue.start)

    def governing(self, family: str, position: int, previous_number: int = -1) -> Cue | None:
        """The nearest cue of ``family`` before ``position`` whose scope reaches it.

        ``previous_number`` is where the number before this one ends: a cue of scope ``next``
        reaches only the first number after it.
        """
        starts = self._before_starts.get(family)
        i = bisect.bisect_left(starts, position) - 1 if starts else -1
        if i < 0:
            return None
        cues = self.before[family]
        view = self.view
        bracket = view.bracket(position)
        paragraph = view.paragraph(position)[0]
        windows = {"clause": view.clause(position)[0], "paragraph": paragraph}
        while i >= 0:
            cue = cues[i]
            i -= 1
            if cue.end > position:
                continue
            if cue.start < paragraph - 1:
                return None
            if view.brackets and (cue_bracket := view.bracket(cue.start)) and cue_bracket != bracket:
                continue  # "(exceeding the plan by 67 percent)" says nothing of what follows the bracket
            scope = cue.rule["scope"]
            if scope == "next":
                if cue.end >= previous_number and position - cue.end <= 40:
                    return cue
                continue
            if scope not in windows:
                windows[scope] = view.sentence(position)[0]
            if cue.start >= windows[scope]:
                return cue
            # Out of its reach: an older cue of wider reach may still govern ("the objectives are as follows:").
        return None

    def after_cues(self, start: int, end: int, clause_end: int | None = None) -> list[Cue]:
        """The cues written after what they qualify that stand in ``[start, end)``.

        With ``clause_end``, cues of scope ``clause`` reach it, past ``end`` (the next number).
        """
        if clause_end is not None and clause_end > end:
            i = bisect.bisect_left(self._clause_wide_starts, end)
            j = bisect.bisect_left(self._clause_wide_starts, clause_end)
            return self.after_cues(start, end) + self._clause_wide[i:j]
        i = bisect.bisect_left(self._after_starts, start)
        found = []
        while i < len(self.after) and self.after[i].start < end:
            found.append(self.after[i])
            i += 1
        return found

    def after_role(self, role: str, start: int, end: int) -> bool:
        """True when an after-cue of ``role`` stands in ``[start, end)``."""
        starts = self._after_role_starts.get(role, [])
        i = bisect.bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    def in_span(self, family: str, start: int, end: int) -> list[Cue]:
        """The cues of ``family`` (written before what they qualify) that stand in ``[start, end)``."""
        starts = self._before_starts.get(family, [])
        i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return self.before.get(family, [])[i:j]


def roles_table() -> tuple[Rule, ...]:
    """The rows of ``cues.csv`` (for the tests)."""
    return table("cues")
