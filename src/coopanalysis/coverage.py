"""Account for every number in every article: a curated figure, or a listed non-statistic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .articles import article_text, check_articles
from .paths import seeds_dir
from .problems import Problem, display_path, read_csv_rows
from .quantity import NUMBER_WORDS

__all__ = ["NON_STATISTIC_CATEGORIES", "UncoveredNumber", "check_coverage", "number_tokens"]

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
}

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


def check_coverage(figures: pd.DataFrame, seeds: Path | None = None) -> tuple[list[UncoveredNumber], list[Problem]]:
    """Find numbers no row accounts for, and problems in ``seeds/non_statistics.csv``.

    A token is covered when it lies inside a figure's number span (``number_start``..``number_end``)
    or inside any occurrence of a non-statistic quote of the same article.
    """
    seeds = seeds or seeds_dir()
    articles, _ = check_articles(seeds)
    path = seeds / "non_statistics.csv"
    name = display_path(path, seeds.parent)
    columns = ["article_id", "quote", "category", "reason"]
    rows, problems = read_csv_rows(path, columns, columns, seeds.parent)
    texts = {a.article_id: (a.file, article_text(a.file, seeds)) for a in articles.itertuples()
             if (seeds / "articles" / a.file).is_file()}
    figure_spans = {
        article_id: list(zip(group["number_start"], group["number_end"], group["figure_id"]))
        for article_id, group in figures.groupby("article_id")
    }
    covered: dict[str, list[tuple[int, int]]] = {a: [(s, e) for s, e, _ in spans] for a, spans in figure_spans.items()}
    for line, row in rows:
        where = lambda message: problems.append(Problem(name, line, message))  # noqa: E731
        if row["article_id"] not in texts:
            where(f"unknown article_id {row['article_id']!r}")
            continue
        if row["category"] not in NON_STATISTIC_CATEGORIES:
            where(f"unknown category {row['category']!r}; use one of: {', '.join(NON_STATISTIC_CATEGORIES)}")
        if not re.search(r"[^\W\d_]", row["quote"]) or not row["reason"]:
            where("quote needs the words around the number and a reason, so it cannot hide a figure elsewhere")
            continue
        text = texts[row["article_id"]][1]
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(row["quote"]), text)]
        if not spans:
            where(f"quote not found in {texts[row['article_id']][0]}: {row['quote']!r}")
        for start, end in spans:
            for f_start, f_end, figure_id in figure_spans.get(row["article_id"], []):
                if start <= f_start and f_end <= end:
                    where(f"quote covers the number of figure {figure_id}; make it more specific")
        covered.setdefault(row["article_id"], []).extend(spans)

    uncovered = []
    for article_id, (file, text) in texts.items():
        spans = covered.get(article_id, [])
        for start, end, token in number_tokens(text):
            if not any(s <= start and end <= e for s, e in spans):
                line_no = text.count("\n", 0, start) + 1
                context = text[max(0, start - 40): end + 40].replace("\n", " ")
                uncovered.append(UncoveredNumber(article_id, file, line_no, token, context))
    return uncovered, problems
