"""Propose the figure rows of a new article: every statistic, with measure, kind, scope and period.

The extractor reads the raw text the way an analyst does. Every number the quantity parser finds
(:func:`coopanalysis.quantity.find_quantities`) is either rejected as a non-statistic (a date, a
year, a document number, a rank, a site counter...) with the reason, or proposed as a figure whose
measure, kind, scope and period come from the words around it: the noun it counts, the verb before
it, the preposition that gives its period. The rules are keyed on the language of such reports,
never on particular sentences, and each proposal carries a ``confidence``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from .measures import measures, normalize_quantity
from .provinces import find_admin_units, lookup_province
from .quantity import QuantityMatch, find_quantities
from .quotes import QuoteIndex

__all__ = ["EXTRACT_COLUMNS", "Rejected", "detect_province", "extract_figures", "present_year", "reject_reasons"]

#: The columns every proposal has, in this order (more may follow).
EXTRACT_COLUMNS = [
    "province", "quote", "start", "end", "number", "measure", "kind", "value", "low", "high",
    "qualifier", "unit", "period", "base_period", "scope", "confidence",
]

_EXTRACT_DTYPES = {"start": "int64", "end": "int64", "number_start": "int64", "number_end": "int64",
                   "value": "float64", "low": "float64", "high": "float64", "confidence": "float64"}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_NUMBER = {m: i for i, m in enumerate(_MONTHS.split("|"), start=1)}
_DOCUMENTS = (r"(?:Decision|Decree|Resolution|Notice|Program|Programme|Plan|Directive|Circular|Conclusion|"
              r"Dispatch|Document|Official Letter|Instruction|Report)")

# -- Non-statistics ---------------------------------------------------------------------------

#: (category, compiled test on (before, after) context) in the order they are tried.
_BOILERPLATE_LINE = re.compile(r"^\s*(?:Source\b.*|Comment\s*\(\d+\).*|Related (?:news|articles).*|No data)\s*$", re.M)
_COUNTER_LINE = re.compile(r"^[\s•·*\-]*[A-Za-z][A-Za-z ]{0,20}:\s*[\d.,]+\s*$")
_DATE_NUMERIC = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
_URL = re.compile(r"https?://\S+|\b[\w-]+\.html?\b")


@dataclass(frozen=True)
class Rejected:
    """A number the extractor does not propose, and why."""

    start: int
    end: int
    text: str
    category: str
    reason: str


_COMMENT_BEFORE = re.compile(r"Comment\s*\($")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\s*$")
_MONTH_AFTER = re.compile(rf"\s*(?:{_MONTHS})\b")
_DOCUMENT_BEFORE = re.compile(rf"\b{_DOCUMENTS}(?:\s+No\.?)?\s*$|\bNo\.\s*$")
_DOCUMENT_AFTER = re.compile(r"\s*/\s*(?:\d{2,4}\s*/\s*)?[A-Z]|\s*-\s*[A-Z]{2,}/|\s+[A-Z]{2,}/[A-Z]")
_RANK_BEFORE = re.compile(r"\btop\s*$", re.I)
_ONE_OF = re.compile(r"\s+of\b")
_LABEL_BEFORE = re.compile(r"\b(?:phase|stage|step|round|part|section|zone|chapter|article|clause|item|page)\s*$", re.I)
_LABEL_AFTER = re.compile(r"\s*stars?\b|\s+industrial revolution", re.I)
_DURATION_AFTER = re.compile(r"\s+(?:years?|months?|weeks?|days?)\b")
_CHANGE_OF_BEFORE = re.compile(r"\b(?:increase|decrease)\s+of\s*$")


def _reject(text: str, m: QuantityMatch, spans: list[tuple[int, int]]) -> tuple[str, str] | None:
    """Why the number at ``m`` is not a statistic, or None when it is one."""
    before = text[max(0, m.start - 60):m.start]
    after = text[m.end:m.end + 40]
    q = m.quantity
    if any(s <= m.number_start < e for s, e in spans):
        return "site_boilerplate", "inside a link or a numeric date"
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if _COUNTER_LINE.match(line) or _COMMENT_BEFORE.search(before):
        return "site_boilerplate", "a site counter"
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return "date", "next to a month name"
    if _DOCUMENT_BEFORE.search(before) or _DOCUMENT_AFTER.match(after):
        return "document_number", "the number of a document"
    if _RANK_BEFORE.search(before):
        return "rank", "a ranking ('top N')"
    if m.number.lower() == "one" and _ONE_OF.match(after):
        return "phrase", "'one of' is not a count"
    if _LABEL_BEFORE.search(before):
        return "label", "the number of a phase, part or section"
    if _LABEL_AFTER.match(after):
        return "label", "a rating class or a name"
    if q.unit == "" and _DURATION_AFTER.match(after) and not _CHANGE_OF_BEFORE.search(before):
        return "duration", "a length of time"
    if _is_year(m, after):
        return "period", "a year or a range of years"
    return None


_YEAR_TEXT = re.compile(r"(?:19[5-9]\d|20\d\d)(?:\s*[-–]\s*(?:19[5-9]\d|20\d\d))?|(?:19[5-9]\d|20\d\d)\s+to\s+(?:19[5-9]\d|20\d\d)")


def _is_year(m: QuantityMatch, after: str) -> bool:
    """A plain 4-digit 1950-2099 (or a range of two) with no unit, not counting a noun."""
    if m.quantity.unit or not _YEAR_TEXT.fullmatch(m.number):
        return False
    return not _COUNT_NOUN_START.match(after)


def reject_reasons(text: str) -> list[Rejected]:
    """Every number of ``text`` that is not a statistic, with its category and reason."""
    return _scan(text)[1]


# -- Measures ---------------------------------------------------------------------------------

_COUNT_NOUNS = [
    (r"(?:new |additional )?cooperatives? (?:were|was|have been|has been|had been) (?:temporarily )?suspended", "suspended_cooperatives"),
    (r"(?:(?:new |additional )?cooperatives? )?(?:were|was|have been|has been|had been) dissolved", "dissolved_cooperatives"),
    (r"(?:cooperatives? )?(?:stopped|ceased|halted|suspended) (?:operating|operations?|activities|production)", "suspended_cooperatives"),
    (r"(?:new |additional )?cooperatives? (?:were|was|have been|has been|had been) (?:converted|transformed)", "converted_cooperatives"),
    (r"(?:(?:new |additional )?cooperatives? )?(?:were|was|have been|has been|had been) (?:newly )?(?:established|formed|set up|founded|created)", "new_cooperatives"),
    (r"new(?:ly established)? cooperative groups", "new_cooperative_groups"),
    (r"new(?:ly established)? cooperatives", "new_cooperatives"),
    (r"(?:registered |active |operating )?cooperative groups?", "cooperative_groups"),
    (r"(?:cooperative unions?|unions? of cooperatives)", "cooperative_unions"),
    (r"people'?s credit funds?", "peoples_credit_funds"),
    (r"non-agricultural cooperatives", "non_agricultural_cooperatives"),
    (r"agricultural cooperatives", "agricultural_cooperatives"),
    (r"(?:registered |active |operating |participating |official )?(?:cooperatives|co-?ops)\b|cooperative\b(?! [a-z])", "cooperatives"),
    (r"members? of the (?:executive|management|supervisory) (?:committee|board)", "other"),
    (r"cooperative members\b", "members"),
    (r"(?:cooperative )?(?:leaders|managers|staff|officials|directors|cadres)\b", "participants"),
    (r"(?:members?|member units?|member households?)\b", "members"),
    (r"(?:workers|employees|labou?rers|jobs)\b", "workers"),
    (r"(?:loan )?projects?\b", "loan_projects"),
    (r"borrowers?\b", "loan_borrowers"),
    (r"(?:\w+ )?training courses?\b", "training_courses"),
    (r"(?:courses?|classes?) (?:to|on) (?:support and )?advis", "advisory_courses"),
    (r"(?:courses?|classes?)\b", "training_courses"),
    (r"(?:conferences?|campaigns?|seminars?|workshops?)\b", "dissemination_events"),
    (r"(?:participants?|attendees|trainees|people attended|attendants)\b", "participants"),
    (r"(?:articles?|news items?|news reports?|reports?|broadcasts?)\b", "media_items"),
    (r"(?:meetings?|dialogues?)\b", "dialogues"),
    (r"young (?:workers?|intellectuals?|graduates?|people|cadres)\b", "young_workers_placed"),
    (r"(?:ocop |one commune one product )?products?\b", "ocop_products"),
    (r"(?:value |production |linkage )?chains?\b", "value_chains"),
    (r"households?\b", "partner_households"),
    (r"(?:recognised |recognized |traditional )?craft villages?\b", "craft_villages"),
    (r"enterprises?\b", "enterprises"),
]
_COUNT_NOUN_RES = [(re.compile(p), m) for p, m in _COUNT_NOUNS]
_COUNT_NOUN_START = re.compile(r"\s*(?:" + "|".join(p for p, _ in _COUNT_NOUNS) + ")")
_SKIP_WORDS = re.compile(r"\s*(?:(?:more|other|additional|new|existing|registered|active|operating|participating|"
                         r"official|specific|key|small|large|typical|effective|qualified|\w+ly)\s+)*")

# Up to two words that qualify a noun ("seafood", "tea-processing"), never function words.
_MODIFIER = r"(?!(?:of|the|a|an|in|on|to|and|or|with|for|from|by|at|as|were|was|have|has|had|are|is)\b)[a-z-]+\s+"
_MODIFIER_1 = re.compile(rf"\s*{_MODIFIER}(?=\w)")
_MODIFIER_2 = re.compile(rf"\s*{_MODIFIER}{_MODIFIER}(?=\w)")

_MONEY_KEYWORDS = [
    (re.compile(r"outstanding (?:loans?|credit|balance|debts?)"), "outstanding_loans"),
    (re.compile(r"charter capital"), "charter_capital"),
    (re.compile(r"capital of the [\w' ]*fund|fund'?s? (?:total )?capital"), "fund_capital"),
    (re.compile(r"\bprofits?\b"), "avg_profit_per_cooperative"),
    (re.compile(r"\brevenues?\b"), "avg_revenue_per_cooperative"),
    (re.compile(r"\bincomes?\b|\bwages?\b|\bsalar(?:y|ies)\b|\bearn(?:s|ed|ing)?\b"), "avg_income_per_worker"),
    (re.compile(r"\b(?:loans?|loaned|borrow\w*|disburs\w*|lend\w*|lent|credit)\b"), "loans_disbursed"),
    (re.compile(r"\b(?:funding|funds?|support\w*|grants?|budget|subsid\w*|provid\w*|allocat\w*)\b"), "support_funding"),
]
# "the province has 73 cooperatives" counts them; "has supported 73 cooperatives" supports them.
_HAS_BEFORE = re.compile(r"\b(?:is home to|there (?:are|were|is)|has|had|have|total(?:ing|s)?)\s+"
                         r"(?:about |over |nearly |almost |more than |approximately )?$")
_SUPPORT_VERB = re.compile(r"\b(?:support\w*|assist\w*|help\w*|guid\w*|consult\w*|advis\w*|bring\w*|enabl\w*|provid\w*|for)\b")
_TARGET_CLAUSE = re.compile(r"\b(?:will|shall|aims? to|aiming to|plans? to|(?:the )?(?:plan|target) (?:of|is|was)|target(?:s|ed)? to|sets? out|"
                            r"targets|strives? to|striving to|expects? to|is expected to|by (?:the end of )?20\d\d|goal (?:of|is))\b")
_TARGET_PARAGRAPH = re.compile(r"\b(?:objectives?|targets?|goals?)\b[^.]{0,120}\b(?:as follows|are|include)\b\s*:?", re.I)
_CHANGE_BEFORE = re.compile(r"\b(?:increase[sd]?|increasing|rise|rising|rose|grew|grow(?:ing|n)?|growth|decrease[sd]?|decreasing|"
                            r"decline[sd]?|declining|fell|falling|drop(?:ped)?|higher|lower)\s+(?:of\s+|by\s+)?"
                            r"(?:about\s+|nearly\s+|over\s+|more than\s+|almost\s+)?$")
_CHANGE_BEFORE_PERCENT = re.compile(r"(?:^|[,;]\s*|\band\s+)(?:up|down)\s+(?:by\s+)?$")
_CHANGE_AFTER = re.compile(r"^\s*(?:%|percent)?\s*(?:compared (?:to|with)|than|over|from|higher|more|lower|less|up|down|increase|decrease|that of)\b")
_BASE_PERIOD = re.compile(r"(?:compared (?:to|with)|than|that of|over|from)\s+(?:the\s+)?(?:end of\s+|same period (?:of|in)\s+|(?:year|in)\s+)?((?:19|20)\d\d)")


def _count_measure(post: str) -> tuple[str, float, str]:
    """Measure of a count from the noun phrase after the number, its confidence, and the text after it."""
    phrase = post.lower()
    lead = len(phrase) - len(phrase.lstrip())
    skipped = _SKIP_WORDS.match(phrase).end() if phrase.strip() else 0
    offsets = [lead, skipped] + [m.end() for m in (_MODIFIER_1.match(phrase), _MODIFIER_2.match(phrase)) if m]
    for offset in offsets:
        for pattern, measure in _COUNT_NOUN_RES:
            found = pattern.match(phrase, offset)
            if found:
                return measure, 0.9, phrase[found.end():]
    return "other", 0.4, phrase


# -- Text structure ---------------------------------------------------------------------------

class _Structure:
    """Clause, sentence and paragraph boundaries of a text, computed once, looked up by bisection."""

    def __init__(self, text: str):
        self.text = text
        self.quotes = QuoteIndex(text)
        self.clause_ends = [m.start() for m in re.finditer(r"[.;!?:](?=\s)|\n|\|", text)]
        self.sentence_ends = [m.start() for m in re.finditer(r"[.!?](?=\s)|\n", text)]
        self.paragraph_ends = [m.start() for m in re.finditer(r"\n", text)]

    @staticmethod
    def _span(ends: list[int], position: int, length: int) -> tuple[int, int]:
        i = bisect.bisect_right(ends, position - 1)
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else length
        return start, end

    def clause(self, position: int) -> tuple[int, int]:
        return self._span(self.clause_ends, position, len(self.text))

    def sentence(self, position: int) -> tuple[int, int]:
        return self._span(self.sentence_ends, position, len(self.text))

    def paragraph(self, position: int) -> tuple[int, int]:
        return self._span(self.paragraph_ends, position, len(self.text))


# -- Province ---------------------------------------------------------------------------------

_PROVINCE_NAMED = re.compile(
    r"\b((?:[A-Z][a-zà-ỹđ]+|[ĐĐ][a-zà-ỹ]+)(?:[ -][A-Z][a-zà-ỹđ]+){0,3})\s+(?:province|Province|Provincial)\b"
    r"|\b(?:province|Province) of ((?:[A-Z][a-zà-ỹđ]+)(?:[ -][A-Z][a-zà-ỹđ]+){0,3})"
)
_UNIT_NAMED = re.compile(r"\b((?:[A-Z][a-zà-ỹđ]+|Đ[a-zà-ỹ]+)(?:[ -][A-Z][a-zà-ỹđ]+){0,3})\s+(district|District|town|Town|commune|Commune|city|City)\b")


def detect_province(text: str) -> tuple[str, str]:
    """The article's province and how it was found: named in the text, or inferred from a district.

    Returns ``("", "no province named and no known district")`` when neither works. Names shared
    across levels are told apart by the word after them: "Hoa Binh commune, Chi Lang district" is a
    commune of Lang Son; "Hoa Binh province" is the province.
    """
    named: Counter[str] = Counter()
    for match in _PROVINCE_NAMED.finditer(text):
        for candidate in filter(None, match.groups()):
            words = candidate.split()
            for size in range(len(words), 0, -1):  # "In Quang Ninh" -> try "In Quang Ninh", then "Quang Ninh"
                try:
                    named[lookup_province(" ".join(words[-size:])).name] += 1
                    break
                except KeyError:
                    continue
    if named:
        province, count = sorted(named.items(), key=lambda item: (-item[1], item[0]))[0]
        return province, f"named in the text ('{province} province' or similar, {count} mention{'s' * (count > 1)})"
    found: Counter[str] = Counter()
    basis: dict[str, str] = {}
    for match in _UNIT_NAMED.finditer(text):
        name, level = match.group(1), match.group(2).lower()
        levels = {"district": ("district", "urban district"), "town": ("town",), "commune": ("commune",),
                  "city": ("city",)}[level]
        for size in range(len(name.split()), 0, -1):
            candidate = " ".join(name.split()[-size:])
            units = find_admin_units(candidate, levels)
            provinces = sorted({u.province for u in units})
            if len(provinces) == 1:
                found[provinces[0]] += 1
                basis.setdefault(provinces[0], f"{candidate} {level}")
                break
    if found:
        province = sorted(found.items(), key=lambda item: (-item[1], item[0]))[0][0]
        return province, f"inferred from {basis[province]} (a {basis[province].split()[-1]} of {province})"
    return "", "no province named and no known district"


# -- Extraction -------------------------------------------------------------------------------

def _boilerplate_start(text: str) -> int:
    """Where the site's footer begins ("Source", "Comment (0)", "Related news"), or the text's end."""
    starts = [m.start() for m in _BOILERPLATE_LINE.finditer(text) if m.start() > len(text) * 0.3]
    return min(starts) if starts else len(text)


def _scan(text: str) -> tuple[list[QuantityMatch], list[Rejected]]:
    body_end = _boilerplate_start(text)
    spans = [m.span() for m in _URL.finditer(text)] + [m.span() for m in _DATE_NUMERIC.finditer(text)]
    kept, rejected = [], []
    for m in find_quantities(text):
        if m.start >= body_end:
            rejected.append(Rejected(m.number_start, m.number_end, m.number, "site_boilerplate", "after the article's end"))
            continue
        reason = _reject(text, m, spans)
        if reason:
            rejected.append(Rejected(m.number_start, m.number_end, m.number, *reason))
        else:
            kept.append(m)
    # Digits the parser does not read as numbers: ordinals ("20th") and parts of names or codes ("Z121").
    seen = {position for m in kept for position in range(m.number_start, m.number_end)}
    seen.update(position for r in rejected for position in range(r.start, r.end))
    for digits in re.finditer(r"\d+", text):
        if digits.start() not in seen:
            ordinal = re.match(r"(?:st|nd|rd|th)\b", text[digits.end():digits.end() + 3])
            category, reason = ("ordinal", "an ordinal") if ordinal else ("name", "digits inside a word or code")
            rejected.append(Rejected(digits.start(), digits.end(), digits.group(0), category, reason))
    return kept, rejected


def present_year(text: str) -> int | None:
    """The article's own year: the latest year written with a month or opening a sentence."""
    years = [int(y) for y in re.findall(rf"\b(?:{_MONTHS})(?:\s+\d{{1,2}},)?\s+((?:19|20)\d\d)\b", text)]
    years += [int(y) for y in re.findall(r"\d{1,2}/\d{1,2}/((?:19|20)\d\d)", text)]
    years += [int(y) for y in re.findall(r"(?:^|[.!?]\s+|\n)(?:In|By the end of|As of)\s+((?:19|20)\d\d)\b", text)]
    if not years:
        # Fallback: the latest year the text places events in ("of 2023", "in 2023"), not plan ends.
        years = [int(y) for y in re.findall(r"\b(?:in|of|during)\s+((?:19|20)\d\d)\b(?!\s*[-–])", text)]
    return max(years) if years else None


