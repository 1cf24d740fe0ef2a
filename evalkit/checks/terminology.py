"""Terminology: a term of the user's glossary whose source side is in the segment and whose target side is not."""

from __future__ import annotations

from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import analysed_pair, analysis, languages
from evalkit.model import Finding, Segment


def _contains(tgt, target_stems: list[str], term: str) -> bool:
    """Whether the term's words occur in order (by stem) in the target."""
    want = [tgt.stem(w.text) for w in tgt.words(term)]
    if not want:
        return True
    n = len(want)
    return any(target_stems[i : i + n] == want for i in range(len(target_stems) - n + 1))


@register("glossary-term", category="terminology/wrong-term", severity="major")
def glossary_term(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A glossary term in the source whose required translation is missing from the target."""
    glossary = ctx.resources.glossary
    if not glossary or not seg.source:
        return
    lang = languages(ctx)[1]
    target_words = lang.words(seg.target)
    target_stems = [lang.stem(w.text) for w in target_words]
    a = None
    for src, tgt in glossary:
        pos = seg.source.find(src)
        if pos < 0 or _contains(lang, target_stems, tgt):
            continue
        if not analysed_pair(ctx):
            if target_words:  # no word-level alignment for this pair: the whole target is where it belongs
                yield spec.finding(seg, target_words[0].start, target_words[-1].end,
                                   f"the glossary translates {src} as {tgt!r}; the target does not use it",
                                   suggestion=None, source=src)
            continue
        if a is None:
            a = analysis(seg, ctx)
        units = [u for u in a.units if u.start < pos + len(src) and pos < u.end]
        linked = {w.index: w for u in units for w in a.linked_words(u.index)}
        linked.update({w.index: w for w in a.target_words if w.pinyin and w.pinyin[0] < pos + len(src) and pos < w.pinyin[1]})
        words = sorted(linked.values(), key=lambda w: w.start)
        if words:  # the run of adjacent words around the first: one rendering, not scattered mentions
            run = [words[0]]
            for w in words[1:]:
                if w.index == run[-1].index + 1 and seg.target[run[-1].end : w.start].strip(" -") == "":
                    run.append(w)
            words = run
        if not words and units:
            words = a.nearest_words(units[0].index)
        if words:
            start, end = words[0].start, words[-1].end
            if end - start > 60:
                end = words[0].end
            found = seg.target[start:end]
        elif a.target_words:
            start, end = a.target_words[0].start, a.target_words[-1].end
            found = None
        else:
            continue
        yield spec.finding(
            seg, start, end,
            f"the glossary translates {src} as {tgt!r}"
            + (f"; the target says {found!r}" if found else "; the target does not use it"),
            suggestion=tgt, source=src,
        )
