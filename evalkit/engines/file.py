"""The file engine: re-translations supplied by the user or another MT system."""

from __future__ import annotations

from evalkit.errors import InputError


class FileEngine:
    """Serves re-translations from a mapping of source text to re-translation.

    The pipeline fills segments' ``retranslation`` from ``--retranslation FILE`` or the input's
    own fields before any engine runs; this engine only answers for sources it was given.
    """

    name = "file"
    fork_safe = True  # a forked worker process may use it (see evalkit.executors.local)

    def __init__(self, mapping: dict[str, str] | None = None, model: str | None = None, **_: object):
        self.mapping = dict(mapping or {})
        self.model = model

    def cache_key(self) -> dict[str, object]:
        return {"engine": self.name, "model": self.model}

    def translate(self, batch: list[str]) -> list[str]:
        missing = [s for s in batch if s not in self.mapping]
        if missing:
            raise InputError(
                f"the file engine has no re-translation for {len(missing)} segment(s), "
                f"first: {missing[0][:60]!r}; supply them with --retranslation or choose another --engine"
            )
        return [self.mapping[s] for s in batch]
