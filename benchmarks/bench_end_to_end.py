"""End-to-end `evalkit check` with the offline engine on a 2,000-segment JSONL: speed, memory, stage split.

    python benchmarks/bench_end_to_end.py --tsv path/to/mqm_ted_zhen.tsv [--segments 2000] [--runs 3]

The segments are real Chinese→English MT outputs from the WMT21 TED MQM annotations (any TSV with
``source`` and ``target`` columns works). Two baselines are measured in the same run: sacrebleu
alone scoring the same targets (sentence chrF++ of each target against itself: the floor cost of
reading and scoring), and sacrebleu scoring what evalkit scores (sentence BLEU, chrF++ and TER of
each target against the re-translation evalkit made for it, in one process).
Prints a Markdown table; ``--json`` writes the raw figures. ``python -m benchmarks --tsv …`` runs it
with the other suites and writes the table into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
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


# Runs the command and prints its wall time and peak RSS. Linux hands an exec'd child the high-water
# RSS of the process it was forked from, so a child of this benchmark (which may hold the other
# suites' models, gigabytes) would report at least that; a child of this small launcher reports its own.
LAUNCHER = """
import json, os, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = proc.stderr.read()
proc.stderr.close()
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - t0
print(json.dumps({"wall": wall, "maxrss_kb": usage.ru_maxrss, "rc": os.waitstatus_to_exitcode(status),
                  "stderr": err.decode(errors="replace")[-500:]}))
"""


def timed_subprocess(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of one run of ``cmd``, started by a small launcher process.

    The launcher's own start (~20 ms) is outside the wall time, which it measures around the child.
    """
    out = subprocess.run([sys.executable, "-c", LAUNCHER, *cmd], env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"the launcher failed ({out.returncode}): {out.stderr[-500:]}")
    got = json.loads(out.stdout)
    if got["rc"] not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({got['rc']}): {got['stderr']}")
    return got["wall"], got["maxrss_kb"]


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

# The second baseline: what scoring alone costs. sacrebleu's three metrics for every segment against
# the re-translation evalkit made for it (read from the first run's report), in one process, as a
# script of one's own would score them. evalkit does that and more (re-translation, checks, report).
SCORING = """
import json, sys
from sacrebleu.metrics import BLEU, CHRF, TER
bleu, chrf, ter = BLEU(effective_order=True), CHRF(word_order=2), TER()
segments = json.load(open(sys.argv[1], encoding="utf-8"))["segments"]
for s in segments:
    if s["target"] and s["retranslation"]:
        for metric in (bleu, chrf, ter):
            metric.sentence_score(s["target"], [s["retranslation"]])
"""


def measure(tsv: Path, segments: int = 2000, runs: int = 3) -> dict:
    """The raw figures: median wall time, segments/s, peak RSS, the baseline and the stage split."""
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "segments.jsonl"
        n = build_jsonl(tsv, segments, jsonl)
        env = dict(os.environ, EVALKIT_CACHE_DIR=str(Path(tmp) / "cache"))
        check = [sys.executable, "-m", "evalkit", "check", str(jsonl), "--engine", "lexicon",
                 "--format", "json", "--output", str(Path(tmp) / "report.json"), "--quiet"]
        report = Path(tmp) / "report.json"
        base = [sys.executable, "-c", BASELINE, str(jsonl)]
        scoring = [sys.executable, "-c", SCORING, str(Path(tmp) / "first-report.json")]
        # The first run in a fresh cache folder also parses CC-CEDICT and writes its snapshot there;
        # it is reported on its own, and the median is of the runs after it, as in CI with a kept cache.
        first, rss = timed_subprocess(check, env)
        report.rename(Path(tmp) / "first-report.json")
        walls, base_walls, scoring_walls = [], [], []
        for _ in range(runs):  # the commands take turns, so a busier machine slows them alike
            w, r = timed_subprocess(check, env)
            walls.append(w)
            rss = max(rss, r)
            base_walls.append(timed_subprocess(base, env)[0])
            scoring_walls.append(timed_subprocess(scoring, env)[0])
        old_cache = os.environ.get("EVALKIT_CACHE_DIR")
        os.environ["EVALKIT_CACHE_DIR"] = env["EVALKIT_CACHE_DIR"]  # this run's snapshot, not the user's
        try:
            split = stage_split(jsonl)
        finally:
            if old_cache is None:
                os.environ.pop("EVALKIT_CACHE_DIR", None)
            else:
                os.environ["EVALKIT_CACHE_DIR"] = old_cache
    wall, base_wall = statistics.median(walls), statistics.median(base_walls)
    scoring_wall = statistics.median(scoring_walls)
    return {
        "segments": n,
        "runs": runs,
        "wall_s": round(wall, 2),
        "first_run_s": round(first, 2),
        "segments_per_s": round(n / wall, 1),
        "peak_rss_mb": round(rss / 1024, 1),
        "baseline_wall_s": round(base_wall, 2),
        "ratio_to_baseline": round(wall / base_wall, 2),
        "scoring_wall_s": round(scoring_wall, 2),
        "ratio_to_scoring": round(wall / scoring_wall, 2),
        "stages_s": {k: round(v, 3) for k, v in split.items()},
    }


