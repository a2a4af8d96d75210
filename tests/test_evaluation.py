"""Extractor quality on every set, measured as the dev set's scorer does; the floors catch regressions."""

from __future__ import annotations

import os

import pytest
from evaluation.scores import default_sets, evaluate, score

SETS = {one.name: one for one in default_sets()}

# Measured on each set (see the evaluation results, make evaluate); the floors sit just below, so one new miss fails.
FLOORS = {
    "seeds": {"recall": 0.99, "precision": 0.99, "measure_agreement": 0.96, "kind_agreement": 0.99},
    "synthetic": {"recall": 0.98, "precision": 0.98, "measure_agreement": 0.98, "kind_agreement": 0.98},
    "held-out": {"recall": 0.99, "precision": 0.92, "measure_agreement": 0.84, "kind_agreement": 0.87},
    "dev set": {"recall": 0.97, "precision": 0.97, "measure_agreement": 0.96, "kind_agreement": 0.94},
    "held-out vi": {"recall": 0.99, "precision": 0.98, "measure_agreement": 0.88, "kind_agreement": 0.93},
    "dev set vi": {"recall": 0.98, "precision": 0.98, "measure_agreement": 0.96, "kind_agreement": 0.97},
}


@pytest.mark.parametrize("name", ["seeds", "synthetic", "held-out", "held-out vi", "dev set", "dev set vi"])
def test_quality_floors(name):
    if name not in SETS:
        message = f"the source of the {name} (../shared/) is not on this machine"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = evaluate(SETS[name])
    for metric, floor in FLOORS[name].items():
        assert result[metric] >= floor, f"{name} {metric} {result[metric]:.3f} < {floor}\n{result}"
    found, total = map(int, result["province"].split("/"))
    assert found == total, result
    # Without a file name: every province from the text and the address; from the text alone, all but the
    # dev articles that name theirs nowhere in the captured text (Thai Nguyen; Ben Tre, Ha Tinh, Lam Dong).
    assert result["province_address"] == result["province"], result
    unnamed = {"dev set": 1, "dev set vi": 3}.get(name, 0)
    found, total = map(int, result["province_text"].split("/"))
    assert found >= total - unnamed, result


def _rows(measure="cooperatives", value="12", quote="has 12 cooperatives", start=4, end=23, kind="level"):
    gold = {"article_id": "a", "quote": quote, "measure": measure, "value": value, "low": "", "high": "", "unit": ""}
    proposal = {
        "article_id": "a",
        "quote": quote,
        "measure": measure,
        "kind": kind,
        "value": float(value),
        "low": float(value),
        "high": float(value),
        "start": start,
        "end": end,
    }
    return gold, proposal


def test_scoring_counts_a_miss_an_extra_and_a_disagreement():
    text = "The province has 12 cooperatives and 5 unions."
    gold, hit = _rows()
    missed = {**_rows(measure="cooperative_unions", value="5", quote="5 unions")[0]}
    extra = {**hit, "value": 99.0, "low": 99.0, "high": 99.0}
    result = score([gold, missed], [hit, extra], {"a": text})
    assert (result["matched"], result["recall"], result["precision"]) == (1, 0.5, 0.5)
    wrong = {**hit, "measure": "members"}
    assert score([gold], [wrong], {"a": text})["measure_agreement"] == 0


def test_the_scorer_accepts_a_finer_measure_and_kinds_for_shares():
    text = "The province has 12 cooperatives."
    gold, proposal = _rows()
    assert score([gold], [{**proposal, "measure": "agricultural_cooperatives"}], {"a": text})["measure_agreement"] == 1
    # Held to the whole vocabulary (a curated corpus), the finer measure is a disagreement.
    corpus_gold = {**gold, "kind": "level"}
    assert (
        score([corpus_gold], [{**proposal, "measure": "agricultural_cooperatives"}], {"a": text}, vocabulary=True)[
            "measure_agreement"
        ]
        == 0
    )


def test_the_sure_band_is_right_at_least_95_percent_of_the_time_on_the_dev_sets():
    from evaluation.calibration import calibration

    dev = [SETS[name] for name in ("dev set", "dev set vi") if name in SETS]
    if len(dev) < 2:
        message = "the source of the dev sets (../shared/) is not on this machine"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    table = calibration(dev).set_index("band")
    assert table.loc["sure", "share_right"] >= 0.95 and table.loc["sure", "proposals"] >= 100, table
    # less sure bands are less often right: the order of the page means something
    assert table.loc["sure", "share_right"] > table.loc["likely", "share_right"], table


def test_the_calibration_judges_as_a_reader_writes():
    from evaluation.calibration import BANDS, _same_period, _same_scope, band_of

    assert [band_of(c).name for c in (1.0, 0.9, 0.89, 0.7, 0.6, 0.3)] == [
        "sure",
        "sure",
        "likely",
        "likely",
        "check",
        "doubtful",
    ]
    assert len({b.colour for b in BANDS}) == len(BANDS)
    assert _same_period("as of 2023-11-30", "2023-11") and _same_period("2024 YTD", "2024")
    assert _same_period("before 2001", "2000") and _same_period("as of 2019", "2019-07")
    assert not _same_period("H1 2023", "2023-06") and not _same_period("2030", "2024-2030")
    assert _same_scope("entity:Thanh Phu Xanh Agricultural Cooperative", "entity:HTX Nông nghiệp Thạnh Phú Xanh")
    assert _same_scope("province", "province") and not _same_scope("province", "national")
    assert not _same_scope("entity:Tuan Tu Cooperative", "entity:Hai Khang Cooperative")


def test_extract_evaluate_loads_the_checkout_s_harness_and_says_what_it_needs_without_one(
    tmp_path, monkeypatch, capsys
):
    import evaluation

    from coopanalysis.cli import extract
    from coopanalysis.cli.main import main

    assert extract.evaluation_harness() is evaluation  # the checkout's evaluation/, not a copy in the package
    monkeypatch.setattr(extract, "code_root", lambda: tmp_path)  # an installed package: no checkout around it
    assert main(["extract", "--evaluate"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("coopanalysis extract: ") and error.count("\n") == 1 and "Traceback" not in error
    assert "evaluation harness of a checkout of the repository (its evaluation/ and tests/fixtures/ folders" in error
