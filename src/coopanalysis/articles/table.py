"""Read a corpus's articles: their metadata (``articles.csv``), raw text and checksums."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..base.paths import PathEscape, inside, seeds_dir
from ..base.problems import Problem, SeedError, display_path
from ..base.readers import read_text
from ..base.text import normalize_text
from ..vocab.provinces import MERGER_DATE, NATIONAL, former_provinces, lookup_province, successor
from .snapshot import CorpusFiles, Unread, read_corpus

__all__ = [
    "ARTICLE_COLUMNS",
    "BORDERS",
    "ArticleSet",
    "article_path",
    "article_text",
    "check_articles",
    "corpus_files",
    "load_articles",
    "read_articles",
    "same_text_key",
]

ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "province",
    "published",
    "published_basis",
    "province_basis",
    "source",
    "title",
    "borders",
]
#: ``borders`` of an article: which territory its province name means. Analysts write the first
#: two (or leave it empty to have it follow ``published``); the others are derived.
BORDERS = ("pre-merger", "post-merger", "unchanged", "national")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PUBLISHED = re.compile(r"(19\d\d|2[01]\d\d)(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def same_text_key(text: str) -> str:
    """What two saved copies of one article share: the SHA-256 of its words, read as the package reads
    text and joined by single spaces, so that line ends (CRLF), runs of spaces, a byte-order mark or
    invisible characters do not make it another text."""
    return hashlib.sha256(" ".join(normalize_text(text).split()).encode("utf-8")).hexdigest()


def article_path(file: str, corpus: Path | None = None) -> Path:
    """Where an article's text is: ``file`` inside the corpus's ``articles/`` (never outside it)."""
    return inside((corpus or seeds_dir()) / "articles", file, "article file")


def article_text(file: str, corpus: Path | None = None) -> str:
    """Return an article's text as the package reads it: normalized (NFC, no invisible characters,
    ASCII digits; :func:`~coopanalysis.base.text.normalize_text`). Character offsets refer to this
    string; the checksum is over the file's bytes as stored.

    Raises :class:`SeedError` naming the file and the fix when it cannot be read as UTF-8 text.
    """
    corpus = corpus or seeds_dir()
    try:
        path = article_path(file, corpus)
    except PathEscape as error:
        raise SeedError([Problem(display_path(corpus / "articles.csv", corpus.parent), 0, str(error))]) from None
    text, problems = read_text(path, corpus.parent)
    if text is None:
        raise SeedError(problems)
    return normalize_text(text)


@dataclass(frozen=True)
class ArticleSet:
    """A corpus's articles as read once: the table, each readable text (normalized) by ``article_id``, the problems."""

    table: pd.DataFrame
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Articles listed in ``articles.csv`` whose text cannot be used: the rows of other tables that
    #: name them are not checked (their problem is the cause, not each of those rows).
    unusable: frozenset[str] = frozenset()


def corpus_files(corpus: Path | CorpusFiles | None = None) -> CorpusFiles:
    """The corpus's files as read once (:func:`~coopanalysis.articles.snapshot.read_corpus`); default ``seeds/``."""
    return corpus if isinstance(corpus, CorpusFiles) else read_corpus(corpus or seeds_dir())


