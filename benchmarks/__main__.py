"""Run the engine, cache and start-up benchmarks and write their tables into benchmarks/README.md.

    python -m benchmarks --tsv path/to/mqm_ted_zhen.tsv [--full] [--repeats 3] [--no-write]
                         [--only engines,cache,startup,end_to_end]
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import sys
import time
from pathlib import Path

from benchmarks.common import OUT, machine

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- results: start -->", "<!-- results: end -->"
SUITES = ("engines", "cache", "startup", "end_to_end")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def write_readme(block: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text = text.rstrip() + f"\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{block.strip()}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--full", action="store_true", help="every engine cell, batch 1 and beam 4 at batch 8 too")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--threads", type=int, help="CPU threads per engine (default: the CPU count)")
    ap.add_argument("--only", default=",".join(SUITES), help=f"comma-separated subset of {', '.join(SUITES)}")
    ap.add_argument("--no-write", action="store_true", help="print the tables, leave README.md alone")
    ap.add_argument("--tsv", type=Path, help="mqm_ted_zhen.tsv (google/wmt-mqm-human-evaluation) for end_to_end")
    args = ap.parse_args(argv)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(wanted) - set(SUITES))
    if unknown:
        ap.error(f"unknown suite(s): {', '.join(unknown)}")
    if "end_to_end" in wanted and args.tsv is None:
        ap.error("end_to_end needs --tsv path/to/mqm_ted_zhen.tsv (or leave it out with --only)")

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    sections = []
    engines: dict = {}
    if "engines" in wanted:
        from benchmarks import bench_engines

        log("engines:")
        engines = bench_engines.run(args.full, args.repeats, threads=args.threads, log=log)
        sections.append(engines["markdown"])
    if "cache" in wanted:
        from benchmarks import bench_cache

        log("cache:")
        cache = bench_cache.run(
            args.repeats,
            threads=args.threads,
            log=log,
            measured_first_runs=engines.get("hf_first_runs"),
            warm_cache=engines.get("warm_cache"),
        )
        sections.append(cache["markdown"])
    if "startup" in wanted:
        from benchmarks import bench_startup

        log("startup:")
        sections.append(bench_startup.run(log=log)["markdown"])
    if "end_to_end" in wanted:
        from benchmarks import bench_end_to_end

        log("end to end:")
        sections.append(bench_end_to_end.run(args.tsv, args.repeats, log=log)["markdown"])
    shutil.rmtree(OUT / "caches", ignore_errors=True)
    total = time.perf_counter() - started
    load = ""
    if load_before is not None:
        load = f"; 1-minute load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    block = "\n\n".join(
        [
            f"Measured {datetime.date.today().isoformat()} by `python -m benchmarks"
            f"{' --tsv path/to/' + args.tsv.name if args.tsv else ''}{' --full' if args.full else ''}` in {total / 60:.1f} minutes on {machine()}{load}.",
            *sections,
        ]
    )
    print(block)
    if not args.no_write and set(wanted) == set(SUITES):
        write_readme(block)
        log(f"wrote {README}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
