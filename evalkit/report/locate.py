"""Where a finding is in its file: 1-based line and column, and the character offset, for CI reports."""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from evalkit.model import Document, Finding, Segment
from evalkit.textpos import LINE_BREAK, LineIndex, Run, runs_from_offsets, segment_runs  # noqa: F401 (re-exported)

@dataclass(frozen=True)
class Region:
    """A span of a file: 1-based lines and columns (end column exclusive), and character offsets."""

    start_line: int
    start_col: int
    end_line: int
    end_col: int
    char_offset: int | None = None
    char_length: int | None = None


def _in_run(seg: Segment, run: Sequence[int], offset: int) -> tuple[int, int, int]:
    t_off, raw, line, col = run
    gap = seg.target[t_off:offset]
    breaks = list(LINE_BREAK.finditer(gap))
    if breaks:
        return line + len(breaks), len(gap) - breaks[-1].end() + 1, raw + len(gap)
    return line, col + len(gap), raw + len(gap)


def segment_position(seg: Segment, offset: int) -> tuple[int, int, int | None]:
    """(line, column, file offset or None) of ``seg.target[offset]`` in the segment's file."""
    runs = seg.meta.get("runs")
    if runs:
        keys = [r[0] for r in runs]
        i = max(0, bisect.bisect_right(keys, offset) - 1)
        return _in_run(seg, runs[i], offset)
    # No map from the reader (JSONL and the like): the line is known, columns are not.
    return seg.line or 1, 1, None


class Locator:
    """Regions for the findings of one report; build once per report, ask per finding."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._index = LineIndex(document.target_text) if document.kind == "document" else None
        self._segments = {s.id: s for s in document.segments}

    def region(self, finding: Finding) -> Region:
        if self._index is not None:
            line, col = self._index.position(finding.start)
            end_line, end_col = self._index.position(finding.end)
            return Region(line, col, end_line, end_col, finding.start, finding.end - finding.start)
        seg = self._segments.get(finding.segment)
        if seg is None:
            return Region(1, 1, 1, 1)
        line, col, raw = segment_position(seg, finding.start)
        end_line, end_col, raw_end = segment_position(seg, finding.end)
        if raw is None or raw_end is None:
            return Region(line, 1, line, 1)
        return Region(line, col, end_line, end_col, raw, raw_end - raw)

    def segment_line(self, segment_id: str) -> int:
        seg = self._segments.get(segment_id)
        if seg is None:
            return 1
        if self._index is not None:
            return self._index.position(seg.target_start)[0]
        return segment_position(seg, 0)[0]


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
