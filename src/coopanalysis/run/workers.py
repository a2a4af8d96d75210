"""Execute report notebooks with papermill in worker processes that an interrupt stops within seconds.

Every kernel of a run talks over Unix sockets in one run directory (in the system's temporary
directory) and records its process group there. When the run ends, normally or by Ctrl-C or
SIGTERM, the workers are terminated, any kernel still alive is killed by its process group and
the run directory is removed: no orphaned process and no socket file is left behind. A run killed
with SIGKILL cannot clean up: the next run does, for each run directory whose lock (:data:`_LOCK`,
held for the whole run and released by the kernel when its process dies) it can take.

The run also watches its kernels' records while the notebooks execute: a kernel whose process
died (kill -9, the out-of-memory killer) while its record says it runs fails the run within a
second, as :class:`~coopanalysis.base.problems.WorkerLost` naming the report, instead of leaving
the run waiting on a worker that never answers.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import os
import shutil
import signal
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
from jupyter_client.manager import KernelManager
from traitlets import Unicode
from traitlets.config import Config

from ..base.parallel import spawned_pool
from ..base.problems import WorkerLost
from ..base.writers import write_text
from .config import Job, declared_parameters

__all__ = ["ARTICLE_LINKS", "Outcome", "RunKernelManager", "clean_notebook", "run_jobs"]

#: Where report notebooks find the article pages, relative to ``outputs/reports`` and ``outputs/notebooks``.
ARTICLE_LINKS = "../articles/"

_RUN_PREFIX = "coopanalysis-run-"
_STARTING_PREFIX = "coopanalysis-starting-"
_LOCK = ".lock"
_STOPPING = ".stopping"
#: How often the run looks for a kernel that died (seconds).
_WATCH = 0.5
#: The longest Unix socket path (``sun_path`` less its NUL), and what jupyter adds to it ("-<port>").
_SOCKET_PATH_MAX = 107
_PORT_SUFFIX = len("-65535")


@dataclass(frozen=True)
class Outcome:
    """How one job ended: ``failure`` is empty on success."""

    name: str
    failure: str
    seconds: float
    disk_full: bool = False  # the failure is the disk's, not the notebook's
    lost: bool = False  # the notebook's kernel died (killed, out of memory): not the notebook's failure


def clean_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between runs: papermill's timings and paths, random injected cell ids."""
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    return notebook


class RunKernelManager(KernelManager):
    """A kernel whose sockets are in the run's directory (``run_dir``), which records its process group there.

    A unique socket path per kernel (over the loopback instead when the temporary directory is too deep
    for a Unix socket's 107 bytes): the default ("kernel-ipc" in the working directory) makes
    kernels started side by side collide. At shutdown the kernel gets its shutdown request without
    the interrupt (SIGINT) jupyter_client sends first: ipykernel logs that interrupt as an ERROR
    line ("KeyboardInterrupt caught in kernel"), which a log watcher reads as a failure.
    """

    run_dir = Unicode("", config=True, help="The run's directory: sockets, connection files and process-group records.")
    job = Unicode("", config=True, help="The report whose notebook the kernel executes (named in its record).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        key = uuid.uuid4().hex[:12]
        self._record = Path(self.run_dir) / f"{key}.kernel"
        socket = Path(self.run_dir) / key
        if len(os.fsencode(socket)) + _PORT_SUFFIX <= _SOCKET_PATH_MAX:
            self.transport, self.ip = "ipc", str(socket)
        else:  # a temporary directory too deep for a Unix socket: the loopback, messages signed as ever
            self.transport, self.ip = "tcp", "127.0.0.1"
        self.connection_file = str(Path(self.run_dir) / f"{key}.json")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw):
        # The kernel's own output (ipykernel's log: a warning about the loopback, a race it logs at
        # shutdown) goes to its log in the run's directory, not into the run's log: a successful run
        # logs nothing but its progress. A kernel that fails names its log's last line (_kernel_said).
        with open(_kernel_log(Path(self.run_dir), self.job), "ab") as log:
            await super()._async_launch_kernel(kernel_cmd, **{**kw, "stdout": log, "stderr": log})

    async def _async_post_start_kernel(self, **kw):
        await super()._async_post_start_kernel(**kw)
        pgid = getattr(self.provisioner, "pgid", None)
        if pgid:
            self._record.write_text(f"{pgid}\n{self.job}\n")

    async def _async_request_shutdown(self, restart: bool = False):
        # From here the kernel is meant to end: its record says so, so that its exit is not taken for a death.
        if self._record.exists():
            self._record.rename(self._record.with_suffix(_STOPPING))
        await super()._async_request_shutdown(restart=restart)

    async def _async_interrupt_kernel(self):
        if not self.shutting_down:  # an interrupt asked for; not the one that precedes a shutdown request
            await super()._async_interrupt_kernel()

    async def _async_cleanup_resources(self, restart: bool = False):
        await super()._async_cleanup_resources(restart=restart)
        self._record.unlink(missing_ok=True)
        self._record.with_suffix(_STOPPING).unlink(missing_ok=True)


