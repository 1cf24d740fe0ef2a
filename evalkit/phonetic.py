"""Whether a name in Latin letters sounds like Chinese characters read as a transliteration.

Chinese writes a foreign name by the sound of its characters: 喀琅施塔得 (ka lang shi ta de) is
Kronstadt, 布兰农 (bu lan nong) Brannon, 维尔梅斯 (wei er mei si) Wilmès. Both sides are reduced to
a skeleton of consonant classes (b/p, m, f/v/w, d/t, n, l/r, the sibilants, the velars; vowels, h
and y dropped, a class said twice in a row said once) and compared by edit distance. Which
characters Chinese uses to transliterate is learnt from CC-CEDICT's own transliterated names
(evalkit.dictionary.Dictionary.transliteration_chars), not listed here.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from evalkit.lang.script import HAN_RUN

# Two skeletons sound alike at this normalised similarity or above (Kronstadt GLNSD and ka lang shi
# ta de GLNSD: 1.0; Brannon BLN and bu lan nong BLN: 1.0; Smith SMD and shi min de SMND: 0.75).
SIMILAR = 0.8
# Skeletons shorter than this say too little to match by chance only rarely.
MIN_CLASSES = 3

_LATIN_GROUPS = (("tsch", "s"), ("sch", "s"), ("ch", "s"), ("sh", "s"), ("zh", "s"), ("ph", "f"), ("th", "d"),
                 ("ck", "k"), ("kh", "k"), ("gh", "g"), ("qu", "k"), ("x", "ks"))
_LATIN_CLASS = {"b": "B", "p": "B", "m": "M", "f": "F", "v": "F", "w": "F", "d": "D", "t": "D", "n": "N",
                "l": "L", "r": "L", "s": "S", "z": "S", "j": "S", "k": "G", "g": "G", "q": "G"}
_SOFT_C = re.compile(r"c(?=[eiy])")
_PINYIN_INITIALS = (("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "B"), ("p", "B"), ("m", "M"), ("f", "F"),
                    ("w", "F"), ("d", "D"), ("t", "D"), ("n", "N"), ("l", "L"), ("r", "L"), ("z", "S"),
                    ("c", "S"), ("s", "S"), ("j", "S"), ("q", "S"), ("x", "S"), ("g", "G"), ("k", "G"))


def _collapse(classes: str) -> str:
    return re.sub(r"(.)\1+", r"\1", classes)


@functools.lru_cache(maxsize=8192)
def latin_skeleton(word: str) -> str:
    """The consonant classes of a Latin-letter word ('Kronstadt' -> 'GLNSD')."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    plain = _SOFT_C.sub("s", re.sub(r"[^a-z]", "", plain))
    for group, sound in _LATIN_GROUPS:
        plain = plain.replace(group, sound)
    return _collapse("".join(_LATIN_CLASS.get(c, "G" if c == "c" else "") for c in plain))


def pinyin_skeleton(syllables: list[str]) -> str:
    """The consonant classes of toneless pinyin syllables (['bu', 'lan', 'nong'] -> 'BLN'): each
    syllable's initial, an -n or -ng final as N, and 'er' (尔, which writes an r or l) as L."""
    out = []
    for syl in syllables:
        if syl == "er":
            out.append("L")
            continue
        out.append(next((cls for ini, cls in _PINYIN_INITIALS if syl.startswith(ini)), ""))
        if syl.endswith(("n", "ng")) and len(syl) > 1:
            out.append("N")
    return _collapse("".join(out))


def likeness(a: str, b: str) -> float:
    """How alike two skeletons sound (1 - normalised edit distance); 0 when ``a`` has fewer than
    MIN_CLASSES classes (too short to tell a transliteration from chance)."""
    return 1 - Levenshtein.normalized_distance(a, b) if len(a) >= MIN_CLASSES else 0.0


def similar(a: str, b: str) -> bool:
    """True when two skeletons, the first of at least MIN_CLASSES classes, sound alike."""
    return likeness(a, b) >= SIMILAR


def sounds_like(name: str, text: str, chars: frozenset[str], reading) -> str | None:
    """The stretch of two to eight Han characters of ``text``, at least half of them transliteration
    characters (``chars``), that ``name`` (Latin letters) sounds most like; None when none does.
    ``reading`` gives the toneless pinyin syllables of a string of Han characters, one per character."""
    target = latin_skeleton(name)
    if len(target) < MIN_CLASSES or not chars:
        return None
    best: tuple[tuple[float, int], str] | None = None  # the most alike stretch, the longest of equals
    for run in HAN_RUN.finditer(text):
        han = run.group(0)
        syllables = reading(han)
        if len(syllables) != len(han):
            continue
        known = [c in chars for c in han]
        for i in range(len(han)):
            for j in range(i + 2, min(len(han), i + 8) + 1):
                if 2 * sum(known[i:j]) < j - i:
                    continue
                score = (likeness(target, pinyin_skeleton(syllables[i:j])), j - i)
                if score[0] >= SIMILAR and (best is None or score > best[0]):
                    best = (score, han[i:j])
    return best[1] if best else None
