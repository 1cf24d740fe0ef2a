"""evalkit runs sharing one machine: each live run holds a file named by its pid in a shared
folder, and a model takes its share of the CPUs this process may use.

Four model runs at once used to start four times as many threads as there were CPUs each (18x
the time of running them one after another). Now a run registers while it runs; an engine that
loads counts the live runs (a file whose process is gone, e.g. after ``kill -9``, is removed and
not counted) and takes ``cpus // runs`` threads, at least one. A run takes its share when its
model loads; runs that start later share what is left. ``EVALKIT_RUNS_DIR`` names the folder
(default: ``evalkit-runs-<uid>`` in the temporary folder); ``off`` turns the sharing off.
"""

from __future__ import annotations

import math
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

RUNS_DIR_ENV = "EVALKIT_RUNS_DIR"


def cpu_threads() -> int:
    """CPUs this process may use (affinity and cgroup limits count, not the machine's total)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    try:  # a container's CPU quota, e.g. "200000 100000" for 2 CPUs
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            n = min(n, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, n)


def runs_dir() -> Path | None:
    """The folder of live runs' files, or None when sharing is off."""
    value = os.environ.get(RUNS_DIR_ENV, "").strip()
    if value.lower() == "off":
        return None
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(value) if value else Path(tempfile.gettempdir()) / f"evalkit-runs-{uid}"


def _started(pid: int) -> str:
    """An identity of process ``pid`` that a reused pid does not share (its start time), or ''."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return not started or _started(pid) == started


def live_runs(folder: Path | None = None) -> int:
    """How many evalkit runs are registered and alive (files of dead runs are removed)."""
    folder = folder or runs_dir()
    if folder is None:
        return 1
    n = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 1
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            started = entry.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if _alive(int(entry.name), started):
            n += 1
        else:
            try:
                entry.unlink()
            except OSError:
                pass
    return max(1, n)


def cpu_share() -> int:
    """The threads one run's model may use: this process's CPUs divided among the live runs."""
    return max(1, cpu_threads() // live_runs())


@contextmanager
def registered_run() -> Iterator[None]:
    """This process counted as a live run while the block runs; never an error (sharing is a hint)."""
    folder = runs_dir()
    entry = None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            entry = folder / str(os.getpid())
            entry.write_text(_started(os.getpid()), encoding="ascii")
        except OSError:
            entry = None
    try:
        yield
    finally:
        if entry is not None:
            try:
                entry.unlink()
            except OSError:
                pass
