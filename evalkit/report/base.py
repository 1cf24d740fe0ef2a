"""The reporter registry: each report format renders a list of Reports to text."""

from __future__ import annotations

import importlib
from typing import Iterable, Protocol

from evalkit.errors import UsageError
from evalkit.model import Report


class Reporter(Protocol):
    """Renders reports. ``render`` returns the whole output as one string."""

    name: str

    def render(self, reports: list[Report], settings: "object") -> str:
        ...


REPORTERS: dict[str, str] = {
    "text": "evalkit.report.text:TextReporter",
    "json": "evalkit.report.json:JsonReporter",
    "markdown": "evalkit.report.markdown:MarkdownReporter",
    "html": "evalkit.report.html:HtmlReporter",
    "junit": "evalkit.report.junit:JunitReporter",
    "sarif": "evalkit.report.sarif:SarifReporter",
    "github": "evalkit.report.github:GithubReporter",
}


def units_summary(units: dict[str, float]) -> str:
    """One line of unit counts: '5 units: 3 translated (60.0%), 2 untranslated (1 empty, 1 identical), ...'."""
    if not units:
        return ""
    parts = [f"{units['translated']} translated ({units['translated_pct']:.1f}%)"]
    untranslated = f"{units['untranslated']} untranslated"
    if units["untranslated"]:
        untranslated += f" ({units['empty']} empty, {units['identical']} identical to the source)"
    parts += [untranslated, f"{units['fuzzy']} fuzzy", f"{units['needs_review']} needing review"]
    if units["approved"]:
        parts.append(f"{units['approved']} approved")
    return f"{units['total']} units: " + ", ".join(parts)


def get_reporter(name: str) -> Reporter:
    try:
        module, _, cls = REPORTERS[name].partition(":")
    except KeyError:
        raise UsageError(f"unknown report format {name!r}; choose one of: {', '.join(REPORTERS)}") from None
    return getattr(importlib.import_module(module), cls)()


def render_pieces(reporter: Reporter, reports: list, settings: object = None) -> str | Iterable[str]:
    """The report as its reporter makes it: piece by piece where it can (a large JSON report is
    written as it is encoded), else whole."""
    pieces = getattr(reporter, "render_pieces", None)
    return pieces(reports, settings) if pieces is not None else reporter.render(reports, settings)