def extract_figures(text: str) -> pd.DataFrame:
    """Propose one row per statistic in ``text`` (columns :data:`EXTRACT_COLUMNS`, then extras).

    Extra columns: ``number_start``/``number_end`` (the number's span), ``province_basis`` (how the
    province was found) and ``evidence`` (the words that decided the measure).
    """
    province, province_basis = detect_province(text)
    structure = _Structure(text)
    present = present_year(text)
    kept, _ = _scan(text)
    rows: list[dict] = []
    for m in kept:
        row = _classify(text, m, structure, rows, present)
        if row is None:
            continue
        row.update(province=province, province_basis=province_basis)
        rows.append(row)
    columns = EXTRACT_COLUMNS + ["number_start", "number_end", "province_basis", "evidence"]
    # Column lists, not a list of dicts: four times faster, and the same dtypes (checked below).
    frame = pd.DataFrame({column: [row[column] for row in rows] for column in columns})
    return frame.astype(_EXTRACT_DTYPES) if frame.empty else frame


def _classify(text: str, m: QuantityMatch, structure: _Structure, previous: list[dict], present: int | None) -> dict | None:
    # Windows around the number, so that a text without punctuation or line breaks stays linear.
    clause_start, clause_end = _clipped(structure.clause(m.number_start), m, 400)
    sentence_start, sentence_end = _clipped(structure.sentence(m.number_start), m, 600)
    paragraph_start, paragraph_end = _clipped(structure.paragraph(m.number_start), m, 1500)
    previous = _recent(previous, sentence_start - 400)
    pre = text[clause_start:m.start].lower()
    post = text[m.end:clause_end]
    sentence_pre = text[sentence_start:m.start].lower()
    sentence = text[sentence_start:sentence_end].lower()
    q = m.quantity

    kind, base_period = "level", ""
    is_change = bool(_CHANGE_BEFORE.search(pre[-40:])
                     or q.unit in ("%", "times") and (_CHANGE_AFTER.match(post.lower()) or _CHANGE_BEFORE_PERCENT.search(pre[-12:]))) \
        or q.unit == "times" or bool(q.direction)
    if is_change:
        base = _BASE_PERIOD.search(text[m.start:min(sentence_end, m.end + 80)])
        base_period = base.group(1) if base else ""
        kind = "change_pct" if q.unit in ("%", "times") else "change_abs"

    measure, confidence, evidence = _measure(text, m, pre, post, sentence, q, kind, previous, sentence_start)
    if kind == "level" and q.unit == "%":
        kind = "share_pct"
    if kind == "level" and _is_target(text, m, pre, post, paragraph_start):
        kind = "target"
        if measure == "new_cooperatives_supported":
            measure = "new_cooperatives"  # "support the establishment of N new cooperatives" as a plan target
    if kind == "level" and re.search(r"\bof (?:which|them|these)\s+$", pre):
        earlier = [r for r in previous if r["number_start"] >= sentence_start]
        if earlier and earlier[-1]["kind"] == "target":
            kind = "target"  # a part of a planned whole is planned too
    if kind in ("change_pct", "change_abs") and not base_period:
        confidence = min(confidence, 0.5)
    scope = _scope(text, m, sentence, sentence_pre, paragraph_start)
    period = _period(text, m, kind, sentence_start, paragraph_start, present)

    try:
        value, low, high, unit = normalize_quantity(q, measures()[measure], kind)
    except ValueError:
        measure, confidence = "other", min(confidence, 0.3)
        value, low, high, unit = normalize_quantity(q, measures()["other"], kind)
    quote_start, quote_end = _quote_span(structure.quotes, m, clause_start, clause_end)
    return {
        "quote": text[quote_start:quote_end], "start": quote_start, "end": quote_end, "number": m.number,
        "measure": measure, "kind": kind, "value": value, "low": low, "high": high, "qualifier": q.qualifier,
        "unit": unit, "period": period, "base_period": base_period, "scope": scope,
        "confidence": round(confidence, 2), "number_start": m.number_start, "number_end": m.number_end,
        "evidence": evidence,
    }


