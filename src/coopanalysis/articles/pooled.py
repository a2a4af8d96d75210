"""Articles of several corpora pooled into one table; article ids must be unique across them."""

from __future__ import annotations

import pandas as pd

from ..base.problems import Problem, SeedError
from .corpora import Corpora
from .snapshot import Snapshot, read_corpora
from .table import load_articles as load_one

__all__ = ["load_articles"]


def load_articles(corpora: Corpora | Snapshot = None) -> pd.DataFrame:
    """Every article of the corpora, one row each, with the ``corpus`` it belongs to.

    Raises :class:`SeedError` listing every problem.
    """
    frames = [load_one(corpus) for corpus in read_corpora(corpora).corpora]
    _refuse_shared_ids(frames)
    return pd.concat(frames, ignore_index=True)


def _refuse_shared_ids(frames: list[pd.DataFrame]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for frame in frames:
        for article_id, corpus in zip(frame["article_id"], frame["corpus"]):
            if article_id in seen and seen[article_id] != corpus:
                problems.append(
                    Problem(
                        f"{corpus}/articles.csv",
                        0,
                        f"article_id {article_id!r} is also in "
                        f"{seen[article_id]}; article ids must be unique across the corpora",
                    )
                )
            seen.setdefault(article_id, corpus)
    if problems:
        raise SeedError(problems)
