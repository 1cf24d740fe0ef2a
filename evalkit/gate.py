"""The quality gate: does a run pass, and if not, why."""

from __future__ import annotations

from evalkit.config import Settings
from evalkit.model import Report, SEVERITIES, severity_rank


def gate_failures(reports: list[Report], settings: Settings) -> list[str]:
    """One line per reason the gate fails; empty when it passes."""
    reasons = []
    if settings.fail_on != "never":
        threshold = SEVERITIES.index(settings.fail_on)
        n = sum(1 for r in reports for f in r.findings if severity_rank(f.severity) >= threshold)
        if n:
            reasons.append(f"{n} finding(s) at or above {settings.fail_on}")
    for r in reports:
        reasons += threshold_failures(r, settings)
    return reasons


def _target_words(report: Report) -> int:
    return sum(len(s.target.split()) for s in report.document.segments)


def threshold_failures(report: Report, settings: Settings) -> list[str]:
    """The score thresholds ``report`` misses. A threshold whose score could not be computed fails
    too, saying why: a file with no target text, or none re-translated, has proved nothing."""
    name = report.document.name
    reasons = []
    if settings.min_chrf is not None:
        chrf = report.scores.get("chrf")
        if chrf is None:
            why = ("the file has no target text" if not _target_words(report)
                   else "no segment has both a target and a re-translation")
            reasons.append(f"{name}: chrF++ could not be computed ({why}), so min_chrf {settings.min_chrf} is not met")
        elif chrf < settings.min_chrf:
            reasons.append(f"{name}: chrF++ {chrf:.1f} below min_chrf {settings.min_chrf}")
    if settings.max_mqm_penalty is not None:
        pen = report.scores.get("mqm_penalty")
        if pen is None or not _target_words(report):
            reasons.append(f"{name}: no MQM penalty (the file has no target text to check), "
                           f"so max_mqm_penalty {settings.max_mqm_penalty} is not met")
        elif pen > settings.max_mqm_penalty:
            reasons.append(f"{name}: MQM penalty {pen:.1f} above max_mqm_penalty {settings.max_mqm_penalty}")
    return reasons + unit_failures(report, settings)


def unit_failures(report: Report, settings: Settings) -> list[str]:
    """The unit-state gates a report misses: the share translated, the fuzzy and needs-review counts."""
    units, name = report.units, report.document.name
    if not units:
        return []
    reasons = []
    if settings.min_translated is not None and units["translated_pct"] < settings.min_translated:
        reasons.append(f"{name}: {units['translated_pct']:.1f}% of {units['total']} units translated, below "
                       f"min_translated {settings.min_translated:g}% ({units['untranslated']} untranslated, "
                       f"{units['fuzzy']} fuzzy, {units['needs_review']} needing review)")
    for key, label in (("fuzzy", "fuzzy"), ("needs_review", "needing review")):
        limit = getattr(settings, f"max_{key}")
        if limit is not None and units[key] > limit:
            reasons.append(f"{name}: {units[key]} unit(s) {label}, above max_{key} {limit}")
    return reasons


def segment_fails(report: Report, segment_id: str, settings: Settings) -> bool:
    """Whether one segment has a finding at or above ``fail_on`` (for per-segment reporters)."""
    if settings.fail_on == "never":
        return False
    threshold = SEVERITIES.index(settings.fail_on)
    return any(f.segment == segment_id and severity_rank(f.severity) >= threshold for f in report.findings)
