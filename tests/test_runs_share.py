"""Several evalkit runs on one machine share its CPUs: real processes register while they run, a
killed one stops counting, and a model loaded beside them takes its share of the threads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from evalkit.runs import cpu_threads, live_runs
from tests.helpers import ROOT

HOLD = ("import sys\nfrom evalkit.runs import registered_run\n"
        "with registered_run():\n    print('ready', flush=True)\n    sys.stdin.read()\n")


def _env(folder: Path) -> dict[str, str]:
    return {**os.environ, "EVALKIT_RUNS_DIR": str(folder),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def _holders(folder: Path, n: int) -> list[subprocess.Popen]:
    procs = [subprocess.Popen([sys.executable, "-c", HOLD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env=_env(folder), text=True) for _ in range(n)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    return procs


def _release(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.stdin.close()
        p.wait(timeout=30)


def test_live_runs_are_counted_and_a_killed_one_is_not(tmp_path):
    procs = _holders(tmp_path, 3)
    try:
        assert live_runs(tmp_path) == 3
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(str(p.pid) for p in procs)
        procs[0].send_signal(signal.SIGKILL)  # no chance to unregister
        procs[0].wait(timeout=30)
        assert live_runs(tmp_path) == 2
        assert str(procs[0].pid) not in {p.name for p in tmp_path.iterdir()}  # its stale file is gone
    finally:
        _release(procs)
    assert list(tmp_path.iterdir()) == []  # the others unregistered as they ended
    assert live_runs(tmp_path) == 1  # nobody else: the whole machine


def test_a_reused_pid_is_not_a_live_run(tmp_path):
    (tmp_path / str(os.getpid())).write_text("1", encoding="ascii")  # this pid, another start time
    assert live_runs(tmp_path) == 1 and not (tmp_path / str(os.getpid())).exists()


AFFINITY = ("import os, sys\nos.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n"
            "from evalkit.runs import cpu_threads\nprint(cpu_threads())\n")


def test_the_cpus_counted_are_those_this_process_may_use_not_the_machines(tmp_path):
    out = subprocess.run([sys.executable, "-c", AFFINITY], env=_env(tmp_path), capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == 1  # the machine's CPUs (two where evalkit's CI runs) do not count


def test_a_container_cpu_quota_caps_the_cpus_counted(monkeypatch):
    real = Path.read_text

    def read_text(self, *args, **kwargs):
        if str(self) == "/sys/fs/cgroup/cpu.max":
            return "150000 100000\n"  # one and a half CPUs: two threads
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", read_text)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert cpu_threads() == 2
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: "max 100000\n")
    assert cpu_threads() == 16


LOAD = """
import json, os, sys
from evalkit.engines.hf import HFEngine
from evalkit.runs import cpu_threads, registered_run
import torch
with registered_run():
    HFEngine(sys.argv[1], max_new_tokens=4).translate(["泗县"])
    print(json.dumps({"threads": torch.get_num_threads(), "cpus": cpu_threads()}))
"""


def _model_threads(folder: Path, model: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", LOAD, str(model)], env=_env(folder), capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_model_takes_its_share_of_the_cpus_beside_other_runs(tmp_path, tiny_marian):
    alone = _model_threads(tmp_path, tiny_marian)
    assert alone["threads"] == alone["cpus"] == cpu_threads()
    procs = _holders(tmp_path, 1)
    try:
        shared = _model_threads(tmp_path, tiny_marian)
    finally:
        _release(procs)
    assert shared["threads"] == max(1, shared["cpus"] // 2)  # fewer than alone wherever there are 2 CPUs
