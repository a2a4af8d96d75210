"""Checks of one ``figures.csv`` row on its own: required columns, vocabulary, scope, the quote
located in its article and its number read. They need no other row, so many rows are checked in
worker processes at once (:func:`check_rows`); what compares rows with each other stays in
:func:`coopanalysis.figures.table.check_figures`."""

from __future__ import annotations

import re

from ..quantity.normalize import normalize_quantity
from ..quantity.parse import QuantityMatch, find_quantities
from ..vocab.measures import KINDS, measures
from ..vocab.periods import PeriodError, parse_period
from ..vocab.provinces import find_admin_units, successor
from ..vocab.territory import Territory, read_territory

__all__ = ["REQUIRED", "STATUSES", "Found", "check_rows"]

#: ``status``: empty or ``reviewed`` for curated rows, ``unreviewed`` for rows the extractor proposed.
STATUSES = ("", "reviewed", "unreviewed")
#: The columns every row must fill.
REQUIRED = ["figure_id", "article_id", "quote", "measure", "kind", "period", "scope"]
_SCOPE = re.compile(r"province|national|(district|commune|entity):(\S.*)")
_CHANGE_KINDS = ("change_pct", "change_abs")
#: How far outside a quote words can still change how its number reads ("a reduction of approximately VND ").
_AROUND = 48


#: Where a row's quote is in its article: how often it occurs, where first, and whether it matches
#: loosely (case and spaces ignored). :func:`coopanalysis.figures.table.check_figures` finds all the
#: quotes of an article in one pass and hands each row its own.
Found = tuple[int, int, bool]


def check_rows(
    work: tuple[list[tuple[int, dict]], dict[str, tuple[str, str, str, str]], dict[int, Found]],
) -> list[tuple]:
    """For each ``(line, row)`` of a batch, with the batch's articles (id -> file, province, text,
    language) and where each line's quote was found:
    ``(required problems, vocabulary problems, record or None, problems of the quote and scope)``."""
    rows, articles, found = work
    checked = []
    for line, row in rows:
        article = articles.get(row["article_id"])
        record, located = _locate(row, *article, found.get(line, (0, -1, False))) if article is not None else (None, [])
        if record:
            territory, _ = _territory(row)  # its problems are the row's vocabulary's
            record.update(
                territory=row.get("territory", ""),
                province=territory.province or record["province"],
                borders=territory.borders,
                scope=territory.scope or record["scope"],
            )
            located = located + _check_scope(record["scope"], record["province"])
        checked.append((_check_required(row), _check_vocabulary(row), record, located))
    return checked


def _check_required(row: dict) -> list[str]:
    return [
        f"{column} is empty; every figure needs one (see docs/guides/figures.md)"
        for column in REQUIRED
        if not row[column]
    ]


def _check_vocabulary(row: dict) -> list[str]:
    problems = []
    if row["measure"] and row["measure"] not in measures():
        problems.append(
            f"unknown measure {row['measure']!r}; use one of src/coopanalysis/data/measures.csv or add it there"
        )
    if row["kind"] and row["kind"] not in KINDS:
        problems.append(f"unknown kind {row['kind']!r}; use one of: {', '.join(KINDS)}")
    if row["scope"] and not _SCOPE.fullmatch(row["scope"]):
        problems.append(
            f"scope {row['scope']!r} must be province, national, district:<Name>, commune:<Name> or entity:<Name>"
        )
    for column in ("period", "base_period"):
        if row[column]:
            try:
                parse_period(row[column])
            except PeriodError as error:
                problems.append(str(error))
    problems += _territory(row)[1]
    if row["status"] not in STATUSES:
        problems.append(f"status {row['status']!r} must be empty, 'reviewed' or 'unreviewed'")
    if row["kind"] not in _CHANGE_KINDS and row["base_period"]:
        problems.append(f"base_period is only for changes; kind {row['kind']!r} has none")
    return problems


