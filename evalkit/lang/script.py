"""Scripts as character classes: the one place evalkit names Unicode ranges.

Every module that asks "is this Chinese?", "is this full-width?" or "which script is this
letter in?" asks here (through a language pack where it can), so a range is written once.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Han ideographs: Extension A, the URO and the compatibility block (what CC-CEDICT headwords use).
HAN = "\u3400-\u9fff\uf900-\ufaff"
# The Unified Ideographs block alone: the characters GB2312 and Big5 text decodes to.
HAN_URO = "\u4e00-\u9fff"
KANA = "\u3040-\u30ff"
HANGUL = "\uac00-\ud7af"
HAN_SUPPLEMENTARY = "\U00020000-\U0003ffff"
# What a Chinese, Japanese or Korean text is mostly written in.
CJK_LETTERS = KANA + HAN + HANGUL + HAN_SUPPLEMENTARY

HAN_CHAR = re.compile(f"[{HAN}]")
HAN_URO_CHAR = re.compile(f"[{HAN_URO}]")
HAN_RUN = re.compile(f"[{HAN}]+")
CJK_CHAR = re.compile(f"[{CJK_LETTERS}]")

# Full-width (ideographic) punctuation of Chinese and Japanese, with the ASCII each stands for.
# Typographic quotes (‘ ’ “ ”) are not in it: English, German and French write them too.
FULL_WIDTH_PUNCTUATION = {
    "，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")",
    "《": '"', "》": '"', "【": "[", "】": "]", "「": '"', "」": '"', "『": '"', "』": '"', "〈": "<", "〉": ">",
    "〔": "[", "〕": "]", "～": "~", "　": " ",
}
# Chinese punctuation as a Chinese text writes it, quotes included (for ASCII glossing of such text).
ZH_PUNCTUATION_ASCII = {**FULL_WIDTH_PUNCTUATION, "“": '"', "”": '"', "‘": "'", "’": "'", "—": "-", "…": "..."}


# Languages written mostly in Han, kana or Hangul.
CJK_LANGUAGES = ("zh", "ja", "ko")


def writes_cjk(lang: str) -> bool:
    """Whether the language ``lang`` (any BCP 47 code) is written mostly in CJK characters."""
    return lang.lower().startswith(CJK_LANGUAGES)


def has_han(text: str) -> bool:
    """True when ``text`` has a Han ideograph."""
    return bool(HAN_CHAR.search(text))


# How much of a text the script tests read.
SAMPLE_CHARS = 100_000


def cjk_share(text: str) -> float | None:
    """The share of letters in ``text`` (its first 100,000 characters) that are CJK; None without letters."""
    sample = text[:SAMPLE_CHARS]
    letters = sum(1 for c in sample if c.isalpha())
    return len(CJK_CHAR.findall(sample)) / letters if letters else None


@functools.lru_cache(maxsize=65536)
def script_of(ch: str) -> str:
    """The script a letter is written in, from its Unicode name: 'LATIN', 'CYRILLIC', 'HEBREW',
    'CJK' (Han), 'HIRAGANA', 'KATAKANA', 'HANGUL', 'ARABIC', ...; '' for a non-letter."""
    if not ch.isalpha():
        return ""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def dominant_script(text: str) -> str:
    """The script most of the letters of ``text`` are in ('' without letters)."""
    counts: dict[str, int] = {}
    for ch in text[:100_000]:
        s = script_of(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else ""


def is_rtl_char(ch: str) -> bool:
    """A character written right to left (Hebrew, Arabic, Syriac, Thaana, ...)."""
    return unicodedata.bidirectional(ch) in ("R", "AL")
