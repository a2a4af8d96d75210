"""When a review happened: every decision logged with its time (``decisions.csv``), and the minutes a review took.

Each row of the log is one decision: the article, the figure, what was done, when the review
was *opened* (the page loaded, or the command started) and when the decision was saved.
A review's minutes run from the first opening to the last decision saved, less every pause
longer than :data:`IDLE`: reading the article before the first decision counts, a page left
open after the last one does not, nor a lunch between two decisions. Decisions made with the
command's verbs count the same way, from one command to the next.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pandas as pd

from ..articles.snapshot import CorpusFiles
from ..base.problems import SeedError
from .actions import Accept, AcceptAll, Add, Decision, Delete, Drop, Edit, Refile
from .csvrows import Row

__all__ = ["IDLE", "LOG", "TIME_COLUMNS", "log_rows", "review_times", "stamp"]

#: The log's file in the corpus and its columns.
LOG = ("decisions.csv", ["article_id", "figure_id", "action", "said", "opened", "decided"])
#: The columns :func:`review_times` gives each article.
TIME_COLUMNS = ["minutes", "started", "ended"]
#: A pause longer than this is a break, not review: the minutes stop at the moment before it.
IDLE = timedelta(minutes=30)
_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_ACTIONS = {
    Accept: "accept",
    AcceptAll: "accept_all",
    Edit: "edit",
    Delete: "delete",
    Add: "add",
    Refile: "refile",
    Drop: "drop",
}


def stamp(moment: datetime) -> str:
    """A time as the log writes it: UTC, to the second (``2025-01-31T09:05:00Z``)."""
    return moment.astimezone(UTC).strftime(_FORMAT)


def log_rows(
    article_id: str, decisions: Sequence[Decision], figure_ids: list[str], said: list[str], opened: str, decided: str
) -> list[Row]:
    """The log's rows for decisions saved together at ``decided`` (each with the figure it was about)."""
    return [
        Row(
            {
                "article_id": article_id,
                "figure_id": figure_id,
                "action": _ACTIONS[type(decision)],
                "said": words,
                "opened": opened,
                "decided": decided,
            }
        )
        for decision, figure_id, words in zip(decisions, figure_ids, said)
    ]


def review_times(corpus: CorpusFiles) -> pd.DataFrame:
    """Per article of the corpus's log: ``minutes`` (its stretches of work), ``started`` and ``ended``.

    An empty table when the corpus has no log (articles reviewed before it was kept).
    """
    rows, problems = corpus.rows(LOG[0], LOG[1], LOG[1], optional_file=True)
    if problems:
        raise SeedError(problems)
    if not rows:
        return pd.DataFrame(columns=["article_id", *TIME_COLUMNS])
    log = pd.DataFrame([row for _, row in rows])
    try:
        log["opened"] = pd.to_datetime(log["opened"], format=_FORMAT, utc=True)
        log["saved"] = pd.to_datetime(log["decided"], format=_FORMAT, utc=True)
    except ValueError as error:
        raise SeedError.single(corpus.where(LOG[0]), 0, f"a time is not written as {_FORMAT}: {error}") from None
    times = [(article_id, *_spells(group)) for article_id, group in log.groupby("article_id", sort=False)]
    return pd.DataFrame(
        [
            {"article_id": article_id, "minutes": round(minutes, 1), "started": stamp(started), "ended": stamp(ended)}
            for article_id, minutes, started, ended in times
        ],
        columns=["article_id", *TIME_COLUMNS],
    )


def _spells(log: pd.DataFrame) -> tuple[float, datetime, datetime]:
    """Minutes of work in one article's log, its first and last moment: the openings and decisions in
    time order, cut where nothing happened for :data:`IDLE`, each stretch from its first moment to its last."""
    moments = sorted({*log["opened"], *log["saved"]})
    minutes = 0.0
    begun = moments[0]
    for before, after in itertools.pairwise(moments):
        if after - before > IDLE:
            minutes += (before - begun).total_seconds() / 60
            begun = after
    minutes += (moments[-1] - begun).total_seconds() / 60
    return minutes, moments[0], log["saved"].max()
