"""Load the curated figures (``seeds/figures.csv``): locate each quote, parse its number, validate."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from pathlib import Path

import pandas as pd

from ..articles.corpora import corpus_name
from ..articles.table import ArticleSet, read_articles
from ..base.language import detect_language
from ..base.paths import seeds_dir
from ..base.problems import Problem, SeedError, display_path
from ..base.readers import read_csv_rows
from ..quantity.normalize import normalize_quantity
from ..quantity.parse import QuantityMatch, find_quantities
from ..vocab.measures import KINDS, measures
from ..vocab.periods import PeriodError, parse_period
from ..vocab.provinces import find_admin_units, successor
from .occurrences import occurrences, squash

__all__ = ["FIGURE_COLUMNS", "CORRECTION_COLUMNS", "FIGURES_SCHEMA", "check_figures", "load_figures"]

#: Columns of ``seeds/figures.csv``, written by the analyst (``number`` and the rest are optional).
FIGURE_COLUMNS = [
    "figure_id", "article_id", "quote", "number", "measure", "kind", "period", "base_period", "scope", "definition",
    "note", "status",
]
#: ``definition``: empty when the figure counts what its measure's definition says; otherwise how it
#: differs ("of the 70 agricultural cooperatives in the OCOP programme"). Figures of different
#: definitions are never compared, summed or put in one series.
#: ``status``: empty or ``reviewed`` for curated rows, ``unreviewed`` for rows the extractor proposed.
STATUSES = ("", "reviewed", "unreviewed")
_REQUIRED = ["figure_id", "article_id", "quote", "measure", "kind", "period", "scope"]

#: Columns of ``seeds/corrections.csv``: one entry per figure read otherwise than the text says.
CORRECTION_COLUMNS = ["figure_id", "flag", "text_says", "read_as", "reason"]

#: Columns and dtypes of the table :func:`load_figures` returns.
FIGURES_SCHEMA = {
    "figure_id": "str", "article_id": "str", "province": "str", "quote": "str", "number": "str",
    "start": "int64", "end": "int64", "number_start": "int64", "number_end": "int64",
    "measure": "str", "kind": "str", "period": "str", "base_period": "str", "scope": "str", "definition": "str",
    "stated": "str", "value": "float64", "low": "float64", "high": "float64", "qualifier": "str", "unit": "str",
    "reported_unit": "str", "approximate": "bool", "flag": "str", "flag_reason": "str", "note": "str",
    "reviewed": "bool", "province_2025": "str", "borders": "str", "published": "str", "clause": "int64", "corpus": "str",
}
#: Where a clause ends: figures in the same clause are stated together (indicators pair them).
_CLAUSE_END = re.compile(r"[.;!?](?=\s)|\n")

_FIGURE_ID = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")
_SCOPE = re.compile(r"province|national|(district|entity):(\S.*)")
_CHANGE_KINDS = ("change_pct", "change_abs")
#: How far outside a quote words can still change how its number reads ("a reduction of approximately VND ").
_AROUND = 48


def check_figures(seeds: Path | None = None, read: ArticleSet | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate the seed tables and return the loaded figures with every problem found.

    Rows with problems are left out of the table; :func:`load_figures` raises if there are any.
    ``read`` is the corpus's articles if they are already read (``check`` reads them once).
    """
    seeds = seeds or seeds_dir()
    root = seeds.parent
    read = read or read_articles(seeds)
    articles, problems = read.table, list(read.problems)
    texts = {row.article_id: (row.file, row.province, read.texts[row.article_id]) for row in articles.itertuples()}
    # A quote's numerals are read as its article writes them ("1.200 triệu" in a Vietnamese one).
    languages = {article_id: detect_language(text) for article_id, (_, _, text) in texts.items()}
    published = dict(zip(articles["article_id"], articles["published"]))
    borders = dict(zip(articles["article_id"], articles["borders"]))
    clause_ends = {article_id: [m.start() for m in _CLAUSE_END.finditer(text)] for article_id, (_, _, text) in texts.items()}
    path = seeds / "figures.csv"
    name = display_path(path, root)
    rows, read_problems = read_csv_rows(path, FIGURE_COLUMNS, _REQUIRED, root)
    problems += read_problems
    # Rows of an article whose own row or text has a problem are not checked: that problem is the cause.
    unusable = read.unusable
    blocked = any(p.blocking and (p.file.endswith("articles.csv") or p.file == name) for p in problems)
    rows = [] if blocked else rows
    # Corrections name figures: with no usable figures table each would look unknown, a follow-on error.
    corrections, correction_problems = ({}, []) if blocked else _read_corrections(seeds, rows)
    problems += correction_problems
    found = _find_quotes(rows, {article_id: text for article_id, (_, _, text) in texts.items()})

    records, seen, stated = [], {}, {}
    for line, row in rows:
        row_problems = _check_required(row)
        figure_id = row["figure_id"]
        if not _FIGURE_ID.fullmatch(figure_id):
            row_problems.append(f"figure_id {figure_id!r} must be lowercase letters, digits, '-' or '.'")
        elif figure_id in seen:
            row_problems.append(f"duplicate figure_id {figure_id!r} (first on line {seen[figure_id]}); give each row its own id")
        seen.setdefault(figure_id, line)
        row_problems += _check_vocabulary(row)
        article = texts.get(row["article_id"])
        if row["article_id"] in unusable:
            continue
        if article is None:
            if not unusable:  # with a broken row in articles.csv, that row is the likely cause: report it alone
                row_problems.append(f"unknown article_id {row['article_id']!r}; add it to seeds/articles.csv first")
        else:
            record, located = _locate(row, *article, found.get(line, (0, -1, False)), languages[row["article_id"]])
            row_problems += located
            if record:
                row_problems += _check_scope(row["scope"], article[1])
            if record and not row_problems:
                key = (record["article_id"], record["number_start"], record["number_end"])
                if key in stated:
                    row_problems.append(f"states the same number of the same quote as {stated[key][0]} (line {stated[key][1]}); "
                                        f"a figure is counted once: delete one of the rows")
                else:
                    stated[key] = (figure_id, line)
                    record.update(_flag(corrections.get(figure_id, {}), record.pop("ambiguity")))
                    record.update(province_2025=successor(record["province"]), published=published[record["article_id"]],
                                  borders=borders[record["article_id"]],
                                  corpus=corpus_name(seeds),
                                  clause=bisect.bisect_left(clause_ends[record["article_id"]], record["number_start"]))
                    records.append(record)
        problems += [Problem(name, line, f"{figure_id or 'row'}: {message}") for message in row_problems]

    frame = pd.DataFrame(records, columns=list(FIGURES_SCHEMA)).astype(FIGURES_SCHEMA)
    return frame, problems


