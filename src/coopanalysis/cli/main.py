"""The ``coopanalysis`` command: ``check`` the seeds, ``extract`` figures, ``review`` them, ``run`` reports, ``verify``.

Every failure is one message naming the file, the line and the fix, and the exit code says what
kind of failure it was (:data:`coopanalysis.base.problems.EXIT_CODES`); no command prints a traceback.
Each command imports what it runs when it runs (so `check` never loads matplotlib or papermill):
the only imports inside functions in the package, and like every import they point down the stages.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from ..base.paths import outputs_dir
from ..base.problems import EXIT_CODES, CoopError, Terminated

__all__ = ["main"]


def _corpora(args: argparse.Namespace) -> list[Path]:
    """The corpora a command was given (``--corpus``, default ``seeds/``), resolved once, here at the boundary."""
    from ..articles.corpora import resolve_corpora

    return resolve_corpora(args.corpus or None)


def _check(args: argparse.Namespace) -> int:
    from ..articles.snapshot import snapshot
    from ..figures.check import check_snapshot

    corpora = _corpora(args)
    checked = check_snapshot(snapshot(corpora))  # each corpus's files read once
    if checked.problems:
        print(f"coopanalysis check: {len(checked.problems)} problem(s)", file=sys.stderr)
        for problem in checked.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    figures = checked.figures
    flagged = int((figures["flag"] != "").sum())
    where = f" in {len(corpora)} corpora" if len(corpora) > 1 else ""
    print(f"ok: {len(figures)} figures from {len(checked.articles)} articles{where}, {flagged} flagged; "
          f"every number in the articles is accounted for")
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from ..articles.fetch import fetch_texts

    for line in fetch_texts(_corpora(args) if args.corpus else None):
        print(line)
    return 0


def _review(args: argparse.Namespace) -> int:
    from .review import review_command

    return review_command(args)


def _reviews(args: argparse.Namespace) -> int:
    from ..review.effort import write_reviews

    written = write_reviews(args.corpus or None)
    if not written:
        print("no corpus here has proposals.csv (articles added with `extract --append` have one)")
    for path, table in written:
        totals = table.drop(columns=["article_id", "minutes", "started", "ended"]).sum()
        timed = table["minutes"].dropna()
        print(f"wrote {_relative(path)}: {len(table)} articles, {totals['proposed']} proposals: {totals['kept']} kept, "
              f"{totals['corrected']} corrected, {totals['deleted']} deleted, {totals['added']} added by hand, "
              f"{totals['pending']} pending" + (f"; {timed.sum():.1f} minutes of review over the {len(timed)} "
                                                f"articles timed" if len(timed) else ""))
    return 0


def _run(args: argparse.Namespace) -> int:
    from ..run.runner import run_reports

    out = Path(args.out) if args.out else outputs_dir()
    written = run_reports(out, _config(args), args.jobs, args.only or (), corpora=_corpora(args),
                          proposals=args.proposals, reuse=not args.rerun)
    print(f"wrote {len(written)} files to {_relative(out)}/ (checksums in {_relative(out)}/SHA256SUMS)")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from ..run.verify import verify_outputs

    out = Path(args.out) if args.out else outputs_dir()
    differences = verify_outputs(out, _config(args), args.jobs, corpora=_corpora(args), proposals=args.proposals)
    if differences:
        print(f"{_relative(out)}/ is not what the current code and seeds produce:", file=sys.stderr)
        for line in differences:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"ok: a rerun reproduces {_relative(out)}/ byte for byte")
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from ..run.runner import refresh_notebooks

    for path in refresh_notebooks(_config(args), args.jobs):
        print(f"executed {_relative(path)}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract_command

    return extract_command(args)


def _config(args: argparse.Namespace) -> Path | None:
    return Path(args.config) if args.config else None


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError("must be from 1 to 64")
    return value


def _parser() -> argparse.ArgumentParser:
    codes = "\n".join(f"  {code:>3}  {meaning}" for code, meaning in EXIT_CODES.items())
    parser = argparse.ArgumentParser(prog="coopanalysis", description=__doc__, epilog=f"exit codes:\n{codes}",
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    corpus_help = "a corpus folder (repeatable, pooled; default: seeds/)"
    check = commands.add_parser("check", help="validate the corpora's tables; exit 2 listing every problem")
    check.add_argument("--corpus", action="append", metavar="DIR", help=corpus_help)
    check.set_defaults(handler=_check)
    fetch = commands.add_parser("fetch", help="bring a corpus's article texts from its configured sources (sources.toml)")
    fetch.add_argument("--corpus", action="append", metavar="DIR", help="the corpus to fetch (repeatable; default: every "
                                                                        "corpus under corpora/ with a sources.toml)")
    fetch.set_defaults(handler=_fetch)
    review = commands.add_parser("review", help="review one article's proposals in the browser, or decide from a script")
    review.add_argument("article_id", metavar="ARTICLE_ID")
    review.add_argument("--corpus", action="append", metavar="DIR", help=corpus_help)
    review.add_argument("--accept", action="extend", nargs="+", metavar="FIGURE_ID", help="accept these proposals as they are")
    review.add_argument("--accept-all", action="store_true", help="accept every proposal of the article not yet reviewed")
    review.add_argument("--set", action="append", nargs="+", metavar="ARG",
                        help="FIGURE_ID COLUMN=VALUE...: correct columns of a figure, which is then reviewed (repeatable)")
    review.add_argument("--delete", action="append", metavar="FIGURE_ID",
                        help="delete a proposal that is no statistic (repeatable; with --category and --reason)")
    review.add_argument("--category", help="for --delete: why it is not a statistic (date, period, document_number...)")
    review.add_argument("--reason", help="for --delete: the reason in words")
    review.add_argument("--add", action="append", nargs="+", metavar="ARG",
                        help="QUOTE COLUMN=VALUE...: add a figure the extractor missed, by its quote (repeatable)")
    review.add_argument("--page", "--out", dest="page", metavar="FILE",
                        help="write the review page, read-only, to FILE instead of serving it")
    review.add_argument("--no-browser", dest="browser", action="store_false",
                        help="print the review's address without opening a browser")
    review.set_defaults(handler=_review)
    reviews = commands.add_parser("reviews", help="write each corpus's reviews.csv: proposals kept, corrected, deleted, added")
    reviews.add_argument("--corpus", action="append", metavar="DIR", help=corpus_help)
    reviews.set_defaults(handler=_reviews)
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
            command.add_argument("--corpus", action="append", metavar="DIR", help=corpus_help)
            command.add_argument("--proposals", action="store_true",
                                 help="also show the extractor's unreviewed proposals, marked 'proposed' "
                                      "(default: reviewed figures only; each page says how many are left out)")
        if name == "run":
            command.add_argument("--only", action="append", metavar="NAME",
                                 help="run only this report (repeatable); other outputs are kept")
            command.add_argument("--rerun", action="store_true",
                                 help="execute every report (default: reuse the last run's outputs of a report "
                                      "whose inputs are unchanged)")
        command.set_defaults(handler=handler)
    extract = commands.add_parser("extract", help="propose the figure rows of articles (or --evaluate the extractor)")
    extract.add_argument("articles", nargs="*", metavar="ARTICLE", help="article texts: files, folders or glob patterns")
    extract.add_argument("--article-id", help="id for --append of one article (default: province-year)")
    extract.add_argument("--province", help="for --append: the province, where the text does not name it")
    extract.add_argument("--published", metavar="DATE", help="for --append: the article's date (YYYY[-MM[-DD]]), "
                                                              "where the text does not give it")
    extract.add_argument("--source", metavar="URL", help="the address the article was published at: a paper's or an "
                                                         "authority's site names the province where the text does not "
                                                         "(for --append, also the source in articles.csv)")
    extract.add_argument("--format", choices=["csv", "table"], help="default: table on a terminal, csv otherwise")
    extract.add_argument("--append", action="store_true", help="add the proposals to a corpus, marked unreviewed")
    extract.add_argument("--corpus", metavar="DIR", help="for --append: the corpus to add to (default: seeds/)")
    extract.add_argument("--evaluate", action="store_true", help="compare with the curated seeds: recall, precision, agreement")
    extract.add_argument("--jobs", type=_positive, help="articles extracted in parallel, one worker process each "
                                                       "(default: the CPU count; the output is the same)")
    extract.set_defaults(handler=_extract)
    return parser


def _terminate(signum, frame) -> None:
    raise Terminated(signum)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coopanalysis`` console script; returns the exit code."""
    args = _parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    try:
        return args.handler(args)
    except CoopError as error:
        print(f"coopanalysis {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"coopanalysis {args.command}: interrupted; the previous outputs are as they were", file=sys.stderr)
        return 130
    except Terminated:
        print(f"coopanalysis {args.command}: terminated; the previous outputs are as they were", file=sys.stderr)
        return 143
    except BrokenPipeError:
        # The reader of our output went away (``| head``): nothing to report.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except Exception as error:  # a bug: say so in one line, never a traceback
        if os.environ.get("COOPANALYSIS_DEBUG"):
            raise
        print(f"coopanalysis {args.command}: internal error: {type(error).__name__}: {error} "
              f"(a bug in coopanalysis: please report it with the command you ran; "
              f"COOPANALYSIS_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 70
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()

