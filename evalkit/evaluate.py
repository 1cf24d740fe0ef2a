"""Meta-evaluation: evalkit's findings against gold error spans (gold.jsonl or an MQM TSV)."""

# Span level: a predicted span is correct when it overlaps any gold span (precision); a gold span is
# found when any predicted span overlaps it (recall). Gold spans may overlap each other.
# Character level, as in the WMT23 QE task 2: every character of every segment is labelled error or
# not; precision and recall are micro-averaged over all characters. The severity-aware variant gives
# a character full credit when the predicted severity matches the gold one (or the gold has both),
# half when it does not (critical counts as major).
# Segment level: Pearson and Kendall (tau-b) correlation of evalkit's MQM score (minus its penalty)
# with the human MQM score (minus the human penalty).

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from evalkit.errors import InputError
from evalkit.mqm import MINOR_PUNCTUATION, WEIGHTS

# MQM TSV categories (google/wmt-mqm-human-evaluation) to evalkit's categories; None: not a target error.
TSV_CATEGORIES = {
    "accuracy/mistranslation": "accuracy/mistranslation",
    "accuracy/omission": "accuracy/omission",
    "accuracy/addition": "accuracy/addition",
    "accuracy/untranslated text": "accuracy/untranslated",
    "fluency/grammar": "fluency/grammar",
    "fluency/punctuation": "fluency/punctuation",
    "fluency/spelling": "fluency/spelling",
    "fluency/register": "style/awkward",
    "fluency/inconsistency": "terminology/inconsistent",
    "fluency/character encoding": "fluency/spelling",
    "style/awkward": "style/awkward",
    "terminology/inappropriate for context": "terminology/wrong-term",
    "terminology/inconsistent use of terminology": "terminology/inconsistent",
    "locale convention/name format": "fluency/spelling",
    "locale convention/date format": "fluency/spelling",
    "locale convention/currency format": "fluency/spelling",
    "locale convention/address format": "fluency/spelling",
    "locale convention/telephone format": "fluency/spelling",
    "locale convention/time format": "fluency/spelling",
    "non-translation!": "other/unrelated-content",
    "other": "other/unrelated-content",
    "source error": None,
    "no-error": None,
}
# Human MQM weights of the TSV's severities (Freitag et al., 2021).
TSV_WEIGHTS = {"major": 5.0, "minor": 1.0, "neutral": 0.0, "non-translation": 25.0, "critical": 10.0}
_V = re.compile(r"</?v>")


@dataclass
class Span:
    """One error span of a segment's target (``end`` may equal ``start`` for an error with no span)."""

    start: int
    end: int
    severity: str
    category: str
    weight: float


@dataclass
class Unit:
    """One segment's target with its error spans and penalty (spanless errors count in the penalty only)."""

    id: str
    target: str
    spans: list[Span] = field(default_factory=list)
    penalty: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)


def evalkit_weight(severity: str, category: str) -> float:
    if severity == "minor" and category == "fluency/punctuation":
        return MINOR_PUNCTUATION
    return WEIGHTS.get(severity, 0.0)


# ---------------------------------------------------------------- reading


def _load_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such report") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a JSON report of `evalkit check --format json` ({exc})") from exc


def read_report(path: str | Path) -> list[dict]:
    """The per-file report objects of an `evalkit check --format json` report."""
    data = _load_json(Path(path))
    if not isinstance(data, dict) or ("segments" not in data and "files" not in data):
        raise InputError(f"{path}: not a JSON report of `evalkit check --format json`")
    return data["files"] if "files" in data else [data]


def predictions_from_reports(reports: list[dict]) -> dict[str, Unit]:
    """One Unit per report segment, its findings as segment-local spans."""
    units: dict[str, Unit] = {}
    for rep in reports:
        doc_kind = rep.get("input", {}).get("kind", "segments")
        segs = {str(s["id"]): s for s in rep["segments"]}
        for seg in rep["segments"]:
            units[str(seg["id"])] = Unit(str(seg["id"]), seg.get("target") or "", meta={
                "target_start": seg.get("target_start", 0), "source": seg.get("source", ""),
                "retranslation": seg.get("retranslation"), "scores": seg.get("scores", {}), "kind": doc_kind})
        for f in rep.get("findings", []):
            sid = str(f["segment"])
            if sid not in units:
                continue
            base = segs[sid].get("target_start", 0) if doc_kind == "document" else 0
            u = units[sid]
            start, end = f["start"] - base, f["end"] - base
            u.spans.append(Span(start, end, f["severity"], f["category"], evalkit_weight(f["severity"], f["category"])))
            u.penalty += evalkit_weight(f["severity"], f["category"])
    return units


