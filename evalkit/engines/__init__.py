"""Re-translation engines: hf (transformers), ct2 (CTranslate2), lexicon (CC-CEDICT), file."""

from evalkit.engines.base import ENGINES, Engine, load_engine

__all__ = ["ENGINES", "Engine", "load_engine"]
