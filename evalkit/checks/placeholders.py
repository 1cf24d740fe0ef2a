"""Placeholders and inline tags that a translation dropped, added or altered."""

from __future__ import annotations

from typing import Callable, Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import languages
from evalkit.model import Finding, Segment
from evalkit.placeholders import Placeholder, PlaceholderDiff, compare, find_placeholders


def diff_findings(spec: CheckSpec, seg: Segment, diff: PlaceholderDiff, name: Callable[[Placeholder], str],
                  allowed: Callable[[Placeholder], bool] = lambda p: False) -> Iterator[Finding]:
    """Findings of a source/target difference of tokens, each named by ``name`` ('placeholder',
    'URL'); an extra token that ``allowed`` accepts is none."""
    for src, start, end in diff.altered:
        yield spec.finding(
            seg, start, end,
            f"{name(src)} {seg.target[start:end]!r} does not match {src.text!r} in the source",
            suggestion=src.text, source=src.text,
        )
    for src in diff.missing:
        # Nothing in the target to point at: an empty span at its end, so it never swallows
        # another finding of the segment when overlapping findings are merged.
        end = len(seg.target)
        yield spec.finding(
            seg, end, end,
            f"{name(src)} {src.text!r} of the source is missing from the target",
            source=src.text, category="accuracy/omission",
        )
    for extra in diff.extra:
        if allowed(extra):
            continue
        yield spec.finding(
            seg, extra.start, extra.end,
            f"{name(extra)} {extra.text!r} is not in the source",
            category="accuracy/addition",
        )


@register("placeholder", category="accuracy/mistranslation", severity="major", code=True)
def placeholder(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Placeholders and inline tags missing, added or altered in the target ({name}, %s, <b>, ICU)."""
    src, tgt = languages(ctx)
    diff = compare(seg.source, seg.target, markdown=ctx.document.format == "markdown", langs=(src.code, tgt.code))
    # One plural form may say what the other msgid says: French msgstr[0] '%d fichier' serves 0 and 1
    # for msgid 'One file', msgid_plural '%d files'.
    plural = {p.key for text in seg.meta.get("plural_sources") or () for p in find_placeholders(text)}
    yield from diff_findings(spec, seg, diff, lambda p: "placeholder", lambda p: p.key in plural)
