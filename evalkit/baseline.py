"""Accepted findings: stable fingerprints, baselines of a previous run, and suppressions.

A finding's fingerprint hashes its check, the file, where it is — the segment id for segment
inputs, the normalised source sentence for documents (whose segment numbers shift when a
paragraph is added) — and its normalised text. Offsets and line numbers are left out, so edits
elsewhere in the file do not make an old finding look new.

Suppressions accept a finding for good, either inline or in a file:

- inline, in a PO translator comment (``# evalkit-ignore``), an XLIFF or TMX ``<note>``, a CSV
  ``notes`` column, or a Markdown/HTML comment on the line of the finding or the line above
  (``<!-- evalkit-ignore -->``); ``evalkit-ignore: placeholder, numbers`` limits it to those checks;
- in a TOML or JSON file (``.evalkit-ignore.toml`` in the working folder, or ``suppressions = PATH``
  in the config): ``[[suppress]]`` tables whose given keys (``fingerprint``, ``check``, ``file``
  (a glob), ``segment``, ``text``) must all match, with an optional ``reason``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from evalkit.errors import ConfigError, InputError
from evalkit.filenames import display_path
from evalkit.model import Document, Finding, Report

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BASELINE_VERSION = 1
FINGERPRINT_KEY = "evalkit/v1"
INLINE_MARKER = "evalkit-ignore"
DEFAULT_SUPPRESSIONS = ".evalkit-ignore.toml"
_MARKER = re.compile(r"evalkit-ignore(?:\s*:\s*([A-Za-z][\w-]*(?:\s*,\s*[A-Za-z][\w-]*)*))?", re.I)


def normalise(text: str) -> str:
    """Text as fingerprints see it: NFKC, case-folded, whitespace collapsed, edge punctuation off."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = " ".join(text.split())
    return text.strip(" .,;:!?\"'“”‘’«»。，；：！？、")


def primary_check(check: str) -> str:
    """The first check of a merged finding (``spacing+repetition`` -> ``spacing``)."""
    return check.split("+", 1)[0]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def fingerprint(file: str, check: str, where: str, text: str) -> str:
    """The stable fingerprint of one finding from plain values."""
    return _digest(FINGERPRINT_KEY, file, primary_check(check), where, normalise(text))


def _file_key(path: str | None, name: str) -> str:
    if not path:
        return name
    return display_path(path)


class Fingerprinter:
    """Fingerprints for the findings of one document."""

    def __init__(self, document: Document) -> None:
        self.file = _file_key(document.path, document.name)
        self.kind = document.kind
        self.sources = {s.id: s.source for s in document.segments}

    def where(self, segment_id: str) -> str:
        if self.kind == "document":
            return "src:" + _digest(normalise(self.sources.get(segment_id, segment_id)))
        return "id:" + segment_id

    def __call__(self, finding: Finding) -> str:
        return fingerprint(self.file, finding.check, self.where(finding.segment), finding.text or finding.source or finding.message)


def report_fingerprints(report: Report) -> list[str]:
    """The fingerprint of each finding of ``report``, in order."""
    fp = Fingerprinter(report.document)
    return [fp(f) for f in report.findings]


# ---------------------------------------------------------------------------------------------
# Baselines


@dataclass
class Baseline:
    """Counts of accepted fingerprints; a finding is new when its fingerprint is used up."""

    path: str
    counts: Counter = field(default_factory=Counter)

    def __len__(self) -> int:
        return sum(self.counts.values())


def baseline_dict(reports: list[Report]) -> dict[str, Any]:
    """The baseline file's content for the findings of ``reports``."""
    entries = []
    for report in reports:
        fp = Fingerprinter(report.document)
        for f in report.findings:
            entries.append({
                "fingerprint": fp(f), "file": fp.file, "segment": f.segment, "check": f.check,
                "severity": f.severity, "text": f.text, "message": f.message,
            })
    return {"version": BASELINE_VERSION, "tool": "evalkit", "findings": entries}


def baseline_text(reports: list[Report]) -> tuple[str, int]:
    """The baseline file of ``reports`` as text, and how many findings it holds."""
    data = baseline_dict(reports)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", len(data["findings"])


