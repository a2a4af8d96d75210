"""Extractor quality, measured against curated figures; the floors catch regressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopanalysis.articles import article_text, load_articles
from coopanalysis.evaluation import evaluate, evaluate_seeds
from coopanalysis.figures import load_figures

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic" / "seeds"

# Measured: seeds 100% recall, 100% precision, 97.2% measure and 100% kind agreement (the 3
# measure disagreements are the garbled translations seeds/corrections.csv reads otherwise);
# synthetic 100% on all four. The floors sit just below, so one new miss fails the test.
FLOORS = {
    "seeds": {"recall": 0.99, "precision": 0.99, "measure_agreement": 0.96, "kind_agreement": 0.99},
    "synthetic": {"recall": 0.98, "precision": 0.98, "measure_agreement": 0.97, "kind_agreement": 0.98},
}


def _synthetic():
    articles = load_articles(SYNTHETIC)
    return evaluate(load_figures(SYNTHETIC), {a.article_id: article_text(a.file, SYNTHETIC) for a in articles.itertuples()})


@pytest.mark.parametrize("name", ["seeds", "synthetic"])
def test_quality_floors(name):
    table = evaluate_seeds() if name == "seeds" else _synthetic()
    total = table.set_index("article").loc["total"]
    for metric, floor in FLOORS[name].items():
        assert total[metric] >= floor, f"{name} {metric} {total[metric]:.3f} < {floor}\n{table.to_string()}"


def test_synthetic_set_has_its_traps():
    articles = load_articles(SYNTHETIC)
    assert len(articles) >= 3
    assert (load_figures(SYNTHETIC)["article_id"].value_counts() >= 5).all()
    texts = " ".join(article_text(a.file, SYNTHETIC) for a in articles.itertuples())
    for trap in ("Decree 45/2021/ND-CP", "top 5", "Hotline:", "15/08/2025", "Tan Uyen district", "Hoang Mai town", "phase 2"):
        assert trap in texts


def test_evaluation_counts_a_missed_figure(tmp_path):
    figures = load_figures()
    texts = {a.article_id: article_text(a.file) for a in load_articles().itertuples()}
    extra = figures[figures["article_id"] == "quang-tri-2024"].iloc[[0]].assign(number_start=0, number_end=4)
    table = evaluate(__import__("pandas").concat([figures, extra]), {"quang-tri-2024": texts["quang-tri-2024"]})
    row = table.set_index("article").loc["quang-tri-2024"]
    assert (row["curated"], row["matched"]) == (18, 17) and row["recall"] == 17 / 18
