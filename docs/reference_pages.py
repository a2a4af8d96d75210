"""The documentation's reference pages, generated from the project's data at build time so that they cannot drift.

`pages()` returns every generated page (its path under docs/ -> its Markdown); `gen_pages.py` writes
them into the MkDocs build (mkdocs-gen-files), and tests/test_docs.py checks that each one reads
every entry of its source.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "coopanalysis" / "data"
RESULTS = ROOT / "bench" / "results"

#: The benchmarks `make bench` runs, in its order; each writes its output to bench/results/<name>.txt.
BENCHMARKS = [
    "extract_benchmark",
    "linear_benchmark",
    "shapes_benchmark",
    "indicators_benchmark",
    "scale_benchmark",
    "report_run_benchmark",
    "profile_benchmark",
]

GENERATED = "*Generated when the site is built, from {source}: edit that, not this page.*"


def cell(text: object) -> str:
    """A value as one Markdown table cell: pipes escaped, line breaks folded."""
    return " ".join(str(text).split()).replace("|", "\\|")


def table(header: list[str], rows: list[list[object]], numeric: int = 0) -> str:
    """A Markdown table; the `numeric` columns after the first are aligned right."""
    rule = [" --- |"] + [" ---: |"] * numeric + [" --- |"] * (len(header) - 1 - numeric)
    lines = ["| " + " | ".join(header) + " |", "|" + "".join(rule)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _toml(path: Path) -> dict:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def tables_page() -> str:
    """Every table of outputs/tables/ and its columns, from data/tables.toml."""
    spec = _toml(DATA / "tables.toml")
    shared = spec["columns"]
    out = [
        "# Output tables",
        "",
        GENERATED.format(source="`src/coopanalysis/data/tables.toml`"),
        "",
        "A run writes these tables to `outputs/tables/` as CSV, and describes them in",
        "`outputs/tables/datapackage.json` (a Frictionless data package) with the same words.",
        "",
    ]
    for name, entry in spec["tables"].items():
        own = entry.get("columns", {})
        out += [f"## `{name}.csv`: {entry['title']}", "", entry["description"], ""]
        if "primary_key" in entry:
            out += [f"Primary key: `{entry['primary_key']}`.", ""]
        if own:
            out.append(
                table(
                    ["column", "type", "unit", "description"],
                    [
                        [f"`{column}`", field["type"], field.get("unit", ""), field["description"]]
                        for column, field in own.items()
                    ],
                )
            )
        out += [
            (
                "Columns described under [shared columns](#shared-columns) are used as described there "
                "unless listed above."
            ),
            "",
        ]
    out += [
        "## Shared columns",
        "",
        "Columns several tables hold, described once.",
        "",
        table(
            ["column", "type", "unit", "description"],
            [
                [f"`{column}`", field["type"], field.get("unit", ""), field["description"]]
                for column, field in shared.items()
            ],
        ),
    ]
    return "\n".join(out)


def indicators_page() -> str:
    """The indicator registry, data/indicators.toml: each indicator's recipes, and the series."""
    spec = _toml(DATA / "indicators.toml")
    out = [
        "# Indicator registry",
        "",
        GENERATED.format(source="`src/coopanalysis/data/indicators.toml`"),
        "",
        "Each indicator is computed from figures of one article by one of its recipes: a formula over",
        "named inputs (`measure`, or `measure (kind)` when the input is not a level), evaluated at every",
        "corner of the inputs' bounds. See the [indicators guide](../guides/indicators.md).",
        "",
    ]
    topics = spec["topics"]
    for topic, heading in topics.items():
        out += [f"## {heading}", ""]
        for name, indicator in spec["indicators"].items():
            if indicator.get("topic") != topic:
                continue
            out += [
                f"### `{name}`: {indicator['title']}",
                "",
                f"**Unit:** {indicator['unit']}. {indicator['description']}",
                "",
            ]
            if indicator.get("caveat"):
                out += [f"**Caveat:** {indicator['caveat']}", ""]
            out.append(
                table(
                    ["formula", "inputs", "periods", "not computed when the article also states"],
                    [
                        [
                            f"`{recipe['formula']}`"
                            + (" (`years`: period minus base period)" if recipe.get("years") else ""),
                            ", ".join(
                                f"`{role}` = {measure}" + (" (optional)" if role in recipe.get("optional", ()) else "")
                                for role, measure in recipe["inputs"].items()
                            ),
                            recipe.get("periods", "same"),
                            ", ".join(recipe.get("unless", [])),
                        ]
                        for recipe in indicator["recipes"]
                    ],
                )
            )
    untopical = [name for name, indicator in spec["indicators"].items() if indicator.get("topic") not in topics]
    if untopical:
        raise ValueError(f"indicators.toml: {', '.join(untopical)} have no topic of [topics]")
    out += [
        "## Series across articles",
        "",
        "The same statistic of a province at two dates (`earlier`, `later`, and `years` between them).",
        "",
        table(
            ["series", "title", "unit", "formula", "description"],
            [
                [f"`{name}`", entry["title"], entry["unit"], f"`{entry['formula']}`", entry["description"]]
                for name, entry in spec["series"].items()
            ],
        ),
    ]
    return "\n".join(out)


