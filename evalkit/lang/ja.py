"""Japanese: Han and kana without spaces between words, full-width punctuation (、。「」), kanji numerals."""

from __future__ import annotations

from evalkit.lang.generic import Generic
from evalkit.lang.script import has_han
from evalkit.numbers import ZH_CLASSIFIERS, Number, zh_numbers


class Japanese(Generic):
    code = "ja"
    name = "Japanese"
    script = "JAPANESE"
    spaced = False
    cased = False
    full_width = True
    full_width_forms = {",": "、", ".": "。"}
    function_words = frozenset("の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など "
                               "なっ ない この ため その あっ よう また もの という あり まで られ なる へ か だ これ "
                               "によって により おり より による ず なり られる において ば なかっ なく しかし "
                               "について せ だっ その後 できる それ う ので なお のみ でき き つ における および "
                               "いう さらに でも ら たり その他 に関する たち ます ん なら です".split())

    def digits(self, text: str) -> list[Number]:
        return self.numbers(text)

    def numbers(self, text: str) -> list[Number]:
        """Arabic digits (full-width ones too) and kanji numerals (三, 二十, 5万), read as in Chinese. A
        kanji numeral between other kanji is part of a word (一覧 list, 統一 unify), unless a counter
        follows it (三人, 二回); with no Japanese word segmenter, that is read from the neighbours."""
        return [n for n in zh_numbers(text) if any(c.isdigit() for c in n.text) or _stands_alone(text, n)]


# Counters and what follows an ordinal's 第, beyond the classifiers Chinese shares.
_COUNTERS = frozenset("回件個人名本枚台冊階歳度番号割倍つヶか月日年時分秒週")


def _stands_alone(text: str, num: Number) -> bool:
    before = text[num.start - 1] if num.start else ""
    after = text[num.end] if num.end < len(text) else ""
    if before == "第":
        return True  # an ordinal: 第三章
    if before and has_han(before):
        return False
    return not after or not has_han(after) or after in ZH_CLASSIFIERS or after in _COUNTERS
