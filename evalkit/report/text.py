"""The terminal report (rich): scores, then each finding, most severe first, with its span marked in
context; a total after several files. Colour only on a terminal (and never with NO_COLOR set)."""

from __future__ import annotations

import io
import os
import shutil
import sys

from evalkit.model import SEVERITIES, Finding, Report, severity_rank
from evalkit.report.locate import Locator, Region
from evalkit.report.base import units_summary

_STYLE = {"critical": "bold white on red", "major": "bold red", "minor": "yellow"}
CONTEXT = 40  # characters of context shown on each side of a span

# Translated text reaches a terminal or a CI log: no escape sequences (ESC, NUL, C1 controls) and
# no line breaks of its own, so it cannot recolour the terminal or start a line with a workflow
# command such as "::error::".
_UNSAFE = {c: "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_UNSAFE.update({ord(c): " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def _safe(text: str) -> str:
    return text.translate(_UNSAFE)


def _context(report: Report, f: Finding) -> tuple[str, str, str]:
    doc = report.document
    text = doc.target_text if doc.kind == "document" else doc.segment(f.segment).target
    before = _safe(text[max(0, f.start - CONTEXT) : f.start].replace("\r\n", " "))
    after = _safe(text[f.end : f.end + CONTEXT].replace("\r\n", " "))
    return ("…" if f.start > CONTEXT else "") + before, _safe(text[f.start : f.end]), after + ("…" if f.end + CONTEXT < len(text) else "")


def _location(path: str, r: Region) -> str:
    """``path:line:column`` of the finding's first character in its file (see docs/ci.md)."""
    return _safe(f"{path}:{r.start_line}:{r.start_col}")


def _caret(before: str, span: str) -> str:
    """A line of carets under ``span`` (one for an empty span), aligned in terminal cells, so the
    flagged words stay marked where there is no colour (a CI log, a file, NO_COLOR)."""
    from rich.cells import cell_len

    return " " * (4 + cell_len(before)) + "^" * max(1, cell_len(span))


def _counts(findings: list[Finding]) -> str:
    return f"{len(findings)} findings: " + ", ".join(
        f"{sum(1 for f in findings if f.severity == s)} {s}" for s in reversed(SEVERITIES))


def use_colour(settings: object) -> bool:
    """Colour when the report goes to standard output and that is a terminal, unless NO_COLOR is set
    (https://no-color.org: any non-empty value)."""
    to_stdout = getattr(settings, "output", None) in (None, "-")
    return to_stdout and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


class TextReporter:
    """Human-readable terminal output; colour only when standard output is a terminal."""

    name = "text"

    def render(self, reports: list[Report], settings: object = None) -> str:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        color = use_colour(settings)
        buf = io.StringIO()
        width = shutil.get_terminal_size((100, 24)).columns if color else 100
        # Off a terminal (a CI log) lines are not wrapped: a wrapped line could begin with translated text.
        console = Console(file=buf, force_terminal=color, no_color=not color, width=width, highlight=False,
                          soft_wrap=not color)
        for report in reports:
            doc = report.document
            console.print(Text(f"{doc.path or doc.name}", style="bold"))
            engine = report.engine
            console.print(f"engine: {engine['name']}" + (f" ({engine['model']})" if engine.get("model") else ""))
            for note in report.notes:
                console.print(Text(_safe(f"note: {note}"), style="italic"))
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
            keys = [k for k in ("bleu", "chrf", "ter", "mqm_penalty", "mqm_score") if k in report.scores]
            keys += sorted(k for k in report.scores if k.startswith("ref"))
            for k in keys:
                table.add_column({"chrf": "chrF++"}.get(k, k.upper() if len(k) <= 4 else k), justify="right")
            table.add_row(*(f"{report.scores[k]:.2f}" for k in keys))
            console.print(table)
            if report.units:
                console.print(units_summary(report.units))
            console.print(_counts(report.findings))
            console.print()
            locator = Locator(doc)
            path = doc.path or doc.name
            findings = list(report.findings)  # once: a large input's findings are read from disk
            regions = {id(f): locator.region(f) for f in findings}
            ordered = sorted(findings, key=lambda f: (-severity_rank(f.severity), regions[id(f)].start_line,
                                                             regions[id(f)].start_col))
            for f in ordered:
                before, span, after = _context(report, f)
                head = Text()
                head.append(f"{f.severity.upper():<8}", style=_STYLE[f.severity])
                head.append(f" {f.category}  ", style="bold")
                head.append(f"[{f.check}]  {_location(path, regions[id(f)])}", style="dim")
                console.print(head)
                line = Text("    ")
                line.append(before)
                line.append(span, style=_STYLE[f.severity] + " underline")
                line.append(after)
                console.print(line)
                if not color:
                    console.print(_caret(before, span))
                console.print(Text(_safe(f"    {f.message}")))
                if f.suggestion_text:
                    console.print(Text(_safe(f"    suggestion: {f.suggestion_text}"), style="green"))
            console.print()
        if len(reports) > 1:
            findings = [f for r in reports for f in r.findings]
            segments = sum(len(r.document.segments) for r in reports)
            console.print(Text(f"total: {len(reports)} files, {segments} segments, {_counts(findings)}", style="bold"))
        return buf.getvalue()
