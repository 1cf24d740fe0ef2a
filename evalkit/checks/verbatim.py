"""Words a translation keeps as the source writes them: acronyms and other words in capitals ('USB', 'PDF')."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.model import Finding, Segment

# A word of two or more capitals and nothing else; mixed ones ('MP3', 'GitHub') are code tokens.
_UPPER = re.compile(r"(?<![\w-])[A-Z]{2,}(?![\w-])")
_ROMAN = re.compile(r"[IVXLCDM]+")


def _upper_words(text: str) -> list[re.Match[str]]:
    """The words in capitals of ``text`` that are words of its prose: not inside a placeholder or a
    code token ('{COUNT}', '/API/'), nor an option's argument ('--key=KEYDEF', '-o FILE'), which
    a translation may rightly name in its own language."""
    from evalkit.codetokens import find_code_tokens
    from evalkit.placeholders import find_placeholders

    taken = [(t.start, t.end) for t in [*find_placeholders(text), *find_code_tokens(text)]]
    out = []
    for m in _UPPER.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in taken):
            continue
        before = text[: m.start()]
        if before.endswith("=") or re.search(r"(?:^|\s)-{1,2}[\w-]+[ \[]*$", before):
            continue
        out.append(m)
    return out


def _kept(word: str, target: str) -> bool:
    # 'IMAP-Protokoll', 'USB接口': a compound of the target that keeps the word keeps it
    return re.search(rf"(?<![A-Za-z0-9]){word}(?![A-Za-z0-9])", target) is not None


def _capital_words(text: str) -> set[str]:
    """The capitals two or more letters long that begin a word, in any cased alphabet ('DEFCLÉ',
    'FICHIER' of 'FICHIERs', the plural a help text writes for 'FILE(s)')."""
    out = set()
    for word in re.findall(r"(?<![\w-])[^\W\d_]{2,}", text):
        lead = next((i for i, ch in enumerate(word) if not ch.isupper()), len(word))
        if lead >= 2:
            out.add(word[:lead])
    return out


@register("uppercase-word", category="accuracy/mistranslation", severity="minor")
def uppercase_word(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A word in capitals of the source (an acronym: 'USB', 'PDF') that the target does not write as it is."""
    words = _upper_words(seg.source)
    letters = [ch for ch in seg.source if ch.isalpha()]
    if not words or sum(ch.isupper() for ch in letters) > len(letters) / 2:
        return  # a source written in capitals ('DISK FULL') is shouting, not naming
    missing: list[str] = []
    for m in words:
        word = m.group()
        if word not in missing and not _ROMAN.fullmatch(word) and not _kept(word, seg.target):
            missing.append(word)
    # a name in capitals the target gives in capitals of its own language ('FILE' as 'FICHIER',
    # a help text's argument name) is renamed, not lost: as many of the missing as it has new ones
    renamed = _capital_words(seg.target) - _capital_words(seg.source)
    for word in missing[len(renamed):]:
        other = re.search(rf"(?<![A-Za-z0-9]){word}(?![A-Za-z0-9])", seg.target, re.I)
        if other is not None:  # 'Usb' for 'USB'
            yield spec.finding(seg, other.start(), other.end(), f"{other.group()!r} is written {word!r} in the source",
                               suggestion=word, source=word)
        else:
            end = len(seg.target)
            yield spec.finding(seg, end, end, f"the source's {word!r} is not in the target as written",
                               source=word, category="accuracy/omission")
