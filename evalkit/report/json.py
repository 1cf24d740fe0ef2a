"""The JSON report: the contract other tools read (DESIGN.md)."""

from __future__ import annotations

import json
from typing import Any

from evalkit.model import Report

VERSION = 1


def report_dict(report: Report) -> dict[str, Any]:
    """One report as the contract's JSON object."""
    doc = report.document
    return {
        "version": VERSION,
        "input": {
            "name": doc.name,
            "path": doc.path,
            "kind": doc.kind,
            "format": doc.format,
            "src_lang": doc.src_lang,
            "tgt_lang": doc.tgt_lang,
        },
        "engine": dict(report.engine),
        "scores": report.scores,
        "signature": report.signature,
        "notes": list(report.notes),
        "segments": [
            {
                "id": seg.id,
                "source": seg.source,
                "target": seg.target,
                "retranslation": seg.retranslation,
                "references": seg.references,
                "target_start": seg.target_start,
                "line": seg.line,
                "scores": seg.scores,
                "mqm_penalty": report.segment_penalties.get(seg.id, 0.0),
            }
            for seg in doc.segments
        ],
        "findings": [f.to_dict() for f in report.findings],
    }


class JsonReporter:
    """Machine-readable report; one object for one input, ``{"version", "files": [...]}`` for many."""

    name = "json"

    def render(self, reports: list[Report], settings: object = None) -> str:
        if len(reports) == 1:
            payload = report_dict(reports[0])
        else:
            payload = {"version": VERSION, "files": [report_dict(r) for r in reports]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
