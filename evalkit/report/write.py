"""Writing reports: refuse an unwritable path before any work, then write atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from evalkit.errors import OutputError


def check_writable(path: str) -> None:
    """Fail now, before a long run, if ``path`` cannot be written."""
    p = Path(path)
    if p.is_dir():
        raise OutputError(f"{p}: is a directory; give a file path for --output")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{p}: folder {parent} does not exist; create it first")
    if not os.access(parent, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise OutputError(f"{p}: permission denied; choose a writable --output path")


def write_atomic(path: str, text: str) -> None:
    """Write via a temporary file in the same folder and rename, so a reader never sees half a report."""
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent if str(p.parent) else ".")
    try:
        # backslashreplace: a file name that is not UTF-8 (a surrogate escape) must not fail the write
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
            fh.write(text)
        # mkstemp makes the file private (0600); a report gets the usual permissions for new files
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, p)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"{p}: cannot write report ({exc.strerror})") from exc
