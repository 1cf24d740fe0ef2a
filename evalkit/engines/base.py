"""The Engine protocol and the engine registry; heavy backends are imported on demand."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from evalkit.errors import ModelError, UsageError


@runtime_checkable
class Engine(Protocol):
    """Re-translates source texts. ``name`` and ``model`` identify it in reports and the cache."""

    name: str
    model: str | None

    def translate(self, batch: list[str]) -> list[str]:
        """Translate each source text; the output list is as long as the input."""
        ...


@runtime_checkable
class ScoringEngine(Engine, Protocol):
    """An engine that can also score a given translation by forced decoding."""

    def score(self, sources: list[str], targets: list[str]) -> list[list[tuple[str, float]]]:
        """Per target token: (token, log-probability) under the model, given the source."""
        ...


# Engine names to 'module:Class'; modules are imported only when that engine is asked for,
# so `import evalkit` never loads torch or transformers.
ENGINES: dict[str, str] = {
    "hf": "evalkit.engines.hf:HFEngine",
    "ct2": "evalkit.engines.ct2:CT2Engine",
    "lexicon": "evalkit.engines.lexicon:LexiconEngine",
    "file": "evalkit.engines.file:FileEngine",
}

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-zh-en"  # the default pair's; engines.pairs picks each pair's


def engine_class(name: str) -> type:
    """The class behind an engine name."""
    try:
        target = ENGINES[name]
    except KeyError:
        raise UsageError(f"unknown engine {name!r}; choose one of: auto, {', '.join(ENGINES)}") from None
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)


def load_engine(name: str, **options: Any) -> Engine:
    """Build the engine ``name`` with ``options``; raises ModelError when its model cannot be had."""
    return engine_class(name)(**options)


def auto_engine(model: str | None, warn, src_lang: str = "zh", tgt_lang: str = "en", **options: Any) -> Engine | None:
    """The pair's model through ct2 (when installed) or hf, else the offline lexicon engine where a
    lexicon serves the pair, else None: no re-translation.

    Without ``model`` the pair's models are tried best first (``engines.pairs.candidate_models``).
    ``warn`` receives one line saying why the fallback happened.
    """
    from evalkit.engines.lexicon import LexiconEngine
    from evalkit.engines.pairs import candidate_models

    models = [model] if model else candidate_models(src_lang, tgt_lang)
    errors: list[str] = []
    for name_or_path in models:
        for name in ("ct2", "hf"):
            try:
                return load_engine(name, model=name_or_path, src_lang=src_lang, tgt_lang=tgt_lang, **options)
            except ModelError as exc:
                errors.append(str(exc))
    reason = errors[1 if len(errors) > 1 else 0].split(";")[0]  # the best model's, as hf says it
    tried = f" (nor {', '.join(models[1:])})" if len(models) > 1 else ""
    if LexiconEngine.serves(src_lang, tgt_lang):
        warn(f"{reason}{tried}; falling back to the offline lexicon engine (--engine lexicon skips the model)")
        return load_engine("lexicon")
    warn(f"{reason}{tried}; no lexicon serves {src_lang}→{tgt_lang}, so there is no re-translation:"
         " BLEU, chrF++ and TER are not available (give --retranslation FILE, --reference FILE or --model)")
    return None


# -- what the model engines share: batching by length, halving a failing batch ---------------


def first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def length_buckets(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of similar length, longest first (padding is then minimal)."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def run_with_halving(
    run: Callable[[list[int]], list[Any]],
    indices: list[int],
    results: list[Any],
    failed: list[int],
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``run`` on ``indices``; when a batch fails (out of memory, a kernel error), retry its halves.

    Items that fail even alone are appended to ``failed`` and keep their placeholder in ``results``.
    """
    try:
        outputs = run(indices)
    except (RuntimeError, MemoryError) as exc:  # torch's OutOfMemoryError is a RuntimeError
        if on_error is not None:
            on_error(exc)
        if len(indices) == 1:
            failed.append(indices[0])
            return
        mid = len(indices) // 2
        run_with_halving(run, indices[:mid], results, failed, on_error)
        run_with_halving(run, indices[mid:], results, failed, on_error)
        return
    for i, out in zip(indices, outputs):
        results[i] = out


Runner = Callable[[list[int]], list[Any]]


class BatchedEngine:
    """What the model engines share: the public ``translate``/``score``, length-bucketed batches,
    halving a failing batch, and ``failed``. A backend supplies ``_load`` and two runners, each
    returning a function that handles one batch of indices plus the token length of every item."""

    batch_size: int
    failed: list[int]
    last_error: str | None

    def translate(self, batch: list[str]) -> list[str]:
        """Translate each text; "" for texts that failed even alone (their indices are in ``failed``)."""
        self.failed = []
        if not batch:
            return []
        self._load()
        run, lengths = self._translate_runner(list(batch))
        return [text.strip() for text in self._batched(run, lengths, [""] * len(batch))]

    def score(self, sources: list[str], targets: list[str]) -> list[list[tuple[str, float]]]:
        """Forced decoding: per token of each target (its end token included), its log-probability."""
        if len(sources) != len(targets):
            raise ModelError(f"score() needs as many targets as sources, not {len(targets)} and {len(sources)}")
        self.failed = []
        if not sources:
            return []
        self._load()
        run, lengths = self._score_runner(list(sources), list(targets))
        return self._batched(run, lengths, [[] for _ in sources])

    def _call_size(self) -> int:
        """How many inputs one call of a runner takes: one batch."""
        return self.batch_size

    def _batched(self, run: Runner, lengths: list[int], results: list[Any]) -> list[Any]:
        for indices in length_buckets(lengths, self._call_size()):
            run_with_halving(run, indices, results, self.failed, self._note_error)
        return results

    def _note_error(self, exc: BaseException) -> None:
        self.last_error = first_line(exc)

    def _load(self) -> None:
        raise NotImplementedError

    def _translate_runner(self, batch: list[str]) -> tuple[Runner, list[int]]:
        raise NotImplementedError

    def _score_runner(self, sources: list[str], targets: list[str]) -> tuple[Runner, list[int]]:
        raise NotImplementedError
