"""Language packs: how each language writes (see ``evalkit.lang.base``)."""

from evalkit.lang.base import LANGUAGES, Language, Word, language, primary, registered

__all__ = ["LANGUAGES", "Language", "Word", "language", "primary", "registered"]
