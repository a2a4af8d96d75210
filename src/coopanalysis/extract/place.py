"""Where an article's figures are: its province (or ``national``), and the scope of each figure.

The province is scored from the phrases of ``places.csv`` that name one ("Khanh Hoa Province",
"VINH LONG -", "Hanoi's", "the Hanoi Cooperative Alliance", a bare mention) against the cues of
a national report; else it is inferred from a district or town of one province only; else from
a file name ("thainguyen_pcf_2023.txt"). A province named in an article dated after the July 2025
merger is the merged province, and the basis says which former provinces it covers.

A figure's scope is ``national``, ``province``, ``district:<Name>`` (a district the sentence
names, or "the district" of an article about one) or ``entity:<Name>`` (a named cooperative or
union that is the sentence's subject, or "his co-operative" after one is named).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from datetime import date
from functools import cache

from ..vocab.provinces import MERGER_DATE, NATIONAL, find_admin_units, lookup_province, provinces
from .cues import CueIndex
from .folding import fold
from .rules import table
from .text import TextView

__all__ = ["Places", "detect_province"]

MERGER = date.fromisoformat(MERGER_DATE)
_STRONG = {"named", "dateline", "city", "possessive", "institution"}
_UNIT_NAMED = re.compile(r"\b((?:[A-Z][a-zà-ỹđ]+|Đ[a-zà-ỹ]+)(?:[ -][A-Z][a-zà-ỹđ]+){0,3})\s+(district|District|town|Town|city|City)\b")
_ORGANIZATION = re.compile(r"\b(?:Co-operative|Cooperative)(?:\s+(?:Group|Union|Alliance))?\b|\b(?:Fund|Union)\b")
_NAME_BEFORE = re.compile(r"(?:(?:[A-Z][\w'’.-]*|and|of|for)\s+){1,8}$")
_SOURCE_BEFORE = re.compile(r"\b(?:from|by|according to|of|with|to|at|data|said|says)\s+(?:the\s+)?$", re.I)
_DISTRICT_LEVELS = ("district", "urban district", "town")


def _province(name: str):
    try:
        return lookup_province(name)
    except KeyError:
        return None


def detect_province(text: str, hint: str = "", present: date | None = None,
                    view: TextView | None = None) -> tuple[str, str]:
    """The article's province (or ``national``) and how it was found.

    ``hint`` is a file name or title used only when the text names no province. Returns
    ``("", "...")`` when nothing tells.
    """
    view = view or TextView(text)
    scores: Counter[str] = Counter()
    strong: Counter[str] = Counter()
    said: dict[str, str] = {}
    national = 0
    for rule, match in view.hits("places"):
        if rule["role"] == "national":
            national += int(rule["weight"])
            continue
        province = _province(match.group("name"))
        if province is not None and int(rule["weight"]):
            scores[province.name] += int(rule["weight"])
            strong[province.name] += rule["role"] in _STRONG
            if rule["role"] in _STRONG or province.name not in said:
                said[province.name] = view.text[match.start():match.end()].strip()
    if scores or national:
        best, score = max(scores.items(), key=lambda item: (item[1], strong[item[0]], item[0]), default=("", 0))
        if national > score and not strong[best] > 1:
            return NATIONAL, f"a national report (national cues {national}, against {score} for the likeliest province)"
        if best:
            return best, _merged_basis(best, present, f"named in the text ('{said[best]}'; score {score})")
    inferred = _from_districts(text)
    if inferred:
        return inferred[0], _merged_basis(inferred[0], present, inferred[1])
    return _from_hint(hint, present)


def _merged_basis(name: str, present: date | None, basis: str) -> str:
    if present is None or present < MERGER:
        return basis
    table = provinces()
    successor = table.loc[table["name"] == name, "successor"].iloc[0]
    parts = sorted(table.loc[table["successor"] == successor, "name"])
    if len(parts) == 1:
        return basis + "; unchanged by the July 2025 merger"
    return basis + (f"; the article is dated after the July 2025 merger, so {successor} is the merged province "
                    f"(former {', '.join(parts)})")


def _from_districts(text: str) -> tuple[str, str] | None:
    """A province inferred from districts or towns that only one province has."""
    found: Counter[str] = Counter()
    basis: dict[str, str] = {}
    for match in _UNIT_NAMED.finditer(text):
        name, level = match.group(1), match.group(2).lower()
        levels = {"district": _DISTRICT_LEVELS, "town": ("town",), "city": ("city",)}[level]
        words = name.split()
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[-size:])
            owners = sorted({u.province for u in find_admin_units(candidate, levels)})
            if len(owners) == 1:
                found[owners[0]] += 1
                basis.setdefault(owners[0], f"{candidate} {level}")
                break
    if not found:
        return None
    province = max(found.items(), key=lambda item: (item[1], item[0]))[0]
    return province, f"inferred from {basis[province]} (a {basis[province].split()[-1]} of {province})"


def _from_hint(hint: str, present: date | None) -> tuple[str, str]:
    tokens = [t for t in re.split(r"[^A-Za-z]+", fold(hint)) if t]
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            candidate = "".join(tokens[i:i + size])
            if candidate == NATIONAL:
                return NATIONAL, f"from the file name {hint!r}: the text names no province (review)"
            province = _province(candidate) if len(candidate) > 3 else None
            if province is not None:
                return province.name, _merged_basis(province.name, present,
                                                    f"from the file name {hint!r}: the text names no province (review)")
    return "", "no province named, no known district, nothing in the file name"


class Places:
    """The scope of each figure of one article."""

    def __init__(self, view: TextView, cues: CueIndex, province: str):
        self.view, self.cues, self.province = view, cues, province
        self.entities = [entity for m in _ORGANIZATION.finditer(view.text) if (entity := _entity(view.text, m)) is not None]
        self.districts = [(start, name) for start, name in self._districts()]
        # Looked up by bisection (districts by start, organizations by end: both in text order), so
        # that a long text is not rescanned for every number.
        self._district_starts = [start for start, _ in self.districts]
        self._entity_ends = [end for _, end, _ in self.entities]
        self.default = NATIONAL if province == NATIONAL else self._article_default()
        self._carried: dict[int, str] = {}
        self._carried_starts: list[int] = []

    def _districts(self) -> list[tuple[int, str]]:
        found = []
        for match in _UNIT_NAMED.finditer(self.view.text):
            words = match.group(1).split()
            for size in range(len(words), 0, -1):
                candidate = " ".join(words[-size:])
                if any(u.province == self.province for u in find_admin_units(candidate, _DISTRICT_LEVELS)):
                    found.append((match.start(1) + len(match.group(1)) - len(candidate), candidate))
                    break
        return found

    def _article_default(self) -> str:
        """``district:X`` for an article about one district: it names X more than it speaks of the province."""
        if not self.districts:
            return "province"
        names = Counter(name for _, name in self.districts)
        name, count = names.most_common(1)[0]
        folded = self.view.folded
        district_mentions = folded.count("the district") + folded.count(fold(name))
        province_mentions = folded.count("the province") + folded.count("provincial") + folded.count("province-wide")
        province_mentions += folded.count(fold(self.province)) if self.province else 0
        return f"district:{name}" if district_mentions > province_mentions else "province"

    def scope(self, position: int) -> tuple[str, str]:
        """The scope of the figure at ``position`` and the words that decided it."""
        view = self.view
        sentence = view.sentence(position)
        cue = self.cues.governing("scope", position)
        if cue is not None:
            role = cue.role
            said = view.text[cue.start:cue.end]
            if role == "national":
                return self._set(position, NATIONAL), f"'{said}'"
            if role == "province_scope" and self.province != NATIONAL:
                return self._set(position, "province"), f"'{said}'"
            if role == "district_scope":
                named = self._district_before(position)
                if named:
                    return self._set(position, f"district:{named}"), f"'{said}' ({named})"
            if role == "entity_scope":
                named = self._entity_before(position, view.paragraph(position)[0] - 800)
                if named:
                    return self._set(position, f"entity:{named}"), f"'{said}' ({named})"
        for after in self.cues.after_cues(position, view.clause(position)[1]):
            if after.role == "national":
                return self._set(position, NATIONAL), "a national cue after the number"
            if after.role == "district_scope":
                named = self._district_before(position)
                if named:
                    return self._set(position, f"district:{named}"), f"'{view.text[after.start:after.end]}' ({named})"
        subject = self._entity_before(position, sentence[0], unsourced=True)
        if subject:
            return self._set(position, f"entity:{subject}"), f"the sentence is about {subject}"
        named = self._district_before(position, sentence[0])
        if named and not re.search(r"\bcommune,\s*$", view.text[max(0, position - 200):position]):
            return self._set(position, f"district:{named}"), f"the sentence names {named}"
        # The latest scope set or district named earlier in the paragraph.
        paragraph = view.paragraph(position)[0]
        earlier = []
        if (i := _last_before(self._carried_starts, sentence[0], paragraph)) is not None:
            earlier.append((self._carried_starts[i], self._carried[self._carried_starts[i]]))
        if (i := _last_before(self._district_starts, sentence[0], paragraph)) is not None:
            earlier.append((self.districts[i][0], f"district:{self.districts[i][1]}"))
        if earlier:
            return max(earlier)[1], "as the sentence before"
        return self.default, "the article's scope"

    def _district_before(self, position: int, since: int = -1) -> str | None:
        """The last district named before ``position`` (and at or after ``since``)."""
        i = _last_before(self._district_starts, position, since)
        return None if i is None else self.districts[i][1]

    def _entity_before(self, position: int, since: int, unsourced: bool = False) -> str | None:
        """The last organization named between ``since`` and ``position`` (with ``unsourced``: not
        as the source of a statement, "according to the ... Cooperative")."""
        text = self.view.text
        for i in range(bisect.bisect_right(self._entity_ends, position) - 1, -1, -1):
            start, end, name = self.entities[i]
            if end < since:  # ends are in text order: none before can start after ``since``
                break
            if start >= since and not (unsourced and _SOURCE_BEFORE.search(text[max(since, start - 30):start])):
                return name
        return None

    def _set(self, position: int, scope: str) -> str:
        start = self.view.sentence(position)[0]
        if start not in self._carried:
            bisect.insort(self._carried_starts, start)
        self._carried[start] = scope
        return scope


@cache
def _titles() -> frozenset[str]:
    return frozenset(rule["word"] for rule in table("titles"))


_GENERIC = frozenset("the co-operative cooperative agricultural union group alliance fund people's credit provincial "
                     "vietnam viet nam a an many most all".split())


def _last_before(starts: list[int], until: int, since: int) -> int | None:
    """The index of the last of the sorted ``starts`` in ``[since, until)``, if any."""
    i = bisect.bisect_left(starts, until) - 1
    return i if i >= 0 and starts[i] >= since else None


def _entity(text: str, organization: re.Match) -> tuple[int, int, str] | None:
    """The organization named before ``organization`` ("Tuan Tu Agricultural Service Co-operative"),
    without the titles before it ("Director of ..."); None for a generic phrase ("The Cooperative")."""
    window = max(0, organization.start() - 120)
    name = _NAME_BEFORE.search(text, window, organization.start())
    if name is None:
        return None
    words = text[name.start():organization.end()].split()
    start = name.start()
    while words and (fold(words[0]) in _titles() or words[0] in ("of", "and", "for", "the", "The")):
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else organization.end()
        words = words[1:]
    if not [w for w in words if w[:1].isupper() and fold(w) not in _GENERIC]:
        return None
    return start, organization.end(), " ".join(words)
