"""What supports each target word: source senses, the re-translation, references, numbers, pinyin."""

# Several checks read the same per-segment analysis, so it is computed once and memoised on the
# run's Resources. Everything here is linear in the segment's length (times the few candidate
# links a word has); dictionary look-ups are cached per word for the whole process.

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from evalkit.dictionary import Dictionary, has_cjk
from evalkit.lang import language
from evalkit.lang.en import EnWord, en_words, english_zipf, stem
from evalkit.lang.zh import ZH_FUNCTION, tokenize_zh
from evalkit.model import Segment
from evalkit.numbers import EN_CARDINALS, SCALE_WORDS, en_numbers, zh_numbers
from evalkit.pinyin import find_spelling, split_syllables

if TYPE_CHECKING:
    from evalkit.checks.base import CheckContext

_NUMBER_WORDS = {
    "zero": 0, **EN_CARDINALS, "hundred": 100, **SCALE_WORDS, "first": 1, "second": 2, "third": 3, "fourth": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "once": 1, "twice": 2,
    "single": 1, "double": 2, "half": 0.5, "dozen": 12, "january": 1, "february": 2, "march": 3, "april": 4,
    "may": 5, "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_CLAUSE_BREAK = re.compile(r"[，。；：！？,.;:!?“”\"（）()《》、]")
_CAPITAL_CONTEXT = re.compile(r"(^|[.!?:;]\s*|[\"“‘'(\[]\s*|\n\s*|[-–—•*]\s+)$")


# The pair the support analysis reads: Chinese sources through CC-CEDICT's English senses.
ANALYSIS_PAIR = ("zh", "en")


def languages(ctx: "CheckContext"):
    """The packs of the run's source and target languages."""
    return language(ctx.settings.get("src_lang", "zh")), language(ctx.settings.get("tgt_lang", "en"))


def analysed_pair(ctx: "CheckContext") -> bool:
    """Whether the run's pair is the one the support analysis reads (zh -> en)."""
    src, tgt = languages(ctx)
    return (src.code, tgt.code) == ANALYSIS_PAIR


def number_word(word: str) -> float | None:
    """The value of a spelled-out number, ordinal or month name ('ten', 'first', 'June')."""
    v = _NUMBER_WORDS.get(word.lower())
    return None if v is None else round(float(v), 6)


def related_stems(a: str, b: str) -> bool:
    """True when two stems are forms of one word ('reduct' / 'reduc', 'defens' / 'defend')."""
    if a == b:
        return True
    n = min(len(a), len(b))
    if n < 5 or a[:5] != b[:5]:
        return False
    k = 5
    while k < n and a[k] == b[k]:
        k += 1
    return k >= 0.75 * n


@dataclass
class SourceUnit:
    """A unit of meaning of the source: a jieba word, or a dictionary part of a word CC-CEDICT lacks."""

    index: int
    text: str
    start: int
    end: int
    stems: frozenset[str]
    content: bool  # a Chinese word with a sense of its own, or a number
    word: int  # index of the jieba word it belongs to
    known: bool  # the jieba word itself is a CC-CEDICT headword
    whole: str = ""  # the jieba word it belongs to
    char_stems: frozenset[str] = frozenset()  # senses of its characters (weaker evidence)


@dataclass
class TargetWord:
    """An English word of the target and what supports it."""

    index: int
    word: EnWord
    content: bool
    candidates: list[int] = field(default_factory=list)  # source units whose senses allow it
    link: int | None = None  # the candidate chosen by position
    in_retranslation: bool = False
    in_reference: bool = False
    number: bool = False
    pinyin: tuple[int, int] | None = None  # source characters it spells, if it is pinyin of them
    surplus: bool = False  # more occurrences than the source and the re-translation account for
    surplus_near: bool = False  # ... said again within SURPLUS_WINDOW[False] words
    surplus_far: bool = False  # ... said again within SURPLUS_WINDOW[True] words
    weak: bool = False  # supported only through a derived form or a synonym

    @property
    def text(self) -> str:
        return self.word.text

    @property
    def start(self) -> int:
        return self.word.start

    @property
    def end(self) -> int:
        return self.word.end

    @property
    def stem(self) -> str:
        return self.word.stem

    @property
    def supported(self) -> bool:
        if self.surplus:
            return False
        return bool(self.candidates or self.in_retranslation or self.in_reference or self.number or self.pinyin)


@dataclass
class Analysis:
    """Per-segment support of target words by the source and of source units by the target."""

    segment: Segment
    units: list[SourceUnit]
    target_words: list[TargetWord]
    retranslation_words: list[EnWord]
    covered: list[bool]  # per source unit: some target word is linked to it (or spells it)
    has_source: bool
    retranslation_is_gloss: bool  # the re-translation adds nothing the dictionary does not say
    window_far: bool | None = None  # which repetition window ``TargetWord.surplus`` reflects

    @property
    def real_retranslation(self) -> bool:
        """Whether there is a re-translation that says more than the dictionary's glosses."""
        return bool(self.retranslation_words) and not self.retranslation_is_gloss

    def unsupported(self) -> list[TargetWord]:
        return [w for w in self.target_words if w.content and not w.supported]

    def linked_words(self, unit: int) -> list[TargetWord]:
        return [w for w in self.target_words if w.link == unit]

    def nearest_words(self, unit: int, reach: int = 3, last: int | None = None) -> list[TargetWord]:
        """Target words linked to the covered source unit nearest to ``unit`` (or to the run
        ``unit..last``), preferring a neighbour in the same clause, the left one on a tie."""
        last = unit if last is None else last
        src = self.segment.source or ""
        best: tuple[int, int, list[TargetWord]] | None = None
        for d in range(1, reach + 1):
            for j, gap in ((unit - d, (unit - d, unit)), (last + d, (last, last + d))):
                if not (0 <= j < len(self.units)) or not self.covered[j]:
                    continue
                got = self.linked_words(j)
                if not got:
                    continue
                a, b = self.units[gap[0]], self.units[gap[1]]
                split = 1 if _CLAUSE_BREAK.search(src[a.end : b.start]) else 0
                cand = (split, d, got)
                if best is None or cand[:2] < best[:2]:
                    best = cand
        return best[2] if best else []


def is_sentence_initial(text: str, start: int) -> bool:
    """True when the word at ``start`` begins a sentence, a quotation, a heading, a list item or a label."""
    return start == 0 or bool(_CAPITAL_CONTEXT.search(text[max(0, start - 6) : start]))


# Placeholders and inline markup ({name}, %s, %(count)d, <b>, ${x}): the placeholder check owns them.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\$\{[^{}]*\}|%(?:\([^)]*\))?[-+ #0-9.]*[sdifxXeEgGcr%@]|</?[A-Za-z][^>]*>")


def source_units(text: str, d: Dictionary) -> list[SourceUnit]:
    """The source's jieba words, unknown compounds split into dictionary parts."""
    out: list[SourceUnit] = []
    masked = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    for w_index, tok in enumerate(tokenize_zh(text)):
        w = tok.text
        if not w.strip() or any(a < tok.end and tok.start < b for a, b in masked):
            continue
        if has_cjk(w):
            known = w in d and bool(d.content_senses(w) or d.is_proper(w))
            pieces = [w] if known or len(w) == 1 else d.parts(w)
            pos = tok.start
            for piece in pieces:
                stems = d.support(piece)
                content = piece not in ZH_FUNCTION and bool(stems)
                out.append(SourceUnit(len(out), piece, pos, pos + len(piece), stems, content, w_index, known, w,
                                      d.char_support(piece) - stems))
                pos += len(piece)
        elif any(c.isalnum() for c in w):
            stems = frozenset(stem(x.text) for x in en_words(w)) or frozenset({w})
            out.append(SourceUnit(len(out), w, tok.start, tok.end, stems, True, w_index, True, w))
    return out


def _stem_counts(words: list[EnWord]) -> Counter:
    return Counter(w.stem for w in words if w.content)


# How many source units away from its neighbours' units a weakly supported word may link.
WEAK_REACH = 3


def _choose_links(words: list[TargetWord], units: list[SourceUnit], weak_candidates=None) -> None:
    """Link each supported target word to one of its candidate source units.

    Words with one candidate are linked first; the others, in target order, take the candidate
    that continues the linked word on their left (its unit or the next; the right neighbour's when
    there is none on the left), then the one nearest their relative position, preferring units not yet
    taken so that a word said twice does not cover one unit twice. Direct senses go before
    synonyms, and a synonym only takes a unit no direct sense took.
    """
    n, m = max(len(words), 1), max(len(units), 1)
    taken: Counter = Counter()
    for w in words:
        if len(w.candidates) == 1 and not w.weak and not taken[w.candidates[0]]:
            w.link = w.candidates[0]
            taken[w.link] += 1
    for weak in (False, True):
        for w in words:
            if w.link is not None or not w.candidates or w.weak != weak:
                continue
            left = next((x.link for x in reversed(words[: w.index]) if x.link is not None), None)
            right = None if left is not None else next((x.link for x in words[w.index + 1 :] if x.link is not None), None)
            rel = w.index / n

            def near(j: int) -> int:
                if left is not None:
                    return min(abs(j - left), abs(j - left - 1))
                if right is not None:
                    return min(abs(j - right), abs(j - right + 1))
                return 0

            def cost(j: int) -> float:
                return min(near(j), 6) / 6 + abs(rel - j / m) + 0.5 * taken[j]

            def plausible(j: int) -> bool:
                # Weak evidence links only where the word stands: next to its neighbours' units.
                return not taken[j] and (near(j) <= WEAK_REACH or abs(rel - j / m) <= 0.15)

            options = [j for j in w.candidates if not weak or plausible(j)]
            if not weak and weak_candidates is not None and w.content and all(taken[j] for j in options):
                # Every unit it could translate is taken: a synonym may say what it renders ('build' / 构建).
                spare = [j for j in weak_candidates(w.word) if plausible(j)]
                if spare:
                    options = spare
            if options:
                w.link = min(options, key=cost)
                taken[w.link] += 1


# How far apart two mentions of a word may be to count as a repetition: in a document full of MT
# artifacts, a sentence away; in a clean one, only an immediate echo ('visible and visible').
SURPLUS_WINDOW = {True: 8, False: 3}


def analyse(seg: Segment, d: Dictionary, window: int = 8) -> Analysis:
    """Compute which target words the source, the re-translation and the references support."""
    units = source_units(seg.source or "", d) if seg.source and has_cjk(seg.source) else []
    has_source = bool(units)
    tgt_en = en_words(seg.target)
    retr_en = en_words(seg.retranslation or "")
    retr_counts = _stem_counts(retr_en)
    ref_counts = [_stem_counts(en_words(r)) for r in seg.references if r]

    by_stem: dict[str, list[int]] = {}
    by_char: dict[str, list[int]] = {}
    for u in units:
        for s in u.stems:
            by_stem.setdefault(s, []).append(u.index)
        for s in u.char_stems:
            by_char.setdefault(s, []).append(u.index)
    src_stems = frozenset(by_stem)
    # related_stems needs the first five letters alike (or the stems equal): only those are compared
    by_prefix: dict[str, list[str]] = {}
    for x in src_stems:
        by_prefix.setdefault(x[:5], []).append(x)
    retr_stems = frozenset(retr_counts)
    # The offline engine's re-translation is the dictionary's own gloss: no evidence of its own.
    gloss_only = bool(retr_stems) and seg.meta.get("retranslated_by") == "lexicon"

    numbers = {round(n.value, 6) for n in zh_numbers(seg.source or "")} if has_source else set()
    target_numbers = en_numbers(seg.target)
    numeric_spans = [(n.start, n.end) for n in target_numbers if round(n.value, 6) in numbers]

    weak_memo: dict[str, tuple[list[int], bool]] = {}

    def indirect(w: EnWord) -> tuple[list[int], bool]:
        """Source units a word renders through a derived form ('reduction' / 'reduce': as good as
        the sense itself), or, weaker, through one character's sense or a CC-CEDICT synonym
        ('rural' / 'countryside'); and whether the support is weak."""
        s = w.stem
        if s not in weak_memo:
            found: list[int] = []
            for x in by_prefix.get(s[:5], ()):
                if related_stems(s, x):
                    found.extend(j for j in by_stem[x] if j not in found)
            weak = not found
            if weak:
                found = list(by_char.get(s, ()))
                for x in () if found else d.synonyms(w.text) & src_stems:
                    found.extend(j for j in by_stem.get(x, ()) if j not in found)
            weak_memo[s] = (found, weak)
        return weak_memo[s]

    def weak_candidates(w: EnWord) -> list[int]:
        return indirect(w)[0]

    # A word inside a placeholder or a tag ('%(value)s', '<meta name="referrer">') is no word of the text.
    markup = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(seg.target)]
    words: list[TargetWord] = []
    for i, w in enumerate(tgt_en):
        in_markup = any(a <= w.start and w.end <= b for a, b in markup)
        tw = TargetWord(i, w, content=w.content and len(w.text) > 1 and not in_markup)
        s = w.stem
        tw.candidates = list(by_stem.get(s, ()))
        tw.in_retranslation = s in retr_counts
        tw.in_reference = any(s in c for c in ref_counts)
        tw.number = any(a <= w.start and w.end <= b for a, b in numeric_spans) or (
            has_source and number_word(w.text) in numbers
        )
        if tw.content and not (tw.candidates or tw.in_retranslation or tw.in_reference or tw.number):
            tw.candidates, tw.weak = indirect(w)
            tw.weak = tw.weak and bool(tw.candidates)
            if not tw.candidates:
                tw.in_retranslation = any(related_stems(s, x) for x in retr_stems) or bool(
                    d.synonyms(w.text) & retr_stems)
                tw.weak = tw.in_retranslation
        if has_source and not tw.candidates and not tw.in_retranslation and english_zipf(w.lower) < 3.5:
            syl = split_syllables(w.text)
            if syl and len(syl) <= 4:
                hits = find_spelling(syl, seg.source)
                if hits:
                    tw.pinyin = (hits[0], hits[0] + len(syl))
        words.append(tw)
    # A compound split in the target ('grass -roots', 'grass roots') renders one source word
    # that says it joined ('grassroots'), and the other way round.
    for x, y in zip(words, words[1:]):
        if (x.supported and not x.weak and y.supported and not y.weak) or seg.target[x.end : y.start].strip(" -") != "":
            continue
        joined = stem(x.text + y.text)
        if joined in by_stem or joined in retr_counts or any(joined in c for c in ref_counts):
            for tw in (x, y):
                if not tw.supported or tw.weak:
                    tw.candidates, tw.weak = list(by_stem.get(joined, ())), False
                    tw.in_retranslation = tw.in_retranslation or joined in retr_counts
                    tw.in_reference = tw.in_reference or any(joined in c for c in ref_counts)
    _choose_links(words, units, weak_candidates)

    # Surplus: a content word said again within a few words, more often than the source, the
    # re-translation or any reference says it ('visible and visible', 'Five-Five').
    if has_source:
        seen: dict[str, list[int]] = {}
        for tw in words:
            if not tw.content:
                continue
            prev = seen.setdefault(tw.stem, [])
            if prev and tw.index - prev[-1] <= SURPLUS_WINDOW[True]:
                allowed = max([retr_counts.get(tw.stem, 0) if not gloss_only else 0, len(set(tw.candidates))]
                              + [c.get(tw.stem, 0) for c in ref_counts])
                if len(prev) + 1 > max(allowed, 1):
                    tw.surplus_far = True
                    tw.surplus_near = tw.index - prev[-1] <= SURPLUS_WINDOW[False]
            prev.append(tw.index)
        for tw in words:
            tw.surplus = tw.surplus_far if window >= SURPLUS_WINDOW[True] else tw.surplus_near

    covered = [False] * len(units)
    for tw in words:
        if tw.link is not None:
            covered[tw.link] = True
        if tw.pinyin:
            for u in units:
                if u.start < tw.pinyin[1] and tw.pinyin[0] < u.end:
                    covered[u.index] = True
    target_values = {round(t.value, 6) for t in target_numbers} | {
        v for v in (number_word(w.text) for w in tgt_en) if v is not None
    }
    for u in units:
        if not covered[u.index] and any(round(n.value, 6) in target_values for n in zh_numbers(u.text)):
            covered[u.index] = True
    return Analysis(seg, units, words, retr_en, covered, has_source, gloss_only)


