"""Hold Ctrl-C and SIGTERM while a step that must not stop halfway runs, whatever thread the kernel delivers them to."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["HELD", "held_signals"]

#: The signals a user or a scheduler stops a command with.
HELD = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def held_signals() -> Iterator[None]:
    """Ctrl-C and SIGTERM that arrive during the block take effect when it ends (KeyboardInterrupt then).

    Blocking them with ``pthread_sigmask`` holds only in the thread that blocks them: the kernel
    delivers a signal to any thread that does not, and Python then runs its handler in the main
    thread all the same. So the handlers themselves are replaced for the block by one that notes
    the signal; at its end the previous handlers are put back and called for what was noted.
    Handlers can only be set in the main thread: in another thread the block runs as it is (the
    main thread's handlers raise there, not in it), and a step run there must be one that the next
    command can finish, as a commit with its journal is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, frame: noted.append(signum)) for signum in HELD}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        for number in dict.fromkeys(noted):
            handler = previous[signal.Signals(number)]
            if callable(handler):
                handler(number, None)
            elif handler in (signal.SIG_DFL, None):
                signal.raise_signal(number)
