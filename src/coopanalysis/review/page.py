"""A page to review one article: every figure highlighted by confidence, every rejected number with its reason.

``coopanalysis review ARTICLE_ID`` writes it (by default to ``review/ARTICLE_ID.html``, which git
ignores). The unreviewed rows are listed with what to check in each, so that reviewing an article
is reading its figures in context, fixing what is wrong and setting ``status`` to ``reviewed``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from ..articles.corpora import corpus_path
from ..articles.pooled import load_articles
from ..articles.table import article_text
from ..base.paths import project_root
from ..base.problems import OutputRefused, SeedError, display_path
from ..base.writers import write_text
from ..extract import extract_figures, reject_reasons
from ..figures.pooled import load_figures
from ..reports.formatting import format_bounds
from ..reports.pages import page

__all__ = ["GENERATOR", "read_as", "review_page", "what_to_check", "write_review_page"]

#: The tag that marks a page as written by ``coopanalysis review``: only such a file is ever replaced.
GENERATOR = '<meta name="generator" content="coopanalysis review">'
_ARTICLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: How a quote's number was read, in the words a reviewer checks against the text.
_READINGS = {"exact": "exact", "about": "about (a point, not a bound)", "more_than": "lower bound", "at_least": "lower bound",
             "less_than": "upper bound", "at_most": "upper bound", "range": "range"}

_STYLE = """
mark { padding: 0 1px; }
mark.high { background: #c3f0c8; } mark.medium { background: #fff1b8; } mark.low { background: #ffc9c9; }
mark.reviewed { background: #e7f5ff; }
s.rejected { color: #868e96; text-decoration: line-through dotted; }
.legend span { padding: 0 .4rem; margin-right: .5rem; }
td.check { color: #c92a2a; }
"""


def _band(confidence: float) -> str:
    return "high" if confidence >= 0.8 else "medium" if confidence >= 0.6 else "low"


def what_to_check(row: pd.Series, proposal: dict | None) -> str:
    """The fields of an unreviewed row a reviewer should look at first, and why."""
    checks = []
    evidence = proposal["evidence"] if proposal else ""
    if row["measure"] == "other":
        checks.append("measure: 'other' (name what it counts, or add a measure)")
    elif proposal and proposal["confidence"] < 0.8:
        checks.append(f"measure ({proposal['confidence']:.2f} confidence)")
    if row["kind"] in ("change_pct", "change_abs") and "base period not stated" in evidence:
        checks.append("base period (assumed the year before)")
    if "the article's date" in evidence or "earlier in the paragraph" in evidence:
        checks.append("period (not stated next to the figure)")
    if "as the sentence before" in evidence or "the article's scope" in evidence:
        checks.append("scope (carried from around it)")
    if row["flag"]:
        checks.append(f"flag {row['flag']}: {row['flag_reason']}")
    return "; ".join(checks) or "quote, measure, kind, period"


def read_as(row) -> str:
    """How the number was read: "lower bound: at least 650 cooperatives", "exact, a decrease: -3 cooperatives".

    Where this is not what the text says, the fix is in the tables: widen the quote to take in the
    words that bound or turn the number ("over", "down"), or add the missing phrase to
    ``data/quantity/qualifiers.csv`` or ``directions.csv``; ``check`` refuses a quote whose
    neighbouring words change its reading.
    """
    reading = _READINGS.get(row["qualifier"], row["qualifier"])
    unit = "%" if row["kind"] in ("share_pct", "change_pct") else row["unit"]
    known = [x for x in (row["value"], row["low"], row["high"]) if x == x]
    if known and max(known) < 0:
        reading += ", a decrease"
    words = format_bounds(row["value"], row["low"], row["high"], unit)
    return f"{reading}: {words}" + (f" {unit}" if unit and unit not in words else "")


def review_page(article_id: str, corpora=None) -> str:
    """The review page of one article, as HTML."""
    articles = load_articles(corpora).set_index("article_id")
    if article_id not in articles.index:
        raise SeedError.single("articles.csv", 0, f"unknown article {article_id!r}; known: {', '.join(articles.index)}")
    article = articles.loc[article_id]
    text = article_text(article["file"], corpus_path(article["corpus"]))
    figures = load_figures(corpora, proposals=True)
    figures = figures[figures["article_id"] == article_id].sort_values("number_start")
    proposals = {(p["number_start"], p["number_end"]): p for p in extract_figures(text, hint=article["file"]).to_dict("records")}
    marks = []  # (start, end, html before, html after)
    for f in figures.itertuples():
        proposal = proposals.get((f.number_start, f.number_end))
        band = "reviewed" if f.reviewed else _band(proposal["confidence"]) if proposal else "low"
        title = f"{f.figure_id}: {f.measure} / {f.kind} / {f.period} / {f.scope}"
        marks.append((f.number_start, f.number_end, f'<mark class="{band}" title="{html.escape(title)}">', "</mark>"))
    for r in reject_reasons(text):
        if not any(s <= r.start < e for s, e, _, _ in marks):
            marks.append((r.start, r.end, f'<s class="rejected" title="{html.escape(r.category + ": " + r.reason)}">', "</s>"))
    parts, position = [], 0
    for start, end, before, after in sorted(marks):
        if start < position:
            continue
        parts += [html.escape(text[position:start]), before, html.escape(text[start:end]), after]
        position = end
    parts.append(html.escape(text[position:]))
    pending = figures[~figures["reviewed"]]
    rows = []
    for _, f in pending.iterrows():
        proposal = proposals.get((f["number_start"], f["number_end"]))
        cells = [f["figure_id"], f["quote"], read_as(f), f["measure"], f["kind"], f["period"], f["scope"],
                 f"{proposal['confidence']:.2f}" if proposal else ""]
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
                    + f'<td class="check">{html.escape(what_to_check(f, proposal))}</td></tr>')
    rows = "\n".join(rows)
    body = (
        f"<h1>Review: {html.escape(article['title'] or article_id)}</h1>\n"
        f"<p>{html.escape(article_id)} · {html.escape(article['province'])} · published {html.escape(article['published'])} · "
        f"{len(figures)} figures, {len(pending)} not yet reviewed</p>\n"
        '<p class="legend">Confidence of the proposal: <mark class="high">0.8 or more</mark><mark class="medium">0.6-0.8</mark>'
        '<mark class="low">under 0.6</mark><mark class="reviewed">reviewed</mark> <s class="rejected">not a statistic</s> '
        "(hover for the figure or the reason)</p>\n"
        + (f"<h2>Rows to review</h2>\n<table><tr><th>figure</th><th>quote</th><th>read as</th><th>measure</th><th>kind</th>"
           f"<th>period</th>"
           f"<th>scope</th><th>confidence</th><th>check</th></tr>\n{rows}\n</table>\n" if rows else "<p>Every figure is reviewed.</p>\n")
        + f'<h2>Text</h2>\n<div class="text">{"".join(parts)}</div>'
    )
    return page(f"Review {article_id}", body, _STYLE, head=GENERATOR)


def write_review_page(article_id: str, corpora=None, out: Path | None = None) -> Path:
    """Write the review page; ``out`` defaults to ``review/<article_id>.html`` in the project.

    Raises :class:`SeedError` for an article id that is no id (``../../etc/passwd``) or unknown,
    and :class:`OutputRefused` when ``out`` is a folder, a file this command did not write (no
    :data:`GENERATOR` tag: a review page never replaces anything else), or cannot be written.
    """
    if not _ARTICLE_ID.fullmatch(article_id):
        raise SeedError.single("ARTICLE_ID", 0, f"{article_id[:80]!r} is not an article id (lowercase letters, digits "
                                                f"and '-', as in articles.csv); `coopanalysis check` lists the articles")
    target = out or project_root() / "review" / f"{article_id}.html"
    _refuse_foreign(target)
    write_text(target, review_page(article_id, corpora))
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
            raise OutputRefused(f"--out {name}: exists and is not a page `coopanalysis review` wrote; it is never "
                                f"replaced: give a new file name, or move the file away")
