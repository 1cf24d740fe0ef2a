"""End-to-end `evalkit check` with the offline engine on a 2,000-segment JSONL: speed, memory, stage split.

    python benchmarks/bench_end_to_end.py --tsv PATH/TO/mqm_ted_zhen.tsv [--segments 2000] [--runs 3]

The segments are real Chinese→English MT outputs from the WMT21 TED MQM annotations (any TSV with
``source`` and ``target`` columns works). The baseline, measured in the same run, is sacrebleu
alone scoring the same pairs (sentence chrF++ against the source's own re-translation is not
available to it, so it scores target against target: the floor cost of reading and scoring).
Prints a Markdown table; ``--json`` writes the raw figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_jsonl(tsv: Path, n: int, out: Path) -> int:
    """Write up to ``n`` distinct (source, target) pairs from an MQM TSV as evalkit JSONL."""
    csv.field_size_limit(1 << 24)
    seen: set[tuple[str, str]] = set()
    with tsv.open(encoding="utf-8", newline="") as fh, out.open("w", encoding="utf-8") as w:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            target = row["target"].replace("<v>", "").replace("</v>", "")
            key = (row["source"], target)
            if key in seen or not row["source"].strip() or not target.strip():
                continue
            seen.add(key)
            w.write(json.dumps({"id": f"s{len(seen)}", "source": row["source"], "target": target},
                               ensure_ascii=False) + "\n")
            if len(seen) >= n:
                break
    return len(seen)


def timed_subprocess(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    _, status, usage = proc.pid, proc.returncode, None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if status not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({status}): {err.decode()[-500:]}")
    return wall, usage.ru_maxrss


def stage_split(jsonl: Path) -> dict[str, float]:
    """Seconds per pipeline stage for one in-process run, plus rendering the JSON report."""
    from evalkit.config import Settings
    from evalkit.pipeline import check_inputs
    from evalkit.report.json import JsonReporter

    settings = Settings(engine="lexicon", format="json", cache=False)
    reports = check_inputs([str(jsonl)], settings, warn=lambda m: None)
    t0 = time.perf_counter()
    JsonReporter().render(reports, settings)
    timings = dict(reports[0].timings)
    timings["report"] = time.perf_counter() - t0
    return timings


BASELINE = """
import json, sys
from sacrebleu.metrics import CHRF
chrf = CHRF(word_order=2)
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
for r in rows:
    chrf.sentence_score(r["target"], [r["target"]])
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tsv", required=True, type=Path, help="an MQM TSV with source and target columns")
    ap.add_argument("--segments", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write the raw figures here")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "segments.jsonl"
        n = build_jsonl(args.tsv, args.segments, jsonl)
        env = dict(os.environ, EVALKIT_CACHE_DIR=str(Path(tmp) / "cache"))
        check = [sys.executable, "-m", "evalkit", "check", str(jsonl), "--engine", "lexicon",
                 "--format", "json", "--output", str(Path(tmp) / "report.json"), "--quiet"]
        base = [sys.executable, "-c", BASELINE, str(jsonl)]
        walls, base_walls, rss = [], [], 0
        for _ in range(args.runs):
            w, r = timed_subprocess(check, env)
            walls.append(w)
            rss = max(rss, r)
            base_walls.append(timed_subprocess(base, env)[0])
        split = stage_split(jsonl)

    wall, base_wall = statistics.median(walls), statistics.median(base_walls)
    figures = {
        "segments": n,
        "runs": args.runs,
        "wall_s": round(wall, 2),
        "segments_per_s": round(n / wall, 1),
        "peak_rss_mb": round(rss / 1024, 1),
        "baseline_wall_s": round(base_wall, 2),
        "ratio_to_baseline": round(wall / base_wall, 2),
        "stages_s": {k: round(v, 3) for k, v in split.items()},
    }
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"| segments | median wall (s) | segments/s | peak RSS (MB) | sacrebleu-only baseline (s) | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {n} | {figures['wall_s']} | {figures['segments_per_s']} | {figures['peak_rss_mb']} | "
          f"{figures['baseline_wall_s']} | {figures['ratio_to_baseline']}× |")
    print()
    print("| stage | seconds | share |")
    print("|---|---:|---:|")
    total = sum(split.values()) or 1.0
    for stage, secs in split.items():
        print(f"| {stage} | {secs:.3f} | {100 * secs / total:.0f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
