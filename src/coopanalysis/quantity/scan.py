"""Where quantities can start in a text, found in one pass: the numbers and the words that can open one.

Searching for these first and anchoring the full pattern just before them is several times faster
than letting the pattern (with its optional direction, qualifier and currency prefix) try every
position.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

import ahocorasick

from ..base.windows import REACH, SPAN
from .grammar import CURRENCIES, DIRECTIONS_BEFORE, MULTIPLIERS, QUALIFIERS_BEFORE, QUANTITY_RE, alternation
from .numbers import NUMBER_WORDS

__all__ = ["next_match", "positions"]

# Where a quantity's number can start: digit runs, number words and multipliers.
_TRIGGER = re.compile(rf"\d+|\b(?:{alternation(NUMBER_WORDS)}|{alternation(MULTIPLIERS)})\b", re.IGNORECASE)
_WORD_START = re.compile(r"\b\w|\$")
# Only a word that can open a quantity (a qualifier, a direction, a currency, "between") is worth
# trying as the start of one before its number.
_OPENERS = {phrase.split()[0] for phrase in [*QUALIFIERS_BEFORE, *DIRECTIONS_BEFORE, *CURRENCIES]} | {
    "between",
    "từ",
    "tu",
    "a",
    "an",
    "the",
}
_OPENER = re.compile(rf"(?:{alternation(_OPENERS)})(?!\w)|US\$|\$|VN", re.IGNORECASE)
_SIGNS = "-\u2212"  # a minus sign glued to a number ("-5%")
_PREFIX_REACH = 48  # longest direction + qualifier + currency before a number ("a reduction of approximately VND ")


def next_match(
    text: str, position: int, openers: list[int] | None = None, triggers: list[int] | None = None
) -> re.Match | None:
    """The leftmost quantity starting at or after ``position`` (same result as ``QUANTITY_RE.search``).

    ``openers`` and ``triggers`` are where words that can open a quantity and numbers stand
    (:func:`positions`, found once per text).
    """
    if openers is None or triggers is None:
        openers, triggers = positions(text)
    # Index, not a slice: copying the rest of the list on every call would make a scan quadratic.
    for index in range(bisect.bisect_left(triggers, position), len(triggers)):
        number_at = triggers[index]
        first = max(position, number_at - _PREFIX_REACH)
        starts = openers[bisect.bisect_left(openers, first) : bisect.bisect_left(openers, number_at)]
        signed = [number_at - 1] if number_at and text[number_at - 1] in _SIGNS else []
        for start in starts + signed + [number_at]:
            # Within a window, as base.windows.match_within (inline: this is the commonest attempt of all).
            match = QUANTITY_RE.match(text, start, start + SPAN)
            if match and match.end() - start > REACH:
                match = None  # longer than the reach, or perhaps cut by the window
            if match and number_at in (match.start("num1"), match.start("mult")):
                return match
    return None


@cache
def _word_automaton():
    """The words that open a quantity (value 0) and the number words and multipliers (value 1)."""
    automaton = ahocorasick.Automaton()
    for word in _OPENERS:
        automaton.add_word(" " + word.lower(), (len(word), 0))
    for word in [*NUMBER_WORDS, *MULTIPLIERS]:
        automaton.add_word(" " + word + " ", (len(word), 1))
    automaton.make_automaton()
    return automaton


_NOT_WORD: dict[int, str] | None = None


def positions(text: str) -> tuple[list[int], list[int]]:
    """Where the words that can open a quantity ("over", "VND", "a decrease", "$") and where the
    numbers (digit runs, number words, multipliers) stand: one pass over the text for all of them,
    instead of regular expressions tried at every character."""
    global _NOT_WORD
    if _NOT_WORD is None:
        _NOT_WORD = {c: " " for c in range(0x3000) if not chr(c).isalnum()}
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: keep to the offsets
        openers = [m.start() for m in _WORD_START.finditer(text) if _OPENER.match(text, m.start())]
        return openers, [m.start() for m in _TRIGGER.finditer(text)]
    haystack = " " + lowered.translate(_NOT_WORD) + " "
    opener_at: set[int] = set()
    trigger_at: set[int] = set()
    for end, (length, kind) in _word_automaton().iter(haystack):
        start = end - length - kind  # the leading space shifts by one; a number word ends with one
        (trigger_at if kind else opener_at).add(start)
    opener_at.update(m.start() for m in re.finditer(r"(?:US)?\$", text))
    trigger_at.update(m.start() for m in _DIGIT_RUN.finditer(text))
    return sorted(p for p in opener_at if _OPENER.match(text, p)), sorted(trigger_at)


_DIGIT_RUN = re.compile(r"\d+")
