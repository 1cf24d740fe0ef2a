"""The executor plug-in: checks a run's windows somewhere and yields their results in input order.

Every input is cut into windows of consecutive segments (``pipeline.windows``) and each window is
re-translated, scored and checked on its own, so a result does not depend on where its window was
checked: every executor writes the same report, byte for byte. An executor implements one method,
``check(windows, job)``. Executors are registered by name as ``'module.Class'`` strings and imported
only when asked for, so evalkit without Ray installed never imports it.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from evalkit.errors import UsageError

EXECUTORS = {
    "local": "evalkit.executors.local.LocalExecutor",  # this process, or --jobs N forked workers
    "ray": "evalkit.executors.cluster.RayExecutor",  # actors on a Ray cluster (pip install 'evalkit-l10n[ray]')
}


def available_cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclass
class WindowJob:
    """What checking a window takes, besides the window and its checks: one run's settings, its
    engine (None when nothing needs re-translating), resources, suppression rules and hooks."""

    settings: Any
    engine: Any
    resources: Any
    suppressions: list
    warn: Callable[[str], None]
    progress: Any = None
    jobs: int | None = None  # workers to check windows with; None: the executor's default
    windows: int = 1  # how many windows there are

    def workers(self, default: int) -> int:
        """Workers to start: ``jobs`` (else ``default``), never more than there are windows."""
        return max(1, min(self.jobs or default, self.windows))


class Executor:
    """Checks windows and yields one ``WindowResult`` for each (window, its checks), in order."""

    name = ""

    def check(self, windows: Iterable[tuple[Any, list]], job: WindowJob) -> Iterator[Any]:
        raise NotImplementedError


def get_executor(name: str, **options: Any) -> Executor:
    """The executor registered as ``name``, made with ``options``."""
    if name not in EXECUTORS:
        raise UsageError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")
    module, _, cls = EXECUTORS[name].rpartition(".")
    return getattr(importlib.import_module(module), cls)(**options)
