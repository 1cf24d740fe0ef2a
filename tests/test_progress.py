"""Progress on stderr: only on a terminal, only when not --quiet, only after a second."""

from __future__ import annotations

import io
import re
import time

from evalkit.progress import DelayedProgress, NoProgress, progress_for


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_nothing_when_not_a_terminal_or_quiet():
    with progress_for(False, io.StringIO()) as p:
        assert isinstance(p, NoProgress)
    with progress_for(True, _Tty()) as p:
        assert isinstance(p, NoProgress)


def test_short_runs_show_nothing_on_a_terminal():
    stream = _Tty()
    with progress_for(False, stream, delay=5.0) as p:
        assert isinstance(p, DelayedProgress)
        assert list(p.track([1, 2], 2)) == [1, 2]
        p.update(1, 2)
    assert stream.getvalue() == ""


def test_long_runs_show_progress_on_a_terminal():
    stream = _Tty()
    with progress_for(False, stream, delay=0.0) as p:
        time.sleep(0.3)
        for _ in p.track(range(3), 3, "checking files"):
            p.update(1, 4)
            time.sleep(0.15)
    assert "checking files" in stream.getvalue() or "re-translating" in stream.getvalue()


def test_long_runs_show_the_time_left():
    stream = _Tty()
    with progress_for(False, stream, delay=0.0) as p:
        time.sleep(0.2)
        for _ in p.track(range(4), 4, "checking"):
            time.sleep(0.3)
    # once some of the work is done rich can estimate the rest: "eta 0:00:01"
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stream.getvalue())
    assert re.search(r"eta \d+:\d\d:\d\d", plain)
