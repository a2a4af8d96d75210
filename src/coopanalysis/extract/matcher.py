"""Every match of a rule table in a text, in one pass: literal starts found by an automaton, rows tried only there.

A :class:`Rule` is one row of a table with its compiled pattern, matched against the folded text
(:mod:`.folding`); where folding merges two Vietnamese words ("quỹ" fund, "quý" quarter), the
row's ``exact`` words are checked in the text as written.
"""

from __future__ import annotations

import re
import re._constants as _constants
import re._parser as _parser
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property

import ahocorasick

from ..base.windows import SPAN, finditer_within, match_within
from .folding import fold

__all__ = ["Matcher", "Rule", "scan", "tones_last"]

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True)
class Rule:
    """One row of a rule table, with its compiled pattern (if it has one)."""

    index: int
    row: dict
    regex: re.Pattern | None
    exact: tuple[tuple[str, str], ...] = ()  # (folded, as written) of the words of ``exact``

    def __getitem__(self, column: str) -> str:
        return self.row[column]

    @cached_property  # kept in the instance: as fast as a field in the matching loops
    def compiled(self) -> re.Pattern:
        """The row's pattern: a :class:`Matcher` keeps only the rows that have one."""
        if self.regex is None:
            raise ValueError(f"row {self.index} of its rule table has no pattern")
        return self.regex

    def written(self, original: str | None, start: int, end: int) -> bool:
        """True when ``original[start:end]`` writes the words of ``exact`` as the row wants (or
        when there is no original text to check)."""
        if not self.exact or original is None:
            return True
        wanted = dict(self.exact)
        for word in _LETTERS.finditer(original, start, end):
            written = word.group(0).lower()
            if fold(written) in wanted and tones_last(written) != wanted[fold(written)]:
                return False
        return True


_LETTERS = re.compile(r"[^\W\d_]+")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def tones_last(word: str) -> str:
    """A word with its tone mark moved to its end, so that "hoà" and "hòa" compare equal."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in decomposed if c in _TONE_MARKS)
    return "".join(c for c in decomposed if c not in _TONE_MARKS) + tones


class Matcher:
    """Every match of a table's patterns in a text: leftmost first, then table order (like one big
    alternation, but fast).

    Each pattern's possible first letters are worked out once from the pattern itself; one
    Aho-Corasick pass over the text finds where any of them stand, and only there are the rows
    tried. Rows whose matches start with a digit are tried where digits start; a pattern that can
    start with any character (a line start, a word class) is searched on its own. :func:`scan`
    serves several tables with one pass. Every row is matched in a bounded window
    (:mod:`coopanalysis.base.windows`): no row and no text can make a scan quadratic.
    """

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = [rule for rule in rules if rule.regex is not None]
        self._any: re.Pattern | None = None  # every row as one expression, for match()
        self.slow: list[int] = []
        self.digits: list[int] = []
        self.starts: dict[str, tuple] = {}  # literal start -> (length, bounded, row indices, any-of pattern)
        keyed: dict[str, list[int]] = {}
        for index, rule in enumerate(self.rules):
            first = _starts(rule.compiled.pattern, 1)
            if first is not None and all(c.isdigit() for c in first):
                self.digits.append(index)
                continue
            starts = _starts(rule.compiled.pattern)
            if starts is None or any(len(start) < 2 and not start.isdigit() for start in starts):
                self.slow.append(index)
                continue
            for start in starts:
                keyed.setdefault(start, []).append(index)
        # A row written \b... only starts where a word starts: check that before trying it. The rows
        # that share a start are tried as one expression first: most places match none of them.
        bounded = {i for i, rule in enumerate(self.rules) if rule.compiled.pattern.startswith(r"\b")}
        for start, indices in keyed.items():
            self.starts[start] = (
                len(start),
                all(i in bounded for i in indices),
                tuple(indices),
                _any_of([self.rules[i] for i in indices]),
            )

    def try_at(self, text: str, position: int, entry: tuple, found: list, original: str | None = None) -> None:
        """Try the rows of one literal start at ``position``; record the first that matches."""
        _, _, indices, any_of = entry
        if not any_of.match(
            text, position, position + SPAN
        ):  # a pre-filter: the row below is matched within its window
            return
        for index in indices:
            match = match_within(self.rules[index].regex, text, position)
            if match and self.rules[index].written(original, match.start(), match.end()):
                found.append((position, index, match))
                return

    def others(self, text: str, found: list, original: str | None = None) -> None:
        """The rows that start with a digit or with anything: tried without the automaton."""
        if self.digits:
            any_digit_row = _any_of([self.rules[i] for i in self.digits])
            for run in _DIGIT_RUN.finditer(text):
                if not any_digit_row.match(text, run.start(), run.start() + SPAN):
                    continue
                for index in self.digits:
                    match = match_within(self.rules[index].compiled, text, run.start())
                    if match and self.rules[index].written(original, match.start(), match.end()):
                        found.append((run.start(), index, match))
                        break
        for index in self.slow:
            rule = self.rules[index]
            found += [
                (m.start(), index, m)
                for m in finditer_within(rule.compiled, text)
                if rule.written(original, m.start(), m.end())
            ]

    def resolve(self, found: list) -> list[tuple[Rule, re.Match]]:
        """Leftmost first, then table order, never overlapping: the alternation's own semantics."""
        found.sort(key=lambda item: (item[0], item[1]))
        reached, kept = 0, []
        for position, index, match in found:
            if position < reached:
                continue
            reached = max(match.end(), position + 1)
            kept.append((self.rules[index], match))
        return kept

    def finditer(self, text: str, original: str | None = None) -> list[tuple[Rule, re.Match]]:
        """Every match of the table's rows in the folded ``text`` (``original``: the text as written)."""
        return scan(text, (self,), original)[0]

    def match(
        self, text: str, position: int, end: int | None = None, original: str | None = None
    ) -> tuple[Rule, re.Match] | None:
        """The first rule (in table order) matching exactly at ``position``, or None."""
        end = len(text) if end is None else end
        if self._any is None:
            self._any = _any_of(self.rules)
        if not self._any.match(text, position, min(end, position + SPAN)):
            return None  # no row matches here: one expression tried instead of every row
        for rule in self.rules:
            found = match_within(rule.compiled, text, position, end)
            if found and rule.written(original, found.start(), found.end()):
                return rule, found
        return None