def _kernel_log(run_dir: Path, job: str) -> Path:
    """Where the kernel of ``job`` writes its own output (report names are unique in a run)."""
    return run_dir / f"{job}.log"


def _kernel_said(run_dir: str, job: str) -> str:
    """The last line the kernel of ``job`` logged, for a failure's message ("" if none)."""
    try:
        lines = _kernel_log(Path(run_dir), job).read_bytes()[-2000:].decode("utf-8", "replace").splitlines()
    except OSError:
        return ""
    last = next((line.strip() for line in reversed(lines) if line.strip()), "")
    return f" (its kernel's last words: {last[:300]})" if last else ""


def _execute(job: Job, build: str, run_dir: str, for_report: bool) -> Outcome:
    """Run one job with its kernel's files in ``run_dir``; write its notebook (and for a report, its HTML)
    under ``build``."""
    import papermill  # in the worker only: the run's own process never executes a notebook
    from nbclient.exceptions import DeadKernelError

    from .notebook_page import notebook_page

    started = time.monotonic()
    target = Path(build) / "notebooks" / f"{job.name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    parameters = {**job.parameters, **({"article_links": ARTICLE_LINKS} if for_report else {})}
    # What the run gives every report (corpora, proposals, analysis, article_links), only where the
    # notebook asks for it: papermill warns of each parameter a notebook does not declare.
    with contextlib.suppress(Exception):  # unreadable since the run checked it: papermill says why below
        declared = declared_parameters(job.notebook)
        parameters = {name: value for name, value in parameters.items() if name in declared}
    failure = ""
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # no debugger warning per kernel
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(target),
            parameters=parameters,
            progress_bar=False,
            cwd=str(job.notebook.parent),
            record_timing=False,
            log_output=False,
            kernel_manager_class=RunKernelManager,
            config=Config({"RunKernelManager": {"run_dir": run_dir, "job": job.name}}),
        )
    except papermill.PapermillExecutionError as error:
        # By execution count: papermill puts an error banner cell on top, shifting the indices.
        sources = [
            c.source
            for c in nbformat.read(target, as_version=4).cells
            if c.cell_type == "code" and c.get("execution_count") == error.exec_count
        ]
        first_line = (sources[0].strip().splitlines() or [""])[0] if sources else ""
        failure = (
            f"report {job.name} ({job.notebook.name}) failed at In [{error.exec_count}] "
            f"({first_line!r}): {error.ename}: {error.evalue}"
        )
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return Outcome(job.name, f"report {job.name}: the disk is full", time.monotonic() - started, disk_full=True)
        failure = f"report {job.name} ({job.notebook.name}) could not run: {type(error).__name__}: {error}"
    except Exception as error:  # noqa: BLE001 - notebook unreadable, kernel died...
        # Died while it ran a cell (nbclient checks every second), or before it answered (jupyter_client's
        # RuntimeError).
        if isinstance(error, DeadKernelError) or (
            isinstance(error, RuntimeError) and str(error).startswith("Kernel died")
        ):
            return Outcome(
                job.name,
                f"report {job.name} ({job.notebook.name}): its kernel died; killed, or out of memory"
                + _kernel_said(run_dir, job.name),
                time.monotonic() - started,
                lost=True,
            )
        failure = (
            f"report {job.name} ({job.notebook.name}) could not run: {type(error).__name__}: {error}"
            + _kernel_said(run_dir, job.name)
        )
    if target.is_file():
        notebook = clean_notebook(nbformat.read(target, as_version=4))
        write_text(target, nbformat.writes(notebook) + "\n")
        if for_report and not failure:
            write_text(Path(build) / "reports" / f"{job.name}.html", notebook_page(notebook, job.title, job.nav))
    return Outcome(job.name, failure, time.monotonic() - started)


def _execute_packed(arguments: tuple) -> Outcome:
    return _execute(*arguments)


