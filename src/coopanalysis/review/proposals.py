"""Add an extractor's proposals for a new article to the seeds, marked unreviewed."""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import itertools
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..articles.commit import commit, corpus_lock
from ..articles.corpora import corpus_name
from ..articles.table import ARTICLE_COLUMNS, article_path, same_text_key
from ..base.paths import PathEscape, seeds_dir, slug
from ..base.problems import Problem, SeedError, display_path
from ..base.readers import MAX_TABLE_BYTES, not_a_file, read_text
from ..base.text import normalize_text
from ..base.writers import neutral_cell
from ..extract import detect_province, extract_figures, reject_reasons
from ..extract.nonstat import Rejected
from ..figures.check import check_seeds
from ..figures.coverage import NON_STATISTIC_COLUMNS, number_tokens
from ..figures.table import CORRECTION_COLUMNS, FIGURE_COLUMNS
from ..vocab.provinces import MERGER_DATE, former_provinces, lookup_province, successor
from .corpus_ids import corpora_used_with, corpus_for_append, ids_in_use, remove_if_created, unique_id
from .dating import proposed_date
from .title import proposed_title

__all__ = ["append_proposals", "proposed_non_statistics", "quotes_beside"]


def _appended(path: Path, columns: list[str], rows: list[dict], widen: bool = False) -> str:
    """The file's text with ``rows`` added at the end, in the file's own column order.

    A missing or empty file starts with the header of ``columns``. Existing lines are kept byte for
    byte; with ``widen`` (a record, such as ``proposals.csv``, not a reviewed table), a file written
    before a column of ``columns`` existed gains it, empty in its old rows (their values unchanged),
    so that what the new rows propose in it is kept.
    """
    current = _current(path)
    header = current.removeprefix("\ufeff").partition("\n")[0].strip()
    fields = [c.strip() for c in next(csv.reader([header]))] if header else columns
    missing = [c for c in columns if c not in fields and any(row.get(c) for row in rows)]
    if widen and header and missing:
        old = list(csv.DictReader(io.StringIO(current.removeprefix("\ufeff"))))
        fields += missing
        rewritten = io.StringIO()
        writer = csv.DictWriter(rewritten, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(old)
        current, header = rewritten.getvalue(), ",".join(fields)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    if not header:
        writer.writeheader()
    writer.writerows(
        {key: neutral_cell(value) if isinstance(value, str) else value for key, value in row.items()} for row in rows
    )
    if current.strip() and not current.endswith("\n"):
        current += "\n"
    return (current if current.strip() else "") + buffer.getvalue()


def _checksum_lines(path: Path) -> str:
    current = _current(path)
    return current + "\n" if current and not current.endswith("\n") else current


def _current(path: Path) -> str:
    """The table's text as stored ("" when there is none yet), read as every reader reads it (size, regular file,
    UTF-8)."""
    if not os.path.lexists(path):
        return ""
    text, problems = read_text(path, path.parent.parent, MAX_TABLE_BYTES)
    if text is None:
        raise SeedError(problems)
    return text


def quotes_beside(text: str, rejected: list, figure_spans: list[tuple[int, int]], words: int = 3) -> list[str]:
    """For each rejected number (``start``, ``end``, ``text``), the number with a few words next to it on its line.

    Words (up to ``words`` on each side), so that the quote cannot match a bare number elsewhere;
    none of its occurrences may cover a proposed figure's number, nor start or end inside a word
    ("ngày 1" where the text has "ngày 16/6"). An occurrence can only cover a figure where the
    figure's first digits (or number word) stand at the same offset, so only those places are compared.
    """
    figures_by_token = defaultdict(list)
    for start, end in figure_spans:
        tokens = number_tokens(text[start:end])
        if tokens:
            figures_by_token[tokens[0][2]].append((start + tokens[0][0], start, end))

    def covers_a_figure(quote: str) -> bool:
        for offset, _, token in number_tokens(quote):
            for at, start, end in figures_by_token.get(token, ()):
                begin = at - offset
                if begin >= 0 and text.startswith(quote, begin) and begin <= start and end <= begin + len(quote):
                    return True
        return False

    budget = [_SCAN_PER_CHARACTER * len(text) + 10_000]  # characters searched for all the quotes of a text

    def inside_words(quote: str) -> bool:
        """True when one of the quote's first occurrences starts or ends inside a word (a few are read:
        a quote met more often is a run of the same words; and a text of thousands of rejected numbers,
        "1 1 1 ...", is searched within a budget, linear in its length, past which quotes are kept)."""
        if budget[0] <= 0:
            return False
        at = text.find(quote)
        budget[0] -= (at if at >= 0 else len(text)) + 1
        for _ in range(_OCCURRENCES_READ):
            if at < 0:
                return False
            after = at + len(quote)
            if (at and text[at - 1].isalnum() and quote[:1].isalnum()) or (
                after < len(text) and text[after].isalnum() and quote[-1:].isalnum()
            ):
                return True
            found = text.find(quote, at + 1)
            budget[0] -= found - at if found >= 0 else len(text) - at
            at = found
        return False

    def beside(r, start: int, end: int) -> str | None:
        """The number with one to ``words`` words of ``text[start:end]`` next to it, holding a letter."""
        left = text[max(start, r.start - 40 * words) : r.start].split(" ")
        right = text[r.end : min(end, r.end + 40 * words)].split(" ")
        for n in range(1, words + 1):
            candidates = (
                " ".join(left[-n:]) + r.text,
                r.text + " ".join(right[:n]),
                " ".join(left[-n:]) + r.text + " ".join(right[:n]),
            )
            chosen = next(
                (
                    q.strip()
                    for q in candidates
                    if re.search(r"[^\W\d_]", q) and not covers_a_figure(q.strip()) and not inside_words(q.strip())
                ),
                None,
            )
            if chosen:
                return chosen
        return None

    breaks = [m.start() for m in re.finditer("\n", text)]  # line ends, found once: a line is looked up by bisection
    quotes = []
    for r in rejected:
        i = bisect.bisect_left(breaks, r.start)
        line_start = breaks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(breaks, r.end)
        line_end = breaks[j] if j < len(breaks) else len(text)
        # Words on the number's line; a line of numbers only (a time stamp "15/12/2010 - 08:13", a
        # stray "123") takes the words of the lines around it, line breaks and all, as they stand;
        # numbers and nothing else ("1 1 1 ...") the few beside it, never its whole line.
        line = text[line_start:line_end].strip()
        quotes.append(
            beside(r, line_start, line_end)
            or beside(r, 0, len(text))
            or (line if len(line) <= _LONGEST_LINE else _numbers_beside(text, r))
        )
    return quotes


_LONGEST_LINE = 200


def _numbers_beside(text: str, r) -> str:
    """The number with up to three words on each side, as written (a quote of bounded length)."""
    left = text[max(0, r.start - 60) : r.start].split(" ")[-4:]
    right = text[r.end : r.end + 60].split(" ")[:4]
    return (" ".join(left) + r.text + " ".join(right)).strip()


_OCCURRENCES_READ = 8
_SCAN_PER_CHARACTER = 20


def _unread(text: str, spans: list[tuple[int, int]]) -> list[Rejected]:
    """The numbers ``check`` counts (``number_tokens``) that no proposal and no rejection covers
    ("a double impetus", the digits of "2.5 times" when no statistic was read): each is written as
    ``unread`` for the reviewer, so that the append is not refused for a number nobody accounted for."""
    starts, ends = zip(*sorted(spans)) if spans else ((), ())
    reach = list(itertools.accumulate(ends, max))  # the furthest end of the spans starting before each
    unread = []
    for start, end, token in number_tokens(text):
        i = bisect.bisect_right(starts, start)
        if not (i and reach[i - 1] >= end):
            unread.append(
                Rejected(
                    start,
                    end,
                    token,
                    "unread",
                    "a number the extractor read no statistic in; keep it here or add it as a figure",
                )
            )
    return unread


def proposed_non_statistics(article_id: str, text: str, proposals: pd.DataFrame) -> list[dict]:
    """The ``non_statistics.csv`` rows ``extract --append`` writes for an article: one per number the
    extractor judged not to be a statistic, quoted with words beside it that cover none of ``proposals``."""
    spans = list(zip(proposals["number_start"], proposals["number_end"]))
    rejected = reject_reasons(text)
    rejected += _unread(text, spans + [(r.start, r.end) for r in rejected])
    quotes = quotes_beside(text, rejected, spans)
    return [
        {
            "article_id": article_id,
            "quote": quote,
            "category": r.category,
            "reason": f"Proposed by the extractor: {r.reason}.",
        }
        for r, quote in zip(rejected, quotes)
    ]


def _published(text: str, name: str, given: str | None) -> tuple[str, str]:
    """The article's date for ``articles.csv`` and how it was found (:func:`proposed_date`)."""
    if given:
        return given, "given with --published"
    found = proposed_date(text)
    if found:
        return found
    year = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", name)
    if year is None:
        raise SeedError([Problem(name, 0, "no date in the text or the file name; pass --published YYYY[-MM[-DD]]")])
    return year.group(1), "Proposed by the extractor: the file name's year (review)."


def append_proposals(
    article: Path,
    article_id: str | None = None,
    seeds: Path | None = None,
    province: str | None = None,
    published: str | None = None,
    waiting: Callable[[], None] | None = None,
    source: str | None = None,
) -> tuple[str, int]:
    """Copy ``article`` into a corpus and append its proposed figures, marked ``unreviewed``.

    Also appends the article's row to ``articles.csv`` (province and date as detected, with how),
    its checksum, the proposals as they were to ``proposals.csv`` (the review effort is measured
    against them), and the numbers judged not to be statistics to ``non_statistics.csv``, so that
    ``coopanalysis check`` lists exactly what is left to review. Reviewed rows are never rewritten:
    new rows go at the end of each file. ``province`` overrides the detected one; ``source`` is the
    address the article was published at (else the first address in the text): its site may name
    the province, and a title is made from it when the text has no headline. A corpus folder that
    does not exist yet is created with its tables.

    Everything is validated in a temporary copy first; if the result would not pass
    ``coopanalysis check``, nothing is written and :class:`SeedError` lists why. An article whose
    text is already in the corpus (same checksum) is refused, and so is an id that a corpus used
    with this one has (the default id takes a suffix instead). The files are written all at once
    under the corpus's lock (:mod:`coopanalysis.articles.commit`): concurrent appends wait for
    each other (``waiting`` is called when one has to), and an interruption or a full disk leaves
    the corpus as it was.

    Returns ``(article_id, figure rows appended)``.
    """
    seeds = seeds or seeds_dir()
    text, problems = read_text(article, article.parent)
    if text is None:
        raise SeedError(problems)
    data = text.encode("utf-8")  # the bytes as read (UTF-8 decoding and encoding give them back)
    text = normalize_text(text)  # the offsets and quotes proposed refer to the text as check reads it
    created = corpus_for_append(seeds)
    try:
        with corpus_lock(seeds, waiting):
            return _append(article.name, data, text, article_id, seeds, province, published, source)
    except BaseException:
        remove_if_created(seeds, created)
        raise


def _append(
    file: str,
    data: bytes,
    text: str,
    article_id: str | None,
    seeds: Path,
    province: str | None,
    published: str | None,
    source: str | None,
) -> tuple[str, int]:
    digest = hashlib.sha256(data).hexdigest()
    _refuse_duplicate(seeds, digest, same_text_key(text))
    taken = ids_in_use(seeds)
    where = display_path(seeds / "articles.csv", seeds.parent)
    if article_id and article_id in taken:
        raise SeedError(
            [
                Problem(
                    where,
                    0,
                    f"article_id {article_id!r} exists already in {taken[article_id]}; "
                    f"ids are unique across the corpora: pass another --article-id",
                )
            ]
        )
    try:
        target = article_path(file, seeds)
    except PathEscape as error:
        raise SeedError([Problem(file, 0, str(error))]) from None
    if target.exists():
        raise SeedError(
            [Problem(display_path(target, seeds.parent), 0, "another file has this name; rename the new article")]
        )

    url = re.search(r"https?://\S+", text)
    source = (source or "").strip() or (url.group(0) if url else "")
    detected, province_basis = detect_province(text, hint=file, source=source)
    # "(review)" once: a basis from the file name says it already.
    province_basis = f"Proposed by the extractor: {province_basis}" + (
        "." if province_basis.endswith("(review)") else " (review)."
    )
    if province:
        try:
            detected, province_basis = lookup_province(province).name, "Given with --province."
        except KeyError as error:
            raise SeedError([Problem("--province", 0, error.args[0])]) from None
    if not detected:
        raise SeedError([Problem(file, 0, "no province found in the text; pass --province NAME")])
    published_on, published_basis = _published(text, file, published)
    if published_on == MERGER_DATE[:4] and len(former_provinces(successor(detected))) > 1:
        raise SeedError(
            [
                Problem(
                    file,
                    0,
                    f"the text gives no date but the year {published_on}, in which {detected} "
                    f"changed in the July merger, so its borders are unknown; pass --published "
                    f"YYYY-MM-DD, the date on its page",
                )
            ]
        )
    # The id names the province and the year of the article's date (not a year the text mentions).
    article_id = article_id or unique_id(f"{slug(detected)}-{published_on[:4]}", taken)
    proposals = extract_figures(text, hint=file, published=published_on, source=source)
    article_row = {
        "article_id": article_id,
        "file": file,
        "province": detected,
        "published": published_on,
        "published_basis": published_basis,
        "province_basis": province_basis,
        "source": source,
        "title": proposed_title(text, source),
    }
    figure_rows = [
        {
            "figure_id": f"{article_id}-p{n:02d}",
            "article_id": article_id,
            "quote": p.quote,
            "number": p.number,
            "measure": p.measure,
            "kind": p.kind,
            "period": p.period,
            "base_period": p.base_period,
            "scope": p.scope,
            "definition": p.definition,
            "note": f"Proposed by the extractor (confidence {p.confidence:.2f}; {p.evidence}).",
            "status": "unreviewed",
        }
        for n, p in enumerate(proposals.itertuples(), start=1)
    ]
    non_statistic_rows = proposed_non_statistics(article_id, text, proposals)
    contents = {
        "articles.csv": _appended(seeds / "articles.csv", ARTICLE_COLUMNS, [article_row]),
        "articles.sha256": _checksum_lines(seeds / "articles.sha256") + f"{digest}  {file}\n",
        "figures.csv": _appended(seeds / "figures.csv", FIGURE_COLUMNS, figure_rows),
        # What the extractor proposed, kept as it was: the review effort is measured against it.
        "proposals.csv": _appended(seeds / "proposals.csv", FIGURE_COLUMNS, figure_rows, widen=True),
        "non_statistics.csv": _appended(seeds / "non_statistics.csv", NON_STATISTIC_COLUMNS, non_statistic_rows),
    }
    if not (seeds / "corrections.csv").is_file():  # a new corpus gets every table, empty
        contents["corrections.csv"] = _appended(seeds / "corrections.csv", CORRECTION_COLUMNS, [])
    problems = _validate(seeds, file, data, contents)
    if problems:
        raise SeedError(problems)
    commit(seeds, {f"articles/{file}": data, **{name: content.encode("utf-8") for name, content in contents.items()}})
    return article_id, len(figure_rows)


def _refuse_duplicate(seeds: Path, digest: str, key: str) -> None:
    """The same text is never added twice: not to this corpus, nor beside one pooled with it; the same by
    checksum, or by its words (:func:`same_text_key`: saved again with CRLF line ends, other spaces, a BOM)."""
    for corpus in corpora_used_with(seeds):
        listing = corpus / "articles.sha256"
        listed, _ = read_text(listing, corpus.parent) if listing.is_file() else ("", [])
        for line_no, line in enumerate((listed or "").splitlines(), start=1):
            known, _, file = line.partition("  ")
            if known == digest:
                raise SeedError(
                    [
                        Problem(
                            display_path(listing, seeds.parent),
                            line_no,
                            f"this text is already in {corpus_name(corpus)} as {file}; it is not added twice",
                        )
                    ]
                )
            try:
                path = article_path(file, corpus)
            except PathEscape:
                continue  # check reports it where it is listed
            text, _ = read_text(path, corpus.parent) if path.is_file() else (None, [])
            if text is not None and same_text_key(text) == key:
                raise SeedError(
                    [
                        Problem(
                            display_path(listing, seeds.parent),
                            line_no,
                            f"this text is already in {corpus_name(corpus)} as {file} (the same words, saved "
                            f"with other line ends, spaces or invisible characters); it is not added twice",
                        )
                    ]
                )


def _not_checked(folder: str, names: list[str]) -> set[str]:
    """What the copy that is checked leaves out: the lock's and commits' own files, and anything that is not a
    regular file or a folder (a pipe would block the copy, a link to a device would never end it)."""

    def left_out(name: str) -> bool:
        if name.startswith(".coopanalysis-") or (name.startswith(".") and name.endswith(".pending")):
            return True
        try:
            mode = os.stat(os.path.join(folder, name)).st_mode
        except OSError:
            return True  # a broken or looping link: check reports the article it names as missing, as in the corpus
        return bool(not_a_file(mode)) and not os.path.isdir(os.path.join(folder, name))

    return {name for name in names if left_out(name)}


def _validate(seeds: Path, file: str, data: bytes, contents: dict[str, str]) -> list[Problem]:
    """Every problem ``coopanalysis check`` would report after the append (run on a copy)."""
    with tempfile.TemporaryDirectory(prefix="coopanalysis-append-") as tmp:
        copy = Path(tmp) / (seeds.name or "corpus")
        shutil.copytree(seeds, copy, ignore=_not_checked)
        (copy / "articles").mkdir(exist_ok=True)
        (copy / "articles" / file).write_bytes(data)
        for name, content in contents.items():
            (copy / name).write_text(content, encoding="utf-8")
        _, problems = check_seeds(copy)
        # Name the files as they are in the project, not as in the copy.
        prefix, real = f"{seeds.name}/", corpus_name(seeds) + "/"
        return [
            replace(
                p,
                file=real + p.file[len(prefix) :] if p.file.startswith(prefix) else p.file,
                message=p.message.replace(prefix, real),
            )
            for p in problems
        ]
