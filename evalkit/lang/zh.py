"""Chinese: jieba words, Han script without spaces, Chinese numerals (十万, 25万, 百分之五),
full-width punctuation, and the grammatical words a translation need not render."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from evalkit.lang.base import Word
from evalkit.lang.generic import Generic
from evalkit.lang.script import has_han
from evalkit.numbers import Number, zh_numbers

@dataclass(frozen=True)
class Token:
    """A jieba word with its character span in the text it came from."""

    text: str
    start: int
    end: int



@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@functools.lru_cache(maxsize=8192)
def _tokenize(text: str) -> tuple[Token, ...]:
    return tuple(Token(w, s, e) for w, s, e in _jieba().tokenize(text))


def tokenize_zh(text: str) -> list[Token]:
    """jieba words of ``text`` with their spans (precise mode)."""
    return list(_tokenize(text))


def cuts_apart(first: str, second: str) -> bool:
    """Whether jieba's words of ``first + second`` are those of ``first`` then those of ``second``:
    jieba cuts a text into runs of word characters (its own pattern) before it cuts each run, so
    they are when ``first`` ends with a character outside that pattern (not a CR before an LF)."""
    word_run = getattr(_jieba(), "re_han_default", None)
    if word_run is None or not first or not second:
        return False
    return not word_run.match(first[-1]) and not (first[-1] == "\r" and second[0] == "\n")



# Chinese grammatical words a translation need not render by a word of its own: particles,
# prepositions, conjunctions, pronouns, classifiers, light verbs and degree adverbs.
ZH_FUNCTION = frozenset(
    """的 地 得 了 着 过 之 其 所 以 为 与 和 及 或 而 并 且 把 将 被 对 于 在 从 向 由 给 让 使 是 有 也 都 就
    又 还 再 才 很 更 最 太 已 已经 这 那 此 该 每 每个 各 个 名 位 项 次 种 些 等 等等 如 如下 即 则 但 却 因 因为
    所以 如果 虽然 但是 而且 以及 通过 进行 开展 实现 作为 关于 对于 由于 为了 以来 以上 以下 之一 之间 之后 之前
    当中 中 上 下 里 内 外 前 后 们 我 你 他 她 它 我们 你们 他们 她们 它们 自己 大家 什么 怎么 怎样 这样 那样 这个
    那个 这些 那些 一个 一些 一种 一直 不断 不 没 没有 吗 呢 吧 啊 呀 哦 嘛 啦 么 来 去 起来 下来 出来 上来 一下
    能 会 要 可以 应该 可能 正 正在 曾 曾经 就是 还是 只 只是 真的 非常 十分 特别 比较 较 其中 当 当时 时 时候
    来说 而言 方面 那么 这么 如此 然后 于是 因此 另外 此外 同时 其实 当然 一样 一起 一定 一切 所有 任何 共 共有
    均 全 全部 化 性 式 者 员 家 里面 这里 那里 哪里 年 月 日 号 分 秒 点 处 支 条 件 艘 余 多 约 近 近日""".split()
)


class Chinese(Generic):
    """Chinese (simplified and traditional): words by jieba, numbers by value however written."""

    code = "zh"
    name = "Chinese"
    script = "CJK"
    spaced = False
    cased = False
    full_width = True
    full_width_forms = {",": "，", ".": "。", ";": "；", ":": "：", "?": "？", "!": "！"}
    function_words = ZH_FUNCTION

    def __init__(self, code: str | None = None):
        super().__init__("zh")

    def words(self, text: str) -> list[Word]:
        return [Word(t.text, t.start, t.end) for t in tokenize_zh(text) if any(c.isalnum() for c in t.text)]

    def digits(self, text: str) -> list[Number]:
        return self.numbers(text)

    def numbers(self, text: str) -> list[Number]:
        """Numbers in digits, and in numerals that stand as numbers: a numeral inside a word of its
        own (二氧化碳 carbon dioxide, 一些 some, 一直 always) or a lone 零 is no number of the text."""
        found = zh_numbers(text)
        if all(any(c.isdigit() for c in n.text) for n in found):
            return found
        words = [(w.start, w.end, w.text) for w in self.words(text)]
        return [n for n in found if any(c.isdigit() for c in n.text) or _stands_alone(n, words)]

    def is_name(self, text: str, word: Word) -> bool:
        return False  # Chinese writes no capitals; the lexicon tells names (CC-CEDICT's capitalised pinyin)

    @staticmethod
    def writes(text: str) -> bool:
        """Whether ``text`` has Chinese characters in it."""
        return has_han(text)


# Measure words and what follows an ordinal, beyond the classifiers numbers are read with.
_MEASURES = frozenset("架把双对套份篇首封栋间幅部季度轮届名")


def _stands_alone(num: Number, words: list[tuple[int, int, str]]) -> bool:
    """A numeral is a number where the word it starts is the numeral, maybe with a classifier after it
    (三人, 两架), or an ordinal's 第 before it (第三季度); inside or at the head of another word
    (二氧化碳) it is part of that word."""
    from evalkit.numbers import ZH_CLASSIFIERS

    if num.value == 0:
        return False
    for start, end, text in words:
        if start <= num.start < end:
            rest = text[num.end - start :] if num.end <= end else ""
            head = text[: num.start - start]
            return head in ("", "第") and all(c in ZH_CLASSIFIERS or c in _MEASURES for c in rest)
    return True