def load_figures(seeds: Path | None = None) -> pd.DataFrame:
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
    frame, problems = check_figures(seeds)
    if problems:
        raise SeedError(problems)
    return frame


def _check_required(row: dict) -> list[str]:
    return [f"{column} is empty; every figure needs one (see the README's figures table)"
            for column in _REQUIRED if not row[column]]


def _check_vocabulary(row: dict) -> list[str]:
    problems = []
    if row["measure"] and row["measure"] not in measures():
        problems.append(f"unknown measure {row['measure']!r}; use one of src/coopanalysis/data/measures.csv or add it there")
    if row["kind"] and row["kind"] not in KINDS:
        problems.append(f"unknown kind {row['kind']!r}; use one of: {', '.join(KINDS)}")
    if row["scope"] and not _SCOPE.fullmatch(row["scope"]):
        problems.append(f"scope {row['scope']!r} must be province, national, district:<Name> or entity:<Name>")
    for column in ("period", "base_period"):
        if row[column]:
            try:
                parse_period(row[column])
            except PeriodError as error:
                problems.append(str(error))
    if row["status"] not in STATUSES:
        problems.append(f"status {row['status']!r} must be empty, 'reviewed' or 'unreviewed'")
    if row["kind"] not in _CHANGE_KINDS and row["base_period"]:
        problems.append(f"base_period is only for changes; kind {row['kind']!r} has none")
    return problems


def _check_scope(scope: str, province: str) -> list[str]:
    match = _SCOPE.fullmatch(scope)
    if not match or match.group(1) != "district":
        return []
    # A district of the province, or (after the July 2025 merger) of a province merged into it.
    units = find_admin_units(match.group(2), ("district", "urban district", "town", "city"))
    if any(u.province == province or (province != "national" and successor(u.province) == successor(province))
           for u in units):
        return []
    return [f"district {match.group(2)!r} is not listed for {province} in src/coopanalysis/data/admin_units.csv; add it there"]


def _find_quotes(rows: list[tuple[int, dict]], texts: dict[str, str]) -> dict[int, tuple[int, int, bool]]:
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


