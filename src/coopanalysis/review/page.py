"""The review page of one article: its text with every figure marked, each figure with how it was read and why.

``coopanalysis review ARTICLE_ID`` serves it live (:mod:`.server`: keys accept, edit, delete and
add, each decision saved at once); ``--page FILE`` writes the same page, read-only, to a file
(git ignores ``review/``). Both come from ``templates/review.html.j2``.
"""

from __future__ import annotations

from pathlib import Path

from ..articles.corpora import Corpora
from ..base.paths import project_root
from ..base.problems import OutputRefused, display_path
from ..base.writers import write_text
from ..reports.templates import Markup, render, stylesheet
from .decide import find_article, inspect
from .state import Flags, no_flags, proposals_of, read_as, review_state, what_to_check

__all__ = ["GENERATOR", "read_as", "render_page", "review_page", "what_to_check", "write_review_page"]

#: The tag that marks a page as written by ``coopanalysis review``: only such a file is ever replaced.
GENERATOR = '<meta name="generator" content="coopanalysis review">'


def render_page(state: dict, token: str = "", opened: str = "") -> str:
    """The page of a :func:`.state.review_state`; live (keys that decide) when given the server's ``token``."""
    head = GENERATOR + '\n<link rel="icon" href="data:,">'  # no request for a favicon
    return render(
        "review.html.j2",
        title=f"Review {state['article']['article_id']}",
        nav=(),
        head=Markup(head),
        style=Markup(stylesheet()),
        body="",
        footer="",
        scripts="",
        state=state,
        token=token,
        opened=opened,
    )


def review_page(article_id: str, corpora: Corpora = None, flags: Flags = no_flags) -> str:
    """The read-only review page of one article, as HTML."""
    article = find_article(article_id, corpora)
    return render_page(review_state(article, inspect(article, lock=False), proposals_of(article), flags))


def write_review_page(
    article_id: str, corpora: Corpora = None, out: Path | None = None, flags: Flags = no_flags
) -> Path:
    """Write the review page; ``out`` defaults to ``review/<article_id>.html`` in the project; ``flags``
    are the plausibility checks that mark figures.

    Raises :class:`SeedError` for an article id that is no id (``../../etc/passwd``) or unknown,
    and :class:`OutputRefused` when ``out`` is a folder, a file this command did not write (no
    :data:`GENERATOR` tag: a review page never replaces anything else), or cannot be written.
    """
    target = out or project_root() / "review" / f"{article_id}.html"
    _refuse_foreign(target)
    write_text(target, review_page(article_id, corpora, flags))
    return target


def _refuse_foreign(target: Path) -> None:
    name = display_path(target, Path.cwd())
    if target.is_dir():
        raise OutputRefused(f"--out {name}: is a folder; give the page's file name (such as {name}/page.html)")
    if target.exists() or target.is_symlink():
        try:
            with open(target, "rb") as handle:
                ours = GENERATOR.encode() in handle.read(4096)
        except OSError:
            ours = False
        if not ours or target.is_symlink():
            raise OutputRefused(
                f"--out {name}: exists and is not a page `coopanalysis review` wrote; it is never "
                f"replaced: give a new file name, or move the file away"
            )
