"""The ``coopanalysis`` command: ``check`` the seeds, ``extract`` figures, ``review`` them, ``run`` reports, ``verify``.

Every failure is one message naming the file, the line and the fix, and the exit code says what
kind of failure it was (:data:`coopanalysis.base.problems.EXIT_CODES`); no command prints a traceback.
Each command imports what it runs when it runs (so `check` never loads matplotlib or papermill):
the only imports inside functions in the package, and like every import they point down the stages.
"""

from __future__ import annotations

import argparse
import functools
import os
import signal
import sys
import threading
from pathlib import Path

from ..base.paths import outputs_dir
from ..base.problems import BUG, EXIT_CODES, INTERRUPTED, SUCCESS, CoopError, RunFailed, SeedError, Terminated

__all__ = ["main"]

_DESCRIPTION = """\
Figures on cooperatives from Vietnamese provincial news. Each figure is a verbatim quote of an
article, read with its unit and bounds; reviewed figures become indicators and report pages.

typical use:
  coopanalysis check                       validate the corpus tables (default: seeds/)
  coopanalysis extract NEW.txt --append    add an article and the figures proposed for it
  coopanalysis review ARTICLE_ID           review those figures in the browser
  coopanalysis run                         execute the reports into outputs/

Every problem is reported in one line naming the file, the line and the fix.
Run `coopanalysis COMMAND --help` for the options of a command."""

#: What each command's --help says it does, for users.
_COMMANDS = {
    "check": (
        "Validate the corpus tables: every quote found in its article, every number read, every other number of "
        "the text accounted for. Prints one line when all is well; else lists every problem (file, line, fix) "
        "and exits with 2."
    ),
    "fetch": (
        "Copy the article texts of a corpus whose texts are not in git (corpora/news, corpora/vi) from the "
        "folders its sources.toml names, each checked against articles.sha256. make corpus runs it."
    ),
    "review": (
        "Open the article in the browser with every proposed figure highlighted: accept (a), edit (e), delete "
        "(d), add a missed figure (n). Served on 127.0.0.1 until Ctrl-C. With --accept, --set, --delete or --add, "
        "decide from a script instead: the same checks, all or nothing."
    ),
    "reviews": (
        "Write each corpus's reviews.csv: for every article added with extract --append, its proposals kept, "
        "corrected, deleted and added by hand, and the minutes its review took."
    ),
    "extract": (
        "Propose the figures of one or more articles: a table on a terminal, CSV in a pipe. With --append, add "
        "one article and its proposals to a corpus, marked unreviewed, for coopanalysis review."
    ),
}


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
        return SeedError.exit_code
    figures = checked.figures
    flagged = int((figures["flag"] != "").sum())
    where = f" in {len(corpora)} corpora" if len(corpora) > 1 else ""
    print(
        f"ok: {len(figures)} figures from {len(checked.articles)} articles{where}, {flagged} flagged; "
        f"every number in the articles is accounted for"
    )
    _plausibility_warnings(figures)
    return SUCCESS


def _plausibility_warnings(figures) -> None:
    """Figures that fail a plausibility check: printed to look at again, not failures (the text may say so)."""
    from ..indicators.flags import plausibility_flags

    flags = plausibility_flags(figures)
    if flags.empty:
        return
    corpus = dict(zip(figures["figure_id"], figures["corpus"]))
    print(f"coopanalysis check: {len(flags)} warning(s), figures to look at again (not errors):", file=sys.stderr)
    for flag in flags.itertuples():
        print(
            f"  warning: {corpus[flag.figure_id]}/figures.csv {flag.figure_id}: {flag.message} [{flag.check}]",
            file=sys.stderr,
        )


def _fetch(args: argparse.Namespace) -> int:
    from ..articles.fetch import fetch_texts

    for line in fetch_texts(_corpora(args) if args.corpus else None):
        print(line)
    return SUCCESS


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
        print(
            f"wrote {_relative(path)}: {len(table)} articles, {totals['proposed']} proposals: {totals['kept']} kept, "
            f"{totals['corrected']} corrected, {totals['deleted']} deleted, {totals['added']} added by hand, "
            f"{totals['pending']} pending"
            + (f"; {timed.sum():.1f} minutes of review over the {len(timed)} articles timed" if len(timed) else "")
        )
    return SUCCESS


def _run(args: argparse.Namespace) -> int:
    from ..run.runner import run_reports

    out = Path(args.out) if args.out else outputs_dir()
    written = run_reports(
        out,
        _config(args),
        args.jobs,
        args.only or (),
        corpora=_corpora(args),
        proposals=args.proposals,
        reuse=not args.rerun,
    )
    print(f"wrote {len(written)} files to {_relative(out)}/ (checksums in {_relative(out)}/SHA256SUMS)")
    return SUCCESS


