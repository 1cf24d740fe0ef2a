"""A Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import re

from evalkit.model import SEVERITIES, Report, severity_rank
from evalkit.filenames import display_path
from evalkit.report.locate import Locator
from evalkit.untranslated import summed_counts

# A step summary or comment stays readable (and under GitHub's size limits) with this many rows.
MAX_ROWS = 50
_ICONS = {"critical": "🟥", "major": "🟧", "minor": "🟨"}


def cell(text: object, limit: int = 120) -> str:
    """Text safe inside a Markdown table cell: one line, pipes and markup escaped, HTML inert."""
    s = " ".join(str(text).split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#~])", r"\\\1", s)


def code(text: object) -> str:
    """Text as an inline code span inside a table cell: one line, no backticks, pipes escaped.

    Inside a code span ``<img>`` is shown, not rendered; a ``|`` still ends a table cell unless
    escaped (GitHub splits the row before it reads code spans), and a backtick would end the span.
    """
    s = " ".join(str(text).split()).replace("`", "'")
    return "`" + s.replace("|", "\\|") + "`"


def _score(report: Report, key: str) -> str:
    value = report.scores.get(key)
    return "–" if value is None else f"{value:.1f}"


def _translated(units: dict[str, float]) -> str:
    """'3/5 (60.0%)': units translated of all, with fuzzy and needs-review ones named when there are any."""
    if not units:
        return "–"
    text = f"{units['translated']}/{units['total']} ({units['translated_pct']:.1f}%)"
    pending = [f"{units[k]} {label}" for k, label in (("fuzzy", "fuzzy"), ("needs_review", "to review")) if units[k]]
    return text + (f", {', '.join(pending)}" if pending else "")


class MarkdownReporter:
    """Gate verdict, a table of scores per file, then the most severe findings."""

    name = "markdown"

    def render(self, reports: list[Report], settings: object = None) -> str:
        from evalkit.gate import gate_failures

        failures = gate_failures(reports, settings) if settings is not None and hasattr(settings, "fail_on") else []
        total = sum(len(r.findings) for r in reports)
        counts = {s: sum(1 for r in reports for f in r.findings if f.severity == s) for s in SEVERITIES}
        out = ["## evalkit translation quality", ""]
        verdict = "❌ **Gate failed**" if failures else "✅ **Gate passed**"
        out.append(f"{verdict} — {total} finding(s): "
                   + ", ".join(f"{counts[s]} {s}" for s in reversed(SEVERITIES)))
        for reason in failures:
            out.append(f"- {cell(reason, 300)}")
        out += ["", "| file | segments | translated | BLEU | chrF++ | TER | MQM score | critical | major | minor |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for r in reports:
            c = {s: sum(1 for f in r.findings if f.severity == s) for s in SEVERITIES}
            out.append(
                f"| {cell(display_path(r.document.path or r.document.name))} | {len(r.document.segments)} "
                f"| {_translated(r.units)} | {_score(r, 'bleu')} | {_score(r, 'chrf')} | {_score(r, 'ter')} | {_score(r, 'mqm_score')} "
                f"| {c['critical']} | {c['major']} | {c['minor']} |"
            )
        if len(reports) > 1:
            segs = sum(len(r.document.segments) for r in reports)
            units = summed_counts(r.units for r in reports)
            out.append(f"| **total** | {segs} | {_translated(units)} | | | | | {counts['critical']} | {counts['major']} | {counts['minor']} |")
        rows = []
        for r in reports:
            locator = Locator(r.document)
            path = display_path(r.document.path or r.document.name)
            for f in r.findings:
                reg = locator.region(f)
                rows.append((f, f"{path}:{reg.start_line}:{reg.start_col}"))
        rows.sort(key=lambda it: -severity_rank(it[0].severity))
        if rows:
            out += ["", "| | where | category | text | issue | suggestion |", "| --- | --- | --- | --- | --- | --- |"]
            for f, where in rows[:MAX_ROWS]:
                out.append(
                    f"| {_ICONS[f.severity]} {f.severity} | {code(where)} | {cell(f.category)} "
                    f"| {cell(f.text) if f.text else '–'} | {cell(f.message, 200)} | {cell(f.suggestion_text) if f.suggestion_text else ''} |"
                )
            if len(rows) > MAX_ROWS:
                out += ["", f"… and {len(rows) - MAX_ROWS} more; see the full HTML or JSON report."]
        notes = [n for r in reports for n in r.notes]
        if notes:
            out += ["", *[f"> {cell(n, 300)}" for n in notes]]
        return "\n".join(out) + "\n"
