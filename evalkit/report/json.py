"""The JSON report: the contract other tools read (DESIGN.md)."""

from __future__ import annotations

import json
from typing import Any, Iterator

from evalkit.model import Report

VERSION = 1


def _scores(report: Report) -> dict[str, Any]:
    """The report's scores; BLEU, chrF++ and TER null when there was nothing to score against."""
    if not report.unscored:
        return report.scores
    return {**{m: None for m in ("bleu", "chrf", "ter")}, **report.scores}


def _listed(make, length: int) -> list:
    return list(make())


def report_dict(report: Report, lazy: bool = False) -> dict[str, Any]:
    """One report as the contract's JSON object (with ``lazy``, its segments and findings made as
    ``JsonReporter`` writes them: see ``Lazy``)."""
    doc = report.document
    seq = Lazy if lazy else _listed
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
        "scores": _scores(report),
        **({"scores_unavailable": report.unscored} if report.unscored else {}),
        "units": dict(report.units),
        "signature": report.signature,
        "notes": list(report.notes),
        "segments": seq(lambda: (_segment_dict(report, seg) for seg in doc.segments), len(doc.segments)),
        "findings": seq(lambda: (f.to_dict() for f in report.findings), len(report.findings)),
    }


class Lazy(list):
    """A list for ``json.JSONEncoder(indent=...).iterencode`` whose items are made as the encoder
    reaches them (the indented encoder, written in Python, walks lists with ``for`` after asking
    whether they are empty), so a report of a large input is written a segment at a time, never
    held whole. Only for that encoder: the C one, of unindented dumps, sees an empty list."""

    def __init__(self, make, length: int):
        super().__init__()
        self._make, self._len = make, length

    def __iter__(self):
        return iter(self._make())

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0


def _segment_dict(report: Report, seg) -> dict[str, Any]:
    return {
        "id": seg.id,
        "source": seg.source,
        "target": seg.target,
        "retranslation": seg.retranslation,
        "references": seg.references,
        "target_start": seg.target_start,
        "line": seg.line,
        "state": seg.meta.get("state"),
        "scores": seg.scores,
        "mqm_penalty": report.segment_penalties.get(seg.id, 0.0),
    }


def combined_dict(reports: list[Report], lazy: bool = False) -> dict[str, Any]:
    """Many inputs: the contract's keys over all of them (each segment and finding names its
    ``file``; offsets stay those of its own file), and every input's own report under ``files``.

    MQM is recomputed over all findings and words; BLEU, chrF++ and TER are the per-file corpus
    scores averaged with the number of scored segments as weights (``scores_note`` says so).
    """
    from evalkit import mqm
    from evalkit.untranslated import summed_counts

    files = [report_dict(r, lazy) for r in reports]
    seq = Lazy if lazy else _listed
    scores: dict[str, float] = {}
    weights = [sum(1 for s in r.document.segments if s.scores) for r in reports]
    for metric in ("bleu", "chrf", "ter"):
        pairs = [(r.scores[metric], w) for r, w in zip(reports, weights) if metric in r.scores and w]
        if pairs:
            scores[metric] = round(sum(v * w for v, w in pairs) / sum(w for _, w in pairs), 2)
    words = sum(
        mqm.word_count(r.document.target_text if r.document.kind == "document"
                       else " ".join(s.target for s in r.document.segments))
        for r in reports
    )
    scores.update(mqm.document_scores([f for r in reports for f in r.findings], words))
    return {
        "version": VERSION,
        "engine": dict(reports[0].engine) if reports else {},
        "scores": scores,
        "scores_note": "bleu, chrf, ter: per-file corpus scores averaged, weighted by scored segments",
        "units": summed_counts(r.units for r in reports),
        "segments": seq(lambda: (dict(seg, file=f["input"]["path"]) for f in files for seg in f["segments"]),
                         sum(len(f["segments"]) for f in files)),
        "findings": seq(lambda: (dict(fd, file=f["input"]["path"]) for f in files for fd in f["findings"]),
                         sum(len(f["findings"]) for f in files)),
        "files": files,
    }


class JsonReporter:
    """Machine-readable report: the contract's object for one input; for many, the contract's keys
    over all of them plus ``files`` with each input's own report."""

    name = "json"

    def render(self, reports: list[Report], settings: object = None) -> str:
        return "".join(self.render_pieces(reports, settings))

    def render_pieces(self, reports: list[Report], settings: object = None) -> Iterator[str]:
        """The report's text in pieces, as ``json.dumps`` would write it whole (an indented dump is
        encoded piece by piece either way): a large report is never held as one string."""
        payload = report_dict(reports[0], lazy=True) if len(reports) == 1 else combined_dict(reports, lazy=True)
        yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(payload)
        yield "\n"
