"""Propose figure rows: every kept number, with its measure, kind, scope and period, and a confidence.

The order of work, for each number of the text in turn (so that a list item can lean on the ones
before it): read the words next to it (:mod:`.words`), let its list supply what it leaves out
(:mod:`.lists`), let the governing cues turn the kind and the measure (``cues.csv``,
``transforms.csv``), then its scope (:mod:`.place`) and period (:mod:`.period`).
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from ..measures import measures, normalize_quantity
from ..quantity import QuantityMatch, find_quantities
from .cues import CueIndex, families
from .lists import runs
from .period import PeriodIndex, base_period_of, year_before
from .place import Places
from .rules import table
from .text import TextView
from .words import MoneyIndex, Noun, head_measures, noun_after, noun_before

__all__ = ["Mention", "classify"]

_TRANSFORMS = None


def _transform(role: str, measure: str, kind: str = "level") -> str | None:
    """What ``measure`` becomes under a cue of ``role`` (``transforms.csv``; a row may hold for one kind only)."""
    global _TRANSFORMS
    if _TRANSFORMS is None:
        _TRANSFORMS = {}
        for r in table("transforms"):
            _TRANSFORMS.setdefault((r["role"], r["measure"]), []).append((r["kind"], r["becomes"]))
    return next((becomes for k, becomes in _TRANSFORMS.get((role, measure), []) if k in ("", kind)), None)


@dataclass
class Mention:
    """One number being read: what the parser found and what the words around it say."""

    q: QuantityMatch
    sentence: tuple[int, int]
    clause: tuple[int, int]
    type: str  # count, money, percent, times, area
    noun: Noun | None = None
    elided: bool = False
    measure: str = "other"
    confidence: float = 0.4
    evidence: list[str] = field(default_factory=list)
    kind: str = "level"
    base_period: str = ""
    next_start: int = 0
    previous_end: int = -1
    keep: bool = True
    before: list = field(default_factory=list)  # the kept figures before it in its sentence
    roles: list = field(default_factory=list)  # the cues that turned its measure, (role, words)
    run: list = field(default_factory=list)  # the figures listed with it (see lists.runs)
    governed: dict = field(default_factory=dict)  # family -> the cue governing it (looked up once)
    after: list = field(default_factory=list)  # the cues after it, up to the next number

    def cue(self, cues: CueIndex, family: str):
        """The cue of ``family`` that governs this number (see :meth:`CueIndex.governing`)."""
        if family not in self.governed:
            self.governed[family] = cues.governing(family, self.q.number_start, self.previous_end)
        return self.governed[family]

    def say(self, text: str) -> None:
        self.evidence.append(text)


def _type(q: QuantityMatch) -> str:
    unit = q.quantity.unit
    if unit == "%":
        return "percent"
    if unit == "times":
        return "times"
    if unit.startswith(("VND", "USD")):
        return "money"
    if unit == "ha":
        return "area"
    return "count"


def classify(view: TextView, kept: list[QuantityMatch], province: str, present) -> list[dict]:
    """The proposed rows for the kept quantities of one text (see :func:`coopanalysis.extract_figures`)."""
    text = view.text
    cues = CueIndex(view)
    money = MoneyIndex(view)
    change_spans = [(c.start, c.end) for c in cues.after if c.role == "change"]
    periods = PeriodIndex(view, present, change_spans)
    places = Places(view, cues, province)
    mentions = []
    for i, q in enumerate(kept):
        mention = Mention(q, view.sentence(q.number_start), view.clause(q.number_start), _type(q))
        mention.next_start = kept[i + 1].start if i + 1 < len(kept) else len(text)
        mention.previous_end = kept[i - 1].end if i else -1
        mention.after = cues.after_cues(q.end, min(mention.clause[1], mention.next_start))
        mentions.append(mention)
    for m in mentions:
        _read(view, m, money)
    run_of = {}
    for run in runs(mentions, text):
        for position, index in enumerate(run):
            run_of[index] = (run, position)
            mentions[index].run = [mentions[j] for j in run]
    heads: dict[str, str] = {}
    rows = []
    for i, m in enumerate(mentions):
        m.before = [x for x in mentions[:i] if x.sentence == m.sentence and x.keep]
        _heads(m, heads)
        _lists(view, m, i, mentions, run_of, cues, money)
        _kind(view, m, cues)
        _transforms(view, m, cues)
        if not m.keep:
            continue
        scope, scope_basis = places.scope(m.q.number_start)
        period, period_basis = periods.period(m.q.number_start, m.q.end, m.next_start, m.kind == "target")
        if m.kind in ("change_pct", "change_abs"):
            change = next((c for c in cues.after_cues(m.q.end, min(m.clause[1], m.next_start + 40))
                           if c.role == "change"), None)
            m.base_period = base_period_of(view, change.start, change.end, period, present) if change else ""
            if not m.base_period or m.base_period == period:
                m.base_period = year_before(period, present)
                m.confidence = min(m.confidence, 0.5)
                m.say("base period not stated: the year before assumed")
        rows.append(_row(view, m, scope, period, scope_basis, period_basis))
    return [row for row in rows if row is not None]


def _heads(m: Mention, heads: dict[str, str]) -> None:
    """A generic noun ("groups", "the three funds") stands for the last measure with that head."""
    if m.noun is None or m.noun.rule is None:
        return
    if m.noun.rule["generic"] and m.noun.head in heads:
        m.measure, m.confidence = heads[m.noun.head], 0.7
        m.evidence[-1] = f"'{m.noun.text}' as before ({m.measure})"
    elif m.measure != "other":
        heads[m.noun.head] = m.measure


def _read(view: TextView, m: Mention, money: MoneyIndex) -> None:
    """The measure the number's own words give."""
    q = m.q
    if m.type == "count":
        m.noun, m.elided = noun_after(view, q.end, min(m.clause[1], m.next_start))
        if m.noun is not None and m.noun.rule is not None:
            m.measure, m.confidence = m.noun.measure, 0.9
            m.say(f"noun after the number: '{m.noun.text}'")
        elif m.noun is not None:
            m.measure, m.confidence = "other", 0.4
            m.say(f"noun not in the vocabulary: '{m.noun.text}'")
        if m.elided or (m.noun is not None and m.noun.head == "people" and m.measure == "other"):
            before = noun_before(view, m.sentence[0], q.start)
            if len(before) == 1:
                m.measure, m.confidence, m.elided = before[0].measure, 0.8, False
                m.say(f"noun before the number: 'number of {before[0].text}'")
    elif m.type == "money":
        _money(view, m, money)
    elif m.type == "area":
        m.measure, m.confidence = "cultivated_area", 0.8
        m.say("an area")


