"""Placeholders and inline tags that a translation dropped, added or altered."""

from __future__ import annotations

from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.model import Finding, Segment
from evalkit.placeholders import compare, find_placeholders


@register("placeholder", category="accuracy/mistranslation", severity="major", code=True)
def placeholder(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Placeholders and inline tags missing, added or altered in the target ({name}, %s, <b>, ICU)."""
    diff = compare(seg.source, seg.target, markdown=ctx.document.format == "markdown")
    for src, start, end in diff.altered:
        yield spec.finding(
            seg, start, end,
            f"placeholder {seg.target[start:end]!r} does not match {src.text!r} in the source",
            suggestion=src.text, source=src.text,
        )
    for src in diff.missing:
        # Nothing in the target to point at: an empty span at its end, so it never swallows
        # another finding of the segment when overlapping findings are merged.
        end = len(seg.target)
        yield spec.finding(
            seg, end, end,
            f"placeholder {src.text!r} of the source is missing from the target",
            source=src.text, category="accuracy/omission",
        )
    # One plural form may say what the other msgid says: French msgstr[0] '%d fichier' serves 0 and 1
    # for msgid 'One file', msgid_plural '%d files'.
    plural = {p.key for text in seg.meta.get("plural_sources") or () for p in find_placeholders(text)}
    for extra in diff.extra:
        if extra.key in plural:
            continue
        yield spec.finding(
            seg, extra.start, extra.end,
            f"placeholder {extra.text!r} is not in the source",
            category="accuracy/addition",
        )
