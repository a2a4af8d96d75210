"""What kind of figure a number is (level, target, change, share), and how governing cues turn its measure.

A percentage is a share or a change of something named near it (:func:`percent_measure`); cues
such as "set up", "loans to" or "operating effectively" turn a measure into another
(``transforms.csv``, :func:`apply_transforms`).
"""

from __future__ import annotations

import re

from .cues import CueIndex, families
from .mention import Mention
from .rules import table
from .text import TextView
from .words import noun_after

__all__ = ["apply_transforms", "read_kind", "transform", "transform_definition"]

_TRANSFORMS: dict[tuple[str, str], list[tuple[str, str, str]]] | None = None


def _row(role: str, measure: str, kind: str) -> tuple[str, str, str] | None:
    global _TRANSFORMS
    if _TRANSFORMS is None:
        _TRANSFORMS = {}
        for r in table("transforms"):
            _TRANSFORMS.setdefault((r["role"], r["measure"]), []).append((r["kind"], r["becomes"], r["definition"]))
    return next((row for row in _TRANSFORMS.get((role, measure), []) if row[0] in ("", kind)), None)


def transform(role: str, measure: str, kind: str = "level") -> str | None:
    """What ``measure`` becomes under a cue of ``role`` (``transforms.csv``; a row may hold for one kind only)."""
    row = _row(role, measure, kind)
    return row[1] if row else None


def transform_definition(role: str, measure: str, kind: str = "level", label: str = "") -> str:
    """The ``definition`` a cue of ``role`` gives ``measure`` (the part of the whole it counts), "" for none;
    ``{label}`` in the row stands for the cue's label ("transport")."""
    row = _row(role, measure, kind)
    if not row or not row[2]:
        return ""
    return re.sub(r"\bthat (\w+ing)\b", r"\1", row[2].replace("{label}", label))  # "cooperatives establishing ..."


def read_kind(view: TextView, m: Mention, cues: CueIndex) -> None:
    """Set ``m.kind`` from its unit, words of change and the cues of plans; drop frequencies ("3 times")."""
    q = m.q.quantity
    after = m.after
    change_after = any(c.role == "change" for c in after)
    if m.type == "times":
        if not (q.direction or change_after):
            m.keep = False  # "3 times": a frequency, not a figure
            return
        m.kind = "change_pct"
        percent_measure(view, m, cues)
    elif q.direction or (change_after and not m.q.level and m.type in ("count", "money", "percent")) or _rising_list(m):
        # A level stated with a change ("fell by 3 to 120 compared to 2022") is a level, words of comparison or not.
        m.kind = "change_pct" if m.type == "percent" else "change_abs"
        if m.type == "percent":
            percent_measure(view, m, cues)
    elif m.type == "percent":
        m.kind = "share_pct"
        percent_measure(view, m, cues)
    if m.q.part == "denominator" and m.type == "count" and _counts_new_units(m, cues):
        # "thành lập mới 11/15 HTX", "set up 11/15 cooperatives": 11 set up of the 15 planned.
        m.kind = "target"
        m.say("the whole of a fraction of units set up: the plan")
        return
    kind_cue = m.cue(cues, "kind")
    planned = kind_cue is not None and kind_cue.role in ("target", "target_paragraph")
    planned = planned or any(c.role == "target" for c in after)
    if planned and m.kind == "level":
        if kind_cue is not None and kind_cue.role == "target":
            m.spans.append((kind_cue.start, kind_cue.end))
        m.kind = "target"
        m.say(
            f"planned: '{view.text[kind_cue.start : kind_cue.end]}'"
            if kind_cue is not None and kind_cue.role != "actual"
            else "planned (words after the number)"
        )
    elif planned and m.kind == "share_pct":
        m.say("a planned share? (if so, kind target_share_pct; 'reached 32% of the plan' is none)")


def _rising_list(m: Mention) -> bool:
    """A percentage listed after one stated as a rise shares it: "increasing 27.57 percent, 60 percent, and
    42.74 percent, respectively" (a fall is not passed on: its sign is the first one's alone)."""
    first = m.run[0] if m.run else m
    return first is not m and m.type == "percent" and first.type == "percent" and first.q.quantity.direction == "up"


def _counts_new_units(m: Mention, cues: CueIndex) -> bool:
    """True when a cue of units set up (or helped to be set up) governs ``m``."""
    event, recipient = m.cue(cues, "event"), m.cue(cues, "recipient")
    return (event is not None and event.role == "flow") or (
        recipient is not None and recipient.role == "support_establishment"
    )