def _from_report(obj: dict[str, Any]) -> list[str]:
    """Fingerprints from a JSON report (``--format json``), one object or ``{"files": [...]}``."""
    out = []
    for rep in obj.get("files", [obj]):
        inp = rep.get("input") or {}
        file = _file_key(inp.get("path"), inp.get("name") or "")
        kind = inp.get("kind", "segments")
        sources = {str(s.get("id")): s.get("source", "") for s in rep.get("segments", [])}
        for f in rep.get("findings", []):
            seg = str(f.get("segment", ""))
            where = "src:" + _digest(normalise(sources.get(seg, seg))) if kind == "document" else "id:" + seg
            out.append(fingerprint(file, str(f.get("check", "")), where,
                                   f.get("text") or f.get("source") or f.get("message") or ""))
    return out


def load_baseline(path: str) -> Baseline:
    """Read a baseline written by ``evalkit baseline``, or a JSON report of an earlier run."""
    p = Path(path)
    try:
        obj = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{p}: no such baseline; write one with `evalkit baseline`") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{p}: not a readable JSON baseline ({exc})") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("findings", obj.get("files")), list):
        raise InputError(f"{p}: not an evalkit baseline or JSON report (no \"findings\" list)")
    findings = obj.get("findings")
    if obj.get("tool") == "evalkit" and findings is not None and all("fingerprint" in f for f in findings):
        prints = [str(f["fingerprint"]) for f in findings]
    else:
        prints = _from_report(obj)
    return Baseline(str(p), Counter(prints))


def apply_baseline(reports: list[Report], baseline: Baseline) -> int:
    """Drop the findings the baseline already holds (each fingerprint as often as it was there);
    returns how many were dropped. Scores are left as they are: the known errors are still errors."""
    remaining = Counter(baseline.counts)
    dropped = 0
    for report in reports:
        fp = Fingerprinter(report.document)
        kept = []
        for f in report.findings:
            key = fp(f)
            if remaining[key] > 0:
                remaining[key] -= 1
                dropped += 1
            else:
                kept.append(f)
        known = len(report.findings) - len(kept)
        if known:
            report.notes.append(f"{known} known finding(s) in baseline {baseline.path} not reported")
        report.findings = kept
    return dropped


# ---------------------------------------------------------------------------------------------
# Suppressions

_RULE_KEYS = {"fingerprint", "check", "file", "segment", "text", "reason"}


@dataclass(frozen=True)
class Suppression:
    """One accepted finding pattern; the keys that are set must all match."""

    fingerprint: str | None = None
    check: str | None = None
    file: str | None = None
    segment: str | None = None
    text: str | None = None
    reason: str | None = None

    def matches(self, finding: Finding, file: str, fp: str) -> bool:
        if self.fingerprint is not None and self.fingerprint != fp:
            return False
        if self.check is not None and self.check not in finding.check.split("+"):
            return False
        if self.file is not None and not (fnmatch.fnmatch(file, self.file) or Path(file).name == self.file):
            return False
        if self.segment is not None and self.segment != finding.segment:
            return False
        if self.text is not None and normalise(self.text) != normalise(finding.text or finding.source or ""):
            return False
        return True


def _known_check(name: str, where: str) -> str:
    from evalkit.checks.base import all_checks

    name = name.strip()
    if name not in all_checks():
        raise ConfigError(f"{where}: unknown check {name!r}; `evalkit checks` lists them")
    return name


