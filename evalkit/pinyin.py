"""Toneless pinyin: syllables of Chinese words (pypinyin) and splitting Latin words into syllables."""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=1)
def syllable_set() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (about 400), with ü written as v and u."""
    from pypinyin.constants import PINYIN_DICT

    out: set[str] = set()
    for readings in PINYIN_DICT.values():
        for r in readings.split(","):
            plain = "".join(c for c in unicodedata.normalize("NFKD", r) if not unicodedata.combining(c))
            plain = plain.lower()
            if plain.isalpha() and plain.isascii():
                out.add(plain)
            if "ü" in r or "ü" in plain:
                out.add(plain.replace("ü", "v"))
                out.add(plain.replace("ü", "u"))
    return frozenset(s for s in out if s.isascii())


def split_syllables(word: str) -> list[str] | None:
    """Split a Latin word into pinyin syllables ('Xingchong' -> ['xing', 'chong']), or None.

    Prefers the split with the fewest syllables, so 'xian' stays one syllable, not 'xi an'.
    """
    w = word.lower().replace("-", "").replace("'", "")
    if not w or not w.isascii() or not w.isalpha():
        return None
    syl = syllable_set()
    best: list[list[str] | None] = [None] * (len(w) + 1)
    best[0] = []
    for i in range(1, len(w) + 1):
        for j in range(max(0, i - 6), i):
            if best[j] is not None and w[j:i] in syl:
                cand = best[j] + [w[j:i]]
                if best[i] is None or len(cand) < len(best[i]):
                    best[i] = cand
    return best[len(w)]


@functools.lru_cache(maxsize=65536)
def word_syllables(chinese: str) -> tuple[str, ...]:
    """The toneless syllables of a Chinese word, one per character ('包村' -> ('bao', 'cun'))."""
    from pypinyin import Style, lazy_pinyin

    return tuple(s.replace("ü", "v") for s in lazy_pinyin(chinese, style=Style.NORMAL, errors="ignore"))
