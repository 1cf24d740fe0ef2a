"""sacrebleu's TER, with its edit distances computed by numpy: the same edits, many times faster.

sacrebleu's TER (a port of Tercom) tries up to 1,000 shifts of hypothesis phrases per segment and
computes a beam-limited edit distance for each, cell by cell in Python: seconds per segment on a
100-word paragraph. Here the shift candidates of one step of the search are enumerated exactly as
sacrebleu enumerates them (same order, same limits), and their edit distances are computed
together, one matrix row at a time across all candidates (a shift keeps the hypothesis length, so
every candidate has the same beam), from the first row where a candidate differs from the current
hypothesis. Ties between edit operations are broken as sacrebleu breaks them, so the alignment that
proposes the next shifts is sacrebleu's too, and the number of edits is the same integer
(tests/test_ter.py compares them on real and random pairs).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sacrebleu.metrics import TER
from sacrebleu.metrics.lib_ter import (
    _BEAM_WIDTH,
    _MAX_SHIFT_CANDIDATES,
    _MAX_SHIFT_DIST,
    _MAX_SHIFT_SIZE,
    _flip_trace,
    _perform_shift,
    trace_to_alignment,
)

_INF = 10**12
KEEP_CELLS = 4_000_000  # matrix cells of a batch whose rows are kept (8 bytes and 1 each)
_DIAG, _DEL, _INS = 0, 1, 2  # the operation that reached a cell: a match or substitution, ...


class _Matrix:
    """The rows of sacrebleu's beam-limited edit distance to one reference, for hypotheses of length n."""

    def __init__(self, ref: np.ndarray, n: int):
        self.ref, self.n, self.m = ref, n, len(ref)
        ratio = self.m / n if n else 1
        beam = math.ceil(ratio / 2 + _BEAM_WIDTH) if _BEAM_WIDTH < ratio / 2 else _BEAM_WIDTH
        self.bounds = [(0, self.m + 1)]
        for i in range(1, n + 1):
            diag = math.floor(i * ratio)
            self.bounds.append((max(0, diag - beam), self.m + 1 if i == n else min(self.m + 1, diag + beam)))
        self.cols = np.arange(self.m + 1, dtype=np.int64)
        self.first_ops = np.full(self.m + 1, _INS, dtype=np.int8)

    def row(self, prev: np.ndarray, word: np.ndarray, i: int, ops: bool = False):
        """Row ``i`` (C × m+1) from row ``i - 1`` for hypotheses whose ``i``-th word ids are ``word`` (C × 1);
        with ``ops``, also the operation that reached each cell (C × m+1, -1 outside the beam)."""
        lo, hi = self.bounds[i]
        cur = np.full(prev.shape, _INF, dtype=np.int64)
        op_rows = np.full(prev.shape, -1, dtype=np.int8) if ops else None
        if hi <= lo:
            return cur, op_rows
        best = prev[:, lo:hi] + 1  # deletion
        k = 1 if lo == 0 else 0  # column 0 takes a deletion only
        take = None
        if hi > lo + k:
            diag = prev[:, lo + k - 1 : hi - 1] + (word != self.ref[None, lo + k - 1 : hi - 1])
            take = diag <= best[:, k:]  # sacrebleu prefers the diagonal on a tie
            np.minimum(best[:, k:], diag, out=best[:, k:])
        cols = self.cols[lo:hi]
        # an insertion continues the row: cur[j] = min over k <= j of best[k] + (j - k)
        cur[:, lo:hi] = np.minimum.accumulate(best - cols, axis=1) + cols
        if ops:
            op = np.full(best.shape, _DEL, dtype=np.int8)
            if take is not None:
                op[:, k:][take] = _DIAG
            op[cur[:, lo:hi] < best] = _INS  # only a strictly cheaper insertion wins
            op_rows[:, lo:hi] = op
        return cur, op_rows

    def last(self, hyps: np.ndarray, start: int, seed: np.ndarray, keep: list | None = None) -> np.ndarray:
        """The edit distance of each hypothesis (rows of ``hyps``), given its row ``start`` in ``seed``;
        with ``keep``, each row and its operations are appended to it as (rows, ops)."""
        prev = seed
        for i in range(start + 1, self.n + 1):
            prev, ops = self.row(prev, hyps[:, i - 1 : i], i, ops=keep is not None)
            if keep is not None:
                keep.append((prev, ops))
        return prev[:, self.m]


