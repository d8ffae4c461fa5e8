"""Process pools for page work (reading PDF pages, OCR, page pictures): workers that end with
the run that started them, however it ends."""

from __future__ import annotations

import ctypes
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def die_with_parent() -> None:
    """In a worker: end when the run that started it ends (a SIGKILL of the parent included),
    so that no worker is left blocked on a pipe. Ctrl+C, which the terminal sends to the
    workers too, is the parent's to handle: it stops them (`Pool.__exit__`), and a worker
    never prints a KeyboardInterrupt traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the pool's own shutdown still ends the workers on a normal exit
    if os.getppid() == 1:
        os._exit(1)  # the parent is already gone


class Pool(ProcessPoolExecutor):
    """A pool that, left by an exception (Ctrl+C, an error in a page), drops the tasks not yet
    started and ends the workers at once, instead of waiting for every queued page: the
    workers only read, so there is nothing of theirs to keep."""

    def __exit__(self, exc_type: object, exc: object, tb: object) -> bool:
        if exc_type is None:
            return super().__exit__(exc_type, exc, tb)
        processes = list((getattr(self, "_processes", None) or {}).values())
        self.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)
        return False


def pool(jobs: int, tasks: int) -> Pool:
    """At most `jobs` workers, and no more than there are tasks."""
    return Pool(max_workers=max(1, min(jobs, tasks)), initializer=die_with_parent)
