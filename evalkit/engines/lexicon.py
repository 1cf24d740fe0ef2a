"""The offline engine: a word-by-word CC-CEDICT gloss of jieba-segmented Chinese."""

from __future__ import annotations

import re

from evalkit.dictionary import Dictionary, has_cjk, tokenize_zh

_PUNCT = str.maketrans({
    "，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")",
    "“": '"', "”": '"', "‘": "'", "’": "'", "《": '"', "》": '"', "【": "[", "】": "]", "—": "-", "…": "...",
    "　": " ",
})
_SPACE_BEFORE = re.compile(r"\s+([,.;:?!)\]])")
_SPACE_AFTER = re.compile(r"([(\[])\s+")
_FULLWIDTH_DIGIT = str.maketrans("０１２３４５６７８９％", "0123456789%")


class LexiconEngine:
    """Glosses each jieba word with its first content sense; names keep their English form."""

    name = "lexicon"
    model = "cc-cedict"
    cacheable = False  # glossing is cheaper than a cache look-up

    def __init__(self, dictionary: Dictionary | None = None, **_: object):
        self._dictionary = dictionary

    @property
    def dictionary(self) -> Dictionary:
        if self._dictionary is None:
            self._dictionary = Dictionary.load()
        return self._dictionary

    def cache_key(self) -> dict[str, object]:
        return {"engine": self.name, "model": self.model, "version": 1}

    def translate(self, batch: list[str]) -> list[str]:
        return [self._translate_one(text) for text in batch]

    def gloss(self, word: str) -> str | None:
        """The English a re-translation uses for one Chinese word, or None if unknown."""
        d = self.dictionary
        sense = d.best_sense(word)
        if sense is None:
            return None
        if d.is_name(word):
            # 'Si county in Suzhou 宿州, Anhui' -> 'Si county'
            sense = re.split(r",| in | of |;", sense)[0]
            sense = re.sub(r"[\u3400-\u9fff]+", "", sense).strip()
            return sense.title() if sense.islower() else sense
        return re.sub(r"^(to|a|an|the) ", "", sense)

    def _gloss_run(self, run: str) -> list[str]:
        """Gloss a word, or split an unknown one by longest dictionary match; drop what has no gloss."""
        g = self.gloss(run)
        if g is not None:
            return [g]
        out, i = [], 0
        while i < len(run):
            for j in range(min(len(run), i + 6), i, -1):
                if run[i:j] in self.dictionary or j == i + 1:
                    g = self.gloss(run[i:j])
                    if g is not None:
                        out.append(g)
                    i = j
                    break
        return out

    def _translate_one(self, text: str) -> str:
        words: list[str] = []
        for tok in tokenize_zh(text.translate(_FULLWIDTH_DIGIT)):
            w = tok.text
            if not has_cjk(w):
                words.append(w.translate(_PUNCT))
                continue
            words.extend(self._gloss_run(w))
        out = " ".join(x.strip() for x in words if x.strip())
        out = _SPACE_BEFORE.sub(r"\1", out)
        out = _SPACE_AFTER.sub(r"\1", out)
        return out[:1].upper() + out[1:]