def _money(view: TextView, m: Mention, money: MoneyIndex) -> None:
    q = m.q
    if "/sao" in q.quantity.unit:
        m.measure, m.confidence = "input_support", 0.6
        m.say("money per area (sao)")
        return
    keywords = money.before(m.sentence[0], q.start)
    if keywords:
        start, end, rule = keywords[-1]
        m.measure, m.confidence = rule["measure"], 0.8
        m.say(f"keyword before the amount: '{view.text[start:end]}'")
    else:
        after = money.after(q.end, min(m.clause[1], q.end + 60))
        if after:
            m.measure, m.confidence = after[2]["measure"], 0.6
            m.say(f"keyword after the amount: '{view.text[after[0]:after[1]]}'")
        else:
            m.say("an amount with no keyword")
    if q.quantity.unit.startswith("USD"):
        m.measure, m.confidence = "other", min(m.confidence, 0.4)
        m.say("an amount in US$: check whether the article means VND")
    if "/cooperative" in q.quantity.reported_unit:
        m.measure = _transform("per_cooperative", m.measure) or m.measure


def _lists(view: TextView, m: Mention, i: int, mentions: list[Mention], run_of: dict, cues: CueIndex,
           money: MoneyIndex) -> None:
    """What the list around the number supplies: a left-out noun, a pairing in order."""
    run, position = run_of[i]
    first = mentions[run[0]]
    total = first.cue(cues, "event")
    if m.type == "count" and m.elided and total is not None and total.role == "total":
        before = [x for x in mentions[:run[0]] if x.type == "count" and x.keep and x.sentence == m.sentence
                  and x.q.end <= total.start]
        if len(before) >= len(run):
            source = before[len(before) - len(run) + position]
            m.measure = _transform("total", source.measure) or source.measure
            m.confidence, m.elided = 0.8, False
            m.say(f"a total of the list before ({source.q.number} {source.measure})")
            return
    respectively = any(c.role == "respectively" for c in cues.after_cues(mentions[run[-1]].q.end,
                                                                         mentions[run[-1]].sentence[1]))
    if m.type == "money" and len(run) > 1:
        keywords = _coordinated(view, money.before(m.sentence[0], first.q.start))
        if len(keywords) >= len(run):
            start, end, rule = keywords[len(keywords) - len(run) + position]
            m.measure, m.confidence = rule["measure"], 0.8
            m.say(f"in order with the keywords before: '{view.text[start:end]}'")
            if "/cooperative" in m.q.quantity.reported_unit:
                m.measure = _transform("per_cooperative", m.measure) or m.measure
            return
    if respectively and len(run) > 1 and m.type in ("percent", "times"):
        before = [x for x in mentions[:run[0]] if x.sentence == m.sentence and x.keep]
        if len(before) >= len(run):
            source = before[len(before) - len(run) + position]
            m.measure, m.confidence = source.measure, 0.7
            m.say(f"respectively: the change of {source.q.number}")
            return
    if m.type == "count" and m.elided:
        part_of = _PART_OF.match(view.folded, m.q.end)
        if part_of:
            noun, _ = noun_after(view, part_of.end(), min(m.clause[1], m.next_start))
            if noun is not None and noun.rule is not None:
                m.measure, m.confidence, m.elided = "other", 0.6, False
                m.say(f"a part of the {noun.text} (a subset: measure other)")
                return
        antecedent = _antecedent(view, m, i, mentions)
        if antecedent is not None:
            m.measure, m.confidence, m.elided = antecedent.measure, 0.7, False
            m.say(f"noun left out: as {antecedent.q.number} before ({antecedent.measure})")
            partitive = m.cue(cues, "list")
            if partitive is not None and partitive.role == "partitive":
                # "26 of them are general business cooperative groups": the noun may follow the verb.
                noun, _ = noun_after(view, partitive.end, min(m.clause[1], m.next_start + 60))
                if noun is not None and noun.rule is not None and noun.measure != "other":
                    m.measure = noun.measure
        else:
            m.say("noun left out, and no figure before it to take it from")


