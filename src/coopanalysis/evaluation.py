"""Measure the extractor against the curated figures: recall, precision, measure and kind agreement."""

from __future__ import annotations

import math

import pandas as pd

from .articles import article_text, load_articles
from .extract import extract_figures

__all__ = ["evaluate", "match_proposals"]


def _same_number(proposal, figure) -> bool:
    """Same span of text (the numbers overlap) and the same parsed value or bounds."""
    overlap = proposal.number_start < figure.number_end and figure.number_start < proposal.number_end
    if not overlap:
        return False
    for a, b in ((proposal.value, figure.value), (proposal.low, figure.low), (proposal.high, figure.high)):
        if not (math.isnan(a) and math.isnan(b)) and not (a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))):
            return False
    return True


def match_proposals(proposals: pd.DataFrame, figures: pd.DataFrame) -> list[tuple[int | None, int | None]]:
    """Pairs (proposal index, figure index); None on one side for an unmatched row."""
    pairs, used = [], set()
    for p in proposals.itertuples():
        hit = next((f.Index for f in figures.itertuples() if f.Index not in used and _same_number(p, f)), None)
        if hit is not None:
            used.add(hit)
        pairs.append((p.Index, hit))
    pairs += [(None, f.Index) for f in figures.itertuples() if f.Index not in used]
    return pairs


def evaluate(figures: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """One row per article and a total: curated, proposed, matched, recall, precision, agreement.

    ``texts`` maps article id to raw text; ``figures`` holds the curated rows (with number spans).
    """
    rows = []
    for article_id, text in texts.items():
        curated = figures[figures["article_id"] == article_id].reset_index(drop=True)
        proposals = extract_figures(text)
        pairs = match_proposals(proposals, curated)
        matched = [(p, f) for p, f in pairs if p is not None and f is not None]
        rows.append({
            "article": article_id, "curated": len(curated), "proposed": len(proposals), "matched": len(matched),
            "measure_agree": sum(proposals.at[p, "measure"] == curated.at[f, "measure"] for p, f in matched),
            "kind_agree": sum(proposals.at[p, "kind"] == curated.at[f, "kind"] for p, f in matched),
        })
    table = pd.DataFrame(rows)
    total = table.drop(columns="article").sum().to_dict()
    table = pd.concat([table, pd.DataFrame([{"article": "total", **total}])], ignore_index=True)
    table["recall"] = table["matched"] / table["curated"]
    table["precision"] = table["matched"] / table["proposed"]
    table["measure_agreement"] = table["measure_agree"] / table["matched"]
    table["kind_agreement"] = table["kind_agree"] / table["matched"]
    return table


def evaluate_seeds() -> pd.DataFrame:
    """:func:`evaluate` on the seed articles and ``seeds/figures.csv``."""
    from .figures import load_figures

    articles = load_articles()
    texts = {a.article_id: article_text(a.file) for a in articles.itertuples()}
    return evaluate(load_figures(), texts)
