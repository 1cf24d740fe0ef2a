"""MQM penalties and scores from findings (weights of Freitag et al., 2021), per segment and per document."""

from __future__ import annotations

import regex
from typing import Iterable

from evalkit.model import SEVERITIES, Document, Finding

WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 10.0}
MINOR_PUNCTUATION = 0.1
# A word is a run of word characters; in Chinese and Japanese, written without spaces, each
# ideograph and kana counts as one, as translation tools count them for those languages.
_WORD = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|[^\W\p{Han}\p{Hiragana}\p{Katakana}]+")


def weight(finding: Finding) -> float:
    """The MQM weight of one finding: minor 1, major 5, critical 10, minor punctuation 0.1."""
    if finding.severity == "minor" and finding.category == "fluency/punctuation":
        return MINOR_PUNCTUATION
    return WEIGHTS[finding.severity]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def score(penalty: float, words: int) -> float:
    """``100 − 100·penalty / words``, floored at 0 (100 for an empty text without findings)."""
    return round(max(100.0 - 100.0 * penalty / max(words, 1), 0.0), 2)


def segment_penalties(findings: Iterable[Finding]) -> dict[str, float]:
    """Sum of finding weights per segment id."""
    out: dict[str, float] = {}
    for f in findings:
        out[f.segment] = round(out.get(f.segment, 0.0) + weight(f), 3)
    return out


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity: ``{"minor": n, "major": n, "critical": n}``."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


def document_scores(findings: list[Finding], target_words: int) -> dict[str, float]:
    """``mqm_penalty`` (total weight), ``mqm_score`` = 100 − 100·penalty / words (floored at 0), and
    the number of findings of each severity (``mqm_minor``, ``mqm_major``, ``mqm_critical``)."""
    penalty = round(sum(weight(f) for f in findings), 3)
    out: dict[str, float] = {"mqm_penalty": penalty, "mqm_score": score(penalty, target_words)}
    out.update({f"mqm_{sev}": float(n) for sev, n in severity_counts(findings).items()})
    return out


def annotate_segments(doc: Document, findings: list[Finding]) -> dict[str, float]:
    """Put each segment's ``mqm_penalty`` and ``mqm_score`` in its ``scores``; return the penalties."""
    penalties = segment_penalties(findings)
    for seg in doc.segments:
        if not seg.target:
            continue
        p = penalties.get(seg.id, 0.0)
        seg.scores["mqm_penalty"] = p
        seg.scores["mqm_score"] = score(p, word_count(seg.target))
    return penalties
