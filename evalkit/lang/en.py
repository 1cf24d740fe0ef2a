"""English: its words (letters with inner apostrophes; hyphenated and run-together words in parts),
Porter2 stems with irregular forms, closed-class words, spelled-out numbers and its doublings."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from evalkit.lang.base import Word
from evalkit.lang.generic import Generic
from evalkit.numbers import EN_CARDINALS, SCALE_WORDS, Number, en_number_words, en_numbers

# English words of a text: letters (accented ones too: Wilmès) with an inner apostrophe ("people's",
# "don't"); hyphens split words.
_EN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]+(?:['’][A-Za-zÀ-ÖØ-öø-ɏ]+)*")

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



@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=1 << 18)  # a run asks for the same few thousand words again and again
def stem(word: str) -> str:
    """A comparison key for an English word: lower case, irregular forms mapped, Porter2 stem."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _IRREGULAR.get(w, w)
    return _stemmer().stemWord(w)


@functools.lru_cache(maxsize=200_000)
def english_zipf(word: str) -> float:
    """How common an English word is (wordfreq's Zipf scale: 7 for 'the', 0 for unknown)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def is_stopword(word: str) -> bool:
    """A closed-class word; a contraction of closed-class words too ("we're", "don't", "it's")."""
    lower = word.lower().replace("’", "'")
    return lower in STOPWORDS or ("'" in lower and all(p in STOPWORDS for p in lower.split("'")))


@dataclass(frozen=True, slots=True)
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


HYPHENATED = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
_CAMEL = re.compile(r"(?<=[a-z]{2})(?=[A-Z])")


def en_words(text: str) -> list[EnWord]:
    """English words of ``text`` with their spans; hyphenated and run-together words ('manWith')
    count as their parts."""
    return list(_en_words(text))


@functools.lru_cache(maxsize=16384)  # every check reads the same targets and re-translations
def _en_words(text: str) -> tuple[EnWord, ...]:
    out = []
    for m in _EN_WORD.finditer(text):
        word, start = m.group(0), m.start()
        cuts = [c.start() for c in _CAMEL.finditer(word)]
        if not cuts:
            out.append(EnWord(word, start, m.end()))
            continue
        prev = 0
        for c in cuts + [len(word)]:
            out.append(EnWord(word[prev:c], start + prev, start + c))
            prev = c
    return tuple(out)


# Words English grammar may say twice in a row ('what it is is', 'he had had', 'that that').
DOUBLINGS = frozenset({"that", "had", "is", "very", "so", "bye", "no", "yes", "ha", "knock", "tut", "dum", "pooh",
                       "night", "goody", "chop", "hush", "tsk", "hip", "blah", "bla", "ho", "la", "boo", "oh", "ah"})


class English(Generic):
    """English, as the zh-en checks have always read it."""

    code = "en"
    name = "English"
    script = "LATIN"
    doublings = DOUBLINGS
    function_words = STOPWORDS
    day_names = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
    month_names = {
        "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4, "Apr": 4,
        "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8, "September": 9, "Sep": 9,
        "Sept": 9, "October": 10, "Oct": 10, "November": 11, "Nov": 11, "December": 12, "Dec": 12,
    }
    number_words = {**EN_CARDINALS, "zero": 0, "hundred": 100, **SCALE_WORDS, "dozen": 12}
    abbreviations = frozenset(
        "mr mrs ms dr prof st no nos fig vs etc e.g i.e inc ltd co jr sr gov gen rep sen jan feb mar apr jun jul aug "
        "sep sept oct nov dec".split())

    def __init__(self, code: str | None = None):
        super().__init__("en")

    def words(self, text: str) -> list[Word]:
        return en_words(text)  # type: ignore[return-value]  (EnWord: a Word with a stem)

    def digits(self, text: str) -> list[Number]:
        return en_numbers(text)

    def numbers(self, text: str) -> list[Number]:
        return sorted([*en_numbers(text), *en_number_words(text)], key=lambda n: n.start)

    def is_function_word(self, word: str) -> bool:
        return is_stopword(word)

    def stem(self, word: str) -> str:
        return stem(word)

    def zipf(self, word: str) -> float:
        return english_zipf(word)
