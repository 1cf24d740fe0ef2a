"""Progress on stderr: only on a terminal, only when not --quiet, only after a second."""

from __future__ import annotations

import io
import json
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


def _plain(stream) -> str:
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stream.getvalue())


def test_re_translation_shows_the_time_left():
    stream = _Tty()
    with progress_for(False, stream, delay=0.0) as p:
        time.sleep(0.2)
        for done in range(5):
            p.update(done, 5)
            time.sleep(0.3)
    assert re.search(r"re-translating .* \d+/5 .*eta \d+:\d\d:\d\d", _plain(stream))


def test_the_checking_bar_counts_segments_whether_checked_here_or_elsewhere():
    with progress_for(False, _Tty(), delay=0.0) as p:
        bar = p._progress.tasks[p._files]
        # windows of 3 and 4 segments checked by workers: each moves the bar at once by its size
        assert [bar.completed for _ in p.track(iter([3, 4]), 7, "checking segments", weight=lambda n: n)] == [3, 7]

        def checked_here():
            for _ in range(3):
                p.advance()
                moved.append(bar.completed)
            yield 3

        # a window checked in this process has moved it segment by segment before its result comes
        moved: list = []
        assert list(p.track(checked_here(), 3, "checking segments", weight=lambda n: n)) == [3]
        assert moved == [1, 2, 3] and bar.completed == 3


class _Recorder:
    """A progress hook that writes down what it is told."""

    def __init__(self):
        self.calls: list = []

    def track(self, items, total=None, description="", weight=lambda item: 1):
        self.calls.append(("track", total, description))
        for item in items:
            self.calls.append(("result", weight(item)))
            yield item

    def advance(self, steps=1):
        self.calls.append(("advance", steps))

    def update(self, done, total):
        pass


def test_one_file_moves_the_checking_bar_per_segment(tmp_path):
    from evalkit.config import Settings
    from evalkit.pipeline import check_inputs

    path = tmp_path / "ui.jsonl"
    rows = [{"id": str(i), "source": f"Open file {i}", "target": f"Datei {i} öffnen"} for i in range(4)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    progress = _Recorder()
    check_inputs([str(path)], Settings(engine="auto", cache=False, src_lang="en", tgt_lang="de"),
                 warn=lambda m: None, progress=progress)
    assert progress.calls == [("track", 4, "checking segments"), *[("advance", 1)] * 4, ("result", 4)]
