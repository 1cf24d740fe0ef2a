"""Memory of a large input: a run over five times the segments needs little more memory (real processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.inputs import write_jsonl

ROOT = Path(__file__).resolve().parent.parent

def _memory_mb(path: Path, out: Path) -> tuple[float, float]:
    """Peak resident memory, and resident memory once the report is written and the gate decided
    (MB), of one `evalkit check` process over ``path`` (with one job: no worker processes). The
    peak is the process's own (VmHWM): getrusage's ru_maxrss keeps, across exec, the RSS of the
    process that forked it, here the test runner's."""
    script = ("import runpy, sys; sys.argv = ['evalkit'] + sys.argv[1:]\n"
              "try:\n    runpy.run_module('evalkit', run_name='__main__')\n"
              "except SystemExit as e:\n    code = e.code\n"
              "status = {l.split(':')[0]: l.split()[1] for l in open('/proc/self/status') if l.startswith('Vm')}\n"
              "print(status['VmHWM'], status['VmRSS'], file=sys.stderr)\nsys.exit(code)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", script, "check", str(path), "--engine", "lexicon", "--format", "json",
                           "--output", str(out), "--quiet", "--jobs", "1", "--no-cache"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr
    peak, now = proc.stderr.strip().splitlines()[-1].split()
    return int(peak) / 1024, int(now) / 1024


def test_five_times_the_segments_need_little_more_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(tmp_path / "cache"))
    small = write_jsonl(tmp_path / "small.jsonl", "short", 1000)
    large = write_jsonl(tmp_path / "large.jsonl", "short", 5000)
    _memory_mb(small, tmp_path / "warm.json")  # the dictionary snapshot is made once, outside the figures
    (peak_a, end_a), (peak_b, end_b) = _memory_mb(small, tmp_path / "small.json"), _memory_mb(large, tmp_path / "large.json")
    report = json.loads((tmp_path / "large.json").read_text(encoding="utf-8"))
    assert len(report["segments"]) == 5000 and report["findings"]
    # Before streaming, a run over 100,000 short segments grew by about 5.9 kB a segment (the whole
    # input and report held); what is held of a streamed input's segment is its penalty, and the
    # process-wide memos (each bounded) grow a little while they fill.
    assert peak_b < 1024
    for name, a, b in (("peak", peak_a, peak_b), ("after the report", end_a, end_b)):
        per_segment_kb = (b - a) * 1024 / 4000
        assert per_segment_kb < 2.0, f"{name}: {a:.0f} MB at 1,000 segments, {b:.0f} MB at 5,000"
