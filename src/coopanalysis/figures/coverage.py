"""Account for every number in every article: a curated figure, or a listed non-statistic."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..articles.snapshot import CorpusFiles
from ..articles.table import ArticleSet, corpus_files, read_articles
from ..base.problems import Problem
from ..quantity.numbers import NUMBER_WORDS
from .occurrences import occurrences

__all__ = ["NON_STATISTIC_CATEGORIES", "NON_STATISTIC_COLUMNS", "UncoveredNumber", "check_coverage", "number_tokens"]

#: Why a number in an article is not a statistic.
NON_STATISTIC_CATEGORIES = {
    "date": "a calendar date or month",
    "period": "a year, range of years or part of a year that says when something happened",
    "document_number": "the number of a decision, notice, resolution, program or law",
    "ordinal": "an ordinal: congress, session or term number",
    "rank": "a ranking such as 'top 10'",
    "label": "a label inside a figure's wording, such as the '4' of '4 stars'",
    "phrase": "a number word used as a phrase, such as 'one of the'",
    "duration": "an age or duration of the reporting organization",
    "name": "part of a name, such as 'the 4.0 industrial revolution'",
    "site_boilerplate": "site counters, comment counts, navigation and links around the article",
    "conversion": "a currency conversion in brackets, kept as a note of the figure it converts",
    "per_unit": "the one unit an average is of, such as the '1' of 'the average revenue of 1 cooperative'",
    "unread": "a number the extractor read no statistic in (a reviewer keeps it here or adds it as a figure)",
    "not_a_figure": "a numeral that cannot be a figure: exponent notation, too many digits",
}
NON_STATISTIC_COLUMNS = ["article_id", "quote", "category", "reason"]

_TOKEN = re.compile(
    r"\d+|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r"|double|twice|triple)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class UncoveredNumber:
    """A number token in an article that no figure and no non-statistic accounts for."""

    article_id: str
    file: str
    line: int
    token: str
    context: str


def number_tokens(text: str) -> list[tuple[int, int, str]]:
    """Every digit run and cardinal number word in ``text`` as ``(start, end, token)``.

    Deliberately simpler than the quantity parser, so that coverage does not depend on it.
    """
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def check_coverage(
    figures: pd.DataFrame,
    corpus: Path | CorpusFiles | None = None,
    read: ArticleSet | None = None,
    refused: Mapping[str, list[tuple[int, int]]] | None = None,
) -> tuple[list[UncoveredNumber], list[Problem]]:
    """Find numbers no row accounts for, and problems in ``seeds/non_statistics.csv``.

    A token is covered when it lies inside a figure's number span (``number_start``..``number_end``)
    or inside any occurrence of a non-statistic quote of the same article. The work is linear in
    the size of the articles and tables: quotes are found in one pass per article. ``refused``: the
    quote spans of figure rows refused for a problem of their own (by article id); the numbers in
    them are that problem's, so they are not listed again as numbers no row accounts for.
    """
    files = corpus_files(corpus)
    read = read or read_articles(files)
    refused = refused or {}
    articles = read.table
    name = files.where("non_statistics.csv")
    rows, problems = files.rows("non_statistics.csv", NON_STATISTIC_COLUMNS, NON_STATISTIC_COLUMNS)
    if any(p.blocking for p in problems):
        return [], problems  # every number would look unaccounted for: report the cause only
    texts = {a.article_id: (a.file, read.texts[a.article_id]) for a in articles.itertuples()}
    figure_spans = {
        article_id: sorted(zip(group["number_start"], group["number_end"], group["figure_id"]))
        for article_id, group in figures.groupby("article_id")
    }
    covered: dict[str, list[tuple[int, int]]] = {a: [(s, e) for s, e, _ in spans] for a, spans in figure_spans.items()}
    for article_id, spans in refused.items():
        covered.setdefault(article_id, []).extend(spans)
    by_article: dict[str, list[tuple[int, dict]]] = {}
    for line, row in rows:
        where = lambda message, line=line: problems.append(Problem(name, line, message))  # noqa: E731
        if row["article_id"] in read.unusable or (row["article_id"] not in texts and read.unusable):
            continue  # its row in articles.csv or its text is the problem (the cause), not each row here
        if row["article_id"] not in texts:
            where(f"unknown article_id {row['article_id']!r}")
            continue
        if row["category"] not in NON_STATISTIC_CATEGORIES:
            where(f"unknown category {row['category']!r}; use one of: {', '.join(NON_STATISTIC_CATEGORIES)}")
        if not re.search(r"[^\W\d_]", row["quote"]) or not row["reason"]:
            where("quote needs the words around the number and a reason, so it cannot hide a figure elsewhere")
            continue
        by_article.setdefault(row["article_id"], []).append((line, row))

    for article_id, listed in by_article.items():
        file, text = texts[article_id]
        numbers = figure_spans.get(article_id, [])
        starts = [s for s, _, _ in numbers]
        for (line, row), spans in zip(listed, occurrences(text, [row["quote"] for _, row in listed])):
            if not spans:
                problems.append(Problem(name, line, f"quote not found in {file}: {row['quote']!r}"))
            for start, end in spans:
                # Figures whose number starts inside this occurrence (bisection: no scan of all figures).
                for _, f_end, figure_id in numbers[
                    bisect.bisect_left(starts, start) : bisect.bisect_right(starts, end)
                ]:
                    if f_end <= end:
                        problems.append(
                            Problem(name, line, f"quote covers the number of figure {figure_id}; make it more specific")
                        )
            covered.setdefault(article_id, []).extend(spans)

    uncovered = []
    for article_id, (file, text) in texts.items():
        line_ends = [m.start() for m in re.finditer("\n", text)]
        spans = sorted(covered.get(article_id, []))
        next_span, reach = 0, -1
        for start, end, token in number_tokens(text):
            # Tokens and spans both ascend: keep the furthest end of the spans that start before the token.
            while next_span < len(spans) and spans[next_span][0] <= start:
                reach = max(reach, spans[next_span][1])
                next_span += 1
            if reach < end:
                line_no = bisect.bisect_left(line_ends, start) + 1
                context = text[max(0, start - 40) : end + 40].replace("\n", " ")
                uncovered.append(UncoveredNumber(article_id, file, line_no, token, context))
    return uncovered, problems
