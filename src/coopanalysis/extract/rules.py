"""The extractor's knowledge: rule tables in ``data/extract/`` (and ``data/quantity/``), compiled once.

Each table is a CSV with one rule per row and an ``example`` column: a short phrase that the tests
run through the extractor to check that the row does what it says. A row without an example is
refused when the tables load. Patterns are regular expressions matched, case-folded and without
diacritics, against :attr:`coopanalysis.extract.text.TextView.folded`; they may use the
placeholders ``{year}``, ``{month}``, ``{count_noun}`` (any pattern of ``nouns.csv``), ``{name}``
(any province's name or alias, before or after the July 2025 merger) and ``{slug}`` (the same
run together, as a web address writes it: "camau"). Folding merges Vietnamese words that differ
only in their marks ("quỹ" fund, "quý" quarter); a row's optional ``exact`` column lists the words
its match must hold as written: where it matches a word that folds like one of them, the text
must write that word so (tone marks placed either way: "hoà" is "hòa").
"""

from __future__ import annotations

import csv
import re
from functools import cache

from ..base.paths import DATA_DIR
from .folding import fold, province_names_pattern, province_slugs_pattern
from .matcher import Matcher, Rule, scan, tones_last

__all__ = ["SCANNED", "Matcher", "Rule", "matcher", "scan", "table"]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_PLACEHOLDERS = {"year": r"(?:19|20)\d\d", "month": rf"(?:{_MONTHS})"}
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@cache
def table(name: str, lang: str = "") -> tuple[Rule, ...]:
    """The rows of ``data/extract/<name>.csv``; patterns compiled with placeholders expanded.

    With ``lang`` ("en", "vi"), only the rows of that language and the rows of both (an empty
    ``lang``): folded Vietnamese meets English words ("tổ" is "to", "thể" is "the", "máy" is
    "may"), so a row of one language must not read a text of the other. Placeholders expand to
    the words of the row's language.
    """
    with open(DATA_DIR / "extract" / f"{name}.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rules = []
    for index, row in enumerate(rows):
        if not (row.get("example") or "").strip():
            raise ValueError(f"data/extract/{name}.csv: row {index + 2} has no example; every rule needs one")
        row_lang = row.get("lang") or ""
        if lang and row_lang not in ("", lang):
            continue
        pattern = row.get("pattern")
        regex = re.compile(expand(pattern, lang or row_lang), re.IGNORECASE | re.MULTILINE) if pattern else None
        exact = tuple((fold(w.lower()), tones_last(w.lower())) for w in (row.get("exact") or "").split())
        rules.append(Rule(index, row, regex, exact))
    return tuple(rules)


def expand(pattern: str, lang: str = "") -> str:
    """Replace ``{year}``, ``{month}``, ``{count_noun}`` (the nouns of ``lang``, English by default)
    and ``{name}`` in a pattern."""
    if "{count_noun}" in pattern:
        nouns = "|".join(f"(?:{rule['pattern']})" for rule in table("nouns", lang or "en"))
        pattern = pattern.replace("{count_noun}", f"(?:{_NAMED_GROUP.sub('(?:', nouns)})")
    if "{name}" in pattern:
        pattern = pattern.replace("{name}", f"(?P<name>{province_names_pattern()})")
    if "{slug}" in pattern:
        pattern = pattern.replace("{slug}", f"(?P<slug>{province_slugs_pattern()})")
    for name, value in _PLACEHOLDERS.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


#: The tables every text is scanned for, once (see :meth:`coopanalysis.extract.text.TextView.hits`).
SCANNED = (
    ("cues", "before"),
    ("cues", "after"),
    ("money", ""),
    ("non_statistics", ""),
    ("periods", ""),
    ("places", ""),
    ("sites", ""),
)


@cache
def matcher(name: str, where: str = "", lang: str = "") -> Matcher:
    """The compiled :class:`Matcher` of a table (with ``where``: only its rows written before,
    or after and both, what they qualify; with ``lang``: the rows of that language and of both)."""
    rules = table(name, lang)
    if where:
        wanted = ("before",) if where == "before" else ("after", "both")
        rules = tuple(rule for rule in rules if rule["where"] in wanted)
    return Matcher(rules)
