"""Text left untranslated: a target that repeats its source in another language's place."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import languages
from evalkit.model import Finding, Segment

# A copied source this short is as often a name, a product or a code the target keeps ('OK', 'Google Drive').
MIN_WORDS = 3
_CODE_LIKE = re.compile(r"[{}<>%$=/\\_@#]|://")


@register("untranslated-segment", category="accuracy/untranslated", severity="major")
def untranslated_segment(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A target identical to its source (of three words or more) in a pair of two languages."""
    src, tgt = languages(ctx)
    if src.code == tgt.code or not seg.source or seg.source.strip() != seg.target.strip():
        return
    words = [w for w in src.words(seg.source) if any(c.isalpha() for c in w.text)]
    if len(words) < MIN_WORDS or _CODE_LIKE.search(seg.source):
        return
    if src.cased and all(w.text[:1].isupper() for w in words):
        return  # a title-cased name or heading a target keeps ('Terms of Service' as a product page's name)
    start = len(seg.target) - len(seg.target.lstrip())
    end = len(seg.target.rstrip())
    yield spec.finding(seg, start, end, f"the target repeats the {src.name or src.code} source untranslated")
