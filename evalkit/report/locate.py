"""Where a finding is in its file: 1-based line and column, and the character offset, for CI reports."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

from evalkit.model import Document, Finding, Segment
from evalkit.textpos import LINE_BREAK, LineIndex

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
