"""The shipped word-level error model: two LightGBM boosters and the thresholds fitted with them.

An artifact is one JSON file in ``evalkit/decide/models/`` named for its pair (``zh-en.json``):
its version, the feature names it was fitted on (they must match ``features.FEATURES``), the
thresholds, what it was fitted on, and the boosters as LightGBM's own model text. ``python -m
evalkit.decide.fit`` writes it; loading it needs only LightGBM.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from evalkit.decide.features import FEATURES
from evalkit.errors import ConfigError
from evalkit.lang import primary

MODEL_VERSION = 1


@dataclass(frozen=True)
class Thresholds:
    """A word is an error when P(error) >= ``error``; a flagged span is major when its highest
    P(major) >= ``major``; a weak-evidence finding is kept when the highest P(error) of its words
    >= ``keep``."""

    error: float
    major: float
    keep: float


class WordModel:
    """P(the word is inside an annotated error) and P(inside a major one), per target word."""

    def __init__(self, meta: dict[str, Any]):
        import lightgbm

        if meta.get("version") != MODEL_VERSION:
            raise ConfigError(f"error model {meta.get('pair')!r}: version {meta.get('version')!r}, this evalkit reads {MODEL_VERSION}")
        if tuple(meta.get("features", ())) != FEATURES:
            raise ConfigError(f"error model {meta.get('pair')!r} was fitted on other features; refit it "
                              "with `python -m evalkit.decide.fit`")
        self.meta = meta
        self.pair = meta["pair"]
        self.thresholds = Thresholds(**meta["thresholds"])
        self._error = lightgbm.Booster(model_str=meta["error"])
        self._major = lightgbm.Booster(model_str=meta["major"])

    def predict(self, rows: list[list[float]]) -> tuple[list[float], list[float]]:
        """P(error) and P(major) for each feature row."""
        if not rows:
            return [], []
        import numpy as np

        x = np.asarray(rows, dtype=float)
        return (self._error.predict(x, num_threads=1).tolist(), self._major.predict(x, num_threads=1).tolist())

    @classmethod
    def from_file(cls, path: str | Path) -> "WordModel":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))


def artifact_name(src_lang: str, tgt_lang: str) -> str:
    return f"{primary(src_lang)}-{primary(tgt_lang)}.json"


@functools.lru_cache(maxsize=None)
def for_pair(src_lang: str, tgt_lang: str) -> WordModel | None:
    """The shipped model of a language pair; None when evalkit ships none for it."""
    path = resources.files("evalkit.decide") / "models" / artifact_name(src_lang, tgt_lang)
    if not path.is_file():
        return None
    return WordModel(json.loads(path.read_text(encoding="utf-8")))