def gold_from_jsonl(path: str | Path, segments: dict[str, Unit]) -> dict[str, Unit]:
    """gold.jsonl (document offsets) split over the report's segments."""
    path = Path(path)
    spans: list[dict] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such gold file") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            spans.append({k: obj[k] for k in ("start", "end", "category", "severity")} | {"segment": obj.get("segment")})
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}: expected {{\"start\", \"end\", \"category\", \"severity\", ...}}") from exc
    gold = {sid: Unit(sid, u.target, meta=dict(u.meta)) for sid, u in segments.items()}
    ordered = sorted(segments.values(), key=lambda u: u.meta.get("target_start", 0))
    for s in spans:
        if s["segment"] is not None:
            host = gold.get(str(s["segment"]))
            base = 0
        else:
            host_u = next((u for u in ordered if u.meta.get("kind") == "document"
                           and u.meta["target_start"] <= s["start"] < u.meta["target_start"] + max(len(u.target), 1)), None)
            host = gold.get(host_u.id) if host_u else None
            base = host_u.meta["target_start"] if host_u else 0
        if host is None:
            continue
        w = evalkit_weight(s["severity"], s["category"])
        start = s["start"] - base
        host.spans.append(Span(start, min(s["end"] - base, len(host.target)), s["severity"], s["category"], w))
        host.penalty += w
    return gold


def read_mqm_tsv(path: str | Path) -> dict[str, Unit]:
    """An MQM TSV (system, doc, doc_id, seg_id, rater, source, target, category, severity), one Unit
    per system output of a segment, id ``system/doc/seg_id``; target spans from ``<v>...</v>``."""
    path = Path(path)
    units: dict[str, Unit] = {}
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such MQM TSV file") from exc
    with handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        need = {"system", "doc", "seg_id", "rater", "source", "target", "category", "severity"}
        if not reader.fieldnames or not need <= set(reader.fieldnames):
            raise InputError(f"{path}: expected MQM TSV columns {', '.join(sorted(need))}")
        for row in reader:
            uid = f"{row['system']}/{row['doc']}/{row['seg_id']}"
            target = _V.sub("", row["target"])
            u = units.get(uid)
            if u is None:
                u = units[uid] = Unit(uid, target, meta={
                    "source": _V.sub("", row["source"]), "system": row["system"], "doc": row["doc"],
                    "doc_id": row.get("doc_id", ""), "seg_id": row["seg_id"], "raters": set()})
            u.meta["raters"].add(row["rater"])
            category = TSV_CATEGORIES.get(row["category"].strip().lower(), "other/unrelated-content")
            if category is None:
                continue
            sev = row["severity"].strip().lower()
            weight = TSV_WEIGHTS.get(sev, 0.0)
            if sev == "minor" and category == "fluency/punctuation":
                weight = MINOR_PUNCTUATION
            m = re.search(r"<v>(.*?)</v>", row["target"])
            if m:
                start = len(_V.sub("", row["target"][: m.start()]))
                end = start + len(m.group(1))
            else:
                start = end = 0  # the error is marked in the source (an omission): no target span
            u.spans.append(Span(start, end, "major" if sev in ("non-translation", "critical") else sev, category, weight))
            u.penalty += weight
    return units


# The WMT QE fine-grained error-span format (WMT23 QE task 2): one row per annotated translation;
# the 2021 files have no header, the 2022 ones name these columns (their own spelling).
SPAN_TSV_COLUMNS = ("system", "doc_id", "seg_id", "annotator", "source", "target", "start_ids", "end_ids", "errors")
SPAN_SEVERITIES = ("minor", "major", "critical")


def span_tsv_id(system: str, doc_id: str, seg_id: str) -> str:
    """The segment id a row of an error-span TSV gets (what a JSONL built from it must use)."""
    return f"{system}/{doc_id}/{seg_id}"


def _span_row(path: Path, n: int, row: list[str]) -> tuple[list[str], list[Span]]:
    if len(row) != len(SPAN_TSV_COLUMNS):
        raise InputError(f"{path}:{n}: expected {len(SPAN_TSV_COLUMNS)} tab-separated columns "
                         f"({' '.join(SPAN_TSV_COLUMNS)}), got {len(row)}")
    starts, ends, sevs = row[6].split(), row[7].split(), row[8].split()
    if not len(starts) == len(ends) == len(sevs):
        raise InputError(f"{path}:{n}: start_ids, end_ids and errors differ in length")
    spans = []
    for a, b, sev in zip(starts, ends, sevs):
        sev = sev.lower()
        if sev == "no-error":
            continue
        try:
            start, end = int(a), int(b)
        except ValueError as exc:
            raise InputError(f"{path}:{n}: span offsets must be integers, got {a!r} {b!r}") from exc
        if sev not in SPAN_SEVERITIES or not 0 <= start <= end <= len(row[5]):
            raise InputError(f"{path}:{n}: bad error span {a} {b} {sev} (target has {len(row[5])} characters)")
        spans.append(Span(start, end, sev, "accuracy/mistranslation", TSV_WEIGHTS[sev]))
    return row, spans


def read_span_tsv(path: str | Path) -> dict[str, Unit]:
    """An error-span TSV (system, doc_id, seg_id, annotator, source, target, start_ids, end_ids,
    errors; a header line optional): one Unit per row, id ``system/doc_id/seg_id`` (a second
    annotation of the same translation gets ``/annotator`` added). Spans carry no category."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such error-span TSV file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc})") from exc
    units: dict[str, Unit] = {}
    rows = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for n, row in enumerate(rows, 1):
        if n == 1 and row and row[0].strip().lower() in ("system", "mt_system"):
            continue
        if not any(c.strip() for c in row):
            continue
        row, spans = _span_row(path, n, row)
        uid = span_tsv_id(row[0], row[1], row[2])
        if uid in units:
            uid = f"{uid}/{row[3]}"
        units[uid] = Unit(uid, row[5], spans, sum(s.weight for s in spans), meta={
            "source": row[4], "system": row[0], "doc_id": row[1], "seg_id": row[2], "annotator": row[3]})
    if not units:
        raise InputError(f"{path}: no rows")
    return units


def is_span_tsv(path: str | Path) -> bool:
    """Whether a TSV is in the error-span format (nine columns, offsets and severities) rather than
    the MQM one (category and severity per row, spans marked <v>...</v>)."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as fh:
            first = fh.readline().rstrip("\r\n").split("\t")
    except (FileNotFoundError, UnicodeDecodeError):
        return False
    if first and first[0].strip().lower() == "mt_system":
        return True
    return len(first) == len(SPAN_TSV_COLUMNS) and "category" not in (c.strip().lower() for c in first)


def read_gold(path: str | Path, predictions: dict[str, Unit]) -> dict[str, Unit]:
    """gold.jsonl, an MQM TSV or an error-span TSV, by content."""
    p = Path(path)
    if p.suffix.lower() in (".tsv", ".txt") or p.name.endswith(".tsv"):
        return read_span_tsv(p) if is_span_tsv(p) else read_mqm_tsv(p)
    return gold_from_jsonl(p, predictions)


# ---------------------------------------------------------------- scoring


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _prf(tp_p: float, n_p: float, tp_r: float, n_r: float) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "predicted": int(n_p), "gold": int(n_r)}