def _clipped(span: tuple[int, int], m: QuantityMatch, reach: int) -> tuple[int, int]:
    return max(span[0], m.start - reach), min(span[1], m.end + reach)


def _recent(previous: list[dict], bound: int) -> list[dict]:
    """The proposals whose number starts at or after ``bound`` (they are in text order)."""
    i = len(previous)
    while i > 0 and previous[i - 1]["number_start"] >= bound:
        i -= 1
    return previous[i:]


def _measure(text, m, pre, post, sentence, q, kind, previous, sentence_start) -> tuple[str, float, str]:
    """The measure a number counts, from the noun after it, the verb or keyword before it."""
    if kind in ("change_pct", "change_abs"):
        earlier = [r for r in previous if r["number_start"] >= sentence_start - 400 and r["kind"] in ("level", "target")]
        if earlier:
            return earlier[-1]["measure"], 0.8, f"change of the figure before ({earlier[-1]['number']})"
        return "other", 0.3, "a change with no figure before it"
    same_sentence = [r for r in previous if r["number_start"] >= sentence_start and r["kind"] in ("level", "target")]
    if q.unit == "%":
        context = pre + " " + post.lower()
        if re.search(r"\b(?:rated|good|excellent|operating well|successfully|effective(?:ly)?)\b", context):
            return "cooperatives_rated_good", 0.8, "share rated good"
        if same_sentence and re.search(r"\b(?:accounting for|accounted for|accounts for|making up|made up|representing|equal to)\s+(?:about\s+|nearly\s+|over\s+|almost\s+)?$", pre):
            return same_sentence[-1]["measure"], 0.7, f"share of the figure before ({same_sentence[-1]['number']})"
        if re.search(r"\bsupport\b", post.lower()[:40]):
            return "input_support", 0.6, "share of costs supported"
        return "other", 0.4, "a share of something not recognised"
    if q.unit.startswith("VND"):
        if "/sao" in q.unit or "/ha" in q.unit:
            return "input_support", 0.6, "money per area"
        # The last specific keyword before the amount wins ("outstanding loans of", "charter capital
        # of"); the generic "support"/"fund" only counts when nothing specific is there.
        window = pre[-120:]
        candidates = [(hits[-1].end(), -index, measure, pattern)
                      for index, (pattern, measure) in enumerate(_MONEY_KEYWORDS)
                      if (hits := list(pattern.finditer(window)))]
        specific = [c for c in candidates if c[2] != "support_funding"]
        best = max(specific or candidates, default=None)
        if best is None:
            for pattern, measure in _MONEY_KEYWORDS:
                if pattern.search(post.lower()[:40]):
                    return measure, 0.6, f"'{pattern.pattern}' after the amount"
            return "other", 0.3, "an amount with no keyword"
        measure = best[2]
        if measure == "avg_revenue_per_cooperative" and not re.search(r"average|per cooperative|each cooperative|/coop", pre + q.reported_unit.lower()):
            measure = "total_revenue"
        return measure, 0.8, f"keyword '{best[3].pattern}' before the amount"
    if q.unit == "ha":
        return "cultivated_area", 0.8, "an area"

    measure, confidence, after_noun = _count_measure(post)
    evidence = f"noun after the number: {post.strip()[:30]!r}"
    if measure == "other" and same_sentence and re.search(r"\b(?:plan|target|goal|objective)s? (?:of|was|is)\s+$", pre):
        return same_sentence[-1]["measure"], 0.7, f"the plan for the figure before ({same_sentence[-1]['number']})"
    if measure == "cooperatives" and re.search(r"\b(?:establish\w*|set(?:ting)? up|found(?:ed|ing)?|creat\w*)\s+(?:\w+\s+)?$", pre[-30:]):
        return ("new_cooperatives_supported" if _SUPPORT_VERB.search(pre[-60:]) and not _is_plan(pre) else "new_cooperatives"), 0.8, "cooperatives being set up"
    if measure in ("cooperatives", "members") and re.search(r"\b(?:lent|loaned|lend\w*|disburs\w*)\b(?:[^.;]|\.\d)*\bto\s+(?:about\s+|over\s+|nearly\s+)?$", pre[-80:]):
        return "loan_borrowers", 0.7, "the borrowers of a loan"
    if re.search(r"\badmit(?:ted|s)?\b", pre[-60:]) and measure in ("cooperatives", "new_cooperatives", "enterprises"):
        return "union_members_admitted", 0.7, "admitted as members"
    if measure == "other" and not re.match(r"\s*\w", post):
        # "... the total number of registered cooperatives ... to 557": the noun comes before.
        noun_before = re.search(r"number of ((?:[\w-]+ ){0,2}?(?:cooperative groups|cooperatives|members))\b[^.;]*$", pre)
        if noun_before:
            measure, confidence, after_noun = _count_measure(noun_before.group(1))
            evidence = f"noun before the number: {noun_before.group(1)!r}"
    paren = re.search(r"\b((?:non-)?agricultur\w*)[\w\s-]{0,20}\(\s*$", pre)
    if paren and measure == "cooperatives":
        measure = "non_agricultural_cooperatives" if paren.group(1).startswith("non") else "agricultural_cooperatives"
        evidence = f"sector before the bracket: {paren.group(1)!r}"
    if measure == "agricultural_cooperatives" and "ocop" in sentence:
        measure = "ocop_agricultural_cooperatives"
    if measure == "cooperatives":
        if re.match(r"\s*(?:participating|taking part|joining)\s+in\b[^.;]*\b(?:ocop|one commune one product)", after_noun):
            measure = "ocop_cooperatives"
        elif re.search(r"\bchains?\b[^.;]*$", pre[-40:]) and re.search(r"participat", post.lower()[:20] + pre[-30:]):
            measure = "value_chain_cooperatives"
        elif re.search(r"\b(?:establishment|establish(?:ing)?) of\s+$", pre) and _SUPPORT_VERB.search(pre):
            measure = "new_cooperatives_supported"
        elif _SUPPORT_VERB.search(pre[-70:]) and not _HAS_BEFORE.search(pre):
            measure = "cooperatives_supported"
    elif measure == "new_cooperatives" and re.search(r"\b(?:establishment|establish(?:ing)?) of\s+$", pre) and _SUPPORT_VERB.search(pre):
        measure = "new_cooperatives_supported"
    elif measure == "members" and re.search(r"\b(?:loans?|borrow\w*|lend\w*)\b", pre[-60:] + " " + post.lower()[:100]):
        measure = "loan_borrowers"
    elif measure == "participants":
        window = sentence
        if re.search(r"\btrain\w*|\bcourses?\b", pre[-80:]):
            measure = "training_participants"
        elif re.search(r"\b(?:conferences?|campaigns?|disseminat\w*|seminars?|propaganda)\b", window):
            measure = "dissemination_participants"
        else:
            measure = "training_participants" if re.search(r"\btrain", window) else "dissemination_participants"
        confidence = 0.7
    elif measure == "ocop_products":
        rated = re.match(r"(?:\s*of [^.;,]{0,40}?)?\s*(?:have |has |had )?(?:been )?(?:achiev\w*|rated|reach\w*|with|of)\s+(\d)[\s-]*stars?\b(?!\s+or\s+(?:more|above|higher))", after_noun)
        if rated and f"ocop_products_{rated.group(1)}_star" in measures():
            measure = f"ocop_products_{rated.group(1)}_star"
    elif measure == "enterprises":
        measure = "union_members_admitted" if re.search(r"\badmitted\b", pre) else "other"
        confidence = 0.6 if measure != "other" else 0.4
    elif measure == "value_chains" and not re.search(r"\bchains?\b", post.lower()[:25]):
        measure = "other"
    if measure == "partner_households" and not re.search(r"partner|link|contract|cooperat", pre + post.lower()):
        confidence = 0.6
    return measure, confidence, evidence


