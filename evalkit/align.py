"""Source-target alignment of paragraphs and sentences: 1-1, 1-2, 2-1, 1-0 and 0-1 beads."""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from typing import Callable, Sequence

from evalkit.errors import InputError
from evalkit.segment import Span

Bead = tuple[list[int], list[int]]  # source indices, target indices

_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")

# Cost of each bead shape, on top of the length mismatch: prefer 1-1.
_SHAPES: dict[tuple[int, int], float] = {(1, 1): 0.0, (1, 2): 1.0, (2, 1): 1.0, (1, 0): 3.0, (0, 1): 3.0}
_SHAPE_LIST = list(_SHAPES)
# Alignment fills only the cells within a band around the diagonal of the two texts' lengths
# (where a path of good beads passes), so its time and memory grow with the number of pieces
# times the band. The band starts at BAND steps either side (at least the difference of the
# counts), narrower for long texts so the first pass fills about START_CELLS cells, never under
# MIN_BAND; it doubles while the best path comes within a quarter of the band of its edge, so a
# text that strays from the diagonal is still aligned as if there were no band.
BAND = 40
MIN_BAND = 16
START_CELLS = 200_000
# The most cells one pass may fill (some 30 s): beyond it the input is refused, not left to run for hours.
MAX_CELLS = 4_000_000


def length_ratio(source: Sequence[Span], target: Sequence[Span]) -> float:
    """Target characters per source character over the whole text (about 3 for zh→en)."""
    s = sum(len(x.text) for x in source) or 1
    t = sum(len(x.text) for x in target) or 1
    return t / s


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


# An anchor scores how well a source text and a target text share content (higher is better).
# It may also offer ``prepare(texts)`` (a source made of pieces, read once) and ``score(prepared,
# target)``, equal to ``anchor("".join(texts), target)``: the aligner then reads each source once.
Anchor = Callable[[str, str], float]
_Scorer = tuple[Callable[[Sequence[str]], object], Callable[[object, str], float]]


def _scorer(anchor: Anchor | None) -> _Scorer | None:
    if anchor is None:
        return None
    prepare, score = getattr(anchor, "prepare", None), getattr(anchor, "score", None)
    if prepare is None or score is None:
        return "".join, anchor  # type: ignore[return-value]
    return prepare, score


def bead_cost(src: list[Span], tgt: list[Span], ratio: float, anchor: Anchor | None) -> float:
    """How unlikely it is that ``src`` and ``tgt`` translate each other (lower is better)."""
    if not src or not tgt:
        return _SHAPES[(len(src), len(tgt))] + 1.0
    scorer = _scorer(anchor)
    return _match(_SHAPES[(len(src), len(tgt))], _source(src, ratio, scorer), _target(tgt), scorer)


# One side of a bead: its text, the numbers in it, its length plus 10 (times the ratio, for a
# source) and, for a source, what the anchor made of it.
_Piece = tuple[str, set[str], float, object]


def _source(spans: Sequence[Span], ratio: float, scorer: _Scorer | None) -> _Piece:
    text = "".join(x.text for x in spans)
    prepared = scorer[0]([x.text for x in spans]) if scorer is not None else None
    return text, numbers(text), ratio * len(text) + 10, prepared


def _target(spans: Sequence[Span]) -> _Piece:
    text = " ".join(x.text for x in spans)
    return text, numbers(text), len(text) + 10, None


def _match(shape: float, s: _Piece, t: _Piece, scorer: _Scorer | None) -> float:
    cost = shape + 2.0 * abs(math.log(t[2] / s[2]))
    s_num, t_num = s[1], t[1]
    if s_num or t_num:
        cost -= 0.5 * len(s_num & t_num) - 0.25 * len(s_num ^ t_num)
    if scorer is not None:
        cost -= scorer[1](s[3], t[0])
    return cost


