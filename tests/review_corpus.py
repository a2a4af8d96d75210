"""A project copy with one article appended by the extractor, as a reviewer finds it, for the review tool's tests."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import copy_seeds

#: An article with proposals to keep (650, 3, 12,400...), to correct (45 supported cooperatives dated
#: 2024, stated for 2023), to delete (the year 2023 read as an area) and a figure the extractor
#: missed (the 2019 newcomers the union welcomed, read as a year).
TEXT = (
    "HA GIANG - By the end of 2023 Ha Giang province had over 650 cooperatives, down 3 cooperatives compared to "
    "2022, with 12,400 members.\n"
    "Under Decision No. 1804, the province supported 45 cooperatives with VND 12 billion in 2023.\n"
    "The cooperatives employ about 9,000 workers, and one in four of them is a woman.\n"
    "The provincial union welcomed 2019 newcomers in 2023.\n"
)
ARTICLE = "ha-giang-2024"


def review_project(tmp_path: Path, monkeypatch) -> Path:
    """A project (seeds/ copied) whose ``corpora/test`` holds :data:`TEXT` as appended; returns the corpus."""
    from coopanalysis.review.proposals import append_proposals

    root = tmp_path / "project"
    copy_seeds(root / "seeds")
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(root))
    (tmp_path / "hagiang.txt").write_text(TEXT, encoding="utf-8")
    corpus = root / "corpora" / "test"
    assert append_proposals(tmp_path / "hagiang.txt", seeds=corpus, published="2024-01-05") == (ARTICLE, 9)
    return corpus


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def figure(corpus: Path, figure_id: str) -> dict[str, str] | None:
    return next((row for row in rows(corpus / "figures.csv") if row["figure_id"] == figure_id), None)
