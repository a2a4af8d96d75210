"""Review effort: what reviewing did to the extractor's proposals, article by article (``reviews.csv``).

``extract --append`` keeps what it proposed in the corpus's ``proposals.csv``; reviewers edit
``figures.csv``. Comparing the two, row by figure id, gives the product's real cost per article:

* ``kept``: reviewed, and every compared field as proposed;
* ``corrected``: reviewed with at least one field changed (``corrected_<field>`` counts each);
* ``deleted``: proposed, no longer in ``figures.csv``;
* ``added``: in ``figures.csv`` for the article, never proposed (written by hand);
* ``pending``: still ``unreviewed``;
* ``minutes``, ``started``, ``ended``: how long the review took and when, from the decisions
  ``coopanalysis review`` logged (:mod:`.timing`); empty for an article reviewed before it kept a log.

Notes and status are not compared: every reviewer rewrites the note.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..articles.corpora import Corpora
from ..articles.snapshot import CorpusFiles, Snapshot, read_corpora
from ..articles.table import corpus_files
from ..base.problems import SeedError
from ..base.writers import write_csv
from ..figures.table import FIGURE_COLUMNS
from .timing import TIME_COLUMNS, review_times

__all__ = ["COMPARED_FIELDS", "REVIEW_COLUMNS", "pooled_reviews", "review_effort", "write_reviews"]

#: The fields whose change counts as a correction.
COMPARED_FIELDS = ["quote", "number", "measure", "kind", "period", "base_period", "scope", "territory", "definition"]
_COUNTS = [
    "proposed",
    "kept",
    "corrected",
    "deleted",
    "added",
    "pending",
    *[f"corrected_{field}" for field in COMPARED_FIELDS],
]
REVIEW_COLUMNS = ["article_id", *_COUNTS[:6], *TIME_COLUMNS, *_COUNTS[6:]]


def _rows(files: CorpusFiles, table: str) -> list[dict]:
    rows, problems = files.rows(table, FIGURE_COLUMNS, ["figure_id", "article_id"], optional_file=True)
    if problems:
        raise SeedError(problems)
    return [row for _, row in rows]


def review_effort(corpus: Path | CorpusFiles) -> pd.DataFrame:
    """The review effort of every article of ``corpus`` that has proposals: :data:`REVIEW_COLUMNS`.

    Articles in ``proposals.csv`` order; an empty table when the corpus has no ``proposals.csv``
    (a corpus curated by hand, such as ``seeds/``).
    """
    files = corpus_files(corpus)
    proposed = _rows(files, "proposals.csv")
    current = {row["figure_id"]: row for row in _rows(files, "figures.csv")}
    counts: dict[str, dict[str, int]] = {}
    for row in proposed:
        entry = counts.setdefault(row["article_id"], dict.fromkeys(_COUNTS, 0))
        entry["proposed"] += 1
        now = current.get(row["figure_id"])
        if now is None:
            entry["deleted"] += 1
        elif now["status"] == "unreviewed":
            entry["pending"] += 1
        else:
            changed = [field for field in COMPARED_FIELDS if now[field] != row[field]]
            entry["corrected" if changed else "kept"] += 1
            for field in changed:
                entry[f"corrected_{field}"] += 1
    proposed_ids = {row["figure_id"] for row in proposed}
    for figure_id, row in current.items():
        if row["article_id"] in counts and figure_id not in proposed_ids:
            counts[row["article_id"]]["added"] += 1
    table = pd.DataFrame([{"article_id": a, **c} for a, c in counts.items()], columns=["article_id", *_COUNTS])
    table = table.astype(dict.fromkeys(_COUNTS, "int64")).merge(review_times(files), on="article_id", how="left")
    return table.astype({"minutes": "float64", "started": "object", "ended": "object"})[REVIEW_COLUMNS]


def _reviewed_corpora(corpora: Corpora | Snapshot) -> list[CorpusFiles]:
    """The corpora with proposals to measure (hand-curated ones, such as seeds/, have none)."""
    return [files for files in read_corpora(corpora).corpora if files.exists("proposals.csv")]


def write_reviews(corpora: Corpora | Snapshot = None) -> list[tuple[Path, pd.DataFrame]]:
    """Write ``reviews.csv`` in every corpus that has proposals; return each path with its table."""
    written = []
    for files in _reviewed_corpora(corpora):
        table = review_effort(files)
        write_csv(table, files.folder / "reviews.csv")
        written.append((files.folder / "reviews.csv", table))
    return written


def pooled_reviews(corpora: Corpora | Snapshot = None) -> pd.DataFrame:
    """The review effort of every corpus that has proposals, with a ``corpus`` column first."""
    frames = [review_effort(files).assign(corpus=files.name) for files in _reviewed_corpora(corpora)]
    columns = ["corpus", *REVIEW_COLUMNS]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
