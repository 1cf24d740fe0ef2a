"""Consistency: one source term or name rendered several ways in a document ('Si County' / 'Sixian County')."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import Analysis, SourceUnit, analysis, noisy_document
from evalkit.lang.en import en_words
from evalkit.model import Finding, Segment


@dataclass
class Rendering:
    """How one occurrence of a source term is rendered in one segment."""

    segment: Segment
    unit: SourceUnit
    key: str  # normalised rendering, compared across occurrences
    start: int
    end: int
    direct: bool  # every word is a dictionary sense of the term (not a synonym, not pinyin)
    name: bool
    before: str = ""  # the neighbouring source units, to pair the parts of one compound
    after: str = ""


def _is_noun_term(d, text: str) -> bool:
    senses = d.content_senses(text)
    return bool(senses) and not any(s.startswith("to ") for s in d.senses(text)[:2])


def _name_stems(d, text: str) -> frozenset[str]:
    """Stems of the name itself in a proper noun's senses ('Si county in Suzhou, Anhui' -> si, county)."""
    out = set()
    for sense in d.name_senses(text):
        head = re.split(r" in | of |,|;|\(", sense)[0]
        out.update(w.stem for w in en_words(head))
    return frozenset(out)


def _renderings(seg: Segment, a: Analysis, d) -> Iterator[Rendering]:
    words_by_unit: dict[int, list] = {}
    for w in a.target_words:
        if w.link is not None and w.content and not w.surplus:
            words_by_unit.setdefault(w.link, []).append(w)
        if w.pinyin:
            for u in a.units:
                if u.start < w.pinyin[1] and w.pinyin[0] < u.end:
                    words_by_unit.setdefault(u.index, []).append(w)
    for u in a.units:
        words = sorted(words_by_unit.get(u.index, ()), key=lambda w: w.start)
        if any(not w.weak for w in words):
            words = [w for w in words if not w.weak]
        if not words or len(u.text) < 2 and u.known:
            continue
        name = d.is_proper(u.text) or any(w.pinyin for w in words)
        if not (name or not u.known or _is_noun_term(d, u.text)):
            continue
        if name:
            heads = _name_stems(d, u.text)
            words = [w for w in words if w.pinyin or w.stem in heads]
            if not words:
                continue
            # The whole name: neighbours that spell it or say its head ('Si' + 'County').
            i = words[0].index
            while i + 1 < len(a.target_words) and (a.target_words[i + 1].stem in heads or a.target_words[i + 1].pinyin):
                i += 1
                words.append(a.target_words[i])
            words = sorted({w.index: w for w in words}.values(), key=lambda w: w.start)
        # Only words next to each other form one rendering; keep the run around the first word.
        run = [words[0]]
        for w in words[1:]:
            if w.index - run[-1].index <= 2:
                run.append(w)
        key = " ".join(w.text.lower() for w in run) if name else " ".join(sorted({w.stem for w in run}))
        yield Rendering(seg, u, key, run[0].start, run[-1].end, all(not w.weak and not w.pinyin for w in run), name,
                        a.units[u.index - 1].text if u.index > 0 else "", a.units[u.index + 1].text if u.index + 1 < len(a.units) else "")


def _sibling_agrees(r: Rendering, best: Rendering, siblings: "Siblings") -> bool:
    """Whether another part of the same compound is rendered alike in both places ('circle' for 圈)."""
    same = False
    for text, key in siblings.parts.get((id(r.segment), r.unit.whole), ()):
        if text == r.unit.text:
            continue
        other = siblings.first.get((id(best.segment), r.unit.whole, text))
        if other is not None and not _disjoint(key, other, False):
            same = True
    return same


class Siblings:
    """The renderings of the parts of each compound, by segment: looked up, not searched for."""

    def __init__(self, keyed: dict):
        self.parts: dict[tuple, list[tuple[str, str]]] = {}  # (segment, compound) -> [(part, rendering)]
        self.first: dict[tuple, str] = {}  # (segment, compound, part) -> its first rendering
        for (seg_id, whole, text, _b, _a), key in keyed.items():
            self.parts.setdefault((seg_id, whole), []).append((text, key))
            self.first.setdefault((seg_id, whole, text), key)


def _disjoint(a: str, b: str, name: bool) -> bool:
    return a != b if name else not (set(a.split()) & set(b.split()))


@register("inconsistent-term", category="terminology/inconsistent", severity="minor", scope="document",
          source=("zh",), target=("en",), lexicon=True)
def inconsistent_term(spec: CheckSpec, ctx: CheckContext) -> Iterator[Finding]:
    """One source term or name rendered in different ways in one document."""
    d = ctx.resources.dictionary
    groups: dict[str, list[Rendering]] = {}
    for seg in ctx.document.segments:
        if not seg.target or not seg.source:
            continue
        a = analysis(seg, ctx)
        if not a.has_source:
            continue
        for r in _renderings(seg, a, d):
            groups.setdefault(f"{r.unit.whole}/{r.unit.text}", []).append(r)
    order = {id(seg): i for i, seg in enumerate(ctx.document.segments)}
    noisy = noisy_document(ctx)
    siblings = Siblings({(id(r.segment), r.unit.whole, r.unit.text, r.before, r.after): r.key
                         for found in groups.values() for r in found})
    for found in groups.values():
        term = found[0].unit.whole if found[0].unit.whole != found[0].unit.text else found[0].unit.text
        keys = Counter(r.key for r in found)
        if len(keys) < 2:
            continue
        name = any(r.name for r in found)
        retr = " ".join((r.segment.retranslation or "").lower() for r in found)

        by_key: dict[str, list[Rendering]] = {}
        for r in found:
            by_key.setdefault(r.key, []).append(r)

        def preference(key: str) -> tuple:
            rs = by_key[key]
            return (
                keys[key],
                any(r.direct for r in rs),
                bool(re.search(rf"\b{re.escape(key.split()[0])}", retr)),
                -min(order[id(r.segment)] for r in rs),
            )

        best = max(keys, key=preference)
        best_r = next(r for r in found if r.key == best)
        for r in found:
            if r.key == best or not _disjoint(r.key, best, name):
                continue
            if r.unit.known and not name and (r.direct or not noisy):
                continue  # another sense of a known word, or a paraphrase in a clean text: a variation
            if not r.unit.known and not name and not (r.direct and best_r.direct and _sibling_agrees(r, best_r, siblings)):
                continue  # a coined compound counts as one term only where its other part is said alike
            shown = best_r.segment.target[best_r.start : best_r.end]
            yield spec.finding(
                r.segment, r.start, r.end,
                f"{term} is rendered {r.segment.target[r.start:r.end]!r} here but {shown!r} in segment "
                f"{best_r.segment.id}",
                suggestion=shown, source=term,
            )
