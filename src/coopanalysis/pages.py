"""Static HTML pages: each article with its figures highlighted at anchors, and the report index."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from .formatting import format_stated

__all__ = ["article_page", "index_page", "page"]

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
.text { white-space: pre-wrap; border-top: 1px solid #ccc; padding-top: 1rem; }
mark { background: #fff1b8; }
mark.number { background: #ffd43b; font-weight: bold; }
.anchor:target + mark, .anchor:target + mark.number { outline: 3px solid #e8590c; }
.anchor:target::before { content: "▶"; color: #e8590c; }
table { border-collapse: collapse; font-size: 0.9rem; }
td, th { border-bottom: 1px solid #eee; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
dt { font-weight: bold; }
""".strip()


def page(title: str, body: str, style: str = "") -> str:
    """A whole self-contained HTML page (no request to any other host)."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n{style.strip()}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


_page = page


def article_page(article: pd.Series, text: str, figures: pd.DataFrame) -> str:
    """The article's text, HTML-escaped, with every figure's quote highlighted.

    Each figure gets an anchor ``id=<figure_id>`` at the start of its quote, so reports link to
    ``<article_id>.html#<figure_id>``; the number the figure was parsed from is emphasised.
    Overlapping quotes are split into segments so every character is marked once.
    """
    figures = figures.sort_values(["start", "figure_id"])
    cuts = sorted({0, len(text)} | set(figures["start"]) | set(figures["end"])
                  | set(figures["number_start"]) | set(figures["number_end"]))
    anchors: dict[int, list[str]] = {}
    for f in figures.itertuples():
        anchors.setdefault(f.start, []).append(f.figure_id)
    parts = []
    for begin, end in zip(cuts, cuts[1:]):
        parts += [f'<span class="anchor" id="{html.escape(i)}"></span>' for i in anchors.get(begin, [])]
        segment = html.escape(text[begin:end])
        inside = figures[(figures["start"] <= begin) & (end <= figures["end"])]
        if inside.empty:
            parts.append(segment)
            continue
        is_number = ((figures["number_start"] <= begin) & (end <= figures["number_end"])).any()
        ids = " ".join(inside["figure_id"])
        css = ' class="number"' if is_number else ""
        parts.append(f'<mark{css} title="{html.escape(ids)}">{segment}</mark>')
    rows = "\n".join(
        f'<tr><td><a href="#{html.escape(f.figure_id)}">{html.escape(f.figure_id)}</a></td>'
        f"<td>{html.escape(f.measure)}</td><td>{html.escape(f.kind)}</td><td>{html.escape(f.period)}</td>"
        f"<td>{html.escape(f.scope)}</td>"
        f"<td>{html.escape(format_stated(f.value, f.low, f.high, f.qualifier, f.unit))}</td>"
        f"<td>{html.escape(f.flag)}</td></tr>"
        for f in figures.sort_values("figure_id").itertuples()
    )
    meta = "".join(
        f"<dt>{label}</dt><dd>{html.escape(str(article[key]))}</dd>"
        for label, key in (("Province", "province"), ("How the province is known", "province_basis"),
                           ("Published", "published"), ("How the date is known", "published_basis"),
                           ("Source", "source"), ("File", "file"))
        if article[key]
    )
    body = (
        f"<p><a href=\"../reports/index.html\">All reports</a></p>\n"
        f"<h1>{html.escape(article['title'] or article['article_id'])}</h1>\n<dl>{meta}</dl>\n"
        f"<h2>Figures ({len(figures)})</h2>\n<table>\n<tr><th>figure</th><th>measure</th><th>kind</th>"
        f"<th>period</th><th>scope</th><th>as stated</th><th>flag</th></tr>\n{rows}\n</table>\n"
        f"<h2>Text</h2>\n<div class=\"text\">{''.join(parts)}</div>"
    )
    return _page(str(article["title"] or article["article_id"]), body)


def index_page(reports: Sequence[tuple[str, str]], articles: pd.DataFrame, tables: Sequence[str]) -> str:
    """Links to every report (``(file name, title)``), every article page and every table."""
    report_items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in reports)
    article_items = "\n".join(
        f'<li><a href="../articles/{html.escape(a.article_id)}.html">{html.escape(a.province)}: '
        f"{html.escape(a.title)}</a> ({html.escape(a.published)})</li>" for a in articles.itertuples()
    )
    table_items = "\n".join(f'<li><a href="../tables/{html.escape(t)}">{html.escape(t)}</a></li>' for t in tables)
    body = (f"<h1>coopanalysis reports</h1>\n<h2>Reports</h2>\n<ul>\n{report_items}\n</ul>\n"
            f"<h2>Articles</h2>\n<ul>\n{article_items}\n</ul>\n<h2>Tables</h2>\n<ul>\n{table_items}\n</ul>")
    return _page("coopanalysis reports", body)
