"""sacrebleu BLEU, chrF++ and TER, corpus and per segment, against the re-translation and references."""

from __future__ import annotations

import functools
from typing import Any

from evalkit.model import Segment


@functools.lru_cache(maxsize=1)
def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {
        "bleu": BLEU(),
        "chrf": CHRF(word_order=2),  # chrF++
        "ter": TER(),
    }


@functools.lru_cache(maxsize=1)
def _sentence_metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"bleu": BLEU(effective_order=True), "chrf": CHRF(word_order=2), "ter": TER()}


def _round(x: float) -> float:
    return round(float(x), 2)


def score_segments(segments: list[Segment]) -> dict[str, Any]:
    """Fill each segment's ``scores``; return corpus scores and the sacrebleu signatures.

    Scores against the re-translation are ``bleu``, ``chrf``, ``ter``; against the k-th reference
    they are ``ref{k}_bleu`` etc. (k from 1). Segments without a target or re-translation are skipped.
    """
    sent = _sentence_metrics()
    corpus = _metrics()
    scored = [s for s in segments if s.target and s.retranslation]
    for seg in scored:
        for name, metric in sent.items():
            seg.scores[name] = _round(metric.sentence_score(seg.target, [seg.retranslation]).score)
        for k, ref in enumerate(seg.references, 1):
            if ref:
                for name, metric in sent.items():
                    seg.scores[f"ref{k}_{name}"] = _round(metric.sentence_score(seg.target, [ref]).score)
    scores: dict[str, float] = {}
    signatures: dict[str, str] = {}
    hyps = [s.target for s in scored]
    if scored:
        refs = [[s.retranslation or "" for s in scored]]
        for name, metric in corpus.items():
            scores[name] = _round(metric.corpus_score(hyps, refs).score)
            signatures[name] = str(metric.get_signature())
    n_refs = max((len(s.references) for s in segments), default=0)
    for k in range(n_refs):
        with_ref = [s for s in segments if s.target and len(s.references) > k and s.references[k]]
        if not with_ref:
            continue
        refs = [[s.references[k] for s in with_ref]]
        for name, metric in corpus.items():
            scores[f"ref{k + 1}_{name}"] = _round(metric.corpus_score([s.target for s in with_ref], refs).score)
    return {"scores": scores, "signatures": signatures}
