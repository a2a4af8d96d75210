"""Propose figure rows: every kept number, with its measure, kind, scope and period, and a confidence.

The order of work, for each number of the text in turn (so that a list item can lean on the ones
before it): read the words next to it (:mod:`.words`), let its list supply what it leaves out
(:mod:`.lists`), let the governing cues turn the kind and the measure (:mod:`.kind`:
``cues.csv``, ``transforms.csv``), then its scope (:mod:`.place`) and period (:mod:`.period`),
and its row with a verbatim quote (:mod:`.quote`).
"""

from __future__ import annotations

import itertools
import re

from ..quantity.parse import QuantityMatch, entity_denominators
from ..vocab.measures import measures
from .cues import CueIndex
from .kind import apply_transforms, read_kind, transform
from .lists import runs
from .mention import Mention, SentenceSoFar, mention_type
from .period import PeriodIndex, as_its_nature, base_period_of, year_before
from .place import Places
from .quote import NumberIndex, proposed_row
from .subsets import define
from .text import TextView
from .words import MoneyIndex, noun_after, noun_before, number_of_start, per_after

__all__ = ["Mention", "classify"]


def classify(
    view: TextView,
    kept: list[QuantityMatch],
    province: str,
    present,
    month_known: bool = False,
    found: list[QuantityMatch] | None = None,
) -> list[dict]:
    """The proposed rows for the kept quantities of one text (see :func:`coopanalysis.extract_figures`).

    ``found`` is every quantity of the text, the rejected ones too (default: the kept ones), for the quotes.

    ``month_known``: ``present`` is exact to the month, so a stock stated with no period ("now",
    "currently") is dated by the article's month, as the curated tables date it.
    """
    text = view.text
    cues = CueIndex(view)
    money = MoneyIndex(view)
    # A comparison's year is a base period ("compared to 2022"); a year in a name dates nothing
    # ("Luật Hợp tác xã năm 2012", "the 2012 Cooperative Law").
    excluded = [(c.start, c.end) for c in cues.after if c.role == "change"]
    excluded += [(m.start(), m.end()) for rule, m in view.hits("non_statistics") if rule["category"] == "name"]
    periods = PeriodIndex(view, present, excluded, month_known)
    places = Places(view, cues, province)
    numbers = NumberIndex(kept if found is None else found)
    mentions = []
    for i, q in enumerate(kept):
        mention = Mention(q, view.sentence(q.number_start), view.clause(q.number_start), mention_type(q))
        # The next number that starts after this one (the two parts of "11/15 HTX" share a start).
        later = i + 1 if i + 1 < len(kept) and kept[i + 1].start > q.start else i + 2
        mention.next_start = kept[later].start if later < len(kept) else len(text)
        mention.previous_end = kept[i - 1].end if i else -1
        mention.after = cues.after_cues(q.end, min(mention.clause[1], mention.next_start))
        mentions.append(mention)
    for m in mentions:
        _read(view, m, money)
    _link_levels(mentions)
    run_of = {}
    for run in runs(mentions, text):
        listed = [mentions[j] for j in run]  # one list shared by the run: a long list stays linear
        for position, index in enumerate(run):
            run_of[index] = (run, position)
            mentions[index].run = listed
    heads: dict[str, str] = {}
    chains: dict[int, tuple] = {}  # the money keywords each list of amounts pairs with, found once per list
    rows = []
    so_far = SentenceSoFar()
    money_level = None  # the last amount of money stated as a level, with its paragraph
    for i, m in enumerate(mentions):
        so_far.begin(m)
        _heads(m, heads)
        _lists(view, m, i, mentions, run_of, cues, money, so_far, chains)
        read_kind(view, m, cues)
        apply_transforms(view, m, cues)
        if not m.keep:
            continue
        if m.taken and not m.roles and m.measure != m.taken:
            m.measure = m.taken  # "1,068 cooperatives were operating effectively; 120 more": as the figure before
        paragraph = view.paragraph(m.q.start)
        _change_of_level(m, money_level[1] if money_level is not None and money_level[0] == paragraph else None)
        if m.type == "money" and m.kind == "level":
            money_level = (paragraph, m)
        so_far.add(i, m)
        scope, scope_basis = places.scope(m.q.number_start)
        said_end = max(m.q.end, m.noun.end) if m.noun is not None else m.q.end  # "1,650 groups in 2023"
        period, period_basis, m.period_form, phrase = periods.period(
            m.q.number_start, said_end, m.next_start, m.kind == "target"
        )
        if phrase is not None and m.q.end <= phrase.start <= m.q.end + 40 and phrase.end <= m.clause[1]:
            m.spans.append((phrase.start, phrase.end))  # "30 new co-operatives this year"; one before is context
        stated = periods.stated_before(m.q.start) if m.period_form == "date" and m.kind != "target" else None
        if stated is not None and (
            _nature(m.measure) == "stock" or m.kind == "share_pct" or (m.measure == "other" and m.type == "count")
        ):
            # "Đến hết năm 2016, cả nước có 10.756 hợp tác xã.\n\nTrong số đó, ... (31%)": the stock at the date
            # the article stated before, not at the article's own date.
            period, m.period_form = stated.label, stated.form
            period_basis = f"'{view.text[stated.start : stated.end]}' earlier in the article"
        if (
            month_known
            and m.period_form == "year"
            and period_basis.endswith("earlier in the paragraph")
            and _nature(m.measure) == "stock"
            and m.kind == "level"
        ):
            # "Năm 2023 có 116 HTX thành lập mới. Khu vực KTTT thu hút 71.000 thành viên": the year dated
            # the events before; the stock after is counted when the article was written.
            period, m.period_form = f"{present:%Y-%m}", "date"
            period_basis = "the article's month (a stock counted when it was written; the year before dates events)"
        yearly = _nature(m.measure) == "average" or "/" in m.q.quantity.unit
        natural = as_its_nature(
            period,
            m.period_form,
            _nature(m.measure),
            yearly,
            m.kind,
            present,
            month_known,
            m.type in ("count", "percent") or (m.type == "money" and m.kind == "level"),
        )
        if natural is not None:
            period, why = natural
            period_basis = f"{why}; {period_basis}"
        if m.kind in ("change_pct", "change_abs"):
            change = next(
                (c for c in cues.after_cues(m.q.end, min(m.clause[1], m.next_start + 40)) if c.role == "change"), None
            )
            m.base_period = base_period_of(view, change.start, change.end, period, present) if change else ""
            if change is not None:
                m.spans.append((change.start, change.end))
            if not m.base_period or m.base_period == period:
                m.base_period = year_before(period, present)
                m.confidence = min(m.confidence, 0.5)
                m.say("base period not stated: the year before assumed")
        _temper(m, period_basis)
        row = proposed_row(view, m, scope, period, scope_basis, period_basis, numbers)
        if row is not None:
            rows.append((m, row))
    define(view, rows)
    _restated(rows)
    return [row for _, row in rows]


