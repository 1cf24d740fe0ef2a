"""Progress on stderr for runs longer than a second; nothing when stderr is not a terminal or --quiet."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from typing import IO, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")

# Runs shorter than this never show a bar, so quick CI checks keep a clean log.
DELAY_S = 1.0


class DelayedProgress:
    """A rich progress display that appears only once the run has lasted ``delay`` seconds.

    The pipeline calls ``track`` around its results, counting segments, ``advance`` after each
    segment it checks in this process, and ``update(done, total)`` while re-translating; all only
    record state until the display starts.
    """

    def __init__(self, stream: IO[str], delay: float = DELAY_S) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                    TimeRemainingColumn)

        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("eta"), TimeRemainingColumn(),
            console=Console(file=stream, stderr=True), transient=True,
        )
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._files = self._progress.add_task("files", total=None, visible=False)
        self._mt = self._progress.add_task("re-translating", total=None, visible=False)
        self._timer = threading.Timer(delay, self._start)
        self._timer.daemon = True
        self._timer.start()

    def _start(self) -> None:
        with self._lock:
            if not self._closed and not self._started:
                self._progress.start()
                self._started = True

    def track(self, items: Iterable[T], total: int | None = None, description: str = "checking",
              weight: Callable[[T], int] = lambda item: 1) -> Iterator[T]:
        """``items`` passed through, the bar at least at the sum of their ``weight`` once each is
        yielded: a window checked elsewhere moves it by its segments at once, one checked here
        has moved it segment by segment already (``advance``)."""
        self._progress.update(self._files, total=total, completed=0, description=description, visible=True)
        reached = 0
        for item in items:
            reached += weight(item)
            if self._progress.tasks[self._files].completed < reached:
                self._progress.update(self._files, completed=reached)
            yield item

    def advance(self, steps: int = 1) -> None:
        self._progress.advance(self._files, steps)

    def update(self, done: int, total: int) -> None:
        self._progress.update(self._mt, total=total, completed=done, visible=done < total)

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._started:
                self._progress.stop()


class NoProgress:
    """The progress hook when nothing is shown: passes iterables through."""

    def track(self, items: Iterable[T], total: int | None = None, description: str = "",
              weight: Callable[[T], int] = lambda item: 1) -> Iterator[T]:
        yield from items

    def advance(self, steps: int = 1) -> None:
        pass

    def update(self, done: int, total: int) -> None:
        pass

    def close(self) -> None:
        pass


@contextmanager
def progress_for(quiet: bool, stream: IO[str] | None = None, delay: float = DELAY_S):
    """The progress hook for a run: a delayed rich display on a terminal, else one that shows nothing."""
    stream = stream if stream is not None else sys.stderr
    show = not quiet and hasattr(stream, "isatty") and stream.isatty()
    progress = DelayedProgress(stream, delay) if show else NoProgress()
    try:
        yield progress
    finally:
        progress.close()
