"""The extractor's evaluation harness: its scores and calibration on the seeds, the fixtures, the held-out and the dev sets.

It reads the repository's ``tests/fixtures/`` and the dev sets beside the project (``../shared/``),
so it lives in the checkout, not in the installed package; ``coopanalysis extract --evaluate``
loads it from there.
"""

from .calibration import BANDS, Band, band_of, calibration, judged
from .scores import EvaluationSet, default_sets, evaluate, evaluate_sets, score

__all__ = [
    "BANDS",
    "Band",
    "EvaluationSet",
    "band_of",
    "calibration",
    "default_sets",
    "evaluate",
    "evaluate_sets",
    "judged",
    "score",
]
