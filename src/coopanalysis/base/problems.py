"""Validation problems in the seed tables: where each one is (file, line) and what to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .paths import project_root

__all__ = [
    "BUG",
    "EXIT_CODES",
    "INTERRUPTED",
    "SUCCESS",
    "ConfigError",
    "CoopError",
    "OutputRefused",
    "Problem",
    "RunFailed",
    "SeedError",
    "Terminated",
    "WorkerLost",
    "display_path",
    "one_line",
]

#: A command that did what it was asked.
SUCCESS = 0
#: A bug in coopanalysis (``EX_SOFTWARE`` of sysexits.h): the code of an error no class below describes.
BUG = 70
#: Interrupted with Ctrl-C: 128 + SIGINT, as a shell reports a process that SIGINT ended.
INTERRUPTED = 130


#: Characters that would break a message over lines or reorder what it shows (a file named with a
#: newline, a right-to-left override): written escaped, as Python writes them ("\\n", "\\u202e").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """``text`` with every control, line-breaking or direction-changing character escaped: one line as written."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One validation problem: the file, the line (1 = header, 0 = whole file) and the fix.

    A ``blocking`` problem makes the whole file unusable (unreadable, empty, wrong header): its
    rows are not checked, so their consequences are not reported on top of it. A ``bug`` is no
    problem of the file but of coopanalysis on it (the extractor raised): the command's exit code says so.
    """

    file: str
    line: int
    message: str
    blocking: bool = field(default=False, compare=False)
    bug: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        where = one_line(self.file)
        return one_line(f"{where}:{self.line}: {self.message}" if self.line else f"{where}: {self.message}")


class CoopError(Exception):
    """A failure the command reports in one line; ``exit_code`` says what kind it is (:data:`EXIT_CODES`)."""

    exit_code = BUG


class SeedError(CoopError, ValueError):
    """The seed tables have problems; ``problems`` lists every one of them."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        listing = "\n".join(f"  {p}" for p in self.problems)
        if len(self.problems) == 1:
            super().__init__(str(self.problems[0]))
        else:
            super().__init__(f"{len(self.problems)} problems:\n{listing}")

    @classmethod
    def single(cls, file: str, line: int, message: str) -> SeedError:
        """The error for one problem."""
        return cls([Problem(file, line, message)])


class ConfigError(CoopError, ValueError):
    """The reports configuration cannot be used; the message names the file and the fix."""

    exit_code = 2


class OutputRefused(CoopError, OSError):
    """The output location cannot be used (not the run's own directory, or not writable)."""

    exit_code = 3


class Terminated(BaseException):
    """The process received SIGTERM; raised so that every cleanup (``finally``) runs."""

    exit_code = 143  # 128 + SIGTERM, as a shell reports a process that SIGTERM ended


class RunFailed(CoopError, RuntimeError):
    """A report notebook failed; the message names the notebook, the cell and the error."""

    exit_code = 1


class WorkerLost(CoopError, RuntimeError):
    """A worker process or kernel died (killed, out of memory): nothing was changed, and running again may succeed."""

    exit_code = 75


def display_path(path: Path, root: Path) -> str:
    """Path relative to the project (or else to ``root``), for messages: never an absolute machine path,
    and on one line (:func:`one_line`). A symbolic link is named where it is, not where it leads."""
    try:
        bases = [project_root(), root]
    except FileNotFoundError:
        bases = [root]
    for base in bases:
        try:
            where = path.parent.resolve() / path.name if path.name not in ("", ".", "..") else path.resolve()
            return one_line(where.relative_to(base.resolve()).as_posix())
        except (ValueError, RuntimeError, OSError):  # elsewhere, or a symbolic link loop
            continue
    return one_line(path.name)


#: Exit codes of the ``coopanalysis`` command.
EXIT_CODES = {
    SUCCESS: "success",
    RunFailed.exit_code: "a report notebook failed, or verify found a difference",
    SeedError.exit_code: (
        "bad input: a seed table, article, configuration or argument needs fixing (the message names it)"
    ),
    OutputRefused.exit_code: "the output location was refused or cannot be written; nothing was changed",
    BUG: "internal error: a bug in coopanalysis (please report it)",
    WorkerLost.exit_code: "a worker process or kernel was lost (killed, out of memory); nothing was changed: run the "
    "command again",
    INTERRUPTED: "interrupted (Ctrl-C); nothing was changed",
    Terminated.exit_code: "terminated (SIGTERM); nothing was changed",
}
assert ConfigError.exit_code == SeedError.exit_code  # both are "bad input"
