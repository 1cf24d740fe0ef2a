"""Toneless pinyin: syllables of Chinese words (pypinyin) and splitting Latin words into syllables."""

from __future__ import annotations

import functools
import re
import unicodedata

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _plain(reading: str) -> str:
    out = "".join(c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c))
    return out.lower().replace("ü", "v")


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


@functools.lru_cache(maxsize=65536)
def _split(w: str) -> tuple[str, ...] | None:
    syl = syllable_set()
    best: list[list[str] | None] = [None] * (len(w) + 1)
    best[0] = []
    for i in range(1, len(w) + 1):
        for j in range(max(0, i - 6), i):
            if best[j] is not None and w[j:i] in syl:
                cand = best[j] + [w[j:i]]
                if best[i] is None or len(cand) < len(best[i]):
                    best[i] = cand
    return tuple(best[len(w)]) if best[len(w)] is not None else None


def split_syllables(word: str) -> list[str] | None:
    """Split a Latin word into pinyin syllables ('Xingchong' -> ['xing', 'chong']), or None.

    Joined ('Baocun'), hyphenated ('Bao-cun') and apostrophised ("Xi'an") spellings are accepted.
    Prefers the split with the fewest syllables, so 'xian' stays one syllable, not 'xi an'.
    """
    w = word.lower().replace("-", "").replace("'", "").replace("’", "")
    if not w or not w.isascii() or not w.isalpha():
        return None
    out = _split(w)
    return list(out) if out is not None else None


def camel_parts(word: str) -> list[tuple[int, str]]:
    """Offsets and pieces of a run-together word ('brocadeXingchong' -> [(0, 'brocade'), (7, 'Xingchong')])."""
    out, prev = [], 0
    for m in _CAMEL.finditer(word):
        out.append((prev, word[prev : m.start()]))
        prev = m.start()
    out.append((prev, word[prev:]))
    return out


@functools.lru_cache(maxsize=65536)
def word_syllables(chinese: str) -> tuple[str, ...]:
    """The toneless syllables of a Chinese word, one per character ('包村' -> ('bao', 'cun'))."""
    from pypinyin import Style, lazy_pinyin

    return tuple(s.replace("ü", "v") for s in lazy_pinyin(chinese, style=Style.NORMAL, errors="ignore"))


@functools.lru_cache(maxsize=65536)
def char_readings(ch: str) -> frozenset[str]:
    """Every toneless reading of one Chinese character ('靓' -> {'jing', 'liang'}); empty for non-Chinese."""
    from pypinyin import Style, pinyin

    got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors=lambda x: [[]])
    readings = {_plain(r) for group in got for r in group if r}
    return frozenset(r for r in readings if r.isalpha())


def find_spelling(syllables: list[str] | tuple[str, ...], text: str) -> list[int]:
    """Start offsets in ``text`` of character runs that the syllables spell, one syllable a character."""
    n = len(syllables)
    hits = []
    for i in range(len(text) - n + 1):
        if all(syllables[k] in char_readings(text[i + k]) for k in range(n)):
            hits.append(i)
    return hits