def _is_plan(pre: str) -> bool:
    return bool(_TARGET_CLAUSE.search(pre))


def _is_target(text, m, pre, post, paragraph_start) -> bool:
    """A planned value: future or plan words in its clause, or a paragraph that lists objectives."""
    if _TARGET_CLAUSE.search(pre) or re.match(r"\s*(?:specific |key |main )?(?:goals?|targets?|objectives?)\b", post.lower()):
        return True
    paragraph_before = text[paragraph_start:m.start]
    trigger = None
    for trigger in _TARGET_PARAGRAPH.finditer(paragraph_before):
        pass
    if trigger is None:
        return False
    between = paragraph_before[trigger.end():].lower()
    return not re.search(r"\b(?:has|have|had|were|was) (?:\w+ed|been)\b|\bachieved\b|\bresult(?:ed|s)?\b", between)


_NAMED_COOPERATIVE = re.compile(r"((?:[A-Z][\w-]*\s+){1,6}(?:Cooperative|Co-operative|Cooperative Group))\b(?!\s+(?:Union|Alliance))")


def _scope(text, m, sentence, sentence_pre, paragraph_start) -> str:
    paragraph_before = text[paragraph_start:m.start]
    if re.search(r"\bin the (?:province|whole province|entire province)\b|\bprovince-wide\b|\bthe (?:whole )?province has\b", sentence):
        return "province"
    if re.search(r"\bnationwide\b|\bin the country\b|\bnational\b", sentence_pre[-60:]):
        return "national"
    singular = re.compile(r"\bthe cooperative\b(?!s| groups?| unions?| alliance| economy| sector| development)", re.I)
    if singular.search(sentence):
        names = _NAMED_COOPERATIVE.findall(paragraph_before)
        if names:
            return f"entity:{' '.join(names[-1].split())}"
    districts = [name for _, name in _district_mentions(text, paragraph_start, m.start)]
    line_end = text.find("\n", m.end, m.end + 1500)
    if districts and not re.search(r"\bin the province\b", text[paragraph_start:line_end if line_end >= 0 else m.end + 1500]):
        commune_context = re.search(r"\bcommune,\s*$", text[max(0, m.start - 200):m.start])
        if not commune_context:
            return f"district:{_last_words(districts[-1])}"
    return "province"


