"""The ``coopanalysis`` command: ``check`` the seed tables, ``run`` the report job."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .coverage import check_coverage
from .figures import check_figures
from .paths import outputs_dir, seeds_dir
from .problems import Problem, SeedError
from .report import build_tables

__all__ = ["main"]


def _check(args: argparse.Namespace) -> int:
    seeds = Path(args.seeds) if args.seeds else seeds_dir()
    figures, problems = check_figures(seeds)
    uncovered, coverage_problems = check_coverage(figures, seeds)
    problems += coverage_problems
    problems += [
        Problem(f"seeds/articles/{u.file}", u.line,
                f"number {u.token!r} is neither a figure nor a non-statistic: add a row to seeds/figures.csv "
                f"or seeds/non_statistics.csv (…{u.context}…)")
        for u in uncovered
    ]
    if problems:
        print(f"coopanalysis check: {len(problems)} problem(s)", file=sys.stderr)
        for problem in sorted(problems):
            print(f"  {problem}", file=sys.stderr)
        return 2
    articles = figures["article_id"].nunique()
    flagged = int((figures["flag"] != "").sum())
    print(f"ok: {len(figures)} figures from {articles} articles, {flagged} flagged; every number in the articles is accounted for")
    return 0


def _run(args: argparse.Namespace) -> int:
    out = Path(args.out) if args.out else outputs_dir()
    try:
        written = build_tables(out)
    except SeedError as error:
        print(f"coopanalysis run: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {_relative(path)}")
    return 0


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coopanalysis`` console script."""
    parser = argparse.ArgumentParser(prog="coopanalysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the seed tables; exit 2 listing every problem")
    check.add_argument("--seeds", help="seeds directory (default: the project's seeds/)")
    check.set_defaults(handler=_check)
    run = commands.add_parser("run", help="write the report tables to outputs/")
    run.add_argument("--out", help="output directory (default: the project's outputs/)")
    run.set_defaults(handler=_run)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
