"""Words the error model finds likely wrong that no other check flags, written up with their evidence."""

from __future__ import annotations

from evalkit.checks.base import CheckContext, CheckSpec, leave_code_alone, register
from evalkit.checks.retranslation import _gloss, _substituted
from evalkit.checks.support import TargetWord, analysis, retranslation_rendering
from evalkit.lang.en import english_zipf
from evalkit.model import Finding, Segment

# Below this Zipf frequency an English word is rare enough to say so in the evidence.
RARE_ZIPF = 3.0


def _evidence(words: list[TargetWord], real_retr: bool) -> list[str]:
    said = []
    if not any(w.supported for w in words if w.content):
        said.append("no dictionary sense of a source word names it")
    elif any(w.weak for w in words):
        said.append("only a synonym or a single character's sense supports it")
    if real_retr and not any(w.in_retranslation for w in words):
        said.append("the re-translation does not say it")
    if any(w.surplus for w in words):
        said.append("it is said more often than the source says it")
    if any(w.content and english_zipf(w.word.lower) < RARE_ZIPF for w in words):
        said.append("it is a rare English word")
    return said


@register("error-model", category="accuracy/mistranslation", severity="minor", scope="model",
          source=("zh",), target=("en",), lexicon=True)
def error_model(spec: CheckSpec, seg: Segment, ctx: CheckContext, words: list[TargetWord],
                p_error: list[float], severity: str) -> Finding | None:
    """Words the learned error model finds likely mistranslated, from the evidence of all checks
    (only with `--error-model`, config `error_model = true`)."""
    a = analysis(seg, ctx)
    real_retr = a.real_retranslation
    unit = next((u for u in (_substituted(a, w) for w in words) if u is not None), None)
    said = retranslation_rendering(seg, ctx, [unit.index]) if unit is not None and real_retr else None
    text = seg.target[words[0].start : words[-1].end]
    evidence = _evidence(words, real_retr) or ["its words' evidence taken together"]
    message = f"{text!r} is likely mistranslated (error model, p = {max(p_error):.2f}): {'; '.join(evidence)}"
    if unit is not None:
        message += f"; the source has {unit.text} here"
    if said:
        message += f", which the re-translation says as {said!r}"
    found = spec.finding(seg, words[0].start, words[-1].end, message, severity=severity,
                         suggestion=said or (_gloss(ctx, unit) if unit is not None and not real_retr else None),
                         source=unit.text if unit is not None else None, confidence=round(max(p_error), 3))
    kept = leave_code_alone(spec, seg, [found], ctx)
    return kept[0] if kept else None
