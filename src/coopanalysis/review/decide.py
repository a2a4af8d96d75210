"""Review one article: each decision applied in memory, checked as ``check`` would, then written all at once.

Under the corpus's lock (:func:`coopanalysis.articles.commit.corpus_lock`, so two reviewers take
turns and neither loses the other's rows) the tables are read, the decisions applied, and the
article's rows checked in a copy: its text, its row of ``articles.csv`` and its rows of the other
tables. The decisions change only this article's rows, and every problem ``check`` can report of a
row concerns its own article, except a figure id used twice, which is checked over the whole table;
so this is what ``check`` would say of the corpus, and it takes the time of one article, not of the
corpus. With no problem, every changed table and the decision log are committed in one step
(:func:`coopanalysis.articles.commit.commit`); with any, nothing is written and
:class:`SeedError` lists them, each naming the line it would be on.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ..articles.commit import commit, corpus_lock
from ..articles.corpora import Corpora, corpus_name, resolve_corpora
from ..articles.table import ARTICLE_COLUMNS, article_path
from ..base.problems import Problem, SeedError
from ..base.readers import read_text
from ..base.text import normalize_text
from ..figures.check import check_seeds
from ..figures.coverage import NON_STATISTIC_COLUMNS
from ..figures.table import CORRECTION_COLUMNS, FIGURE_COLUMNS
from .actions import Add, Decision, Delete, Tables, apply, uncover
from .csvrows import TableText, read_table
from .timing import LOG, log_rows, stamp

__all__ = ["Article", "Outcome", "decide", "find_article", "inspect"]

_ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TABLES = {
    "figures": ("figures.csv", FIGURE_COLUMNS, ["figure_id", "article_id"]),
    "non_statistics": ("non_statistics.csv", NON_STATISTIC_COLUMNS, NON_STATISTIC_COLUMNS),
    "corrections": ("corrections.csv", CORRECTION_COLUMNS, CORRECTION_COLUMNS),
}


@dataclass(frozen=True)
class Article:
    """The article under review: its corpus, its row of ``articles.csv`` (cells) and its text (normalized)."""

    corpus: Path
    cells: dict
    text: str

    @property
    def article_id(self) -> str:
        return self.cells["article_id"]


@dataclass(frozen=True)
class Outcome:
    """What a review sees of its article: what the decisions did, its located figures (``check``'s
    table), its rows as written and the problems ``check`` reports of them (none after a decision)."""

    said: list[str]
    figures: pd.DataFrame
    tables: Tables
    problems: list[Problem]


def find_article(article_id: str, corpora: Corpora = None) -> Article:
    """The article with this id in one of the corpora; :class:`SeedError` naming the known ones otherwise."""
    if not _ARTICLE_ID.fullmatch(article_id):
        raise SeedError.single(
            "ARTICLE_ID",
            0,
            f"{article_id[:80]!r} is not an article id (lowercase letters, digits "
            f"and '-', as in articles.csv); `coopanalysis check` lists the articles",
        )
    known = []
    for corpus in resolve_corpora(corpora):
        table = read_table(corpus / "articles.csv", ARTICLE_COLUMNS, ARTICLE_COLUMNS[:5])
        for row in table.rows:
            if row.cells["article_id"] == article_id:
                text, problems = read_text(article_path(row.cells["file"], corpus), corpus.parent)
                if text is None:
                    raise SeedError(problems)
                return Article(corpus, dict(row.cells), normalize_text(text))
            known.append(row.cells["article_id"])
    where = ", ".join(corpus_name(c) for c in resolve_corpora(corpora))
    raise SeedError.single(
        "ARTICLE_ID", 0, f"no article {article_id!r} in {where}; the articles: {', '.join(known) or 'none'}"
    )


def inspect(article: Article, lock: bool = True) -> Outcome:
    """The article's rows and what ``check`` says of them now (under the lock unless ``lock`` is False)."""
    if not lock:
        return _outcome([], article, _read(article))
    with corpus_lock(article.corpus):
        return _outcome([], article, _read(article))


def decide(
    article: Article,
    decisions: Sequence[Decision],
    opened: str | None = None,
    now: Callable[[], datetime] | None = None,
    waiting: Callable[[], None] | None = None,
) -> Outcome:
    """Apply ``decisions`` in order, all or none; log each with its time (:mod:`.timing`) and return the result.

    ``opened``: when the reviewer opened the article (an ISO time, :func:`.timing.stamp`); a
    command's own start when not given. ``now`` gives the time of the decisions (tests fix it).
    Raises :class:`SeedError` when a decision names no figure of the article or a column no
    reviewer sets, or when ``check`` would report a problem of the result: nothing is written then.
    """
    now = now or (lambda: datetime.now(UTC))
    opened = opened or stamp(now())
    with corpus_lock(article.corpus, waiting):
        tables = _read(article)
        log = read_table(article.corpus / LOG[0], LOG[1], LOG[1][:2])
        tables.used = {row.cells["figure_id"] for row in log.rows}
        said, ids = [], []
        for decision in decisions:
            # Only a deletion needs to know where the figures' numbers are: checked just before it.
            located = _located(article, tables) if isinstance(decision, Delete) else {}
            said.append(apply(decision, tables, located))
            ids.append(getattr(decision, "figure_id", ""))
            if isinstance(decision, Add):
                ids[-1] = tables.figures.rows[-1].cells["figure_id"]
                said[-1] += _uncovered(article, tables, ids[-1])
        outcome = _outcome(said, article, tables)
        if outcome.problems:
            raise SeedError(outcome.problems)
        if not tables.changed:
            return outcome
        log.rows += log_rows(article.article_id, decisions, ids, said, opened, stamp(now()))
        files = {_TABLES[key][0]: getattr(tables, key).text() for key in sorted(tables.changed)}
        commit(
            article.corpus,
            {**{name: text.encode("utf-8") for name, text in files.items()}, LOG[0]: log.text().encode("utf-8")},
        )
        return outcome


