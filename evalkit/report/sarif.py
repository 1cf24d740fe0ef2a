"""SARIF 2.1.0 for code-scanning tools: one run, a rule per check, a located result per finding."""

from __future__ import annotations

import json
from typing import Any

import evalkit
from evalkit.baseline import FINGERPRINT_KEY, Fingerprinter, primary_check
from evalkit.model import Report, severity_rank
from evalkit.filenames import artifact_uri
from evalkit.report.locate import Locator
from evalkit.untranslated import summed_counts

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"critical": "error", "major": "error", "minor": "warning"}
# Where a reader of the log learns about the tool: the distribution's page on the package index.
# Rules carry no helpUri: their help text (title, MQM category, how to change or turn off) is inline.
INFORMATION_URI = "https://pypi.org/project/evalkit-l10n/"


def _rule(spec) -> dict[str, Any]:
    # A name that differs from the id only in case is no name (the SARIF multitool warns): left out.
    name = "".join(part.capitalize() for part in spec.id.replace("_", "-").split("-"))
    return {
        "id": spec.id,
        **({"name": name} if name.lower() != spec.id.lower() else {}),
        "shortDescription": {"text": spec.title},
        "fullDescription": {"text": f"{spec.title} MQM category {spec.category}, default severity {spec.severity}."},
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "help": {"text": f"{spec.title}\nCategory: {spec.category}. Change the severity with "
                         f"[tool.evalkit] severity.{spec.id}, or turn the check off with disable = [\"{spec.id}\"]."},
        "properties": {"category": spec.category, "severity": spec.severity, "family": spec.family,
                       "tags": ["translation", spec.category]},
    }


def sarif_dict(reports: list[Report]) -> dict[str, Any]:
    """The SARIF log for ``reports`` as a dict."""
    from evalkit.checks.base import all_checks

    registry = all_checks()
    used: list[str] = []
    for report in reports:
        for check in report.signature.get("checks", []):
            if check not in used:
                used.append(check)
        for f in report.findings:
            if primary_check(f.check) not in used:
                used.append(primary_check(f.check))
    rules = [_rule(registry[c]) for c in used if c in registry]
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    artifact_index: dict[str, int] = {}
    results = []
    for report in reports:
        doc = report.document
        uri = artifact_uri(doc.path or doc.name)
        if uri not in artifact_index:
            artifact_index[uri] = len(artifacts)
            artifacts.append({"location": {"uri": uri}, "encoding": "utf-8",
                              "properties": {"format": doc.format, "scores": report.scores,
                                             "units": dict(report.units)}})
        locator = Locator(doc)
        fingerprint = Fingerprinter(doc)
        ordered = sorted(report.findings, key=lambda f: (-severity_rank(f.severity), locator.region(f).start_line))
        for f in ordered:
            r = locator.region(f)
            region: dict[str, Any] = {"startLine": r.start_line, "startColumn": r.start_col,
                                      "endLine": r.end_line, "endColumn": r.end_col}
            if r.char_offset is not None:
                region["charOffset"] = r.char_offset
                region["charLength"] = r.char_length
            if f.text:
                region["snippet"] = {"text": f.text}
            check = primary_check(f.check)
            message = f.message + (f" Suggestion: {f.suggestion_text}" if f.suggestion_text else "")
            result: dict[str, Any] = {
                "ruleId": check,
                "level": LEVELS[f.severity],
                "kind": "fail",
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "index": artifact_index[uri]},
                        "region": region,
                    },
                    "logicalLocations": [{"name": f.segment, "kind": "element"}],
                }],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
                "properties": {
                    "severity": f.severity, "category": f.category, "segment": f.segment,
                    "checks": f.check.split("+"), "suggestion": f.suggestion, "source": f.source,
                    "confidence": round(f.confidence, 3),
                },
            }
            if check in rule_index:
                result["ruleIndex"] = rule_index[check]
            results.append(result)
    driver = {
        "name": "evalkit",
        "version": evalkit.__version__,
        "semanticVersion": evalkit.__version__,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }
    engine = reports[0].engine if reports else {}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
            "invocations": [{"executionSuccessful": True}],
            "properties": {"engine": {k: v for k, v in engine.items() if v is not None},
                           "notes": [n for r in reports for n in r.notes],
                           "units": summed_counts(r.units for r in reports)},
        }],
    }


class SarifReporter:
    """SARIF 2.1.0 (GitHub code scanning, GitLab, Azure DevOps)."""

    name = "sarif"

    def render(self, reports: list[Report], settings: object = None) -> str:
        return json.dumps(sarif_dict(reports), ensure_ascii=False, indent=2) + "\n"
