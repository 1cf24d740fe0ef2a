"""The decision stage: the error model says which weak-evidence spans become findings, how severe
every weak or model-found span is, and which further words are likely errors.

It runs after the checks of a window, on their findings (segment offsets), while their memoised
analyses are still there. The checks still give each finding its category, message, evidence and
suggestion; the words the model flags that no finding covers are written up by the
``error-model`` check (evalkit.checks.errormodel).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Callable, Sequence

from evalkit.checks.support import TargetWord
from evalkit.decide.features import WEAK_CHECKS, segment_rows
from evalkit.decide.model import Thresholds, WordModel
from evalkit.decide.model import for_pair as model_for_pair
from evalkit.model import Finding, Segment

if TYPE_CHECKING:
    from evalkit.checks.base import CheckContext, CheckSpec

# Writes up a run of flagged words: (segment, words, P(error) of each, severity) -> a Finding.
WriteUp = Callable[[Segment, list[TargetWord], list[float], str], Finding | None]


def active_model(ctx: "CheckContext") -> WordModel | None:
    """The model of the window's pair, when the run asks for it and evalkit ships one."""
    if not ctx.settings.get("error_model"):
        return None
    return model_for_pair(ctx.settings.get("src_lang", "zh"), ctx.settings.get("tgt_lang", "en"))


# Punctuation that ends a clause: a run of flagged words stops there, as an annotated error span does.
_CLAUSE_BREAK = re.compile(r"[,;:.!?，；：。！？]")


def _overlapping(words: Sequence[TargetWord], start: int, end: int) -> list[int]:
    return [i for i, w in enumerate(words) if w.start < end and start < w.end]


def decide_segment(seg: Segment, words: Sequence[TargetWord], findings: list[Finding], p_error: Sequence[float],
                   p_major: Sequence[float], th: Thresholds, write_up: WriteUp | None) -> list[Finding]:
    """The findings of one segment once the model has spoken (see the module's docstring)."""
    out: list[Finding] = []
    for f in findings:
        if f.check not in WEAK_CHECKS:
            out.append(f)
            continue
        on = _overlapping(words, f.start, f.end)
        if not on or max(p_error[i] for i in on) < th.keep:
            continue
        major = max(p_major[i] for i in on) >= th.major
        out.append(dataclasses.replace(f, severity="major" if major else "minor",
                                       confidence=round(max(p_error[i] for i in on), 3)))
    if write_up is None:
        return out
    taken = [(f.start, f.end) for f in out if f.end > f.start]
    run: list[int] = []
    for i in range(len(words) + 1):
        flagged = i < len(words) and p_error[i] >= th.error and not any(
            a < words[i].end and words[i].start < b for a, b in taken)
        if flagged and (not run or (run[-1] == i - 1 and not _CLAUSE_BREAK.search(
                seg.target, words[i - 1].end, words[i].start))):
            run.append(i)
            continue
        if run and any(words[j].content for j in run):  # function words alone: no phrase to report
            severity = "major" if max(p_major[j] for j in run) >= th.major else "minor"
            made = write_up(seg, [words[j] for j in run], [p_error[j] for j in run], severity)
            if made is not None:
                out.append(made)
        run = [i] if flagged else []
    return out


def apply(ctx: "CheckContext", findings: list[Finding], checks: Sequence["CheckSpec"]) -> list[Finding]:
    """The window's findings after the decision stage; unchanged when the run does not ask for it
    (``error_model``) or the pair has no model."""
    model = active_model(ctx)
    if model is None:
        return findings
    from evalkit.checks.base import strong_ids

    strong = strong_ids()
    writer = next((c for c in checks if c.scope == "model"), None)
    by_seg: dict[str, list[Finding]] = {}
    for f in findings:
        by_seg.setdefault(f.segment, []).append(f)
    segs = [s for s in ctx.document.segments if s.target and s.source]
    tables = [segment_rows(s, ctx, by_seg.get(s.id, []), strong) for s in segs]
    p_error, p_major = model.predict([row for _, rows in tables for row in rows])
    decided: dict[str, list[Finding]] = {}
    k = 0
    for seg, (a, rows) in zip(segs, tables):
        n = len(rows)
        write_up = (lambda s, ws, ps, sev, spec=writer: spec.func(spec, s, ctx, ws, ps, sev)) if writer else None
        decided[seg.id] = decide_segment(seg, a.target_words, by_seg.get(seg.id, []), p_error[k : k + n],
                                         p_major[k : k + n], model.thresholds, write_up)
        k += n
    # the merge that follows sorts by segment and offsets, keeping the order of equal ones
    return [f for f in findings if f.segment not in decided] + [f for fs in decided.values() for f in fs]
