"""How reports name a file: relative to the working folder where it lies inside it, else absolute;
as a plain path for people and annotations, or as a URI reference for SARIF."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote


def _relative(path: str) -> str | None:
    """``path`` relative to the working folder with forward slashes, or None when it lies outside."""
    p = Path(path)
    try:
        rel = Path(os.path.relpath(p.resolve(), Path.cwd().resolve()))
    except ValueError:  # another drive on Windows
        return None
    if rel.parts and rel.parts[0] == "..":
        return None
    return rel.as_posix()


def artifact_uri(path: str | None) -> str:
    """A file's URI as CI tools want it (RFC 3986): a relative reference with forward slashes when
    the file is inside the working folder, else an absolute ``file://`` URI. Every character that a
    URI cannot hold as it is (space, ``%``, ``:``, ``,``, non-ASCII as UTF-8 bytes, a name's
    undecodable bytes) is percent-encoded, so ``a:b.jsonl`` cannot be read as a scheme."""
    if not path:
        return "unknown"
    rel = _relative(path)
    if rel is None:
        return Path(path).resolve().as_uri()
    return quote(os.fsencode(rel), safe="/")


def display_path(path: str | None) -> str:
    """A file's path for annotations and summaries: relative where possible, never a URI."""
    if not path:
        return "unknown"
    rel = _relative(path)
    return str(Path(path).resolve()) if rel is None else rel
