"""Self-contained HTML pages: one shell (style, navigation, footer) for reports, article pages and the index.

Nothing is loaded from another host: styles are inline, charts are inline PNG, and pages with
long tables inline the DataTables bundle that itables ships (searching and sorting work offline;
without scripts the tables read the same). The HTML is in ``templates/``.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from functools import cache
from importlib import resources

from .templates import Markup, render, stylesheet

__all__ = ["page", "report_page"]


@cache
def _datatables() -> tuple[str, str]:
    """The DataTables bundle itables ships: its CSS, and its JavaScript as base64 (safe inside a page)."""
    folder = resources.files("itables") / "html"
    css = (folder / "dt_bundle.css").read_text(encoding="utf-8")
    script = base64.b64encode((folder / "dt_bundle.js").read_bytes()).decode("ascii")
    return css, script


def page(
    title: str, body: str, style: str = "", nav: Sequence[tuple[str, str]] = (), footer: str = "", head: str = ""
) -> str:
    """A whole self-contained HTML page (no request to any other host).

    ``body``, ``footer`` and ``head`` are HTML (made by templates); ``title`` and ``nav`` (``(href,
    text)`` links for the header) are text. A ``table.searchable`` in ``body`` gets search and
    sort; ``style`` is more CSS after the one stylesheet; ``head`` more of the head.
    """
    style, scripts = stylesheet() + "\n" + style.strip(), ""
    if 'class="coop searchable"' in body:
        css, script = _datatables()
        style += "\n" + css
        scripts = render("search.html.j2", bundle=script)
    return render(
        "page.html.j2",
        title=title,
        nav=nav,
        head=Markup(head),
        style=Markup(style),
        body=Markup(body),
        footer=Markup(footer),
        scripts=Markup(scripts),
    )


def report_page(notebook_body: str, title: str, nav: Sequence[tuple[str, str]] = ()) -> str:
    """An executed notebook (nbconvert's ``basic`` template, inputs hidden) as a report page."""
    return page(title, notebook_body, nav=nav, footer=render("report_footer.html.j2").strip())
