"""Hostile input, as a careless or malicious user would give it: every case is one clear message.

Each case sets up a copy of the project, runs one command and states the exit code and the words
the message must hold. For every case the seeds are unchanged afterwards (nothing already written
is damaged) and no file appears outside the copy, and no case prints a traceback.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, add_article, copy_seeds, edit_figure, read_rows, run_cli, run_until_a_kernel_runs, write_rows
from coopanalysis.run.outputs import MARKER

FIXTURES = Path(__file__).parent / "fixtures"
#: Adding an article (``extract`` arguments).
_APPEND = [str(FIXTURES / "synthetic" / "seeds" / "articles" / "s01_ha_tinh.txt"), "--append"]


def set_article_file(root: Path, file: str) -> None:
    header, rows = read_rows(root / "seeds" / "articles.csv")
    rows[0]["file"] = file
    write_rows(root / "seeds" / "articles.csv", header, rows)


def config(root: Path, text: str) -> str:
    path = root / "reports.toml"
    path.write_text(text)
    return str(path)


def line_of(root: Path, figure_id: str) -> int:
    _, rows = read_rows(root / "seeds" / "figures.csv")
    return next(i for i, r in enumerate(rows) if r["figure_id"] == figure_id) + 2


PROFILE = '[[reports]]\nname = "p"\nnotebook = "{nb}"\n'
NOTEBOOK = str(ROOT / "notebooks" / "03-province-profile.ipynb")

# (id, setup(root) -> extra args, command, exit code, words the message must hold)
CASES = [
    # Data loss: a run only ever replaces its own output directory.
    ("out-is-a-clone", lambda r: ["--out", str(r)], "run", 3, "did not write (no .coopanalysis-outputs marker)"),
    (
        "out-is-a-file",
        lambda r: (r / "notes.txt").write_text("mine") and ["--out", str(r / "notes.txt")],
        "run",
        3,
        "is a file, not a directory",
    ),
    ("out-is-root", lambda r: ["--out", "/"], "run", 3, "the root of the file system is not an output directory"),
    (
        "out-unwritable",
        lambda r: (r / "notes.txt").write_text("mine") and ["--out", str(r / "notes.txt" / "out")],
        "run",
        3,
        "cannot write there",
    ),
    # Path escapes: names from data stay inside their root.
    (
        "article-file-dotdot",
        lambda r: set_article_file(r, "../../../../etc/passwd") or [],
        "check",
        2,
        "seeds/articles.csv:2: article file '../../../../etc/passwd' must be a relative name inside articles/",
    ),
    (
        "article-file-absolute",
        lambda r: set_article_file(r, "/etc/passwd") or [],
        "check",
        2,
        "article file '/etc/passwd' must be a relative name inside articles/",
    ),
    (
        "article-file-symlink-out",
        lambda r: (
            (r / "seeds" / "articles" / "link.txt").symlink_to("/etc/hostname") or set_article_file(r, "link.txt") or []
        ),
        "check",
        2,
        "article file 'link.txt' leads outside articles/",
    ),
    (
        "report-name-dotdot",
        lambda r: ["--config", config(r, PROFILE.format(nb=NOTEBOOK).replace('"p"', '"../../evil"'))],
        "run",
        2,
        "name '../../evil' must be lowercase letters, digits and '-'",
    ),
    (
        "notebook-outside",
        lambda r: ["--config", config(r, '[[reports]]\nname = "x"\nnotebook = "/etc/x.ipynb"\n')],
        "run",
        2,
        "notebook '/etc/x.ipynb' is outside the project",
    ),
    # Sizes: a limit with a clear error, found at once.
    (
        "huge-article",
        lambda r: add_article(r, "900_huge.txt", b"Ha Giang province has 12 cooperatives. " * 600_000) or [],
        "check",
        2,
        "seeds/articles/900_huge.txt: 22.3 MB is over the 2.0 MB limit for this file",
    ),
    # Silent wrong numbers become errors.
    (
        "number-400-digits",
        lambda r: (
            add_article(r, "900_nines.txt", b"It has " + b"9" * 400 + b" members.\n")
            or _add_figure(r, "ha-giang-2024-f01", "ha-giang-2024", "has " + "9" * 400, "members")
            or []
        ),
        "check",
        2,
        "the quote's number has more than 15 digits, which cannot be a figure",
    ),
    (
        "exponent",
        lambda r: (
            add_article(r, "900_exp.txt", b"The fund holds 10^12 VND.\n")
            or _add_figure(r, "ha-giang-2024-f01", "ha-giang-2024", "holds 10^12 VND", "fund_capital")
            or []
        ),
        "check",
        2,
        "writes its number with an exponent ('^')",
    ),
    (
        "same-figure-twice",
        lambda r: _copy_figure(r, "lang-son-2024-f01", "lang-son-2024-f99") or [],
        "check",
        2,
        "lang-son-2024-f99: states the same number of the same quote as lang-son-2024-f01",
    ),
    (
        "province-and-for-each",
        lambda r: [
            "--config",
            config(r, PROFILE.format(nb=NOTEBOOK) + 'for_each = "province"\nparameters = { province = "Lang Son" }\n'),
        ],
        "run",
        2,
        'parameters.province and for_each = "province" conflict',
    ),
    # check finds what the run would trip on.
    (
        "empty-period",
        lambda r: edit_figure(r, "lang-son-2024-f01", period="") and [],
        "check",
        2,
        "lang-son-2024-f01: period is empty",
    ),
    (
        "period-0000",
        lambda r: edit_figure(r, "lang-son-2024-f01", period="0000") and [],
        "check",
        2,
        "period '0000': year 0000 is out of range (1900-2199)",
    ),
    # Files that are not UTF-8 text.
    (
        "latin1-article",
        lambda r: (
            add_article(r, "900_latin1.txt", "Hà Giang province\ncaf\u00e9 cooperatives\n".encode("latin-1")) or []
        ),
        "check",
        2,
        "seeds/articles/900_latin1.txt:1: is not UTF-8 text (byte 0xE0 at column 2); save it as UTF-8",
    ),
    (
        "binary-article",
        lambda r: add_article(r, "900_binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR") or [],
        "check",
        2,
        "seeds/articles/900_binary.txt:3: is a binary file, not text",
    ),
    (
        "latin1-figures",
        lambda r: (
            (r / "seeds" / "figures.csv").write_bytes(
                (r / "seeds" / "figures.csv").read_bytes() + "x,y,caf\u00e9,,,,,,,,\n".encode("latin-1")
            )
            or []
        ),
        "check",
        2,
        "seeds/figures.csv:108: is not UTF-8 text",
    ),
    (
        "bad-checksum-line",
        lambda r: (
            (r / "seeds" / "articles.sha256").write_text(
                (r / "seeds" / "articles.sha256").read_text() + "not a checksum line\n"
            )
            or []
        ),
        "check",
        2,
        "seeds/articles.sha256:6: malformed line",
    ),
    # Configurations of the wrong shape.
    (
        "parameters-string",
        lambda r: ["--config", config(r, PROFILE.format(nb=NOTEBOOK) + 'parameters = "x"\n')],
        "run",
        2,
        "parameters must be a table",
    ),
    (
        "parameter-datetime",
        lambda r: [
            "--config",
            config(
                r,
                '[[reports]]\nname = "a"\nnotebook = "{nb}"\nparameters = {{ '
                "articles_shown = 2024-07-01T10:00:00 }}\n".format(nb=ROOT / "notebooks" / "01-article-figures.ipynb"),
            ),
            "--out",
            str(r / "o"),
        ],
        "run",
        2,
        "parameter articles_shown = 2024-07-01 10:00:00 is a TOML datetime; a notebook parameter is a string",
    ),
    (
        "reports-integers",
        lambda r: ["--config", config(r, "reports = [1, 2]\n")],
        "run",
        2,
        "needs one [[reports]] table per report",
    ),
    ("config-not-toml", lambda r: ["--config", config(r, "[[reports]\n")], "run", 2, "not valid TOML"),
    ("config-missing", lambda r: ["--config", str(r / "nope.toml")], "run", 2, "nope.toml: file not found"),
    (
        "config-binary",
        lambda r: (r / "c.toml").write_bytes(b"\0\1\2") and ["--config", str(r / "c.toml")],
        "run",
        2,
        "is a binary file",
    ),
    ("only-unknown", lambda r: ["--only", "nope", "--out", str(r / "o")], "run", 2, "unknown report 'nope' for --only"),
    ("jobs-zero", lambda r: ["--jobs", "0"], "run", 2, "must be from 1 to 64"),
    # Tables with one real error: it is reported once, its consequences are not.
    (
        "unbalanced-quote",
        lambda r: _break_line(r, "figures.csv", 9, ",province,,Objective", ',province,,"Objective'),
        "check",
        2,
        "seeds/figures.csv:9: a double quote on this line opens a field that runs on to line",
    ),
    (
        "wrong-header",
        lambda r: _break_line(r, "figures.csv", 1, "quote", "quotation"),
        "check",
        2,
        "seeds/figures.csv:1: the header lacks 'quote'",
    ),
    (
        "empty-figures",
        lambda r: (r / "seeds" / "figures.csv").write_text("") or [],
        "check",
        2,
        "seeds/figures.csv:1: the file is empty; it needs the header line",
    ),
    (
        "empty-non-statistics",
        lambda r: (r / "seeds" / "non_statistics.csv").write_text("") or [],
        "check",
        2,
        "seeds/non_statistics.csv:1: the file is empty",
    ),
    # Adding articles.
    (
        "append-no-province",
        lambda r: (r / "new.txt").write_text("The cooperative has 12 members.\n") and [str(r / "new.txt"), "--append"],
        "extract",
        2,
        "no province found in the text; pass --province NAME",
    ),
    (
        "append-unknown-province",
        lambda r: (
            (r / "new.txt").write_text("The cooperative has 12 members.\n")
            and [str(r / "new.txt"), "--append", "--province", "Atlantis"]
        ),
        "extract",
        2,
        "unknown province 'Atlantis'",
    ),
    (
        "append-same-text",
        lambda r: (
            shutil.copy(r / "seeds" / "articles" / "001_bfb3a51db69d5cc1.txt", r / "copy.txt")
            and [str(r / "copy.txt"), "--append", "--article-id", "lang-son-again"]
        ),
        "extract",
        2,
        "this text is already in seeds as 001_bfb3a51db69d5cc1.txt",
    ),
    ("extract-missing", lambda r: [str(r / "nope.txt")], "extract", 2, "nope.txt: no such article file"),
    (
        "extract-binary",
        lambda r: (r / "b.txt").write_bytes(b"\0\0\0") and [str(r / "b.txt")],
        "extract",
        2,
        "is a binary file",
    ),
    (
        "nul-after-64-kb",
        lambda r: add_article(r, "900_nul.txt", b"Ha Giang province.\n" * 4000 + b"\0") or [],
        "check",
        2,
        "seeds/articles/900_nul.txt:4001: is a binary file, not text",
    ),
    (
        "article-file-symlink-loop",
        lambda r: (
            (r / "seeds" / "articles" / "loop.txt").symlink_to("loop.txt") or set_article_file(r, "loop.txt") or []
        ),
        "check",
        2,
        "article file 'loop.txt' is a symbolic link that leads back to itself",
    ),
    # The review page: an id that is no id, and --out at anything but a page it wrote.
    ("review-id-with-path", lambda r: ["../../etc/passwd"], "review", 2, "'../../etc/passwd' is not an article id"),
    (
        "review-out-folder",
        lambda r: (r / "pages").mkdir() or ["lang-son-2024", "--out", str(r / "pages")],
        "review",
        3,
        "is a folder; give the page's file name",
    ),
    (
        "review-out-under-a-file",
        lambda r: (
            (r / "notes.txt").write_text("mine") and ["lang-son-2024", "--out", str(r / "notes.txt" / "page.html")]
        ),
        "review",
        3,
        "a file stands where a folder is needed",
    ),
    ("review-out-read-only", lambda r: ["lang-son-2024", "--out", "/proc/page.html"], "review", 3, "cannot be written"),
    (
        "review-out-not-its-page",
        lambda r: (
            shutil.copy(r / "seeds" / "figures.csv", r / "copy.csv") and ["lang-son-2024", "--out", str(r / "copy.csv")]
        ),
        "review",
        3,
        "exists and is not a page `coopanalysis review` wrote",
    ),
    (
        "append-corpus-root",
        lambda r: (
            (r / "new.txt").write_text("Ha Giang province has 12 cooperatives in 2024.\n")
            and [str(r / "new.txt"), "--append", "--corpus", "/"]
        ),
        "extract",
        3,
        "--corpus /: is not a corpus (it has no articles.csv)",
    ),
    # verify refuses what run refuses: it never walks a folder that is not a run's.
    ("verify-out-foreign", lambda r: ["--out", str(r)], "verify", 3, "did not write (no .coopanalysis-outputs marker)"),
    (
        "verify-out-root",
        lambda r: ["--out", "/"],
        "verify",
        3,
        "the root of the file system is not an output directory",
    ),
    # fetch reads only from the project and the folder that holds it.
    (
        "fetch-source-outside",
        lambda r: _fetched_corpus(r, '["/etc"]') or ["--corpus", "corpora/x"],
        "fetch",
        2,
        "source '/etc' is outside the project and the folder that holds it",
    ),
    (
        "fetch-source-dotdot",
        lambda r: _fetched_corpus(r, '["../../../../etc"]') or ["--corpus", "corpora/x"],
        "fetch",
        2,
        "source '../../../../etc' is outside the project",
    ),
    # run refuses a corpus that check rejects, with the same problem, before any notebook runs.
    (
        "run-corpus-check-rejects",
        lambda r: (
            add_article(r, "900_open.txt", b"Ha Giang province has 12 cooperatives.\n") or ["--out", str(r / "o")]
        ),
        "run",
        2,
        "seeds/articles/900_open.txt:1: number '12' is neither a figure nor a non-statistic",
    ),
    # A corpus's own files that are not what a commit wrote: refused in one line by readers and writers alike.
    *[
        (
            f"journal-outside-{command}",
            lambda r, a=args: _journal(r, "../../x") or list(a),
            command,
            2,
            (
                "seeds/.coopanalysis-commit: is not a commit journal coopanalysis wrote (it names '../../x', "
                "outside the corpus)"
            ),
        )
        for command, args in (("check", []), ("extract", _APPEND))
    ],
    *[
        (
            f"journal-folder-{command}",
            lambda r, a=args: (r / "seeds" / ".coopanalysis-commit").mkdir() or list(a),
            command,
            2,
            "seeds/.coopanalysis-commit: is not a commit journal coopanalysis wrote (it is a folder)",
        )
        for command, args in (("check", []), ("extract", _APPEND))
    ],
    *[
        (
            f"table-link-out-{command}",
            lambda r, a=args: _link_table(r) or list(a),
            command,
            2,
            (
                "seeds/corrections.csv: table 'corrections.csv' leads outside seeds/ (through a symbolic link); "
                "put the table itself in the corpus"
            ),
        )
        for command, args in (("check", []), ("extract", _APPEND))
    ],
    *[
        (
            f"lock-link-{command}",
            lambda r, a=args: (r / "seeds" / ".coopanalysis-lock").symlink_to(r.parent / "planted") or list(a),
            command,
            3,
            "seeds/.coopanalysis-lock: is a symbolic link, not the lock file coopanalysis makes",
        )
        for command, args in (("check", []), ("extract", _APPEND))
    ],
    # Names that would break a message over lines are written escaped, on one line.
    (
        "file-name-with-newline",
        lambda r: (r / "a\nb.txt").write_bytes(b"caf\xe9") and [str(r / "a\nb.txt")],
        "extract",
        2,
        "a\\nb.txt:1: is not UTF-8 text",
    ),
    # A field longer than the csv module's limit (128 KB): one problem at its line, in every command that reads it.
    *[
        (
            f"field-over-128-kb-{command}",
            lambda r, c=command: _long_field(r) + (["--out", str(r / "o")] if c != "check" else []),
            command,
            2,
            "seeds/figures.csv:108: a field starting on this line is longer than 128 KB",
        )
        for command in ("check", "run", "verify")
    ],
]


def _journal(root: Path, name: str) -> None:
    """A journal such as a commit writes, naming ``name`` (crafted: no commit names a file outside its corpus)."""
    import json

    entry = {"name": name, "staged": "0" * 64, "replaces": None}
    (root / "seeds" / ".coopanalysis-commit").write_text(
        json.dumps({"format": "coopanalysis-commit/1", "files": [entry]})
    )


def _link_table(root: Path) -> None:
    outside = root.parent / "corrections-elsewhere.csv"
    shutil.copy(root / "seeds" / "corrections.csv", outside)
    (root / "seeds" / "corrections.csv").unlink()
    (root / "seeds" / "corrections.csv").symlink_to(outside)


def _add_figure(root: Path, figure_id: str, article_id: str, quote: str, measure: str) -> None:
    header, rows = read_rows(root / "seeds" / "figures.csv")
    rows.append(
        {
            **dict.fromkeys(header, ""),
            "figure_id": figure_id,
            "article_id": article_id,
            "quote": quote,
            "measure": measure,
            "kind": "level",
            "period": "2024",
            "scope": "province",
        }
    )
    write_rows(root / "seeds" / "figures.csv", header, rows)


def _fetched_corpus(root: Path, sources: str, files: dict[str, bytes] | None = None) -> Path:
    """corpora/x: a corpus whose texts come from ``sources``, listing ``files`` (name -> reviewed bytes)."""
    import hashlib

    corpus = root / "corpora" / "x"
    corpus.mkdir(parents=True)
    (corpus / "sources.toml").write_text(f"sources = {sources}\n")
    (corpus / "articles.sha256").write_text(
        "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in (files or {"a.txt": b"x"}).items())
    )
    return corpus


def _set_article_cell(root: Path, column: str, value: str) -> None:
    header, rows = read_rows(root / "seeds" / "articles.csv")
    rows[1][column] = value
    write_rows(root / "seeds" / "articles.csv", header, rows)


@pytest.mark.parametrize(
    "setup,words",
    [
        (lambda r: _set_article_cell(r, "province", "Atlantis"), "seeds/articles.csv:3: unknown province 'Atlantis'"),
        (
            lambda r: _set_article_cell(r, "article_id", "Lang Son 2024"),
            "seeds/articles.csv:3: article_id 'Lang Son 2024'",
        ),
        (lambda r: _set_article_cell(r, "file", "nope.txt"), "seeds/articles.csv:3: file 'nope.txt' not found"),
        (lambda r: _set_article_cell(r, "published", "20xx"), "seeds/articles.csv:3: published '20xx'"),
        (lambda r: _set_article_cell(r, "file", "000_caa8b43e92524b3a.txt"), "is already the text of line 2"),
        (
            lambda r: (
                (r / "seeds" / "articles" / "loop.txt").symlink_to("loop.txt")
                or _set_article_cell(r, "file", "loop.txt")
            ),
            "seeds/articles.csv:3: article file 'loop.txt' is a symbolic link that leads back to itself",
        ),
        (lambda r: _long_field(r), "seeds/figures.csv:108: a field starting on this line is longer than 128 KB"),
        (
            lambda r: _break_line(r, "articles.csv", 3, ",", ',"'),
            "seeds/articles.csv:3: a double quote on this line closes a field before its end",
        ),
        (
            lambda r: _break_line(r, "non_statistics.csv", 73, ",", ',"'),
            (
                "seeds/non_statistics.csv:73: a double quote on this line opens a field that runs on to the end of "
                "the file"
            ),
        ),
        (
            lambda r: edit_figure(r, "nghe-an-2012-f01", number="1e309"),
            "seeds/figures.csv:2: nghe-an-2012-f01: number '1e309' is not one of the numbers in the quote ('7')",
        ),
        (
            lambda r: edit_figure(r, "nghe-an-2012-f01", measure="staff"),
            "seeds/figures.csv:2: nghe-an-2012-f01: unknown measure",
        ),
        (
            lambda r: _set_article_cell(r, "file", "new\nline.txt"),
            "seeds/articles.csv:3: file 'new\\nline.txt' not found",
        ),
    ],
    ids=[
        "unknown-province",
        "bad-id",
        "missing-file",
        "bad-date",
        "file-twice",
        "symlink-loop",
        "field-over-limit",
        "quote-closed-early",
        "quote-open-to-the-end",
        "number-1e309",
        "row-refused",
        "file-with-newline",
    ],
)
def test_a_broken_row_is_reported_alone_not_through_its_figures(seed_copy, setup, words):
    """The cause only: the article's figures, non-statistics, corrections and checksum are not listed on top."""
    setup(seed_copy)
    result = run_cli("check", root=seed_copy)
    problems = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert result.returncode == 2 and len(problems) == 1 and words in problems[0], result.stderr


