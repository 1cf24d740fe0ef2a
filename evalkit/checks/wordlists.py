"""Word lists of a project: terms never translated ('GNOME', a product name) and terms always
translated (never left in the source language), from the do_not_translate and must_translate settings."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.model import Finding, Segment


def _term(term: str) -> re.Pattern[str]:
    # whole words where the term begins or ends with a letter; a Chinese term matches anywhere
    left = r"(?<![A-Za-z0-9_])" if term[:1].isascii() and term[:1].isalnum() else ""
    right = r"(?![A-Za-z0-9_])" if term[-1:].isascii() and term[-1:].isalnum() else ""
    return re.compile(left + re.escape(term) + right)


@register("do-not-translate", category="terminology/wrong-term", severity="major")
def do_not_translate(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A term of the do-not-translate list in the source that the target does not keep as it is."""
    for term in ctx.resources.options.get("do_not_translate") or ():
        rx = _term(term)
        want = len(rx.findall(seg.source))
        if want and len(rx.findall(seg.target)) < want:
            end = len(seg.target)
            yield spec.finding(seg, end, end, f"{term!r} is on the do-not-translate list; the target does not keep it",
                               source=term, suggestion=f"add {term!r}")


@register("must-translate", category="accuracy/untranslated", severity="major")
def must_translate(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A term of the must-translate list left in the target as the source writes it."""
    for term in ctx.resources.options.get("must_translate") or ():
        rx = _term(term)
        if not rx.search(seg.source):
            continue
        for m in rx.finditer(seg.target):
            yield spec.finding(seg, m.start(), m.end(), f"{term!r} is on the must-translate list; the target leaves it "
                               "untranslated", source=term)
