"""How long a review took: from the decisions the review tool logs, pauses left out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from conftest import ROOT
from coopanalysis.review.actions import Accept
from coopanalysis.review.decide import decide, find_article
from coopanalysis.review.effort import review_effort
from review_corpus import ARTICLE, review_project


def _decide(corpus, *decisions, **options):
    return decide(find_article(ARTICLE, [corpus]), list(decisions), **options)


def _at(minutes: float) -> datetime:
    return datetime(2025, 3, 1, 9, 0, tzinfo=UTC) + timedelta(minutes=minutes)


def test_the_minutes_of_a_review_run_from_opening_to_the_last_decision_less_pauses(tmp_path, monkeypatch):
    corpus = review_project(tmp_path, monkeypatch)
    clock = iter([_at(3), _at(7), _at(70), _at(72)])
    opened = "2025-03-01T09:00:00Z"  # the page opened at 9:00; decisions at 9:03 and 9:07
    _decide(corpus, Accept(f"{ARTICLE}-p02"), opened=opened, now=lambda: next(clock))
    _decide(corpus, Accept(f"{ARTICLE}-p03"), opened=opened, now=lambda: next(clock))
    # A lunch, then the command's verbs: 10:10 to 10:12 (the pause before is no review).
    _decide(corpus, Accept(f"{ARTICLE}-p04"), now=lambda: next(clock))
    effort = review_effort(corpus).iloc[0]
    assert (effort["minutes"], effort["started"], effort["ended"]) == (
        9.0,
        "2025-03-01T09:00:00Z",
        "2025-03-01T10:12:00Z",
    )


def test_an_article_reviewed_before_the_log_has_no_minutes():
    effort = review_effort(ROOT / "corpora" / "vi")
    assert effort["minutes"].isna().all() and effort["started"].isna().all()


def test_a_page_left_open_over_lunch_counts_only_the_work(tmp_path):
    from coopanalysis.articles.snapshot import read_corpus
    from coopanalysis.review.timing import LOG, review_times

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    log = [
        ",".join(LOG[1]),
        "a,a-p01,accept,accepted a-p01,2025-03-01T09:00:00Z,2025-03-01T09:05:00Z",
        "a,a-p02,accept,accepted a-p02,2025-03-01T09:00:00Z,2025-03-01T09:29:00Z",  # 24 minutes after: still work
        "a,a-p03,accept,accepted a-p03,2025-03-01T09:00:00Z,2025-03-01T11:00:00Z",  # after lunch, same page
        "a,a-p04,accept,accepted a-p04,2025-03-01T09:00:00Z,2025-03-01T11:06:30Z",
        "b,b-p01,edit,set measure,2025-03-02T08:00:00Z,2025-03-02T08:01:00Z",
    ]
    (corpus / LOG[0]).write_text("\n".join(log) + "\n", encoding="utf-8")
    times = review_times(read_corpus(corpus)).set_index("article_id")
    assert times.loc["a", "minutes"] == 29 + 6.5 and times.loc["b", "minutes"] == 1.0
    assert (times.loc["a", "started"], times.loc["a", "ended"]) == ("2025-03-01T09:00:00Z", "2025-03-01T11:06:30Z")
