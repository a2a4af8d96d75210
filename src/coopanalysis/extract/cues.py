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
from .text import NEAR, TextView

__all__ = ["Cue", "CueIndex", "families"]

#: Paragraph cues inside other brackets skipped, at most, when looking for the one that governs.
_MOST_SKIPPED = 8


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
        label = " ".join(view.text[match.start(named[0]) : match.end(named[0])].split())
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
        # The cues that reach their whole paragraph, for a number further than NEAR from them.
        self._paragraph_starts = {}
        for family, cues in self.before.items():
            wide = [c for c in cues if c.rule["scope"] == "paragraph"]
            if wide:
                self._paragraph_starts[family] = ([c.start for c in wide], wide)
        self._after_starts = [c.start for c in self.after]
        # The after-cues that reach to the clause's end, and the starts of each role's after-cues: looked
        # up by bisection, so that a number in a long clause does not list every cue after it.
        self._clause_wide = [c for c in self.after if c.rule["scope"] == "clause"]
        self._clause_wide_starts = [c.start for c in self._clause_wide]
        self._after_role_starts: dict[str, list[int]] = {}
        self._after_by_role: dict[str, list[Cue]] = {}
        for cue in self.after:
            self._after_role_starts.setdefault(cue.role, []).append(cue.start)
            self._after_by_role.setdefault(cue.role, []).append(cue)

    def governing(self, family: str, position: int, previous_number: int = -1) -> Cue | None:
        """The nearest cue of ``family`` before ``position`` whose scope reaches it.

        ``previous_number`` is where the number before this one ends: a cue of scope ``next``
        reaches only the first number after it. Cues of a narrower scope than the paragraph are
        looked for within :data:`NEAR` characters; a paragraph's cue further away is looked up
        apart, so that a number in a long sentence reads a bounded window, not every cue before it.
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
        nearest = max(paragraph - 1, position - NEAR)
        while i >= 0 and cues[i].start >= nearest:
            cue = cues[i]
            i -= 1
            if cue.end > position:
                continue
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
        if i < 0 or cues[i].start < paragraph - 1:
            return None
        return self._paragraph_cue(family, nearest, paragraph, bracket)

    def _paragraph_cue(self, family: str, before: int, paragraph: int, bracket) -> Cue | None:
        """The nearest cue of ``family`` of paragraph scope in ``[paragraph, before)`` outside other
        brackets (a few bracketed ones skipped at most)."""
        starts, cues = self._paragraph_starts.get(family, ([], []))
        i = bisect.bisect_left(starts, before) - 1
        for _ in range(_MOST_SKIPPED):
            if i < 0 or starts[i] < paragraph:
                return None
            cue = cues[i]
            if not (self.view.brackets and (cue_bracket := self.view.bracket(cue.start)) and cue_bracket != bracket):
                return cue
            i -= 1
        return None

    def after_cues(self, start: int, end: int, clause_end: int | None = None) -> list[Cue]:
        """The cues written after what they qualify that stand in ``[start, end)``, at most
        :data:`NEAR` characters after ``start``.

        With ``clause_end``, cues of scope ``clause`` reach it, past ``end`` (the next number).
        """
        end = min(end, start + NEAR)
        if clause_end is not None:
            clause_end = min(clause_end, start + NEAR)
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

    def after_of(self, roles: tuple[str, ...], start: int, end: int) -> list[Cue]:
        """The after-cues of ``roles`` that stand in ``[start, end)``, at most :data:`NEAR` characters after
        ``start``, in text order: looked up by role, so the other cues in between cost nothing."""
        end = min(end, start + NEAR)
        found = []
        for role in roles:
            starts = self._after_role_starts.get(role, [])
            i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            found += self._after_by_role[role][i:j] if j > i else []
        return sorted(found, key=lambda cue: cue.start)

    def in_span(self, family: str, start: int, end: int) -> list[Cue]:
        """The cues of ``family`` (written before what they qualify) that stand in ``[start, end)``."""
        starts = self._before_starts.get(family, [])
        i, j = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return self.before.get(family, [])[i:j]


def roles_table() -> tuple[Rule, ...]:
    """The rows of ``cues.csv`` (for the tests)."""
    return table("cues")
