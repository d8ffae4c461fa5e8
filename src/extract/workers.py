"""Process pools for page work (reading PDF pages, OCR, page pictures): workers that end with
the run that started them, however it ends."""

from __future__ import annotations

import ctypes
import os
import signal
from concurrent.futures import ProcessPoolExecutor


def die_with_parent() -> None:
    """In a worker: end when the run that started it ends (a SIGKILL of the parent included),
    so that no worker is left blocked on a pipe."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the pool's own shutdown still ends the workers on a normal exit
    if os.getppid() == 1:
        os._exit(1)  # the parent is already gone


def pool(jobs: int, tasks: int) -> ProcessPoolExecutor:
    """At most `jobs` workers, and no more than there are tasks."""
    return ProcessPoolExecutor(max_workers=max(1, min(jobs, tasks)), initializer=die_with_parent)
