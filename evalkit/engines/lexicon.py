"""The offline engine: a word-by-word CC-CEDICT gloss of jieba-segmented Chinese."""

from __future__ import annotations

import re

from evalkit.dictionary import Dictionary, has_cjk
from evalkit.lang import primary
from evalkit.lang.script import HAN_RUN, ZH_PUNCTUATION_ASCII
from evalkit.lang.zh import tokenize_zh

_PUNCT = str.maketrans(ZH_PUNCTUATION_ASCII)
_SPACE_BEFORE = re.compile(r"\s+([,.;:?!)\]])")
_SPACE_AFTER = re.compile(r"([(\[])\s+")
_FULLWIDTH_DIGIT = str.maketrans("０１２３４５６７８９％", "0123456789%")


class LexiconEngine:
    """Glosses each jieba word with its first content sense; names keep their English form."""

    name = "lexicon"
    model = "cc-cedict"
    cacheable = False  # glossing is cheaper than a cache look-up
    # It glosses Chinese words with CC-CEDICT's English senses: one direction only.
    PAIRS = frozenset({("zh", "en")})

    @classmethod
    def serves(cls, src_lang: str, tgt_lang: str) -> bool:
        """Whether it can re-translate this pair."""
        return (primary(src_lang), primary(tgt_lang)) in cls.PAIRS
    fork_safe = True  # a forked worker process may use it (see evalkit.executors.local)

    def __init__(self, dictionary: Dictionary | None = None, **_: object):
        self._dictionary = dictionary
        self._senses: dict[str, str | None] = {}
        self._runs: dict[str, tuple[str, ...]] = {}

    @property
    def dictionary(self) -> Dictionary:
        if self._dictionary is None:
            self._dictionary = Dictionary.load()
        return self._dictionary

    def cache_key(self) -> dict[str, object]:
        return {"engine": self.name, "model": self.model, "version": 3}

    def translate(self, batch: list[str]) -> list[str]:
        return [self._translate_one(text) for text in batch]

    def gloss(self, word: str) -> str | None:
        """The English a re-translation uses for one Chinese word, or None if unknown."""
        d = self.dictionary
        sense = self.choose_sense(word)
        if sense is None:
            return None
        if d.is_name(word):
            # 'Si county in Suzhou 宿州, Anhui' -> 'Si county'
            sense = re.split(r",| in | of |;", sense)[0]
            sense = HAN_RUN.sub("", sense).strip()
            return sense.title() if sense.islower() else sense
        return re.sub(r"^(to|a|an|the) ", "", sense)

    def choose_sense(self, word: str) -> str | None:
        """Of the first few senses, the one in the most common English, early senses preferred:
        乡村 'village' rather than 'rustic'. Names keep their first sense."""
        d = self.dictionary
        senses = d.content_senses(word)
        if not senses:
            return None
        if d.is_name(word):
            return senses[0]
        if word in self._senses:
            return self._senses[word]
        # The reading pypinyin gives in context picks the entry: 圈 quan1 'circle', not juan1 'to pen in'.
        from pypinyin import Style, lazy_pinyin

        said = " ".join(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)).replace("ü", "v")
        entries = [defs for p, defs in d.readings(word) if p.lower().replace("u:", "v") == said]
        if entries:
            allowed = {x for defs in entries for x in defs}
            senses = [x for x in senses if any(x in a for a in allowed)]
            if not senses:  # 了 le5 is '(completed action marker)': a particle English leaves unsaid
                self._senses[word] = None
                return None
        from evalkit.lang.en import english_zipf

        def score(item: tuple[int, str]) -> float:
            pos, sense = item
            words = [w for w in re.findall(r"[A-Za-z]+", sense) if w.lower() not in ("to", "a", "an", "the", "of", "be")]
            if not words:
                return -99.0
            common = min(english_zipf(w.lower()) for w in words)
            return common - 0.8 * pos - 0.3 * max(0, len(words) - 2)

        best = max(enumerate(senses[:4]), key=score)[1]
        self._senses[word] = best
        return best

    # Glosses of this many words are remembered (a run asks for the same words again and again);
    # past it they are forgotten and asked anew, so memory stays bounded on any input.
    MEMO_WORDS = 100_000

    def _gloss_run(self, run: str) -> list[str]:
        """Gloss a word, or split an unknown one into dictionary words (multi-character words before
        characters); drop what has no gloss."""
        hit = self._runs.get(run)
        if hit is None:
            if len(self._runs) >= self.MEMO_WORDS:
                self._runs.clear()
            hit = self._runs[run] = tuple(self._gloss_run_uncached(run))
        return list(hit)

    def _gloss_run_uncached(self, run: str) -> list[str]:
        g = self.gloss(run)
        if g is not None:
            return [g]
        return [g for g in (self.gloss(p) for p in self.dictionary.parts(run)) if g is not None]

    def _translate_one(self, text: str) -> str:
        words: list[str] = []
        for tok in tokenize_zh(text.translate(_FULLWIDTH_DIGIT)):
            w = tok.text
            if not has_cjk(w):
                words.append(w.translate(_PUNCT))
                continue
            for g in self._gloss_run(w):
                if g.startswith("~") and words:  # CC-CEDICT's ~ is the word before: 宇宙的 'universe's'
                    words[-1] += g[1:].strip()
                else:
                    words.append(g)
        out = " ".join(x.strip() for x in words if x.strip())
        out = _SPACE_BEFORE.sub(r"\1", out)
        out = _SPACE_AFTER.sub(r"\1", out)
        return out[:1].upper() + out[1:]
