"""Repetition: the same word twice or more in a row ('typical typical', 'villages, villages, villages')."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.model import Finding, Segment

_REPEAT = re.compile(r"\b([A-Za-z][A-Za-z'-]*)\b(?:(?:,\s*|\s+)\1\b)+", re.IGNORECASE)
# Legitimate English doublings.
_ALLOWED = frozenset({"that", "had", "is", "very", "so", "bye", "no", "yes", "ha", "knock", "tut", "dum"})


@register("repeated-word", category="fluency/repetition", severity="minor")
def repeated_word(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A word repeated back to back; three or more times is major (a list collapsed by MT)."""
    for m in _REPEAT.finditer(seg.target):
        word = m.group(1)
        if word.lower() in _ALLOWED:
            continue
        count = len(re.findall(rf"\b{re.escape(word)}\b", m.group(0), re.IGNORECASE))
        yield spec.finding(
            seg, m.start(), m.end(),
            f"{word!r} repeated {count} times in a row",
            suggestion=word,
            severity="major" if count >= 3 else None,
        )
