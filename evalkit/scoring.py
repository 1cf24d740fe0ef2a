"""sacrebleu BLEU, chrF++ and TER, corpus and per segment, against the re-translation and references."""

from __future__ import annotations

import functools
import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from evalkit.model import Segment
from evalkit.processes import stop_workers, worker_pool

METRICS = ("bleu", "chrf", "ter")


@functools.lru_cache(maxsize=1)
def _metrics() -> dict[str, tuple[Any, Any]]:
    """Per metric: (corpus metric, sentence metric). They share one statistics format."""
    from sacrebleu.metrics import BLEU, CHRF

    from evalkit.ter import FastTER

    chrf = CHRF(word_order=2)  # chrF++
    ter = FastTER()  # sacrebleu's TER, its edit distances computed by numpy (evalkit/ter.py)
    # force: a target that ends in " ." is a finding of ours, not sacrebleu's three lines on stderr
    bleu = (BLEU(force=True), BLEU(effective_order=True, force=True))
    return {"bleu": bleu, "chrf": (chrf, chrf), "ter": (ter, ter)}


# Below this many target words to score (all jobs together), scoring in one process is faster than
# starting workers. TER's cost grows faster than the length of a segment, so 28 paragraphs of a news
# page are worth workers as much as 250 subtitle lines are.
PARALLEL_MIN_WORDS = 1000