def _restated(rows: list[tuple[Mention, dict]]) -> None:
    """A figure dated by nothing but the article (a headline) takes the period its restatement states:
    "TOÀN TỈNH CÓ 931 TỔ HỢP TÁC" above "đến ngày 30/6/2015, toàn tỉnh có 931 tổ hợp tác"."""
    stated: dict[tuple[str, str, str], str] = {}
    for m, row in rows:
        if m.period_form not in ("date", ""):
            stated.setdefault((m.q.number, row["measure"], row["kind"]), row["period"])
    for m, row in rows:
        period = stated.get((m.q.number, row["measure"], row["kind"])) if m.period_form == "date" else None
        if period and period != row["period"]:
            row["period"] = period
            row["evidence"] += f"; period: {period}, as the same figure restated with its period"


# What a change stated with a total's keyword may be the change of: the averages of the same thing.
_AVERAGES_OF = {
    "total_revenue": {"avg_revenue_per_cooperative", "avg_revenue_per_cooperative_group"},
    "total_profit": {"avg_profit_per_cooperative"},
    "other": {
        "avg_revenue_per_cooperative",
        "avg_revenue_per_cooperative_group",
        "avg_profit_per_cooperative",
        "avg_income_per_worker",
    },
}


def _change_of_level(m: Mention, level: Mention | None) -> None:
    """An amount of change after an average (in its sentence, else its paragraph) is a change of that
    average: "the average revenue of each cooperative reached 1.5 billion VND. Compared with 2022,
    revenue rose by 300 million VND" (not total revenue)."""
    level = m.previous_amount if m.previous_amount is not None and m.previous_amount.type == "money" else level
    if (
        m.type == "money"
        and m.kind == "change_abs"
        and level is not None
        and level.kind == "level"
        and level.measure in _AVERAGES_OF.get(m.measure, ())
    ):
        m.say(f"a change of the average before ({level.q.number} {level.measure})")
        m.measure, m.confidence = level.measure, min(m.confidence, 0.7)