def load_suppressions(path: str) -> list[Suppression]:
    """Read a suppressions file: TOML ``[[suppress]]`` tables, or JSON (a list of fingerprints or of
    tables, or ``{"suppress": [...]}``). Unknown keys and check names are errors."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{p}: no such suppressions file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read suppressions ({exc})") from exc
    try:
        data: Any = json.loads(raw) if p.suffix == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{p}: not valid {'JSON' if p.suffix == '.json' else 'TOML'} ({exc})") from exc
    if isinstance(data, dict):
        unknown = set(data) - {"suppress"}
        if unknown:
            raise ConfigError(f"{p}: unknown key {sorted(unknown)[0]!r}; expected [[suppress]] tables")
        data = data.get("suppress", [])
    if not isinstance(data, list):
        raise ConfigError(f"{p}: expected a list of suppressions")
    rules = []
    for n, item in enumerate(data, 1):
        if isinstance(item, str):
            rules.append(Suppression(fingerprint=item))
            continue
        if not isinstance(item, dict):
            raise ConfigError(f"{p}: suppression {n} is neither a fingerprint nor a table")
        unknown = set(item) - _RULE_KEYS
        if unknown:
            raise ConfigError(f"{p}: suppression {n}: unknown key {sorted(unknown)[0]!r}; "
                              f"known keys: {', '.join(sorted(_RULE_KEYS))}")
        if not set(item) - {"reason"}:
            raise ConfigError(f"{p}: suppression {n} matches everything; give a fingerprint, check, file, segment or text")
        values = {k: str(v) for k, v in item.items()}
        if "check" in values:
            _known_check(values["check"], f"{p}: suppression {n}")
        rules.append(Suppression(**values))
    return rules


def inline_checks(notes: Iterable[str], where: str) -> set[str] | None:
    """The checks an inline ``evalkit-ignore`` marker accepts: ``{"*"}`` for all, None without one."""
    accepted: set[str] = set()
    found = False
    for note in notes:
        for m in _MARKER.finditer(note or ""):
            found = True
            if m.group(1):
                accepted |= {_known_check(c, where) for c in re.split(r"[,\s]+", m.group(1)) if c.strip()}
            else:
                accepted.add("*")
    return accepted if found else None


def _document_marker_lines(document: Document) -> dict[int, set[str]]:
    """Lines of a document's target that carry an ``evalkit-ignore`` comment, and what they accept."""
    out: dict[int, set[str]] = {}
    for n, line in enumerate(document.target_text.splitlines(), 1):
        if INLINE_MARKER in line.lower():
            checks = inline_checks([line], f"{document.path}:{n}")
            if checks:
                out[n] = checks
    return out


def suppress_findings(document: Document, findings: list[Finding], rules: list[Suppression]) -> tuple[list[Finding], int]:
    """The findings that no rule or inline marker accepts, and how many were accepted."""
    doc = document
    fp = Fingerprinter(doc)
    by_segment: dict[str, set[str]] = {}
    for seg in doc.segments:
        notes = seg.meta.get("notes") or []
        checks = inline_checks(notes, f"{doc.path}: segment {seg.id}") if notes else None
        if checks:
            by_segment[seg.id] = checks
    has_marker = doc.kind == "document" and INLINE_MARKER in doc.target_text.lower()
    marker_lines = _document_marker_lines(doc) if has_marker else {}
    index = None
    if marker_lines:
        from evalkit.textpos import LineIndex

        index = LineIndex(doc.target_text)
    kept = []
    for f in findings:
        checks = set(f.check.split("+"))
        accepted = set(by_segment.get(f.segment, ()))
        if index is not None:
            line = index.position(f.start)[0]
            accepted |= marker_lines.get(line, set()) | marker_lines.get(line - 1, set())
        if "*" in accepted or checks & accepted:
            continue
        if any(rule.matches(f, fp.file, fp(f)) for rule in rules):
            continue
        kept.append(f)
    return kept, len(findings) - len(kept)


def suppress(report: Report, rules: list[Suppression]) -> int:
    """Drop the findings of ``report`` that a rule or an inline marker accepts; returns how many."""
    report.findings, dropped = suppress_findings(report.document, report.findings, rules)
    if dropped:
        report.notes.append(f"{dropped} suppressed finding(s) not reported")
    return dropped


def found_suppressions(cwd: Path | None = None) -> Path | None:
    """The ``.evalkit-ignore.toml`` of the working folder, when there is one."""
    path = (cwd or Path.cwd()) / DEFAULT_SUPPRESSIONS
    return path if path.is_file() else None


def suppression_rules(path: str | None, cwd: Path | None = None) -> list[Suppression]:
    """The rules of the configured suppressions file, else of ``.evalkit-ignore.toml`` if present."""
    found = path or found_suppressions(cwd)
    return load_suppressions(str(found)) if found else []


def rescore(report: Report) -> None:
    """Recompute the MQM scores of a report after findings were accepted."""
    from evalkit import mqm

    doc = report.document
    words = mqm.word_count(doc.target_text if doc.kind == "document" else " ".join(s.target for s in doc.segments))
    report.scores.update(mqm.document_scores(report.findings, words))
    report.segment_penalties = mqm.segment_penalties(report.findings)


__all__ = [
    "Baseline", "Fingerprinter", "Suppression", "apply_baseline", "baseline_dict", "fingerprint",
    "load_baseline", "load_suppressions", "normalise", "report_fingerprints", "rescore", "suppress",
    "suppress_findings", "suppression_rules", "baseline_text",
]