_PART_OF = re.compile(r"\s+of (?:the|these|those|all|its|their) ")


def _coordinated(view: TextView, keywords: list) -> list:
    """The last keywords before a list when they are themselves a list ("revenue and profit")."""
    if not keywords:
        return []
    chain = [keywords[-1]]
    for previous in reversed(keywords[:-1]):
        between = view.folded[previous[1]:chain[0][0]]
        if not re.fullmatch(r"\s*(?:,|and|, and)\s*(?:the\s+|average\s+|total\s+)*", between):
            break
        chain.insert(0, previous)
    return chain if len(chain) > 1 else []


def _antecedent(view: TextView, m: Mention, i: int, mentions: list[Mention]) -> Mention | None:
    """The count before ``m`` in its sentence (else in the sentence before, same paragraph)."""
    paragraph = view.paragraph(m.q.start)[0]
    for x in reversed(mentions[:i]):
        if x.type != "count" or not x.keep or x.measure == "other":
            continue
        if x.sentence == m.sentence or x.q.start >= paragraph:
            return x
        break
    return None


def _kind(view: TextView, m: Mention, cues: CueIndex) -> None:
    q = m.q.quantity
    after = m.after
    change_after = any(c.role == "change" for c in after)
    if m.type == "times":
        if not (q.direction or change_after):
            m.keep = False  # "3 times": a frequency, not a figure
            return
        m.kind = "change_pct"
        _percent_measure(view, m, cues)
    elif q.direction or (change_after and m.type in ("count", "money", "percent")):
        m.kind = "change_pct" if m.type == "percent" else "change_abs"
        if m.type == "percent":
            _percent_measure(view, m, cues)
    elif m.type == "percent":
        m.kind = "share_pct"
        _percent_measure(view, m, cues)
    kind_cue = m.cue(cues, "kind")
    planned = kind_cue is not None and kind_cue.role in ("target", "target_paragraph")
    planned = planned or any(c.role == "target" for c in after)
    if planned and m.kind == "level":
        m.kind = "target"
        m.say(f"planned: '{view.text[kind_cue.start:kind_cue.end]}'" if kind_cue is not None and kind_cue.role != "actual"
              else "planned (words after the number)")
    elif planned and m.kind == "share_pct":
        m.say("a planned share (kind share_pct: a target is stated in the measure's own unit)")


def _percent_measure(view: TextView, m: Mention, cues: CueIndex) -> None:
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
    previous = [x for x in m.before if x.type in ("count", "money")]
    if share is not None and previous:
        m.measure, m.confidence = previous[-1].measure, 0.7
        m.say(f"a share of {previous[-1].q.number} before: '{view.text[share.start:share.end]}'")
        return
    if m.kind == "change_pct" and previous:
        m.measure, m.confidence = previous[-1].measure, 0.7
        m.say(f"the change of {previous[-1].q.number} before")
        return
    m.say("a share of something not in the vocabulary")