_JUDGED = 0.8  # the most a reading that rests on judgement is trusted with


def _temper(m: Mention, period_basis: str) -> None:
    """Readings that the dev sets' readers make otherwise more than one time in twenty are not "sure"
    (confidence 0.9 and above, measured in the evaluation's calibration table): a change (its kind and base);
    a rating ("operating effectively": rated good or a plain count?); a range of a count (seldom a
    total: "từ 3-8 hộ thành viên" is each group's size); a period carried from an earlier sentence."""
    why = []
    if m.kind in ("change_pct", "change_abs"):
        why.append("a change")
    if any(r[0] == "rated_good" for r in m.roles):
        why.append("a rating")
    if m.type == "count" and m.q.quantity.qualifier == "range":
        why.append("a range of a count")
    if period_basis.endswith(("earlier in the paragraph", "earlier in the article")):
        why.append("a period carried from an earlier sentence")
    if m.measure == "other":
        why.append("no measure of the vocabulary counts it")
    if why and m.confidence > _JUDGED:
        m.confidence = _JUDGED
        m.say(f"confidence at most {_JUDGED}: {', '.join(why)}")


def _link_levels(mentions: list[Mention]) -> None:
    """Link a change ("fell by 3", "rose from 1,200") to the level it reached ("to 120"), the number
    right after it in its sentence: both count the same thing."""
    for before, m in itertools.pairwise(mentions):
        if (
            m.q.level == "to"
            and before.sentence == m.sentence
            and (before.q.quantity.direction or before.q.level == "from")
        ):
            before.reached = m


def _nature(measure: str) -> str:
    known = measures().get(measure)
    return known.nature if known is not None else ""


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
        per = per_after(view, m.noun.end) if m.noun is not None else None
        if (
            per is not None and m.noun is not None
        ):  # "1.5 cooperatives per commune": a ratio, not a count of cooperatives
            m.measure, m.confidence = "other", 0.6
            m.say(f"a ratio: '{m.noun.text}' per {per} (no measure counts it)")
        elif m.noun is not None and m.noun.rule is not None:
            # A noun that names a part ("members and employees together") is read, not counted, as sure.
            m.measure, m.definition = m.noun.measure, m.noun.rule["definition"]
            m.spans.append((m.noun.start, m.noun.end))
            m.confidence = 0.8 if m.definition else 0.9
            m.noun_measure = m.noun.measure
            m.say(f"noun after the number: '{m.noun.text}'")
            if m.noun.rule["needs"] == "loan" and not money.any_of(*m.sentence, _LOANS):
                # "5 pilot projects", "dự án thí điểm": projects are loan projects only where a loan is spoken of.
                m.measure, m.confidence = "other", 0.5
                m.say("no loan in the sentence: projects of no known measure")
        elif m.noun is not None:
            m.measure, m.confidence = "other", 0.4
            m.say(f"noun not in the vocabulary: '{m.noun.text}'")
        generic = (
            m.noun is not None
            and m.measure == "other"
            and (m.noun.head == "people" or (m.noun.rule is not None and m.noun.rule["generic"]))
        )
        if m.elided or generic:  # "the number of members ... is 4,422 people", "số lượng tổ hợp tác ... 1.200 tổ"
            before = noun_before(view, m.sentence[0], q.start)
            if len(before) == 1:
                m.measure, m.confidence, m.elided = before[0].measure, 0.8, False
                m.spans.append((number_of_start(view, m.sentence[0], q.start, before[0].start), before[0].end))
                m.definition = before[0].rule["definition"] if before[0].rule is not None else m.definition
                m.say(f"noun before the number: 'number of {before[0].text}'")
    elif m.type == "money":
        _money(view, m, money)
    elif m.type == "area":
        m.measure, m.confidence = "cultivated_area", 0.8
        m.say("an area")


