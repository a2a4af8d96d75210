"""Map a function over batches of work in worker processes, results in the batches' order, as one process gives them."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

from .problems import WorkerLost

__all__ = ["WorkerPool", "batches", "default_jobs", "in_order", "map_in_order", "spawned_pool"]

T = TypeVar("T")
R = TypeVar("R")

#: Work handed out ahead, per worker: enough that no worker waits for the next item, few enough
#: that the results finished out of order and not yet used stay few.
_AHEAD = 2
#: The signals held while workers start (see :func:`_signals_held`).
_HELD = {signal.SIGINT, signal.SIGTERM}
#: How often a worker looks whether the process that started it is still there (seconds).
_PARENT_WATCH = 0.5


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def batches(items: Sequence[T], jobs: int, per_job: int = 4) -> list[list[T]]:
    """``items`` cut into consecutive batches, about ``per_job`` per worker: few enough that sending
    them costs little, enough that a slow batch does not leave the other workers idle."""
    if not items:
        return []
    size = max(1, -(-len(items) // (max(1, jobs) * per_job)))
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def map_in_order(function: Callable[[T], R], work: Iterable[T], jobs: int) -> list[R]:
    """``[function(w) for w in work]``, computed by ``jobs`` worker processes when ``jobs`` > 1 (see
    :func:`in_order`)."""
    return list(in_order(function, work, jobs))


def in_order(function: Callable[[T], R], work: Iterable[T], jobs: int) -> Iterator[R]:
    """``function(w)`` for each ``w`` of ``work``, yielded in the order of ``work`` as they are ready.

    ``function`` must be a module-level function (workers are started fresh, ``spawn``, so that no
    thread or open file of the caller is copied into them). The results come in the order of
    ``work`` whatever the order the workers finish in, so the output is the same as in one
    process; a caller that uses each result and lets it go holds few at a time. Ctrl-C, an error
    or a caller that stops early stops every worker at once; a worker that dies (kill -9, the
    out-of-memory killer) raises :class:`WorkerLost` at once.
    """
    work = list(work)
    if jobs <= 1 or len(work) <= 1:
        yield from (function(w) for w in work)
        return
    with spawned_pool(min(jobs, len(work))) as pool:
        yield from pool.imap(function, work)


class WorkerPool:
    """Worker processes that run a module-level function over work; a worker that dies raises :class:`WorkerLost`.

    The methods are those of :class:`multiprocessing.pool.Pool` that the package uses, but a lost
    worker is never waited for: ``multiprocessing.Pool`` replaces it and waits for its work forever.
    """

    def __init__(self, executor: ProcessPoolExecutor, processes: int):
        self._executor = executor
        self._ahead = processes * _AHEAD

    def imap(self, function: Callable[[T], R], work: Iterable[T]) -> Iterator[R]:
        """``function(w)`` for each ``w`` of ``work``, in the order of ``work``."""
        items, running = iter(work), deque[Future]()
        self._fill(function, items, running)
        while running:
            result = _result(running.popleft())
            self._fill(function, items, running)
            yield result

    def imap_unordered(
        self, function: Callable[[T], R], work: Iterable[T], idle: Callable[[], None] | None = None, every: float = 0.5
    ) -> Iterator[R]:
        """``function(w)`` for each ``w`` of ``work``, each as soon as it is ready.

        ``idle`` is called each time ``every`` seconds pass with no result (a caller that watches
        something else meanwhile, such as a run its kernels: an exception it raises stops the pool).
        """
        items, running = iter(work), deque[Future]()
        self._fill(function, items, running)
        while running:
            done, _ = wait(running, timeout=every if idle else None, return_when=FIRST_COMPLETED)
            if not done and idle:
                idle()
            for future in [f for f in running if f in done]:  # in the order given, where several end at once
                running.remove(future)
                yield _result(future)
            self._fill(function, items, running)

    def _fill(self, function: Callable[[T], R], items: Iterator[T], running: deque[Future]) -> None:
        for item in items:
            try:
                with _signals_held():  # a worker started here starts with them held (see _start_worker)
                    running.append(self._executor.submit(function, item))
            except BrokenProcessPool:
                raise _lost() from None
            if len(running) >= self._ahead:
                return

    def stop(self) -> None:
        """Stop every worker at once (SIGTERM; their work is abandoned)."""
        processes = getattr(self._executor, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(OSError, ValueError, AttributeError):  # ended already, or closed
                process.terminate()


@contextmanager
def spawned_pool(
    processes: int, initializer: Callable[..., None] | None = None, initargs: tuple = ()
) -> Iterator[WorkerPool]:
    """A :class:`WorkerPool` of ``processes`` fresh (``spawn``) worker processes, each started with
    ``initializer(*initargs)`` if given; closed when the block ends, and stopped at once if it ends by
    an exception (Ctrl-C included, or a lost worker) or a caller that stops early. Ctrl-C is this
    process's to handle: the workers ignore it."""
    with _signals_held():
        executor = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(), initializer, initargs),
        )
    pool = WorkerPool(executor, processes)
    try:
        yield pool
    except BaseException:
        pool.stop()
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def _result(future: Future[R]) -> R:
    try:
        return future.result()
    except BrokenProcessPool:
        raise _lost() from None


def _lost() -> WorkerLost:
    return WorkerLost(
        "a worker process died (killed, or out of memory); nothing was changed: run the command "
        "again (with fewer --jobs if memory is short)"
    )


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    """In each worker: end with the parent, ignore Ctrl-C (the parent stops the workers), then
    ``initializer(*initargs)``."""
    threading.Thread(target=_end_with, args=(parent,), daemon=True, name="end-with-parent").start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)  # those that came meanwhile now meet the initializer's handlers


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while workers may be started: a worker inherits the held signals, so
    one that comes while its interpreter starts (before it can ignore Ctrl-C) waits instead of
    killing it with a traceback; this process receives them once the block ends."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _end_with(parent: int) -> None:
    """End this worker once ``parent`` is gone (killed with SIGKILL: it could not stop its workers),
    so that no worker outlives its command holding the command's output open."""
    while os.getppid() == parent:
        time.sleep(_PARENT_WATCH)
    os._exit(1)
