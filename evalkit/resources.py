"""Shared, lazily loaded resources the checks read: the dictionary, the glossary, the settings."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Resources:
    """Loaded once per run and handed to every check through the CheckContext."""

    glossary_path: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)  # per-run caches the checks share (e.g. support analyses)

    @functools.cached_property
    def dictionary(self):
        from evalkit.dictionary import Dictionary

        return Dictionary.load()

    def portable(self) -> "Resources":
        """A copy to send to a worker on another machine: the glossary read here (its file need not
        be there), the dictionary left for the worker to load, nothing memoised."""
        copy = Resources(glossary_path=self.glossary_path, options=dict(self.options))
        copy.__dict__["glossary"] = self.glossary
        return copy

    @functools.cached_property
    def glossary(self) -> list[tuple[str, str]]:
        """(source term, target term) pairs from the user's glossary; [] when none is configured."""
        if not self.glossary_path:
            return []
        from evalkit.glossary import read_glossary

        return read_glossary(self.glossary_path)