def percent_measure(view: TextView, m: Mention, cues: CueIndex) -> None:
    """A percentage's measure: what it is a share or a change of (unless its list paired it already)."""
    if m.paired:
        return
    earlier = m.previous
    if (
        earlier is not None
        and earlier.type == "percent"
        and earlier.clause == m.clause
        and _FROM_TO.fullmatch(view.folded, earlier.q.end, m.q.start)
    ):
        # "từ khoảng 10% năm 2014 lên trên 30% năm 2016", "from 10% in 2014 to 30% in 2016": one measure, two dates.
        m.measure, m.confidence = earlier.measure, earlier.confidence
        m.say(f"the end of a change from {earlier.q.number} ({earlier.measure})")
        return
    share = m.cue(cues, "share")
    after = m.after
    if share is not None and share.role == "attainment":
        m.measure, m.confidence = "other", 0.5
        m.say(f"a share of a plan: '{view.text[share.start : share.end]}'")
        return
    quality = m.cue(cues, "quality")
    rated = [c for c in after if c.role == "rated_good"] or (
        [quality] if quality is not None and quality.role == "rated_good" else []
    )
    if rated:
        m.spans.append((rated[0].start, rated[0].end))
        m.measure, m.confidence = "cooperatives_rated_good", 0.8
        m.say("a share rated as operating well")
        return
    noun, _ = noun_after(view, m.q.end, min(m.clause[1], m.next_start))
    if (
        noun is not None
        and noun.rule is not None
        and noun.measure not in ("other",)
        and not noun.rule["generic"]
        and noun.measure == "input_support"
    ):
        m.measure, m.confidence = noun.measure, 0.7
        m.say(f"a share of '{noun.text}'")
        return
    if m.kind == "change_pct" and m.reached is not None and m.reached.measure != "other":
        m.measure, m.confidence = m.reached.measure, 0.7
        m.say(f"the change of the level it reached, {m.reached.q.number}")
        return
    previous = m.previous_amount
    if share is not None and previous:
        m.spans.append((share.start, share.end))
        m.measure, m.confidence = previous.measure, 0.7
        m.say(f"a share of {previous.q.number} before: '{view.text[share.start : share.end]}'")
        return
    if m.kind == "change_pct" and previous:
        m.measure, m.confidence = previous.measure, 0.7
        m.say(f"the change of {previous.q.number} before")
        return
    m.say("a share of something not in the vocabulary")


_FROM_TO = re.compile(r"\s*(?:(?:in |nam )?(?:19|20)\d\d\s*)?(?:len|to|den|toi)\s*")
_OWN_PART = {"property", "rated", "status"}  # what one part is, never passed on
_WALK = 50  # figures looked back for a part's whole: a list of parts is short, a hostile one stays linear


def _whole_of(m: Mention, partitive) -> Mention | None:
    """The figure a part belongs to: the last one before the partitive cue ("120 cooperatives, of which
    45 ... and 30 ..."), else the one before the part ("Among the 72 cooperatives ..., there are 70")."""
    before = m.previous
    for _ in range(_WALK):
        if before is None or before.q.end <= partitive.start:
            break
        before = before.previous
    return before if before is not None and before.q.end <= partitive.start else m.previous


def apply_transforms(view: TextView, m: Mention, cues: CueIndex) -> None:
    """Measures turned by the cues that govern the number ("set up", "loans to", "operating effectively")."""
    if m.type not in ("count", "money") or not m.keep:
        return
    # A cue that reaches past the next number ("65 members of 21 cooperatives to access loans")
    # belongs to the clause's first figure and the figures listed with it, not to the others.
    first = m.clause_first or m
    if first is m or first.run is m.run:
        after = cues.after_cues(m.q.end, min(m.clause[1], m.next_start), m.clause[1])
    else:
        after = [c for c in cues.after_cues(m.q.end, min(m.clause[1], m.next_start)) if c.rule["scope"] != "clause"]
    own = {family for c in after for family in families()[c.role]}
    roles = []
    for family in ("average",) if m.type == "money" else ("event", "recipient", "sector", "quality"):
        cue = m.cue(cues, family) if family not in own else None
        if cue is not None:  # a cue of the same family after the number, its own, beats one before it
            roles.append((cue.role, view.text[cue.start : cue.end], cue.label, (cue.start, cue.end)))
    dissolving = any(r[0] == "dissolved" for r in roles)
    # "giải thể 7 HTX ngừng hoạt động lâu năm", "dissolved 7 cooperatives that had stopped operating":
    # the words after describe the units dissolved; they do not turn the count back.
    roles += [
        (c.role, view.text[c.start : c.end], c.label, (c.start, c.end))
        for c in after
        if not (dissolving and c.role == "suspended")
    ]
    partitive = m.cue(cues, "list")
    m.part = partitive is not None and partitive.role == "partitive"
    whole = _whole_of(m, partitive) if m.part else None
    if whole is not None:
        # "Among the 72 cooperatives participating in OCOP, there are 70 agricultural cooperatives",
        # "set up 47 cooperatives, of which 27 ...": a part shares what its whole is and what befell it,
        # not what a part listed before it is ("of which 45 have OCOP products and 30 operate fairly").
        roles += [
            r for r in whole.cued if families().get(r[0], ()) in (("quality",), ("event",)) and r[0] not in _OWN_PART
        ]
    m.cued = roles  # what the cues say of it, turning its measure or not: its parts share it
    for role, said, label, span in roles:
        if role == "suspended" and m.part:
            role = "inactive"  # "trong đó ... 45 HTX ngừng hoạt động": a part of a stock, itself a stock
        becomes = transform(role, m.measure, m.kind)
        if becomes:
            definition = transform_definition(role, m.measure, m.kind, label)
            m.say(f"'{said}': {m.measure} -> {becomes}" + (f" ({definition})" if definition else ""))
            if families().get(role) == ("sector",):
                m.part = True
                m.before_sector = m.before_sector or m.measure  # what a list item leaving its noun out counts
            m.measure = becomes
            m.definition = definition or m.definition
            m.roles.append((role, said, label, span))
            m.spans.append(span)
