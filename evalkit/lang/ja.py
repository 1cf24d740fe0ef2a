"""Japanese: Han and kana without spaces between words, full-width punctuation (、。「」), kanji numerals."""

from __future__ import annotations

from evalkit.lang.generic import Generic
from evalkit.numbers import Number, zh_numbers


class Japanese(Generic):
    code = "ja"
    name = "Japanese"
    script = "JAPANESE"
    spaced = False
    cased = False
    full_width = True
    function_words = frozenset("の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など "
                               "なっ ない この ため その あっ よう また もの という あり まで られ なる へ か だ これ "
                               "によって により おり より による ず なり られる において ば なかっ なく しかし "
                               "について せ だっ その後 できる それ う ので なお のみ でき き つ における および "
                               "いう さらに でも ら たり その他 に関する たち ます ん なら です".split())

    def digits(self, text: str) -> list[Number]:
        return self.numbers(text)

    def numbers(self, text: str) -> list[Number]:
        # Arabic digits (full-width ones too) and kanji numerals (三, 二十, 5万) are read as in Chinese.
        return zh_numbers(text)