def _read(article: Article) -> Tables:
    tables = {
        key: read_table(article.corpus / name, columns, required) for key, (name, columns, required) in _TABLES.items()
    }
    return Tables(
        article.article_id,
        article.text,
        figures=tables["figures"],
        non_statistics=tables["non_statistics"],
        corrections=tables["corrections"],
    )


def _located(article: Article, tables: Tables) -> dict[str, tuple[int, int]]:
    figures, _ = _check(article, tables)
    return {row.figure_id: (row.number_start, row.number_end) for row in figures.itertuples()}


def _uncovered(article: Article, tables: Tables, figure_id: str) -> str:
    """An added figure's number taken out of the non-statistics that covered it (see :func:`.actions.uncover`)."""
    figures, problems = _check(article, tables)
    if figure_id not in set(figures["figure_id"]):
        raise SeedError([p for p in problems if figure_id in p.message] or problems)
    moved = uncover(tables, figure_id, {r.figure_id: (r.number_start, r.number_end) for r in figures.itertuples()})
    return f" (its number was listed as a non-statistic in {moved} row(s), now taken out)" if moved else ""


def _outcome(said: list[str], article: Article, tables: Tables) -> Outcome:
    figures, problems = _check(article, tables)
    return Outcome(said, figures, tables, problems)


def _check(article: Article, tables: Tables) -> tuple[pd.DataFrame, list[Problem]]:
    """``check`` of the article's rows, in a copy; problems name the lines of the tables as they would be written."""
    corpus, article_id = article.corpus, article.article_id
    articles = read_table(corpus / "articles.csv", ARTICLE_COLUMNS, ARTICLE_COLUMNS[:5])
    parts = {
        "articles.csv": (articles, articles.where("article_id", article_id)),
        "figures.csv": (tables.figures, tables.figures.where("article_id", article_id)),
        "non_statistics.csv": (tables.non_statistics, tables.non_statistics.where("article_id", article_id)),
    }
    ids = {tables.figures.rows[i].cells["figure_id"] for i in parts["figures.csv"][1]}
    parts["corrections.csv"] = (
        tables.corrections,
        [i for i, r in enumerate(tables.corrections.rows) if r.cells["figure_id"] in ids],
    )
    file = article.cells["file"]
    with tempfile.TemporaryDirectory(prefix="coopanalysis-review-") as tmp:
        copy = Path(tmp) / (corpus.name or "corpus")
        (copy / "articles").mkdir(parents=True)
        shutil.copyfile(article_path(file, corpus), copy / "articles" / file)
        listing = (
            (corpus / "articles.sha256").read_text(encoding="utf-8") if (corpus / "articles.sha256").is_file() else ""
        )
        (copy / "articles.sha256").write_text(
            "".join(
                line for line in listing.splitlines(keepends=True) if line.rstrip("\r\n").partition("  ")[2] == file
            ),
            encoding="utf-8",
        )
        for name, (table, rows) in parts.items():
            (copy / name).write_text(table.subset(rows).text(), encoding="utf-8", newline="")
        figures, problems = check_seeds(copy)
    problems += _shared_ids(tables.figures, article_id)
    real = corpus_name(corpus)
    lines = {}
    for name, (table, rows) in parts.items():
        starts = table.starts()
        lines[name] = dict(zip(table.subset(rows).starts(), [starts[i] for i in rows]))
    prefix = f"{copy.name}/"
    mapped = []
    for p in problems:
        name = p.file[len(prefix) :] if p.file.startswith(prefix) else p.file
        line = lines[name].get(p.line, p.line) if name in lines and p.line > 1 else p.line
        mapped.append(
            replace(
                p,
                file=f"{real}/{name}" if p.file.startswith(prefix) else p.file,
                line=line,
                message=p.message.replace(prefix, f"{real}/"),
            )
        )
    return figures.assign(corpus=real), sorted(set(mapped))


def _shared_ids(figures: TableText, article_id: str) -> list[Problem]:
    """A figure id of the article that another row of the table also has (the one check the copy cannot make)."""
    mine = {figures.rows[i].cells["figure_id"] for i in figures.where("article_id", article_id)}
    seen: dict[str, str] = {}
    problems = []
    for line, row in zip(figures.starts(), figures.rows):
        figure_id = row.cells["figure_id"]
        if figure_id in mine and figure_id in seen and row.cells["article_id"] != seen[figure_id]:
            problems.append(Problem(figures.name, line, f"duplicate figure_id {figure_id!r}; give each row its own id"))
        seen.setdefault(figure_id, row.cells["article_id"])
    return problems
