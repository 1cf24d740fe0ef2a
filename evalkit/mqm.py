"""MQM penalties and scores from findings (weights of Freitag et al., 2021)."""

from __future__ import annotations

import re

from evalkit.model import Finding

WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 10.0}
MINOR_PUNCTUATION = 0.1
_WORD = re.compile(r"\w+")


def weight(finding: Finding) -> float:
    """The MQM weight of one finding: minor 1, major 5, critical 10, minor punctuation 0.1."""
    if finding.severity == "minor" and finding.category == "fluency/punctuation":
        return MINOR_PUNCTUATION
    return WEIGHTS[finding.severity]


def segment_penalties(findings: list[Finding]) -> dict[str, float]:
    """Sum of finding weights per segment id."""
    out: dict[str, float] = {}
    for f in findings:
        out[f.segment] = round(out.get(f.segment, 0.0) + weight(f), 3)
    return out


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def document_scores(findings: list[Finding], target_words: int) -> dict[str, float]:
    """``mqm_penalty`` (total weight) and ``mqm_score`` = 100 − 100·penalty / words, floored at 0."""
    penalty = round(sum(weight(f) for f in findings), 3)
    score = 100.0 - 100.0 * penalty / max(target_words, 1)
    return {"mqm_penalty": penalty, "mqm_score": round(max(score, 0.0), 2)}
