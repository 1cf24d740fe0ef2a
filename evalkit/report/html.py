"""A self-contained HTML report: scores, MQM, a filterable findings table and every segment annotated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import evalkit
from evalkit.model import SEVERITIES, Finding, Report, severity_rank
from evalkit.report.base import units_summary
from evalkit.filenames import display_path
from evalkit.report.locate import Locator


@dataclass
class Piece:
    """A stretch of a target text, with the finding that covers it (None for plain text)."""

    text: str
    finding: Finding | None = None
    index: int | None = None  # the finding's number in the findings table


def pieces(target: str, offset: int, findings: list[tuple[int, Finding]]) -> list[Piece]:
    """Cut ``target`` (which starts at ``offset`` in the finding coordinates) into plain and flagged
    pieces; empty findings (a missing placeholder) become empty markers."""
    out: list[Piece] = []
    pos = 0
    for n, f in sorted(findings, key=lambda it: (it[1].start, it[1].end)):
        start = min(max(f.start - offset, pos), len(target))
        end = min(max(f.end - offset, start), len(target))
        if start > pos:
            out.append(Piece(target[pos:start]))
        out.append(Piece(target[start:end], f, n))
        pos = end
    if pos < len(target):
        out.append(Piece(target[pos:]))
    return out


def _report_view(report: Report, first_index: int) -> dict[str, Any]:
    doc = report.document
    locator = Locator(doc)
    numbered = list(enumerate(report.findings, first_index))
    seg_n = {seg.id: i for i, seg in enumerate(doc.segments)}
    by_segment: dict[str, list[tuple[int, Finding]]] = {}
    rows = []
    for n, f in numbered:
        by_segment.setdefault(f.segment, []).append((n, f))
        r = locator.region(f)
        rows.append({"n": n, "f": f, "line": r.start_line, "col": r.start_col, "seg_n": seg_n.get(f.segment, 0)})
    rows.sort(key=lambda row: (-severity_rank(row["f"].severity), row["line"], row["col"]))
    segments = []
    for seg in doc.segments:
        found = by_segment.get(seg.id, [])
        offset = seg.target_start if doc.kind == "document" else 0
        segments.append({
            "seg": seg,
            "line": locator.segment_line(seg.id),
            "pieces": pieces(seg.target, offset, found),
            "worst": max((f.severity for _, f in found), key=severity_rank, default=""),
            "categories": sorted({f.category for _, f in found}),
            "severities": sorted({f.severity for _, f in found}, key=severity_rank),
            "penalty": report.segment_penalties.get(seg.id, 0.0),
        })
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITIES}
    return {
        "report": report,
        "path": display_path(doc.path or doc.name),
        "rows": rows,
        "segments": segments,
        "counts": counts,
        "scores": report.scores,
        "units_line": units_summary(report.units),
    }


class HtmlReporter:
    """One HTML file with inline styles and script: nothing is fetched when it is opened."""

    name = "html"

    def render(self, reports: list[Report], settings: object = None) -> str:
        import jinja2

        from evalkit.gate import gate_failures

        env = jinja2.Environment(
            loader=jinja2.PackageLoader("evalkit.report", "templates"),
            autoescape=True,  # every text from the inputs is escaped; a <script> target renders as text
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        views = []
        first = 1
        for report in reports:
            views.append(_report_view(report, first))
            first += len(report.findings)
        failures = gate_failures(reports, settings) if settings is not None and hasattr(settings, "fail_on") else []
        totals = {s: sum(v["counts"][s] for v in views) for s in SEVERITIES}
        categories = sorted({f.category for r in reports for f in r.findings})
        return env.get_template("report.html.j2").render(
            views=views,
            totals=totals,
            categories=categories,
            severities=list(reversed(SEVERITIES)),
            ranks={sev: severity_rank(sev) for sev in SEVERITIES},
            failures=failures,
            fail_on=getattr(settings, "fail_on", None),
            version=evalkit.__version__,
            engine=reports[0].engine if reports else {},
        )
