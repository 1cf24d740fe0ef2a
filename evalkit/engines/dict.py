"""DictEngine: re-translation by table lookup, the offline test double of a real engine."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from evalkit.errors import ModelError


class DictEngine:
    """Translates each source by looking it up in ``mapping``.

    An unknown source raises ModelError, unless ``default`` is given (then it is the
    translation). ``calls`` records every batch asked for, so tests can count engine work.
    """

    def __init__(
        self,
        mapping: Mapping[str, str],
        name: str = "dict",
        model: str | None = None,
        default: str | None = None,
        batch_size: int = 16,
    ) -> None:
        self.mapping = dict(mapping)
        self.name = name
        self.model = model if model is not None else name
        self.default = default
        self.batch_size = batch_size
        self.failed: list[int] = []
        self.calls: list[list[str]] = []

    def translate(self, batch: list[str]) -> list[str]:
        """The mapped translation of each source."""
        self.calls.append(list(batch))
        out = []
        for source in batch:
            if source in self.mapping:
                out.append(self.mapping[source])
            elif self.default is not None:
                out.append(self.default)
            else:
                raise ModelError(f"the {self.name} engine has no translation for {source!r}; add it to its mapping")
        return out

    def cache_key(self) -> dict[str, Any]:
        table = json.dumps(sorted(self.mapping.items()), ensure_ascii=False)
        return {
            "engine": self.name,
            "model": self.model,
            "default": self.default,
            "table": hashlib.sha256(table.encode("utf-8")).hexdigest()[:16],
        }

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.mapping)} entries, name={self.name!r})"
