"""Punctuation and spacing artifacts: 'grass -roots', 'managers , Sign', 'AgencyrecentlyA'."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.model import Finding, Segment

_SPACED_HYPHEN = re.compile(r"\b([A-Za-z]+) -([A-Za-z]+)\b")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w)( +)([,;:!?]|\.(?!\.))")
_RUN_TOGETHER = re.compile(r"\b[A-Za-z]*[a-z]{3,}[A-Z][A-Za-z]*\b|\b[a-z]+[A-Z]\b")
_CJK_PUNCT = re.compile(r"[，。、；：？！（）“”‘’《》【】]")
_CJK_TO_ASCII = {"，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")",
                 "“": '"', "”": '"', "‘": "'", "’": "'", "《": '"', "》": '"', "【": "[", "】": "]"}


@register("spaced-hyphen", category="fluency/punctuation", severity="minor")
def spaced_hyphen(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A hyphenated word broken by a space before the hyphen ('grass -roots')."""
    for m in _SPACED_HYPHEN.finditer(seg.target):
        fixed = f"{m.group(1)}-{m.group(2)}"
        yield spec.finding(seg, m.start(), m.end(), f"space before the hyphen in {m.group(0)!r}", suggestion=fixed)


@register("space-before-punctuation", category="fluency/punctuation", severity="minor")
def space_before_punctuation(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A space before a comma, full stop, colon or other closing punctuation ('managers , Sign')."""
    for m in _SPACE_BEFORE_PUNCT.finditer(seg.target):
        yield spec.finding(seg, m.start(), m.end(), f"space before {m.group(2)!r}", suggestion=m.group(2))


@register("run-together", category="fluency/spelling", severity="major")
def run_together(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Words run together with no space between them ('AgencyrecentlyA', 'manWith')."""
    for m in _RUN_TOGETHER.finditer(seg.target):
        word = m.group(0)
        split = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", word)
        yield spec.finding(seg, m.start(), m.end(), f"words run together in {word!r}", suggestion=split)


@register("cjk-punctuation", category="fluency/punctuation", severity="minor")
def cjk_punctuation(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Chinese full-width punctuation left in an English target."""
    if ctx.settings.get("tgt_lang", "en").startswith(("zh", "ja", "ko")):
        return
    for m in _CJK_PUNCT.finditer(seg.target):
        yield spec.finding(seg, m.start(), m.end(), f"full-width {m.group(0)!r} in English text",
                           suggestion=_CJK_TO_ASCII.get(m.group(0)))
