"""Source-target alignment of paragraphs and sentences: 1-1, 1-2, 2-1, 1-0 and 0-1 beads."""

from __future__ import annotations

import math
import re
from typing import Callable, Sequence

from evalkit.errors import InputError
from evalkit.segment import Span

Bead = tuple[list[int], list[int]]  # source indices, target indices

_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")

# Cost of each bead shape, on top of the length mismatch: prefer 1-1.
_SHAPES: dict[tuple[int, int], float] = {(1, 1): 0.0, (1, 2): 1.0, (2, 1): 1.0, (1, 0): 3.0, (0, 1): 3.0}
# Alignment considers only cells within this many steps of the diagonal, so it stays linear.
BAND = 40
# The most cells one alignment may fill (about 40 s): beyond it the input is refused, not left to run for hours.
MAX_CELLS = 1_000_000


def length_ratio(source: Sequence[Span], target: Sequence[Span]) -> float:
    """Target characters per source character over the whole text (about 3 for zh→en)."""
    s = sum(len(x.text) for x in source) or 1
    t = sum(len(x.text) for x in target) or 1
    return t / s


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def bead_cost(src: list[Span], tgt: list[Span], ratio: float, anchor: Callable[[str, str], float] | None) -> float:
    """How unlikely it is that ``src`` and ``tgt`` translate each other (lower is better)."""
    shape = _SHAPES[(len(src), len(tgt))]
    if not src or not tgt:
        return shape + 1.0
    s_text = "".join(x.text for x in src)
    t_text = " ".join(x.text for x in tgt)
    mismatch = abs(math.log((len(t_text) + 10) / (ratio * len(s_text) + 10)))
    cost = shape + 2.0 * mismatch
    s_num, t_num = numbers(s_text), numbers(t_text)
    if s_num or t_num:
        cost -= 0.5 * len(s_num & t_num) - 0.25 * len(s_num ^ t_num)
    if anchor is not None:
        cost -= anchor(s_text, t_text)
    return cost


def align(
    source: Sequence[Span],
    target: Sequence[Span],
    anchor: Callable[[str, str], float] | None = None,
    ratio: float | None = None,
) -> list[Bead]:
    """Monotone alignment of two span lists by dynamic programming within a diagonal band."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [([i], []) for i in range(n)] + [([], [j]) for j in range(m)]
    if ratio is None:
        ratio = length_ratio(source, target)
    inf = float("inf")
    cost: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    band = max(BAND, abs(n - m) + 5)
    if (n + 1) * (2 * band + 1) > MAX_CELLS:
        raise InputError(
            f"{n} source and {m} target pieces are too many or too unlike to align "
            f"(over {MAX_CELLS:,} alignment steps)"
        )
    for i in range(n + 1):
        centre = round(i * m / n)
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            if (i, j) == (0, 0):
                continue
            best, arg = inf, None
            for di, dj in _SHAPES:
                pi, pj = i - di, j - dj
                prev = cost.get((pi, pj))
                if prev is None or pi < 0 or pj < 0:
                    continue
                c = prev + bead_cost(list(source[pi:i]), list(target[pj:j]), ratio, anchor)
                if c < best:
                    best, arg = c, (di, dj)
            if arg is not None:
                cost[(i, j)] = best
                back[(i, j)] = arg
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[(i, j)]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def dictionary_anchor() -> Callable[[str, str], float]:
    """An anchor score: the share of source words whose CC-CEDICT glosses occur in the target."""
    import functools

    from evalkit.dictionary import Dictionary, has_cjk, tokenize_zh

    dictionary = Dictionary.load()

    @functools.lru_cache(maxsize=4096)
    def glosses(src: str) -> tuple[frozenset[str], ...]:
        # stemmed here once, not per target it is compared with: alignment asks many times
        return tuple(
            frozenset(w.rstrip("s") for w in dictionary.gloss_words(t.text)) for t in tokenize_zh(src) if has_cjk(t.text)
        )

    @functools.lru_cache(maxsize=4096)
    def words(tgt: str) -> frozenset[str]:
        return frozenset(w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", tgt))

    def anchor(src: str, tgt: str) -> float:
        g = glosses(src)
        if not g:
            return 0.0
        tw = words(tgt)
        hits = sum(1 for senses in g if not senses.isdisjoint(tw))
        return 1.5 * hits / len(g)

    return anchor


def document_beads(
    source_text: str, target_text: str, src_lang: str, tgt_lang: str, anchor: Callable[[str, str], float] | None = None
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