def run_jobs(
    jobs: Sequence[Job], build: Path, workers: int, report: Callable[[Outcome, int], None], for_report: bool = True
) -> list[Outcome]:
    """Run ``jobs`` (``workers`` at a time), calling ``report`` as each ends; return every outcome.

    An interrupt (KeyboardInterrupt, or SIGTERM turned into one by the caller) stops the workers
    and their kernels at once and propagates.
    """
    _clear_leftovers()
    run_dir, lock = _new_run_dir()
    outcomes: list[Outcome] = []
    work = [(job, str(build), str(run_dir), for_report) for job in jobs]
    try:
        # In worker processes (spawn: no forked copies of zmq sockets or threads), even one: this process
        # watches their kernels, and a kernel that died fails the run at once instead of leaving it waiting.
        with spawned_pool(max(1, min(workers, len(jobs)))) as pool:
            watch = functools.partial(_stop_if_lost_kernel, run_dir)  # while no notebook ends
            for outcome in pool.imap_unordered(_execute_packed, work, idle=watch, every=_WATCH):
                outcomes.append(outcome)
                report(outcome, len(jobs))
                _stop_if_lost(outcome)  # at once: the others' work is lost with the run anyway
        return outcomes
    finally:
        _kill_kernels(run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)
        os.close(lock)


def _lost_kernel(run_dir: Path) -> Outcome | None:
    """A kernel of this run that died while its notebook ran (its record is there, its process is not)."""
    for record in run_dir.glob("*.kernel"):
        try:
            pgid, job = record.read_text().split("\n")[:2]
            process = psutil.Process(int(pgid))
            alive = process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            alive = False
        except (OSError, ValueError, psutil.Error):
            continue  # being written, or cannot tell: look again next time
        if not alive and record.exists():  # not ended meanwhile as meant to (its record would be renamed)
            said = _kernel_said(str(run_dir), job)
            return Outcome(job, f"report {job}: its kernel died; killed, or out of memory{said}", 0.0, lost=True)
    return None


def _stop_if_lost_kernel(run_dir: Path) -> None:
    _stop_if_lost(_lost_kernel(run_dir))


def _stop_if_lost(outcome: Outcome | None) -> None:
    if outcome is not None and outcome.lost:
        raise WorkerLost(f"{outcome.failure}; nothing was changed: run the command again")


def _new_run_dir() -> tuple[Path, int]:
    """A run directory already locked when it gets its name (so no other run ever sees it unlocked)."""
    starting = Path(tempfile.mkdtemp(prefix=_STARTING_PREFIX))
    lock = os.open(starting / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    run_dir = starting.with_name(_RUN_PREFIX + starting.name.removeprefix(_STARTING_PREFIX))
    os.rename(starting, run_dir)
    return run_dir, lock


def _clear_leftovers() -> None:
    """Remove the run directories (and kill the kernels) of runs that were killed: only directories
    of ours with a lock that nobody holds, which proves their run is gone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_RUN_PREFIX}*"):
        try:
            if folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            lock = os.open(folder / _LOCK, os.O_RDWR)
        except OSError:
            continue  # no lock file: not a directory this version made, so never removed
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock)
            continue  # a live run
        try:
            _kill_kernels(folder)
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            os.close(lock)


def _kill_kernels(run_dir: Path) -> None:
    """Kill every kernel of this run that is still alive: the process group each recorded, and any
    process whose command line names the run's directory (a kernel its worker had just started
    when the run was stopped, before it recorded itself); wait until they are gone, so that
    none writes into the run's directory once it is removed."""
    killed = []
    for record in [*run_dir.glob("*.kernel"), *run_dir.glob(f"*{_STOPPING}")]:
        try:
            pgid = int(record.read_text().split("\n")[0])
        except (OSError, ValueError):
            continue
        if _is_our_kernel(pgid, run_dir):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pgid, signal.SIGKILL)
    for process in psutil.process_iter(["cmdline"]):
        if any(str(run_dir) in part for part in process.info["cmdline"] or ()):
            with contextlib.suppress(psutil.Error):
                process.kill()
                killed.append(process)
    psutil.wait_procs(killed, timeout=_WATCH * 4)


def _is_our_kernel(pid: int, run_dir: Path) -> bool:
    """Only a process whose command line names this run's connection file is ever killed."""
    try:
        command = psutil.Process(pid).cmdline()
    except (psutil.Error, OSError):
        return False  # gone, or cannot tell whose process it is: never kill it
    return any(str(run_dir) in part for part in command)
