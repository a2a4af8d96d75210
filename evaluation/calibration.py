"""How often a proposal is right at each confidence: the calibration of the extractor's confidence.

A proposal is *right* when it finds a statistic of the set (the scorer's matching: overlapping
quote, same value) and reads it as the set's reader does: its measure (or a finer one of the
vocabulary; any measure of the vocabulary's finer ones where the reader wrote ``other``, a kind
where the reader wrote ``target``, ``growth_pct`` or ``share_pct``), its kind, its period (the
reader's "as of 2023-11-30" is 2023-11, "2024 YTD" is 2024, "before 2001" is 2000; a year agrees
with a month of it) and its scope (the same organization or district, however written). A
proposal that finds no statistic is wrong. The review page colours by these bands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from coopanalysis.extract import extract_figures
from coopanalysis.extract.folding import fold

from .scores import _GOLD_KINDS, CORE, FAMILY, EvaluationSet, _corpus_set, _gold_set, default_sets, matches

__all__ = ["BANDS", "Band", "band_of", "calibration", "judged"]


@dataclass(frozen=True)
class Band:
    """A confidence band of the review page: proposals at ``low`` <= confidence < ``high``."""

    name: str
    low: float
    high: float
    colour: str  # the review page's colour for it


#: The bands, most confident first. Measured on the dev sets (docs/guides/extractor.md, make evaluate): at 0.9 and
#: above, at least 95% of proposals are right.
BANDS = (
    Band("sure", 0.9, 1.01, "green"),
    Band("likely", 0.7, 0.9, "yellow"),
    Band("check", 0.5, 0.7, "orange"),
    Band("doubtful", 0.0, 0.5, "red"),
)


def band_of(confidence: float) -> Band:
    """The band a confidence falls in."""
    return next(b for b in BANDS if b.low <= confidence < b.high)


def _period(gold: str) -> str:
    """The reader's period in the vocabulary's form ("as of 2023-11-30" -> "2023-11")."""
    gold = gold.strip()
    before = re.fullmatch(r"before ((?:19|20)\d\d)", gold)
    if before:
        return str(int(before.group(1)) - 1)
    gold = re.sub(r"^as of ", "", re.sub(r" YTD$", "", gold))
    return re.sub(r"^(\d{4}-\d\d)-\d\d$", r"\1", gold)


def _same_period(gold: str, proposed: str) -> bool:
    gold, proposed = _period(gold), str(proposed or "")
    return (
        gold == proposed
        or (len(gold) == 4 and proposed.startswith(gold + "-") and len(proposed) == 7)
        or (len(proposed) == 4 and gold.startswith(proposed + "-") and len(gold) == 7)
    )


# Words of an organization's name that say what it is, not which one (in either language, folded).
_KIND_WORDS = frozenset(
    """co operative cooperative cooperatives coop htx hop tac xa to agricultural nong nghiep service
services dich vu general tong hop people s peoples credit fund funds quy tin dung nhan dan qtdnd union alliance
lien minh hiep support development ho tro phat trien the of and va district huyen province tinh city thanh pho tp
commune xa""".split()
)


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^a-z0-9]+", fold(name)) if w and w not in _KIND_WORDS)


def _same_scope(gold: str, proposed: str) -> bool:
    """Same kind of scope and, for a district or an organization, the same name however written
    ("Thanh Phu Xanh Agricultural Cooperative" is "HTX Nông nghiệp Thạnh Phú Xanh")."""
    gold, proposed = (gold or "province").strip(), str(proposed or "province")
    kind, _, name = gold.partition(":")
    their, _, written = proposed.partition(":")
    if kind != their:
        return False
    ours, theirs = _name_words(written), _name_words(name)
    return not name or not theirs or ours <= theirs or theirs <= ours


def _right(g: dict, p: dict, vocabulary: bool) -> bool:
    measure, kind = p["measure"], p["kind"] or "level"
    if vocabulary:
        same_measure, gold_kind = measure == g["measure"], g["kind"]
    else:
        gold_kind = _GOLD_KINDS.get(g["measure"], "level")
        same_measure = (
            gold_kind != "level"
            or measure == g["measure"]
            or measure in FAMILY.get(g["measure"], ())
            or (g["measure"] == "other" and measure not in CORE)
        )
    return (
        same_measure
        and kind == gold_kind
        and _same_period(g.get("period", ""), p["period"])
        and _same_scope(g.get("scope", ""), p["scope"])
    )


def judged(one: EvaluationSet) -> pd.DataFrame:
    """Every proposal of a set with its confidence and whether it is right (``right``)."""
    texts, gold, expected = (_gold_set if one.kind == "gold" else _corpus_set)(one.folder)
    proposals = []
    for article_id, text in texts.items():
        proposals += (
            extract_figures(text, hint=expected[article_id][1]).assign(article_id=article_id).to_dict("records")
        )
    right = [False] * len(proposals)
    for g, hit in zip(gold, matches(gold, proposals, texts, one.kind == "corpus")):
        if hit is not None:
            right[hit] = _right(g, proposals[hit], one.kind == "corpus")
    table = pd.DataFrame(proposals)
    return table.assign(right=right, set=one.name)


def calibration(sets: list[EvaluationSet] | None = None) -> pd.DataFrame:
    """One row per band: proposals, right, share right (``sets``: by default the dev sets, English and
    Vietnamese, where their source is present)."""
    sets = sets if sets is not None else [s for s in default_sets() if s.name in ("dev set", "dev set vi")]
    frames = [judged(one) for one in sets]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["confidence", "right"])
    rows = []
    for band in BANDS:
        inside = table[(table["confidence"] >= band.low) & (table["confidence"] < band.high)]
        rows.append(
            {
                "band": band.name,
                "confidence": f"{band.low:.1f}-{min(band.high, 1.0):.1f}" if band.high <= 1 else f">= {band.low:.1f}",
                "proposals": len(inside),
                "right": int(inside["right"].sum()),
                "share_right": inside["right"].mean() if len(inside) else float("nan"),
            }
        )
    return pd.DataFrame(rows)
