"""Punctuation and spacing artifacts: 'grass -roots', 'managers , Sign', 'Author:Anhui', 'AgencyrecentlyA'."""

from __future__ import annotations

import functools
import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import languages
from evalkit.lang.script import FULL_WIDTH_PUNCTUATION
from evalkit.model import Finding, Segment

_SPACED_HYPHEN = re.compile(r"\b([A-Za-z]+) -([A-Za-z]+)\b")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w)( +)([,;:!?]|\.(?!\.))")
# Punctuation a French target writes after a (no-break) space: a word glued to it lacks the space.
_GLUED_BEFORE = r"(?<=[^\W\d_])([{marks}])(?=\s|$|[\"”»)])"
_GLUED_AFTER = r"([{marks}])(?=[^\W\d_])"
_RUN_TOGETHER = re.compile(r"\b[A-Za-z]*[a-z]{3,}[A-Z][A-Za-z]*\b|\b[a-z]+[A-Z]\b")
# A label or list glued to the next word: 'Author:Anhui', 'Time:2022', 'one,two'. Times (07:57),
# numbers (1,000 / 3.5), URLs and abbreviations (e.g.) are left alone.
_MISSING_SPACE = re.compile(r"(?<=[A-Za-z])([:;,])(?=[A-Za-z0-9])|(?<=[a-z]{2})([.!?])(?=[A-Z][a-z])")
_FULL_WIDTH = re.compile(f"[{''.join(c for c in FULL_WIDTH_PUNCTUATION if c != '　')}]")
_URLISH = re.compile(r"\S*(?:https?:|www\.|@|\.com|\.org|\.cn)\S*")


