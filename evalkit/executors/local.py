"""This machine: windows checked in this process, or side by side in forked workers (``--jobs N``).

Worker processes are forked from this one once the dictionary, the checks and the engine are
loaded, so each worker starts with them in memory and loads nothing itself. An engine that is not
safe to use in a forked process (a torch or CTranslate2 model with threads of its own) stays in
this process: it re-translates each window here, in its large batches, and the workers score and
check. At most two windows per worker are in flight, so memory holds a bounded number of them.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Iterable, Iterator

from evalkit.executors.base import Executor, WindowJob, available_cpus
from evalkit.model import Document


def fork_safe(engine: Any) -> bool:
    """Whether a forked worker may use ``engine`` (None, the dictionary and file engines: yes)."""
    return engine is None or bool(getattr(engine, "fork_safe", False))


# What a forked worker checks its windows with, set by ``_start_worker``.
_WORKER: dict[str, Any] = {}


def _start_worker(job: WindowJob) -> None:
    _WORKER["job"] = job


def _check_in_worker(window: Document, checks: list):
    from evalkit.pipeline import check_window

    job = _WORKER["job"]
    return check_window(window, job.settings, job.engine, warn=job.warn, checks=checks,
                        resources=job.resources, suppressions=job.suppressions, parallel_scoring=False)


class LocalExecutor(Executor):
    """Windows checked here with one job (or without ``fork``), else in forked workers (default: one a CPU)."""

    name = "local"

    def check(self, windows: Iterable[tuple[Document, list]], job: WindowJob) -> Iterator:
        from evalkit.pipeline import check_window, retranslate

        jobs = job.workers(available_cpus())  # one window: checked here, as it always was
        if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for window, checks in windows:
                yield check_window(window, job.settings, job.engine, warn=job.warn, progress=job.progress,
                                   checks=checks, resources=job.resources, suppressions=job.suppressions)
            return
        job.resources.dictionary  # noqa: B018  (loaded once, before the workers are forked)
        here = not fork_safe(job.engine)
        state = WindowJob(job.settings, None if here else job.engine, job.resources, job.suppressions, job.warn)
        context = multiprocessing.get_context("fork")
        pending: deque[tuple[Future, list[str]]] = deque()
        # What is loaded now (the dictionary, jieba's index) is left out of the collector's sweeps, in
        # this process and in the forked workers: a sweep writes to every object it visits, and each
        # page it writes to stops being shared and becomes the worker's own copy.
        gc.freeze()
        try:
            with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(state,)) as pool:
                for window, checks in windows:
                    notes = retranslate(window, job.engine, job.settings, job.warn, job.progress) if here else []
                    pending.append((pool.submit(_check_in_worker, window, checks), notes))
                    while len(pending) >= 2 * jobs:
                        yield _result(*pending.popleft())
                while pending:
                    yield _result(*pending.popleft())
        finally:
            gc.unfreeze()


def _result(future: Future, notes: list[str]):
    result = future.result()
    result.notes[:0] = notes
    return result