def analysis(seg: Segment, ctx: "CheckContext") -> Analysis:
    """The memoised analysis of ``seg`` for this run."""
    memo = ctx.resources.memo.setdefault("support", {})
    key = (seg.id, seg.source, seg.target, seg.retranslation, tuple(seg.references))
    hit = memo.get(key)
    if hit is None:
        hit = analyse(seg, ctx.resources.dictionary)
        memo[key] = hit
    far = _noisy_for_window(ctx)
    if hit.window_far is not far:
        hit.window_far = far
        for tw in hit.target_words:
            tw.surplus = tw.surplus_far if far else tw.surplus_near
    return hit


def retranslation_analysis(seg: Segment, ctx: "CheckContext") -> Analysis | None:
    """The re-translation read as a translation of the source: which source unit each of its words
    renders (memoised). None when there is no re-translation of its own: none, or the offline
    engine's dictionary gloss, which only says what the dictionary says."""
    if not seg.retranslation or not seg.source or seg.meta.get("retranslated_by") == "lexicon":
        return None
    memo = ctx.resources.memo.setdefault("retranslation-support", {})
    key = (seg.source, seg.retranslation)
    if key not in memo:
        memo[key] = analyse(Segment(seg.id, seg.source, seg.retranslation), ctx.resources.dictionary)
    return memo[key]