_WORDS_ONLY = None


def _words_only(text: str) -> str:
    """``text`` with every character that cannot be part of a word made a space (same length)."""
    global _WORDS_ONLY
    if _WORDS_ONLY is None:
        _WORDS_ONLY = {c: " " for c in range(0x3000) if not chr(c).isalnum()}
    return text.translate(_WORDS_ONLY)


@cache
def _automata(matchers: tuple[Matcher, ...]):
    """Two automata: the starts of rows written \\b... are looked for as words (after a space, in
    the text with punctuation made spaces), the others as they are."""
    bounded, free = ahocorasick.Automaton(), ahocorasick.Automaton()
    entries: dict[tuple[bool, str], list] = {}
    for which, m in enumerate(matchers):
        for start, entry in m.starts.items():
            key = (True, " " + _words_only(start)) if entry[1] else (False, start)
            entries.setdefault(key, []).append((which, entry))
    for (is_bounded, start), listed in entries.items():
        (bounded if is_bounded else free).add_word(start, (len(start) - is_bounded, tuple(listed)))
    return tuple(a if len(a) and not a.make_automaton() else None for a in (bounded, free))


def scan(text: str, matchers: tuple[Matcher, ...], original: str | None = None) -> list[list[tuple[Rule, re.Match]]]:
    """The matches of several tables in the folded ``text``, with one pass of one automaton for all of
    them; ``original`` is the text as written (same length), for the rows' ``exact`` words."""
    found: list[list] = [[] for _ in matchers]
    bounded, free = _automata(matchers)
    for automaton, haystack, shift in ((bounded, " " + _words_only(text), 0), (free, text, 1)):
        if automaton is None:
            continue
        for last, (length, listed) in automaton.iter(haystack):
            position = last - length + shift
            for which, entry in listed:
                matchers[which].try_at(text, position, entry, found[which], original)
    for m, hits in zip(matchers, found):
        m.others(text, hits, original)
    return [m.resolve(hits) for m, hits in zip(matchers, found)]


_PREFIX = 5


@cache
def _any_of_cached(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', p)})" for p in patterns), re.IGNORECASE | re.MULTILINE)


def _any_of(rules: list[Rule]) -> re.Pattern:
    """One expression matching where any of ``rules`` matches (named groups dropped)."""
    return _any_of_cached(tuple(r.compiled.pattern for r in rules))


_MOST_STARTS = 3000


_DIGIT_RUN = re.compile(r"(?<!\d)\d")


def _starts(pattern: str, length: int = _PREFIX) -> set[str] | None:
    """The literal strings (up to ``length`` letters) every match of ``pattern`` begins with, or None."""
    try:
        parsed = list(_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # noqa: BLE001 - an unusual construct: search the pattern on its own
        return None
    starts = _sequence_starts(parsed, length)
    return None if starts is None or len(starts) > _MOST_STARTS or "" in starts else starts


def _sequence_starts(items: list, need: int = _PREFIX) -> set[str] | None:
    """Prefixes (up to ``need`` letters) of the matches of a parsed sequence; None: any character."""
    if not items or need == 0:
        return {""}
    op, arg = items[0]
    rest = items[1:]
    if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
        return _sequence_starts(rest, need)  # zero-width
    if op is _constants.LITERAL:
        after = _sequence_starts(rest, need - 1)
        head = chr(arg).lower()
        return {head} if after is None else {head + a for a in after}
    if op is _constants.SUBPATTERN:
        return _sequence_starts(list(arg[-1]) + rest, need)
    if op is _constants.BRANCH:
        found: set[str] = set()
        for alternative in arg[1]:
            starts = _sequence_starts(list(alternative) + rest, need)
            if starts is None:
                return None
            found |= starts
            if len(found) > _MOST_STARTS:
                return None
        return found
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
        low, high, body = arg
        # Every repetition count that can matter for a prefix of ``need`` letters.
        options = [list(body) * k + rest for k in range(low, min(high, need) + 1)]
        if high > need:
            options.append(list(body) * (need + 1))
        found = set()
        for option in options:
            starts = _sequence_starts(option, need)
            if starts is None:
                return None
            found |= starts
            if len(found) > _MOST_STARTS:
                return None
        return found
    if op is _constants.IN and arg == [(_constants.CATEGORY, _constants.CATEGORY_DIGIT)]:
        arg = [(_constants.LITERAL, ord(digit)) for digit in "0123456789"]
    if op is _constants.IN and all(o is _constants.LITERAL for o, _ in arg) and len(arg) <= 10:
        found = set()
        for _, char in arg:
            starts = _sequence_starts([(_constants.LITERAL, char), *rest], need)
            if starts is None:
                return None
            found |= starts
        return found
    return None
