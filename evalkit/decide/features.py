"""Per-word evidence for the error model: one row of numbers per target word of a segment.

Every feature comes from what the checks already computed for the segment (the support analysis,
memoised, and the checks' own findings) or is cheap to compute (English word frequency, chrF
against a real re-translation). Nothing names a word, a place or a number: the model learns how
much each kind of evidence is worth from annotated data (``evalkit.decide.fit``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from evalkit.checks.support import Analysis, analysis, document_noise, is_sentence_initial
from evalkit.lang.en import english_zipf
from evalkit.model import Finding, Segment, severity_rank

if TYPE_CHECKING:
    from evalkit.checks.base import CheckContext

# The weak-evidence checks: what they flag is a candidate, kept or dropped by the model.
WEAK_CHECKS = ("unsupported-span", "omission", "partial-rendering")

# The feature names, in column order. Changing them, or what they mean, needs a refit
# (``python -m evalkit.decide.fit``) and a new model version.
FEATURES = (
    "content word",
    "supported",
    "source senses name it",
    "supported only weakly",
    "in the re-translation",
    "in a reference",
    "a number of the source",
    "pinyin of the source",
    "said more often than the source says it",
    "English frequency (Zipf)",
    "word length",
    "position in segment",
    "capitalised mid-sentence",
    "previous word unsupported",
    "next word unsupported",
    "share of content words unsupported",
    "share of source content rendered",
    "chrF against the re-translation",
    "target/source length",
    "segment words",
    "document artifacts per 100 words",
    "in a strong finding",
    "worst severity of a finding on it",
    "in an unsupported-span candidate",
    "in an omission candidate",
    "in a partial-rendering candidate",
    "has a real re-translation",
    "distance of its source link from its position",
)


def _rank(findings: list[Finding]) -> int:
    return max((severity_rank(f.severity) + 1 for f in findings), default=0)


def _chrf(target: str, retranslation: str) -> float:
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(target, [retranslation]).score / 100.0


def segment_rows(seg: Segment, ctx: "CheckContext", findings: Iterable[Finding],
                 strong: frozenset[str]) -> tuple[Analysis, list[list[float]]]:
    """The support analysis of ``seg`` and one feature row per target word (in FEATURES order).
    ``findings`` are the checks' findings on this segment (segment offsets); ``strong`` the ids of
    the strong checks among them."""
    a = analysis(seg, ctx)
    words = a.target_words
    found = [f for f in findings if f.end > f.start]
    real_retr = a.real_retranslation
    content = [w for w in words if w.content]
    unsupported = {w.index for w in content if not w.supported}
    src_content = [u for u in a.units if u.content]
    seg_feats = [
        len(unsupported) / max(len(content), 1),
        sum(1 for u in src_content if a.covered[u.index]) / max(len(src_content), 1),
        _chrf(seg.target, seg.retranslation or "") if real_retr else -1.0,
        len(seg.target) / max(len(seg.source or ""), 1),
        float(len(words)),
        document_noise(ctx),
    ]
    n, m = max(len(words) - 1, 1), max(len(a.units) - 1, 1)
    rows = []
    for w in words:
        on = [f for f in found if f.start < w.end and w.start < f.end]
        rows.append([
            float(w.content), float(w.supported), float(bool(w.candidates) and not w.weak), float(w.weak),
            float(w.in_retranslation) if real_retr else -1.0, float(w.in_reference) if seg.references else -1.0,
            float(w.number), float(bool(w.pinyin)), float(w.surplus), english_zipf(w.word.lower), float(len(w.text)),
            w.index / n, float(w.text[:1].isupper() and not is_sentence_initial(seg.target, w.start)),
            float(w.index - 1 in unsupported), float(w.index + 1 in unsupported),
            *seg_feats,
            float(any(f.check in strong for f in on)), float(_rank(on)),
            *(float(any(f.check == c for f in on)) for c in WEAK_CHECKS),
            float(real_retr), abs(w.index / n - w.link / m) if w.link is not None else -1.0,
        ])  # fmt: skip
    return a, rows