@functools.lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@register("spaced-hyphen", category="fluency/punctuation", severity="minor", strong=True)
def spaced_hyphen(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A hyphenated word broken by a space before the hyphen ('grass -roots')."""
    for m in _SPACED_HYPHEN.finditer(seg.target):
        fixed = f"{m.group(1)}-{m.group(2)}"
        yield spec.finding(seg, m.start(), m.end(), f"space before the hyphen in {m.group(0)!r}", suggestion=fixed)


@register("space-before-punctuation", category="fluency/punctuation", severity="minor", strong=True)
def space_before_punctuation(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A space before a comma, full stop, colon or other closing punctuation ('managers , Sign'),
    where the target language writes none (French writes one before : ; ? !)."""
    spaced = languages(ctx)[1].space_before
    for m in _SPACE_BEFORE_PUNCT.finditer(seg.target):
        if m.group(2) in spaced:
            continue
        yield spec.finding(seg, m.start(), m.end(), f"space before {m.group(2)!r}", suggestion=m.group(2))


@register("space-before-closing-quote", category="fluency/punctuation", severity="minor")
def space_before_closing_quote(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A space before a closing double quotation mark ('and Groups "')."""
    text = seg.target
    if text.count('"') % 2:
        return  # unbalanced: cannot tell opening from closing marks
    n = 0
    for i, ch in enumerate(text):
        if ch != '"':
            continue
        n += 1
        if n % 2 == 0 and i > 0 and text[i - 1] == " " and (i + 1 == len(text) or not text[i + 1].isalnum()):
            start = i - 1
            while start > 0 and text[start - 1] == " ":
                start -= 1
            yield spec.finding(seg, start, i + 1, "space before the closing quotation mark", suggestion='"')


@register("missing-space-before", category="fluency/punctuation", severity="minor")
def missing_space_before(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Punctuation the target language writes after a space (French : ; ? ! », and after «) glued to a word."""
    tgt = languages(ctx)[1]
    text = seg.target
    urls = [(m.start(), m.end()) for m in _URLISH.finditer(text)]
    found = []
    if tgt.space_before:
        found += [(m, "\u00a0" + m.group(1)) for m in re.finditer(_GLUED_BEFORE.format(marks=re.escape(tgt.space_before)), text)]
    if tgt.space_after:
        found += [(m, m.group(1) + "\u00a0") for m in re.finditer(_GLUED_AFTER.format(marks=re.escape(tgt.space_after)), text)]
    for m, fixed in sorted(found, key=lambda x: x[0].start()):
        if any(a <= m.start() < b for a, b in urls):
            continue
        yield spec.finding(seg, m.start(), m.end(),
                           f"{tgt.name} writes a (no-break) space {'before' if fixed.endswith(m.group(1)) else 'after'} {m.group(1)!r}",
                           suggestion=fixed)


@register("missing-space", category="fluency/punctuation", severity="minor", strong=True)
def missing_space(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """No space after a colon, comma or full stop between words ('Author:Anhui', 'Time:2022')."""
    text = seg.target
    tgt = languages(ctx)[1]
    urls = [(m.start(), m.end()) for m in _URLISH.finditer(text)]
    for m in _MISSING_SPACE.finditer(text):
        if any(a <= m.start() < b for a, b in urls):
            continue
        left = re.search(r"[A-Za-z]+$", text[: m.start()])
        right = re.match(r"[A-Za-z0-9]+", text[m.end():])
        if left is None or right is None:
            continue
        punct = m.group(1) or m.group(2)
        if re.search(rf"[^\W\d_]{re.escape(punct)}[^\W\d_]", seg.source):
            continue  # the source writes it so too: a list the program splits ('yes,no,maybe')
        if punct == "." and (len(left.group(0)) < 3 or tgt.zipf(left.group(0).lower()) < 2.5):
            continue  # abbreviations and domain-like tokens
        start, end = left.start(), m.end() + right.end()
        yield spec.finding(
            seg, start, end, f"no space after {punct!r} in {text[start:end]!r}",
            suggestion=f"{left.group(0)}{punct} {right.group(0)}",
        )


@register("run-together", category="fluency/spelling", severity="minor", strong=True,
          source=("zh",), target=("en",), lexicon=True)
def run_together(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Words run together with no space between them ('AgencyrecentlyA', 'manWith').

    Minor, as MQM rates a spelling slip that leaves the meaning clear; pinyin run into a word
    ('brocadeXingchong') is also a major pinyin finding."""
    for m in _RUN_TOGETHER.finditer(seg.target):
        word = m.group(0)
        if _zipf(word.lower()) >= 2.0:
            continue  # a known camel-case name: PowerPoint, JavaScript, LinkedIn
        if seg.source and re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", seg.source):
            continue  # copied from the source as it is written there: a name ('MacroBot')
        split = " ".join(_split_glued(p) for p in re.sub(r"(?<=[a-z])(?=[A-Z])", " ", word).split())
        yield spec.finding(seg, m.start(), m.end(), f"words run together in {word!r}", suggestion=split)


def _split_glued(word: str) -> str:
    """'Agencyrecently' -> 'Agency recently' when both halves are common English words."""
    if _zipf(word.lower()) >= 2.0 or len(word) < 6:
        return word
    best = None
    for i in range(2, len(word) - 1):
        left, right = word[:i], word[i:]
        score = min(_zipf(left.lower()), _zipf(right.lower()))
        if score >= 3.0 and (best is None or score > best[0]):
            best = (score, f"{left} {right}")
    return best[1] if best else word


@register("cjk-punctuation", category="fluency/punctuation", severity="minor", strong=True)
def cjk_punctuation(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Full-width (ideographic) punctuation in a target whose language does not write it ('，' in English).

    Typographic quotes (‘ ’ “ ”) are not full-width: English, German and French write them."""
    tgt = languages(ctx)[1]
    if tgt.full_width:
        return
    for m in _FULL_WIDTH.finditer(seg.target):
        yield spec.finding(seg, m.start(), m.end(), f"full-width {m.group(0)!r} in {tgt.name or tgt.code} text",
                           suggestion=FULL_WIDTH_PUNCTUATION.get(m.group(0)))


_CJK = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
_HALF_WIDTH = re.compile(rf"(?<={_CJK})[,.;:?!](?=\s*{_CJK}|\s*$)")


@register("half-width-punctuation", category="fluency/punctuation", severity="minor")
def half_width_punctuation(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """An ASCII comma, stop or other mark in Chinese or Japanese text, which writes its own form.

    '保存,然后' for '保存，然后': only the marks the target's language pack names, and only between
    characters of its script or at the end of the text."""
    tgt = languages(ctx)[1]
    if not tgt.full_width_forms:
        return
    for m in _HALF_WIDTH.finditer(seg.target):
        form = tgt.full_width_forms.get(m.group(0))
        if form is not None and not seg.target.startswith("..", m.start()):
            yield spec.finding(seg, m.start(), m.end(),
                               f"ASCII {m.group(0)!r} in {tgt.name or tgt.code} text, which writes {form!r}",
                               suggestion=form)


_DOUBLE_BLANK = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


@register("double-space", category="fluency/punctuation", severity="minor")
def double_space(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Two or more spaces between words of the target where the source has no such run (Xbench's double blank)."""
    if _DOUBLE_BLANK.search(seg.source):
        return  # the source lines up columns ('  -f, --force    do it'): the target may too
    for m in _DOUBLE_BLANK.finditer(seg.target):
        yield spec.finding(seg, m.start(), m.end(), f"{m.end() - m.start()} spaces in a row between words",
                           suggestion=m.group()[0])