def span_scores(pred: dict[str, Unit], gold: dict[str, Unit], ids: Iterable[str]) -> dict[str, Any]:
    """Span-level P/R/F1 by overlap: overall (any finding, any gold span), per severity and per category
    (findings of that severity or category against gold spans of the same)."""
    ids = list(ids)
    pairs = [(p, [g for g in gold[i].spans if g.end > g.start]) for i in ids for p in [pred[i].spans]]
    out: dict[str, Any] = {}

    def tally(pred_ok, gold_ok) -> dict[str, float]:
        tp_p = n_p = tp_r = n_r = 0
        for ps, gs in pairs:
            for p in ps:
                if pred_ok(p):
                    n_p += 1
                    tp_p += any(_overlaps(p, g) for g in gs if gold_ok(g))
            for g in gs:
                if gold_ok(g):
                    n_r += 1
                    tp_r += any(_overlaps(p, g) for p in ps if pred_ok(p))
        return _prf(tp_p, n_p, tp_r, n_r)

    out["all"] = tally(lambda p: True, lambda g: True)
    out["major+critical"] = tally(lambda p: p.severity in ("major", "critical"), lambda g: g.severity in ("major", "critical"))
    # Recall of the serious gold spans by any finding, whatever severity it was given.
    out["gold major+critical, any prediction"] = tally(lambda p: True, lambda g: g.severity in ("major", "critical"))
    out["minor"] = tally(lambda p: p.severity == "minor", lambda g: g.severity == "minor")
    cats = sorted({s.category for ps, gs in pairs for s in ps + gs})
    out["by_category"] = {c: tally(lambda p, c=c: p.category == c, lambda g, c=c: g.category == c) for c in cats}
    return out


