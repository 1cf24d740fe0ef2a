"""The generic pack: any language, from Unicode properties (the ``regex`` module's classes).

Words are runs of letters, marks and digits (with inner apostrophes and hyphens); in a script
written without spaces (Han, kana, Thai) each run of one script is a word. Sentences end at a
terminator of any script. Numbers are digits of any script, with this language's decimal and
thousands marks. A pack for one language subclasses ``Generic`` and overrides what differs.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

from evalkit.lang.base import Word
from evalkit.numbers import Number

_SPACED_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*")
_UNSPACED_WORD = regex.compile(
    r"\p{Han}+|\p{Hiragana}+|[\p{Katakana}ー]+|\p{Thai}+|\p{Hangul}+|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*"
)
# Sentence terminators of many scripts, then closing quotes and brackets.
_END = regex.compile(r"(?:[.!?;؟।॥።。！？]+|……)[\"'”’»」』)\]）】]*")
_CLOSING = "\"'”’»」』)]）】"
# What may stand before a word that begins a sentence, a quotation, a heading, a list item or a label.
_CAPITAL_CONTEXT = re.compile(r"(^|[.!?:;¿¡]\s*|[\"“„‘'«‹(\[]\s*|\n\s*|[-–—•*]\s+)$")
# Languages whose script writes words without spaces between them.
_UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})
_RTL = frozenset({"he", "ar", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "syr", "ckb"})
# wordfreq's language codes, and snowball's stemmer names, by primary subtag.
_STEMMERS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish", "nl": "dutch",
    "en": "english", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french", "de": "german",
    "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian", "fa": "persian", "pl": "polish",
    "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish",
    "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}


class Generic:
    """A language known only by its code: everything read from Unicode properties."""

    name = ""
    script = ""
    direction = "ltr"
    spaced = True
    cased = True
    capitalises_nouns = False
    decimal_mark = "."
    thousands_marks = ","
    full_width = False
    full_width_forms: dict[str, str] = {}  # ASCII marks a full-width text writes its own way: ',' -> '，'
    space_before = ""
    space_after = ""
    doublings: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    number_words: dict[str, float] = {}
    day_names: frozenset[str] = frozenset()  # as written mid-sentence ('Monday' in English, 'lundi' in French)
    month_names: dict[str, int] = {}  # as written mid-sentence ('May' in English, 'mai' in French) -> 1..12
    abbreviations: frozenset[str] = frozenset()  # words a full stop may follow mid-sentence ('Dr', 'z.B')

    def __init__(self, code: str | None = None):
        code = code or getattr(self, "code", "und")
        self.code = code
        self.name = self.name or code
        if code in _UNSPACED and type(self) is Generic:
            self.spaced = False
        if code in _RTL and type(self) is Generic:
            self.direction = "rtl"
        self._stemmer_name = _STEMMERS.get(code)

    def __repr__(self) -> str:
        return f"<language {self.code}>"

    # words and sentences

    def words(self, text: str) -> list[Word]:
        pattern = _SPACED_WORD if self.spaced else _UNSPACED_WORD
        return [Word(m.group(0), m.start(), m.end()) for m in pattern.finditer(text)]

    def sentence_ends(self, text: str) -> list[int]:
        out = []
        for m in _END.finditer(text):
            after = text[m.end() : m.end() + 1]
            if self.spaced and after and not after.isspace() and not _wide(m.group(0)):
                continue  # '3.5', 'e.g.x', a URL: not the end of a sentence
            before = re.search(r"(\w+)$", text[: m.start()]) if m.group(0).startswith(".") else None
            if before and self._abbreviation(before.group(1)):
                continue  # 'Dr. Weber', 'z. B.': an abbreviation's full stop
            out.append(m.end())
        return out

    def _abbreviation(self, word: str) -> bool:
        return (len(word) == 1 and word.isalpha() and word.isupper()) or word.lower() in self.abbreviations

    def is_sentence_initial(self, text: str, start: int) -> bool:
        """True when the word at ``start`` begins a sentence, a quotation, a heading, a list item or a label."""
        return start == 0 or bool(_CAPITAL_CONTEXT.search(text[max(0, start - 6) : start]))

    # numbers

    @functools.cached_property
    def _number_pattern(self) -> re.Pattern:
        groups = re.escape(self.thousands_marks)
        dec = re.escape(self.decimal_mark)
        marks = re.escape(self.decimal_mark + "".join(c for c in self.thousands_marks if not c.isspace()))
        # not the digits after a mark ('1,5' in English is no 5); after a space, a number of its own
        return re.compile(
            rf"(?<!\w)(?<!\d[{marks}])(\d{{1,3}}(?:[{groups}]\d{{3}})+(?!\d)|\d+)(?:{dec}(\d+))?(?!\d)"
        )

    def digits(self, text: str) -> list[Number]:
        """Numbers written in digits (of any script) under this language's decimal and thousands marks."""
        out = []
        for m in self._number_pattern.finditer(text):
            digits = re.sub(r"\D", "", m.group(1))
            value = float(int(digits))
            if m.group(2):
                value = float(f"{int(digits)}.{''.join(str(unicodedata.digit(c)) for c in m.group(2))}")
            out.append(Number(value, m.start(), m.end(), m.group(0)))
        return out

    def numbers(self, text: str) -> list[Number]:
        out = self.digits(text)
        if self.number_words:
            for w in self.words(text):
                v = self.number_words.get(w.text.lower())
                if v is not None:
                    out.append(Number(float(v), w.start, w.end, w.text))
        return sorted(out, key=lambda n: n.start)

    def months(self, text: str) -> list[Number]:
        """The months ``text`` names by name, as numbers ('3 May' names month 5). A name is matched as
        the language writes it, or lower-cased where it starts a sentence ('Mai' in French), so the
        English modal 'may' is no month."""
        words = self.words(text) if self.month_names else []
        if len(words) == 1 and text.strip().rstrip(".") == words[0].text:
            # a label that is nothing but a month name ('feb', 'MAY') is that month, whatever its case
            w = words[0]
            v = next((n for name, n in self.month_names.items() if name.lower() == w.text.lower()), None)
            return [Number(float(v), w.start, w.end, w.text)] if v is not None else []
        out = []
        for w in words:
            v = self.month_names.get(w.text)
            if v is None and w.text[:1].isupper():
                v = self.month_names.get(w.text.lower())
            if v is not None:
                out.append(Number(float(v), w.start, w.end, w.text))
        return out

    # words and their kinds

    def is_function_word(self, word: str) -> bool:
        return word.lower() in self.function_words

    def stem(self, word: str) -> str:
        stemmer = _stemmer(self._stemmer_name) if self._stemmer_name else None
        w = word.casefold()
        return stemmer.stemWord(w) if stemmer else w

    def zipf(self, word: str) -> float:
        return _zipf(word, self.code)

    def is_name(self, text: str, word: Word) -> bool:
        if not self.cased or not word.text[:1].isupper() or self.is_sentence_initial(text, word.start):
            return False
        if self.capitalises_nouns:
            # every noun is capitalised: only a word the language's word list lacks reads as a name
            return self.zipf(word.text) == 0.0 and self.zipf(word.text.lower()) == 0.0
        return True

    def is_doubling(self, first: str, second: str) -> bool:
        """Whether a word said twice in a row is grammatical here ('vous vous lavez', 'dass Sie sie')."""
        return first.lower() == second.lower() and first.lower() in self.doublings


def _wide(mark: str) -> bool:
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in mark)


@functools.lru_cache(maxsize=None)
def _stemmer(name: str):
    import snowballstemmer

    return snowballstemmer.stemmer(name)


@functools.lru_cache(maxsize=200_000)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except Exception:  # wordfreq lacks the language or a tokenizer for it (MeCab for Japanese)
        return 0.0
