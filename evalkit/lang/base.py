"""The Language protocol and the language registry.

A language pack tells every check how one language writes: its script and direction, how its
words and sentences are cut, how it writes numbers (digits of any script, number words, decimal
and thousands marks), its function words, its capitalisation, its punctuation and spacing
conventions, and how to tell a name. Checks ask the pack of the source or target language and
never name a language themselves.

Packs are named in ``LANGUAGES`` as ``'module:Class'`` strings and imported on first use; any
other language code gets the generic pack, which reads everything from Unicode properties. A new
pack is one module (a subclass of ``evalkit.lang.generic.Generic`` overriding what differs) and
one line here.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from evalkit.numbers import Number


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text with its span: ``text == whole[start:end]``."""

    text: str
    start: int
    end: int


@runtime_checkable
class Language(Protocol):
    """What evalkit needs to know about one language."""

    code: str  # the primary subtag: 'de' for 'de-AT'
    name: str
    script: str  # Unicode script of its letters: 'LATIN', 'CYRILLIC', 'HEBREW', 'CJK', 'JAPANESE'
    direction: str  # 'ltr' or 'rtl'
    spaced: bool  # words are separated by spaces (not in Chinese or Japanese)
    cased: bool  # the script has upper and lower case
    capitalises_nouns: bool  # every noun starts with a capital (German): a capital is no sign of a name
    decimal_mark: str
    thousands_marks: str  # characters that group thousands (',' in English; '.' in German; spaces in French)
    full_width: bool  # writes ideographic punctuation (，。：) as its own
    full_width_forms: dict[str, str]  # the ASCII marks it writes full-width, and how (',' -> '，' or '、')
    space_before: str  # punctuation that takes a (no-break) space before it: ':;?!»' in French
    space_after: str  # punctuation that takes a (no-break) space after it: '«' in French
    doublings: frozenset[str]  # words that may stand twice in a row ('vous vous', 'Sie sie', 'had had')
    function_words: frozenset[str]
    number_words: dict[str, float]  # single words that state a number ('drei', 'trois')
    month_names: dict[str, int]  # month names as written mid-sentence -> 1..12
    day_names: frozenset[str]  # names of the days of the week, as written mid-sentence

    def words(self, text: str) -> list[Word]:
        """The words of ``text`` in order, with their spans."""
        ...

    def sentence_ends(self, text: str) -> list[int]:
        """Offsets just after each sentence end of ``text`` (the last sentence may run to the end)."""
        ...

    def digits(self, text: str) -> list[Number]:
        """Numbers written in digits in ``text`` (of any script, under this language's marks)."""
        ...

    def numbers(self, text: str) -> list[Number]:
        """Numbers stated in ``text``: its digits, and its number words."""
        ...

    def months(self, text: str) -> list[Number]:
        """The months ``text`` names by name, as numbers 1..12 (dates: '3 May' is 5月3日)."""
        ...

    def is_function_word(self, word: str) -> bool:
        """A closed-class word with no content of its own."""
        ...

    def stem(self, word: str) -> str:
        """A comparison key for a word: case folded, inflection removed where a stemmer knows how."""
        ...

    def zipf(self, word: str) -> float:
        """How common a word is in this language (wordfreq's Zipf scale; 0 for unknown)."""
        ...

    def is_name(self, text: str, word: Word) -> bool:
        """Whether ``word`` of ``text`` reads as a name by its form (capitals where capitals mark names)."""
        ...


# Language codes to 'module:Class'; a code not listed here is served by the generic pack.
LANGUAGES: dict[str, str] = {
    "en": "evalkit.lang.en:English",
    "zh": "evalkit.lang.zh:Chinese",
    "de": "evalkit.lang.de:German",
    "fr": "evalkit.lang.fr:French",
    "es": "evalkit.lang.es:Spanish",
    "ru": "evalkit.lang.ru:Russian",
    "ja": "evalkit.lang.ja:Japanese",
    "he": "evalkit.lang.he:Hebrew",
}
# Codes that name the same language as a registered one.
ALIASES = {"iw": "he", "cmn": "zh", "jp": "ja"}

_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def primary(code: str) -> str:
    """The primary language subtag of a BCP 47 code: 'zh' for 'zh-Hans-CN', 'pt' for 'pt_BR'."""
    base = re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()
    return ALIASES.get(base, base)


def valid_code(code: str) -> bool:
    """True when ``code`` is shaped like a language code ('de', 'zh-CN', 'pt_BR')."""
    return bool(_CODE.match(code.strip()))


@functools.lru_cache(maxsize=64)
def language(code: str) -> Language:
    """The pack for ``code`` (any BCP 47 code; the region is ignored); the generic pack when none is registered."""
    base = primary(code)
    target = LANGUAGES.get(base)
    if target is None:
        from evalkit.lang.generic import Generic

        return Generic(base)
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)()


def registered() -> list[str]:
    """The codes that have a pack of their own."""
    return sorted(LANGUAGES)
