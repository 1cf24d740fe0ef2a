"""Start-up time: `import evalkit.cli` and the `evalkit --help` console script, against bare Python.

    python -m benchmarks.bench_startup [--repeats 15]

Each command runs in a fresh process; the figure is the median wall time. The baseline,
measured in the same run, is `python -c pass`: the part of start-up evalkit cannot change.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import ROOT, Timing, markdown_table

TARGET_S = 0.3


def console_script() -> list[str]:
    """The installed `evalkit` script beside this Python, else `python -m evalkit`."""
    script = Path(sys.executable).parent / "evalkit"
    if script.is_file():
        return [str(script)]
    found = shutil.which("evalkit")
    return [found] if found else [sys.executable, "-m", "evalkit"]


def time_command(cmd: list[str], repeats: int) -> Timing:
    timing = Timing()
    env = dict(os.environ)
    for _ in range(repeats + 1):  # the first run warms the file cache and is dropped
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        timing.runs.append(time.perf_counter() - start)
    timing.runs = timing.runs[1:]
    return timing


def run(repeats: int = 15, log=print) -> dict[str, Any]:
    commands = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "python -c 'import evalkit'": [sys.executable, "-c", "import evalkit"],
        "python -c 'import evalkit.cli'": [sys.executable, "-c", "import evalkit.cli"],
        "evalkit --help": [*console_script(), "--help"],
    }
    timings = {}
    for label, cmd in commands.items():
        try:
            timings[label] = time_command(cmd, repeats)
        except (OSError, subprocess.CalledProcessError) as exc:
            log(f"  {label}: failed ({exc})")
            continue
        log(f"  {label}: {timings[label].median * 1000:.0f} ms")
    base = timings["python -c pass (baseline)"].median
    rows = []
    for label, t in timings.items():
        target = "" if label.startswith("python -c pass") or label.endswith("'import evalkit'") else (
            "met" if t.median < TARGET_S else "NOT met"
        )
        rows.append([f"`{label}`", f"{t.median * 1000:.0f}", f"{t.median / base:.2f}×", target, str(len(t.runs))])
    lines = [
        "### Start-up",
        "",
        "Median wall time of a fresh process; ratio against `python -c pass` in the same run."
        f" Target: < {TARGET_S:g} s.",
        "",
        markdown_table(["command", "median ms", "vs bare Python", f"< {TARGET_S:g} s", "runs"], rows, "lrrlr"),
    ]
    return {"ms": {k: v.median * 1000 for k, v in timings.items()}, "markdown": "\n".join(lines)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args(argv)
    print(run(args.repeats)["markdown"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
