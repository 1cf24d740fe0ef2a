"""What --output names is never clobbered: devices, FIFOs, symlinks, hard links, modes, the inputs.

The writer is exercised on real file-system objects that any user may make: a FIFO in a temporary
folder, a pseudo terminal (a character device, as /dev/null is; the machine's own /dev/null is never
written), symlinks and hard links. The command line is run once for a FIFO and for each way an
output path can be one of the run's inputs.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from evalkit.errors import OutputError
from evalkit.report.write import check_writable, write_atomic, write_report
from tests.test_robustness_inputs import EN, ZH, assert_clean_error, run_evalkit, snapshot

TEXT = '{"report": "new"}\n'


def _reader(path: Path, out: list[bytes]) -> threading.Thread:
    """A thread that opens ``path`` for reading and keeps what it reads in ``out``."""
    def read() -> None:
        with open(path, "rb") as fh:
            out.append(fh.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def _mkfifo(path: Path) -> Path:
    """A FIFO at ``path`` (any user may make one in a temporary folder on Linux)."""
    os.mkfifo(path)
    return path


def test_a_fifo_is_written_through_not_replaced(tmp_path):
    fifo = _mkfifo(tmp_path / "pipe")
    got: list[bytes] = []
    reader = _reader(fifo, got)
    write_atomic(str(fifo), TEXT)
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got == [TEXT.encode()]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_a_character_device_is_written_through_not_replaced_and_takes_a_whole_report(tmp_path):
    """A terminal's device node, which any user may open (as /dev/null or /dev/stdout would be): the
    report goes through it, all 60,000 characters, and the node stays a device with no temporary
    file left beside it."""
    master, slave = os.openpty()
    received = bytearray()

    def drain():  # a pty's buffer is a few kB: the report arrives only while someone reads it
        while b"END" not in received:
            received.extend(os.read(master, 65536))

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        device = os.ttyname(slave)
        check_writable(device)
        write_atomic(device, "x" * 60_000 + "END")
        reader.join(timeout=30)
        assert stat.S_ISCHR(os.stat(device).st_mode)
        assert received.count(b"x") == 60_000 and received.endswith(b"END")
        assert not list(Path(device).parent.glob(f".{Path(device).name}.*.tmp"))
    finally:
        os.close(master)
        os.close(slave)


def test_a_symlink_is_followed_to_its_target_and_stays_a_link(tmp_path):
    target = tmp_path / "reports" / "real.json"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    check_writable(str(link))
    write_atomic(str(link), TEXT)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == TEXT


def test_a_dangling_symlink_makes_its_target(tmp_path):
    link = tmp_path / "latest.json"
    link.symlink_to(tmp_path / "new.json")
    check_writable(str(link))
    write_atomic(str(link), TEXT)
    assert link.is_symlink() and (tmp_path / "new.json").read_text(encoding="utf-8") == TEXT


def test_the_mode_of_a_replaced_report_is_kept(tmp_path):
    report = tmp_path / "r.json"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o640)
    old_umask = os.umask(0o022)  # new files would be 0644
    try:
        write_atomic(str(report), TEXT)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(report).st_mode) == 0o640
    assert report.read_text(encoding="utf-8") == TEXT


def test_a_new_report_gets_the_usual_mode(tmp_path):
    old_umask = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "r.json"), TEXT)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(tmp_path / "r.json").st_mode) == 0o644


def test_hard_links_of_a_report_all_show_the_new_report(tmp_path):
    report = tmp_path / "r.json"
    report.write_text("old\n", encoding="utf-8")
    other = tmp_path / "published.json"
    os.link(report, other)
    write_atomic(str(report), TEXT)
    assert os.stat(report).st_ino == os.stat(other).st_ino
    assert other.read_text(encoding="utf-8") == TEXT


def test_dash_is_standard_output(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    check_writable("-")
    write_report("-", TEXT)
    assert capsys.readouterr().out == TEXT
    assert not (tmp_path / "-").exists()


def test_an_input_is_refused_by_its_own_name_or_a_link_to_it(tmp_path):
    source = tmp_path / "s.zh.txt"
    source.write_text(ZH, encoding="utf-8")
    (tmp_path / "alias.json").symlink_to(source)
    os.link(source, tmp_path / "hard.json")
    for path in (source, tmp_path / "alias.json", tmp_path / "hard.json"):
        with pytest.raises(OutputError, match="is an input of this run"):
            check_writable(str(path), [source])
    check_writable(str(tmp_path / "other.json"), [source])


def _corpus(tmp: Path) -> list[str]:
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "source.zh.txt").write_text(ZH, encoding="utf-8")
    (corpus / "target.en.txt").write_text(EN, encoding="utf-8")
    return ["corpus", "--output", "corpus/target.en.txt"]


def _pair(tmp: Path, *output: str) -> list[str]:
    (tmp / "s.zh.txt").write_text(ZH, encoding="utf-8")
    (tmp / "t.en.txt").write_text(EN, encoding="utf-8")
    return ["s.zh.txt", "t.en.txt", *output]


def _linked(tmp: Path) -> list[str]:
    args = _pair(tmp, "--output", "report.json")
    (tmp / "report.json").symlink_to(tmp / "s.zh.txt")
    return args


def _glossary(tmp: Path) -> list[str]:
    (tmp / "terms.csv").write_text("source,target\n泗县,Si County\n", encoding="utf-8")
    return _pair(tmp, "--glossary", "terms.csv", "--output", "terms.csv")


def _bilingual(tmp: Path) -> list[str]:
    (tmp / "in.csv").write_text("id,source,target\n1,泗县是安徽省的一个县。,Si County is a county in Anhui.\n",
                                encoding="utf-8")
    return ["in.csv", "--output", "in.csv"]


def _found_suppressions(tmp: Path) -> list[str]:
    (tmp / ".evalkit-ignore.toml").write_text('[[suppress]]\ncheck = "untranslated"\n', encoding="utf-8")
    return _pair(tmp, "--output", ".evalkit-ignore.toml")  # read by itself, named nowhere


OUTPUT_IS_INPUT = {
    "the-target": (lambda t: _pair(t, "--output", "t.en.txt"), "t.en.txt"),
    "the-bilingual-file": (_bilingual, "in.csv"),
    "a-symlink-to-the-source": (_linked, "report.json"),
    "a-corpus-file": (_corpus, "corpus/target.en.txt"),
    "the-glossary": (_glossary, "terms.csv"),
    "the-suppressions-found-in-the-working-folder": (_found_suppressions, ".evalkit-ignore.toml"),
}


@pytest.mark.parametrize("case", list(OUTPUT_IS_INPUT))
def test_an_output_that_is_an_input_is_refused_and_nothing_changes(case, tmp_path):
    build, shown = OUTPUT_IS_INPUT[case]
    args = build(tmp_path)
    before = snapshot(tmp_path)
    proc = run_evalkit("check", *args, "--engine", "lexicon", "--format", "json", cwd=tmp_path, timeout=60)
    assert_clean_error(proc, shown, "is an input of this run")
    assert snapshot(tmp_path) == before


def test_the_command_line_writes_a_report_through_a_fifo(tmp_path):
    args = _pair(tmp_path)
    fifo = _mkfifo(tmp_path / "report.pipe")
    got: list[bytes] = []
    reader = _reader(fifo, got)
    proc = run_evalkit("check", *args, "--engine", "lexicon", "--format", "json", "--fail-on", "never",
                       "--output", str(fifo), cwd=tmp_path, timeout=120)
    reader.join(10)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["version"] == 1


def test_dev_stderr_when_stderr_is_a_pipe(tmp_path):
    # /dev/stderr is a link to /proc/self/fd/2, which names a pipe no path leads to: following it
    # by hand ("pipe:[1234]") fails; the kernel opens it
    args = _pair(tmp_path)
    proc = run_evalkit("check", *args, "--engine", "lexicon", "--format", "json", "--fail-on", "never",
                       "--output", "/dev/stderr", cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert json.loads(proc.stderr[proc.stderr.index("{"):])["version"] == 1
