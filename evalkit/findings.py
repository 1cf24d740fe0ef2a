"""Post-processing of findings: rebasing offsets, overrides, ignore patterns, merging overlaps."""

from __future__ import annotations

import dataclasses
import re
from typing import Collection, Mapping

from evalkit.lang.script import HAN
from evalkit.model import CATEGORIES, Document, Finding, severity_rank

# When findings overlap, the merged one takes the category that ranks first here.
_CATEGORY_RANK = {c: i for i, c in enumerate((
    "other/unrelated-content",
    "accuracy/mistranslation",
    "accuracy/number",
    "accuracy/untranslated",
    "accuracy/addition",
    "accuracy/omission",
    "terminology/wrong-term",
    "terminology/inconsistent",
    "fluency/grammar",
    "fluency/repetition",
    "fluency/spelling",
    "style/awkward",
    "fluency/punctuation",
))}
assert set(_CATEGORY_RANK) == set(CATEGORIES)


def rebase(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Shift segment-local offsets onto the target file's text for document inputs."""
    if doc.kind != "document":
        return findings
    starts = {s.id: s.target_start for s in doc.segments}
    return [dataclasses.replace(f, start=f.start + starts[f.segment], end=f.end + starts[f.segment]) for f in findings]


def apply_settings(findings: list[Finding], severity: dict[str, str], ignore: list[str]) -> list[Finding]:
    """Severity overrides by check id, and dropping findings whose text matches an ignore pattern."""
    patterns = [re.compile(p) for p in ignore]
    out = []
    for f in findings:
        if any(p.search(f.text) for p in patterns):
            continue
        if f.check in severity:
            f = dataclasses.replace(f, severity=severity[f.check])
        out.append(f)
    return out


def _strength(f: Finding) -> tuple[int, int]:
    return (severity_rank(f.severity), -_CATEGORY_RANK[f.category])


def span_text(doc: Document, segment_id: str, start: int, end: int) -> str:
    """The text a finding covers, after ``rebase``."""
    if doc.kind == "document":
        return doc.target_text[start:end]
    return doc.segment(segment_id).target[start:end]


def _widened_suggestion(doc: Document, f: Finding, start: int, end: int) -> str | None:
    """``f``'s suggestion (replacement text for its span) as replacement text for the wider span
    ``start``-``end``: the text around ``f``'s span is kept as it is."""
    if f.suggestion is None or f.category == "accuracy/omission":
        return f.suggestion  # an omission's fix says what to add, not what the span becomes
    text = span_text(doc, f.segment, start, f.start) + f.suggestion + span_text(doc, f.segment, f.end, end)
    # a deletion inside the wider span leaves what is around it, without a doubled space
    return text if f.suggestion else " ".join(text.split())


def _merged_suggestion(doc: Document, strong: Finding, weak: Finding, start: int, end: int) -> str | None:
    """One replacement for the merged span: when both have a fix, one is made inside the other
    ('brocadeXingchong': 'brocade Xingchong' and 'animatedly' give 'brocade animatedly')."""
    if strong.suggestion is None and severity_rank(strong.severity) >= severity_rank("major") \
            and not strong.category.startswith("fluency/") and weak.category.startswith("fluency/"):
        return None  # 'Pla -Liang' is pinyin: mending its hyphen is no fix for words that are wrong
    if strong.suggestion is None or weak.suggestion is None or "accuracy/omission" in (strong.category, weak.category):
        return _widened_suggestion(doc, strong if strong.suggestion is not None else weak, start, end)
    outer = _widened_suggestion(doc, weak, start, end) or ""
    if strong.text and outer.count(strong.text) == 1:
        return _replaced(outer, strong.text, strong.suggestion)
    inner = _widened_suggestion(doc, strong, start, end) or ""
    if weak.text and inner.count(weak.text) == 1:  # 'manWith': 'man With', and 'With' -> 'with'
        return _replaced(inner, weak.text, weak.suggestion)
    return inner


def _replaced(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` replaced by ``new``; a deletion leaves no doubled space."""
    text = text.replace(old, new)
    return text if new else " ".join(text.split())


# A source word with its CC-CEDICT senses, as the checks quote it: '提升 (to promote; to lift)'.
_GLOSSED = re.compile(rf"([{HAN}]+) \([^()]*\)")


def _merged_message(strong: Finding, weak: Finding, implied: Mapping[str, Collection[str]], inside: bool) -> str:
    """The stronger finding's message, and the weaker's as further evidence unless it says nothing new:
    the same words, or, about words ``inside`` the strongest's span, only the claims of checks the
    stronger ones imply. A source word whose senses the message already gives is named without them."""
    strong_checks = strong.check.split("+")
    said = set(strong_checks).union(*(implied.get(c, ()) for c in strong_checks)) if inside else set()
    if weak.message in strong.message or set(weak.check.split("+")) <= said:
        return strong.message
    glossed = {m.group(0) for m in _GLOSSED.finditer(strong.message)}
    evidence = _GLOSSED.sub(lambda m: m.group(1) if m.group(0) in glossed else m.group(0), weak.message)
    return f"{strong.message}; also: {evidence}"


def merge_overlaps(doc: Document, findings: list[Finding],
                   implied: Mapping[str, Collection[str]] | None = None) -> list[Finding]:
    """Merge overlapping findings of one segment into one: the strongest's category, severity and
    message over the union of the spans; the weaker ones' messages kept as evidence.

    Each group of overlapping findings is folded from the strongest down, so what the strongest
    claims decides what the weaker ones may add. ``implied`` maps a check id to the checks whose
    claim its message already makes (see ``CheckSpec.implies``); their messages are not repeated."""
    order = {s.id: i for i, s in enumerate(doc.segments)}
    groups: list[list[Finding]] = []
    end = 0
    for f in sorted(findings, key=lambda f: (order[f.segment], f.start, f.end)):
        if groups and groups[-1][0].segment == f.segment and f.start < end:
            groups[-1].append(f)
            end = max(end, f.end)
        else:
            groups.append([f])
            end = f.end
    return [_fold(doc, group, implied or {}) for group in groups]


def _fold(doc: Document, group: list[Finding], implied: Mapping[str, Collection[str]]) -> Finding:
    """One finding of a group of overlapping ones: the strongest first (the earliest among equals)."""
    ranked = sorted(group, key=_strength, reverse=True)  # a stable sort: equals keep their text order
    strong = top = ranked[0]
    for weak in ranked[1:]:
        inside = top.start <= weak.start and weak.end <= top.end
        start, end = min(strong.start, weak.start), max(strong.end, weak.end)
        checks = strong.check.split("+") + [c for c in weak.check.split("+") if c not in strong.check.split("+")]
        strong = dataclasses.replace(
            strong,
            start=start,
            end=end,
            text=span_text(doc, strong.segment, start, end),
            message=_merged_message(strong, weak, implied, inside),
            check="+".join(checks),
            suggestion=_merged_suggestion(doc, strong, weak, start, end),
            source=strong.source or weak.source,
            confidence=max(strong.confidence, weak.confidence),
        )
    return strong
