"""What a number counts, from the words next to it: the noun after it, the noun or money keyword before it.

* A count's noun is the first noun of ``nouns.csv`` after the number, past up to four modifier
  words ("32 agricultural service cooperatives"). A content word that no row knows is an unknown
  noun (measure ``other``); a preposition, conjunction, verb or punctuation right after the number
  means the noun is left out ("228 in industry"): the list structure supplies it.
* Vietnamese puts the noun first and its modifiers after it ("47 hợp tác xã nông nghiệp", "8.512
  thành viên HTX nông nghiệp" counts members): the noun is read at the first word, or after one
  classifier ("27 mô hình HTX").
* "the number of members ... is 4,422 people", "Tổng số thành viên 6.622 người": a noun after
  "number of" before the number; in Vietnamese, a count of people also takes the clause's topic
  when it is a noun of people ("thành viên tham gia có trên 2.374 người").
* An amount of money takes the nearest money keyword of ``money.csv`` before it in its sentence
  ("average revenue of ... is"), else one just after it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..quantity.grammar import DENOMINATORS, alternation
from .folding import fold
from .rules import Rule, matcher
from .text import NEAR, TextView

__all__ = ["MoneyIndex", "Noun", "noun_after", "noun_before", "number_of_start", "per_after"]

_WORD = re.compile(r"[a-z][a-z'-]*")
_MODIFIERS = 4
# Words after a number that mean its noun is left out: prepositions, conjunctions, verbs, "more".
_ELIDING = frozenset(
    """in with and or of to from by at as for on per than each respectively
are were is was be been being have has had will would which that who specialising specializing engaged operating
meeting reaching achieving having
compared against up down over under about nearly including among between into out""".split()
)
# The same in Vietnamese (folded): a function word right after the number ("10 và 12", "43 trong").
_ELIDING_VI = frozenset(
    """va voi hoac hay cua trong tren tai o cho den toi tu la thi nhung ma nen do vi de dat co duoc bi
da dang se tang giam so theo gom thuoc chiem bang khac nua moi len xuong""".split()
)
# A Vietnamese classifier before the noun: "27 mô hình HTX", "12 đơn vị HTX".
_CLASSIFIER_VI = re.compile(r"(?:mo hinh|loai hinh|don vi|co so|loai) ")
_COMPARATIVES = frozenset("more fewer less new additional other others".split())
_STOP = frozenset(
    """the a an this these those its their his her our of in on to from by at as for with than per
