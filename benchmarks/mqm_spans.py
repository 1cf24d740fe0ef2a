"""evalkit on the WMT21/22 zh->en news error spans (the WMT QE task 2 format), held-out documents only.

    python benchmarks/mqm_spans.py --data path/to/mqm-spans   # writes its section of reports/quality.md

(``--no-write`` prints the section instead; ``--json FILE`` also writes the raw figures.) Two modes, each beside naive detectors scored on the same rows in the same run (evalkit.naive):

- reference-free: source and MT only, the offline lexicon engine re-translates;
- with a re-translation: another system's translation of the segment (evalkit.decide.data.
  RETRANSLATION_SYSTEMS) given as the JSONL ``retranslation``, `--engine file`.

The split is by document (evalkit.decide.data.held_out), fixed before anything was fitted.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import write_section  # noqa: E402
from benchmarks.quality import run_check  # noqa: E402
from evalkit.decide import data  # noqa: E402
from evalkit.evaluate import Unit, char_scores, predictions_from_reports, span_scores  # noqa: E402
from evalkit.mqm import word_count  # noqa: E402
from evalkit.naive import baselines  # noqa: E402


def gate_recall(pred: dict[str, Unit], gold: dict[str, Unit], ids: list[str]) -> dict[str, float]:
    """Of the translations with a major gold error, the share with a major finding (what fails a
    `--fail-on major` gate), and of those without, the share that still gets one."""
    def major(u: Unit) -> bool:
        return any(s.severity in ("major", "critical") for s in u.spans)

    bad = [i for i in ids if major(gold[i])]
    good = [i for i in ids if not major(gold[i])]
    return {"recall": round(sum(major(pred[i]) for i in bad) / max(len(bad), 1), 4),
            "false_alarms": round(sum(major(pred[i]) for i in good) / max(len(good), 1), 4),
            "bad": len(bad), "good": len(good)}  # fmt: skip


def figures(pred: dict[str, Unit], gold: dict[str, Unit], ids: list[str]) -> dict:
    span = span_scores(pred, gold, ids)
    return {"char": char_scores(pred, gold, ids), "span_major": span["major+critical"], "gate": gate_recall(pred, gold, ids)}


def human_rate(pred: dict[str, Unit], gold: dict[str, Unit], ids: list[str]) -> dict[str, float]:
    """Findings per 100 words on human translations (``ref.*``) and on MT rows."""
    out = {}
    for name, keep in (("human", lambda s: s.startswith("ref")), ("mt", lambda s: not s.startswith("ref"))):
        rows = [i for i in ids if keep(gold[i].meta["system"])]
        words = sum(word_count(gold[i].target) for i in rows)
        out[name] = round(100 * sum(len(pred[i].spans) for i in rows) / max(words, 1), 2)
    return out


# evalkit as it runs by default, and with the word-level error model asked for (--error-model)
RUNS = {"evalkit": [], "evalkit --error-model": ["--error-model"]}


def run_mode(gold: dict[str, Unit], retr: dict[str, str] | None) -> dict:
    preds, seconds = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        files = [str(p) for p in data.write_by_system(gold, Path(tmp), retr)]
        for name, extra in RUNS.items():
            t0 = time.perf_counter()
            report = run_check([*files, "--engine", "file" if retr is not None else "lexicon", *extra])
            seconds[name] = round(time.perf_counter() - t0, 1)
            preds[name] = predictions_from_reports([report])
    ids = [i for i in gold if i in preds["evalkit"]]
    sources = {i: gold[i].meta["source"] for i in ids}
    naive = baselines({i: gold[i] for i in ids}, retr, sources)
    return {
        "rows": len(ids), "documents": len({gold[i].meta["doc_id"] for i in ids}), "seconds": seconds,
        "evalkit": {name: figures(pred, gold, ids) for name, pred in preds.items()},
        "baselines": {k: figures(b, gold, ids) for k, b in naive.items()},
        "findings_per_100_words": {name: human_rate(pred, gold, ids) for name, pred in preds.items()},
    }  # fmt: skip


def run(data_dir: Path) -> dict:
    gold = data.load(data_dir, "held-out")
    retr = data.retranslations(gold)
    with_retr = {i: u for i, u in gold.items() if i in retr}
    return {"reference-free": run_mode(gold, None), "re-translation": run_mode(with_retr, retr)}


def _row(name: str, f: dict) -> str:
    c, g = f["char"], f["gate"]
    return (f"| {name} | {c['severity']['precision']:.3f} | {c['severity']['recall']:.3f} | {c['severity']['f1']:.3f} | "
            f"{c['major']['f1']:.3f} | {f['span_major']['recall']:.3f} | {g['recall']:.3f} | {g['false_alarms']:.3f} |")


def markdown(result: dict, command: str) -> str:
    lines = [
        "## WMT21/22 news error spans, held-out documents (zh→en, professional MQM annotations)",
        "",
        f"Produced by `{command}`. Documents are split by the SHA-1 of their `doc_id` (first hex digit below 4:",
        "held out; the rest is the fitting part). Char F1 is the WMT23 QE task 2 measure (per character,",
        "severity-aware, pooled); 'major char F1' counts only major findings against major gold; 'major",
        "span R' is the share of major gold spans a major finding overlaps; 'gate R' is the share of",
        "translations with a major gold error that get a major finding (what fails `--fail-on major`),",
        "'gate FA' the share of translations without one that still get one.",
    ]
    for mode, r in result.items():
        what = ("source and MT only, the offline lexicon engine" if mode == "reference-free" else
                f"another system's translation as the re-translation ({', then '.join(data.RETRANSLATION_SYSTEMS)}), "
                "`--engine file`")
        took = ", ".join(f"`{name}` {s} s" for name, s in r["seconds"].items())
        lines += [
            "",
            f"### {mode}: {what}",
            "",
            f"{r['rows']} annotated translations of {r['documents']} documents; {took}.",
            "",
            "| | char P | char R | char F1 | major char F1 | major span R | gate R | gate FA |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            *(_row(name, f) for name, f in r["evalkit"].items()),
            *(_row(f"baseline: {k}", b) for k, b in r["baselines"].items()),
            "",
            "Findings per 100 words, human translations (`ref.*`) against MT: " + "; ".join(
                f"`{name}` {h['human']:.2f} against {h['mt']:.2f}" for name, h in r["findings_per_100_words"].items()) + ".",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the directory of the error-span TSV files")
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        ap.error(f"--data {args.data}: no such directory")
    result = run(args.data)
    text = markdown(result, f"python benchmarks/mqm_spans.py --data path/to/{args.data.name}")
    if args.no_write:
        print(text)
    else:
        write_section(ROOT / "reports" / "quality.md", "mqm-spans-zh-en", text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
