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
        chrf = r.scores.get("chrf")
        if settings.min_chrf is not None and chrf is not None and chrf < settings.min_chrf:
            reasons.append(f"{r.document.name}: chrF++ {chrf:.1f} below min_chrf {settings.min_chrf}")
        pen = r.scores.get("mqm_penalty", 0.0)
        if settings.max_mqm_penalty is not None and pen > settings.max_mqm_penalty:
            reasons.append(f"{r.document.name}: MQM penalty {pen:.1f} above max_mqm_penalty {settings.max_mqm_penalty}")
    return reasons


def segment_fails(report: Report, segment_id: str, settings: Settings) -> bool:
    """Whether one segment has a finding at or above ``fail_on`` (for per-segment reporters)."""
    if settings.fail_on == "never":
        return False
    threshold = SEVERITIES.index(settings.fail_on)
    return any(f.segment == segment_id and severity_rank(f.severity) >= threshold for f in report.findings)
