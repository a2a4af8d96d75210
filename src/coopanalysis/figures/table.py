"""Load the curated figures (``seeds/figures.csv``): locate each quote, parse its number, validate."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..articles.snapshot import CorpusFiles
from ..articles.table import ArticleSet, corpus_files, read_articles
from ..base.language import detect_language
from ..base.parallel import batches, in_order
from ..base.problems import Problem, SeedError
from ..vocab.provinces import successor
from .occurrences import occurrences, squash
from .rows import REQUIRED, Found, check_rows

__all__ = [
    "CORRECTION_COLUMNS",
    "FIGURES_SCHEMA",
    "FIGURE_COLUMNS",
    "CheckedFigures",
    "check_figures",
    "checked_figures",
    "load_figures",
]

#: Columns of ``seeds/figures.csv``, written by the analyst (``number`` and the rest are optional).
FIGURE_COLUMNS = [
    "figure_id",
    "article_id",
    "quote",
    "number",
    "measure",
    "kind",
    "period",
    "base_period",
    "scope",
    "territory",
    "definition",
    "note",
    "status",
]
#: ``definition``: empty when the figure counts what its measure's definition says; otherwise how it
#: differs ("of the 70 agricultural cooperatives in the OCOP programme"). Figures of different
#: definitions are never compared, summed or put in one series.
#: ``status``: empty or ``reviewed`` for curated rows, ``unreviewed`` for rows the extractor proposed.

#: Columns of ``seeds/corrections.csv``: one entry per figure read otherwise than the text says.
CORRECTION_COLUMNS = ["figure_id", "flag", "text_says", "read_as", "reason"]

#: Columns and dtypes of the table :func:`load_figures` returns.
FIGURES_SCHEMA = {
    "figure_id": "str",
    "article_id": "str",
    "province": "str",
    "quote": "str",
    "number": "str",
    "start": "int64",
    "end": "int64",
    "number_start": "int64",
    "number_end": "int64",
    "measure": "str",
    "kind": "str",
    "period": "str",
    "base_period": "str",
    "scope": "str",
    "territory": "str",
    "definition": "str",
    "stated": "str",
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "qualifier": "str",
    "unit": "str",
    "reported_unit": "str",
    "approximate": "bool",
    "flag": "str",
    "flag_reason": "str",
    "note": "str",
    "reviewed": "bool",
    "province_2025": "str",
    "borders": "str",
    "published": "str",
    "clause": "int64",
    "corpus": "str",
}
#: Where a clause ends: figures in the same clause are stated together (indicators pair them).
_CLAUSE_END = re.compile(r"[.;!?](?=\s)|\n")

_FIGURE_ID = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")


def check_figures(
    corpus: Path | CorpusFiles | None = None, read: ArticleSet | None = None, jobs: int = 1
) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate a corpus's tables (default ``seeds/``) and return the loaded figures with every problem found.

    Rows with problems are left out of the table; :func:`load_figures` raises if there are any.
    ``read`` is the corpus's articles if they are already read (``check`` reads them once).
    ``jobs`` > 1 checks the rows' quotes and numbers in that many worker processes (the result is
    the same as in one).
    """
    checked = checked_figures(corpus, read, jobs)
    return checked.figures, checked.problems


class CheckedFigures(NamedTuple):
    """What :func:`checked_figures` found: the figures that passed, every problem, and where the rows it
    refused for a problem of their own stand (article id -> quote spans): their numbers are that
    problem's, not numbers that no row accounts for."""

    figures: pd.DataFrame
    problems: list[Problem]
    refused: dict[str, list[tuple[int, int]]]


