"""Self-contained HTML pages: one shell (style, navigation, footer) for reports, article pages and the index.

Nothing is loaded from another host: styles are inline, charts are inline PNG, and pages with
long tables inline the DataTables bundle that itables ships (searching and sorting work offline;
without scripts the tables read the same).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from functools import cache
from importlib import resources

__all__ = ["STYLE", "page", "report_page"]

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328;
       max-width: 74rem; margin: 0 auto; padding: 0 1.2rem 3rem; line-height: 1.5; }
header.site { border-bottom: 1px solid #d0d7de; padding: .6rem 0; font-size: .9rem; }
header.site a { margin-right: 1.1rem; }
footer.site { margin-top: 3rem; border-top: 1px solid #d0d7de; color: #57606a; font-size: .85rem; padding-top: .6rem; }
a { color: #0a58ca; }
h1 { font-size: 1.9rem; margin: 1.4rem 0 .3rem; line-height: 1.25; }
h2 { font-size: 1.4rem; margin-top: 2.2rem; padding-bottom: .2rem; border-bottom: 1px solid #eaeef2; }
h3 { font-size: 1.12rem; margin-top: 1.6rem; }
.anchor-link { display: none; }
p.lead { font-size: 1.07rem; color: #3d444d; }
p.none, p.note { color: #57606a; font-style: italic; }
table.coop { border-collapse: collapse; font-size: .88rem; margin: .5rem 0 1.3rem; width: auto; max-width: 100%; }
table.coop caption { text-align: left; color: #57606a; padding-bottom: .3rem; }
table.coop th { text-align: left; font-weight: 600; border-bottom: 2px solid #d0d7de; padding: .35rem .5rem;
                vertical-align: bottom; }
table.coop td { border-bottom: 1px solid #eaeef2; padding: .35rem .5rem; vertical-align: top; text-align: left;
                overflow-wrap: break-word; }
table.coop td:first-child a { white-space: nowrap; }
table.coop .num { text-align: right; overflow-wrap: normal; }
.wide { overflow-x: auto; }
.basis, .unit, .when, .kind { color: #57606a; font-size: .85em; }
.proposed { color: #9a3412; border: 1px solid #9a3412; border-radius: 3px; padding: 0 .25em; font-size: .8em; white-space: nowrap; }
q { quotes: "\\201C" "\\201D"; }
figure.chart { margin: .8rem 0 1.4rem; }
figure.chart img { max-width: 100%; height: auto; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.summary { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .8rem 1.1rem; }
.text { white-space: pre-wrap; border-top: 1px solid #d0d7de; padding-top: 1rem; }
mark { background: #fff1b8; }
mark.number { background: #ffd43b; font-weight: bold; }
.anchor:target + mark, .anchor:target + mark.number { outline: 3px solid #e8590c; }
.anchor:target::before { content: "\\25B6"; color: #e8590c; }
""".strip()

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
    head_style, scripts = STYLE + "\n" + style.strip(), ""
    if 'class="coop searchable"' in body:
        css, script = _datatables()
        head_style += "\n" + css
        scripts = f'<script type="text/plain" id="datatables-bundle">{script}</script>{_SEARCH_SCRIPT}'
    links = "".join(f'<a href="{html.escape(href)}">{html.escape(text)}</a>' for href, text in nav)
    header = f'<header class="site">{links}</header>\n' if links else ""
    footer_html = f'\n<footer class="site">{footer}</footer>' if footer else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"{head + chr(10) if head else ''}<title>{html.escape(title)}</title>\n<style>\n{head_style}\n</style>\n</head>\n<body>\n{header}<main>\n{body}\n"
        f"</main>{footer_html}\n{scripts}</body>\n</html>\n"
    )


def report_page(notebook_body: str, title: str, nav: Sequence[tuple[str, str]] = ()) -> str:
    """An executed notebook (nbconvert's ``basic`` template, inputs hidden) as a report page."""
    footer = ("Computed by coopanalysis from news articles; every number links to the sentence it comes from. "
              "Tables for programs: <a href=\"../tables/datapackage.json\">tables/datapackage.json</a>.")
    return page(title, notebook_body, nav=nav, footer=footer)
