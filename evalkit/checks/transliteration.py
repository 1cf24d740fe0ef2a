"""Transliteration: pinyin left in the target for source words that are not names ('Baocun' for 包村)."""

from __future__ import annotations

import functools
import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.dictionary import has_cjk, tokenize_zh
from evalkit.model import Finding, Segment
from evalkit.pinyin import split_syllables, word_syllables

_LATIN_WORD = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)*\b")
# An English word at least this common (Zipf scale) is taken as English even if it spells pinyin.
COMMON_ENGLISH = 3.5


@functools.lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def source_spellings(source: str, ctx: CheckContext) -> dict[str, tuple[str, bool]]:
    """Joined toneless pinyin of every source word and run of its syllables -> (word, is a name)."""
    d = ctx.resources.dictionary
    out: dict[str, tuple[str, bool]] = {}
    for tok in tokenize_zh(source):
        if not has_cjk(tok.text):
            continue
        syl = word_syllables(tok.text)
        is_name = d.is_name(tok.text)
        for i in range(len(syl)):
            for j in range(i + 1, len(syl) + 1):
                key = "".join(syl[i:j])
                part = tok.text[i:j] if len(tok.text) == len(syl) else tok.text
                if key not in out or (j - i == len(syl)):
                    out[key] = (part if j - i < len(syl) else tok.text, is_name or d.is_name(part))
    return out


@register("pinyin", category="accuracy/untranslated", severity="major")
def pinyin_left(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Pinyin in the target that spells a source word which is not a name ('Baocun' for 包村)."""
    if not seg.source or not has_cjk(seg.source):
        return
    spellings = None
    for m in _LATIN_WORD.finditer(seg.target):
        word = m.group(0)
        syl = split_syllables(word)
        if not syl or english_zipf(word.lower()) >= COMMON_ENGLISH:
            continue
        if spellings is None:
            spellings = source_spellings(seg.source, ctx)
        hit = spellings.get("".join(syl))
        if hit is None or hit[1]:
            continue
        chinese = hit[0]
        senses = ctx.resources.dictionary.content_senses(chinese)
        gloss = "; ".join(senses[:3]) if senses else None
        yield spec.finding(
            seg, m.start(), m.end(),
            f"{word!r} is the pinyin of {chinese} ({' '.join(word_syllables(chinese))}), not a name"
            + (f"; CC-CEDICT: {gloss}" if gloss else ""),
            suggestion=senses[0] if senses else None,
            source=chinese,
        )