def checked_figures(
    corpus: Path | CorpusFiles | None = None, read: ArticleSet | None = None, jobs: int = 1
) -> CheckedFigures:
    """:func:`check_figures`, with the spans of the rows it refused (for ``check``'s coverage)."""
    files = corpus_files(corpus)
    read = read or read_articles(files)
    articles, problems = read.table, list(read.problems)
    # A quote's numerals are read as its article writes them ("1.200 triệu" in a Vietnamese one).
    texts = {
        row.article_id: (row.file, row.province, text, detect_language(text))
        for row in articles.itertuples()
        for text in (read.texts[row.article_id],)
    }
    published = dict(zip(articles["article_id"], articles["published"]))
    borders = dict(zip(articles["article_id"], articles["borders"]))
    clause_ends = {
        article_id: [m.start() for m in _CLAUSE_END.finditer(text)] for article_id, (_, _, text, _) in texts.items()
    }
    name = files.where("figures.csv")
    rows, read_problems = files.rows("figures.csv", FIGURE_COLUMNS, REQUIRED)
    problems += read_problems
    # Rows of an article whose own row or text has a problem are not checked: that problem is the cause.
    unusable = read.unusable
    blocked = any(p.blocking and (p.file.endswith("articles.csv") or p.file == name) for p in problems)
    rows = [] if blocked else rows
    # Corrections name figures: with no usable figures table each would look unknown, a follow-on error.
    corrections, correction_problems = ({}, []) if blocked else _read_corrections(files, rows)
    problems += correction_problems
    found = _find_quotes(rows, {article_id: text for article_id, (_, _, text, _) in texts.items()})

    # Small batches, each result used and let go as it comes: memory stays near one batch per worker.
    work = [
        (
            batch,
            {r["article_id"]: texts[r["article_id"]] for _, r in batch if r["article_id"] in texts},
            {line: found[line] for line, _ in batch if line in found},
        )
        for batch in batches(rows, jobs, per_job=16)
    ]
    checked = (result for results in in_order(check_rows, work, jobs) for result in results)
    records, name_of_corpus, columns = [], files.name, list(FIGURES_SCHEMA)
    seen: dict[str, int] = {}
    stated: dict[tuple, tuple[str, int]] = {}
    refused: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (line, row), (required, vocabulary, record, located) in zip(rows, checked):
        row_problems = list(required)
        figure_id = row["figure_id"]
        if not _FIGURE_ID.fullmatch(figure_id):
            row_problems.append(f"figure_id {figure_id!r} must be lowercase letters, digits, '-' or '.'")
        elif figure_id in seen:
            row_problems.append(
                f"duplicate figure_id {figure_id!r} (first on line {seen[figure_id]}); give each row its own id"
            )
        seen.setdefault(figure_id, line)
        row_problems += vocabulary
        if row["article_id"] in unusable:
            continue
        if row["article_id"] not in texts:
            if not unusable:  # with a broken row in articles.csv, that row is the likely cause: report it alone
                row_problems.append(f"unknown article_id {row['article_id']!r}; add it to seeds/articles.csv first")
        else:
            row_problems += located
            if record and not row_problems:
                key = (record["article_id"], record["number_start"], record["number_end"])
                if key in stated:
                    row_problems.append(
                        f"states the same number of the same quote as {stated[key][0]} (line {stated[key][1]}); "
                        f"a figure is counted once: delete one of the rows"
                    )
                else:
                    stated[key] = (figure_id, line)
                    record.update(_flag(corrections.get(figure_id, {}), record.pop("ambiguity")))
                    record.update(
                        province_2025=successor(record["province"]),
                        published=published[record["article_id"]],
                        borders=record["borders"] or borders[record["article_id"]],
                        corpus=name_of_corpus,
                        clause=bisect.bisect_left(clause_ends[record["article_id"]], record["number_start"]),
                    )
                    records.append(tuple(record[c] for c in columns))  # a tuple holds a third of a dict
        problems += [Problem(name, line, f"{figure_id or 'row'}: {message}") for message in row_problems]
        count, start, _ = found.get(line, (0, -1, False))
        if row_problems and count and row["article_id"] in texts:
            refused[row["article_id"]].append((start, start + len(row["quote"])))

    frame = pd.DataFrame.from_records(records, columns=columns).astype(FIGURES_SCHEMA)
    return CheckedFigures(frame, problems, dict(refused))