def retranslation_rendering(seg: Segment, ctx: "CheckContext", units: Iterable[int]) -> str | None:
    """How the re-translation says these source units: its text from the first to the last of its
    words that render them ('deep into villages' for 深度进村), when that is one short phrase."""
    ra = retranslation_analysis(seg, ctx)
    wanted = set(units)
    if ra is None or not wanted:
        return None
    words = ra.target_words
    linked = [w for w in words if w.link in wanted]
    if not linked:
        # Said in words the dictionary does not know ('Convergence' for 融): what stands between
        # the renderings of the source words on either side, when nothing else does.
        lo, hi = min(wanted), max(wanted)
        left = [w.index for w in words if w.link == lo - 1]
        right = [w.index for w in words if w.link == hi + 1]
        if not left or not right or left[-1] + 1 >= right[0]:
            return None
        linked = words[left[-1] + 1 : right[0]]
        if any(w.link is not None for w in linked) or not any(w.content for w in linked):
            return None
    if linked[-1].index - linked[0].index + 1 > 2 * len(wanted) + 2:
        return None  # said in scattered places: no one phrase to put in
    return (seg.retranslation or "")[linked[0].start : linked[-1].end]


def _noisy_for_window(ctx: "CheckContext") -> bool:
    memo = ctx.resources.memo.setdefault("noise", {})
    if id(ctx.document) in memo:
        return memo[id(ctx.document)] >= NOISY_DOCUMENT
    guard = ctx.resources.memo.setdefault("noise-guard", set())
    if id(ctx.document) in guard:
        return True  # asked while the noise itself is being measured: surplus is not a strong check
    guard.add(id(ctx.document))
    return noisy_document(ctx)


