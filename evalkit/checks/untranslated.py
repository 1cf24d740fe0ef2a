"""Units left untranslated: an empty target, or a target that repeats its source in another language's place."""

from __future__ import annotations

from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.model import Finding
from evalkit.untranslated import FileUsage, source_language_words, unit_state


@register("untranslated", category="accuracy/untranslated", severity="major", scope="document", code=True)
def untranslated(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    """Units with an empty target, or a target identical to a source a translation would change."""
    doc = ctx.document
    src_lang, tgt_lang = ctx.settings.get("src_lang", doc.src_lang), ctx.settings.get("tgt_lang", doc.tgt_lang)
    usage = FileUsage(doc.segments)
    for seg in doc.segments:
        if seg.meta.get("template"):
            continue  # a POT file's messages are untranslated by definition
        state = unit_state(seg, src_lang, tgt_lang, usage)
        if state == "empty":
            if doc.kind == "document":
                yield spec.finding(seg, 0, 0, "this source sentence has no translation in the target",
                                   source=seg.source, category="accuracy/omission")
            else:
                yield spec.finding(seg, 0, 0, "not translated: the target is empty", source=seg.source)
        elif state == "identical":
            words = source_language_words(seg.source, src_lang, tgt_lang, usage)
            shown = ", ".join(repr(w) for w in words[:3]) + (", ..." if len(words) > 3 else "")
            start, end = len(seg.target) - len(seg.target.lstrip()), len(seg.target.rstrip())
            yield spec.finding(
                seg, start, end,
                f"not translated: the target repeats the source, {src_lang} words included ({shown})",
                source=seg.source,
            )
