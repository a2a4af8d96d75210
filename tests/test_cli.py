"""The ``coopanalysis`` command end to end: exit codes, messages, outputs."""

from __future__ import annotations

import pytest

from conftest import edit_figure
from conftest import run_cli as coopanalysis
from coopanalysis import load_figures


def test_check_is_clean_on_the_seeds():
    result = coopanalysis("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    figures = load_figures()
    assert result.stdout.startswith(f"ok: {len(figures)} figures from 5 articles, 3 flagged")


def test_check_lists_every_problem_and_exits_2(seed_copy):
    edit_figure(seed_copy, "lang-son-2024-f01", measure="nope")
    edit_figure(seed_copy, "quang-tri-2024-f05", quote="disbursed loans to 28 projects")
    result = coopanalysis("check", root=seed_copy)
    assert result.returncode == 2
    assert "coopanalysis check: 3 problem(s)" in result.stderr
    assert "seeds/figures.csv:9: lang-son-2024-f01: unknown measure 'nope'" in result.stderr
    assert "quote not found in 004_4b93608559866fd8.txt: 'disbursed loans to 28 projects'" in result.stderr
    # the refused row's own number is its problem's, not listed again; a quote not found covers no number
    assert "number '200' is neither" not in result.stderr
    assert (
        "seeds/articles/004_4b93608559866fd8.txt:5: number '27' is neither a figure nor a non-statistic"
        in result.stderr
    )


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["run", "--help"], ["verify", "--help"]])
def test_help(args):
    result = coopanalysis(*args)
    assert result.returncode == 0 and "usage: coopanalysis" in result.stdout


def test_a_ctrl_c_python_would_ignore_interrupts_the_command_all_the_same():
    """Ctrl-C can land in a callback whose exceptions Python only prints ("Exception ignored in"), as
    while a module is imported: it is sent again, and the command stops as for any Ctrl-C."""
    import subprocess
    import sys

    swallowed = (
        "import sys, time, weakref\n"
        "import coopanalysis.cli\n"
        "cli = sys.modules['coopanalysis.cli.main']\n"
        "class Parsed:\n"
        "    command = 'check'\n"
        "    @staticmethod\n"
        "    def handler(args):\n"
        "        class Thing: pass\n"
        "        thing = Thing()\n"
        "        def interrupt(_): raise KeyboardInterrupt\n"
        "        ref = weakref.ref(thing, interrupt)\n"
        "        del thing  # the callback's KeyboardInterrupt is one Python ignores\n"
        "        time.sleep(5)\n"
        "        return 0\n"
        "cli._parser = lambda: type('P', (), {'parse_args': staticmethod(lambda argv: Parsed)})()\n"
        "sys.exit(cli.main([]))\n"
    )
    result = subprocess.run([sys.executable, "-c", swallowed], capture_output=True, text=True, timeout=60)
    assert result.returncode == 130, result.stderr
    assert "coopanalysis check: interrupted" in result.stderr


@pytest.mark.parametrize("then", ["return 0", "raise KeyboardInterrupt"])
def test_a_ctrl_c_python_ignored_is_not_sent_again_once_the_command_is_settled(then):
    """Sent again only while the command runs and has handled no interrupt: once it has ended, or has
    handled one (and said so), a late copy would kill it with SIGINT after its message."""
    import subprocess
    import sys

    swallowed = (
        "import sys, time, weakref\n"
        "import coopanalysis.cli\n"
        "cli = sys.modules['coopanalysis.cli.main']\n"
        "class Parsed:\n"
        "    command = 'check'\n"
        "    @staticmethod\n"
        "    def handler(args):\n"
        "        class Thing: pass\n"
        "        thing = Thing()\n"
        "        def interrupt(_): raise KeyboardInterrupt\n"
        "        ref = weakref.ref(thing, interrupt)\n"
        "        del thing  # ignored by Python, sent again a moment later unless settled by then\n"
        f"        {then}\n"
        "cli._parser = lambda: type('P', (), {'parse_args': staticmethod(lambda argv: Parsed)})()\n"
        "code = cli.main([])\n"
        "time.sleep(0.5)  # past the moment a copy would be sent\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", swallowed], capture_output=True, text=True, timeout=60)
    assert result.returncode == (0 if then == "return 0" else 130), result.stderr
    assert "Traceback" not in result.stderr
