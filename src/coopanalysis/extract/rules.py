"""The extractor's knowledge: rule tables in ``data/extract/`` (and ``data/quantity/``), compiled once.

Each table is a CSV with one rule per row and an ``example`` column: a short phrase that the tests
run through the extractor to check that the row does what it says. A row without an example is
refused when the tables load. Patterns are regular expressions matched, case-folded and without
diacritics, against :attr:`coopanalysis.extract.text.TextView.folded`; they may use the
placeholders ``{year}``, ``{month}``, ``{count_noun}`` (any pattern of ``nouns.csv``) and
``{name}`` (any province's name or alias, before or after the July 2025 merger).
"""

from __future__ import annotations

import csv
import re
import re._constants as _constants
import re._parser as _parser
from dataclasses import dataclass
from functools import cache

import ahocorasick

from ..base.paths import DATA_DIR
from .folding import province_names_pattern

__all__ = ["SCANNED", "Matcher", "Rule", "matcher", "scan", "table"]

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_PLACEHOLDERS = {"year": r"(?:19|20)\d\d", "month": rf"(?:{_MONTHS})"}
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True)
class Rule:
    """One row of a rule table, with its compiled pattern (if it has one)."""

    index: int
    row: dict
    regex: re.Pattern | None

    def __getitem__(self, column: str) -> str:
        return self.row[column]


