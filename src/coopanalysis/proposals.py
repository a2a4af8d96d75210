"""Add an extractor's proposals for a new article to the seeds, marked unreviewed."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .articles import ARTICLE_COLUMNS
from .coverage import check_coverage
from .extract import detect_province, extract_figures, present_year, reject_reasons
from .figures import FIGURE_COLUMNS, check_figures
from .paths import seeds_dir
from .problems import Problem, SeedError
from .tables import write_text

__all__ = ["append_proposals", "article_slug"]


def article_slug(text: str) -> str:
    """A readable article id from the detected province and year: ``ha-tinh-2024``."""
    province, _ = detect_province(text)
    year = present_year(text)
    base = re.sub(r"[^a-z0-9]+", "-", (province or "article").lower()).strip("-")
    return f"{base}-{year}" if year else base


def _rows_text(columns: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writerows(rows)
    return buffer.getvalue()


def _append(path: Path, addition: str) -> str:
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    if current and not current.endswith("\n"):
        current += "\n"
    return current + addition


def _non_statistic_quote(text: str, start: int, end: int, figure_spans: list[tuple[int, int]]) -> str:
    """The number with a few words next to it on its line: words so it cannot match a bare number
    elsewhere, and none of its occurrences may cover a proposed figure's number."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = text[line_start:start].split(" ")
    right = text[end:line_end].split(" ")
    number = text[start:end]
    for words in range(1, 4):
        for quote in (" ".join(left[-words:]) + number, number + " ".join(right[:words]),
                      " ".join(left[-words:]) + number + " ".join(right[:words])):
            quote = quote.strip()
            if not re.search(r"[^\W\d_]", quote):
                continue
            occurrences = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
            if not any(s <= fs and fe <= e for s, e in occurrences for fs, fe in figure_spans):
                return quote
    return text[line_start:line_end].strip()


def append_proposals(article: Path, article_id: str | None = None, seeds: Path | None = None) -> tuple[str, int, list[Problem]]:
    """Copy ``article`` into the seeds and append its proposed figures, marked ``unreviewed``.

    Also appends the article's row to ``articles.csv`` (province and date as detected, with how),
    its checksum, and the numbers judged not to be statistics to ``non_statistics.csv``, so that
    ``coopanalysis check`` lists exactly what is left to review. Reviewed rows are never rewritten:
    new rows go at the end of each file. Everything is validated in a temporary copy first; a
    proposal that fails validation is left out and reported.

    Returns ``(article_id, rows appended, problems left)``.
    """
    seeds = seeds or seeds_dir()
    text = article.read_text(encoding="utf-8")
    article_id = article_id or article_slug(text)
    articles = pd.read_csv(seeds / "articles.csv", dtype=str, keep_default_na=False)
    if article_id in set(articles["article_id"]):
        raise SeedError([Problem("seeds/articles.csv", 0, f"article_id {article_id!r} exists already; pass --article-id")])
    target = seeds / "articles" / article.name
    if target.exists() and target.read_bytes() != article.read_bytes():
        raise SeedError([Problem(f"seeds/articles/{article.name}", 0, "another file has this name; rename the new article")])

    proposals = extract_figures(text)
    province, province_basis = detect_province(text)
    year = present_year(text)
    url = re.search(r"https?://\S+", text)
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    article_row = {
        "article_id": article_id, "file": article.name, "province": province, "published": str(year or ""),
        "published_basis": "Proposed by the extractor: the latest year the text dates (review)." if year else "",
        "province_basis": f"Proposed by the extractor: {province_basis} (review).", "source": url.group(0) if url else "",
        "title": title,
    }
    figure_rows = [{
        "figure_id": f"{article_id}-p{n:02d}", "article_id": article_id, "quote": p.quote, "number": p.number,
        "measure": p.measure, "kind": p.kind, "period": p.period, "base_period": p.base_period, "scope": p.scope,
        "note": f"Proposed by the extractor (confidence {p.confidence:.2f}; {p.evidence}).", "status": "unreviewed",
    } for n, p in enumerate(proposals.itertuples(), start=1)]
    figure_spans = list(zip(proposals["number_start"], proposals["number_end"]))
    non_statistic_rows = [{
        "article_id": article_id, "quote": _non_statistic_quote(text, r.start, r.end, figure_spans), "category": r.category,
        "reason": f"Proposed by the extractor: {r.reason}.",
    } for r in reject_reasons(text)]

    def contents(figures: list[dict]) -> dict[str, str]:
        return {
            "articles.csv": _append(seeds / "articles.csv", _rows_text(ARTICLE_COLUMNS, [article_row])),
            "articles.sha256": _append(seeds / "articles.sha256", f"{hashlib.sha256(article.read_bytes()).hexdigest()}  {article.name}\n"),
            "figures.csv": _append(seeds / "figures.csv", _rows_text(FIGURE_COLUMNS, figures)),
            "non_statistics.csv": _append(seeds / "non_statistics.csv", _rows_text(["article_id", "quote", "category", "reason"], non_statistic_rows)),
        }

    problems = _validate(seeds, article, contents(figure_rows))
    bad = {m.group(1) for p in problems if (m := re.match(r"([\w.-]+-p\d+):", p.message))}
    figure_rows = [row for row in figure_rows if row["figure_id"] not in bad]
    final = contents(figure_rows)
    problems = _validate(seeds, article, final)
    if not target.exists():
        shutil.copyfile(article, target)
    for name, content in final.items():
        write_text(seeds / name, content)
    return article_id, len(figure_rows), problems


def _validate(seeds: Path, article: Path, contents: dict[str, str]) -> list[Problem]:
    with tempfile.TemporaryDirectory(prefix="coopanalysis-append-") as tmp:
        copy = Path(tmp) / "seeds"
        shutil.copytree(seeds, copy)
        shutil.copyfile(article, copy / "articles" / article.name)
        for name, content in contents.items():
            (copy / name).write_text(content, encoding="utf-8")
        figures, problems = check_figures(copy)
        uncovered, coverage_problems = check_coverage(figures, copy)
        problems += coverage_problems
        problems += [Problem(f"seeds/articles/{u.file}", u.line, f"number {u.token!r} is not accounted for") for u in uncovered]
        return problems
