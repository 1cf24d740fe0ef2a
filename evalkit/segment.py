"""Paragraph and sentence splitting for Chinese and English, as character spans of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A piece of a text: ``text == whole[start:end]``."""

    start: int
    end: int
    text: str


_LINE = re.compile(r"[^\r\n]+")
# Chinese: a sentence ends at 。！？ (or ……) plus any closing quotes or brackets.
_ZH_END = re.compile(r"(?:[。！？!?]+|……)[”’」』）)\]】]*")
# English: . ! ? plus closing quotes, then whitespace, then something that can start a sentence.
_EN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_EN_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Nos|Fig|vs|etc|e\.g|i\.e|Inc|Ltd|Co|Jr|Sr|Gov|Gen|Rep|Sen|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines of ``text`` (one paragraph a line), stripped of surrounding spaces."""
    out = []
    for m in _LINE.finditer(text):
        span = _strip(text, m.start(), m.end())
        if span is not None:
            out.append(span)
    return out


def sentences(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as spans of ``text``; never empty for non-blank input."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    cuts = []
    if lang.startswith("zh") or lang.startswith("ja"):
        cuts = [m.end() for m in _ZH_END.finditer(chunk)]
    else:
        for m in _EN_END.finditer(chunk):
            if not _EN_ABBREV.search(chunk[max(0, m.start() - 6) : m.start() + 1]):
                cuts.append(m.end())
    out, prev = [], 0
    for cut in cuts + [len(chunk)]:
        span = _strip(text, start + prev, start + cut)
        if span is not None:
            out.append(span)
        prev = cut
    return out


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None
