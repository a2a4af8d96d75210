"""Turn reviewers' territory notes into ``coopanalysis review`` commands that set each figure's territory.

Reads CSV lines ``figure_id,territory_kind,territory_name,reason`` (a header line is optional;
kinds: former_province, merged_province, province, district, commune, cooperative, country, other)
and prints one command per figure, for example::

    coopanalysis review camau-2025-merged --corpus corpora/national --set camau-2025-merged-p03 territory='former:Ca Mau'

A ``province`` note (borders not said) is read by its article's date in ``CORPUS/articles.csv``.
A note that cannot be written (kind ``other``, a name that is no province) is reported on standard
error with its line, and the exit code is 1; the commands of the other lines are printed all the same.

Usage: python tools/territory_notes.py NOTES.csv --corpus corpora/national
"""

from __future__ import annotations

import argparse
import csv
import re
import shlex
import sys
from pathlib import Path

from coopanalysis.vocab.territory import write_territory

_FIGURE = re.compile(r"(.+)-[pf]\d+")


def commands(notes: list[list[str]], corpus: str, published: dict[str, str]) -> tuple[list[str], list[str]]:
    """The review commands of the notes (``[figure_id, kind, name, reason]`` rows) and the problems, each naming its line."""
    out, problems = [], []
    for line, fields in enumerate(notes, start=1):
        if not any(f.strip() for f in fields) or (line == 1 and fields[:2] == ["figure_id", "territory_kind"]):
            continue
        if len(fields) < 3:
            problems.append(
                f"line {line}: needs figure_id,territory_kind,territory_name,reason; got {','.join(fields)!r}"
            )
            continue
        figure_id, kind, name = (f.strip() for f in fields[:3])
        match = _FIGURE.fullmatch(figure_id)
        if not match:
            problems.append(f"line {line}: {figure_id!r} is no figure id (<article_id>-pNN or -fNN)")
            continue
        article = match.group(1)
        try:
            written = write_territory(kind, name, published.get(article, ""))
        except ValueError as error:
            problems.append(f"line {line}: {figure_id}: {error}")
            continue
        out.append(
            shlex.join(
                ["coopanalysis", "review", article, "--corpus", corpus, "--set", figure_id, f"territory={written}"]
            )
        )
    return out, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", type=Path, help="CSV of figure_id,territory_kind,territory_name,reason")
    parser.add_argument(
        "--corpus", required=True, help="the corpus folder the figures are in (its articles.csv dates them)"
    )
    args = parser.parse_args(argv)
    try:
        with open(args.notes, newline="", encoding="utf-8") as handle:
            notes = list(csv.reader(handle))
        with open(Path(args.corpus) / "articles.csv", newline="", encoding="utf-8") as handle:
            published = {row["article_id"]: row["published"] for row in csv.DictReader(handle)}
    except (OSError, UnicodeDecodeError, csv.Error, KeyError) as error:
        print(f"territory_notes: cannot read {args.notes} or {args.corpus}/articles.csv: {error}", file=sys.stderr)
        return 2
    out, problems = commands(notes, args.corpus, published)
    print("\n".join(out))
    for problem in problems:
        print(f"{args.notes}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
