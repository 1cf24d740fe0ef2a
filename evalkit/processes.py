"""Process lifetime: worker processes die with the run that started them, and signals end a run cleanly.

- ``init_worker`` runs first in every worker process evalkit starts. On Linux the kernel sends
  the worker SIGKILL the moment its parent dies (``prctl(PR_SET_PDEATHSIG)``), however the
  parent died, SIGKILL included; elsewhere a thread watches the parent's pid. A worker ignores
  SIGINT: Ctrl-C reaches the whole process group, and the parent is the one that stops the work.
- ``stop_workers`` ends a pool at once: queued chunks are dropped, running ones killed.
- ``terminate_as_interrupt`` makes SIGTERM (what ``kill``, ``timeout`` and CI runners send)
  end a run the way Ctrl-C does: the same one line on stderr and the same exit code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent_linux() -> bool:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="evalkit-parent-watch", daemon=True).start()


def init_worker(parent: int) -> None:
    """Tie this worker's life to ``parent`` (the pid that started it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the parent's handler
    if not (sys.platform.startswith("linux") and _die_with_parent_linux()):
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def worker_pool(workers: int, mp_context) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process."""
    return ProcessPoolExecutor(workers, mp_context=mp_context, initializer=init_worker, initargs=(os.getpid(),))


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Drop the queued work of ``pool`` and kill its workers now (an interrupted or failed run)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError):
            pass
    for process in processes:
        process.join(5)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt in the main thread, as SIGINT does; the
    handler that was there before is put back after it (a caller running evalkit in-process keeps its own)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