def _verify(args: argparse.Namespace) -> int:
    from ..run.verify import verify_outputs

    out = Path(args.out) if args.out else outputs_dir()
    differences = verify_outputs(out, _config(args), args.jobs, corpora=_corpora(args), proposals=args.proposals)
    if differences:
        print(f"{_relative(out)}/ is not what the current code and seeds produce:", file=sys.stderr)
        for line in differences:
            print(f"  {line}", file=sys.stderr)
        return RunFailed.exit_code
    print(f"ok: a rerun reproduces {_relative(out)}/ byte for byte")
    return SUCCESS


def _notebooks(args: argparse.Namespace) -> int:
    from ..run.runner import refresh_notebooks

    for path in refresh_notebooks(_config(args), args.jobs):
        print(f"executed {_relative(path)}")
    return SUCCESS


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
    parser = argparse.ArgumentParser(
        prog="coopanalysis",
        description=_DESCRIPTION,
        epilog=f"exit codes:\n{codes}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    corpus_help = "a corpus folder (repeatable, pooled; default: seeds/)"
    check = commands.add_parser(
        "check", help="validate the corpora's tables; exit 2 listing every problem", description=_COMMANDS["check"]
    )
    check.add_argument("--corpus", action="append", metavar="DIR", help=corpus_help)
    check.set_defaults(handler=_check)
    fetch = commands.add_parser(
        "fetch",
        help="bring a corpus's article texts from its configured sources (sources.toml)",
        description=_COMMANDS["fetch"],
    )
    fetch.add_argument(
        "--corpus",
        action="append",
        metavar="DIR",
        help="the corpus to fetch (repeatable; default: every corpus under corpora/ with a sources.toml)",
    )
    fetch.set_defaults(handler=_fetch)
    review = commands.add_parser(
        "review",
        help="review one article's proposals in the browser, or decide from a script",
        description=_COMMANDS["review"],
    )
    review.add_argument("article_id", metavar="ARTICLE_ID", help="the article to review (its id in articles.csv)")
    review.add_argument("--corpus", action="append", metavar="DIR", help=corpus_help)
    review.add_argument(
        "--accept", action="extend", nargs="+", metavar="FIGURE_ID", help="accept these proposals as they are"
    )
    review.add_argument(
        "--accept-all", action="store_true", help="accept every proposal of the article not yet reviewed"
    )
    review.add_argument(
        "--set",
        action="append",
        nargs="+",
        metavar="ARG",
        help="FIGURE_ID COLUMN=VALUE...: correct columns of a figure, which is then reviewed (repeatable)",
    )
    review.add_argument(
        "--delete",
        action="append",
        metavar="FIGURE_ID",
        help="delete a proposal that is no statistic (repeatable; with --category and --reason)",
    )
    review.add_argument("--category", help="for --delete: why it is not a statistic (date, period, document_number...)")
    review.add_argument("--reason", help="for --delete: the reason in words")
    review.add_argument(
        "--add",
        action="append",
        nargs="+",
        metavar="ARG",
        help="QUOTE COLUMN=VALUE...: add a figure the extractor missed, by its quote (repeatable)",
    )
    review.add_argument(
        "--non-statistic",
        action="append",
        nargs="+",
        metavar="ARG",
        help="QUOTE category=CATEGORY [reason=TEXT]: file a non-statistic anew (its quote, or words only "
        "its quote holds; repeatable)",
    )
    review.add_argument(
        "--drop-non-statistic",
        action="append",
        metavar="QUOTE",
        help="drop a non-statistic whose number a figure now covers (repeatable)",
    )
    review.add_argument(
        "--page",
        "--out",
        dest="page",
        metavar="FILE",
        help="write the review page, read-only, to FILE instead of serving it",
    )
    review.add_argument(
        "--no-browser",
        dest="browser",
        action="store_false",
        help="print the review's address without opening a browser",
    )
    review.set_defaults(handler=_review)
    reviews = commands.add_parser(
        "reviews",
        help="write each corpus's reviews.csv: proposals kept, corrected, deleted, added",
        description=_COMMANDS["reviews"],
    )
    reviews.add_argument("--corpus", action="append", metavar="DIR", help=corpus_help)
    reviews.set_defaults(handler=_reviews)
    for name, handler, text in (
        ("run", _run, "execute the report notebooks and write outputs/"),
        ("verify", _verify, "rerun into a temporary directory and compare with outputs/; exit 1 on any difference"),
        ("notebooks", _notebooks, "re-execute notebooks/ in place with their default parameters"),
    ):
        command = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        command.add_argument("--config", help="reports configuration (default: notebooks/reports.toml)")
        command.add_argument("--jobs", type=_positive, help="notebooks run in parallel (default: CPU count)")
        if name != "notebooks":
            command.add_argument("--out", help="output directory (default: the project's outputs/)")
            command.add_argument("--corpus", action="append", metavar="DIR", help=corpus_help)
            command.add_argument(
                "--proposals",
                action="store_true",
                help="also show the extractor's unreviewed proposals, marked 'proposed' "
                "(default: reviewed figures only; each page says how many are left out)",
            )
        if name == "run":
            command.add_argument(
                "--only",
                action="append",
                metavar="NAME",
                help="run only this report (repeatable); other outputs are kept",
            )
            command.add_argument(
                "--rerun",
                action="store_true",
                help="execute every report (default: reuse the last run's outputs of a report "
                "whose inputs are unchanged)",
            )
        command.set_defaults(handler=handler)
    extract = commands.add_parser(
        "extract",
        help="propose the figure rows of articles (or --evaluate the extractor)",
        description=_COMMANDS["extract"],
    )
    extract.add_argument(
        "articles", nargs="*", metavar="ARTICLE", help="article texts: files, folders or glob patterns"
    )
    extract.add_argument("--article-id", help="id for --append of one article (default: province-year)")
    extract.add_argument("--province", help="for --append: the province, where the text does not name it")
    extract.add_argument(
        "--published",
        metavar="DATE",
        help="for --append: the article's date (YYYY[-MM[-DD]]), where the text does not give it",
    )
    extract.add_argument(
        "--source",
        metavar="URL",
        help="the address the article was published at: a paper's or an "
        "authority's site names the province where the text does not "
        "(for --append, also the source in articles.csv)",
    )
    extract.add_argument("--format", choices=["csv", "table"], help="default: table on a terminal, csv otherwise")
    extract.add_argument("--append", action="store_true", help="add the proposals to a corpus, marked unreviewed")
    extract.add_argument("--corpus", metavar="DIR", help="for --append: the corpus to add to (default: seeds/)")
    extract.add_argument(
        "--evaluate",
        action="store_true",
        help="score the extractor on every evaluation set it finds: recall, "
        "precision, agreement, and how often each confidence band is right",
    )
    extract.add_argument(
        "--jobs",
        type=_positive,
        help="articles extracted in parallel, one worker process each (default: the CPU count; the output is the same)",
    )
    extract.set_defaults(handler=_extract)
    return parser


def _terminate(signum, frame) -> None:
    raise Terminated(signum)


#: How long after an ignored Ctrl-C it is sent again (seconds): the ignoring code has returned by then.
_AGAIN_AFTER = 0.05


def _interrupt_again(settled: threading.Event, unraisable) -> None:
    """A Ctrl-C that landed in code whose exceptions Python ignores (a callback while a module is
    imported) is sent again, so that it interrupts the command instead of being lost. A moment
    later, from another thread: sent at once, it would land in this hook, which Python ignores too.
    Not once ``settled``: the command has handled an interrupt, or ended."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        again = threading.Timer(_AGAIN_AFTER, _send_again, (settled,))
        again.daemon = True
        again.start()
    else:
        sys.__unraisablehook__(unraisable)


def _send_again(settled: threading.Event) -> None:
    if not settled.is_set():
        os.kill(os.getpid(), signal.SIGINT)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coopanalysis`` console script; returns the exit code."""
    settled = threading.Event()
    previous, sys.unraisablehook = sys.unraisablehook, functools.partial(_interrupt_again, settled)
    try:
        return _main(argv, settled)
    finally:
        settled.set()
        sys.unraisablehook = previous


def _main(argv: list[str] | None, settled: threading.Event) -> int:
    try:
        args = _parser().parse_args(argv)
    except KeyboardInterrupt:  # while starting: nothing was done
        settled.set()
        print("coopanalysis: interrupted; nothing was changed", file=sys.stderr)
        return INTERRUPTED
    previous = signal.signal(signal.SIGTERM, _terminate) if _main_thread() else None
    try:
        return args.handler(args)
    except CoopError as error:
        print(f"coopanalysis {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt as error:
        settled.set()
        print(f"coopanalysis {args.command}: interrupted; {_outcome(error)}", file=sys.stderr)
        return INTERRUPTED
    except Terminated as error:
        print(f"coopanalysis {args.command}: terminated; {_outcome(error)}", file=sys.stderr)
        return Terminated.exit_code
    except BrokenPipeError:
        # The reader of our output went away (``| head``): nothing to report.
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
        return SUCCESS
    except Exception as error:  # a bug: say so in one line, never a traceback
        if os.environ.get("COOPANALYSIS_DEBUG"):
            raise
        print(
            f"coopanalysis {args.command}: internal error: {type(error).__name__}: {error} "
            f"(a bug in coopanalysis: please report it with the command you ran; "
            f"COOPANALYSIS_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return BUG
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _outcome(error: BaseException) -> str:
    """What an interrupt left: the previous outputs, unless a step that had to end whole noted otherwise
    (a corpus commit that ran to its end before it took effect)."""
    notes = getattr(error, "__notes__", None)
    return notes[-1] if notes else "the previous outputs are as they were"


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()