def align(
    source: Sequence[Span],
    target: Sequence[Span],
    anchor: Anchor | None = None,
    ratio: float | None = None,
) -> list[Bead]:
    """Monotone alignment of two span lists by dynamic programming within a band along the
    diagonal of their lengths, widened until the best path keeps clear of its edges."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [([i], []) for i in range(n)] + [([], [j]) for j in range(m)]
    if ratio is None:
        ratio = length_ratio(source, target)
    band = max(BAND, abs(n - m) + 5)
    if _cells(n, m, band) > START_CELLS:
        # A piece pairs with at most two of the other side: with over four times as many on one
        # side, most beads would pair nothing, and the pair is refused after aligning anyway.
        if max(n, m) > 4 * min(n, m) and max(n, m) - 2 * min(n, m) >= 10:
            raise InputError(
                f"{n} source and {m} target pieces are too many or too unlike to align (a piece pairs "
                "with at most two of the other side, so most would pair nothing)"
            )
        band = max(MIN_BAND, min(band, START_CELLS // (2 * (n + 1))))
    centres = _centres(source, target)
    while True:
        if sum(min(m, high + band) - max(0, low - band) + 1 for low, high in centres) > MAX_CELLS:
            raise InputError(
                f"{n} source and {m} target pieces are too many or too unlike to align "
                f"(over {MAX_CELLS:,} alignment steps)"
            )
        beads = _banded(source, target, ratio, anchor, centres, band)
        if beads is not None:  # always, once the band spans every row (band >= m)
            return beads
        band *= 2


def _cells(n: int, m: int, band: int) -> int:
    """About how many cells a band fills (the corridor of the centres adds a few)."""
    return (n + 1) * min(2 * band + 1, m + 1)


def _centres(source: Sequence[Span], target: Sequence[Span]) -> list[tuple[int, int]]:
    """For each source position, where a path of good beads is expected to pass: between the
    target position as far through the target's pieces and the one as far through its characters
    (the first is right for texts translated piece by piece, the second where the pieces differ)."""
    n, m = len(source), len(target)
    s_at = list(itertools.accumulate((len(x.text) + 1 for x in source), initial=0))
    t_at = list(itertools.accumulate((len(x.text) + 1 for x in target), initial=0))
    scale = t_at[-1] / s_at[-1]
    out = []
    for i, s in enumerate(s_at):
        x = s * scale
        j = min(bisect.bisect_left(t_at, x), m)
        if j > 0 and x - t_at[j - 1] < t_at[j] - x:
            j -= 1
        by_count = round(i * m / n)
        out.append((min(j, by_count), max(j, by_count)))
    return out


def _banded(
    source: Sequence[Span], target: Sequence[Span], ratio: float, anchor: Anchor | None,
    centres: list[tuple[int, int]], band: int,
) -> list[Bead] | None:
    """The best path within ``band`` cells of the centres' corridor; None when it is unreachable or comes
    within a quarter of the band of an edge (the band is too narrow to trust it)."""
    n, m = len(source), len(target)
    scorer = _scorer(anchor)
    inf = float("inf")
    gap = _SHAPES[(1, 0)] + 1.0  # a bead with an empty side costs its shape and a constant
    one_one, one_two, two_one = _SHAPES[(1, 1)], _SHAPES[(1, 2)], _SHAPES[(2, 1)]
    t_one: dict[int, _Piece] = {}  # pieces ending at j, alone and with the one before: made once
    t_two: dict[int, _Piece] = {}
    dropped = 0
    lows: list[int] = []
    backs: list[bytearray] = []
    p1: list[float] = []
    p2: list[float] = []
    lo1 = lo2 = 0
    s1 = s2 = None
    for i in range(n + 1):
        low, high = centres[i]
        lo, hi = max(0, low - band), min(m, high + band)
        row = [inf] * (hi - lo + 1)
        back = bytearray(hi - lo + 1)
        if i >= 1:
            s1 = _source(source[i - 1 : i], ratio, scorer)
        if i >= 2:
            s2 = _source(source[i - 2 : i], ratio, scorer)
        for jj in range(dropped, lo - 2):
            t_one.pop(jj, None)
            t_two.pop(jj, None)
        dropped = max(dropped, lo - 2)
        for j in range(lo, hi + 1):
            best, arg = inf, 0
            if j and j not in t_one:
                t_one[j] = _target(target[j - 1 : j])
                if j >= 2:
                    t_two[j] = _target(target[j - 2 : j])
            if i >= 1:
                a = j - lo1
                if 1 <= a <= len(p1) and p1[a - 1] < inf:  # 1-1
                    best, arg = p1[a - 1] + _match(one_one, s1, t_one[j], scorer), 1
                if 2 <= a <= len(p1) + 1 and p1[a - 2] < inf:  # 1-2
                    c = p1[a - 2] + _match(one_two, s1, t_two[j], scorer)
                    if c < best:
                        best, arg = c, 2
            if i >= 2:
                b = j - lo2
                if 1 <= b <= len(p2) and p2[b - 1] < inf:  # 2-1
                    c = p2[b - 1] + _match(two_one, s2, t_one[j], scorer)
                    if c < best:
                        best, arg = c, 3
            if i >= 1 and 0 <= j - lo1 < len(p1) and p1[j - lo1] < inf:  # 1-0
                c = p1[j - lo1] + gap
                if c < best:
                    best, arg = c, 4
            if j > lo and row[j - lo - 1] < inf:  # 0-1
                c = row[j - lo - 1] + gap
                if c < best:
                    best, arg = c, 5
            row[j - lo] = 0.0 if i == 0 and j == 0 else best
            back[j - lo] = arg
        lows.append(lo)
        backs.append(back)
        p2, lo2, p1, lo1 = p1, lo1, row, lo
    return _trace(lows, backs, n, m, band)


def _trace(lows: list[int], backs: list[bytearray], n: int, m: int, band: int) -> list[Bead] | None:
    margin = max(1, band // 4)
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        lo, back = lows[i], backs[i]
        hi = lo + len(back) - 1
        if (lo > 0 and j - lo < margin) or (hi < m and hi - j < margin):
            return None
        shape = back[j - lo]
        if shape == 0:
            return None
        di, dj = _SHAPE_LIST[shape - 1]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


# What an anchor makes of a source once, to score it against many targets.
Glosses = tuple[int, frozenset[str], dict[str, int]]


class DictionaryAnchor:
    """An anchor score: the share of source words whose CC-CEDICT glosses occur in the target.

    ``anchor(src, tgt)`` scores two texts. The aligner asks through ``prepare`` (a source made of
    one or two pieces, read once) and ``score`` (against one target), and a source of two pieces is
    read from the two pieces' words where jieba would cut the joined text the same way.
    """

    def __init__(self) -> None:
        from evalkit.dictionary import Dictionary

        self.dictionary = Dictionary.load()
        self._stems = functools.lru_cache(maxsize=65536)(self._stems_of)
        self.glosses = functools.lru_cache(maxsize=4096)(self._glosses_of)
        self._words = functools.lru_cache(maxsize=4096)(self._words_of)

    def __call__(self, src: str, tgt: str) -> float:
        return self.score(self.glosses(src), tgt)

    def prepare(self, texts: Sequence[str]) -> Glosses:
        """The glosses of ``"".join(texts)``."""
        from evalkit.lang.zh import cuts_apart

        got = self.glosses(texts[0])
        for before, text in zip(texts, texts[1:]):
            if not cuts_apart(before, text):
                return self.glosses("".join(texts))
            count, glossed, owners = got
            more, more_glossed, more_owners = self.glosses(text)
            joined = dict(owners)
            for w, bits in more_owners.items():
                joined[w] = joined.get(w, 0) | (bits << count)
            got = (count + more, glossed | more_glossed, joined)
        return got

    def score(self, glosses: Glosses, tgt: str) -> float:
        count, glossed, owners = glosses
        if not count:
            return 0.0
        hit = 0
        for w in glossed & self._words(tgt):
            hit |= owners[w]
        return 1.5 * hit.bit_count() / count

    def _stems_of(self, word: str) -> frozenset[str]:
        return frozenset(w.rstrip("s") for w in self.dictionary.gloss_words(word))

    def _glosses_of(self, src: str) -> Glosses:
        """How many source words are Chinese, and for each gloss word the set of those words (a
        bit each) it glosses."""
        from evalkit.dictionary import has_cjk
        from evalkit.lang.zh import tokenize_zh

        count, owners = 0, {}
        for t in tokenize_zh(src):
            if has_cjk(t.text):
                for w in self._stems(t.text):
                    owners[w] = owners.get(w, 0) | (1 << count)
                count += 1
        return count, frozenset(owners), owners

    def _words_of(self, tgt: str) -> frozenset[str]:
        return frozenset(w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", tgt))


def dictionary_anchor() -> DictionaryAnchor:
    """The dictionary anchor (see ``DictionaryAnchor``)."""
    return DictionaryAnchor()


def document_beads(
    source_text: str, target_text: str, src_lang: str, tgt_lang: str, anchor: Anchor | None = None
) -> list[tuple[list[Span], list[Span]]]:
    """Align paragraphs, then sentences inside each aligned paragraph pair; spans index the texts."""
    from evalkit.segment import paragraphs, sentences

    src_paras, tgt_paras = paragraphs(source_text), paragraphs(target_text)
    if len(src_paras) == len(tgt_paras):
        para_beads: list[Bead] = [([i], [i]) for i in range(len(src_paras))]
    else:
        para_beads = align(src_paras, tgt_paras, anchor)
    ratio = length_ratio(src_paras, tgt_paras)
    out: list[tuple[list[Span], list[Span]]] = []
    for s_idx, t_idx in para_beads:
        src_sents = [s for i in s_idx for s in sentences(source_text, src_lang, src_paras[i].start, src_paras[i].end)]
        tgt_sents = [s for j in t_idx for s in sentences(target_text, tgt_lang, tgt_paras[j].start, tgt_paras[j].end)]
        for bs, bt in align(src_sents, tgt_sents, anchor, ratio):
            out.append(([src_sents[i] for i in bs], [tgt_sents[j] for j in bt]))
    return out
