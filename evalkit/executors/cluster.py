"""A Ray cluster: windows checked by actors that each hold a dictionary, the checks and an engine.

The driver (``evalkit check``) cuts the input into windows as always and sends each to an actor;
an actor re-translates, scores and checks it exactly as this machine would, and sends back its
``WindowResult``; results are taken in input order, so the report is the one a local run writes.
At most two windows per actor are in flight. An actor loads what it needs once, when it starts:
the dictionary, and the engine (a model engine on a GPU of its own where the cluster has GPUs).
Only this module imports Ray, and only when ``--executor ray`` asks for it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from typing import Any, Iterable, Iterator

from evalkit.errors import UsageError
from evalkit.executors.base import Executor, WindowJob

INSTALL = "pip install 'evalkit-l10n[ray]'"


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise UsageError(f"--executor ray needs Ray, which is not installed: {INSTALL}") from exc
    return ray


def engine_recipe(engine: Any, settings: Any) -> tuple[str, dict[str, Any]] | None:
    """How an actor makes the run's engine: (engine name, options); None when there is none."""
    if engine is None:
        return None
    if engine.name in ("hf", "ct2"):
        return engine.name, {"model": getattr(engine, "model", None) or settings.model, "src_lang": settings.src_lang,
                             "tgt_lang": settings.tgt_lang, "batch_size": settings.batch_size,
                             "beam_size": settings.beam_size, "device": settings.device}
    return engine.name, {}


class WindowChecker:
    """One actor's state: the settings, resources, suppression rules and engine it checks windows with."""

    def __init__(self, settings: Any, recipe: tuple[str, dict[str, Any]] | None, resources: Any, suppressions: list):
        from evalkit.engines.base import load_engine

        self.settings, self.resources, self.suppressions = settings, resources, suppressions
        self.engine = load_engine(recipe[0], **recipe[1]) if recipe else None
        self.resources.dictionary  # noqa: B018  (loaded once, when the actor starts)

    def check(self, window: Any, checks: list) -> Any:
        from evalkit.pipeline import check_window

        return check_window(window, self.settings, self.engine, warn=lambda message: None, checks=checks,
                            resources=self.resources, suppressions=self.suppressions, parallel_scoring=False)


class RayExecutor(Executor):
    """Windows checked by Ray actors: on the cluster at ``address``, else on one started here."""

    name = "ray"

    def __init__(self, address: str | None = None):
        self.address = address

    def _connect(self):
        ray = _ray()
        if not ray.is_initialized():
            try:
                # Ray's own progress lines stay off stderr, which carries evalkit's one-line messages
                ray.init(address=self.address, log_to_driver=False, include_dashboard=False,
                         logging_level=logging.ERROR)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                where = f"the Ray cluster at {self.address}" if self.address else "a local Ray cluster"
                raise UsageError(f"--executor ray: could not join {where} ({exc}); "
                                 "check --ray-address (ray status shows it)") from exc
        return ray

    def check(self, windows: Iterable[tuple[Any, list]], job: WindowJob) -> Iterator:
        ray = self._connect()
        recipe = engine_recipe(job.engine, job.settings)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        gpus = int(ray.cluster_resources().get("GPU", 0))
        on_gpu = bool(recipe and recipe[0] in ("hf", "ct2") and gpus)
        n = job.workers(gpus if on_gpu else cpus)
        actor = ray.remote(num_cpus=1, num_gpus=1 if on_gpu else 0)(WindowChecker)
        settings = dataclasses.replace(job.settings, quiet=True)
        resources = job.resources.portable()
        actors = [actor.remote(settings, recipe, resources, job.suppressions) for _ in range(n)]
        pending: deque = deque()
        try:
            for i, (window, checks) in enumerate(windows):
                pending.append(actors[i % n].check.remote(window, checks))
                while len(pending) >= 2 * n:
                    yield ray.get(pending.popleft())
            while pending:
                yield ray.get(pending.popleft())
        finally:
            for ref in pending:
                ray.cancel(ref, force=True)
            for a in actors:
                ray.kill(a)
