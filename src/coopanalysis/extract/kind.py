"""What kind of figure a number is (level, target, change, share), and how governing cues turn its measure.

A percentage is a share or a change of something named near it (:func:`percent_measure`); cues
such as "set up", "loans to" or "operating effectively" turn a measure into another
(``transforms.csv``, :func:`apply_transforms`).
"""

from __future__ import annotations

from .cues import CueIndex, families
from .mention import Mention
from .rules import table
from .text import TextView
from .words import noun_after

__all__ = ["apply_transforms", "read_kind", "transform"]

_TRANSFORMS = None


def transform(role: str, measure: str, kind: str = "level") -> str | None:
    """What ``measure`` becomes under a cue of ``role`` (``transforms.csv``; a row may hold for one kind only)."""
    global _TRANSFORMS
    if _TRANSFORMS is None:
        _TRANSFORMS = {}
        for r in table("transforms"):
            _TRANSFORMS.setdefault((r["role"], r["measure"]), []).append((r["kind"], r["becomes"]))
    return next((becomes for k, becomes in _TRANSFORMS.get((role, measure), []) if k in ("", kind)), None)


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
    elif q.direction or (change_after and not m.q.level and m.type in ("count", "money", "percent")):
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
        m.kind = "target"
        m.say(f"planned: '{view.text[kind_cue.start:kind_cue.end]}'" if kind_cue is not None and kind_cue.role != "actual"
              else "planned (words after the number)")
    elif planned and m.kind == "share_pct":
        m.say("a planned share (kind share_pct: a target is stated in the measure's own unit)")


def _counts_new_units(m: Mention, cues: CueIndex) -> bool:
    """True when a cue of units set up (or helped to be set up) governs ``m``."""
    event, recipient = m.cue(cues, "event"), m.cue(cues, "recipient")
    return (event is not None and event.role == "flow") or (recipient is not None and recipient.role == "support_establishment")


def percent_measure(view: TextView, m: Mention, cues: CueIndex) -> None:
    """A percentage's measure: what it is a share or a change of."""
    share = m.cue(cues, "share")
    after = m.after
    if share is not None and share.role == "attainment":
        m.measure, m.confidence = "other", 0.5
        m.say(f"a share of a plan: '{view.text[share.start:share.end]}'")
        return
    quality = m.cue(cues, "quality")
    if any(c.role == "rated_good" for c in after) or (quality is not None and quality.role == "rated_good"):
        m.measure, m.confidence = "cooperatives_rated_good", 0.8
        m.say("a share rated as operating well")
        return
    noun, _ = noun_after(view, m.q.end, min(m.clause[1], m.next_start))
    if noun is not None and noun.rule is not None and noun.measure not in ("other",) and not noun.rule["generic"]:
        if noun.measure == "input_support":
            m.measure, m.confidence = noun.measure, 0.7
            m.say(f"a share of '{noun.text}'")
            return
    if m.kind == "change_pct" and m.reached is not None and m.reached.measure != "other":
        m.measure, m.confidence = m.reached.measure, 0.7
        m.say(f"the change of the level it reached, {m.reached.q.number}")
        return
    previous = m.previous_amount
    if share is not None and previous:
        m.measure, m.confidence = previous.measure, 0.7
        m.say(f"a share of {previous.q.number} before: '{view.text[share.start:share.end]}'")
        return
    if m.kind == "change_pct" and previous:
        m.measure, m.confidence = previous.measure, 0.7
        m.say(f"the change of {previous.q.number} before")
        return
    m.say("a share of something not in the vocabulary")


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
            roles.append((cue.role, view.text[cue.start:cue.end]))
    dissolving = any(role == "dissolved" for role, _ in roles)
    # "giải thể 7 HTX ngừng hoạt động lâu năm", "dissolved 7 cooperatives that had stopped operating":
    # the words after describe the units dissolved; they do not turn the count back.
    roles += [(c.role, view.text[c.start:c.end]) for c in after if not (dissolving and c.role == "suspended")]
    partitive = m.cue(cues, "list")
    if partitive is not None and partitive.role == "partitive" and m.previous:
        # "Among the 72 cooperatives participating in OCOP, there are 70 agricultural cooperatives",
        # "set up 47 cooperatives, of which 27 ...": a part shares what its whole is and what befell it.
        roles += [(role, said) for role, said in m.previous.roles if families().get(role, ()) in (("quality",), ("event",))]
    for role, said in roles:
        becomes = transform(role, m.measure, m.kind)
        if becomes:
            m.say(f"'{said}': {m.measure} -> {becomes}")
            m.measure = becomes
            m.roles.append((role, said))