def _transforms(view: TextView, m: Mention, cues: CueIndex) -> None:
    """Measures turned by the cues that govern the number ("set up", "loans to", "operating effectively")."""
    if m.type not in ("count", "money") or not m.keep:
        return
    after = cues.after_cues(m.q.end, min(m.clause[1], m.next_start), m.clause[1])
    # A cue that reaches past the next number ("65 members of 21 cooperatives to access loans")
    # belongs to the clause's first figure and the figures listed with it, not to the others.
    first = next((x for x in m.before if x.clause == m.clause), m)
    after = [c for c in after if c.rule["scope"] != "clause" or first is m or first in m.run]
    own = {family for c in after for family in families()[c.role]}
    roles = []
    for family in ("average",) if m.type == "money" else ("event", "recipient", "sector", "quality"):
        cue = m.cue(cues, family) if family not in own else None
        if cue is not None:  # a cue of the same family after the number, its own, beats one before it
            roles.append((cue.role, view.text[cue.start:cue.end]))
    roles += [(c.role, view.text[c.start:c.end]) for c in after]
    partitive = m.cue(cues, "list")
    if partitive is not None and partitive.role == "partitive" and m.before:
        # "Among the 72 cooperatives participating in OCOP, there are 70 agricultural cooperatives":
        # a part shares what its whole is.
        roles += [(role, said) for role, said in m.before[-1].roles if families().get(role, ()) == ("quality",)]
    for role, said in roles:
        becomes = _transform(role, m.measure, m.kind)
        if becomes:
            m.say(f"'{said}': {m.measure} -> {becomes}")
            m.measure = becomes
            m.roles.append((role, said))


def _row(view: TextView, m: Mention, scope: str, period: str, scope_basis: str, period_basis: str) -> dict | None:
    q = m.q
    try:
        value, low, high, unit = normalize_quantity(q.quantity, measures()[m.measure], m.kind)
    except (KeyError, ValueError):
        try:
            m.measure, m.confidence = "other", min(m.confidence, 0.3)
            value, low, high, unit = normalize_quantity(q.quantity, measures()["other"], m.kind)
        except ValueError:
            return None
    if m.kind in ("change_pct", "change_abs") and not m.base_period:
        m.confidence = min(m.confidence, 0.5)
    start, end = _quote_span(view, q, m.clause)
    evidence = "; ".join(m.evidence + [f"period: {period_basis}", f"scope: {scope_basis}"])
    return {
        "quote": view.text[start:end], "start": start, "end": end, "number": q.number,
        "measure": m.measure, "kind": m.kind, "value": value, "low": low, "high": high,
        "qualifier": q.quantity.qualifier, "unit": unit, "period": period, "base_period": m.base_period,
        "scope": scope, "confidence": round(m.confidence, 2), "number_start": q.number_start,
        "number_end": q.number_end, "evidence": evidence,
    }


def _quote_span(view: TextView, q: QuantityMatch, clause: tuple[int, int]) -> tuple[int, int]:
    """A short verbatim quote around the quantity that occurs once in the text and names its number once.

    It stays inside the clause while that gives a unique quote; a clause repeated word for word
    (a lead that repeats the headline) takes words from around it.
    """
    text = view.text
    bounds = [(min(clause[0], q.start), max(clause[1], q.end))]
    paragraph = view.paragraph(q.start)
    bounds += [(min(paragraph[0], q.start), max(paragraph[1], q.end)), (0, len(text))]
    for clause_start, clause_end in bounds:
        for reach in (30, 45, 70, 110, 200, 400):
            # Words on both sides first; then only after, or only before, the number.
            for before, after in ((reach, reach), (0, reach), (reach, 0)):
                start, end = _widen(text, q, max(clause_start, q.start - before), min(clause_end, q.end + after),
                                    clause_start, clause_end)
                if _names_once(text, start, end, q) and view.quotes.unique(start, end):
                    return start, end
    return q.start, q.end


def _widen(text: str, q: QuantityMatch, start: int, end: int, clause_start: int, clause_end: int) -> tuple[int, int]:
    """Cut a window at word boundaries, without punctuation at its ends."""
    if start > clause_start and start < q.start:
        space = text.find(" ", start, q.start)
        start = space + 1 if space >= 0 else q.start
    if end < clause_end and end > q.end:
        space = text.rfind(" ", q.end, end)
        end = space if space >= 0 else q.end
    while start < q.start and not text[start].isalnum():
        start += 1
    while end > q.end and not (text[end - 1].isalnum() or text[end - 1] in "%)"):
        end -= 1
    return start, end


def _names_once(text: str, start: int, end: int, q: QuantityMatch) -> bool:
    """True when the quote holds the figure's number once, as the figures table checks it."""
    quote = text[start:end]
    if quote.count(q.number) == 1:
        return True
    return sum(m.number == q.number for m in find_quantities(quote)) == 1
