"""The columns reviewers write: described once (data/review/columns.toml), for the tool and the documentation alike."""

from __future__ import annotations

import pytest

from conftest import build_corpus, write_rows
from coopanalysis.figures.check import check_seeds
from coopanalysis.figures.coverage import NON_STATISTIC_COLUMNS
from coopanalysis.figures.table import CORRECTION_COLUMNS, FIGURE_COLUMNS
from coopanalysis.review.columns import columns, editable

#: An article where every example of columns.toml has its place.
TEXT = (
    "Lang Son had 65 members of 21 cooperatives in November 2023, 20 more than in 2021, under Decision No. 1804. "
    "The Tan Phat cooperative employs 300 workers.\n"
)


def test_every_column_of_the_reviewed_tables_is_described_in_order():
    described = {table: [c.column for c in listed] for table, listed in columns().items()}
    assert described == {
        "figures": FIGURE_COLUMNS,
        "corrections": CORRECTION_COLUMNS,
        "non_statistics": NON_STATISTIC_COLUMNS,
    }
    assert {c.review for listed in columns().values() for c in listed} <= {"edit", "accept", "tool", "delete", "hand"}


def test_the_tool_edits_the_columns_marked_edit_and_never_an_id_or_the_status():
    assert editable() == [c for c in FIGURE_COLUMNS if c not in {"figure_id", "article_id", "status"}]


def _corpus(tmp_path, figure: dict, corrections: list[dict] = (), non_statistics: list[dict] = ()):
    folder = build_corpus(
        tmp_path / "corpus",
        [{"id": "lang-son-2024", "province": "Lang Son", "published": "2024-01-05", "text": TEXT, "figures": [figure]}],
    )
    for name, header, listed in (
        ("corrections.csv", CORRECTION_COLUMNS, corrections),
        ("non_statistics.csv", NON_STATISTIC_COLUMNS, non_statistics),
    ):
        write_rows(folder / name, header, list(listed))
    return folder


#: A row `check` accepts, into which each example is put in turn (with what it needs beside it).
_ROW = {
    "figure_id": "lang-son-2024-f01",
    "article_id": "lang-son-2024",
    "quote": "65 members of 21 cooperatives",
    "number": "21",
    "measure": "cooperatives",
    "kind": "level",
    "period": "2023-11",
    "base_period": "",
    "scope": "province",
    "definition": "",
    "note": "",
    "status": "reviewed",
}
_NEEDS = {
    "base_period": {"kind": "change_abs", "quote": "20 more than in 2021", "number": "20"},
    "scope": {"quote": "The Tan Phat cooperative employs 300 workers", "number": "", "measure": "workers"},
}


@pytest.mark.parametrize("column", [c.column for c in columns()["figures"]])
def test_each_figures_example_passes_check(tmp_path, column):
    example = next(c.example for c in columns()["figures"] if c.column == column)
    row = {**_ROW, **_NEEDS.get(column, {}), column: example}
    _, problems = check_seeds(_corpus(tmp_path, row))
    # The article's other numbers are no matter here: only what check says of the row.
    assert [str(p) for p in problems if "neither a figure nor a non-statistic" not in p.message] == []


def test_the_correction_and_non_statistic_examples_pass_check(tmp_path):
    correction = {c.column: c.example for c in columns()["corrections"]}
    non_statistic = {c.column: c.example for c in columns()["non_statistics"]}
    row = {
        **_ROW,
        "figure_id": correction["figure_id"],
        "measure": correction["read_as"],
        "quote": "The Tan Phat cooperative employs 300 workers",
        "number": "",
        "scope": "entity:Tan Phat cooperative",
    }
    _, problems = check_seeds(_corpus(tmp_path, row, [correction], [non_statistic]))
    assert [p for p in problems if "neither a figure nor a non-statistic" not in p.message] == []
