"""What supports each target word: source glosses, the re-translation, references, numbers, pinyin.

Several checks read the same per-segment analysis, so it is computed once and memoised on the
run's Resources. Everything here is linear in the segment's length; dictionary look-ups are cached
per word for the whole process.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from evalkit.dictionary import Dictionary, EnWord, en_words, has_cjk, stem, tokenize_zh
from evalkit.model import Segment
from evalkit.numbers import en_numbers, zh_numbers
from evalkit.pinyin import find_spelling, split_syllables

if TYPE_CHECKING:
    from evalkit.checks.base import CheckContext

# Chinese grammatical words a translation need not render by a word of its own: particles,
# prepositions, conjunctions, pronouns, classifiers and degree adverbs.
ZH_FUNCTION = frozenset(
    """的 地 得 了 着 过 之 其 所 以 为 与 和 及 或 而 并 且 把 将 被 对 于 在 从 向 由 给 让 使 是 有 也 都 就
    又 还 再 才 很 更 最 太 已 已经 这 那 此 该 每 各 个 名 位 项 次 种 些 等 等等 如 如下 即 则 但 却 因 因为 所以
    如果 虽然 但是 而且 以及 通过 进行 开展 实现 作为 关于 对于 由于 为了 以来 以上 以下 之一 之间 之后 之前 当中 中
    上 下 里 内 外 前 后 们 我 你 他 她 它 我们 你们 他们 她们 它们 自己 大家 什么 怎么 怎样 这样 那样 这个 那个 这些
    那些 一个 一些 一种 一直 不断 不 没 没有 吗 呢 吧 啊 呀 哦 嘛 啦 么 来 去 起来 下来 出来 上来 一下 能 会 要 可以
    应该 可能 已 正 正在 曾 曾经 就是 还是 只 只是 真的 非常 十分 特别 比较 较 其中 当 当时 时 时候 来说 而言 方面
    那么 这么 如此 然后 于是 因此 所以 另外 此外 同时 其实 当然 一样 一起 一定 一切 所有 任何""".split()
)

_CAPITAL_SENTENCE = re.compile(r"(^|[.!?:;]\s+|[\"“(]\s*)$")


@dataclass
class SourceWord:
    """A jieba word of the source with the stems of the English that may render it."""

    index: int
    text: str
    start: int
    end: int
    stems: frozenset[str]
    content: bool  # a Chinese word with a sense of its own, or a number


@dataclass
class TargetWord:
    """An English word of the target and what supports it."""

    index: int
    word: EnWord
    content: bool
    sources: list[int] = field(default_factory=list)  # source words whose senses contain its stem
    in_retranslation: bool = False
    in_reference: bool = False
    number: bool = False
    pinyin: tuple[int, int] | None = None  # source characters it spells, if it is pinyin of them
    surplus: bool = False  # more occurrences than the source and the re-translation account for

    @property
    def text(self) -> str:
        return self.word.text

    @property
    def start(self) -> int:
        return self.word.start

    @property
    def end(self) -> int:
        return self.word.end

    @property
    def stem(self) -> str:
        return self.word.stem

    @property
    def supported(self) -> bool:
        if self.surplus:
            return False
        return bool(self.sources or self.in_retranslation or self.in_reference or self.number or self.pinyin)


@dataclass
class Analysis:
    """Per-segment support of target words by the source and of source words by the target."""

    segment: Segment
    source_words: list[SourceWord]
    target_words: list[TargetWord]
    retranslation_words: list[EnWord]
    covered: list[bool]  # per source word: some target word renders it
    covered_by_retranslation: list[bool]  # per source word: the re-translation renders it
    has_source: bool

    def source_text(self, idx: list[int]) -> str:
        return "".join(self.source_words[i].text for i in idx)

    def unsupported(self) -> list[TargetWord]:
        return [w for w in self.target_words if w.content and not w.supported]


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_CAPITAL_SENTENCE.search(text[max(0, start - 4) : start]))


def source_words(text: str, d: Dictionary) -> list[SourceWord]:
    """The source's jieba words with the stems of their possible renderings."""
    out: list[SourceWord] = []
    for tok in tokenize_zh(text):
        w = tok.text
        if not w.strip():
            continue
        if has_cjk(w):
            stems = d.support(w)
            content = w not in ZH_FUNCTION and bool(stems)
        elif any(c.isalnum() for c in w):
            stems = frozenset(stem(x.text) for x in en_words(w)) or frozenset({w})
            content = True
        else:
            continue
        out.append(SourceWord(len(out), w, tok.start, tok.end, stems, content))
    return out