def _locate(row: dict, file: str, province: str, text: str,
            found: tuple[int, int, bool], lang: str = "en") -> tuple[dict | None, list[str]]:
    """Find the quote in the article and the row's number in the quote; parse and normalize it.

    ``found`` is the quote's count, first start and loose match (:func:`_find_quotes`); ``lang`` the
    article's language, which says how its numerals are written.
    """
    quote = row["quote"]
    if not quote:
        return None, []
    count, start, loose = found
    if count == 0:
        hint = " (it does match if spaces or case are ignored: copy it exactly)" if loose else ""
        return None, [f"quote not found in {file}{hint}: {quote!r}"]
    if count > 1:
        return None, [f"quote occurs {count} times in {file}; lengthen it until it occurs once: {quote!r}"]
    match, problem = _pick_number(quote, row["number"], lang)
    if problem:
        return None, [problem]
    if row["measure"] not in measures() or row["kind"] not in KINDS:
        return None, []
    try:
        value, low, high, unit = normalize_quantity(match.quantity, measures()[row["measure"]], row["kind"])
    except ValueError as error:
        return None, [f"{error} in {match.text!r}; check measure and kind"]
    quantity = match.quantity
    widen = _reading_outside(text, start + match.number_start, start + match.number_end, quantity, lang)
    if widen:
        return None, [widen]
    return {
        "figure_id": row["figure_id"], "article_id": row["article_id"], "province": province,
        "quote": quote, "number": match.number, "start": start, "end": start + len(quote),
        "number_start": start + match.number_start, "number_end": start + match.number_end,
        "measure": row["measure"], "kind": row["kind"], "period": row["period"],
        "base_period": row["base_period"], "scope": row["scope"], "definition": row["definition"],
        "stated": match.text.strip(), "value": value, "low": low,
        "high": high, "qualifier": quantity.qualifier, "unit": unit,
        "reported_unit": quantity.reported_unit, "approximate": quantity.approximate, "note": row["note"],
        "reviewed": row["status"] != "unreviewed", "ambiguity": quantity.ambiguity,
    }, []


def _reading_outside(text: str, number_start: int, number_end: int, quantity, lang: str = "en") -> str:
    """A problem if the words just outside the quote change how its number reads.

    The sign and the bounds come from the quote alone: "3 cooperatives" quoted from "down 3
    cooperatives" would read +3, and "1,263 billion" from "over VND 1,263 billion" an exact value.
    """
    window_start = max(0, number_start - _AROUND)
    around = next((m for m in find_quantities(text[window_start:number_end + _AROUND], lang)
                   if window_start + m.number_start == number_start), None)
    if around is None:
        return ""
    wider = around.quantity
    if wider.direction != quantity.direction:
        said = "a decrease" if wider.direction == "down" else "an increase" if wider.direction else "no change"
        return (f"the text around the quote reads {around.text.strip()!r} ({said}), but the quote alone does not; "
                f"widen the quote to include the words of change")
    if wider.qualifier != quantity.qualifier and quantity.qualifier == "exact":
        return (f"the text around the quote reads {around.text.strip()!r} ({wider.qualifier.replace('_', ' ')}), but the "
                f"quote alone reads an exact number; widen the quote to include the qualifier")
    return ""


def _pick_number(quote: str, number: str, lang: str = "en") -> tuple[QuantityMatch | None, str]:
    found = find_quantities(quote, lang)
    listing = ", ".join(repr(m.number) for m in found)
    if not found:
        if re.search(r"\d{16}", quote):
            return None, f"the quote's number has more than 15 digits, which cannot be a figure: {quote[:60]!r}"
        if re.search(r"\d\s*\^\s*\d", quote):
            return None, f"the quote writes its number with an exponent ('^'), which is not read as a figure: {quote!r}"
        return None, f"no number in the quote; include the number the row is about: {quote!r}"
    if number:
        chosen = [m for m in found if m.number == number]
        if len(chosen) == 1:
            return chosen[0], ""
        if not chosen:
            return None, f"number {number!r} is not one of the numbers in the quote ({listing}); copy one exactly"
        return None, f"number {number!r} occurs {len(chosen)} times in the quote; shorten the quote"
    if len(found) > 1:
        return None, f"the quote holds {len(found)} numbers ({listing}); set the number column to the one this row means"
    return found[0], ""


def _read_corrections(seeds: Path, figure_rows: list[tuple[int, dict]]) -> tuple[dict[str, dict], list[Problem]]:
    path = seeds / "corrections.csv"
    if not path.is_file():
        return {}, []
    rows, problems = read_csv_rows(path, CORRECTION_COLUMNS, CORRECTION_COLUMNS, seeds.parent)
    name = display_path(path, seeds.parent)
    measure_of = {row["figure_id"]: row["measure"] for _, row in figure_rows}
    corrections = {}
    for line, row in rows:
        figure_id = row["figure_id"]
        if figure_id not in measure_of:
            problems.append(Problem(name, line, f"unknown figure_id {figure_id!r}; it must name a row of seeds/figures.csv"))
        elif row["read_as"] != measure_of[figure_id]:
            problems.append(Problem(name, line, f"{figure_id}: read_as {row['read_as']!r} differs from the measure in figures.csv ({measure_of[figure_id]!r}); make them agree"))
        elif figure_id in corrections:
            problems.append(Problem(name, line, f"{figure_id}: second correction for the same figure; merge them into one row"))
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
        return {"flag": "ambiguous_number", "flag_reason": f"{ambiguity} (the grouping does not tell); check the article"}
    return {"flag": "", "flag_reason": ""}
