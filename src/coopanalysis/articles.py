"""Read the seed articles: their metadata (``seeds/articles.csv``), raw text and checksums."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from .paths import seeds_dir
from .problems import Problem, SeedError, display_path, read_csv_rows
from .provinces import lookup_province

__all__ = ["ARTICLE_COLUMNS", "article_text", "check_articles", "load_articles"]

ARTICLE_COLUMNS = [
    "article_id", "file", "province", "published", "published_basis", "province_basis", "source", "title",
]
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PUBLISHED = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def article_text(file: str, seeds: Path | None = None) -> str:
    """Return an article's text exactly as stored (character offsets refer to this string)."""
    with open((seeds or seeds_dir()) / "articles" / file, encoding="utf-8", newline="") as handle:
        return handle.read()


def check_articles(seeds: Path | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate ``articles.csv`` and the article files; return the table and every problem found."""
    seeds = seeds or seeds_dir()
    root = seeds.parent
    rows, problems = read_csv_rows(seeds / "articles.csv", ARTICLE_COLUMNS, ARTICLE_COLUMNS[:5], root)
    name = display_path(seeds / "articles.csv", root)
    seen: dict[str, int] = {}
    records = []
    for line, row in rows:
        where = lambda message: problems.append(Problem(name, line, message))  # noqa: E731
        article_id = row["article_id"]
        if not _SLUG.fullmatch(article_id):
            where(f"article_id {article_id!r} must be a lowercase slug such as 'lang-son-2024'")
        elif article_id in seen:
            where(f"duplicate article_id {article_id!r} (first on line {seen[article_id]})")
        seen.setdefault(article_id, line)
        if not (seeds / "articles" / row["file"]).is_file():
            where(f"file {row['file']!r} not found in {display_path(seeds / 'articles', root)}/; copy the article there")
        try:
            row["province"] = lookup_province(row["province"]).name
        except KeyError as error:
            where(f"{error.args[0]}; use the ASCII English name")
        if not _PUBLISHED.fullmatch(row["published"]):
            where(f"published {row['published']!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
        records.append(row)
    table = pd.DataFrame(records, columns=ARTICLE_COLUMNS)
    return table, problems + _checksum_problems(seeds)


def _checksum_problems(seeds: Path) -> list[Problem]:
    """Compare the article files with ``articles.sha256`` (raw data must never be edited)."""
    listing = seeds / "articles.sha256"
    name = display_path(listing, seeds.parent)
    if not listing.is_file():
        return [Problem(name, 0, "checksum list not found; create it with: sha256sum *.txt > ../articles.sha256")]
    problems = []
    listed = set()
    for line_no, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), start=1):
        digest, _, file = line.partition("  ")
        listed.add(file)
        path = seeds / "articles" / file
        if not path.is_file():
            problems.append(Problem(name, line_no, f"{file} is listed but missing from seeds/articles/"))
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(Problem(name, line_no, f"{file} differs from its checksum: raw articles are read-only, restore the original"))
    for path in sorted((seeds / "articles").glob("*.txt")):
        if path.name not in listed:
            problems.append(Problem(name, 0, f"{path.name} has no checksum; add its sha256sum line"))
    return problems


def load_articles(seeds: Path | None = None) -> pd.DataFrame:
    """Return ``articles.csv`` as a DataFrame (one row per article), raising on any problem."""
    table, problems = check_articles(seeds)
    if problems:
        raise SeedError(problems)
    return table
