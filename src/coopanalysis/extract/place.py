"""Where each figure of an article is: ``national``, ``province``, a district, or one organization.

A figure's scope is ``national``, ``province``, ``district:<Name>`` (a district the sentence
names, or "the district" of an article about one) or ``entity:<Name>`` (a named cooperative or
union that is the sentence's subject, or "his co-operative" after one is named; in Vietnamese the
type comes first: "HTX chăn nuôi Hải Khang").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import cache

from ..vocab.provinces import NATIONAL, find_admin_units
from .cues import CueIndex
from .folding import fold
from .province import DISTRICT_LEVELS, units_named
from .rules import table
from .text import NEAR, TextView

__all__ = ["Places"]

_ORGANIZATION = re.compile(r"\b(?:Co-operative|Cooperative)(?:\s+(?:Group|Union|Alliance))?\b|\b(?:Fund|Union)\b")
_NAME_BEFORE = re.compile(r"(?:(?:[A-Z][\w'’.-]*|and|of|for)\s+){1,8}$")
_SOURCE_BEFORE = re.compile(r"\b(?:from|by|according to|of|with|to|at|data|said|says)\s+(?:the\s+)?$", re.I)
# A named cooperative, group, union or fund, the type first: "HTX chăn nuôi Hải Khang".
_ORGANIZATION_VI = re.compile(
    r"\b(?:liên hiệp (?:htx|hợp tác xã)|hợp tác xã|htx|quỹ tín dụng nhân dân|qtdnd|tổ hợp tác|tht)[ \t]+", re.I
)
_NAME_TOKEN = re.compile(r"[^\W\d_]+|[^\w\s]")
# Lower-case words that end an organization's name (verbs, prepositions, places): "HTX Hải Khang có ...".
_NAME_STOP_VI = frozenset(
    """co dat la duoc lien ket voi cho cua tai o va da thu doanh hoat thuc hien tren trong tham gia
nay do cac nhung tinh huyen xa thon phuong thi thanh pho tp nam se dang""".split()
)
_SOURCE_BEFORE_VI = re.compile(r"\b(?:theo|của|từ|tại|với|cùng)\s+$", re.I)


class Places:
    """The scope of each figure of one article."""

    def __init__(self, view: TextView, cues: CueIndex, province: str):
        self.view, self.cues, self.province = view, cues, province
        if view.lang == "vi":
            self.entities = [
                e for m in _ORGANIZATION_VI.finditer(view.text) if (e := _entity_vi(view.text, m)) is not None
            ]
        else:
            self.entities = [e for m in _ORGANIZATION.finditer(view.text) if (e := _entity(view.text, m)) is not None]
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
        vietnamese = self.view.lang == "vi"  # the name after its level: its first words, not its last
        for start, name, _ in units_named(self.view.text, self.view.lang):
            words = name.split()
            for size in range(len(words), 0, -1):
                candidate = " ".join(words[:size] if vietnamese else words[-size:])
                if any(u.province == self.province for u in find_admin_units(candidate, DISTRICT_LEVELS)):
                    found.append((start if vietnamese else start + len(name) - len(candidate), candidate))
                    break
        return found

    def _article_default(self) -> str:
        """``district:X`` for an article about one district: it names X more than it speaks of the province."""
        if not self.districts:
            return "province"
        names = Counter(name for _, name in self.districts)
        name, _ = names.most_common(1)[0]
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
            said = view.text[cue.start : cue.end]
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
        for after in self.cues.after_of(("national", "district_scope"), position, view.clause(position)[1]):
            if after.role == "national":
                return self._set(position, NATIONAL), "a national cue after the number"
            if after.role == "district_scope":
                named = self._district_before(position)
                if named:
                    return self._set(position, f"district:{named}"), f"'{view.text[after.start : after.end]}' ({named})"
        subject = self._entity_before(position, sentence[0], unsourced=True)
        if subject:
            return self._set(position, f"entity:{subject}"), f"the sentence is about {subject}"
        named = self._district_before(position, sentence[0])
        if named and not re.search(r"\bcommune,\s*$", view.text[max(0, position - 200) : position]):
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
        source = _SOURCE_BEFORE_VI if self.view.lang == "vi" else _SOURCE_BEFORE
        if unsourced:
            since = max(since, position - NEAR)  # the sources skipped stay within the window
        for i in range(bisect.bisect_right(self._entity_ends, position) - 1, -1, -1):
            start, end, name = self.entities[i]
            if end < since:  # ends are in text order: none before can start after ``since``
                break
            if start >= since and not (unsourced and source.search(text[max(since, start - 30) : start])):
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


_GENERIC = frozenset(
    "the co-operative cooperative agricultural union group alliance fund people's credit provincial "
    "vietnam viet nam a an many most all".split()
)


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
    words = text[name.start() : organization.end()].split()
    start = name.start()
    while words and (fold(words[0]) in _titles() or words[0] in ("of", "and", "for", "the", "The")):
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else organization.end()
        words = words[1:]
    if not [w for w in words if w[:1].isupper() and fold(w) not in _GENERIC]:
        return None
    return start, organization.end(), " ".join(words)


def _entity_vi(text: str, organization: re.Match) -> tuple[int, int, str] | None:
    """A named organization written type first ("HTX chăn nuôi Hải Khang", "Hợp tác xã Nuôi trồng thủy
    sản Hoàng Mỹ"): the words after the type up to punctuation or a lower-case function word, ending
    with a capitalised name; None for a kind of organization ("HTX nông nghiệp")."""
    tokens = []
    for token in _NAME_TOKEN.finditer(text, organization.end(), min(len(text), organization.end() + 100)):
        word = token.group(0)
        if not word[0].isalpha() or (not word[0].isupper() and fold(word) in _NAME_STOP_VI):
            break
        tokens.append(token)
    while tokens and not tokens[-1].group(0)[0].isupper():
        tokens.pop()
    capitals = [t for t in tokens if t.group(0)[0].isupper()]
    if len(capitals) < 2 and not (capitals and len(tokens) == 1):
        return None
    end = tokens[-1].end()
    return organization.start(), end, " ".join(text[organization.start() : end].split())
