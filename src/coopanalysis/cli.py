"""The ``coopanalysis`` command: ``check`` the seeds, ``run`` the reports, ``verify`` the outputs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .coverage import check_coverage
from .figures import check_figures
from .paths import outputs_dir, seeds_dir
from .problems import ConfigError, Problem, RunFailed, SeedError

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
    from .runner import run_reports

    out = Path(args.out) if args.out else outputs_dir()
    written = run_reports(out, _config(args), args.jobs, args.only or ())
    print(f"wrote {len(written)} files to {_relative(out)}/ (checksums in {_relative(out)}/SHA256SUMS)")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .runner import verify_outputs

    out = Path(args.out) if args.out else outputs_dir()
    differences = verify_outputs(out, _config(args), args.jobs)
    if differences:
        print(f"{_relative(out)}/ is not what the current code and seeds produce:", file=sys.stderr)
        for line in differences:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"ok: a rerun reproduces {_relative(out)}/ byte for byte")
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from .runner import refresh_notebooks

    for path in refresh_notebooks(_config(args), args.jobs):
        print(f"executed {_relative(path)}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .evaluation import evaluate_seeds
    from .extract import EXTRACT_COLUMNS, extract_figures
    from .formatting import format_stated
    from .tables import FLOAT_FORMAT

    if args.evaluate:
        table = evaluate_seeds()
        for column in ("recall", "precision", "measure_agreement", "kind_agreement"):
            table[column] = table[column].map(lambda x: f"{x:.1%}")
        print(table.to_string(index=False))
        return 0
    if not args.article:
        print("coopanalysis extract: give an ARTICLE.txt (or --evaluate)", file=sys.stderr)
        return 2
    path = Path(args.article)
    if not path.is_file():
        print(f"coopanalysis extract: {path}: file not found", file=sys.stderr)
        return 2
    if args.append:
        from .proposals import append_proposals

        article_id, count, problems = append_proposals(path, args.article_id)
        print(f"appended {count} unreviewed figures of {article_id} to seeds/figures.csv "
              f"(and the article to seeds/articles.csv); review them, then set status to 'reviewed'")
        for problem in problems:
            print(f"  still to curate: {problem}", file=sys.stderr)
        return 0
    proposals = extract_figures(path.read_text(encoding="utf-8"))
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    if fmt == "csv":
        columns = EXTRACT_COLUMNS + ["province_basis", "evidence"]
        sys.stdout.write(proposals[columns].to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n"))
        return 0
    basis = proposals["province_basis"].iloc[0] if len(proposals) else "no figures"
    province = proposals["province"].iloc[0] if len(proposals) else ""
    print(f"{path.name}: {len(proposals)} proposed figures; province: {province or 'unknown'} ({basis})")
    view = pd.DataFrame({
        "number": proposals["number"], "measure": proposals["measure"], "kind": proposals["kind"],
        "period": proposals["period"] + proposals["base_period"].map(lambda b: f" vs {b}" if b else ""),
        "scope": proposals["scope"],
        "value": [format_stated(r.value, r.low, r.high, r.qualifier, r.unit) for r in proposals.itertuples()],
        "conf": proposals["confidence"].map(lambda c: f"{c:.2f}"),
        "quote": proposals["quote"].map(lambda q: q if len(q) <= 60 else q[:57] + "..."),
    })
    print(view.to_string(index=False))
    return 0


def _config(args: argparse.Namespace) -> Path | None:
    return Path(args.config) if args.config else None


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coopanalysis`` console script."""
    parser = argparse.ArgumentParser(prog="coopanalysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the seed tables; exit 2 listing every problem")
    check.add_argument("--seeds", help="seeds directory (default: the project's seeds/)")
    check.set_defaults(handler=_check)
    for name, handler, text in (
        ("run", _run, "execute the report notebooks and write outputs/"),
        ("verify", _verify, "rerun into a temporary directory and compare with outputs/; exit 1 on any difference"),
        ("notebooks", _notebooks, "re-execute notebooks/ in place with their default parameters"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--config", help="reports configuration (default: notebooks/reports.toml)")
        command.add_argument("--jobs", type=_positive, help="notebooks run in parallel (default: CPU count)")
        if name != "notebooks":
            command.add_argument("--out", help="output directory (default: the project's outputs/)")
        if name == "run":
            command.add_argument("--only", action="append", metavar="NAME",
                                 help="run only this report (repeatable); other outputs are kept")
        command.set_defaults(handler=handler)
    extract = commands.add_parser("extract", help="propose the figure rows of an article (or --evaluate the extractor)")
    extract.add_argument("article", nargs="?", metavar="ARTICLE.txt", help="the raw article text")
    extract.add_argument("--article-id", help="id for --append (default: province-year)")
    extract.add_argument("--format", choices=["csv", "table"], help="default: table on a terminal, csv otherwise")
    extract.add_argument("--append", action="store_true", help="add the proposals to seeds/, marked unreviewed")
    extract.add_argument("--evaluate", action="store_true", help="compare with the curated seeds: recall, precision, agreement")
    extract.set_defaults(handler=_extract)
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (SeedError, ConfigError, RunFailed) as error:
        print(f"coopanalysis {args.command}: {error}", file=sys.stderr)
        return 2 if isinstance(error, (SeedError, ConfigError)) else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
