"""Transliteration: pinyin left in the target for source words that are not names ('Baocun' for 包村)."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import analysis, retranslation_rendering
from evalkit.dictionary import Dictionary, has_cjk
from evalkit.lang.en import english_zipf
from evalkit.lang.zh import tokenize_zh
from evalkit.model import Finding, Segment
from evalkit.pinyin import camel_parts, find_spelling, split_syllables

_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# An English word at least this common (Zipf scale) is taken as English even if it spells pinyin.
COMMON_ENGLISH = 3.5
# Generic heads of place names and the characters that say them in Chinese.
_PLACE_HEADS = {
    "county": "县", "city": "市", "province": "省", "village": "村", "town": "镇", "township": "乡",
    "district": "区", "river": "江河", "lake": "湖", "mountain": "山", "mountains": "山", "prefecture": "州",
    "street": "街路", "road": "路", "bridge": "桥", "temple": "寺庙", "island": "岛",
}


def _is_surname(d: Dictionary, ch: str) -> bool:
    return any(s.lower().startswith("surname") for s in d.senses(ch))


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """Latin words of ``text`` and the parts of run-together ones ('brocadeXingchong')."""
    for m in _LATIN_WORD.finditer(text):
        for off, part in camel_parts(m.group(0)):
            yield m.start() + off, part


def _spells(word: str, source: str) -> list[tuple[int, int]]:
    syl = split_syllables(word)
    if not syl or len(syl) > 4:
        return []
    return [(h, h + len(syl)) for h in find_spelling(syl, source)]


def _is_name(d: Dictionary, source: str, span: tuple[int, int], target: str, start: int, end: int) -> bool:
    """Whether the source characters a target word spells are (part of) a name."""
    a, b = span
    for tok in tokenize_zh(source):
        if tok.start < b and a < tok.end and len(tok.text) > 1 and d.is_proper(tok.text):
            return True
    chars = source[a:b]
    if len(chars) == 1 and d.is_proper(chars):
        return True  # 汉 'Han': a proper reading other than a bare surname
    # Person names: a surname's pinyin and the given name's, side by side in both texts.
    before = re.search(r"([A-Za-z]+)\s+$", target[:start])
    after = re.match(r"\s+([A-Za-z]+)", target[end:])
    if before and a > 0 and _is_surname(d, source[a - 1]) and (a - 1, a) in _spells(before.group(1), source):
        return True
    if after and _is_surname(d, source[a]) and len(chars) == 1:
        nxt = _spells(after.group(1), source)
        if any(s == b for s, _ in nxt):
            return True
    # Place names: 'Lishu County' for 梨树县 and 'Wuxing Hongqi Village' for 五星红旗村, where the head
    # character ends a word (not 'Liang Village' for 靓村居, whose 村 begins 村居)
    while after and b < len(source):
        head = _PLACE_HEADS.get(after.group(1).lower())
        if head:
            return source[b] in head and any(t.start <= b and t.end == b + 1 for t in tokenize_zh(source))
        b = next((e for s, e in _spells(after.group(1), source) if s == b), None)
        if b is None:
            return False  # the next word spells no source characters that follow
        end += after.end()
        after = re.match(r"\s+([A-Za-z]+)", target[end:])
    return False


@register("pinyin", category="accuracy/untranslated", severity="major", strong=True, implies=("unsupported-span",),
          source=("zh",), target=("en",), lexicon=True)
def pinyin_left(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Pinyin in the target that spells a source word which is not a name ('Baocun' for 包村)."""
    if not seg.source or not has_cjk(seg.source):
        return
    d = ctx.resources.dictionary
    for start, word in _pieces(seg.target):
        if len(word) < 2 or english_zipf(word.lower()) >= COMMON_ENGLISH:
            continue
        spans = _spells(word, seg.source)
        if not spans:
            continue
        end = start + len(word)
        if any(_is_name(d, seg.source, sp, seg.target, start, end) for sp in spans):
            continue
        a, b = spans[0]
        chinese = seg.source[a:b]
        spelled = " ".join(split_syllables(word) or ())  # the reading the target spells: 靓 as 'liang', not 'jing'
        # pinyin of part of a longer word ('Xingchong' of 兴冲冲): explain and render the whole word
        whole = next((t.text for t in tokenize_zh(seg.source)
                      if t.start <= a and b <= t.end and t.end - t.start > b - a and t.text in d), None)
        parts = [whole] if whole else [chinese] if chinese in d else d.parts(chinese)
        # a lone character's first sense is a guess, and glosses of characters side by side are no
        # translation: suggest only a word's own sense
        glosses = [g for g in (d.best_sense(p) for p in parts) if g] if len(parts) == 1 and len(parts[0]) > 1 else []
        read = [(p, d.content_senses(p, spelled if p == chinese else None)[:3]) for p in parts]
        senses = "; ".join(f"{p} {'; '.join(ss)}" for p, ss in read if ss)
        # a re-translation of its own says it in context ('Convergence Media Center' for 融媒体中心)
        said = retranslation_rendering(seg, ctx, [u.index for u in analysis(seg, ctx).units if u.start < b and a < u.end])
        yield spec.finding(
            seg, start, end,
            f"{word!r} is the pinyin of {chinese} ({spelled}), not a name"
            + (f"; CC-CEDICT: {senses}" if senses else "")
            + (f"; the re-translation says {said!r}" if said else ""),
            suggestion=said or " ".join(re.sub(r"^(to|a|an|the) ", "", g) for g in glosses) or None,
            source=chinese,
        )
