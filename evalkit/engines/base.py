"""The Engine protocol and the engine registry; heavy backends are imported on demand."""

from __future__ import annotations

import importlib
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
