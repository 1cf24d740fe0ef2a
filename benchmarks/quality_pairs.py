"""Detection quality for language pairs without Chinese: WMT21 MQM error spans (en->de, en->ru).

Reads the WMT QE task-2 span files (``system doc_id seg_id annotator source target start_ids
end_ids errors``), keeps the documents held out by a fixed hash of ``doc_id`` (one in five; no
threshold of evalkit was fitted on any of these files), runs ``evalkit check`` on the held-out
translations as a user would, and scores the findings with the task's character measure
(severity-aware: half credit for the other severity), beside flag-everything and bag-of-words
baselines computed in the same run. Two settings: reference-free (no re-translation, no model:
the machines this runs on cannot reach the hub), and with another system's translation of the
same segment as the re-translation.

    python benchmarks/quality_pairs.py --data DIR

It writes its section of reports/quality.md (between the ``PAIRS_BEGIN`` and ``PAIRS_END``
markers, which benchmarks/quality.py keeps when it regenerates the rest of the page).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evalkit.evaluate import Span, Unit, char_scores, predictions_from_reports  # noqa: E402

PAIRS = {"en-de": "2021_en-de.tsv", "en-ru": "2021_en-ru.tsv"}
PAIRS_BEGIN, PAIRS_END = "<!-- quality_pairs.py -->", "<!-- /quality_pairs.py -->"
HELD_OUT_SHARE = 5  # one document in five, by hash of its doc_id
_WORD = re.compile(r"\w+")


def held_out(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % HELD_OUT_SHARE == 0


def read_rows(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 9 or cols[0] in ("system", "mt_system"):
                continue
            system, doc, seg, rater, source, target, starts, ends, errors = cols
            spans = []
            for a, b, sev in zip(starts.split(), ends.split(), errors.split()):
                if int(a) >= 0 and sev in ("minor", "major"):
                    spans.append(Span(int(a), int(b), sev, "", 5.0 if sev == "major" else 1.0))
            rows.append({"system": system, "doc": doc, "seg": seg, "rater": rater, "source": source,
                         "target": target, "spans": spans})
    return rows


def units_of(rows: list[dict]) -> dict[str, Unit]:
    return {r["id"]: Unit(r["id"], r["target"], r["spans"], sum(s.weight for s in r["spans"])) for r in rows}


def other_system(rows: list[dict]) -> None:
    """Give each row the translation of the next system (in name order) of its segment."""
    by_seg: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        by_seg.setdefault((r["doc"], r["seg"]), []).append(r)
    for group in by_seg.values():
        systems = sorted({r["system"] for r in group})
        first = {s: next(r for r in group if r["system"] == s) for s in systems}
        for r in group:
            nxt = systems[(systems.index(r["system"]) + 1) % len(systems)]
            r["retranslation"] = first[nxt]["target"] if nxt != r["system"] else None


def run_check(rows: list[dict], src: str, tgt: str, with_retranslation: bool) -> tuple[dict, float]:
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "rows.jsonl", Path(tmp) / "report.json"
        with data.open("w", encoding="utf-8") as f:
            for r in rows:
                row = {"id": r["id"], "source": r["source"], "target": r["target"]}
                if with_retranslation and r.get("retranslation"):
                    row["retranslation"] = r["retranslation"]
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        cmd = [sys.executable, "-m", "evalkit", "check", str(data), "--src-lang", src, "--tgt-lang", tgt,
               "--format", "json", "--output", str(out), "--fail-on", "never", "--no-cache", "--quiet"]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        took = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-800:]}")
        return json.loads(out.read_text(encoding="utf-8")), took


def everything(units: dict[str, Unit]) -> dict[str, Unit]:
    return {uid: Unit(uid, u.target, [Span(0, len(u.target), "major", "", 5.0)]) for uid, u in units.items()}


def bag_of_words(units: dict[str, Unit], rows: list[dict]) -> dict[str, Unit]:
    """Every target word absent from the re-translation, as a minor span (major: 'major-only' table)."""
    retr = {r["id"]: {w.lower() for w in _WORD.findall(r.get("retranslation") or "")} for r in rows}
    return {uid: Unit(uid, u.target, [Span(m.start(), m.end(), "minor", "", 1.0) for m in _WORD.finditer(u.target)
                                      if m.group(0).lower() not in retr[uid]]) for uid, u in units.items()}


def major_only(units: dict[str, Unit], as_major: bool = False) -> dict[str, Unit]:
    return {uid: Unit(uid, u.target, [Span(s.start, s.end, "major", s.category, s.weight) for s in u.spans
                                      if as_major or s.severity in ("major", "critical")]) for uid, u in units.items()}


def measure(pair: str, path: Path) -> dict:
    src, tgt = pair.split("-")
    rows = [r for r in read_rows(path) if held_out(r["doc"])]
    for i, r in enumerate(rows):
        r["id"] = f"{i}"
    other_system(rows)
    gold = units_of(rows)
    ids = list(gold)
    result = {"rows": len(rows), "docs": len({r["doc"] for r in rows}), "gold_spans": sum(len(u.spans) for u in gold.values()),
              "settings": {}}
    for name, with_retr in (("reference-free", False), ("another system as the re-translation", True)):
        report, took = run_check(rows, src, tgt, with_retr)
        pred = predictions_from_reports([report])
        entry = {"seconds": round(took, 1), "engine": report["engine"]["name"], "findings": len(report["findings"]),
                 "checks": sorted({f["check"] for f in report["findings"]}), "table": {}}
        entry["table"]["evalkit"] = char_scores(pred, gold, ids)
        entry["table"]["baseline: flag everything (major)"] = char_scores(everything(gold), gold, ids)
        if with_retr:
            entry["table"]["baseline: bag-of-words"] = char_scores(bag_of_words(gold, rows), gold, ids)
            entry["major_only"] = {
                "evalkit": char_scores(major_only(pred), major_only(gold), ids)["plain"],
                "bag-of-words (as major)": char_scores(major_only(bag_of_words(gold, rows), True), major_only(gold), ids)["plain"],
            }
        result["settings"][name] = entry
    return result


def render(results: dict[str, dict], command: str) -> str:
    out = [PAIRS_BEGIN, "## Pairs without Chinese: WMT21 news MQM spans (en→de, en→ru)", "",
           f"Regenerate with `{command}`. Held-out documents only (one `doc_id` in five by a fixed hash); no"
           " threshold was fitted on these files. Character measure of the WMT23 QE task 2: per character,"
           " pooled; severity-aware F1 gives half credit to the other severity. Data: `2021_en-de.tsv` and"
           " `2021_en-ru.tsv` of WMT-QE-Task/wmt-qe-2023-data (`task_2/train`, derived from"
           " google/wmt-mqm-human-evaluation, Apache License 2.0); the re-translation of a row is the next"
           " system's (in name order) translation of the same segment.", ""]
    for pair, res in results.items():
        s, t = pair.split("-")
        out += [f"### {s}→{t}", "", f"{res['rows']} annotated translations of {res['docs']} held-out documents,"
                f" {res['gold_spans']} gold spans.", ""]
        for name, e in res["settings"].items():
            out += [f"#### {name}", "", f"engine `{e['engine']}`, {e['findings']} findings"
                    f" ({', '.join(e['checks']) or 'none'}), `evalkit check` took {e['seconds']} s.", "",
                    "| | char P | char R | char F1 | char P, severity | char F1, severity |",
                    "| --- | ---: | ---: | ---: | ---: | ---: |"]
            for row, sc in e["table"].items():
                p, sv = sc["plain"], sc["severity"]
                out.append(f"| {row} | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} |"
                           f" {sv['precision']:.3f} | {sv['f1']:.3f} |")
            if "major_only" in e:
                out += ["", "| major only | char P | char R | char F1 |", "| --- | ---: | ---: | ---: |"]
                for row, p in e["major_only"].items():
                    out.append(f"| {row} | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} |")
            out.append("")
        free = res["settings"]["reference-free"]["table"]["evalkit"]["severity"]["precision"]
        major = res["settings"]["another system as the re-translation"]["major_only"]
        out += [f"Targets: reference-free character precision (severity) {free:.3f} against 0.35; major-only"
                f" character F1 with another system as the re-translation {major['evalkit']['f1']:.3f} against the"
                f" bag-of-words diff's {major['bag-of-words (as major)']['f1']:.3f}. For pairs without a lexicon only the"
                " language-agnostic checks run (numbers, placeholders, punctuation and spacing, repetition,"
                " untranslated text, length); they do not read the re-translation, so both settings flag the same"
                " spans, and recall stays low: the annotators' errors are mostly mistranslations and awkward"
                " wording, which needs a learned word-level model or an MT model's scores.", ""]
    out.append(PAIRS_END)
    return "\n".join(out)


def kept_section(path: Path) -> str | None:
    """The pairs section of the page at ``path``, if it has one."""
    page = path.read_text(encoding="utf-8") if path.exists() else ""
    if PAIRS_BEGIN not in page or PAIRS_END not in page:
        return None
    return PAIRS_BEGIN + page.split(PAIRS_BEGIN, 1)[1].split(PAIRS_END, 1)[0] + PAIRS_END


def replace_section(page: str, section: str) -> str:
    """``page`` with its pairs section replaced by ``section`` (put before '## Data' when it has none)."""
    if PAIRS_BEGIN in page and PAIRS_END in page:
        head, rest = page.split(PAIRS_BEGIN, 1)
        return head + section + rest.split(PAIRS_END, 1)[1]
    if "\n## Data\n" in page:
        head, tail = page.split("\n## Data\n", 1)
        return head + "\n" + section + "\n\n## Data\n" + tail
    return page.rstrip("\n") + "\n\n" + section + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of the WMT QE task-2 span files")
    parser.add_argument("--pairs", nargs="+", default=list(PAIRS), choices=list(PAIRS))
    parser.add_argument("--output", type=Path, default=ROOT / "reports" / "quality.md")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    results = {p: measure(p, args.data / PAIRS[p]) for p in args.pairs}
    page = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    section = render(results, "python benchmarks/quality_pairs.py --data path/to/mqm-spans")
    args.output.write_text(replace_section(page, section), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
