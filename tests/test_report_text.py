"""The terminal report: colour on a terminal only, most severe first, the span marked, line:column
locations in every format, and a total after several files."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

from evalkit.config import Settings
from evalkit.report.base import get_reporter
from tests.helpers import ROOT
from tests.test_report_contract import clean_report, gate_report, hostile_report, run_main

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def render(reports, settings=None) -> str:
    return get_reporter("text").render(reports, settings or Settings(fail_on="minor"))


def test_piped_output_has_no_colour_and_marks_spans_with_carets():
    text = render(gate_report()[0])
    assert not ANSI.search(text)
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if "The price is 52 yuan." in line)
    # the caret line sits under '52', column for column
    assert lines[i + 1].index("^") == lines[i].index("52") and lines[i + 1].strip() == "^^"


def test_carets_align_under_wide_characters():
    from evalkit.model import Document, Finding, Report, Segment

    seg = Segment(id="1", source="你好", target="中文 text 中文 bad", line=1)
    doc = Document(name="w.jsonl", segments=[seg], kind="segments", path="w.jsonl", format="jsonl")
    start = seg.target.index("bad")
    report = Report(document=doc, findings=[Finding(start, start + 3, "bad", "fluency/grammar", "minor", "x",
                                                    "m", "1")],
                    scores={}, engine={"name": "file", "model": None}, signature={})
    lines = render([report]).splitlines()
    i = next(n for n, line in enumerate(lines) if "bad" in line and "中文" in line)
    # each CJK character takes two terminal cells: 4 of them before 'bad' push the carets 4 further
    assert lines[i + 1] == " " * (lines[i].index("bad") + 4) + "^^^"


def test_most_severe_first():
    text = render([hostile_report()])
    heads = [m.group(1) for m in re.finditer(r"^(CRITICAL|MAJOR|MINOR) ", text, re.M)]
    assert heads == ["CRITICAL", "MAJOR", "MINOR"]


def _tty_run(*args: str, env_extra: dict[str, str] | None = None) -> str:
    """Run the command line with its standard output on a pseudo-terminal; what it printed there."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    env.update({"TERM": "xterm-256color", "COLUMNS": "120", **(env_extra or {})})
    proc = subprocess.Popen([sys.executable, "-m", "evalkit", *args], stdout=slave, stderr=subprocess.PIPE,
                            cwd=ROOT / "tests" / "data" / "formats", env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    assert proc.returncode == 1, proc.stderr.read()
    return b"".join(chunks).decode("utf-8")


GATE = ("check", "gate.xlf", "--retranslation", "gate.retranslation.txt")


def test_colour_on_a_terminal_and_none_with_no_color():
    coloured = _tty_run(*GATE)
    assert ANSI.search(coloured) and "gate.xlf:11:30" in coloured
    assert "^^" not in coloured  # colour marks the span; no caret line
    plain = _tty_run(*GATE, env_extra={"NO_COLOR": "1"})
    assert not ANSI.search(plain) and "^^" in plain


def test_a_report_written_to_a_file_has_no_colour(tmp_path):
    out = tmp_path / "report.txt"
    _tty_run(*GATE, "--output", str(out))
    text = out.read_text(encoding="utf-8")
    assert not ANSI.search(text) and "gate.xlf:11:30" in text


def test_po_locations_are_line_and_column_of_the_character(tmp_path):
    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "价格是25元。"\nmsgstr ""\n"The \\"price\\" is "\n"52 yuan."\n')
    (tmp_path / "a.po").write_text(po, encoding="utf-8")
    proc = run_main("check", "a.po", "--engine", "lexicon", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    line = po.splitlines()[7]
    assert f"a.po:8:{line.index('52') + 1}" in proc.stdout


def test_a_folder_gets_a_total(tmp_path):
    for name, target in (("a.jsonl", "The price is 52 yuan."), ("b.jsonl", "The price is 25 yuan.")):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(
            f'{{"id": "1", "source": "价格是25元。", "target": "{target}"}}\n'
            f'{{"id": "2", "source": "你好。", "target": "Hello."}}\n', encoding="utf-8")
    proc = run_main("check", "in", "--engine", "lexicon", "--fail-on", "never", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.rstrip().splitlines()[-1]
    per_file = [int(m) for m in re.findall(r"^(\d+) findings:", proc.stdout, re.M)]
    assert len(per_file) == 2
    assert last.startswith(f"total: 2 files, 4 segments, {sum(per_file)} findings: ")


def test_one_file_has_no_total():
    assert "total:" not in render([clean_report()])
    assert "total: 2 files, 3 segments, 3 findings: 1 critical, 1 major, 1 minor" in render(
        [hostile_report(), clean_report()])
