"""Lexical support: names in the target that nothing in the source supports ('Shenzhen' for 深度进村)."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import (
    Analysis,
    SourceUnit,
    TargetWord,
    analysis,
    is_sentence_initial,
    retranslation_rendering,
)
from evalkit.checks.transliteration import COMMON_ENGLISH, english_zipf
from evalkit.model import Finding, Segment
from evalkit.dictionary import usual_reading
from evalkit.phonetic import sounds_like
from evalkit.pinyin import split_syllables

_PLACE_WORDS = re.compile(
    r"\b(city|county|province|prefecture|district|town|township|village|river|lake|mountain|mount|island|"
    r"capital|region|autonomous|port|bay|valley|county-level|subprovincial|municipality)\b",
    re.I,
)
_PLACE_HEADS = frozenset("county city province village town township district river lake mountain prefecture".split())


def _unrendered_near(a: Analysis, tw: TargetWord) -> list[SourceUnit]:
    """The source content words around a target word's relative position that nothing renders."""
    if not a.units:
        return []
    rel = tw.index / max(len(a.target_words), 1)
    centre = min(int(rel * len(a.units)), len(a.units) - 1)
    return [u for u in a.units[max(0, centre - 3) : centre + 4] if u.content and not a.covered[u.index]][:3]


def _context(near: list[SourceUnit], d) -> str:
    if not near:
        return ""
    return "; the source there has " + ", ".join(
        f"{u.text} ({'; '.join(d.content_senses(u.text)[:2]) or '?'})" for u in near
    )


def _name_entries(d, word: str) -> list[tuple[str, str]]:
    syl = split_syllables(word)
    if not syl or len(syl) > 4:
        return []
    return d.names_by_pinyin().get("".join(syl), [])


@register("hallucinated-name", category="accuracy/mistranslation", severity="critical", strong=True,
          implies=("unsupported-name", "unsupported-span"),
          source=("zh",), target=("en",), lexicon=True)
def hallucinated_name(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A Chinese place or other name, in pinyin, that the source does not contain ('Shenzhen')."""
    a = analysis(seg, ctx)
    if not a.has_source:
        return
    d = ctx.resources.dictionary
    words = a.target_words
    for tw in words:
        text = tw.text
        if not text[:1].isupper() or tw.supported or english_zipf(text.lower()) >= COMMON_ENGLISH:
            continue
        entries = _name_entries(d, text)
        if not entries or any(head in seg.source for head, _ in entries):
            continue
        place = [e for e in entries if _PLACE_WORDS.search(e[1])]
        head, sense = (place or entries)[0]
        end = tw.end
        nxt = words[tw.index + 1] if tw.index + 1 < len(words) else None
        span = [tw]
        if nxt is not None and nxt.text.lower() in _PLACE_HEADS and seg.target[tw.end : nxt.start].strip() == "":
            end = nxt.end
            span.append(nxt)
        near = _unrendered_near(a, tw)
        # what the re-translation says for the source words there, and for those the span's other words render
        said = retranslation_rendering(seg, ctx, [u.index for u in near] + [w.link for w in span if w.link is not None])
        yield spec.finding(
            seg, tw.start, end,
            f"{text!r} names {head} ({sense}), which the source does not contain{_context(near, d)}"
            + (f"; the re-translation says {said!r}" if said else ""),
            severity=None if place else "major",
            suggestion=said,
            source=None,
        )


def _syllables(han: str) -> list[str]:
    return usual_reading(han).split()


@register("unsupported-name", category="accuracy/addition", severity="major", implies=("unsupported-span",),
          source=("zh",), target=("en",), lexicon=True)
def unsupported_name(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A capitalised name-like word that neither the source, the re-translation nor a reference supports."""
    a = analysis(seg, ctx)
    if not a.has_source:
        return
    d = ctx.resources.dictionary
    for tw in a.target_words:
        text = tw.text
        if (
            len(text) < 3
            or not text[:1].isupper()
            or text.isupper()
            or tw.supported
            or re.search(r"[a-z][A-Z]", text)
            or is_sentence_initial(seg.target, tw.start)
            or english_zipf(text.lower()) >= 2.5
            or _name_entries(d, text)
        ):
            continue
        if split_syllables(text):
            continue  # pinyin: the transliteration and hallucinated-name checks decide
        heard = sounds_like(text, seg.source, d.transliteration_chars, _syllables)
        if heard is not None:
            # the source writes it by its sound (布兰农 is Brannon): no addition, but a spelling only a
            # reviewer can confirm
            yield spec.finding(seg, tw.start, tw.end,
                               f"{text!r} is no dictionary name, but sounds like the source's {heard}: check its spelling",
                               severity="minor", category="fluency/spelling", source=heard, confidence=0.4)
            continue
        yield spec.finding(
            seg, tw.start, tw.end,
            f"{text!r} looks like a name, but nothing in the source, the re-translation or a reference"
            f" supports it{_context(_unrendered_near(a, tw), d)}",
            confidence=0.6,
        )