def measures_page() -> str:
    """The measure vocabulary, data/measures.csv."""
    with open(DATA / "measures.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    out = [
        "# Measures",
        "",
        GENERATED.format(source="`src/coopanalysis/data/measures.csv`"),
        "",
        "What a figure counts: its `measure` is one of these (`other` when none fits, with a note).",
        "",
        table(
            [f"`{c}`" for c in columns],
            [[f"`{row[c]}`" if c == "measure" else row[c] for c in columns] for row in rows],
        ),
    ]
    return "\n".join(out)


def non_statistics_page() -> str:
    """The categories of numbers that are not statistics (figures.coverage.NON_STATISTIC_CATEGORIES)."""
    from coopanalysis.figures.coverage import NON_STATISTIC_CATEGORIES

    out = [
        "# Non-statistics",
        "",
        GENERATED.format(source="`coopanalysis.figures.coverage.NON_STATISTIC_CATEGORIES`"),
        "",
        "Every number of an article is a figure or a row of `non_statistics.csv` with one of these categories;",
        "`coopanalysis check` lists every number left unaccounted for.",
        "",
        table(["category", "meaning"], [[f"`{name}`", meaning] for name, meaning in NON_STATISTIC_CATEGORIES.items()]),
    ]
    return "\n".join(out)


def review_columns_page() -> str:
    """The columns of a corpus's tables that reviewers write, data/review/columns.toml."""
    from coopanalysis.review.columns import columns, columns_markdown

    intro = {
        "figures": "`figures.csv`, one row per statistic:",
        "corrections": (
            "`corrections.csv`, a figure the text states otherwise than it means (rare; edited in the file):"
        ),
        "non_statistics": "`non_statistics.csv`, every other number of the article, with why it is not a statistic:",
    }
    out = [
        "# Corpus tables",
        "",
        GENERATED.format(source="`src/coopanalysis/data/review/columns.toml`"),
        "",
        "The tables of a corpus that a reviewer writes, column by column. *In review* says how",
        "`coopanalysis review` writes each one: a reviewer sets the *edit* columns (the page's edit form, `--set`),",
        "accepting or editing a row makes it `reviewed`, and the tool writes ids, quotes of deleted numbers and",
        "the article.",
        "",
    ]
    for name in columns():
        out += [f"## {name}", "", intro.get(name, f"`{name}.csv`:"), "", columns_markdown(name), ""]
    return "\n".join(out)


def _help(argv: list[str]) -> str:
    from coopanalysis.cli import main

    buffer = io.StringIO()
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # the same wrapping on every machine
    try:
        with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
            main([*argv, "--help"])
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous
    return buffer.getvalue()


def commands() -> list[str]:
    """The CLI's commands, as its own --help lists them."""
    usage = _help([])
    return re.search(r"\{([\w,-]+)\}", usage).group(1).split(",")


def cli_page() -> str:
    """Every command's --help, as the installed CLI prints it."""
    out = [
        "# Command line",
        "",
        GENERATED.format(source="the `coopanalysis` command's own `--help`"),
        "",
        "After `make report` (or `make .venv/.installed`), the command is `.venv/bin/coopanalysis`; after",
        "`source .venv/bin/activate` it is `coopanalysis`. `python -m coopanalysis` is the same.",
        "",
        "## coopanalysis",
        "",
        "```text",
        _help([]).rstrip(),
        "```",
        "",
    ]
    for command in commands():
        out += [f"## coopanalysis {command}", "", "```text", _help([command]).rstrip(), "```", ""]
    return "\n".join(out)


def exit_codes_page() -> str:
    """The exit codes, base.problems.EXIT_CODES."""
    from coopanalysis.base.problems import EXIT_CODES

    out = [
        "# Exit codes",
        "",
        GENERATED.format(source="`coopanalysis.base.problems.EXIT_CODES`"),
        "",
        "Every command exits with one of these; a scheduled run can act on the kind of failure.",
        "",
        table(["exit code", "meaning"], [[code, meaning] for code, meaning in EXIT_CODES.items()]),
    ]
    return "\n".join(out)