def _long_field(root: Path) -> list[str]:
    path = root / "seeds" / "figures.csv"
    path.write_text(path.read_text() + 'x,lang-son-2024,"' + "a" * 200_000 + '",,members,level,2024,,province,,,\n')
    return []


def _copy_figure(root: Path, source: str, new_id: str) -> None:
    header, rows = read_rows(root / "seeds" / "figures.csv")
    rows.append({**next(r for r in rows if r["figure_id"] == source), "figure_id": new_id})
    write_rows(root / "seeds" / "figures.csv", header, rows)


def _break_line(root: Path, table: str, line: int, old: str, new: str) -> list[str]:
    path = root / "seeds" / table
    lines = path.read_text().split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines))
    return []


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_hostile_input_gets_one_clear_message(case, seed_copy, tmp_path):
    _, setup, command, code, words = case
    (seed_copy / ".git").mkdir()  # stands for a clone: nothing of it may be deleted
    (seed_copy / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    extra = setup(seed_copy)
    extra = extra if isinstance(extra, list) else []
    before = snapshot(seed_copy)
    outside = set(tmp_path.parent.iterdir())
    result = run_cli(command, *extra, root=seed_copy)
    assert result.returncode == code, result.stdout + result.stderr
    assert words in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    after = snapshot(seed_copy)
    if command == "run":  # a run keeps the analysis it computed (.cache/, written whole or not at all), nothing else
        after = {
            name: data for name, data in after.items() if name in before or not name.startswith(".cache/analysis/")
        }
    assert after == before  # nothing already written is damaged
    assert set(tmp_path.parent.iterdir()) == outside  # and nothing is written next to the project


def test_extract_figures_is_public():
    import coopanalysis

    assert "extract_figures" in coopanalysis.__all__
    assert coopanalysis.extract_figures("Ha Giang province has 12 cooperatives.")["value"].tolist() == [12.0]


def test_a_stray_quote_is_reported_on_its_own_line(seed_copy):
    _break_line(seed_copy, "non_statistics.csv", 7, ",", ',"')
    result = run_cli("check", root=seed_copy)
    problems = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert problems == [problems[0]] and "seeds/non_statistics.csv:7: a double quote" in problems[0], result.stderr


def test_a_byte_order_mark_is_read(seed_copy):
    path = seed_copy / "seeds" / "figures.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as a spreadsheet saves it
    result = run_cli("check", root=seed_copy)
    assert result.returncode == 0, result.stderr


def test_an_article_without_figures_checks_and_runs(seed_copy, tmp_path):
    add_article(seed_copy, "900_none.txt", b"Ha Giang province supports its cooperatives with training and credit.\n")
    assert run_cli("check", root=seed_copy).returncode == 0
    out = tmp_path / "out"
    result = run_cli("run", "--out", str(out), "--only", "01-article-figures", root=seed_copy)
    assert result.returncode == 0, result.stderr
    # Its page is made; no profile, since its province has no figure.
    assert (out / "articles" / "ha-giang-2024.html").is_file()
    asked = run_cli("run", "--out", str(out), "--only", "03-province-profile-ha-giang", root=seed_copy)
    assert asked.returncode == 2
    assert "Ha Giang is part of Tuyen Quang since July 2025, which has no figures yet, so no profile" in asked.stderr


def test_an_existing_empty_directory_is_a_valid_out_and_a_failed_copy_is_not_deleted(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    failed = tmp_path / "empty.failed"
    failed.mkdir()
    (failed / "mine.txt").write_text("not the run's")
    result = run_cli("run", "--out", str(out), "--config", str(FIXTURES / "fails_in_second_cell.toml"))
    assert result.returncode == 1
    assert (failed / "mine.txt").read_text() == "not the run's"  # a directory the run did not make is kept
    assert [p.name for p in tmp_path.glob("empty.failed-*/*.ipynb")] == ["fails-in-second-cell.ipynb"]
    assert out.is_dir() and not any(out.iterdir())


@pytest.mark.parametrize("signum,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_run_stops_at_once_and_leaves_nothing(tmp_path, signum, code):
    out = tmp_path / "outputs"
    out.mkdir()
    (out / MARKER).write_text("earlier run")
    before = snapshot(out)
    with run_until_a_kernel_runs(tmp_path, "--out", str(out), "--jobs", "2", wait=60) as process:
        assert process.poll() is None, process.communicate()
        os.killpg(process.pid, signum)  # as Ctrl-C does: the whole process group
        started = time.monotonic()
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert time.monotonic() - started < 5
    assert "the previous outputs are as they were" in stderr and "Traceback" not in stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outputs"]  # no build, sockets or kernel records
    assert _alive(["-g", str(process.pid)]) == []  # no worker left (exited ones may wait to be reaped)
    assert _alive(["-e"], str(tmp_path)) == []  # no kernel left: their command lines name the run's directory


def _alive(selection: list[str], named: str = "", wait: float = 5) -> list[str]:
    """Processes (not zombies) of a ``ps`` selection, after up to ``wait`` seconds for them to go."""
    deadline = time.monotonic() + wait
    while True:
        listing = subprocess.run(["ps", "-o", "stat=,args=", *selection], capture_output=True, text=True).stdout
        alive = [
            line
            for line in listing.splitlines()
            if not line.lstrip().startswith("Z") and named in line and "ps -o" not in line
        ]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def test_many_missing_quotes_are_each_one_problem_found_in_one_pass(seed_copy, monkeypatch):
    """An article with hundreds of rows whose quotes are missing: one problem per row, and the text is
    scanned a fixed number of times (not once per row, which made check quadratic)."""
    import coopanalysis.figures.table as table
    from coopanalysis.figures.occurrences import occurrences

    rows = 300
    add_article(
        seed_copy,
        "900_many.txt",
        "".join(f"Line {i}: Ha Giang province has {i} cooperatives.\n" for i in range(rows)).encode(),
    )
    header, figures = read_rows(seed_copy / "seeds" / "figures.csv")
    for i in range(rows):  # the even rows differ from the text only in case: the hint says so
        quote = f"HAS {i} COOPERATIVES" if i % 2 == 0 else f"owns {i} cooperatives"
        figures.append(
            {
                **dict.fromkeys(header, ""),
                "figure_id": f"ha-giang-2024-f{i}",
                "article_id": "ha-giang-2024",
                "quote": quote,
                "measure": "cooperatives",
                "kind": "level",
                "period": "2024",
                "scope": "province",
            }
        )
    write_rows(seed_copy / "seeds" / "figures.csv", header, figures)
    scans = []

    def counted(text: str, quotes: list[str]) -> list:
        scans.append(len(quotes))
        return occurrences(text, quotes)

    monkeypatch.setattr(table, "occurrences", counted)
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    _, problems = table.check_figures(seed_copy / "seeds")
    missing = [p for p in problems if "quote not found in 900_many.txt" in p.message]
    assert len(missing) == rows
    assert sum("it does match if spaces or case are ignored" in p.message for p in missing) == rows // 2
    assert len(scans) <= 2 * 6  # six articles: the quotes once, the missing ones loosely once


def test_decomposed_text_and_invisible_characters_read_as_a_reader_sees_them(seed_copy, tmp_path):
    """An article saved in NFD with a zero-width space inside "1,263" and full-width digits: the curated
    quote (as typed, NFC) is found, the number reads 1263, offsets refer to the normalized text, and
    the checksum stays over the bytes as stored."""
    import unicodedata

    from coopanalysis.articles.table import article_text
    from coopanalysis.figures.table import check_figures

    raw = unicodedata.normalize("NFD", "Tỉnh Hà Giang: the province has 1,\u200b263 members and １２ cooperatives.\n")
    add_article(seed_copy, "900_nfd.txt", raw.encode())
    header, rows = read_rows(seed_copy / "seeds" / "figures.csv")
    for n, (quote, measure) in enumerate(
        (("Hà Giang: the province has 1,263 members", "members"), ("and 12 cooperatives", "cooperatives")), start=1
    ):
        rows.append(
            {
                **dict.fromkeys(header, ""),
                "figure_id": f"ha-giang-2024-f0{n}",
                "article_id": "ha-giang-2024",
                "quote": unicodedata.normalize("NFD", quote) if n == 2 else quote,
                "measure": measure,
                "kind": "level",
                "period": "2024",
                "scope": "province",
            }
        )
    write_rows(seed_copy / "seeds" / "figures.csv", header, rows)
    figures, problems = check_figures(seed_copy / "seeds")
    assert [p for p in problems if "ha-giang" in p.message or "900_nfd" in p.file] == []
    mine = figures[figures["article_id"] == "ha-giang-2024"].set_index("figure_id")
    assert mine["value"].tolist() == [1263.0, 12.0]
    text = article_text("900_nfd.txt", seed_copy / "seeds")
    assert [text[s:e] for s, e in zip(mine["number_start"], mine["number_end"])] == ["1,263", "12"]
    result = run_cli("check", root=seed_copy)
    assert result.returncode == 0 and result.stdout.startswith("ok: 108 figures from 6 articles"), result.stderr


def test_extract_reads_a_decomposed_file_as_composed_text(tmp_path):
    import unicodedata

    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", "Lạng Sơn province has 1,\u200b263 cooperatives in 2024.\n"))
    result = run_cli("extract", str(path), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "Lang Son" in result.stdout and "province: Lang Son" in result.stderr
    assert '"1,263"' in result.stdout and ",1263," in result.stdout


def test_extract_csv_neutralizes_a_cell_a_spreadsheet_would_run(tmp_path):
    (tmp_path / "=HYPERLINK(1).txt").write_text("Ha Giang province has 12 cooperatives in 2024.\n")
    (tmp_path / "b.txt").write_text("Ha Giang province has 14 cooperatives in 2024.\n")
    result = run_cli("extract", str(tmp_path), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(",'=HYPERLINK(1).txt") or ",'=HYPERLINK(1).txt\n" in result.stdout
    assert ",=HYPERLINK" not in result.stdout


def test_review_replaces_a_page_it_wrote_and_nothing_else(seed_copy):
    from coopanalysis.review.page import GENERATOR

    page = seed_copy / "page.html"
    for _ in range(2):  # the second run replaces the page the first one wrote
        result = run_cli("review", "lang-son-2024", "--out", str(page), root=seed_copy)
        assert result.returncode == 0, result.stderr
    assert GENERATOR in page.read_text()
    page.write_text(page.read_text().replace(GENERATOR, ""))  # now a page someone else wrote
    result = run_cli("review", "lang-son-2024", "--out", str(page), root=seed_copy)
    assert result.returncode == 3 and GENERATOR not in page.read_text(), result.stderr


def test_fetch_says_the_same_of_a_missing_text_and_of_a_file_that_differs(seed_copy):
    """Nothing about files it does not copy: a source file with other bytes reads like no file at all."""
    (seed_copy / "inbox").mkdir()
    (seed_copy / "inbox" / "present.txt").write_text("not the reviewed text")
    _fetched_corpus(seed_copy, '["inbox"]', {"present.txt": b"reviewed", "absent.txt": b"reviewed too"})
    result = run_cli("fetch", "--corpus", "corpora/x", root=seed_copy)
    lines = sorted(line.strip() for line in result.stderr.splitlines() if line.startswith("  "))
    assert result.returncode == 2 and len(lines) == 2, result.stderr

    def anonymous(line: str) -> str:
        return line.replace("absent.txt", "X").replace("present.txt", "X").replace(":1:", ":N:").replace(":2:", ":N:")

    assert anonymous(lines[0]) == anonymous(lines[1]) and {"absent.txt", "present.txt"} <= set(
        " ".join(lines).split(": ")
    )
    assert not (seed_copy / "corpora" / "x" / "articles" / "present.txt").exists()


def test_fetch_follows_a_data_folder_beside_the_project_that_is_a_symbolic_link(tmp_path):
    """``../shared`` a link to another disk: its texts are fetched; a link inside it or inside the project
    that leads elsewhere is still refused."""
    home, disk = tmp_path / "home", tmp_path / "disk" / "shared"  # the data on another disk than the project
    root = home / "project"
    copy_seeds(root / "seeds")
    (disk / "articles").mkdir(parents=True)
    (disk / "articles" / "a.txt").write_bytes(b"reviewed")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_bytes(b"reviewed")
    (home / "shared").symlink_to(disk, target_is_directory=True)
    corpus = _fetched_corpus(root, '["../shared/articles"]', {"a.txt": b"reviewed"})
    result = run_cli("fetch", "--corpus", "corpora/x", root=root)
    assert result.returncode == 0 and "corpora/x: 1 texts fetched, 0 already in place" in result.stdout, result.stderr
    assert (corpus / "articles" / "a.txt").read_bytes() == b"reviewed"

    (disk / "escape").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "inbox").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    for source, words in (
        ("../shared/escape", "source '../shared/escape' leads outside shared/ through a symbolic link"),
        ("inbox", "source 'inbox' leads outside project/ through a symbolic link"),
    ):
        (corpus / "sources.toml").write_text(f'sources = ["{source}"]\n')
        result = run_cli("fetch", "--corpus", "corpora/x", root=root)
        assert result.returncode == 2 and words in result.stderr, result.stderr


QUICK = str(FIXTURES / "article_figures_only.toml")


def test_a_run_killed_with_sigkill_leaves_leftovers_that_the_next_run_removes(tmp_path):
    """kill -9: no cleanup can run. The next run removes the build folder and the run folder the killed
    run left (and its kernel), and nothing else: not a folder of another name, not another run's."""
    out = tmp_path / "outputs"
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    (tmp_path / ".outputs-backup").mkdir()  # the user's: a similar name, not the run's prefix
    (tmp_path / "tmp" / "coopanalysis-run-mine").mkdir()  # no lock file: not provably a run's
    process = subprocess.Popen(
        [sys.executable, "-m", "coopanalysis", "run", "--out", str(out), "--config", QUICK, "--jobs", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not list((tmp_path / "tmp").glob("coopanalysis-run-*/*.kernel")) and time.monotonic() < deadline:
        time.sleep(0.1)
    process.kill()  # SIGKILL to the run itself: its kernel is orphaned, its folders stay
    process.communicate(timeout=30)
    assert list(tmp_path.glob(".outputs-build-*")) and len(list((tmp_path / "tmp").glob("coopanalysis-run-*"))) == 2
    result = subprocess.run(
        [sys.executable, "-m", "coopanalysis", "run", "--out", str(out), "--config", QUICK, "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob(".outputs-build-*")) and not list(tmp_path.glob(".outputs-old-*"))
    assert [p.name for p in (tmp_path / "tmp").iterdir()] == ["coopanalysis-run-mine"]
    assert (tmp_path / ".outputs-backup").is_dir() and not list(tmp_path.glob(".outputs.coopanalysis-lock"))
    assert _alive(["-e"], str(tmp_path / "tmp")) == []  # the killed run's kernel is gone too


def test_the_output_folder_keeps_its_mode(tmp_path):
    out = tmp_path / "outputs"
    assert run_cli("run", "--out", str(out), "--config", QUICK).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask  # a new folder: the umask's default, not mkdtemp's 0700
    out.chmod(0o750)
    assert run_cli("run", "--out", str(out), "--config", QUICK).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o750  # an existing one: the mode it had


def test_a_full_disk_during_a_run_is_refused_output_and_leaves_the_previous_outputs(seed_copy, tmp_path, monkeypatch):
    import contextlib
    import errno
    import io

    import coopanalysis.base.writers as writers
    from coopanalysis.cli.main import main

    out = tmp_path / "outputs"
    out.mkdir()
    (out / MARKER).write_text("earlier run")
    before = snapshot(out)
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    real, calls = writers.os.fdopen, []

    class Full:
        def __init__(self, handle):
            os.close(handle)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    def fills_up(handle, mode, *args, **kwargs):  # a few of the run's files are written, then the disk is full
        if mode != "wb" or args or kwargs:  # not base.writers (the kernel's connection file, say)
            return real(handle, mode, *args, **kwargs)
        calls.append(handle)
        return real(handle, mode) if len(calls) <= 3 else Full(handle)

    monkeypatch.setattr(writers.os, "fdopen", fills_up)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["run", "--out", str(out), "--config", QUICK, "--jobs", "1"])
    assert code == 3 and "cannot be written (the disk is full)" in err.getvalue(), err.getvalue()
    messages = [line for line in err.getvalue().splitlines() if line.startswith("coopanalysis run:")]
    assert "Traceback" not in err.getvalue() and len(messages) == 1
    # Nothing left beside them but the analysis store (.cache/, whose files are written whole or not at all).
    assert snapshot(out) == before and sorted(p.name for p in tmp_path.iterdir()) in (
        ["outputs", "seeds"],
        [".cache", "outputs", "seeds"],
    )


def _many_articles(folder: Path, copies: int = 4) -> Path:
    """Enough article files for ``extract`` to share them among two workers: the seed articles, numbers shifted."""
    import re

    folder.mkdir()
    for path in sorted((ROOT / "seeds" / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for copy in range(copies):
            shifted = re.sub(r"(?<!\d)\d{1,3}(?!\d)", lambda m, copy=copy: str(int(m.group(0)) + copy), text)
            (folder / f"{path.stem}_{copy:02d}.txt").write_text(shifted, encoding="utf-8")
    return folder


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_skips_pipes_and_devices_in_a_folder_and_extracts_the_rest(tmp_path, jobs):
    folder = _many_articles(tmp_path / "many", copies=8)  # 40 files: two workers with --jobs 2
    os.mkfifo(folder / "fifo.txt")  # opened for reading, a pipe waits for a writer forever
    (folder / "zero.txt").symlink_to("/dev/zero")  # read, it never ends
    result = subprocess.run(
        [sys.executable, "-m", "coopanalysis", "extract", str(folder), "--format", "csv", "--jobs", jobs],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stderr
    assert "fifo.txt: is a named pipe (FIFO), not an article file; skipped" in result.stderr
    assert "zero.txt: is a device, not an article file; skipped" in result.stderr
    written = {line.rsplit(",", 1)[-1] for line in result.stdout.splitlines()[1:] if line.endswith(".txt")}
    assert len(written) == 40 and "Traceback" not in result.stderr  # every article but the pipe and the device


def test_a_pipe_that_takes_an_articles_place_is_refused_without_waiting(tmp_path):
    from coopanalysis.base.readers import read_text

    os.mkfifo(tmp_path / "a.txt")
    started = time.monotonic()
    text, problems = read_text(tmp_path / "a.txt", tmp_path)
    assert text is None and "a.txt: is a named pipe (FIFO), not a file" in str(problems[0])
    assert time.monotonic() - started < 1


def test_a_file_over_its_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import coopanalysis.base.readers as readers

    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(3 * 1024 * 1024)  # sparse: 3 MB to the size limit, nothing written
    monkeypatch.setattr(readers.os, "read", lambda *args: pytest.fail("read a file over its limit"))
    text, problems = readers.read_text(big, tmp_path)
    assert text is None and "3.0 MB is over the 2.0 MB limit" in str(problems[0])


def test_a_killed_extract_worker_fails_the_command_within_seconds(tmp_path):
    """kill -9 (or the out-of-memory killer) of one worker of ``extract --jobs 2``: exit 75 at once, not a hang."""
    import psutil

    folder = _many_articles(tmp_path / "many", copies=8)
    process = subprocess.Popen(
        [sys.executable, "-m", "coopanalysis", "extract", str(folder), "--format", "csv", "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    parent, deadline = psutil.Process(process.pid), time.monotonic() + 120
    workers = []
    while not workers and time.monotonic() < deadline and process.poll() is None:
        workers = [
            c
            for c in parent.children()
            if "spawn_main" in " ".join(_command(c)) and "resource_tracker" not in " ".join(_command(c))
        ]
        time.sleep(0.05)
    assert workers, "the command started no worker"
    workers[0].kill()
    killed = time.monotonic()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 75, stderr
    assert time.monotonic() - killed < 10
    assert "coopanalysis extract: a worker process died (killed, or out of memory); nothing was changed" in stderr
    assert "Traceback" not in stderr and _alive(["--ppid", str(process.pid)]) == []


def _command(process) -> list[str]:
    import psutil

    try:
        return process.cmdline()
    except psutil.Error:
        return []


def test_ctrl_c_stops_extract_and_every_worker_at_once(tmp_path):
    import psutil

    folder = _many_articles(tmp_path / "many", copies=8)
    process = subprocess.Popen(
        [sys.executable, "-m", "coopanalysis", "extract", str(folder), "--format", "csv", "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    parent, deadline = psutil.Process(process.pid), time.monotonic() + 120
    while (
        len([c for c in parent.children() if "spawn_main" in " ".join(_command(c))]) < 2 and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    workers = parent.children()
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and stderr.strip().splitlines() == [
        "coopanalysis extract: interrupted; the previous outputs are as they were"
    ], stderr
    _, alive = psutil.wait_procs(workers, timeout=5)
    assert alive == []


def test_an_article_the_extractor_fails_on_is_named_and_the_other_articles_are_written(tmp_path, monkeypatch, capsys):
    """One article of 64 makes the extractor raise: its name and error are said, the 63 others' proposals are
    written, and the exit code says a file failed because of a bug (70)."""
    import coopanalysis.figures.extracted as extracted
    from coopanalysis.cli.main import main

    folder = _many_articles(tmp_path / "many", copies=13)
    files = sorted(folder.glob("*.txt"))[:64]
    for extra in sorted(folder.glob("*.txt"))[64:]:
        extra.unlink()
    real = extracted.extract_figures

    def fails_on_one(text: str, hint: str = "", published: str = "", source: str = ""):
        if hint == files[17].name:
            raise IndexError("list index out of range")
        return real(text, hint=hint, published=published, source=source)

    monkeypatch.setattr(extracted, "extract_figures", fails_on_one)
    code = main(["extract", str(folder), "--format", "csv", "--jobs", "1"])
    out, err = capsys.readouterr()
    assert code == 70
    assert (
        f"{files[17].name}: the extractor failed on this file (IndexError: list index out of range); a bug in "
        f"coopanalysis: please report it with the file"
    ) in err
    written = {line.rsplit(",", 1)[-1] for line in out.splitlines()[1:] if line.endswith(".txt")}
    assert len(written) == 63 and files[17].name not in written


@pytest.mark.parametrize("delay", [0.5, 1.0, 2.0])
def test_ctrl_c_while_a_command_starts_is_one_line(tmp_path, delay):
    """While the command loads (pandas, papermill...): exit 130 and one line, never a traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "coopanalysis", "run", "--out", str(tmp_path / "o")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert len(stderr.strip().splitlines()) == 1 and "interrupted" in stderr and "Traceback" not in stderr


def test_fetch_reads_a_data_folder_reached_through_a_symbolic_link(tmp_path):
    """``../shared`` a link to another disk (a folder outside the project's parent): fetched; a name that leads
    out of every configured root is still refused, and so is a file that a link inside the source leads out."""
    import hashlib
    import tempfile

    root = tmp_path / "project"
    copy_seeds(root / "seeds")
    elsewhere = Path(tempfile.mkdtemp(prefix="coopanalysis-test-disk-"))
    try:
        (elsewhere / "articles").mkdir()
        (elsewhere / "articles" / "a.txt").write_bytes(b"reviewed text")
        (elsewhere / "articles" / "out.txt").symlink_to("/etc/hostname")
        (tmp_path / "shared").symlink_to(elsewhere)
        corpus = _fetched_corpus(root, '["../shared/articles"]', {"a.txt": b"reviewed text"})
        result = run_cli("fetch", "--corpus", "corpora/x", root=root)
        assert result.returncode == 0, result.stderr
        assert (corpus / "articles" / "a.txt").read_bytes() == b"reviewed text"
        hostname = Path("/etc/hostname").read_bytes()
        (corpus / "articles.sha256").write_text(f"{hashlib.sha256(hostname).hexdigest()}  out.txt\n")
        result = run_cli("fetch", "--corpus", "corpora/x", root=root)
        assert result.returncode == 2 and "out.txt: none of the sources" in result.stderr, result.stderr
        (corpus / "sources.toml").write_text('sources = ["../../shared/articles"]\n')
        result = run_cli("fetch", "--corpus", "corpora/x", root=root)
        assert result.returncode == 2 and "is outside the project and the folder that holds it" in result.stderr
    finally:
        shutil.rmtree(elsewhere)


def test_a_killed_notebook_worker_fails_the_run_within_seconds_and_frees_it(tmp_path):
    """kill -9 of one notebook worker of ``run --jobs 2``: exit 75 within seconds, no kernel left, the previous
    outputs as they were, and the next run is not kept waiting."""
    import psutil

    out = tmp_path / "outputs"
    out.mkdir()
    (out / MARKER).write_text("earlier run")
    before = snapshot(out)
    with run_until_a_kernel_runs(tmp_path, "--out", str(out), "--jobs", "2") as process:
        workers = [
            c
            for c in psutil.Process(process.pid).children()
            if "spawn_main" in " ".join(_command(c)) and "resource_tracker" not in " ".join(_command(c))
        ]
        assert workers, "no notebook worker found"
        workers[0].kill()
        killed = time.monotonic()
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 75, stderr
    assert time.monotonic() - killed < 15
    assert "a worker process died (killed, or out of memory); nothing was changed" in stderr
    assert snapshot(out) == before and "Traceback" not in stderr
    assert _alive(["-e"], str(tmp_path)) == []  # no kernel left
    assert not list(tmp_path.glob(".outputs.coopanalysis-lock"))
