"""The documentation: every generated reference page reads all of its source, and the README stays short.

Building the site strictly is CI's job (`make docs`); these tests check, fast, what the pages are made of.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import tomllib

import pytest
import yaml

from conftest import ROOT
from coopanalysis import review_effort
from coopanalysis.base.problems import EXIT_CODES
from coopanalysis.figures.coverage import NON_STATISTIC_CATEGORIES
from coopanalysis.review.columns import columns, columns_markdown

DATA = ROOT / "src" / "coopanalysis" / "data"


def _load_generator():
    spec = importlib.util.spec_from_file_location("reference_pages", ROOT / "docs" / "reference_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


reference = _load_generator()


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return reference.pages()


def _toml(path):
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def test_the_tables_page_lists_every_table_and_column_of_tables_toml(pages):
    spec = _toml(DATA / "tables.toml")
    page = pages["reference/tables.md"]
    for name, entry in spec["tables"].items():
        assert f"## `{name}.csv`: {entry['title']}" in page and entry["description"] in page
        for column, field in entry.get("columns", {}).items():
            assert f"| `{column}` | {field['type']} |" in page, (name, column)
    for column in spec["columns"]:
        assert f"| `{column}` |" in page, column


def test_the_indicators_page_lists_every_indicator_recipe_and_series(pages):
    spec = _toml(DATA / "indicators.toml")
    page = pages["reference/indicators.md"]
    for heading in spec["topics"].values():
        assert f"## {heading}" in page
    for name, indicator in spec["indicators"].items():
        assert f"### `{name}`: {indicator['title']}" in page
        for recipe in indicator["recipes"]:
            assert f"`{recipe['formula']}`" in page, name
    for name, series in spec["series"].items():
        assert f"`{name}`" in page and f"`{series['formula']}`" in page


def test_the_measures_page_lists_every_measure_with_its_definition(pages):
    with open(DATA / "measures.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    page = pages["reference/measures.md"]
    for row in rows:
        assert f"| `{row['measure']}` | {reference.cell(row['label'])} |" in page
        assert reference.cell(row["definition"]) in page


def test_the_non_statistics_page_lists_every_category(pages):
    page = pages["reference/non-statistics.md"]
    assert all(
        f"| `{name}` | {reference.cell(meaning)} |" in page for name, meaning in NON_STATISTIC_CATEGORIES.items()
    )


def test_the_corpus_tables_page_is_the_review_columns_reference(pages):
    page = pages["reference/corpus-tables.md"]
    for table in columns():
        assert columns_markdown(table) in page, table


def test_the_exit_codes_page_lists_every_code(pages):
    page = pages["reference/exit-codes.md"]
    assert all(f"| {code} | {reference.cell(meaning)} |" in page for code, meaning in EXIT_CODES.items())


def test_the_cli_page_holds_every_commands_help(pages):
    page = pages["reference/cli.md"]
    commands = reference.commands()
    assert {"check", "extract", "review", "run", "verify"} <= set(commands)
    for command in commands:
        assert f"## coopanalysis {command}\n\n```text\nusage: coopanalysis {command}" in page, command


def test_the_help_reads_as_help_for_users():
    # No Sphinx roles or double backquotes, no notes about the code's imports.
    for command in [[], *([c] for c in reference.commands())]:
        text = reference._help(command)
        assert text.startswith("usage: coopanalysis"), command
        assert not re.search(r"``|:data:|:func:|:class:|import", text), (command, text)


def test_the_review_effort_page_is_each_corpus_reviews_csv(pages):
    page = pages["reference/review-effort.md"]
    for corpus in ("news", "vi"):
        computed = review_effort(ROOT / "corpora" / corpus)
        totals = [int(computed[c].sum()) for c in ("proposed", "kept", "corrected", "deleted", "added")]
        section = page[page.index(f"## `corpora/{corpus}/`") :]
        row = next(line for line in section.splitlines() if line.startswith(f"| **all ({len(computed)})** |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert [int(c) for c in cells[1:6]] == totals
        for article in computed["article_id"]:
            assert f"| {article} |" in section


def test_the_benchmarks_page_covers_every_benchmark_make_bench_runs(pages):
    scripts = sorted(p.stem for p in (ROOT / "bench").glob("*_benchmark.py"))
    assert sorted(reference.BENCHMARKS) == scripts
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    bench = re.search(r"^BENCHMARKS := (.+)$", makefile, re.MULTILINE).group(1).split()
    assert bench == reference.BENCHMARKS
    page = pages["reference/benchmarks.md"]
    for name in scripts:
        assert f"## {name}" in page
        recorded = ROOT / "bench" / "results" / f"{name}.txt"
        if recorded.is_file():  # the output as make bench wrote it, not a copy
            assert recorded.read_text(encoding="utf-8").rstrip() in page


def test_the_evaluation_page_shows_what_make_evaluate_wrote(pages):
    recorded = ROOT / "bench" / "results" / "evaluation.txt"
    page = pages["reference/evaluation.md"]
    if recorded.is_file():
        assert recorded.read_text(encoding="utf-8").rstrip() in page
    else:
        assert "Not recorded in this checkout" in page


def test_the_site_navigation_lists_every_page():
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml.safe_load(handle)

    def listed(entries):
        for entry in entries:
            for value in entry.values():
                yield from (listed(value) if isinstance(value, list) else [value])

    nav = set(listed(config["nav"]))
    written = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert nav == written | set(reference.pages())


def test_the_readme_is_short_and_its_links_into_the_docs_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    links = re.findall(r"\]\((docs/[^)#]+)", readme)
    assert links, "the README links into the documentation"
    for link in links:
        assert (ROOT / link).is_file(), link
