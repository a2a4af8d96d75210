"""The report notebooks as an analyst opens them: a title, and every report cell a table or chart with its data."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_opens_with_its_title(path):
    first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    assert first["cell_type"] == "markdown" and "".join(first["source"]).startswith("# ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_report_cell_shows_a_display_readable_as_text(path):
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    shown = [o for c in cells for o in c["outputs"]]
    assert shown, "the committed notebook is executed"
    for output in shown:
        assert output["output_type"] == "execute_result", output  # nothing printed, no warning
        data = output["data"]
        # HTML for the page and JupyterLab, text that says the same for a terminal or a diff; never
        # "<IPython.core.display.HTML object>".
        assert {"text/html", "text/plain"} <= set(data) or "image/png" in data
        assert not "".join(data["text/plain"]).startswith("<")
