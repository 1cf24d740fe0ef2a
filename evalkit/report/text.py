"""The terminal report (rich): scores, then each finding with its span highlighted in context."""

from __future__ import annotations

import io
import os
import shutil
import sys

from evalkit.model import Finding, Report

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


def _location(report: Report, f: Finding) -> str:
    doc = report.document
    if doc.kind == "document":
        line = doc.target_text.count("\n", 0, f.start) + 1
        col = f.start - (doc.target_text.rfind("\n", 0, f.start) + 1) + 1
        return f"{doc.path}:{line}:{col}"
    seg = doc.segment(f.segment)
    return f"{doc.path}:{seg.line}" if seg.line else f"{doc.path}#{seg.id}"


class TextReporter:
    """Human-readable terminal output; colour only when standard output is a terminal."""

    name = "text"

    def render(self, reports: list[Report], settings: object = None) -> str:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
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
            counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("critical", "major", "minor")}
            console.print(
                f"{len(report.findings)} findings: "
                + ", ".join(f"{n} {s}" for s, n in counts.items())
            )
            console.print()
            for f in report.findings:
                before, span, after = _context(report, f)
                head = Text()
                head.append(f"{f.severity.upper():<8}", style=_STYLE[f.severity])
                head.append(f" {f.category}  ", style="bold")
                head.append(f"[{f.check}]  {_location(report, f)}", style="dim")
                console.print(head)
                line = Text("    ")
                line.append(before)
                line.append(span, style=_STYLE[f.severity] + " underline")
                line.append(after)
                console.print(line)
                console.print(Text(_safe(f"    {f.message}")))
                if f.suggestion_text:
                    console.print(Text(_safe(f"    suggestion: {f.suggestion_text}"), style="green"))
            console.print()
        return buf.getvalue()
