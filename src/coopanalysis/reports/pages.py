"""Self-contained HTML pages: one shell (style, navigation, footer) for reports, article pages and the index.

Nothing is loaded from another host: styles are inline, charts are inline PNG, and pages with
long tables inline the DataTables bundle that itables ships (searching and sorting work offline;
without scripts the tables read the same).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from functools import cache
from importlib import resources

from .templates import Markup, render, stylesheet

__all__ = ["page", "report_page"]


_SEARCH_SCRIPT = """
<script type="module">
const source = atob(document.getElementById("datatables-bundle").textContent.trim());
const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
const { default: DataTable } = await import(url);
URL.revokeObjectURL(url);
document.querySelectorAll("table.searchable").forEach(
  (table) => new DataTable(table, { paging: false, order: [], autoWidth: false, info: false }));
</script>
"""


@cache
def _datatables() -> tuple[str, str]:
    """The DataTables bundle itables ships: its CSS, and its JavaScript as base64 (safe inside a page)."""
    folder = resources.files("itables") / "html"
    css = (folder / "dt_bundle.css").read_text(encoding="utf-8")
    script = base64.b64encode((folder / "dt_bundle.js").read_bytes()).decode("ascii")
    return css, script


def page(title: str, body: str, style: str = "", nav: Sequence[tuple[str, str]] = (), footer: str = "",
         head: str = "") -> str:
    """A whole self-contained HTML page (no request to any other host).

    ``nav`` is ``(href, text)`` links for the header; a ``table.searchable`` in ``body`` gets
    search and sort; ``head`` is more of the head (a page's generator tag).
    """
    style, scripts = stylesheet() + "\n" + style.strip(), ""
    if 'class="coop searchable"' in body:
        css, script = _datatables()
        style += "\n" + css
        scripts = f'<script type="text/plain" id="datatables-bundle">{script}</script>{_SEARCH_SCRIPT}'
    return render("page.html.j2", title=title, nav=nav, head=Markup(head), style=Markup(style), body=Markup(body),
                  footer=Markup(footer), scripts=Markup(scripts))


def report_page(notebook_body: str, title: str, nav: Sequence[tuple[str, str]] = ()) -> str:
    """An executed notebook (nbconvert's ``basic`` template, inputs hidden) as a report page."""
    footer = ("Computed by coopanalysis from news articles; every number links to the sentence it comes from. "
              "Tables for programs: <a href=\"../tables/datapackage.json\">tables/datapackage.json</a>.")
    return page(title, notebook_body, nav=nav, footer=footer)
