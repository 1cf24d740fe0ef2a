"""Re-translation comparison: target words nothing supports, source content the target leaves out."""

# A target word is supported when it (or a derived form, or a CC-CEDICT synonym) is a sense of a
# source word, occurs in the re-translation or a reference, is a number of the source, or spells a
# source word in pinyin. When the re-translation is the offline engine's dictionary gloss, it adds
# no evidence of its own: an unsupported word is then flagged only in a document that shows raw
# machine-translation artifacts, and only where a source word next to it is left unrendered (a
# substitution, not a paraphrase).

from __future__ import annotations

import re
import textwrap
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import (
    Analysis,
    SourceUnit,
    TargetWord,
    analysis,
    is_sentence_initial,
    weak_evidence_wanted,
    retranslation_rendering,
)
from evalkit.checks.transliteration import english_zipf
from evalkit.model import Finding, Segment
from evalkit.numbers import zh_numbers

_CLAUSE = re.compile(r"[，。；：！？,.;:!?、“”\"（）()]")
# A source word that is only a number (十万, 25, 两): the number checks compare numbers.
_NUMERAL = re.compile(r"[\d.,%零〇一二两三四五六七八九十百千万亿]+")


def _excerpt(text: str) -> str:
    """The re-translation as evidence: whole words, at most 80 characters."""
    return textwrap.shorten(text, 80, placeholder=" …")


def _senses(ctx: CheckContext, text: str, n: int = 3) -> str:
    got = ctx.resources.dictionary.content_senses(text)[:n]
    return "; ".join(got) if got else "no CC-CEDICT sense"


def _gloss(ctx: CheckContext, unit: SourceUnit) -> str | None:
    sense = ctx.resources.dictionary.best_sense(unit.text)
    return re.sub(r"^(to|a|an|the) ", "", sense) if sense else None


def _substituted(a: Analysis, tw: TargetWord) -> SourceUnit | None:
    """An unrendered source content word where ``tw`` stands, if there is one: between the units of
    its linked neighbours, or next to the one neighbour it has, on its side."""
    left = next((w.link for w in reversed(a.target_words[: tw.index]) if w.link is not None), None)
    right = next((w.link for w in a.target_words[tw.index + 1 :] if w.link is not None), None)
    n = len(a.units)
    if left is not None and right is not None and left < right:
        mid = (left + right) / 2
        order = sorted(range(left + 1, right), key=lambda j: abs(j - mid)) + [left + 1, right - 1]
    elif left is not None:
        order = [left + 1, left + 2, left + 3]
    elif right is not None:
        order = [right - 1, right - 2, right - 3]
    else:
        return None
    for j in order:
        if 0 <= j < n and a.units[j].content and not a.covered[j]:
            return a.units[j]
    return None


def _skip(seg: Segment, tw: TargetWord) -> bool:
    """Words other checks own: pinyin, run-together words, names, single letters."""
    text = tw.text
    if len(text) < 2 or tw.pinyin or tw.surplus or re.search(r"[a-z][A-Z]", text):
        return True
    if text[:1].isupper() and not is_sentence_initial(seg.target, tw.start) and english_zipf(text.lower()) < 2.5:
        return True
    return False


def _runs(words: list[TargetWord]) -> list[list[TargetWord]]:
    runs: list[list[TargetWord]] = []
    for tw in words:
        if runs and tw.index - runs[-1][-1].index <= 2:
            runs[-1].append(tw)
        else:
            runs.append([tw])
    return runs


@register("unsupported-span", category="accuracy/mistranslation", severity="minor",
          source=("zh",), target=("en",), lexicon=True)