def _labels(unit: Unit, n: int, spans: list[Span]) -> tuple[list[int], list[int]]:
    major, minor = [0] * n, [0] * n
    for s in spans:
        arr = major if s.severity in ("major", "critical") else minor
        for i in range(max(0, s.start), min(n, s.end)):
            arr[i] = 1
    return major, minor


def char_scores(pred: dict[str, Unit], gold: dict[str, Unit], ids: Iterable[str]) -> dict[str, Any]:
    """Character-level P/R/F1 micro-averaged over all characters: plain; severity-aware (the WMT23 QE
    task 2 measure); and major only (major or critical findings against major or critical gold,
    what a gate at ``--fail-on major`` acts on)."""
    tp = tp_sev = n_pred = n_gold = 0.0
    maj_tp = maj_pred = maj_gold = 0
    for i in ids:
        n = len(gold[i].target)
        gmaj, gmin = _labels(gold[i], n, gold[i].spans)
        pmaj, pmin = _labels(pred[i], n, pred[i].spans)
        for c in range(n):
            g = gmaj[c] or gmin[c]
            p = pmaj[c] or pmin[c]
            maj_gold += gmaj[c]
            maj_pred += pmaj[c]
            maj_tp += gmaj[c] and pmaj[c]
            n_gold += g
            n_pred += p
            if g and p:
                tp += 1
                if gmaj[c] and gmin[c]:
                    tp_sev += 1
                elif gmaj[c]:
                    tp_sev += 1 if pmaj[c] else 0.5
                else:
                    tp_sev += 1 if pmin[c] else 0.5
    plain = _prf(tp, n_pred, tp, n_gold)
    sev = _prf(tp_sev, n_pred, tp_sev, n_gold)
    return {"plain": plain, "severity": sev, "major": _prf(maj_tp, maj_pred, maj_tp, maj_gold)}


def pearson(x: list[float], y: list[float]) -> float:
    n = len(x)
    if n < 2:
        return 0.0
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def kendall_tau_b(x: list[float], y: list[float]) -> float:
    """Kendall's tau-b (ties on either side corrected), O(n^2) over pairs in pure Python."""
    n = len(x)
    conc = disc = tx = ty = 0
    for i in range(n):
        xi, yi = x[i], y[i]
        for j in range(i + 1, n):
            dx, dy = x[j] - xi, y[j] - yi
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tx += 1
            elif dy == 0:
                ty += 1
            elif (dx > 0) == (dy > 0):
                conc += 1
            else:
                disc += 1
    denom = math.sqrt((conc + disc + tx) * (conc + disc + ty))
    return (conc - disc) / denom if denom else 0.0


def correlation(scores: list[float], human: list[float]) -> dict[str, float]:
    return {"pearson": round(pearson(scores, human), 4), "kendall": round(kendall_tau_b(scores, human), 4), "n": len(scores)}


