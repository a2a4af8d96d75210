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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..paths import DATA_DIR

__all__ = ["Matcher", "Rule", "table", "matcher"]

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
        from .place import province_names_pattern

        pattern = pattern.replace("{name}", f"(?P<name>{province_names_pattern()})")
    for name, value in _PLACEHOLDERS.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


class Matcher:
    """Every match of a table's patterns in a text, in one pass: leftmost first, then table order.

    One combined expression finds where some rule matches (fast: the regular-expression engine
    scans the text once); the rule is then the first row whose own pattern matches there.
    """

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = [rule for rule in rules if rule.regex is not None]
        combined = "|".join(f"(?:{_NAMED_GROUP.sub('(?:', rule.regex.pattern)})" for rule in self.rules)
        self._any = re.compile(combined, re.IGNORECASE | re.MULTILINE)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[Rule, re.Match]]:
        end = len(text) if end is None else end
        for hit in self._any.finditer(text, start, end):
            yield self._which(text, hit.start(), end)

    def match(self, text: str, position: int, end: int | None = None) -> tuple[Rule, re.Match] | None:
        """The rule matching exactly at ``position``, or None."""
        end = len(text) if end is None else end
        if not self._any.match(text, position, end):
            return None
        return self._which(text, position, end)

    def _which(self, text: str, position: int, end: int) -> tuple[Rule, re.Match]:
        for rule in self.rules:
            found = rule.regex.match(text, position, end)
            if found:
                return rule, found
        raise AssertionError("the combined pattern matched but no rule does")  # pragma: no cover


@cache
def matcher(name: str, where: str = "") -> Matcher:
    """The compiled :class:`Matcher` of a table (with ``where``: only its rows written before,
    or after and both, what they qualify)."""
    rules = table(name)
    if where:
        wanted = ("before",) if where == "before" else ("after", "both")
        rules = tuple(rule for rule in rules if rule["where"] in wanted)
    return Matcher(rules)
