"""The structure of an article's text: a folded copy for matching, and its sentences, clauses and brackets.

Offsets are always those of the original text. The folded copy has the same length: lower case,
no diacritics, curly quotes and dashes made plain, so that rule patterns are written once
("co-operative", "people's", "2026-30") and match every spelling.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..base.language import detect_language
from ..base.windows import finditer_within
from .folding import fold
from .quote_index import QuoteIndex
from .rules import SCANNED, Rule, matcher, scan, table

__all__ = ["MONTH_NAMES", "NEAR", "TextView", "fold"]

#: How far from a number the words that qualify it may stand (a cue before it in its sentence, a cue
#: after it in its clause, the subject it is about): the furthest in every article read is 640
#: characters. Every lookup around a number stays in this window, so a number's reading costs the
#: same in a sentence of a megabyte as in a short one.
NEAR = 1000


@cache
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(rule["abbreviation"].lower() for rule in table("abbreviations", lang))


# A full stop, "!", "?" or an ellipsis before a space, a quote or a bracket; a full stop glued to a
# capitalised word ("năm 2023.Trong", "effectively.The", checked by _glued_end); a line break.
_SENTENCE_END = re.compile(r"[.!?\u2026](?=[\s\"')\]]|$)|(?<=[^\W_]|[)%])\.(?=[^\W\d_]{2})|\n")
_CLAUSE_END = re.compile(r"[;:|](?=\s)")
_BRACKET = re.compile(r"\([^()\n]{0,300}\)|\[[^\[\]\n]{0,300}\]")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _unmarked(text: str) -> bool:
    """True when under 1% of the characters of ``text`` are outside ASCII: Vietnamese typed without its marks."""
    return len(text) - len(text.encode("ascii", "ignore")) < 0.01 * len(text)


def _glued_end(text: str, end: re.Match) -> bool:
    """True unless ``end`` is a full stop glued to the next word that does not end a sentence: one
    ends only between a lower-case letter, a digit, ")" or "%" and a capitalised word followed by a
    lower-case letter ("năm 2023.Trong"), not in "U.S." or "Bao Gia Lai.vn"."""
    at = end.start()
    if end.group(0) != "." or at + 1 >= len(text) or not text[at + 1].isalpha():
        return True
    before = text[at - 1] if at else ""
    return (
        (before.islower() or before.isdigit() or before in ")%")
        and text[at + 1].isupper()
        and text[at + 2 : at + 3].islower()
    )


class TextView:
    """A text with its folded copy and its boundaries, computed once and looked up by bisection.

    ``lang`` is the text's language ("en" or "vi"), detected from the text when not given: the
    rule tables are read in it.
    """

    def __init__(self, text: str, lang: str | None = None):
        self.text = text
        self.lang = lang or detect_language(text)
        self.folded = fold(text)
        # The text as written, for the words a rule names exactly ("quỹ", not "quý"); none for a Vietnamese
        # text typed without its marks (headlines, SMS-style sources), where no word can be told so.
        self.written = None if self.lang == "vi" and _unmarked(text) else text
        self.sentence_ends = [
            m.start() for m in _SENTENCE_END.finditer(text) if not self._abbreviation(m) and _glued_end(text, m)
        ]
        self.clause_ends = sorted(self.sentence_ends + [m.start() for m in _CLAUSE_END.finditer(text)])
        self.paragraph_ends = [m.start() for m in re.finditer("\n", text)]
        self.brackets = [(m.start(), m.end()) for m in _BRACKET.finditer(text)]
        self._bracket_starts = [s for s, _ in self.brackets]
        self.quotes = QuoteIndex(text)
        self._hits: dict[tuple[str, str], list[tuple[Rule, re.Match]]] | None = None
        self._starts: dict[re.Pattern, list[int]] = {}

    def starts_of(self, pattern: re.Pattern) -> list[int]:
        """Where ``pattern`` matches in the folded text, in order (searched once per pattern)."""
        if pattern not in self._starts:
            self._starts[pattern] = [m.start() for m in finditer_within(pattern, self.folded)]
        return self._starts[pattern]

    def hits(self, name: str, where: str = "") -> list[tuple[Rule, re.Match]]:
        """The matches of a rule table in the folded text (every scanned table in one pass)."""
        if self._hits is None:
            found = scan(self.folded, tuple(matcher(*key, self.lang) for key in SCANNED), self.written)
            self._hits = dict(zip(SCANNED, found))
        return self._hits[(name, where)]

    def _abbreviation(self, end: re.Match) -> bool:
        if end.group(0) != ".":
            return False
        before = _WORD_BEFORE.search(self.text, max(0, end.start() - 12), end.start())
        return bool(before and before.group(1).lower() in _abbreviations(self.lang))

    @staticmethod
    def _span(ends: list[int], position: int, length: int) -> tuple[int, int]:
        i = bisect.bisect_right(ends, position - 1)
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else length
        return start, end

    def sentence(self, position: int) -> tuple[int, int]:
        """Start and end of the sentence holding ``position``."""
        return self._span(self.sentence_ends, position, len(self.text))

    def clause(self, position: int) -> tuple[int, int]:
        """Start and end of the clause (between ';', ':', dashes and sentence ends) holding ``position``."""
        return self._span(self.clause_ends, position, len(self.text))

    def paragraph(self, position: int) -> tuple[int, int]:
        """Start and end of the line holding ``position``."""
        return self._span(self.paragraph_ends, position, len(self.text))

    def bracket(self, position: int) -> tuple[int, int] | None:
        """The bracketed region holding ``position``, if any."""
        i = bisect.bisect_right(self._bracket_starts, position) - 1
        if i >= 0 and self.brackets[i][0] <= position < self.brackets[i][1]:
            return self.brackets[i]
        return None


_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
#: English month names, lower case, January first.
MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MDY = re.compile(r"\b(" + "|".join(MONTH_NAMES) + r")\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b")
_DMY_WORDS = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTH_NAMES) + r"),?\s+((?:19|20)\d\d)\b")


_NOT_DATELINE = re.compile(r"\b(?:dated|on|of|from|since|until|by|to|in|at|before|after)\s+(?:the\s+)?$")


def publication_date(view: TextView) -> date | None:
    """The article's own date, where its first lines give one: a dateline or the capture's date line.

    A date counts when it opens a line (after an optional label), or stands on a short line of its
    own ("Bao Gia Lai29/05/2025", "10:03 | 11/03/2020 Society"); a date in a sentence ("dated June
    2, 2022") is not the article's.
    """
    head = view.folded[:600]
    found = []
    for pattern, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_MDY, "mdy"), (_DMY_WORDS, "dmy")):
        for m in pattern.finditer(head):
            line_start = head.rfind("\n", 0, m.start()) + 1
            line_end = head.find("\n", m.end())
            line = head[line_start : line_end if line_end >= 0 else len(head)]
            before = head[line_start : m.start()]
            if _NOT_DATELINE.search(before) or (len(line) > 80 and len(before.strip()) > 12):
                continue
            parts = dict(zip(order, m.groups()))
            month = MONTH_NAMES.index(parts["m"]) + 1 if not parts["m"].isdigit() else int(parts["m"])
            try:
                found.append((m.start(), date(int(parts["y"]), month, int(parts["d"]))))
            except ValueError:
                continue
    return min(found)[1] if found else None
