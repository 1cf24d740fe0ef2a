"""First run against cached re-run: the hf engine through the SQLite re-translation cache.

    python -m benchmarks.bench_cache [--repeats 3] [--first-runs 1]

A first run translates the 256 benchmark inputs (greedy, batch 32, 40 tokens each) through an
empty cache, so every input reaches the model. A re-run builds a fresh HFEngine and asks
again: every input comes from the cache and the weights are never loaded. The first run is the
baseline of the ratio. Under `python -m benchmarks` the first runs are the engines benchmark's
hf greedy batch-32 runs, which do exactly this work (without the model load, so the ratio is
conservative); run alone, this script times its own, model load included.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import OUTPUT_TOKENS, Timing, benchmark_inputs, env_threads, markdown_table, opus_mt_like_model

TARGET_SPEEDUP = 5.0


def run(
    repeats: int = 3,
    first_runs: int = 1,
    threads: int | None = None,
    log=print,
    measured_first_runs: list[float] | None = None,
    warm_cache: Path | None = None,
) -> dict[str, Any]:
    """Time first runs (or take them from bench_engines, which does the same work) and re-runs."""
    from evalkit.cache import CACHE_FILE, TranslationCache, cached_translate, key_parts
    from evalkit.engines.hf import HFEngine

    env_threads()
    model = str(opus_mt_like_model())
    inputs = benchmark_inputs(Path(model))
    options = {"batch_size": 32, "min_new_tokens": OUTPUT_TOKENS, "max_new_tokens": OUTPUT_TOKENS, "threads": threads}
    first, again = Timing(), Timing()
    work = Path(tempfile.mkdtemp(prefix="evalkit-bench-cache-"))
    try:
        if measured_first_runs and warm_cache is not None:
            first.runs = list(measured_first_runs)
            path = Path(warm_cache)
            log(f"  first runs (from the engines benchmark): {', '.join(f'{t:.1f}' for t in first.runs)} s")
        else:
            for i in range(max(first_runs, 1)):
                path = work / f"run{i}" / CACHE_FILE
                start = time.perf_counter()
                with TranslationCache(path) as cache:
                    cached_translate(HFEngine(model, **options), inputs, cache)
                first.runs.append(time.perf_counter() - start)
                log(f"  first run {i + 1}: {first.runs[-1]:.1f} s")
        with TranslationCache(path) as cache:
            expected = cache.get_many(key_parts(HFEngine(model, **options)), inputs)
        for _ in range(repeats):
            start = time.perf_counter()
            engine = HFEngine(model, **options)
            with TranslationCache(path) as cache:
                out = cached_translate(engine, inputs, cache)
            again.runs.append(time.perf_counter() - start)
            if engine.loaded or out != [expected.get(s, "") for s in inputs]:
                raise RuntimeError("the cached re-run loaded the model or changed the output")
        log(f"  cached re-runs: {', '.join(f'{t:.3f}' for t in again.runs)} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    speedup = first.median / again.median
    rows = [
        ["first run (empty cache: every input translated)", f"{first.median:.2f}", "1.00×", str(len(first.runs))],
        ["cached re-run (fresh engine, weights never loaded)", f"{again.median:.3f}", f"{speedup:.0f}×",
         str(len(again.runs))],
    ]  # fmt: skip
    lines = [
        "### Cache: first run against cached re-run (hf, greedy, batch 32)",
        "",
        markdown_table(["run", "median s", "speed-up", "runs"], rows),
        "",
        f"**Target: cached re-run ≥ {TARGET_SPEEDUP:g}× faster — measured {speedup:.0f}×"
        f" ({'met' if speedup >= TARGET_SPEEDUP else 'NOT met'}).**",
    ]
    return {"first_s": first.runs, "cached_s": again.runs, "speedup": speedup, "markdown": "\n".join(lines)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3, help="cached re-runs")
    ap.add_argument("--first-runs", type=int, default=1, help="first runs (each translates everything)")
    ap.add_argument("--threads", type=int)
    args = ap.parse_args(argv)
    print(run(args.repeats, args.first_runs, args.threads)["markdown"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