def _statistics(name: str, hyps: list[str], refs: list[str]) -> list[list[Any]]:
    """sacrebleu's per-segment statistics of one metric (a top-level function, so workers can run it)."""
    return _metrics()[name][0]._extract_corpus_statistics(hyps, [refs])


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class _Statistics:
    """Per-segment statistics of every metric for one (hypotheses, references) job.

    TER's shift search costs a few ms a sentence (tens on a paragraph), so for large inputs the work
    is sent in chunks to worker processes as soon as the job is made, and runs while the caller
    does other work (the checks); ``get()`` collects it. Small inputs are scored in-process.
    """

    def __init__(self, hyps: list[str], refs: list[str], pool: ProcessPoolExecutor | None, workers: int):
        self.hyps, self.refs = hyps, refs
        self._futures: dict[str, list[Future]] | None = None
        if pool is not None:
            size = -(-len(hyps) // (workers * 2))
            chunks = [(i, i + size) for i in range(0, len(hyps), size)]
            self._futures = {
                name: [pool.submit(_statistics, name, hyps[a:b], refs[a:b]) for a, b in chunks] for name in METRICS
            }

    def get(self) -> dict[str, list[list[Any]]]:
        if self._futures is None:
            return {name: _statistics(name, self.hyps, self.refs) for name in METRICS}
        return {name: [st for f in fs for st in f.result()] for name, fs in self._futures.items()}


def _round(x: float) -> float:
    return round(float(x), 2)


def _score(stats_job: _Statistics) -> tuple[dict[str, list[Any]], list[dict[str, float]], dict[str, str]]:
    """Summed statistics and per-segment scores from one pass of sacrebleu's per-segment statistics.

    sacrebleu's corpus score is computed from the sum of the same per-segment statistics its
    ``sentence_score`` computes, so each segment is tokenised and compared once, not twice, and
    the sums of several blocks of an input give the corpus score of the whole.
    """
    hyps, refs = stats_job.hyps, stats_job.refs
    summed: dict[str, list[Any]] = {}
    per_seg: list[dict[str, float]] = [{} for _ in hyps]
    signatures: dict[str, str] = {}
    all_stats = stats_job.get()
    for name, (corpus_metric, sentence_metric) in _metrics().items():
        stats = all_stats[name]
        summed[name] = sum_of_lists(stats)
        if "num_refs" not in corpus_metric.__dict__:
            corpus_metric._extract_corpus_statistics(hyps[:1], [refs[:1]])  # records the reference count
        signatures[name] = str(corpus_metric.get_signature())
        for i, st in enumerate(stats):
            per_seg[i][name] = _round(sentence_metric._compute_score_from_stats(st).score)
    return summed, per_seg, signatures


def sum_of_lists(lists: list[list[Any]]) -> list[Any]:
    """Element-wise sum of statistics vectors (sacrebleu's own aggregation)."""
    from sacrebleu.utils import sum_of_lists as _sum

    return _sum(lists)


def add_statistics(total: dict[str, dict[str, list[Any]]], part: dict[str, dict[str, list[Any]]]) -> None:
    """Add one block's summed statistics (by score prefix, then metric) to ``total``."""
    for prefix, metrics in part.items():
        into = total.setdefault(prefix, {})
        for name, vector in metrics.items():
            into[name] = sum_of_lists([into[name], vector]) if name in into else list(vector)


def corpus_scores(statistics: dict[str, dict[str, list[Any]]]) -> dict[str, float]:
    """Corpus BLEU, chrF++ and TER (``ref{k}_`` for the k-th reference) from summed statistics."""
    out: dict[str, float] = {}
    for prefix, metrics in statistics.items():
        for name, (corpus_metric, _) in _metrics().items():
            if name in metrics:
                out[prefix + name] = _round(corpus_metric._compute_score_from_stats(metrics[name]).score)
    return out


class PendingScores:
    """Scores under way (see ``start_scoring``); ``result()`` waits for them and fills the segments."""

    def __init__(self, segments: list[Segment], parallel: bool = True):
        self._segments = segments
        scored = [s for s in segments if s.target and s.retranslation]
        n_refs = max((len(s.references) for s in segments), default=0)
        with_refs = [
            [s for s in segments if s.target and len(s.references) > k and s.references[k]] for k in range(n_refs)
        ]
        words = sum(len(s.target.split()) for s in scored) + sum(len(s.target.split()) for w in with_refs for s in w)
        workers = min(_cpus(), 8)
        self._pool = None
        if parallel and words >= PARALLEL_MIN_WORDS and workers > 1:
            method = "fork" if sys.platform.startswith("linux") else "spawn"
            self._pool = worker_pool(workers, multiprocessing.get_context(method))
        self._jobs: list[tuple[str, list[Segment], _Statistics]] = []
        if scored:
            hyps, refs = [s.target for s in scored], [s.retranslation or "" for s in scored]
            self._jobs.append(("", scored, _Statistics(hyps, refs, self._pool, workers)))
        for k, segs in enumerate(with_refs):
            if segs:
                hyps, refs = [s.target for s in segs], [s.references[k] for s in segs]
                self._jobs.append((f"ref{k + 1}_", segs, _Statistics(hyps, refs, self._pool, workers)))

    def result(self) -> dict[str, Any]:
        """Corpus scores, sacrebleu signatures and summed statistics; each segment's ``scores`` filled in."""
        statistics: dict[str, dict[str, list[Any]]] = {}
        signatures: dict[str, str] = {}
        try:
            for prefix, segs, job in self._jobs:
                summed, per_seg, sigs = _score(job)
                statistics[prefix] = summed
                if not prefix:
                    signatures = sigs
                for seg, seg_scores in zip(segs, per_seg):
                    seg.scores.update({prefix + m: v for m, v in seg_scores.items()})
        except BaseException:
            self.cancel()
            raise
        if self._pool is not None:
            self._pool.shutdown()
        return {"scores": corpus_scores(statistics), "signatures": signatures, "statistics": statistics}

    def cancel(self) -> None:
        """Stop the scoring now (the run was interrupted or failed): queued chunks are dropped."""
        if self._pool is not None:
            stop_workers(self._pool)


def start_scoring(segments: list[Segment], parallel: bool = True) -> PendingScores:
    """Start scoring ``segments``: large inputs are scored by worker processes in the background
    (unless ``parallel`` is False: the caller is such a worker already)."""
    return PendingScores(segments, parallel)


def score_segments(segments: list[Segment]) -> dict[str, Any]:
    """Fill each segment's ``scores``; return corpus scores and the sacrebleu signatures.

    Scores against the re-translation are ``bleu``, ``chrf``, ``ter``; against the k-th reference
    they are ``ref{k}_bleu`` etc. (k from 1). Segments without a target or re-translation are skipped.
    """
    return start_scoring(segments).result()