def evaluate(pred: dict[str, Unit], gold: dict[str, Unit], extra_scores: dict[str, dict[str, float]] | None = None) -> dict[str, Any]:
    """Span, character and segment-level figures over the segments both sides have."""
    ids = [i for i in pred if i in gold]
    if not ids:
        raise InputError("the report and the gold share no segment ids; evaluate the report of the same input")
    human = [-gold[i].penalty for i in ids]
    out: dict[str, Any] = {
        "segments": len(ids),
        "gold_spans": sum(1 for i in ids for s in gold[i].spans if s.end > s.start),
        "span": span_scores(pred, gold, ids),
        "char": char_scores(pred, gold, ids),
        "correlation": {"evalkit": correlation([-pred[i].penalty for i in ids], human)},
    }
    for name, by_id in (extra_scores or {}).items():
        out["correlation"][name] = correlation([by_id.get(i, 0.0) for i in ids], human)
    return out


def baseline_figures(pred: dict[str, Unit], gold: dict[str, Unit]) -> dict[str, Any]:
    """Span and character figures of the naive detectors (evalkit.naive) on the same segments."""
    from evalkit.naive import baselines

    ids = [i for i in pred if i in gold]
    units = {i: gold[i] for i in ids}
    retr = {i: pred[i].meta.get("retranslation") or "" for i in ids}
    sources = {i: pred[i].meta.get("source") or gold[i].meta.get("source") or "" for i in ids}
    return {name: {"span": span_scores(b, gold, ids), "char": char_scores(b, gold, ids)}
            for name, b in baselines(units, retr, sources).items()}  # fmt: skip


def evaluate_files(report_path: str | Path, gold_path: str | Path, with_baselines: bool = False) -> dict[str, Any]:
    """`evalkit evaluate REPORT.json GOLD`: the report's findings against gold.jsonl, an MQM TSV or an
    error-span TSV; with ``with_baselines``, the naive detectors' figures beside them."""
    pred = predictions_from_reports(read_report(report_path))
    gold = read_gold(gold_path, pred)
    chrf = {i: float(u.meta.get("scores", {}).get("chrf", 0.0)) for i, u in pred.items() if u.meta.get("scores")}
    result = evaluate(pred, gold, {"chrf": chrf} if chrf else None)
    if with_baselines:
        result["baselines"] = baseline_figures(pred, gold)
    return result


CHAR_LABELS = {"plain": "plain", "severity": "severity (WMT23 QE task 2)", "major": "major findings vs major gold"}


def format_table(result: dict[str, Any]) -> str:
    """A plain-text summary of an evaluation."""
    lines = [f"segments: {result['segments']}   gold spans: {result['gold_spans']}", "",
             f"{'span level':<40} {'P':>7} {'R':>7} {'F1':>7} {'pred':>6} {'gold':>6}"]
    for key in ("all", "major+critical", "gold major+critical, any prediction", "minor"):
        r = result["span"][key]
        lines.append(f"  {key:<38} {r['precision']:>7.3f} {r['recall']:>7.3f} {r['f1']:>7.3f} {r['predicted']:>6} {r['gold']:>6}")
    lines.append("  by category")
    for cat, r in result["span"]["by_category"].items():
        lines.append(f"    {cat:<36} {r['precision']:>7.3f} {r['recall']:>7.3f} {r['f1']:>7.3f} {r['predicted']:>6} {r['gold']:>6}")
    lines.append("")
    lines.append(f"{'character level':<40} {'P':>7} {'R':>7} {'F1':>7}")
    rows = [("evalkit", result["char"])] + [(f"baseline {k}", b["char"]) for k, b in result.get("baselines", {}).items()]
    for name, char in rows:
        if len(rows) > 1:
            lines.append(f"  {name}")
        for key, r in char.items():
            label = CHAR_LABELS.get(key, key)
            lines.append(f"  {label:<38} {r['precision']:>7.3f} {r['recall']:>7.3f} {r['f1']:>7.3f}")
    lines.append("")
    lines.append(f"{'segment correlation with human MQM':<40} {'Pearson':>8} {'Kendall':>8} {'n':>6}")
    for name, r in result["correlation"].items():
        lines.append(f"  {name:<38} {r['pearson']:>8.3f} {r['kendall']:>8.3f} {r['n']:>6}")
    return "\n".join(lines) + "\n"