@cache
def table(name: str) -> tuple[Rule, ...]:
    """The rows of ``data/extract/<name>.csv``; patterns compiled with placeholders expanded."""
    with open(DATA_DIR / "extract" / f"{name}.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rules = []
    for index, row in enumerate(rows):
        if not (row.get("example") or "").strip():
            raise ValueError(f"data/extract/{name}.csv: row {index + 2} has no example; every rule needs one")
        pattern = row.get("pattern")
        regex = re.compile(expand(pattern), re.IGNORECASE | re.MULTILINE) if pattern else None
        rules.append(Rule(index, row, regex))
    return tuple(rules)


def expand(pattern: str) -> str:
    """Replace ``{year}``, ``{month}`` and ``{count_noun}`` in a pattern."""
    if "{count_noun}" in pattern:
        nouns = "|".join(f"(?:{rule['pattern']})" for rule in table("nouns"))
        pattern = pattern.replace("{count_noun}", f"(?:{_NAMED_GROUP.sub('(?:', nouns)})")
    if "{name}" in pattern:
        pattern = pattern.replace("{name}", f"(?P<name>{province_names_pattern()})")
    for name, value in _PLACEHOLDERS.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


class Matcher:
    """Every match of a table's patterns in a text: leftmost first, then table order (like one big
    alternation, but fast).

    Each pattern's possible first letters are worked out once from the pattern itself; one
    Aho-Corasick pass over the text finds where any of them stand, and only there are the rows
    tried. Rows whose matches start with a digit are tried where digits start; a pattern that can
    start with any character (a line start, a word class) is searched on its own. :func:`scan`
    serves several tables with one pass.
    """

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = [rule for rule in rules if rule.regex is not None]
        self.slow: list[int] = []
        self.digits: list[int] = []
        self.starts: dict[str, tuple] = {}  # literal start -> (length, bounded, row indices, any-of pattern)
        keyed: dict[str, list[int]] = {}
        for index, rule in enumerate(self.rules):
            first = _starts(rule.regex.pattern, 1)
            if first is not None and all(c.isdigit() for c in first):
                self.digits.append(index)
                continue
            starts = _starts(rule.regex.pattern)
            if starts is None or any(len(start) < 2 and not start.isdigit() for start in starts):
                self.slow.append(index)
                continue
            for start in starts:
                keyed.setdefault(start, []).append(index)
        # A row written \b... only starts where a word starts: check that before trying it. The rows
        # that share a start are tried as one expression first: most places match none of them.
        bounded = {i for i, rule in enumerate(self.rules) if rule.regex.pattern.startswith(r"\b")}
        for start, indices in keyed.items():
            self.starts[start] = (len(start), all(i in bounded for i in indices), tuple(indices),
                                  _any_of([self.rules[i] for i in indices]))

    def try_at(self, text: str, position: int, entry: tuple, found: list) -> None:
        """Try the rows of one literal start at ``position``; record the first that matches."""
        _, _, indices, any_of = entry
        if not any_of.match(text, position):
            return
        for index in indices:
            match = self.rules[index].regex.match(text, position)
            if match:
                found.append((position, index, match))
                return

    def others(self, text: str, found: list) -> None:
        """The rows that start with a digit or with anything: tried without the automaton."""
        if self.digits:
            any_digit_row = _any_of([self.rules[i] for i in self.digits])
            for run in _DIGIT_RUN.finditer(text):
                if not any_digit_row.match(text, run.start()):
                    continue
                for index in self.digits:
                    match = self.rules[index].regex.match(text, run.start())
                    if match:
                        found.append((run.start(), index, match))
                        break
        for index in self.slow:
            found += [(m.start(), index, m) for m in self.rules[index].regex.finditer(text)]

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

    def finditer(self, text: str) -> list[tuple[Rule, re.Match]]:
        """Every match of the table's rows in ``text``."""
        return scan(text, (self,))[0]

    def match(self, text: str, position: int, end: int | None = None) -> tuple[Rule, re.Match] | None:
        """The first rule (in table order) matching exactly at ``position``, or None."""
        end = len(text) if end is None else end
        for rule in self.rules:
            found = rule.regex.match(text, position, end)
            if found:
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


def scan(text: str, matchers: tuple[Matcher, ...]) -> list[list[tuple[Rule, re.Match]]]:
    """The matches of several tables in ``text``, with one pass of one automaton for all of them."""
    found: list[list] = [[] for _ in matchers]
    bounded, free = _automata(matchers)
    for automaton, haystack, shift in ((bounded, " " + _words_only(text), 0), (free, text, 1)):
        if automaton is None:
            continue
        for last, (length, listed) in automaton.iter(haystack):
            position = last - length + shift
            for which, entry in listed:
                matchers[which].try_at(text, position, entry, found[which])
    for m, hits in zip(matchers, found):
        m.others(text, hits)
    return [m.resolve(hits) for m, hits in zip(matchers, found)]


_PREFIX = 5


@cache
def _any_of_cached(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', p)})" for p in patterns), re.IGNORECASE | re.MULTILINE)


def _any_of(rules: list[Rule]) -> re.Pattern:
    """One expression matching where any of ``rules`` matches (named groups dropped)."""
    return _any_of_cached(tuple(r.regex.pattern for r in rules))
_MOST_STARTS = 3000


_DIGIT_RUN = re.compile(r"(?<!\d)\d")


def _starts(pattern: str, length: int = _PREFIX) -> set[str] | None:
    """The literal strings (up to ``length`` letters) every match of ``pattern`` begins with, or None."""
    try:
        parsed = list(_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # an unusual construct: search the pattern on its own
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
            starts = _sequence_starts([(_constants.LITERAL, char)] + rest, need)
            if starts is None:
                return None
            found |= starts
        return found
    return None


#: The tables every text is scanned for, once (see :meth:`coopanalysis.extract.text.TextView.hits`).
SCANNED = (("cues", "before"), ("cues", "after"), ("money", ""), ("non_statistics", ""), ("periods", ""),
           ("places", ""))


@cache
def matcher(name: str, where: str = "") -> Matcher:
    """The compiled :class:`Matcher` of a table (with ``where``: only its rows written before,
    or after and both, what they qualify)."""
    rules = table(name)
    if where:
        wanted = ("before",) if where == "before" else ("after", "both")
        rules = tuple(rule for rule in rules if rule["where"] in wanted)
    return Matcher(rules)
