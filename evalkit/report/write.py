"""Writing reports: refuse an unwritable path before any work, then write without clobbering.

What ``--output`` names is treated the way a shell's ``>`` treats it, except that a regular file
is replaced atomically (a reader never sees half a report):

- ``-`` is standard output (the caller writes there; see ``is_stdout``);
- a symlink is followed: its target is written, the link stays a link;
- a device or FIFO (``/dev/null``, ``/dev/stderr``, a named pipe) is written through, never replaced;
- a regular file is replaced by a temporary file renamed over it, keeping its permission bits
  (and owner, where the process may set it); a file with several hard links is rewritten in
  place instead, so every link still shows the new report;
- a path that is one of the run's inputs is refused before any work.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from evalkit.errors import OutputError

STDOUT = "-"


def is_stdout(path: str | None) -> bool:
    """Whether the report goes to standard output (no ``--output``, or ``--output -``)."""
    return not path or path == STDOUT


def _resolved(path: str) -> Path:
    """The file a write to ``path`` reaches: symlinks (of the path and its folders) followed."""
    return Path(os.path.realpath(path))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def check_writable(path: str, inputs: Iterable[str | os.PathLike] = ()) -> None:
    """Fail now, before a long run, if ``path`` cannot be written or is one of ``inputs``."""
    if is_stdout(path):
        return
    real = _resolved(path)
    st = _stat(Path(path))
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path}: is a directory; give a file path for --output")
    for name in inputs:
        other = _stat(Path(name))
        if st is not None and other is not None and (st.st_dev, st.st_ino) == (other.st_dev, other.st_ino):
            named = "" if os.fspath(name) == path else f" ({os.fspath(name)})"
            raise OutputError(f"{path}: is an input of this run{named}; "
                              "give --output a path of its own")
    if st is not None and not stat.S_ISREG(st.st_mode):  # a device or FIFO: written through
        if not os.access(path, os.W_OK):
            raise OutputError(f"{path}: permission denied; choose a writable --output path")
        return
    parent = real.parent
    if not parent.is_dir():
        shown = parent if os.path.islink(path) else Path(path).parent
        raise OutputError(f"{path}: folder {shown} does not exist; create it first")
    if not os.access(parent, os.W_OK) or (st is not None and not os.access(real, os.W_OK)):
        raise OutputError(f"{path}: permission denied; choose a writable --output path")


def _write_fd(fd: int, text: str | Iterable[str]) -> None:
    # backslashreplace: a file name that is not UTF-8 (a surrogate escape) must not fail the write
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
        if isinstance(text, str):
            fh.write(text)
        else:  # a report made piece by piece is written so, never held whole in memory
            for chunk in text:
                fh.write(chunk)


def write_atomic(path: str, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces, in order) to what ``path`` names without replacing anything but a regular file's content."""
    st = _stat(Path(path))
    try:
        if st is not None and (not stat.S_ISREG(st.st_mode) or st.st_nlink > 1):
            # a device or FIFO is written through (opened by its own name: /dev/stderr is a link the
            # kernel resolves, to a pipe that has no path); a hard-linked file is rewritten in place
            flags = os.O_WRONLY | (os.O_TRUNC if stat.S_ISREG(st.st_mode) else 0)
            _write_fd(os.open(path, flags), text)
            return
    except OSError as exc:
        raise OutputError(f"{path}: cannot write report ({exc.strerror})") from exc
    real = _resolved(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        _write_fd(fd, text)
        if st is not None:  # the replaced report's permissions, and its owner where we may set it
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except OSError:
                pass
        else:  # mkstemp makes the file private (0600); a new report gets the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, real)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"{path}: cannot write report ({exc.strerror})") from exc


def write_stdout(text: str | Iterable[str]) -> None:
    """Write a report (or its pieces, in order) to standard output, as UTF-8 bytes where its
    encoding (LANG=C) cannot hold it."""
    raw = False
    try:
        for piece in [text] if isinstance(text, str) else text:
            if not raw:
                try:
                    sys.stdout.write(piece)  # encodes the whole piece before writing any of it
                    continue
                except UnicodeEncodeError:
                    sys.stdout.flush()
                    raw = True
            sys.stdout.buffer.write(piece.encode("utf-8", "backslashreplace"))
        sys.stdout.flush()  # a full disk shows here, not at exit
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the report to standard output ({exc.strerror or exc})") from exc


def write_report(path: str | None, text: str | Iterable[str]) -> None:
    """The report (or its pieces, in order) to standard output (no path, or ``-``) or to the file
    ``path`` names."""
    if is_stdout(path):
        write_stdout(text)
    else:
        write_atomic(path, text)