_DISTRICT_MENTION = re.compile(r"\b((?:[A-Z][a-zà-ỹđ]+)(?:[ -][A-Z][a-zà-ỹđ]+){0,2})\s+(?:district|town)\b")


def _district_mentions(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Known districts and towns named in ``text[start:end]``, with their positions."""
    return [(start + m.start(), m.group(1)) for m in _DISTRICT_MENTION.finditer(text[start:end])
            if find_admin_units(_last_words(m.group(1)), ("district", "urban district", "town"))]


def _last_words(name: str) -> str:
    words = name.split()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[-size:])
        if find_admin_units(candidate, ("district", "urban district", "town")):
            return candidate
    return name


def _period(text, m, kind, sentence_start, paragraph_start, present) -> str:
    sentence_before = text[sentence_start:m.start]
    window = text[sentence_start:m.end + 60]
    paragraph_before = text[paragraph_start:m.start]
    present_year = present
    if kind == "target":
        plan = re.findall(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", text[paragraph_start:m.start] or text[max(0, m.start - 3000):m.start])
        if plan:
            return f"{plan[-1][0]}-{plan[-1][1]}"
        by = re.search(r"\bby ((?:19|20)\d\d)\b", window)
        if by and present_year:
            return f"{present_year}-{by.group(1)}" if int(by.group(1)) > present_year else by.group(1)
    as_of = re.search(rf"\b(?:as of|by the end of|in|until|at the end of)\s+({_MONTHS})\s+((?:19|20)\d\d)\b", window, re.I)
    if as_of:
        return f"{as_of.group(2)}-{_MONTH_NUMBER[as_of.group(1).capitalize()]:02d}"
    half = re.search(r"\b(?:first|1st) (?:6 months|six months|half) of ((?:19|20)\d\d)\b", window)
    if half:
        return f"H1 {half.group(1)}"
    since = re.findall(r"\b(?:from|since) ((?:19|20)\d\d)\b(?: to (?:the )?(?:present|now|date)| until now|\s*(?:,|to date))?", paragraph_before)
    in_year = re.findall(r"\b(?:in|In|during|During) ((?:19|20)\d\d)\b", sentence_before)
    if in_year:
        return in_year[-1]
    if since and present_year:
        return f"{since[-1]}-{present_year}" if int(since[-1]) < present_year else since[-1]
    if re.search(r"\bduring the year\b|\bin the year\b", sentence_before, re.I):
        years = re.findall(r"\b(?:in|In) ((?:19|20)\d\d)\b", text[max(0, m.start - 3000):m.start])
        if years:
            return years[-1]
    earlier = re.findall(r"\b(?:in|In) ((?:19|20)\d\d)\b", paragraph_before)
    if earlier:
        return earlier[-1]
    return str(present_year) if present_year else ""


def _quote_span(quotes: QuoteIndex, m: QuantityMatch, clause_start: int, clause_end: int) -> tuple[int, int]:
    """A short verbatim quote around the number, inside its clause, that occurs once in the text."""
    text = quotes.text
    for reach in (45, 70, 110, 200, 400):
        start = max(clause_start, m.start - reach)
        end = min(clause_end, m.end + reach)
        if start > clause_start:
            space = text.find(" ", start, m.start)
            start = space + 1 if space >= 0 else m.start
        if end < clause_end:
            space = text.rfind(" ", m.end, end)
            end = space if space >= 0 else m.end
        while start < m.start and not text[start].isalnum():
            start += 1
        while end > m.end and not (text[end - 1].isalnum() or text[end - 1] in "%)"):
            end -= 1
        if quotes.unique(start, end):
            return start, end
    return start, end
