"""``coopanalysis review``: review an article in the browser, decide from a script, or write its page to a file."""

from __future__ import annotations

import argparse
import os
import sys
import webbrowser
from functools import partial
from pathlib import Path

from ..articles.corpora import Corpora
from ..base.problems import SUCCESS, SeedError
from ..figures.check import check_corpora
from ..indicators import plausibility_flags
from ..review.actions import Accept, AcceptAll, Add, Decision, Delete, Drop, Edit, Refile
from ..review.decide import decide, find_article
from ..review.page import write_review_page
from ..review.server import ReviewServer
from ..review.state import Flags

__all__ = ["decisions_of", "page_flags", "review_command"]


def _pairs(items: list[str], option: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in items:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            raise SeedError.single(option, 0, f"{item[:60]!r} is not COLUMN=VALUE (such as measure=members)")
        pairs.append((name.strip(), value))
    return tuple(pairs)


def decisions_of(args: argparse.Namespace) -> list[Decision]:
    """The decisions the options ask for, in the order they are applied: added, set, deleted, non-statistics
    filed anew or dropped, accepted."""
    decisions: list[Decision] = [Add(quote, _pairs(fields, "--add")) for quote, *fields in args.add or []]
    decisions += [Edit(figure_id, _pairs(fields, "--set")) for figure_id, *fields in args.set or []]
    if args.delete and not (args.category and args.reason):
        raise SeedError.single(
            "--delete", 0, "say why: --category (date, period, document_number, ...) and --reason TEXT"
        )
    decisions += [Delete(figure_id, args.category, args.reason) for figure_id in args.delete or []]
    for quote, *fields in args.non_statistic or []:
        given = dict(_pairs(fields, "--non-statistic"))
        wrong = sorted(set(given) - {"category", "reason"})
        if wrong or "category" not in given:
            raise SeedError.single(
                "--non-statistic",
                0,
                "give QUOTE category=CATEGORY and, if it changes, reason=TEXT"
                + (f" ({', '.join(wrong)} is neither)" if wrong else ""),
            )
        decisions.append(Refile(quote, given["category"], given.get("reason", "")))
    decisions += [Drop(quote) for quote in args.drop_non_statistic or []]
    decisions += [Accept(figure_id) for figure_id in args.accept or []]
    return decisions + ([AcceptAll()] if args.accept_all else [])


def page_flags(corpora: Corpora = None) -> Flags:
    """The plausibility checks that mark the page's figures, judged with the corpora's reviewed figures."""
    reference, _ = check_corpora(corpora)  # the figures that pass; the page lists the article's problems itself
    return partial(plausibility_flags, reference=reference)


def review_command(args: argparse.Namespace) -> int:
    """Run ``coopanalysis review`` (see :func:`coopanalysis.cli.main`)."""
    corpora = args.corpus or None
    decisions = decisions_of(args)
    if decisions:
        article = find_article(args.article_id, corpora)
        outcome = decide(article, decisions)
        mine = [r for r in outcome.tables.figures.rows if r.cells["article_id"] == args.article_id]
        done = sum(r.cells["status"] != "unreviewed" for r in mine)
        for said in outcome.said:
            print(f"{args.article_id}: {said}")
        print(f"{args.article_id}: {done} of {len(mine)} reviewed")
    if args.page:
        path = write_review_page(args.article_id, corpora, Path(args.page), flags=page_flags(corpora))
        print(f"wrote {_relative(path)}: the article with every proposal and rejected number marked")
    if decisions or args.page:
        return SUCCESS
    server = ReviewServer(find_article(args.article_id, corpora), flags=page_flags(corpora))
    print(
        f"reviewing {args.article_id} at {server.url}\n(open it in a browser; every decision is saved as it is "
        f"made; Ctrl-C stops the review)",
        flush=True,
    )
    if args.browser and _graphical():
        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(f"\nstopped reviewing {args.article_id}; every decision made is saved", file=sys.stderr)
    finally:
        server.server_close()
    return SUCCESS


def _graphical() -> bool:
    """Whether a browser can open a window here (else a console browser would take over the terminal)."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
