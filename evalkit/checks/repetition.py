"""Repetition: words back to back ('typical typical') and words said more often than the source says them."""

from __future__ import annotations

import re
from typing import Iterator

from evalkit.checks.base import CheckContext, CheckSpec, register
from evalkit.checks.support import Analysis, TargetWord, analysed_pair, analysis, languages
from evalkit.model import Finding, Segment

# Clause punctuation; the list comma 、 joins words that are said once each ('看得见、摸得着').
_CLAUSE = re.compile(r"[，。；：！？,.;:!?“”\"（）()《》]")
# A gap of two spaces or a tab between words lays out columns, as '--help' lines do.
_COLUMNS = re.compile(r"\S(?: {2,}|\t)\s*\S")
# A word of letters (any script) said again right after itself; the target language's pack says
# which doublings are grammar ('had had', 'vous vous', 'Sie sie').
_REPEAT = re.compile(r"\b([^\W\d_](?:[^\W\d_]|')*)\b(?:(?:,\s*|\s+|\s*-\s*)\1\b)+", re.IGNORECASE)


def _sense_with(ctx: CheckContext, a: Analysis, tw: TargetWord) -> tuple[str | None, str | None]:
    """The source word ``tw`` renders and the sense of it that contains ``tw`` with more words."""
    if tw.link is None:
        return None, None
    unit = a.units[tw.link]
    word = tw.text.lower()
    for sense in ctx.resources.dictionary.content_senses(unit.text):
        if word in sense.lower().replace("-", " ").split() and len(sense.split()) <= 4 and sense.lower() != word:
            return unit.text, sense
    return unit.text, None


def _word_at(a: Analysis, start: int) -> TargetWord | None:
    for tw in a.target_words:
        if tw.start == start:
            return tw
    return None


@register("repeated-word", category="fluency/repetition", severity="minor", strong=True)
def repeated_word(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A word repeated back to back; three or more times is major (a list collapsed by MT)."""
    a = None
    tgt = languages(ctx)[1]
    senses = analysed_pair(ctx)  # the source word it renders, from the support analysis
    for m in _REPEAT.finditer(seg.target):
        word = m.group(1)
        if tgt.is_doubling(word, word):
            continue
        if _COLUMNS.search(m.group(0)) and _COLUMNS.search(seg.source):
            continue  # a --help line's columns: the option's 'DIR' and the description's first word
        count = len(re.findall(rf"\b{re.escape(word)}\b", m.group(0), re.IGNORECASE))
        suggestion, source = word, None
        if a is None and senses:
            a = analysis(seg, ctx)
        first = _word_at(a, m.start()) if a is not None else None
        if first is not None:
            source, sense = _sense_with(ctx, a, first)
            # 'Five -Five': the second half of a compound was lost; the sense that has it says which
            # ('five-starred red flag' gives 'Five-starred', which replaces the repeat alone).
            compound = re.search(rf"\b{re.escape(word)}-[A-Za-z]+", sense or "", re.IGNORECASE) if "-" in m.group(0) else None
            if compound:
                suggestion = word + compound.group(0)[len(word):]
        yield spec.finding(
            seg, m.start(), m.end(),
            f"{word!r} repeated {count} times in a row" + (f"; the source has {source} once" if source else ""),
            suggestion=suggestion, source=source,
            severity="major" if count >= 3 else None,
        )


@register("repeated-content", category="fluency/repetition", severity="minor",
          source=("zh",), target=("en",), lexicon=True)
def repeated_content(spec: CheckSpec, seg: Segment, ctx: CheckContext) -> Iterator[Finding]:
    """A content word said again a few words later, more often than the source or re-translation says it."""
    a = analysis(seg, ctx)
    if not a.has_source:
        return
    words = a.target_words
    # Back-to-back repeats ('typical typical', 'Five -Five') belong to repeated-word.
    surplus = [w for w in words if w.surplus and not (w.index > 0 and words[w.index - 1].stem == w.stem)]
    groups: list[list[TargetWord]] = []
    for tw in surplus:
        if groups and tw.index - groups[-1][-1].index <= 2:
            groups[-1].append(tw)
        else:
            groups.append([tw])
    d = ctx.resources.dictionary
    for group in groups:
        first, last = group[0], group[-1]
        # An adjacent source word nothing renders is what the repeated word should have said.
        earlier = next((w for w in a.target_words if w.stem == first.stem and w.index < first.index), None)
        anchor = earlier.link if earlier is not None and earlier.link is not None else None
        missing = None
        if anchor is not None:
            for j in (anchor + 1, anchor - 1):
                if 0 <= j < len(a.units) and a.units[j].content and not a.covered[j] and not _CLAUSE.search(
                    seg.source[min(a.units[j].end, a.units[anchor].end) : max(a.units[j].start, a.units[anchor].start)]
                ):
                    missing = a.units[j]
                    break
        said = a.units[anchor].text if anchor is not None else None
        if missing is not None:
            sense = d.best_sense(missing.text)
            yield spec.finding(
                seg, first.start, last.end,
                f"{first.text!r} is said again where the source has {missing.text}"
                + (f" ({'; '.join(d.content_senses(missing.text)[:3])})" if sense else "")
                + (f"; {said} was already rendered as {earlier.text!r}" if said and earlier else ""),
                suggestion=sense, source=missing.text, category="accuracy/mistranslation",
            )
        else:
            # no fix to offer: a word said again a few words later is seldom mended by deleting it
            # ('green mountains ... golden mountains and silver mountains')
            yield spec.finding(
                seg, first.start, last.end,
                f"{first.text!r} repeated"
                + (f": the source says {said} once" if said else ": neither the source nor the re-translation repeats it"),
                source=said,
            )