def check_articles(corpus: Path | CorpusFiles | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate ``articles.csv`` and the article files; return the table and every problem found.

    The table holds only the articles whose text can be read; the others are problems.
    """
    articles = read_articles(corpus)
    return articles.table, articles.problems


def read_articles(corpus: Path | CorpusFiles | None = None) -> ArticleSet:
    """Read and validate every article of a corpus, each text read and hashed once.

    ``check`` passes the result on to the figures and the coverage checks, which need the same texts.
    """
    files = corpus_files(corpus)
    rows, problems = files.rows("articles.csv", ARTICLE_COLUMNS, ARTICLE_COLUMNS[:5])
    name = files.where("articles.csv")
    seen: dict[str, int] = {}
    digests: dict[str, tuple[str, int]] = {}
    by_file: dict[str, str] = {}
    records, unusable, unreadable_files = [], set(), set()
    texts: dict[str, str] = {}
    for line, row in rows:
        where = lambda message, line=line: problems.append(Problem(name, line, message))  # noqa: E731
        before = len(problems)
        article_id = row["article_id"]
        if not _SLUG.fullmatch(article_id):
            where(f"article_id {article_id!r} must be a lowercase slug such as 'lang-son-2024'")
        elif article_id in seen:
            where(f"duplicate article_id {article_id!r} (first on line {seen[article_id]})")
        seen.setdefault(article_id, line)
        readable = _check_file(row["file"], files, where, problems)
        if readable is None:
            unusable.add(article_id)
            unreadable_files.add(row["file"])
        if row["province"] != NATIONAL:
            try:
                row["province"] = lookup_province(row["province"]).name
            except KeyError as error:
                where(f"{error.args[0]}; use the ASCII English name, or 'national' for a national report")
        if not _PUBLISHED.fullmatch(row["published"]):
            where(f"published {row['published']!r} must be YYYY, YYYY-MM or YYYY-MM-DD (a year from 1900 to 2199)")
        else:
            row["borders"] = _borders(row, where)
        if readable is not None:
            if row["file"] not in by_file:  # the checksum is over the bytes as stored, not the normalized text
                stored = files.data(f"articles/{row['file']}")
                assert stored is not None  # it was readable
                by_file[row["file"]] = hashlib.sha256(stored).hexdigest()
            digest = same_text_key(readable)  # the same words saved with other line ends are the same article
            if digest in digests and digests[digest][0] != row["file"]:
                where(
                    f"{row['file']} has the same text as {digests[digest][0]} (line {digests[digest][1]}); "
                    f"remove the duplicate article"
                )
            elif digest in digests:
                where(
                    f"file {row['file']!r} is already the text of line {digests[digest][1]}; "
                    "each article has its own file"
                )
            digests.setdefault(digest, (row["file"], line))
            if len(problems) > before:  # the row itself is wrong: what names the article is not checked on top
                unusable.add(article_id)
                continue
            records.append(row)
            texts.setdefault(article_id, normalize_text(readable))
    table = pd.DataFrame(records, columns=ARTICLE_COLUMNS).assign(corpus=files.name)
    return ArticleSet(
        table, texts, problems + _checksum_problems(files, by_file, unreadable_files), frozenset(unusable - set(texts))
    )


def _borders(row: dict, where) -> str:
    """Which territory the article's province means: before or after the July 2025 merger.

    Empty ``borders`` follows the publication date; a date that straddles the merger (the year
    2025 alone) must say it. Provinces the merger left as they were are ``unchanged``.
    """
    province, stated, published = row["province"], row["borders"], row["published"]
    if province == NATIONAL:
        return "national"
    try:
        if former_provinces(successor(province)) == (province,):
            return "unchanged"
        kept_its_name = successor(province) == province
    except KeyError:
        return stated  # the unknown province is already reported
    if stated and stated not in BORDERS[:2]:
        where(f"borders {stated!r} must be pre-merger, post-merger or empty (empty follows the published date)")
        return stated
    if stated == "post-merger" and not kept_its_name:
        where(
            f"borders post-merger: {province} is no province after July 2025 "
            f"(it became part of {successor(province)}); write pre-merger, or name {successor(province)}"
        )
        return stated
    if stated:
        return stated
    if not kept_its_name:
        return "pre-merger"
    if published[:4] == MERGER_DATE[:4] and len(published) == 4:
        where(
            f"published 2025 does not say whether {province} means the province before or after the merger of "
            f"{MERGER_DATE}: write borders = pre-merger or post-merger"
        )
        return stated
    return "post-merger" if published >= MERGER_DATE[: len(published)] else "pre-merger"


def _check_file(file: str, files: CorpusFiles, where, problems: list[Problem]) -> str | None:
    """The article's text if its file is inside ``articles/`` and readable; else record why not."""
    stored = files.files.get(f"articles/{file}", Unread("missing", "file not found"))
    if isinstance(stored, Unread) and stored.reason == "escape":
        where(f"{stored.message}; put the article in {files.where('articles')}/")
        return None
    if isinstance(stored, Unread) and stored.reason == "missing":
        fix = (
            "run `make corpus` (coopanalysis fetch) to bring this corpus's texts"
            if files.fetched
            else "copy the article there"
        )
        where(f"file {file!r} not found in {files.where('articles')}/; {fix}")
        return None
    text, unreadable = files.text(f"articles/{file}")
    problems += unreadable
    return text


def _checksum_problems(files: CorpusFiles, known: dict[str, str], unreadable: Set[str] = frozenset()) -> list[Problem]:
    """Compare the article files with ``articles.sha256`` (raw data must never be edited).

    ``known`` holds the digests of the texts already read, so that no file is hashed twice;
    ``unreadable`` the files already reported where ``articles.csv`` lists them (not again here).
    """
    name = files.where("articles.sha256")
    if not files.exists("articles.sha256"):
        return [Problem(name, 0, "checksum list not found; create it with: sha256sum *.txt > ../articles.sha256")]
    text, problems = files.text("articles.sha256")
    if text is None:
        return problems
    listed = set()
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, file = line.partition("  ")
        if not re.fullmatch(r"[0-9a-f]{64}", digest) or not file:
            problems.append(
                Problem(name, line_no, "malformed line; each line is '<sha256>  <file>' as sha256sum writes it")
            )
            continue
        listed.add(file)
        if file in unreadable:
            continue
        stored = files.files.get(f"articles/{file}", Unread("missing", "file not found"))
        if isinstance(stored, Unread) and stored.reason == "escape":
            problems.append(Problem(name, line_no, stored.message))
        elif isinstance(stored, Unread) and stored.reason == "unreadable":
            problems.append(Problem(name, line_no, f"{file} {stored.message}"))
        elif not isinstance(stored, bytes):
            problems.append(Problem(name, line_no, f"{file} is listed but missing from seeds/articles/"))
        elif (known.get(file) or hashlib.sha256(stored).hexdigest()) != digest:
            problems.append(
                Problem(
                    name, line_no, f"{file} differs from its checksum: raw articles are read-only, restore the original"
                )
            )
    for file in files.listing:
        if file not in listed:  # a broken or looping link is reported where it is listed
            problems.append(Problem(name, 0, f"{file} has no checksum; add its sha256sum line"))
    return problems


def load_articles(corpus: Path | CorpusFiles | None = None) -> pd.DataFrame:
    """Return ``articles.csv`` as a DataFrame (one row per article), raising on any problem."""
    table, problems = check_articles(corpus)
    if problems:
        raise SeedError(problems)
    return table
