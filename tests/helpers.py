"""Helpers shared by the tests: running the real command line in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SI_COUNTY = ROOT / "corpora" / "si-county"
CLEAN_NEWS = ROOT / "corpora" / "clean-news"


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300):
    """Run ``python -m evalkit ARGS`` and return the CompletedProcess (text mode)."""
    full_env = dict(os.environ)
    if cwd is not None:  # a test in a folder of its own gets a cache of its own
        full_env["EVALKIT_CACHE_DIR"] = str(cwd / ".evalkit-test-cache")
    full_env.pop("EVALKIT_DEBUG", None)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "evalkit", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
