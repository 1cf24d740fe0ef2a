"""The shared vocabulary: Segment, Document, Finding, Report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("minor", "major", "critical")

CATEGORIES = (
    "accuracy/mistranslation",
    "accuracy/untranslated",
    "accuracy/addition",
    "accuracy/omission",
    "accuracy/number",
    "fluency/punctuation",
    "fluency/grammar",
    "fluency/repetition",
    "fluency/spelling",
    "terminology/inconsistent",
    "terminology/wrong-term",
    "style/awkward",
    "other/unrelated-content",
)


# What a bilingual file may say of a unit's translation (``Segment.meta["state"]``): a draft (PO
# ``#, fuzzy``), one awaiting review, or one signed off. evalkit.untranslated counts them.
UNIT_STATES = ("translated", "fuzzy", "needs-review", "approved")


def severity_rank(severity: str) -> int:
    """Order severities: minor 0 < major 1 < critical 2."""
    return SEVERITIES.index(severity)


@dataclass
class Segment:
    """One aligned unit: source text, its translation, and what evalkit learns about it.

    For a document input, ``target_start`` is the offset of ``target`` in the target file's
    text, so ``document.target_text[target_start:target_start + len(target)] == target``.
    For segment inputs (JSONL, XLIFF, PO, ...) it is 0.
    """

    id: str
    source: str
    target: str
    target_start: int = 0
    source_start: int = 0
    retranslation: str | None = None
    references: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    line: int | None = None  # 1-based line of the segment in its file, where known
    context: str | None = None  # msgctxt, resname, note ... from the file
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def target_end(self) -> int:
        return self.target_start + len(self.target)


@dataclass
class Document:
    """One input: a pair of texts (kind ``document``) or a list of segments (kind ``segments``)."""

    name: str
    segments: list[Segment]
    kind: str = "segments"  # "document" | "segments"
    source_text: str = ""
    target_text: str = ""
    src_lang: str = "zh"
    tgt_lang: str = "en"
    path: str | None = None  # the target (or bilingual) file, as given
    format: str = "text"

    def segment(self, seg_id: str) -> Segment:
        for seg in self.segments:
            if seg.id == seg_id:
                return seg
        raise KeyError(seg_id)


@dataclass
class Finding:
    """One flagged span of a target text.

    Checks yield offsets local to the segment's target; the pipeline rebases them onto the
    target file's text for document inputs, so that ``text == target[start:end]`` always holds
    for the text a reader has. ``suggestion`` is the text to put in place of the span ("" to
    delete it); for an omission, which has no span of its own, it says what to add ("add 'park'");
    None when no fix can be derived.
    """

    start: int
    end: int
    text: str
    category: str
    severity: str
    check: str
    message: str
    segment: str
    suggestion: str | None = None
    source: str | None = None  # the source words the finding is about, where known
    confidence: float = 1.0

    @property
    def suggestion_text(self) -> str | None:
        """The suggestion as a reader takes it: the replacement text, or "delete 'X'" for an empty
        one (the span should go); None when no fix can be derived."""
        if self.suggestion is None:
            return None
        return self.suggestion if self.suggestion.strip() else f"delete {self.text!r}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "severity": self.severity,
            "check": self.check,
            "message": self.message,
            "suggestion": self.suggestion,
            "segment": self.segment,
            "source": self.source,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Report:
    """Everything one run learned about one input; reporters only read it."""

    document: Document
    findings: list[Finding]
    scores: dict[str, float]
    engine: dict[str, str | None]
    signature: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # warnings a reader must see (fallbacks, failed batches)
    segment_penalties: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per pipeline stage
    unscored: str | None = None  # why BLEU, chrF++ and TER are not given, when they are not
    units: dict[str, float] = field(default_factory=dict)  # units per state (evalkit.untranslated.unit_counts)