def load_figures(corpus: Path | CorpusFiles | None = None, jobs: int = 1) -> pd.DataFrame:
    """Return every curated figure as one tidy DataFrame, one row per figure.

    Columns are :data:`FIGURES_SCHEMA`: the analyst's columns, the article's ``province``, the
    quote's character span (``start``/``end``) and the number's (``number_start``/``number_end``),
    the parsed ``value``/``low``/``high`` (NaN = open bound), ``qualifier``, normalized ``unit``,
    ``reported_unit`` (as the article wrote it), ``approximate``, the correction ``flag``,
    ``reviewed`` (False for rows the extractor proposed that nobody has reviewed yet), the
    article's ``published`` date, ``province_2025`` (the province after the July 2025 merger,
    ``national`` for a national report) and ``clause`` (which clause of its article states it:
    figures stated together share one).

    Raises
    ------
    SeedError
        Listing every problem with its file, line and fix.
    """
    frame, problems = check_figures(corpus, jobs=jobs)
    if problems:
        raise SeedError(problems)
    return frame


def _find_quotes(rows: list[tuple[int, dict]], texts: dict[str, str]) -> dict[int, Found]:
    """For each row (by line): how often its quote occurs, where first, and whether it matches loosely.

    All the quotes of an article are found in one pass over its text, and the loose comparison
    (case and spaces ignored) squashes the text once: a scan of the text per row would make
    ``check`` quadratic in an article with thousands of rows.
    """
    by_article: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for line, row in rows:
        if row["quote"] and row["article_id"] in texts:
            by_article[row["article_id"]].append((line, row["quote"]))
    found = {}
    for article_id, listed in by_article.items():
        text = texts[article_id]
        spans = occurrences(text, [quote for _, quote in listed])
        missing = [(line, quote) for (line, quote), at in zip(listed, spans) if not at]
        loose = set()
        if missing:
            squashed = occurrences(squash(text), [squash(quote) for _, quote in missing])
            loose = {line for (line, _), at in zip(missing, squashed) if at}
        for (line, _), at in zip(listed, spans):
            found[line] = (len(at), at[0][0] if at else -1, line in loose)
    return found


def _read_corrections(files: CorpusFiles, figure_rows: list[tuple[int, dict]]) -> tuple[dict[str, dict], list[Problem]]:
    if not files.exists("corrections.csv"):
        return {}, []
    rows, problems = files.rows("corrections.csv", CORRECTION_COLUMNS, CORRECTION_COLUMNS)
    name = files.where("corrections.csv")
    measure_of = {row["figure_id"]: row["measure"] for _, row in figure_rows}
    corrections = {}
    for line, row in rows:
        figure_id = row["figure_id"]
        if figure_id not in measure_of:
            problems.append(
                Problem(name, line, f"unknown figure_id {figure_id!r}; it must name a row of seeds/figures.csv")
            )
        elif row["read_as"] != measure_of[figure_id]:
            problems.append(
                Problem(
                    name,
                    line,
                    f"{figure_id}: read_as {row['read_as']!r} differs from the measure in "
                    f"figures.csv ({measure_of[figure_id]!r}); make them agree",
                )
            )
        elif figure_id in corrections:
            problems.append(
                Problem(name, line, f"{figure_id}: second correction for the same figure; merge them into one row")
            )
        elif not (row["flag"] and row["text_says"] and row["reason"]):
            problems.append(Problem(name, line, f"{figure_id}: flag, text_says and reason are all required"))
        else:
            corrections[figure_id] = row
    return corrections, problems


def _flag(correction: dict, ambiguity: str) -> dict[str, str]:
    """The figure's flag: its correction, else an ambiguous numeral (never a silent guess)."""
    if correction:
        reason = f"text says {correction['text_says']}; read as {correction['read_as']}: {correction['reason']}"
        return {"flag": correction["flag"], "flag_reason": reason}
    if ambiguity:
        return {
            "flag": "ambiguous_number",
            "flag_reason": f"{ambiguity} (the grouping does not tell); check the article",
        }
    return {"flag": "", "flag_reason": ""}