class _Hypothesis:
    """A hypothesis of the search with its matrix rows, operations, distance and alignment.

    Its rows after ``same`` are computed here, or taken from ``rows`` (candidate ``pick`` of a batch).
    """

    def __init__(self, words: list[str], ids: np.ndarray, mx: _Matrix, base: "_Hypothesis | None" = None,
                 same: int = 0, rows: list | None = None, pick: int = 0):
        self.words, self.ids = words, ids
        if base is None:
            same, self.dist, self.ops = 0, [mx.cols], [mx.first_ops]
        else:  # the first ``same`` words are the base's: so are their rows
            self.dist, self.ops = base.dist[: same + 1], base.ops[: same + 1]
        if rows is not None:
            self.dist += [r[pick] for r, _ in rows]
            self.ops += [o[pick] for _, o in rows]
        else:
            prev = self.dist[same][None, :]
            for i in range(same + 1, mx.n + 1):
                prev, op = mx.row(prev, ids[None, i - 1 : i], i, ops=True)
                self.dist.append(prev[0])
                self.ops.append(op[0])
        self.score = int(self.dist[mx.n][mx.m])
        trace, i, j = [], mx.n, mx.m
        while i > 0 or j > 0:
            op = self.ops[i][j]
            if op == _DIAG:
                trace.append(" " if ids[i - 1] == mx.ref[j - 1] else "s")
                i, j = i - 1, j - 1
            elif op == _INS:
                trace.append("i")
                j -= 1
            elif op == _DEL:
                trace.append("d")
                i -= 1
            else:
                raise AssertionError(f"TER trace left the beam at {i}, {j}")
        # as sacrebleu: the trace rewrites the hypothesis into the reference; the alignment the other way
        self.align, self.ref_err, self.hyp_err = trace_to_alignment(_flip_trace("".join(reversed(trace))))


def _shifted_pairs(hyp: list[str], ref: list[str]):
    """sacrebleu's ``_find_shifted_pairs`` in its order, visiting only positions where the words match."""
    where: dict[str, list[int]] = {}
    for r, w in enumerate(ref):
        where.setdefault(w, []).append(r)
    n_h, n_r = len(hyp), len(ref)
    for start_h, w in enumerate(hyp):
        for start_r in where.get(w, ()):
            if abs(start_r - start_h) > _MAX_SHIFT_DIST:
                continue
            length = 0
            while hyp[start_h + length] == ref[start_r + length] and length < _MAX_SHIFT_SIZE:
                length += 1
                yield start_h, start_r, length
                if n_h == start_h + length or n_r == start_r + length:
                    break


def _codes(ids) -> str:
    """Word ids as one string, a character a word, for rapidfuzz's Levenshtein distance."""
    return "".join(map(chr, ids))


def _exact_gains(cur: _Hypothesis, mx: _Matrix, shifted: list[list[str]], keys: list[tuple], vocab: dict[str, int]):
    """The beam-limited edit distance gains of ``shifted``, with their ids, first changed word and
    (when small enough) rows."""
    same = min(k[3] for k in keys)  # every candidate keeps the words before this
    ids = np.array([[vocab[w] for w in s] for s in shifted], dtype=np.int64)
    seed = np.broadcast_to(cur.dist[same], (len(shifted), mx.m + 1))
    # a small batch keeps its rows, so the chosen shift needs no second pass
    rows: list | None = [] if len(shifted) * (mx.m + 1) * (mx.n - same) <= KEEP_CELLS else None
    return cur.score - mx.last(ids, same, seed, rows), ids, same, rows


