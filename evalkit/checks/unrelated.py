"""Unrelated content: target text aligned to no source text, or a sentence that shares nothing with its source."""

from __future__ import annotations

from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import analysed_pair, analysis, languages
from evalkit.dictionary import has_cjk
from evalkit.model import Finding, Segment
from evalkit.segment import sentences

# A sentence with this many content words, of which at most this share any source word supports,
# while its source says this much that it leaves unrendered, is about something else.
MIN_WORDS = 5
MAX_SUPPORTED = 0.2
MAX_COVERED = 0.25


@register("unrelated-content", category="other/unrelated-content", severity="major",
          implies=("unsupported-span", "omission", "partial-rendering"))
def unrelated_content(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Target text that no source text aligns to, or that renders almost none of its source."""
    text = seg.target
    if not text.strip():
        return
    if not seg.source.strip():
        tgt = languages(ctx)[1]
        if len([w for w in tgt.words(text) if not tgt.is_function_word(w.text) and not w.text.isdigit()]) >= 2:
            yield spec.finding(seg, 0, len(text), "this text aligns to nothing in the source", suggestion="")
        return
    if not analysed_pair(ctx) or not has_cjk(seg.source):
        return  # a sentence about something else is told by the support analysis
    a = analysis(seg, ctx)
    content_units = [u for u in a.units if u.content]
    if len(content_units) < 3:
        return
    covered = sum(1 for u in content_units if a.covered[u.index]) / len(content_units)
    if covered > MAX_COVERED:
        return
    for s in sentences(text, ctx.settings.get("tgt_lang", "en")):
        words = [w for w in a.target_words if s.start <= w.start and w.end <= s.end and w.content]
        if len(words) < MIN_WORDS:
            continue
        share = sum(1 for w in words if w.supported and not w.weak) / len(words)
        if share <= MAX_SUPPORTED:
            yield spec.finding(
                seg, s.start, s.end,
                f"{len(words)} content words, {share:.0%} supported by the source, which is"
                f" {covered:.0%} rendered: this sentence is not a translation of its source",
                suggestion="",
            )
