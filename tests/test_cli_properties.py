"""Property: whatever a user feeds the commands, they answer with a message and an exit code, never a traceback."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import add_article, copy_seeds, read_rows, write_rows
from coopanalysis.cli.main import main

# Text that looks like articles and tables: numbers in every format, qualifiers, separators, bad bytes.
PIECES = [
    "12",
    "1,263",
    "1.263,5",
    "5,5",
    "1\u00a0263",
    "9" * 30,
    "10^12",
    "VND",
    "VNĐ",
    "billion",
    "%",
    "over",
    "nearly",
    "a decrease of",
    "down",
    "2021-2025",
    "2026–30",
    "cooperatives",
    "co-operatives",
    "members",
    "province",
    "Ha Giang",
    "district",
    ",",
    ";",
    ".",
    '"',
    "\n",
    "\r\n",
    " ",
    "\t",
    "Decision No. 12/QD",
    "10:35",
    "15/08/2024",
    "(US$123,000)",
    "\ufeff",
    "\u200b",
    "é",
    "đ",
    "../",
    "/etc/passwd",
    "\0",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
cells = st.one_of(texts, st.text(max_size=30))


def _run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code
    return code, out.getvalue() + err.getvalue()


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(tmp_path))
    return tmp_path


def _fresh(root: Path) -> None:
    shutil.rmtree(root / "seeds", ignore_errors=True)
    copy_seeds(root / "seeds")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    article=st.one_of(texts.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=200)),
    figure=st.fixed_dictionaries(
        {
            "quote": cells,
            "number": cells,
            "measure": st.sampled_from(["members", "x", ""]),
            "kind": st.sampled_from(["level", "change_pct", "target", ""]),
            "period": st.sampled_from(["2024", "0000", "", "H3 2024", "2024-2020"]),
            "base_period": st.sampled_from(["", "2023", "x"]),
            "scope": st.sampled_from(["province", "district:Nowhere", "", "x"]),
        }
    ),
    file_name=st.sampled_from(["900.txt", "../900.txt", "sub/900.txt", "900 é.txt"]),
)
def test_check_answers_any_seeds_without_a_traceback(project, article, figure, file_name):
    _fresh(project)
    safe = file_name if "/" not in file_name else "900.txt"
    add_article(project, safe, article)
    if safe != file_name:  # the table names a file outside articles/ or in a missing folder
        header, rows = read_rows(project / "seeds" / "articles.csv")
        rows[-1]["file"] = file_name
        write_rows(project / "seeds" / "articles.csv", header, rows)
    header, rows = read_rows(project / "seeds" / "figures.csv")
    rows.append(dict.fromkeys(header, "") | figure | {"figure_id": "ha-giang-2024-f01", "article_id": "ha-giang-2024"})
    write_rows(project / "seeds" / "figures.csv", header, rows)
    code, output = _run("check")
    assert code in (0, 2) and "Traceback" not in output, output


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(article=st.one_of(texts.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=200)))
def test_extract_answers_any_file_without_a_traceback(project, article):
    path = project / "article.txt"
    path.write_bytes(article)
    code, output = _run("extract", str(path), "--format", "csv")
    assert code in (0, 2) and "Traceback" not in output, output


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    config=st.one_of(
        texts,
        st.sampled_from(
            [
                "reports = 1",
                "[[reports]]\nname = 1\nnotebook = 2",
                '[[reports]]\nname = "a"\nnotebook = "../../x.ipynb"',
                '[[reports]]\nname = "a"\nnotebook = "x.ipynb"\nfor_each = "district"',
                "reports = [[1]]",
                "[reports]\nx = 1",
            ]
        ),
    )
)
def test_run_refuses_any_configuration_without_a_traceback(project, config):
    _fresh(project)
    path = project / "reports.toml"
    path.write_text(config, encoding="utf-8", errors="surrogatepass")
    code, output = _run("run", "--config", str(path), "--out", str(project / "out"))
    assert code == 2 and "Traceback" not in output, output
    assert not (project / "out").exists()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    article_id=st.one_of(
        st.text(max_size=30),
        st.sampled_from(
            ["../../etc/passwd", "/etc/passwd", "a/../b", "lang-son-2024/x", "..", "\0", "lang-son-2024\n"]
        ),
    )
)
def test_review_answers_any_article_id_without_a_traceback(project, article_id):
    _fresh(project)
    code, output = _run("review", article_id, "--out", str(project / "page.html"))
    assert code in (0, 2) and "Traceback" not in output and "internal error" not in output, output
    assert sorted(p.name for p in project.iterdir()) in (["seeds"], ["page.html", "seeds"])
