"""Where windows are checked: in this process, or side by side in worker processes (``--jobs N``).

Every input is cut into windows of consecutive segments (``pipeline.windows``), and each window is
re-translated, scored and checked on its own, so the results do not depend on which process checked
which window: a run with ``--jobs 4`` writes the same report, byte for byte, as one with ``--jobs 1``.

Worker processes are forked from this one once the dictionary, the checks and the engine are
loaded, so each worker starts with them in memory and loads nothing itself. An engine that is not
safe to use in a forked process (a torch or CTranslate2 model with threads of its own) stays in
this process: it re-translates each window here, in its large batches, and the workers score and
check. At most two windows per worker are in flight, so memory holds a bounded number of them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator

from evalkit.model import Document


def available_cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def fork_safe(engine: Any) -> bool:
    """Whether a forked worker may use ``engine`` (None, the dictionary and file engines: yes)."""
    return engine is None or bool(getattr(engine, "fork_safe", False))


# What a forked worker checks its windows with, set by ``_start_worker``.
_WORKER: dict[str, Any] = {}


def _start_worker(state: dict[str, Any]) -> None:
    _WORKER.update(state)


def _check_in_worker(window: Document, checks: list):
    from evalkit.pipeline import check_window

    w = _WORKER
    return check_window(window, w["settings"], w["engine"], warn=w["warn"], checks=checks,
                        resources=w["resources"], suppressions=w["suppressions"], parallel_scoring=False)


def check_windows(
    windows: Iterable[tuple[Document, list]],
    *,
    jobs: int,
    settings,
    engine,
    resources,
    suppressions: list,
    warn: Callable[[str], None],
    progress=None,
) -> Iterator:
    """The ``WindowResult`` of each (window, its checks), in order: here when ``jobs`` is 1, else in
    ``jobs`` workers."""
    from evalkit.pipeline import check_window, retranslate

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for window, checks in windows:
            yield check_window(window, settings, engine, warn=warn, progress=progress, checks=checks,
                               resources=resources, suppressions=suppressions)
        return
    resources.dictionary  # noqa: B018  (loaded once, before the workers are forked)
    here = not fork_safe(engine)
    state = {"settings": settings, "engine": None if here else engine, "resources": resources,
             "suppressions": suppressions, "warn": warn}
    context = multiprocessing.get_context("fork")
    pending: deque[tuple[Future, list[str]]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(state,)) as pool:
        for window, checks in windows:
            notes = retranslate(window, engine, settings, warn, progress) if here else []
            pending.append((pool.submit(_check_in_worker, window, checks), notes))
            while len(pending) >= 2 * jobs:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())


def _result(future: Future, notes: list[str]):
    result = future.result()
    result.notes[:0] = notes
    return result
