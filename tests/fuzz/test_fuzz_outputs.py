"""Fuzzing what --output names and when a signal comes, with fixed budgets for CI.

Output paths (in process, hypothesis): a random layout of a temporary folder (inputs, symlinks to
them or to new files, hard links, directories, missing folders, read-only files, odd names) and a
random path into it. ``check_writable`` then ``write_report`` either refuse with one clear line,
or leave exactly the report at the file the path reaches; inputs never change, no temporary file
is left, a replaced file keeps its mode, a link stays a link.

Signals (real command line, a few examples): SIGTERM, SIGINT, SIGHUP or SIGKILL at a random moment
while the scoring workers are busy. The run ends at once, its workers die, a report already at
the --output path is left whole and no temporary file is left beside it.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalkit.errors import EvalkitError
from evalkit.report.write import check_writable, write_report

NAMES = st.sampled_from(["r.json", "a|b.md", "<img src=x>.html", "sp ace.txt", "报告.json", "-x", ".hidden",
                         "in.jsonl", "link", "dir", "hard", "ro.json", "dangling"])
KINDS = st.sampled_from(["input", "file", "ro-file", "dir", "link-input", "link-new", "link-file", "hard-input",
                         "hard-file", "none"])
REPORT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


def _make(tmp: Path, layout: list[tuple[str, str]]) -> list[Path]:
    """Build ``layout`` (name, kind) in ``tmp``; the inputs of the run."""
    inputs = [tmp / "source.jsonl"]
    inputs[0].write_text('{"id": "1", "source": "你好", "target": "Hello"}\n', encoding="utf-8")
    for name, kind in layout:
        p = tmp / name
        if p.exists() or p.is_symlink():
            continue
        if kind == "input":
            p.write_text("input text\n", encoding="utf-8")
            inputs.append(p)
        elif kind in ("file", "ro-file"):
            p.write_text("old report\n", encoding="utf-8")
            p.chmod(0o444 if kind == "ro-file" else 0o640)
        elif kind == "dir":
            p.mkdir()
        elif kind == "link-input":
            p.symlink_to(inputs[0])
        elif kind == "link-new":
            p.symlink_to(tmp / f"new-{name}")
        elif kind == "link-file":
            (tmp / f"t-{name}").write_text("old\n", encoding="utf-8")
            p.symlink_to(tmp / f"t-{name}")
        elif kind == "hard-input":
            os.link(inputs[0], p)
        elif kind == "hard-file":
            (tmp / f"h-{name}").write_text("old\n", encoding="utf-8")
            os.link(tmp / f"h-{name}", p)
    return inputs


def _snapshot(paths: list[Path]) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in paths}


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.lists(st.tuples(NAMES, KINDS), max_size=6), target=NAMES,
       folder=st.sampled_from(["", "missing/", "dir/"]), text=REPORT)
def test_an_output_path_is_written_exactly_or_refused_in_one_line(layout, target, folder, text):
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        inputs = _make(tmp, layout)
        path = tmp / folder / target
        before_inputs = _snapshot(inputs)
        was_link = path.is_symlink()
        old_mode = stat.S_IMODE(os.stat(path).st_mode) if path.is_file() else None
        listing = set(os.listdir(tmp))
        try:
            check_writable(str(path), inputs)
            write_report(str(path), text)
        except EvalkitError as exc:
            msg = str(exc)
            assert msg and "\n" not in msg and str(path) in msg, msg
        else:
            assert Path(os.path.realpath(path)).read_bytes() == text.encode("utf-8", "backslashreplace")
            assert path.is_symlink() == was_link
            if old_mode is not None and os.stat(path).st_nlink == 1:
                assert stat.S_IMODE(os.stat(path).st_mode) == old_mode
        assert _snapshot(inputs) == before_inputs
        left = set(os.listdir(tmp)) - listing
        assert not [n for n in left if n.endswith(".tmp")], left
        for p in tmp.rglob("*"):  # a temporary file left in a sub-folder counts too
            assert not p.name.endswith(".tmp"), p


SIGNALS = st.sampled_from([signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGKILL])


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(signum=SIGNALS, delay=st.floats(0.0, 2.0))
def test_a_signal_at_any_moment_ends_the_run_and_leaves_the_report_path_whole(signum, delay):
    from tests.test_signals import _alive, _gone, _start

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "report.json").write_text("the previous report\n", encoding="utf-8")
        proc, workers = _start(tmp, "--output", "report.json")
        try:
            time.sleep(delay)
            sent = time.monotonic()
            proc.send_signal(signum)
            out, err = proc.communicate(timeout=30)
            assert time.monotonic() - sent < 8, signum
            assert _gone(workers, 10), [p for p in workers if _alive(p)]
            if signum in (signal.SIGTERM, signal.SIGINT):
                assert proc.returncode == 130 and err.strip().splitlines() == ["evalkit: interrupted"], err
            else:  # not evalkit's to handle: the process ends by the signal, saying nothing
                assert proc.returncode == -signum and "Traceback" not in err, (proc.returncode, err)
            assert (tmp / "report.json").read_text(encoding="utf-8") == "the previous report\n"
            assert not [p.name for p in tmp.iterdir() if p.name.endswith(".tmp")]
        finally:
            for p in workers:
                if _alive(p):
                    os.kill(p, signal.SIGKILL)