def _recorded(name: str, command: str) -> list[str]:
    path = RESULTS / f"{name}.txt"
    if not path.is_file():
        return [f"*Not recorded in this checkout: `{command}` writes `bench/results/{name}.txt`.*", ""]
    return ["```text", path.read_text(encoding="utf-8").rstrip(), "```", ""]


def evaluation_page() -> str:
    """The extractor's scores, as `make evaluate` wrote them to bench/results/evaluation.txt."""
    out = [
        "# Evaluation",
        "",
        GENERATED.format(source="`bench/results/evaluation.txt`, written by `make evaluate`"),
        "",
        "`coopanalysis extract --evaluate` scores the extractor on every set with the definitions of the dev",
        "set's scorer, then tells how often a proposal of each confidence band was right. What each set is and",
        "how to read the scores: [the extractor guide](../guides/extractor.md#measured-honestly).",
        "",
    ]
    return "\n".join(out + _recorded("evaluation", "make evaluate"))


def benchmarks_page() -> str:
    """What each benchmark measures (its docstring) and its output, as `make bench` wrote it to bench/results/."""
    out = [
        "# Benchmarks",
        "",
        GENERATED.format(source="`bench/results/*.txt`, written by `make bench`"),
        "",
        "Each benchmark prints its figures and asserts nothing; `make bench` keeps each one's output in",
        "`bench/results/`. Timings are of the machine that ran them (two cores, shared with other work).",
        "",
    ]
    for name in BENCHMARKS:
        script = ROOT / "bench" / f"{name}.py"
        doc = _docstring(script)
        out += [f"## {name}", "", doc, "", *_recorded(name, "make bench")]
    return "\n".join(out)


def _docstring(script: Path) -> str:
    import ast

    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or ""
    return re.sub(r"``([^`]+)``", r"`\1`", doc)


def review_effort_page() -> str:
    """Each corpus's review effort, from its reviews.csv (`coopanalysis reviews` writes it)."""
    out = [
        "# Review effort",
        "",
        GENERATED.format(source="each corpus's `reviews.csv`, written by `coopanalysis reviews`"),
        "",
        "The extractor's proposals for each article and what review made of them. *Corrected* counts a",
        "proposal with any of quote, number, measure, kind, period, base period, scope or definition changed.",
        "",
    ]
    for path in sorted((ROOT / "corpora").glob("*/reviews.csv")) + sorted((ROOT / "seeds").glob("reviews.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows:
            continue
        corpus = path.parent.relative_to(ROOT).as_posix()
        counted = [c for c in ("proposed", "kept", "corrected", "deleted", "added", "pending") if c in rows[0]]
        fields = [c for c in rows[0] if c.startswith("corrected_")]

        def corrected(values: dict, fields: list[str] = fields) -> str:
            return ", ".join(
                f"{c.removeprefix('corrected_').replace('_', ' ')} {values[c]}" for c in fields if int(values[c] or 0)
            )

        timed = [c for c in ("minutes",) if any(row.get(c) for row in rows)]
        totals = {c: sum(int(row[c] or 0) for row in rows) for c in counted + fields}
        totals.update({c: sum(float(row[c] or 0) for row in rows) for c in timed})
        body = [[row["article_id"], *(row[c] for c in counted + timed), corrected(row)] for row in rows]
        body.append([f"**all ({len(rows)})**", *(totals[c] for c in counted + timed), corrected(totals)])
        out += [
            f"## `{corpus}/`",
            "",
            table(["article", *counted, *timed, "corrected fields"], body, len(counted + timed)),
        ]
        if not timed:
            out += ["No review of this corpus was timed: its `reviews.csv` has no minutes.", ""]
    return "\n".join(out)


def pages() -> dict[str, str]:
    """Every generated page: its path under docs/ -> its Markdown."""
    return {
        "reference/cli.md": cli_page(),
        "reference/exit-codes.md": exit_codes_page(),
        "reference/tables.md": tables_page(),
        "reference/corpus-tables.md": review_columns_page(),
        "reference/indicators.md": indicators_page(),
        "reference/measures.md": measures_page(),
        "reference/non-statistics.md": non_statistics_page(),
        "reference/review-effort.md": review_effort_page(),
        "reference/evaluation.md": evaluation_page(),
        "reference/benchmarks.md": benchmarks_page(),
    }
