"""Measure the extractor on every set: recall, precision, measure and kind agreement, province.

Two kinds of set are scored with the same matching, that of the dev set's scorer
(``score.py``): a proposal finds a statistic when its quote overlaps the statistic's quote and one
of its value, low or high equals one of the statistic's (0.5% tolerance; a yearly income may
also appear divided by 12).

* A *gold* set (the dev set's layout: ``articles.csv``, ``gold.csv``, ``articles/``) is read as
  the scorer reads it: measure agreement counts its core measures only, a finer measure of the
  vocabulary agreeing with its parent; ``target``, ``growth_pct`` and ``share_pct`` are kinds.
* A *corpus* (``seeds/``' layout, curated figures) is held to the whole vocabulary: measure and
  kind must be the curated ones exactly.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from coopanalysis.articles.table import article_text, load_articles
from coopanalysis.base.paths import code_root, project_root, seeds_dir
from coopanalysis.extract import detect_province, extract_figures
from coopanalysis.extract.folding import fold
from coopanalysis.figures.table import load_figures

__all__ = ["EvaluationSet", "default_sets", "evaluate", "evaluate_sets", "score"]

#: The scorer's core measures and the finer measures that agree with them (as ``score.py`` defines them).
CORE = {
    "cooperatives",
    "cooperative_groups",
    "cooperative_unions",
    "peoples_credit_funds",
    "members",
    "workers",
    "new_cooperatives",
    "new_cooperative_groups",
    "dissolved_cooperatives",
    "avg_revenue_per_cooperative",
    "avg_revenue_per_cooperative_group",
    "avg_profit_per_cooperative",
    "avg_income_per_worker",
    "total_revenue",
    "charter_capital",
    "loans_disbursed",
    "loan_projects",
    "loan_borrowers",
    "outstanding_loans",
    "support_funding",
    "training_courses",
    "training_participants",
    "ocop_products",
}
FAMILY = {
    "cooperatives": {"agricultural_cooperatives", "non_agricultural_cooperatives"},
    "new_cooperatives": {"new_cooperatives_supported"},
    "ocop_products": {"ocop_products_3_star", "ocop_products_4_star"},
    "training_participants": {"dissemination_participants"},
}
_GOLD_KINDS = {"growth_pct": "change_pct", "share_pct": "share_pct", "target": "target"}


@dataclass(frozen=True)
class EvaluationSet:
    """A set of articles with a reading of every statistic: ``kind`` is ``gold`` or ``corpus``."""

    name: str
    folder: Path
    kind: str
    note: str = ""


def _numbers(row: dict) -> list[float]:
    found = []
    for column in ("value", "low", "high"):
        try:
            number = float(row.get(column, ""))
        except (TypeError, ValueError):
            continue
        if not math.isnan(number):
            found.append(number)
    return found


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(quote)
    while i >= 0 and quote:
        spans.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return spans


def score(gold: list[dict], proposals: list[dict], texts: dict[str, str], vocabulary: bool = False) -> dict:
    """Recall, precision, measure and kind agreement of ``proposals`` against ``gold``.

    Rows are dicts with ``article_id``, ``quote``, ``measure``, ``value``/``low``/``high`` (gold
    also ``kind`` when ``vocabulary``; proposals ``start``, ``end``, ``kind``). With
    ``vocabulary`` the whole measure vocabulary is held to; else the scorer's core measures.
    """
    matched, measure_ok, measure_n, kind_ok, hits = set(), 0, 0, 0, 0
    for g, hit in zip(gold, matches(gold, proposals, texts, vocabulary)):
        if hit is None:
            continue
        hits += 1
        matched.add(hit)
        p = proposals[hit]
        if vocabulary or g["measure"] in CORE:
            measure_n += 1
            measure_ok += _same_measure(g, p["measure"], vocabulary)
        kind_ok += (p["kind"] or "level") == _gold_kind(g, vocabulary)
    return {
        "gold": len(gold),
        "proposed": len(proposals),
        "matched": hits,
        "recall": hits / max(len(gold), 1),
        "precision": len(matched) / max(len(proposals), 1),
        "measure_agreement": measure_ok / max(measure_n, 1),
        "kind_agreement": kind_ok / max(hits, 1),
    }


def _same_measure(g: dict, measure: str, vocabulary: bool) -> bool:
    return measure == g["measure"] or (not vocabulary and measure in FAMILY.get(g["measure"], ()))


def _gold_kind(g: dict, vocabulary: bool) -> str:
    return g["kind"] if vocabulary else _GOLD_KINDS.get(g["measure"], "level")


def matches(
    gold: list[dict], proposals: list[dict], texts: dict[str, str], vocabulary: bool = False
) -> list[int | None]:
    """For each gold row, the index of the proposal that finds it (the scorer's matching), or None."""

    def gold_numbers(g: dict) -> list[float]:
        numbers = _numbers(g)
        if g["measure"] == "avg_income_per_worker" and str(g.get("unit", "")).endswith("/year"):
            numbers += [n / 12 for n in numbers]
        return numbers

    by_article: dict[str, list[int]] = {}
    for i, p in enumerate(proposals):
        by_article.setdefault(p["article_id"], []).append(i)
    matched: set[int] = set()
    found = []
    for g in gold:
        spans, numbers = _spans(texts[g["article_id"]], g["quote"]), gold_numbers(g)
        candidates = sorted(by_article.get(g["article_id"], []), key=lambda i: i in matched)  # unused first
        hit = None
        for i in candidates:
            p = proposals[i]
            if any(int(p["start"]) < e and s < int(p["end"]) for s, e in spans) and any(
                _close(a, b) for a in numbers for b in _numbers(p)
            ):
                hit = i
                if _same_measure(g, p["measure"], vocabulary) or _gold_kind(g, vocabulary) != "level":
                    break
        if hit is not None:
            matched.add(hit)
        found.append(hit)
    return found


def _gold_set(folder: Path) -> tuple[dict[str, str], list[dict], dict[str, tuple[str, str, str]]]:
    def read(name: str) -> list[dict]:
        with open(folder / name, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    texts, expected = {}, {}
    for a in read("articles.csv"):
        texts[a["article_id"]] = (folder / a["file"]).read_text(encoding="utf-8")
        expected[a["article_id"]] = (a["province"], Path(a["file"]).name, a.get("url", ""))
    return texts, read("gold.csv"), expected


def _corpus_set(seeds: Path) -> tuple[dict[str, str], list[dict], dict[str, tuple[str, str, str]]]:
    articles = load_articles(seeds)
    texts = {a.article_id: article_text(a.file, seeds) for a in articles.itertuples()}
    expected = {a.article_id: (a.province, a.file, a.source) for a in articles.itertuples()}
    gold = load_figures(seeds)[["article_id", "quote", "measure", "kind", "value", "low", "high", "unit"]]
    return texts, gold.to_dict("records"), expected


def _place_key(name: str) -> str:
    """A province name compared as the scorer compares it: no case, spaces or diacritics ("Lâm Đồng" is "Lam Dong")."""
    return "".join(c for c in fold(name or "") if c.isalnum())


def evaluate(one: EvaluationSet) -> dict:
    """The scores of one set, and how many of its articles the province is found for: with the file
    name (``province``), from the text alone (``province_text``: the file renamed ``article1.txt``)
    and from the text and the address it was published at (``province_address``)."""
    texts, gold, expected = (_gold_set if one.kind == "gold" else _corpus_set)(one.folder)
    proposals, found = [], {"province": 0, "province_text": 0, "province_address": 0}
    for article_id, text in texts.items():
        province, file, source = expected[article_id]
        rows = extract_figures(text, hint=file).assign(article_id=article_id).to_dict("records")
        proposals += rows
        found["province"] += _place_key(rows[0]["province"] if rows else "") == _place_key(province)
        found["province_text"] += _place_key(detect_province(text, "article1.txt")[0]) == _place_key(province)
        found["province_address"] += _place_key(detect_province(text, "article1.txt", source=source)[0]) == _place_key(
            province
        )
    result = score(gold, proposals, texts, vocabulary=one.kind == "corpus")
    return {
        "set": one.name,
        "articles": len(texts),
        **result,
        **{k: f"{n}/{len(texts)}" for k, n in found.items()},
        "note": one.note,
    }


def default_sets() -> list[EvaluationSet]:
    """The seeds, the synthetic fixtures, the held-out sets (English and Vietnamese) and, where their
    source is present, the dev sets (English and Vietnamese)."""
    fixtures = code_root() / "tests" / "fixtures"
    sets = [
        EvaluationSet("seeds", seeds_dir(), "corpus", "the five seed articles, curated figures"),
        EvaluationSet(
            "synthetic", fixtures / "synthetic" / "seeds", "corpus", "synthetic articles the rules were checked on"
        ),
        EvaluationSet(
            "held-out", fixtures / "heldout", "gold", "synthetic, written before the rules and never tuned to"
        ),
        EvaluationSet(
            "held-out vi",
            fixtures / "heldout-vi",
            "gold",
            "synthetic Vietnamese, written before the extractor read Vietnamese and never tuned to",
        ),
    ]
    shared = project_root().parent / "shared"
    for name, folder, note in (
        ("dev set", "devset", "real articles from other sites (the headline)"),
        ("dev set vi", "devset-vi", "real Vietnamese articles from ten sites"),
    ):
        if (shared / folder / "gold.csv").is_file():
            sets.append(EvaluationSet(name, shared / folder, "gold", note))
    return sets


def evaluate_sets(sets: list[EvaluationSet] | None = None) -> pd.DataFrame:
    """One row per set: articles, gold, proposed, matched, recall, precision, agreements, province."""
    return pd.DataFrame([evaluate(one) for one in (sets or default_sets())])