which that who are were is was be been have has had will would or but""".split()
)


@dataclass(frozen=True)
class Noun:
    """The noun a number counts: the rule that read it and where it stands; ``rule`` None = unknown noun."""

    start: int
    end: int
    rule: Rule | None
    text: str

    @property
    def measure(self) -> str:
        return self.rule["measure"] if self.rule else "other"

    @property
    def head(self) -> str:
        return self.rule["head"] if self.rule else ""


def noun_after(view: TextView, position: int, limit: int) -> tuple[Noun | None, bool]:
    """The noun after ``position`` (up to ``limit``), and whether the noun is left out.

    Returns ``(None, True)`` when the next word elides the noun, ``(Noun(rule=None), False)`` for
    a content word no row knows.
    """
    folded = view.folded
    nouns = matcher("nouns", "", view.lang)
    position = _skip_space(folded, position, limit)
    if position >= limit or not folded[position].isalpha():
        return None, True
    if view.lang == "vi":
        return _noun_after_vi(view, nouns, position, limit)
    first = _WORD.match(folded, position, limit)
    if first and first.group(0) in _ELIDING:
        return None, True
    start = position
    for _ in range(_MODIFIERS + 1):
        hit = nouns.match(folded, position, limit, view.written)
        if hit:
            rule, match = hit
            return Noun(match.start(), match.end(), rule, view.text[match.start() : match.end()]), False
        word = _WORD.match(folded, position, limit)
        if not word or word.group(0) in _STOP:
            break
        position = _skip_space(folded, word.end(), limit)
        if position >= limit or not folded[position].isalpha():
            break
    word = _WORD.match(folded, start, limit)
    if word is None:
        return None, False  # no word at all where the noun would be
    if word.group(0) in _COMPARATIVES:
        return None, True  # "80 more compared to 2018": the noun is left out
    return Noun(start, word.end(), None, view.text[start : word.end()]), False


def _noun_after_vi(view: TextView, nouns, position: int, limit: int) -> tuple[Noun | None, bool]:
    """:func:`noun_after` in Vietnamese: the noun is the first word, or the word after a classifier."""
    folded = view.folded
    first = _WORD.match(folded, position, limit)
    if first and first.group(0) in _ELIDING_VI:
        return None, True
    classifier = _CLASSIFIER_VI.match(folded, position, limit)
    for start in (position, classifier.end()) if classifier else (position,):
        hit = nouns.match(folded, start, limit, view.written)
        if hit:
            rule, match = hit
            return Noun(match.start(), match.end(), rule, view.text[match.start() : match.end()]), False
    end = first.end() if first else position + 1
    return Noun(position, end, None, view.text[position:end]), False


def _skip_space(text: str, position: int, limit: int) -> int:
    while position < limit and text[position] in " \t\n":
        position += 1
    return position


# "per commune", "/xã", "mỗi hợp tác xã": what a count is divided by (the entities and places of denominators.csv).
_PER = re.compile(
    r"\s*(?:/|\s(?:per|each|every|in each|in every|a|an|moi|tren moi)\s)\s*(?:1\s+|one\s+|mot\s+)?("
    + alternation({fold(word) for word, row in DENOMINATORS.items() if row["type"] in ("entity", "place")})
    + r")\b"
)


def per_after(view: TextView, position: int) -> str | None:
    """The denominator right after ``position`` ("1.5 cooperatives per commune" after the noun: "commune"), if any:
    a count so written is a ratio, not a count."""
    found = _PER.match(view.folded, position, min(len(view.folded), position + 40))
    return view.text[found.start(1) : found.end(1)] if found else None


# "the number of", "tổng số", "số lượng", "số" (the last written so: "sở" is a department, "so" compares).
_NUMBER_OF = {
    "en": re.compile(r"\bnumbers? of (?:the |all |registered |active |operating )*"),
    "vi": re.compile(r"\b(?:tong so|so luong|tong cong|so)\s+(?:cac |nhung )?"),
}
_JOINER = re.compile(r"\s*(?:,|\band\b|\bva\b)\s*")


def noun_before(view: TextView, start: int, position: int) -> list[Noun]:
    """The nouns of "the number of X (and Y) ... is N" before ``position`` (from ``start``), in order."""
    found = _last_number_of(view, start, position)
    if found is None and view.lang == "vi":
        found = _topic_vi(view, position)
    if found is None:
        return []
    nouns, at = [], found.end()
    while at < position:
        noun, _ = noun_after(view, at, position)
        if noun is None or noun.rule is None:
            break
        nouns.append(noun)
        joiner = _JOINER.match(view.folded, noun.end, position)
        if joiner is None:
            break
        at = joiner.end()
    return nouns


# What may stand before a clause's topic: punctuation, "trong đó" (of which), "còn", "và", "ngoài ra", "riêng".
_TOPIC_VI = re.compile(r"[\s,;:(-]*(?:(?:trong do|con|va|ngoai ra|rieng)\b[\s,]*)?")


def _topic_vi(view: TextView, position: int) -> re.Match | None:
    """Where the clause's topic starts when it is a noun of people, for a count of people after it
    ("thành viên tham gia có trên 2.374 người"): Vietnamese states the topic, then says of it."""
    lead = _TOPIC_VI.match(view.folded, view.clause(position)[0], position)
    hit = matcher("nouns", "", view.lang).match(view.folded, lead.end(), position, view.written) if lead else None
    if hit and hit[0]["head"] in ("members", "workers", "people"):
        return lead
    return None


def number_of_start(view: TextView, start: int, position: int, default: int) -> int:
    """Where the "number of" (or "tổng số", or the clause's topic) before ``position`` starts, else ``default``."""
    found = _last_number_of(view, start, position)
    return found.start() if found is not None else default


def _last_number_of(view: TextView, start: int, position: int) -> re.Match | None:
    """The last "number of" that starts at or after ``start`` and ends by ``position``.

    Its places are found once per text (a long sentence is not searched again for every number);
    the one found is matched again so that it stops at ``position``, as a search there would.
    """
    number_of = _NUMBER_OF[view.lang]
    starts = view.starts_of(number_of)
    start = max(start, position - NEAR)  # a long sentence is not walked back to its start for every number
    for i in range(bisect.bisect_left(starts, position) - 1, -1, -1):
        if starts[i] < start:
            break
        match = number_of.match(view.folded, starts[i], position)
        if match and not (match.group(0).startswith("so ") and view.text[starts[i] : starts[i] + 2].lower() != "số"):
            return match
    return None


class MoneyIndex:
    """The money keywords of a text, looked up by position."""

    def __init__(self, view: TextView):
        self.hits = [(m.start(), m.end(), rule) for rule, m in view.hits("money")]
        self.starts = [h[0] for h in self.hits]
        self._of: dict[frozenset[str], list[int]] = {}

    def before(self, start: int, position: int) -> Iterator[tuple[int, int, Rule]]:
        """Keywords in ``[start, position)``, nearest first: a number far into a long sentence reads only
        the few it needs, not every keyword before it."""
        i = bisect.bisect_left(self.starts, position) - 1
        while i >= 0 and self.starts[i] >= start:
            if self.hits[i][1] <= position:
                yield self.hits[i]
            i -= 1

    def any_of(self, start: int, end: int, wanted: frozenset[str]) -> bool:
        """True when a keyword of one of the ``wanted`` measures stands in ``[start, end)`` (looked up by
        bisection in the starts of those keywords, listed once per text)."""
        if wanted not in self._of:
            self._of[wanted] = [h[0] for h in self.hits if h[2]["measure"] in wanted]
        starts = self._of[wanted]
        i = bisect.bisect_left(starts, start)
        return i < len(starts) and starts[i] < end

    def after(self, position: int, limit: int) -> tuple[int, int, Rule] | None:
        """The first keyword in ``[position, limit)``."""
        i = bisect.bisect_left(self.starts, position)
        return self.hits[i] if i < len(self.hits) and self.hits[i][0] < limit else None


@cache
def head_measures() -> dict[str, str]:
    """Generic head nouns ("groups", "funds") -> the measure they stand for when nothing came before."""
    return {rule["head"]: rule["measure"] for rule in matcher("nouns").rules if rule["measure"] == "other"}
