"""Signals and worker lifetime: killing a run kills its scoring workers, SIGTERM ends it like Ctrl-C.

The real command line runs in a subprocess on enough text for scoring to go to worker processes.
A fault is injected through evalkit's own seam (``install_slow_scoring``): each chunk of scoring
sleeps first, so that the workers are surely busy, with work queued, when the signal comes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_robustness_inputs import _env

HERE = "tests.test_signals"
CHUNK_SLEEP_S = 5.0  # 12 chunks on 2 workers: 30 s of queued work


def install_slow_scoring() -> None:
    """Scoring in two workers, each chunk of them 5 s slow."""
    import evalkit.scoring as scoring

    real = scoring._statistics

    def slow_statistics(name, hyps, refs):
        time.sleep(CHUNK_SLEEP_S)
        return real(name, hyps, refs)

    scoring._statistics = slow_statistics
    scoring._cpus = lambda: 2


def _children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid``."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(tmp: Path, *extra: str) -> tuple[subprocess.Popen, list[int]]:
    rows = [{"id": str(i), "source": "村里的干部很高兴。", "retranslation": "The village cadres are very happy.",
             "target": f"The cadres of village {i} are all very happy with the new roads and the school."}
            for i in range(150)]
    (tmp / "segs.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    code = (f"import importlib, sys; importlib.import_module({HERE!r}).install_slow_scoring(); "
            "from evalkit.cli import main; sys.exit(main(sys.argv[1:]))")
    proc = subprocess.Popen([sys.executable, "-c", code, "check", "segs.jsonl", "--format", "json", "--fail-on", "never",
                             *extra],
                            cwd=tmp, env=_env(tmp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the scoring workers never started"
    time.sleep(1.0)  # the workers are now asleep in their first chunk
    return proc, workers


def _gone(pids: list[int], within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


def test_workers_die_when_the_run_is_killed(tmp_path):
    proc, workers = _start(tmp_path)
    try:
        proc.kill()  # SIGKILL: no handler of the run's own gets to run
        # the workers held the pipes: reading them to the end returns only once the workers are gone
        proc.communicate(timeout=20)
        assert _gone(workers, 10), [p for p in workers if _alive(p)]
    finally:
        for p in workers:
            if _alive(p):
                os.kill(p, signal.SIGKILL)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_ends_the_run_at_once_with_one_line_and_exit_130(tmp_path, signum):
    proc, workers = _start(tmp_path)
    try:
        sent = time.monotonic()
        if signum == signal.SIGINT:  # Ctrl-C at a terminal signals the whole process group
            for pid in [proc.pid, *workers]:
                os.kill(pid, signum)
        else:
            proc.send_signal(signum)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - sent
        assert proc.returncode == 130, err
        assert err.strip().splitlines() == ["evalkit: interrupted"], err
        assert out == ""
        assert took < CHUNK_SLEEP_S + 3, took  # queued chunks were dropped, not waited for
        assert _gone(workers, 10)
    finally:
        for p in workers:
            if _alive(p):
                os.kill(p, signal.SIGKILL)


def test_an_in_process_run_puts_the_callers_sigterm_handler_back(tmp_path):
    import signal

    from evalkit.cli import main

    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        main(["checks"])
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)
