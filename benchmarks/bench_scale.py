"""Large inputs: segments/s and peak memory of the whole process tree by input size, kind and --jobs.

    python -m benchmarks.bench_scale --tsv path/to/mqm_ted_zhen.tsv [--sizes 1000,10000,100000]
                                     [--kinds paragraph,short] [--jobs 1,2] [--executors local,ray]
                                     [--baseline path/to/older/checkout]

Each cell is one fresh `evalkit check FILE.jsonl --engine lexicon --format json --output ...` run
on inputs written by ``benchmarks.inputs``. Peak memory is of the whole process tree (evalkit and every
worker it forks): the sum of their proportional set sizes (a page shared by n processes counts 1/n
in each), sampled from /proc every 50 ms (Linux). Ratios (``--jobs 2`` against ``--jobs 1``, Ray
actors against as many local workers, this checkout against ``--baseline`` run on the same cell just
before it, and the growth exponent of time and memory between sizes: log(t2/t1) / log(n2/n1), 1.0 for linear)
come from the same run. Prints a Markdown table; ``--json`` writes the raw figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.inputs import write_jsonl, write_segments  # noqa: E402


def _pss_kb(pid: int) -> int:
    """Proportional set size (kB): resident memory with pages shared by n processes counted 1/n each."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_rss_kb(root: int) -> int:
    """Memory (kB) of ``root`` and all its descendants, from /proc: the sum of their proportional set
    sizes, so the pages a forked worker shares with its parent are counted once, not once per process."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(children.get(pid, ()))
    return total


def run_check(path: Path, jobs: int, out: Path, executor: str = "local", baseline: Path | None = None) -> dict:
    """Wall seconds and peak process-tree memory of one `evalkit check` run (of the evalkit checked
    out at ``baseline`` when given)."""
    cmd = [sys.executable, "-m", "evalkit", "check", str(path), "--engine", "lexicon", "--format", "json",
           "--output", str(out), "--quiet", "--jobs", str(jobs), "--no-cache"]
    if executor != "local":
        cmd += ["--executor", executor]
    env = dict(os.environ)
    if baseline is not None:
        env["PYTHONPATH"] = str(baseline)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=baseline or ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-500:]}")
    return {"wall_s": round(wall, 2), "peak_rss_mb": round(peak / 1024, 1)}


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def measure(tsv: Path | None, sizes: list[int], kinds: list[str], jobs: list[int], executors: list[str] = ("local",),
            baseline: Path | None = None, input_format: str = "jsonl") -> list[dict]:
    """One row per cell; with ``baseline``, each local cell is run by that evalkit too, right before."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("EVALKIT_CACHE_DIR", str(Path(tmp) / "cache"))
        warm = write_jsonl(Path(tmp) / "warm.jsonl", "short", 20, tsv)
        run_check(warm, 1, Path(tmp) / "warm.json")  # the CC-CEDICT snapshot is made once, not timed
        for kind in kinds:
            for n in sizes:
                path = write_segments(Path(tmp) / f"{kind}-{n}.{input_format}", kind, n, tsv)
                cells = [(e, j, None) for e in executors for j in jobs]
                if baseline is not None:
                    cells = [c for j in jobs for c in ((("baseline", j, baseline)), ("local", j, None))] + \
                            [c for c in cells if c[0] != "local"]
                for executor, j, checkout in cells:
                    load = _load()
                    got = run_check(path, j, Path(tmp) / "report.json", "local" if checkout else executor, checkout)
                    got.update(kind=kind, format=input_format, segments=n, jobs=j, executor=executor,
                               segments_per_s=round(n / got["wall_s"], 1), load=[round(load, 1), round(_load(), 1)])
                    print(json.dumps(got), file=sys.stderr, flush=True)
                    rows.append(got)
                path.unlink()
    return rows


def _exponent(rows: list[dict], kind: str, jobs: int, key: str, executor: str = "local") -> str:
    cells = sorted((r["segments"], r[key]) for r in rows
                   if r["kind"] == kind and r["jobs"] == jobs and r.get("executor", "local") == executor)
    if len(cells) < 2:
        return ""
    (n1, v1), (n2, v2) = cells[0], cells[-1]
    return f"{math.log(v2 / v1) / math.log(n2 / n1):.2f}"


def _ratio(base: dict | None, r: dict) -> str:
    return f"{base['wall_s'] / r['wall_s']:.2f}×" if base else ""


def markdown(rows: list[dict]) -> str:
    def cell(executor, kind, n, jobs):
        return next((r for r in rows if (r.get("executor", "local"), r["kind"], r["segments"], r["jobs"])
                     == (executor, kind, n, jobs)), None)

    lines = ["| input | segments | run | --jobs | seconds | segments/s | vs --jobs 1 | vs baseline | vs local "
             "| peak memory, process tree (PSS, MB) | load average |",
             "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        executor = r.get("executor", "local")
        one = cell(executor, r["kind"], r["segments"], 1)
        base = cell("baseline", r["kind"], r["segments"], r["jobs"]) if executor == "local" else None
        local = cell("local", r["kind"], r["segments"], r["jobs"]) if executor == "ray" else None
        load = "–".join(str(x) for x in r.get("load", []))
        kind = r["kind"] if r.get("format", "jsonl") == "jsonl" else f"{r['kind']} ({r['format']})"
        lines.append(f"| {kind} | {r['segments']:,} | {executor} | {r['jobs']} | {r['wall_s']} | "
                     f"{r['segments_per_s']} | {_ratio(one, r)} | {_ratio(base, r)} | {_ratio(local, r)} | "
                     f"{r['peak_rss_mb']} | {load} |")
    lines += ["", "| input | run | --jobs | growth exponent of time | of peak memory |",
              "| --- | --- | ---: | ---: | ---: |"]
    for kind in sorted({r["kind"] for r in rows}):
        for executor in sorted({r.get("executor", "local") for r in rows}):
            for j in sorted({r["jobs"] for r in rows}):
                if _exponent(rows, kind, j, "wall_s", executor):
                    lines.append(f"| {kind} | {executor} | {j} | {_exponent(rows, kind, j, 'wall_s', executor)} | "
                                 f"{_exponent(rows, kind, j, 'peak_rss_mb', executor)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tsv", type=Path, help="an MQM TSV (default: the bundled corpora)")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--kinds", default="paragraph,short")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--executors", default="local", help="local, ray or both (ray: evalkit-l10n[ray])")
    ap.add_argument("--baseline", type=Path,
                    help="a checkout of another evalkit version, run on each cell right before this one")
    ap.add_argument("--input-format", choices=("jsonl", "tmx", "xlf"), default="jsonl", help="the inputs' format")
    ap.add_argument("--json", type=Path, help="write the raw figures here")
    args = ap.parse_args(argv)
    rows = measure(args.tsv, [int(x) for x in args.sizes.split(",")], args.kinds.split(","),
                   [int(x) for x in args.jobs.split(",")], args.executors.split(","), args.baseline,
                   args.input_format)
    text = markdown(rows)
    for path, content in ((args.json, json.dumps(rows, indent=2) + "\n"),):
        if path:
            path.write_text(content, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