def _shift(cur: _Hypothesis, ref: list[str], mx: _Matrix, checked: int, vocab: dict[str, int], ref_codes: str):
    """sacrebleu's ``lib_ter._shift``: (gain, the best shifted hypothesis, candidates checked).

    sacrebleu computes the beam-limited edit distance of every candidate. That distance is never
    below the plain Levenshtein distance of the same words (the beam only takes paths away), so
    ``score - levenshtein`` bounds a candidate's gain from above. rapidfuzz gives that bound for
    every candidate in microseconds; the beam-limited distance is computed only for candidates
    whose bound reaches the best gain found, which are the only ones that can win or tie.
    """
    from rapidfuzz.distance import Levenshtein

    align, ref_err, hyp_err = cur.align, cur.ref_err, cur.hyp_err
    codes = _codes(cur.ids.tolist())
    moves: list[tuple[int, int, int]] = []
    bounds: list[int] = []
    keys: list[tuple] = []
    for start_h, start_r, length in _shifted_pairs(cur.words, ref):
        if sum(hyp_err[start_h : start_h + length]) == 0 or sum(ref_err[start_r : start_r + length]) == 0:
            continue
        if start_h <= align[start_r] < start_h + length:
            continue
        prev_idx = -1
        for offset in range(-1, length):
            if start_r + offset == -1:
                idx = 0
            elif start_r + offset in align:
                idx = align[start_r + offset] + 1
            else:
                break
            if idx == prev_idx:
                continue
            prev_idx = idx
            moves.append((start_h, length, idx))
            bounds.append(cur.score - Levenshtein.distance(ref_codes, _perform_shift(codes, start_h, length, idx)))
            keys.append((length, -start_h, -idx, min(start_h, idx)))
            checked += 1
        if checked >= _MAX_SHIFT_CANDIDATES:
            break
    if not moves or max(bounds) <= 0:
        return (max(bounds) if moves else 0), cur, checked  # no shift gains anything
    top = max(bounds)
    todo = [c for c in range(len(moves)) if bounds[c] == top]
    gains, ids, same, rows = _exact_gains(cur, mx, [_perform_shift(cur.words, *moves[c]) for c in todo],
                                          [keys[c] for c in todo], vocab)
    found = int(gains.max())
    if found < top:  # the bound was loose: every candidate that may still reach the best gain
        todo = [c for c in range(len(moves)) if bounds[c] >= max(found, 1)]
        gains, ids, same, rows = _exact_gains(cur, mx, [_perform_shift(cur.words, *moves[c]) for c in todo],
                                              [keys[c] for c in todo], vocab)
    shifted = [_perform_shift(cur.words, *moves[c]) for c in todo]
    best = max(range(len(todo)), key=lambda k: (int(gains[k]), *keys[todo[k]][:3], shifted[k]))
    if gains[best] <= 0:
        return int(gains[best]), cur, checked
    chosen = _Hypothesis(shifted[best], ids[best], mx, cur, same, rows, best) if rows is not None \
        else _Hypothesis(shifted[best], ids[best], mx, cur, keys[todo[best]][3])
    return int(gains[best]), chosen, checked


def translation_edit_rate(words_hyp: list[str], words_ref: list[str]) -> tuple[int, int]:
    """sacrebleu's ``lib_ter.translation_edit_rate``: (number of edits, reference length)."""
    if not words_ref:
        return len(words_hyp), 0
    vocab: dict[str, int] = {}
    for w in words_ref + words_hyp:
        vocab.setdefault(w, len(vocab))
    ref_ids = np.array([vocab[w] for w in words_ref], dtype=np.int64)
    mx = _Matrix(ref_ids, len(words_hyp))
    cur = _Hypothesis(words_hyp, np.array([vocab[w] for w in words_hyp], dtype=np.int64), mx)
    ref_codes = _codes(ref_ids.tolist())
    shifts = checked = 0
    while True:
        gain, shifted, checked = _shift(cur, words_ref, mx, checked, vocab, ref_codes)
        if checked >= _MAX_SHIFT_CANDIDATES or gain <= 0:
            break
        shifts += 1
        cur = shifted
    return shifts + cur.score, len(words_ref)


class FastTER(TER):
    """sacrebleu's TER metric (same tokenisation, options and signature) on the numpy edit distance."""

    def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict[str, Any]) -> list[float]:
        words_hyp = hypothesis.split()
        ref_words = ref_kwargs["ref_words"]
        results = [translation_edit_rate(words_hyp, words_ref) for words_ref in ref_words]
        return [min(edits for edits, _ in results), sum(n for _, n in results) / len(ref_words)]
