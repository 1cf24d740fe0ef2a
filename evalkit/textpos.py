"""Line and column positions of offsets in a file's text, and the runs that map a segment's target
back to its file; the format readers record them, the reporters read them (evalkit.report.locate)."""

from __future__ import annotations

import bisect
import re
from typing import Sequence

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Maps character offsets of one text to 1-based (line, column); columns count code points."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


# A run says: target[t_off] sits at file offset ``raw`` (line, col), and the target characters that
# follow, up to the next run, are copied verbatim from the file. Readers of escaped formats (XML
# entities, PO escapes, CSV quotes) start a new run wherever the file and the text part ways.
Run = tuple[int, int, int, int]  # (target offset, file offset, line, column)


def runs_from_offsets(index: LineIndex, offsets: Sequence[int]) -> list[list[int]]:
    """Compress the file offset of each target character into runs (lists, so they survive JSON)."""
    runs: list[list[int]] = []
    prev = None
    for t_off, raw in enumerate(offsets):
        if prev is None or raw != prev + 1 or index.text[prev] in "\r\n":
            line, col = index.position(raw)
            runs.append([t_off, raw, line, col])
        prev = raw
    return runs


def segment_runs(index: LineIndex, target: str, offsets: Sequence[int], end_raw: int,
                 offset: int = 0, lines: int = 0) -> list[list[int]]:
    """Runs for a target text, plus a final run at its end so zero-width and end positions are exact.
    ``index`` may be of an excerpt of the file that starts at a line start, ``offset`` characters and
    ``lines`` line breaks into it: the runs are the file's."""
    runs = runs_from_offsets(index, offsets)
    line, col = index.position(end_raw)
    runs.append([len(target), end_raw, line, col])
    return move_runs(runs, offset, lines)


def move_runs(runs: list[list[int]], offset: int, lines: int) -> list[list[int]]:
    """Runs of an excerpt that starts at a line start ``offset`` characters and ``lines`` line breaks
    into the file, made the file's (in place; columns stay)."""
    for run in runs:
        run[1] += offset
        run[2] += lines
    return runs
