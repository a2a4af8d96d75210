"""The part of the whole a figure is about, where its own words leave it unsaid: its ``definition``.

A figure that describes units (their members, jobs, capital, area, revenue) describes the units
its sentence counts, else those its paragraph first counts ("Năm 2017, toàn tỉnh thành lập mới
được 47 hợp tác xã nông nghiệp; thành viên tham gia có trên 2.374 người": the members of the 47
new cooperatives), else, when every count of cooperatives in the article is of agricultural
ones (a report on agricultural cooperatives), those. So:

* units set up during the period: "members of the 47 new agricultural cooperatives";
* cooperatives where the article counts cooperative groups apart, or groups where it counts
  cooperatives apart: "members of cooperatives, not of cooperative groups" (people and area only:
  members per organization would otherwise divide them by both);
* agricultural cooperatives: "members of agricultural cooperatives only", "agricultural
  cooperatives only";
* cooperative unions, whose members are organizations: "member units of the cooperative unions,
  not people".

A sentence that counts cooperatives and groups together before the figure ("taking the total to
640 and 3,250, with more than 88,200 members") says nothing of which: no definition. What each
measure is called is data (``subsets.csv``, each row with an example that a test reads).
"""

from __future__ import annotations

from functools import cache

from .mention import Mention
from .rules import table
from .text import TextView

__all__ = ["define"]

_UNITS = {
    "cooperatives": "cooperatives",
    "agricultural_cooperatives": "agricultural cooperatives",
    "non_agricultural_cooperatives": "non-agricultural cooperatives",
    "cooperative_groups": "cooperative groups",
    "new_cooperatives": "cooperatives",
    "new_cooperatives_supported": "cooperatives",
    "new_cooperative_groups": "cooperative groups",
}
_NEW = {"new_cooperatives", "new_cooperatives_supported", "new_cooperative_groups"}
_UNIONS = "cooperative_unions"  # their members are organizations: "five co-operative unions with 36 members"
_GROUPS = {"cooperative_groups", "new_cooperative_groups"}


@cache
def _words() -> dict[str, tuple[str, bool]]:
    return {rule["measure"]: (rule["words"], rule["people"] == "yes") for rule in table("subsets")}


def _type(m: Mention) -> str:
    return "groups" if m.measure in _GROUPS else "unions" if m.measure == _UNIONS else "cooperatives"


def _whole(m: Mention) -> bool:
    """A count of units that is a whole, not a part ("43 HTX trồng trọt" of the 244) or a change."""
    return (m.measure in _UNITS or m.measure == _UNIONS) and not m.part and m.kind == "level" and m.type == "count"


def define(view: TextView, figures: list[tuple[Mention, dict]]) -> None:
    """Fill the ``definition`` of the rows of ``figures`` (kept mentions with their rows, in text order)
    that describe the units counted before them and have none of their own."""
    wholes = [m for m, _ in figures if _whole(m)]
    types = {_type(m) for m in wholes}
    cooperatives = [
        m for m in wholes if m.measure in ("cooperatives", "agricultural_cooperatives", "non_agricultural_cooperatives")
    ]
    agricultural_only = bool(cooperatives) and all(m.measure == "agricultural_cooperatives" for m in cooperatives)
    last_unit: Mention | None = None  # the last whole of the sentence, and the kinds of units it counts
    sentence_types: set[str] = set()
    paragraph_first: Mention | None = None
    sentence = paragraph = None
    for m, row in figures:
        if m.sentence != sentence:
            sentence, last_unit, sentence_types = m.sentence, None, set()
        if view.paragraph(m.q.start) != paragraph:
            paragraph, paragraph_first = view.paragraph(m.q.start), None
        if _whole(m):
            last_unit = m
            sentence_types.add(_type(m))
            paragraph_first = paragraph_first or m
            continue
        if row["definition"] or m.measure not in _words() or m.type not in ("count", "money", "area", "percent"):
            continue
        if len(sentence_types) > 1:
            continue  # "640 and 3,250, with 88,200 members": of which, the sentence does not say
        subject = last_unit or paragraph_first
        row["definition"] = _definition(m, subject, types, agricultural_only)
        m.definition = row["definition"]
        if m.definition:
            row["evidence"] += f"; definition: of the units counted before it ({m.definition})"


def _definition(m: Mention, subject: Mention | None, types: set[str], agricultural_only: bool) -> str:
    words, people = _words()[m.measure]
    if subject is not None and subject.measure == _UNIONS:
        if m.measure != "members":
            return ""
        m.confidence = min(m.confidence, 0.8)  # organizations, not people: members per unit would mislead
        return "member units of the cooperative unions, not people"
    if subject is None:
        if agricultural_only:
            return f"{words} agricultural cooperatives only" if people else "agricultural cooperatives only"
        return ""
    if subject.measure in _NEW:
        base = subject.noun.measure if subject.noun is not None and subject.noun.measure in _UNITS else subject.measure
        return f"{words} the {subject.q.number} new {_UNITS[base]}"
    if subject.measure == "agricultural_cooperatives":
        return f"{words} agricultural cooperatives only" if people else "agricultural cooperatives only"
    if len(types) > 1 and (people or m.measure == "cultivated_area"):
        this, other = (
            ("cooperative groups", "cooperatives")
            if _type(subject) == "groups"
            else ("cooperatives", "cooperative groups")
        )
        preposition = words.split()[-1]
        return f"{words} {this}, not {preposition} {other}"
    return ""