def _stem_counts(words: list[EnWord]) -> Counter:
    return Counter(w.stem for w in words if w.content)


def analyse(seg: Segment, d: Dictionary, window: int = 8) -> Analysis:
    """Compute which target words the source, the re-translation and the references support."""
    src = source_words(seg.source or "", d) if seg.source and has_cjk(seg.source) else []
    has_source = bool(src)
    tgt_en = en_words(seg.target)
    retr_en = en_words(seg.retranslation or "")
    retr_counts = _stem_counts(retr_en)
    ref_counts = [_stem_counts(en_words(r)) for r in seg.references if r]

    by_stem: dict[str, list[int]] = {}
    for sw in src:
        for s in sw.stems:
            by_stem.setdefault(s, []).append(sw.index)

    numbers = {round(n.value, 6) for n in zh_numbers(seg.source or "")} if has_source else set()
    target_numbers = en_numbers(seg.target)
    numeric_spans = [(n.start, n.end) for n in target_numbers if round(n.value, 6) in numbers]

    words: list[TargetWord] = []
    for i, w in enumerate(tgt_en):
        tw = TargetWord(i, w, content=w.content and len(w.text) > 1)
        s = w.stem
        tw.sources = by_stem.get(s, [])
        tw.in_retranslation = s in retr_counts
        tw.in_reference = any(s in c for c in ref_counts)
        tw.number = any(a <= w.start and w.end <= b for a, b in numeric_spans)
        if has_source and not tw.sources and not tw.in_retranslation:
            syl = split_syllables(w.text)
            if syl and len(syl) <= 4:
                hits = find_spelling(syl, seg.source)
                if hits:
                    tw.pinyin = (hits[0], hits[0] + len(syl))
        words.append(tw)

    # Surplus: a content word said again within a few words, more often than the source, the
    # re-translation or any reference says it ('visible and visible', 'Five-Five').
    if has_source:
        seen: dict[str, list[int]] = {}
        for tw in words:
            if not tw.content:
                continue
            prev = seen.setdefault(tw.stem, [])
            recent = [j for j in prev if tw.index - j <= window]
            if recent:
                allowed = max(
                    [retr_counts.get(tw.stem, 0), len(set(tw.sources))] + [c.get(tw.stem, 0) for c in ref_counts]
                )
                total = len(prev) + 1
                if total > max(allowed, 1):
                    tw.surplus = True
            prev.append(tw.index)

    covered = [False] * len(src)
    for tw in words:
        for j in tw.sources:
            covered[j] = True
        if tw.pinyin:
            for sw in src:
                if sw.start < tw.pinyin[1] and tw.pinyin[0] < sw.end:
                    covered[sw.index] = True
    for sw in src:
        if not covered[sw.index] and any(round(n.value, 6) in {round(t.value, 6) for t in target_numbers}
                                         for n in zh_numbers(sw.text)):
            covered[sw.index] = True
    retr_stems = set(retr_counts)
    covered_by_retr = [bool(sw.stems & retr_stems) for sw in src]
    return Analysis(seg, src, words, retr_en, covered, covered_by_retr, has_source)


def analysis(seg: Segment, ctx: "CheckContext") -> Analysis:
    """The memoised analysis of ``seg`` for this run."""
    memo = ctx.resources.memo.setdefault("support", {})
    key = (seg.id, seg.source, seg.target, seg.retranslation, tuple(seg.references))
    hit = memo.get(key)
    if hit is None:
        hit = analyse(seg, ctx.resources.dictionary)
        memo[key] = hit
    return hit


def is_sentence_initial(text: str, start: int) -> bool:
    """True when the word at ``start`` begins a sentence, a quotation, a heading or a label."""
    return start == 0 or _sentence_initial(text, start)
