"""Parsed static data kept in the cache folder, so that a process reads it instead of parsing it again.

CC-CEDICT takes about a second to parse and derive on every run; the same tables read back with
``marshal`` take a fraction of that. A snapshot is named for what it was made from (the source
files' sizes and modification times, and a format version), so a new dictionary or a new evalkit
layout makes a new one. It is only an optimisation: a snapshot that is missing, damaged or cannot
be written is silently rebuilt or skipped, never an error. The cache folder's environment switches
(``EVALKIT_CACHE_DIR=off``, ``EVALKIT_NO_CACHE``) turn snapshots off too.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def snapshot_path(name: str, version: int, sources: Iterable[Path]) -> Path | None:
    """Where the snapshot ``name`` of ``sources`` lives, or None when the cache folder is turned off."""
    from evalkit.cache import cache_dir, cache_disabled_by_env

    if cache_disabled_by_env():
        return None
    h = hashlib.sha256(f"{name}\0{version}".encode())
    try:
        for src in sorted(sources):
            st = src.stat()
            h.update(f"\0{src.name}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    except OSError:
        return None
    return cache_dir() / f"{name}-{h.hexdigest()[:16]}.marshal"


def read_snapshot(path: Path | None) -> Any | None:
    """The object stored at ``path``; None when there is none or it cannot be read back whole."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # Reading builds millions of containers at once; none is garbage, so the collector has nothing
    # to find and would only walk them again and again (twice as slow with it on).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None
    finally:
        if enabled:
            gc.enable()


def write_snapshot(path: Path | None, obj: Any) -> bool:
    """Store ``obj`` (built of dicts, lists, tuples, sets, strings and numbers) at ``path``, atomically.

    Another process reading at the same time sees the old file or the new one, never half of one.
    Returns whether it was written.
    """
    if path is None:
        return False
    tmp = None
    try:
        data = marshal.dumps(obj)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except (OSError, ValueError):
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


# A snapshot of another CC-CEDICT or evalkit is removed once it is this old: an upgrade leaves no
# 16 MB files behind for long, and two installed versions that share a cache folder do not keep
# deleting each other's (each rewrites its own at most once a month).
STALE_AFTER_S = 30 * 24 * 3600


def remove_stale(keep: Path, pattern: str, max_age_s: float = STALE_AFTER_S) -> None:
    """Delete the files matching ``pattern`` next to ``keep``, other than it, older than ``max_age_s``."""
    cutoff = time.time() - max_age_s
    for other in keep.parent.glob(pattern):
        try:
            if other != keep and other.stat().st_mtime < cutoff:
                other.unlink()
        except OSError:
            pass