def _territory(row: dict) -> tuple[Territory, list[str]]:
    """What the row's ``territory`` says (:mod:`coopanalysis.vocab.territory`), and whether it contradicts its scope."""
    try:
        territory = read_territory(row.get("territory", ""))
    except ValueError as error:
        return Territory(), [str(error)]
    scope = row["scope"]
    if territory.scope and scope not in ("province", territory.scope):
        return Territory(), [
            (
                f"territory {row['territory']!r} contradicts scope {scope!r}; set scope to province "
                f"(the territory then gives it) or clear the territory"
            )
        ]
    if territory.province and territory.province != "national" and scope == "national":
        return Territory(), [f"territory {row['territory']!r} is a province but scope is national; make them agree"]
    return territory, []


def _check_scope(scope: str, province: str) -> list[str]:
    match = _SCOPE.fullmatch(scope)
    if not match or match.group(1) != "district":
        return []
    # A district of the province, or (after the July 2025 merger) of a province merged into it.
    units = find_admin_units(match.group(2), ("district", "urban district", "town", "city"))
    if any(
        u.province == province or (province != "national" and successor(u.province) == successor(province))
        for u in units
    ):
        return []
    return [
        (
            f"district {match.group(2)!r} is not listed for {province} in src/coopanalysis/data/admin_units.csv; "
            "add it there"
        )
    ]


def _locate(row: dict, file: str, province: str, text: str, lang: str, found: Found) -> tuple[dict | None, list[str]]:
    """Find the quote in the article and the row's number in the quote; parse and normalize it.

    ``lang`` is the article's language, which says how its numerals are written ("1.200 triệu" in a
    Vietnamese one); ``found`` where its quote is (:data:`Found`).
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
    if match is None:  # always with the problem that says why
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
        "figure_id": row["figure_id"],
        "article_id": row["article_id"],
        "province": province,
        "quote": quote,
        "number": match.number,
        "start": start,
        "end": start + len(quote),
        "number_start": start + match.number_start,
        "number_end": start + match.number_end,
        "measure": row["measure"],
        "kind": row["kind"],
        "period": row["period"],
        "base_period": row["base_period"],
        "scope": row["scope"],
        "definition": row["definition"],
        "stated": match.text.strip(),
        "value": value,
        "low": low,
        "high": high,
        "qualifier": quantity.qualifier,
        "unit": unit,
        "reported_unit": quantity.reported_unit,
        "approximate": quantity.approximate,
        "note": row["note"],
        "reviewed": row["status"] != "unreviewed",
        "ambiguity": quantity.ambiguity,
    }, []


def _reading_outside(text: str, number_start: int, number_end: int, quantity, lang: str) -> str:
    """A problem if the words just outside the quote change how its number reads.

    The sign and the bounds come from the quote alone: "3 cooperatives" quoted from "down 3
    cooperatives" would read +3, and "1,263 billion" from "over VND 1,263 billion" an exact value.
    """
    window_start = max(0, number_start - _AROUND)
    around = next(
        (
            m
            for m in find_quantities(text[window_start : number_end + _AROUND], lang)
            if window_start + m.number_start == number_start
        ),
        None,
    )
    if around is None:
        return ""
    wider = around.quantity
    if wider.direction != quantity.direction:
        said = "a decrease" if wider.direction == "down" else "an increase" if wider.direction else "no change"
        return (
            f"the text around the quote reads {around.text.strip()!r} ({said}), but the quote alone does not; "
            f"widen the quote to include the words of change"
        )
    if wider.per and not quantity.per:
        return (
            f"the text around the quote reads {around.text.strip()!r} (an amount per {wider.per}), but the quote "
            f"alone does not; widen the quote to include the words that say so"
        )
    if wider.qualifier != quantity.qualifier and quantity.qualifier == "exact":
        return (
            f"the text around the quote reads {around.text.strip()!r} ({wider.qualifier.replace('_', ' ')}), but the "
            f"quote alone reads an exact number; widen the quote to include the qualifier"
        )
    return ""


def _pick_number(quote: str, number: str, lang: str) -> tuple[QuantityMatch | None, str]:
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
        return (
            None,
            f"the quote holds {len(found)} numbers ({listing}); set the number column to the one this row means",
        )
    return found[0], ""