def unsupported_span(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Target words that no source sense, re-translation or reference word supports."""
    a = analysis(seg, ctx)
    if not a.has_source:
        return
    retr = seg.retranslation or ""
    real_retr = a.real_retranslation
    if not real_retr and not seg.references and not weak_evidence_wanted(ctx):
        return  # only the dictionary speaks: on a clean document an unsupported word is a paraphrase
    flagged = []
    for tw in a.target_words:
        if not tw.content or _skip(seg, tw):
            continue
        if tw.supported and not (real_retr and tw.weak and not tw.in_retranslation and not tw.in_reference):
            continue  # with a real re-translation, a synonym of a source sense it lacks is not support
        unit = _substituted(a, tw)
        if unit is None and not real_retr and not seg.references:
            continue
        flagged.append((tw, unit))
    units = dict((tw.index, unit) for tw, unit in flagged)
    retr_lower = {w.lower for w in a.retranslation_words} if real_retr else None
    for run in _runs([tw for tw, _ in flagged]):
        first, last = run[0], run[-1]
        if retr_lower is not None:
            # The function words that go with the phrase and that the re-translation does not use
            # either ('a silent drama' where it says 'a mime'): the reviewer reads the phrase.
            words = a.target_words
            while first.index > 0 and not words[first.index - 1].content and words[first.index - 1].word.lower not in retr_lower \
                    and seg.target[words[first.index - 1].end : first.start].strip() == "":
                first = words[first.index - 1]
        unit = next((units[w.index] for w in run if units[w.index] is not None), None)
        text = seg.target[first.start : last.end]
        parts = [f"{text!r} renders nothing in the source"]
        said = retranslation_rendering(seg, ctx, [unit.index]) if unit is not None else None
        if unit is not None:
            parts.append(f"where the source has {unit.text} ({_senses(ctx, unit.text)})")
        if said:
            parts.append(f"and the re-translation says {said!r} there")
        elif retr and not a.retranslation_is_gloss:
            parts.append(f"and the re-translation does not say it ({_excerpt(retr)!r})")
        yield spec.finding(
            seg, first.start, last.end, " ".join(parts),
            suggestion=said or (_gloss(ctx, unit) if unit is not None else None),
            source=unit.text if unit is not None else None,
            severity="major" if len(run) >= 3 else None,
            confidence=0.8 if unit is not None else 0.5,
        )


def _omitted_groups(a: Analysis, real_retr: bool) -> list[list[SourceUnit]]:
    """Runs of unrendered source content words, split at clause punctuation."""
    retr_stems = {w.stem for w in a.retranslation_words}
    src = a.segment.source or ""
    cand = []
    rendered = {u.text for u in a.units if a.covered[u.index]}
    for u in a.units:
        if not u.content or a.covered[u.index] or _NUMERAL.fullmatch(u.text):
            continue
        if u.text in rendered:
            continue  # said twice in the source, rendered once: 'the biggest of which' for 最大的扰动
        if real_retr and not (u.stems & retr_stems):
            continue  # the re-translation leaves it out too: a paraphrase, not an omission
        cand.append(u)
    groups: list[list[SourceUnit]] = []
    for u in cand:
        if groups and u.index - groups[-1][-1].index <= 2 and not _CLAUSE.search(src[groups[-1][-1].end : u.start]):
            groups[-1].append(u)
        else:
            groups.append([u])
    return groups


def _clause_coverage(a: Analysis, group: list[SourceUnit]) -> float:
    """The share of content words rendered in the source clause around ``group``."""
    src = a.segment.source or ""
    lo = max((m.end() for m in _CLAUSE.finditer(src, 0, group[0].start)), default=0)
    hi = next((m.start() for m in _CLAUSE.finditer(src, group[-1].end)), len(src))
    clause = [u for u in a.units if lo <= u.start and u.end <= hi and u.content]
    return sum(1 for u in clause if a.covered[u.index]) / max(len(clause), 1)


@register("omission", category="accuracy/omission", severity="major",
          source=("zh",), target=("en",), lexicon=True)
def omission(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """Source content the re-translation renders and the target leaves out, shown at the nearest target words."""
    a = analysis(seg, ctx)
    if not a.has_source or not a.target_words:
        return
    real_retr = a.real_retranslation
    if not real_retr and not weak_evidence_wanted(ctx):
        return
    for group in _omitted_groups(a, real_retr):
        strong = [u for u in group if len(u.text) > 1 and u.known]
        if not real_retr and (len(strong) < 2 or _clause_coverage(a, group) > 0.5):
            continue
        near = a.nearest_words(group[0].index, last=group[-1].index)
        if not near:
            continue
        near = [w for w in near if w.content] or near
        start, end = near[0].start, near[-1].end
        if end - start > 40:
            start, end = near[0].start, near[0].end
        missing = ", ".join(f"{u.text} ({_senses(ctx, u.text, 2)})" for u in group)
        said = retranslation_rendering(seg, ctx, [u.index for u in group])
        glosses = [g for g in (_gloss(ctx, u) for u in group) if g]
        # glosses of several scattered words do not make a phrase; only a single missing word's is one
        insert = said or (glosses[0] if len(glosses) == 1 and len(group) == 1 else None)
        here = seg.target[start:end]
        if said:
            evidence = f"; the re-translation says {said!r}"
        elif real_retr:
            evidence = f"; the re-translation has {'it' if len(group) == 1 else 'them'}: {_excerpt(seg.retranslation or '')!r}"
        else:
            evidence = ""
        yield spec.finding(
            seg, start, end,
            f"the source's {missing} {'is' if len(group) == 1 else 'are'} not rendered near {here!r}{evidence}",
            # where in the sentence it goes is the translator's call: the fix says what to add
            suggestion=f"add {insert!r}" if insert else None,
            source="".join(u.text for u in group),
            severity=None if len(strong) >= 2 or len(group) >= 2 else "minor",
            confidence=0.6,
        )


@register("partial-rendering", category="accuracy/mistranslation", severity="minor",
          source=("zh",), target=("en",), lexicon=True)
def partial_rendering(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A source compound the dictionary lacks, only part of which the target renders ('Township' for 乡贤)."""
    a = analysis(seg, ctx)
    if not a.has_source:
        return
    retr_stems = {w.stem for w in a.retranslation_words} if not a.retranslation_is_gloss else set()
    noisy = weak_evidence_wanted(ctx)
    by_word: dict[int, list[SourceUnit]] = {}
    for u in a.units:
        if not u.known:
            by_word.setdefault(u.word, []).append(u)
    for parts in by_word.values():
        if len(parts) < 2 or all(len(u.text) > 1 for u in parts):
            continue  # a phrase of dictionary words (服务中心), not a coined compound
        done = [u for u in parts if a.covered[u.index] and not zh_numbers(u.text)]
        # Numerals are the number checks' business ('两级' rendered 'town and village level').
        left = [u for u in parts if u.content and not a.covered[u.index] and not zh_numbers(u.text)]
        left = [u for u in left if all(u.text != d.text for d in done)]  # 长长的: 'long' renders both 长
        if not done or not left:
            continue
        if not noisy and not any(u.stems & retr_stems for u in left):
            continue  # neither a noisy document nor a re-translation that renders the missing part
        words = [w for u in done for w in a.linked_words(u.index) if w.content]
        if not words:
            continue
        words.sort(key=lambda w: w.start)
        first = words[0]
        last = next((w for w in reversed(words) if w.end - first.start <= 40), first)
        whole = "".join(u.text for u in parts)
        yield spec.finding(
            seg, first.start, last.end,
            f"only part of {whole} is rendered: {', '.join(u.text for u in done)} as "
            f"{seg.target[first.start:last.end]!r}; {', '.join(f'{u.text} ({_senses(ctx, u.text, 2)})' for u in left)}"
            + (" is missing" if len(left) == 1 else " are missing"),
            suggestion=None, source=whole, confidence=0.5,
        )
