"""Map a function over batches of work in worker processes, results in the batches' order, as one process gives them."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.pool import Pool
from typing import TypeVar

__all__ = ["batches", "default_jobs", "in_order", "map_in_order", "spawned_pool"]

T = TypeVar("T")
R = TypeVar("R")


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
    return [list(items[start:start + size]) for start in range(0, len(items), size)]


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
    or a caller that stops early stops every worker at once.
    """
    work = list(work)
    if jobs <= 1 or len(work) <= 1:
        yield from (function(w) for w in work)
        return
    with spawned_pool(min(jobs, len(work)), _ignore_interrupts) as pool:
        yield from pool.imap(function, work)


@contextmanager
def spawned_pool(processes: int, initializer: Callable[..., None], initargs: tuple = ()) -> Iterator[Pool]:
    """A pool of fresh (``spawn``) worker processes, closed when the block ends and terminated at once
    if it ends by an exception (Ctrl-C included) or a caller that stops early."""
    pool = multiprocessing.get_context("spawn").Pool(processes, initializer=initializer, initargs=initargs)
    try:
        yield pool
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _ignore_interrupts() -> None:
    """In each worker: Ctrl-C is the parent's to handle (it terminates the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
