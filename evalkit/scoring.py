"""sacrebleu BLEU, chrF++ and TER, corpus and per segment, against the re-translation and references."""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from evalkit.model import Segment

METRICS = ("bleu", "chrf", "ter")


@functools.lru_cache(maxsize=1)
def _metrics() -> dict[str, tuple[Any, Any]]:
    """Per metric: (corpus metric, sentence metric). They share one statistics format."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    chrf = CHRF(word_order=2)  # chrF++
    ter = TER()
    # force: a target that ends in " ." is a finding of ours, not sacrebleu's three lines on stderr
    bleu = (BLEU(force=True), BLEU(effective_order=True, force=True))
    return {"bleu": bleu, "chrf": (chrf, chrf), "ter": (ter, ter)}


# Below this many segments, scoring in one process is faster than starting workers.
PARALLEL_MIN_SEGMENTS = 256


def _statistics(name: str, hyps: list[str], refs: list[str]) -> list[list[Any]]:
    """sacrebleu's per-segment statistics of one metric (a top-level function, so workers can run it)."""
    return _metrics()[name][0]._extract_corpus_statistics(hyps, [refs])


def _all_statistics(hyps: list[str], refs: list[str]) -> dict[str, list[list[Any]]]:
    """Per-segment statistics of every metric, split over the CPUs for large inputs.

    TER's shift search is pure Python and costs ~10 ms a segment, so a 2,000-segment file
    is scored in chunks by worker processes; small inputs stay in-process.
    """
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if len(hyps) < PARALLEL_MIN_SEGMENTS or cpus < 2:
        return {name: _statistics(name, hyps, refs) for name in METRICS}
    workers = min(cpus, 8)
    size = -(-len(hyps) // (workers * 2))
    chunks = [(i, i + size) for i in range(0, len(hyps), size)]
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        futures = {
            name: [pool.submit(_statistics, name, hyps[a:b], refs[a:b]) for a, b in chunks] for name in METRICS
        }
        return {name: [st for f in fs for st in f.result()] for name, fs in futures.items()}


def _round(x: float) -> float:
    return round(float(x), 2)


def _score(hyps: list[str], refs: list[str]) -> tuple[dict[str, float], list[dict[str, float]], dict[str, str]]:
    """Corpus and per-segment scores from one pass of sacrebleu's per-segment statistics.

    sacrebleu's corpus score is an aggregate of the same per-segment statistics its
    ``sentence_score`` computes, so each segment is tokenised and compared once, not twice.
    """
    corpus: dict[str, float] = {}
    per_seg: list[dict[str, float]] = [{} for _ in hyps]
    signatures: dict[str, str] = {}
    all_stats = _all_statistics(hyps, refs)
    for name, (corpus_metric, sentence_metric) in _metrics().items():
        stats = all_stats[name]
        corpus[name] = _round(corpus_metric._aggregate_and_compute(stats).score)
        if "num_refs" not in corpus_metric.__dict__:
            corpus_metric._extract_corpus_statistics(hyps[:1], [refs[:1]])  # records the reference count
        signatures[name] = str(corpus_metric.get_signature())
        for i, st in enumerate(stats):
            per_seg[i][name] = _round(sentence_metric._compute_score_from_stats(st).score)
    return corpus, per_seg, signatures


def score_segments(segments: list[Segment]) -> dict[str, Any]:
    """Fill each segment's ``scores``; return corpus scores and the sacrebleu signatures.

    Scores against the re-translation are ``bleu``, ``chrf``, ``ter``; against the k-th reference
    they are ``ref{k}_bleu`` etc. (k from 1). Segments without a target or re-translation are skipped.
    """
    scores: dict[str, float] = {}
    signatures: dict[str, str] = {}
    scored = [s for s in segments if s.target and s.retranslation]
    if scored:
        corpus, per_seg, signatures = _score([s.target for s in scored], [s.retranslation or "" for s in scored])
        scores.update(corpus)
        for seg, seg_scores in zip(scored, per_seg):
            seg.scores.update(seg_scores)
    n_refs = max((len(s.references) for s in segments), default=0)
    for k in range(n_refs):
        with_ref = [s for s in segments if s.target and len(s.references) > k and s.references[k]]
        if not with_ref:
            continue
        corpus, per_seg, _ = _score([s.target for s in with_ref], [s.references[k] for s in with_ref])
        scores.update({f"ref{k + 1}_{m}": v for m, v in corpus.items()})
        for seg, seg_scores in zip(with_ref, per_seg):
            seg.scores.update({f"ref{k + 1}_{m}": v for m, v in seg_scores.items()})
    return {"scores": scores, "signatures": signatures}
