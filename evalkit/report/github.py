"""GitHub Actions workflow commands: annotations on the lines of the worst findings, then a pointer."""

from __future__ import annotations

import os

from evalkit.model import Report, severity_rank
from evalkit.report.base import units_summary
from evalkit.filenames import display_path
from evalkit.report.locate import Locator
from evalkit.untranslated import summed_counts

# GitHub shows at most this many annotations of each level per step; the rest are dropped silently.
ANNOTATION_CAP = 10
LEVELS = {"critical": "error", "major": "error", "minor": "warning"}


# Other characters a reader of the log may take for a line break (str.splitlines does): a space.
_OTHER_BREAKS = str.maketrans({c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def escape_data(value: str) -> str:
    """Escape a workflow command's message."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").translate(_OTHER_BREAKS)


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (file, title ...)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    """One ``::level key=value,...::message`` line."""
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + fields if fields else ''}::{escape_data(message)}"


def full_report_hint() -> str:
    """Where the full report is: this run's page on GitHub, else how to write one."""
    server, repo, run = (os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if server and repo and run:
        return f"full report: {server}/{repo}/actions/runs/{run} (step summary and artifacts)"
    return "full report: evalkit check ... --format html --output evalkit-report.html"


class GithubReporter:
    """Annotations for GitHub Actions: the most severe first, capped at what GitHub displays."""

    name = "github"

    def render(self, reports: list[Report], settings: object = None) -> str:
        items = []
        for report in reports:
            locator = Locator(report.document)
            path = display_path(report.document.path or report.document.name)
            for f in report.findings:
                items.append((f, locator.region(f), path))
        items.sort(key=lambda it: (-severity_rank(it[0].severity), it[2], it[1].start_line, it[1].start_col))
        shown = {"error": 0, "warning": 0}
        lines = []
        for f, r, path in items:
            level = LEVELS[f.severity]
            if shown[level] >= ANNOTATION_CAP:
                continue
            shown[level] += 1
            message = f"{f.message}" + (f" Suggestion: {f.suggestion_text}" if f.suggestion_text else "")
            if f.text and repr(f.text) not in message:
                message = f"{f.text!r}: {message}"
            # GitHub takes columns only for a span on one line; endColumn is the column just past
            # the span, as in SARIF (equal to col for an empty span such as a dropped placeholder)
            one_line = r.end_line == r.start_line
            lines.append(command(
                level, message,
                file=path, line=r.start_line, col=r.start_col if one_line else None,
                endLine=r.end_line, endColumn=r.end_col if one_line else None,
                title=f"evalkit {f.severity} {f.category} [{f.check}]",
            ))
        total = len(items)
        hidden = total - sum(shown.values())
        counts = ", ".join(
            f"{sum(1 for it in items if it[0].severity == s)} {s}" for s in ("critical", "major", "minor")
        )
        summary = f"evalkit: {total} finding(s) in {len(reports)} file(s) ({counts})"
        units = summed_counts(r.units for r in reports)
        if units["total"]:
            summary += f"; {units_summary(units)}"
        if hidden:
            summary += f"; {hidden} not shown as annotations"
        lines.append(command("notice", f"{summary}; {full_report_hint()}", title="evalkit summary"))
        return "\n".join(lines) + "\n"