# Strong artifacts per 100 target words above which a document is treated as raw machine output.
NOISY_DOCUMENT = 1.0


def document_noise(ctx: "CheckContext") -> float:
    """Strong-evidence artifacts per 100 target words of the document (memoised per run)."""
    memo = ctx.resources.memo.setdefault("noise", {})
    key = id(ctx.document)
    if key not in memo:
        from evalkit.checks.base import all_checks, segment_findings

        # The artifacts of checks registered as strong: their rate says how much to trust weaker
        # evidence (a paraphrase and a mistranslation look alike to a dictionary).
        src, tgt = ctx.settings.get("src_lang", "zh"), ctx.settings.get("tgt_lang", "en")
        strong = [spec for spec in all_checks().values() if spec.strong and spec.applies(src, tgt)]
        found = words = 0
        for seg in ctx.document.segments:
            if not seg.target:
                continue
            words += len(languages(ctx)[1].words(seg.target))
            found += sum(len(segment_findings(spec, seg, ctx)) for spec in strong)
        memo[key] = 100.0 * found / max(words, 1)
    return memo[key]


def noisy_document(ctx: "CheckContext") -> bool:
    """True when the document shows enough artifacts that weak evidence is likely an error."""
    return document_noise(ctx) >= NOISY_DOCUMENT


def weak_evidence_wanted(ctx: "CheckContext") -> bool:
    """Whether the weak-evidence checks report what only the dictionary speaks against: always when
    the error model decides which of their candidates become findings (``evalkit.decide``), else
    only in a document noisy enough that weak evidence is likely an error."""
    return bool(ctx.settings.get("error_model")) or noisy_document(ctx)
