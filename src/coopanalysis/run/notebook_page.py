"""An executed notebook as a report page: its cells' outputs through nbconvert's ``basic`` template."""

from __future__ import annotations

import re
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

from ..reports.pages import report_page

__all__ = ["notebook_page"]

# A heading's anchor link, which nbconvert writes as XML ("<a ... />"): HTML has no empty <a/>, and a
# browser would take the rest of the page into the link.
_EMPTY_ANCHOR = re.compile(r'(<a class="anchor-link" href="[^"<>]*") />')


class _CellsExporter(HTMLExporter):
    """nbconvert's HTML exporter without its last pass, which parses the whole page with BeautifulSoup
    to make JupyterLab's output areas focusable (the ``basic`` template writes none) and give images
    with no alt text a placeholder (every chart of a report has its own), and writes it out again: on
    a report of a thousand articles (9 MB, 270,000 tags) that pass took a minute, 85% of the report's
    time. Of what it mended, the empty anchor links of headings are mended here."""

    def from_notebook_node(  # type: ignore[override]
        self, nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        resources = self._init_resources(resources)
        self.register_filter(
            "highlight_code", self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        )
        self.register_filter(
            "filter_data_type",
            WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources),
        )
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _EMPTY_ANCHOR.sub(r"\1></a>", html), resources


def notebook_page(notebook: nbformat.NotebookNode, title: str, nav: tuple) -> str:
    """The executed notebook as a report page: the ``basic`` template (cells only: no JupyterLab
    theme, no MathJax or require.js from a CDN), outputs only, inside the reports' own page."""
    exporter = _CellsExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    body, _ = exporter.from_notebook_node(notebook)
    return report_page(body, title, nav)