_LOANS = frozenset({"loans_disbursed", "outstanding_loans"})


def _money(view: TextView, m: Mention, money: MoneyIndex) -> None:
    q = m.q
    if "/sao" in q.quantity.unit:
        m.measure, m.confidence = "input_support", 0.6
        m.say("money per area (sao)")
        return
    keyword = next(money.before(m.sentence[0], q.start), None)
    if keyword:
        start, end, rule = keyword
        m.measure, m.confidence = rule["measure"], 0.8
        m.spans.append((start, end))
        m.say(f"keyword before the amount: '{view.text[start:end]}'")
    else:
        after = money.after(q.end, min(m.clause[1], q.end + 60))
        if after:
            m.measure, m.confidence = after[2]["measure"], 0.6
            m.spans.append((after[0], after[1]))
            m.say(f"keyword after the amount: '{view.text[after[0] : after[1]]}'")
        else:
            m.say("an amount with no keyword")
    if q.quantity.unit.startswith("USD"):
        m.measure, m.confidence = "other", min(m.confidence, 0.4)
        m.say("an amount in US$: check whether the article means VND")
    if "cooperative" in entity_denominators(q.quantity):
        m.measure = transform("per_cooperative", m.measure) or m.measure


def _lists(
    view: TextView,
    m: Mention,
    i: int,
    mentions: list[Mention],
    run_of: dict,
    cues: CueIndex,
    money: MoneyIndex,
    so_far: SentenceSoFar,
    chains: dict[int, tuple],
) -> None:
    """What the list around the number supplies: a left-out noun, a pairing in order."""
    run, position = run_of[i]
    first = mentions[run[0]]
    total = first.cue(cues, "event")
    if m.type == "count" and m.elided and total is not None and total.role == "total":
        source = so_far.paired(run[0], len(run), position, counts_ending_by=total.start)
        if source is not None:
            m.measure = transform("total", source.measure) or source.measure
            m.confidence, m.elided = 0.8, False
            m.say(f"a total of the list before ({source.q.number} {source.measure})")
            return
    respectively = cues.after_role("respectively", mentions[run[-1]].q.end, mentions[run[-1]].sentence[1])
    if m.type == "money" and len(run) > 1:
        if run[0] not in chains:  # once per list: a long list of amounts stays linear
            keywords = _coordinated(view, money.before(m.sentence[0], first.q.start), len(run))
            chains[run[0]] = (keywords, any(_nature(k[2]["measure"]) == "average" for k in keywords))
        paired, averaged = chains[run[0]]
        if len(paired) == len(run):
            start, end, rule = paired[position]
            m.measure, m.confidence = rule["measure"], 0.8
            m.spans.append((start, end))
            m.say(f"in order with the keywords before: '{view.text[start:end]}'")
            # "doanh thu và lợi nhuận bình quân", "average revenue and profit": the average is said once for all.
            if "cooperative" in entity_denominators(m.q.quantity) or (averaged and _nature(m.measure) != "average"):
                m.measure = transform("per_cooperative", m.measure) or m.measure
            return
    if respectively and len(run) > 1 and m.type in ("percent", "times"):
        if -1 - run[0] not in chains:  # once per list, as for amounts
            keywords = _coordinated(view, money.before(m.sentence[0], first.q.start), len(run))
            chains[-1 - run[0]] = (keywords, any(_nature(k[2]["measure"]) == "average" for k in keywords))
        paired, averaged = chains[-1 - run[0]]
        if len(paired) == len(run):
            # "The average revenue and profit ... were ..., up 3.5 times and 4 times respectively": the changes
            # pair with the keywords, not with the amounts between (one of them may be in US$, of no measure).
            start, end, rule = paired[position]
            m.measure = rule["measure"]
            if averaged and _nature(m.measure) != "average":
                m.measure = transform("per_cooperative", m.measure) or m.measure
            m.confidence, m.paired = 0.7, True
            m.say(f"respectively: the change of '{view.text[start:end]}'")
            return
        source = so_far.paired(run[0], len(run), position)
        if source is not None:
            m.measure, m.confidence = source.measure, 0.7
            m.say(f"respectively: the change of {source.q.number}")
            return
        # Paired with words the extractor does not know ("number of members per cooperative"): not a guess.
        m.measure, m.confidence, m.paired = "other", 0.4, True
        m.say("respectively: paired with words of no known measure")
        return
    if m.type == "count" and m.elided and m.reached is not None and m.reached.measure != "other":
        m.measure, m.confidence, m.elided = m.reached.measure, 0.7, False
        m.say(f"the level it reached: {m.reached.q.number} ({m.reached.measure})")
        return
    if m.type == "count" and m.elided:
        part_of = _PART_OF.match(view.folded, m.q.end)
        if part_of:
            noun, _ = noun_after(view, part_of.end(), min(m.clause[1], m.next_start))
            if noun is not None and noun.rule is not None:
                m.measure, m.confidence, m.elided = "other", 0.6, False
                m.say(f"a part of the {noun.text} (a subset: measure other)")
                return
        antecedent = _antecedent(view, m, so_far)
        if antecedent is not None:
            # The noun itself, not what befell it or the sector it was in: "1,015 in agriculture, 228 in
            # industry", "75 cooperatives were dissolved and 53 others were transformed". Where no cue of
            # its own turns it, it counts what the figure before counts (``taken``, after the cues).
            m.taken = antecedent.before_sector or antecedent.measure
            m.noun_measure = antecedent.noun_measure
            counted = m.noun_measure
            m.measure, m.confidence, m.elided = counted if counted and counted != "other" else m.taken, 0.7, False
            m.say(f"noun left out: as {antecedent.q.number} before ({m.measure})")
            partitive = m.cue(cues, "list")
            if partitive is not None and partitive.role == "partitive":
                # "26 of them are general business cooperative groups": the noun may follow the verb.
                noun, _ = noun_after(view, partitive.end, min(m.clause[1], m.next_start + 60))
                if noun is not None and noun.rule is not None and noun.measure != "other":
                    m.measure = noun.measure
        else:
            m.say("noun left out, and no figure before it to take it from")


_PART_OF = re.compile(r"\s+of (?:the|these|those|all|its|their) ")
# Between money keywords of one list: "revenue and profit", "doanh thu và lợi nhuận", "the average ...".
_KEYWORD_JOINER = re.compile(r"\s*(?:,|and|, and|va|, va)\s*(?:the\s+|average\s+|total\s+|tong\s+)*")


def _coordinated(view: TextView, keywords, most: int) -> list:
    """The last ``most`` keywords before a list when they are themselves a list ("revenue and profit"),
    in text order (fewer when the list of keywords is shorter); ``keywords`` come nearest first."""
    chain: list = []
    for keyword in keywords:
        if len(chain) == most or (chain and not _KEYWORD_JOINER.fullmatch(view.folded, keyword[1], chain[-1][0])):
            break
        chain.append(keyword)
    return chain[::-1] if len(chain) > 1 else []


def _antecedent(view: TextView, m: Mention, so_far: SentenceSoFar) -> Mention | None:
    """The count before ``m`` in its sentence (else in the sentence before, same paragraph)."""
    x = so_far.last_named_count
    if x is not None and (x.sentence == m.sentence or x.q.start >= view.paragraph(m.q.start)[0]):
        return x
    return None
