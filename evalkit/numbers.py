"""Numbers in Chinese and English text as values: Arabic and Chinese numerals, 万/亿, scale words, dates."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_ZH_AFTER_DIGITS = {"千": 1000, "万": 10_000, "亿": 100_000_000}
# Classifiers and units after which a one-character numeral is a quantity, not part of a word (一些, 统一).
ZH_CLASSIFIERS = _ZH_CLASSIFIERS = frozenset("个名位次年月日号时点分秒岁人户家条件项支艘处座所元块角米里吨斤倍级期批类种辆台场天周届层页张本只头匹")
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6, "Ⅶ": 7, "Ⅷ": 8, "Ⅸ": 9, "Ⅹ": 10}
_ROMAN_ASCII = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}

# A comma groups thousands only before three digits: [1,1] is two numbers, 1,804 one.
_ZH_ARABIC = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)*)\s*([千万亿]*)")
_ZH_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百点.\d]+)")
_ZH_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
# 成 after a number counts tenths (两成 is 20%, 6成 60%), unless it starts a word (一成不变, 三成员)
_ZH_TENTHS = re.compile(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十])成(?![为立功员果绩就本交都熟长效品分型不])")
_EN_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion)\b)?(%| percent\b)?"
)
_EN_ROMAN = re.compile(r"\b(?:I{1,3}|IV|VI{0,3}|IX|X)\b(?=\s*(?:level|class|grade)|\s*[/\]])", re.IGNORECASE)
_EN_DATE = re.compile(r"(?<![\w.])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\w.]*\d)")
SCALE_WORDS = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True)
class Number:
    """A number found in a text: its value and its span."""

    value: float
    start: int
    end: int
    text: str


def parse_zh_numeral(s: str) -> int | None:
    """Value of a Chinese numeral such as 一千八百零四, 十二, 三万五千, 两百; None if not one."""
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _ZH_DIGITS:
            if digit is not None and digit != 0 and ch != "零":
                # Digit strings like 二〇二二 (a year): read positionally.
                return int("".join(str(_ZH_DIGITS[c]) for c in s)) if all(c in _ZH_DIGITS for c in s) else None
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            section += (digit if digit is not None else 1) * _ZH_UNITS[ch]
            digit = None
        elif ch in _ZH_BIG:
            section += digit or 0
            total = (total + section) * _ZH_BIG[ch] if ch == "亿" else total + section * _ZH_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def zh_numbers(text: str, strict: bool = False) -> list[Number]:
    """Numbers in Chinese text: Arabic (with 千/万/亿), Chinese numerals, 百分之 percentages, and
    tenths (两成, read as 2 and as 20 per cent).

    With ``strict``, a one-character Chinese numeral counts only before a classifier (三个, not 统一).
    """
    return list(_zh_numbers(text, strict))


@functools.lru_cache(maxsize=16384)  # the checks ask again and again about the same texts and words
def _zh_numbers(text: str, strict: bool) -> tuple[Number, ...]:
    out: list[Number] = []
    for m in _ZH_PERCENT.finditer(text):
        v = parse_zh_numeral(m.group(1)) if not any(c.isdigit() for c in m.group(1)) else None
        if v is None:
            try:
                v = float(m.group(1))
            except ValueError:
                v = None
        if v is not None:
            out.append(Number(float(v), m.start(), m.end(), m.group(0)))
    for m in _ZH_ARABIC.finditer(text):
        raw = m.group(1).replace(",", "")
        if raw.count(".") > 1:
            for part in raw.split("."):
                out.append(Number(float(part), m.start(), m.end(), m.group(0)))
            continue
        value = float(raw)
        for big in m.group(2):
            value *= _ZH_AFTER_DIGITS[big]
        end = m.end() if m.group(2) else m.end(1)
        out.append(Number(value, m.start(), end, text[m.start() : end]))
        if m.group(2):
            out.append(Number(float(raw), m.start(), m.end(), m.group(0).replace(" ", "")))
    percent = [(m.start(), m.end()) for m in _ZH_PERCENT.finditer(text)]
    for m in _ZH_NUMERAL.finditer(text):
        if all(c in _ZH_AFTER_DIGITS for c in m.group(0)) and m.start() > 0 and text[m.start() - 1].isdigit():
            continue  # 千/万/亿 after Arabic digits, handled above
        if all(c in _ZH_BIG for c in m.group(0)) or any(a <= m.start() < b for a, b in percent):
            continue
        value = parse_zh_numeral(m.group(0))
        if strict and len(m.group(0)) == 1 and not text[m.end() : m.end() + 1] in _ZH_CLASSIFIERS:
            continue
        if value is not None:
            out.append(Number(float(value), m.start(), m.end(), m.group(0)))
    for m in re.finditer("|".join(_ROMAN), text):
        out.append(Number(float(_ROMAN[m.group(0)]), m.start(), m.end(), m.group(0)))
    for m in _ZH_TENTHS.finditer(text):  # a second reading, as 1.2万 is read as 12,000 and as 1.2
        n = m.group(1)
        tenths = float(n) if n[0].isdigit() else parse_zh_numeral(n)
        out.append(Number(round(tenths * 10, 6), m.start(), m.end(), m.group(0)))
    return tuple(out)


def en_numbers(text: str) -> list[Number]:
    """Numbers written in digits in English text (with scale words and %), plus bracketed Roman levels."""
    out: list[Number] = []
    for m in _EN_DATE.finditer(text):
        for g in (1, 3, 4):
            out.append(Number(float(m.group(g)), m.start(g), m.end(g), m.group(g)))
    masked = _EN_DATE.sub(lambda m: " " * len(m.group(0)), text)
    for m in _EN_NUMBER.finditer(masked):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        if m.group(3):
            value *= SCALE_WORDS[m.group(3).lower()]
        out.append(Number(value, m.start(), m.end(), text[m.start() : m.end()]))
    for m in _EN_ROMAN.finditer(text):
        out.append(Number(float(_ROMAN_ASCII[m.group(0).upper()]), m.start(), m.end(), m.group(0)))
    return out


EN_CARDINALS = {  # English number words up to ninety
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_EN_FRACTIONS = {"half": 1 / 2, "quarter": 1 / 4, "quarters": 1 / 4, "third": 1 / 3, "thirds": 1 / 3}
_EN_WORD = re.compile(r"[A-Za-z]+")


def en_number_words(text: str) -> list[Number]:
    """Numbers spelled out in English: 'twenty thousand', 'one hundred and five', 'a hundred thousand',
    'a quarter of a million', 'two and a half million'. Words are joined by spaces or hyphens."""
    words = [(m.group(0).lower(), m.start(), m.end()) for m in _EN_WORD.finditer(text)]
    out: list[Number] = []
    i = 0
    while i < len(words):
        value, j = _number_phrase(text, words, i)
        if value is None:
            i += 1
            continue
        start, end = words[i][1], words[j - 1][2]
        out.append(Number(value, start, end, text[start:end]))
        i = j
    return out


def _number_phrase(text: str, words: list[tuple[str, int, int]], i: int) -> tuple[float | None, int]:
    """The value of the spelled-out number starting at ``words[i]`` and the index after it."""

    def word(k: int) -> str:
        joined = k == i or (k < len(words) and text[words[k - 1][2] : words[k][1]] in (" ", "-"))
        return words[k][0] if k < len(words) and joined else ""

    total, current, end = 0.0, None, None  # ``end``: the index after the last number word
    j = i + 1 if word(i) in ("a", "an") else i  # 'a hundred', 'a quarter of a million'
    while True:
        w = word(j)
        if w in EN_CARDINALS and (j == i or end is not None) and (  # not 'a two'
                current is None or current % 100 == 0 or (current % 100 >= 20 and EN_CARDINALS[w] < 10)):
            current = (current or 0.0) + EN_CARDINALS[w]  # 'two thousand five', 'one hundred five', 'twenty-five'
        elif w == "hundred" and (current is None or current < 100):
            current = (current or 1.0) * 100
        elif w in SCALE_WORDS and (current is not None or end is None):
            total, current = total + (current or 1.0) * SCALE_WORDS[w], None
        elif w == "and" and end is not None and word(j + 1) in EN_CARDINALS:
            j += 1
            continue
        elif w == "and" and end is not None and (word(j + 1), word(j + 2)) == ("a", "half") and word(j + 3) in SCALE_WORDS:
            total, current, j = total + ((current or 0.0) + 0.5) * SCALE_WORDS[word(j + 3)], None, j + 3
        elif w in _EN_FRACTIONS and word(j + 1 + (word(j + 1) == "of")) in ("a", "an"):
            k = j + 2 + (word(j + 1) == "of")
            if word(k) not in SCALE_WORDS and word(k) != "hundred":
                break
            scale = SCALE_WORDS.get(word(k), 100)
            total, current, j = total + (current or 1.0) * _EN_FRACTIONS[w] * scale, None, k
        else:
            break
        j += 1
        end = j
    if end is None:
        return None, i + 1
    return total + (current or 0.0), end


def same_digits(a: float, b: float) -> bool:
    """True when two integers use the same digits in another order (1804 vs 1084): a likely typo."""
    sa, sb = str(int(a)), str(int(b))
    return a != b and a == int(a) and b == int(b) and len(sa) > 1 and sorted(sa) == sorted(sb)
