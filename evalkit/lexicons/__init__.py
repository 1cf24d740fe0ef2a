"""Bilingual lexicons (see ``evalkit.lexicons.base``)."""

from evalkit.lexicons.base import LEXICONS, GlossaryLexicon, Lexicon, has_lexicon, lexicon_for, pairs

__all__ = ["LEXICONS", "GlossaryLexicon", "Lexicon", "has_lexicon", "lexicon_for", "pairs"]