def markdown(f: dict) -> str:
    """The README section for the figures of ``measure``."""
    rate_ok = "met" if f["segments_per_s"] >= 200 else "not met"
    rss_ok = "met" if f["peak_rss_mb"] < 500 else "not met"
    total = sum(f["stages_s"].values()) or 1.0
    lines = [
        "### End to end: `evalkit check` with the offline engine",
        "",
        f"{f['segments']} real Chinese→English MT segments (WMT21 TED MQM) as one JSONL, `--engine lexicon "
        "--format json`, a fresh process each run; peak RSS of the evalkit process (its forked "
        "scoring workers are not included). Two baselines, in the same run, each a fresh process: "
        "sacrebleu alone scoring the same targets (chrF++ against themselves: the floor cost of reading "
        "and scoring), and sacrebleu scoring what evalkit scores (BLEU, chrF++ and TER of every target "
        "against evalkit's re-translation, one process, as a script of one's own would).",
        "",
        "| segments | median s | segments/s | peak RSS (MB) | chrF++ only s | vs it | BLEU+chrF+++TER s | vs it "
        "| runs | first run s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {f['segments']} | {f['wall_s']} | {f['segments_per_s']} | {f['peak_rss_mb']} | "
        f"{f['baseline_wall_s']} | {f['ratio_to_baseline']}× | {f['scoring_wall_s']} | {f['ratio_to_scoring']}× "
        f"| {f['runs']} | {f['first_run_s']} |",
        "",
        "The median is of the runs after the first, with the cache folder kept between them as CI keeps "
        "it; the first run in a fresh cache folder also parses CC-CEDICT and writes the snapshot the "
        "later runs read (*first run s*).",
        "",
        f"**Targets: ≥ 200 segments/s — measured {f['segments_per_s']} ({rate_ok}); peak RSS < 500 MB — "
        f"measured {f['peak_rss_mb']} MB ({rss_ok}).**",
        "",
        "Where the time goes (one in-process run; large inputs are scored by worker processes while the "
        "checks run, so `score` is the wait for them after the checks):",
        "",
        "| stage | seconds | share |",
        "| --- | ---: | ---: |",
        *(f"| {k} | {v:.3f} | {100 * v / total:.0f}% |" for k, v in f["stages_s"].items()),
    ]
    return "\n".join(lines)


def run(tsv: Path, runs: int = 3, log=print) -> dict:
    """Measure and render, for ``python -m benchmarks``."""
    log(f"  end to end on {tsv.name}")
    figures = measure(tsv, runs=runs)
    return {"figures": figures, "markdown": markdown(figures)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tsv", required=True, type=Path, help="an MQM TSV with source and target columns")
    ap.add_argument("--segments", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write the raw figures here")
    args = ap.parse_args(argv)
    figures = measure(args.tsv, args.segments, args.runs)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(markdown(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
