"""Bad inputs through the real command line: one clear line, exit 2, inputs untouched, offsets exact.

Every case builds its files in a temporary folder, runs ``evalkit check`` in a subprocess and
asserts the exit code, the message, that stderr is one line with no traceback, and that no input
file changed. The cases that get past loading (and so load the dictionary, ~3 s) run as several
invocations of ``evalkit.cli.main`` in one subprocess, so the suite stays fast.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from tests.helpers import ROOT

ZH = "泗县是安徽省的一个县。村里的干部很高兴。\n"
EN = "Si County is a county in Anhui Province. The village cadres are very happy.\n"


# -- running the command line ----------------------------------------------------------------

def _env(tmp: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("EVALKIT_DEBUG", None)
    env["EVALKIT_CACHE_DIR"] = str(tmp / ".cache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra or {})
    return env


def run_evalkit(*args: str, cwd: Path, setup: str | None = None, env: dict[str, str] | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess:
    """``evalkit ARGS`` in a subprocess; ``setup`` ('module:function') runs first, to inject a fault."""
    if setup:
        module, _, func = setup.partition(":")
        code = (f"import sys, importlib; importlib.import_module({module!r}).{func}(); "
                "from evalkit.cli import main; sys.exit(main(sys.argv[1:]))")
        cmd = [sys.executable, "-c", code, *args]
    else:
        cmd = [sys.executable, "-m", "evalkit", *args]
    return subprocess.run(cmd, cwd=cwd, env=_env(cwd, env), capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout)


_BATCH = r"""
import contextlib, importlib, io, json, os, sys
if sys.argv[2]:
    module, _, func = sys.argv[2].partition(":")
    getattr(importlib.import_module(module), func)()
from evalkit.cli import main
results = []
start = os.getcwd()
for item in json.loads(sys.argv[1]):
    argv, env = (item, {}) if isinstance(item, list) else (item["argv"], item["env"])
    os.chdir(os.path.join(start, item.get("cwd", "") if isinstance(item, dict) else ""))
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = main(argv)
        except SystemExit as exc:
            rc = exc.code
    for k, v in saved.items():
        os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    results.append({"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()})
sys.stdout.write(json.dumps(results))
"""


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr

    def __repr__(self) -> str:
        return f"Result(rc={self.returncode}, stderr={self.stderr[-500:]!r})"


def run_batch(invocations: list, cwd: Path, setup: str = "", env: dict[str, str] | None = None,
              timeout: float = 300) -> list[Result]:
    """Several ``evalkit`` command lines through ``evalkit.cli.main`` in one subprocess (one dictionary load).

    An invocation is an argument list, or ``{"argv": [...], "env": {...}}`` to set variables for it alone
    (and ``"cwd"``, a folder relative to ``cwd``, to run it there).
    """
    proc = subprocess.run([sys.executable, "-c", _BATCH, json.dumps(invocations), setup], cwd=cwd,
                          env=_env(cwd, env), capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return [Result(r["rc"], r["stdout"], r["stderr"]) for r in json.loads(proc.stdout)]


# -- assertions ------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder`` (the cache excepted): content hash and modification time."""
    out = {}
    for p in sorted(folder.rglob("*")):
        if ".cache" in p.parts or not (p.is_file() and not p.is_symlink()):
            continue
        try:
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
        except PermissionError:  # the unreadable-file case: its size stands in for its content
            digest = f"unreadable:{p.stat().st_size}"
        out[str(p.relative_to(folder))] = (digest, p.stat().st_mtime_ns)
    return out


def assert_clean_error(proc, *needles: str, code: int = 2) -> str:
    """Exit ``code``, one line on stderr naming what is wrong, no traceback, nothing on stdout."""
    assert proc.returncode == code, proc
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("evalkit: error: "), line
    assert "Traceback" not in proc.stderr and "internal error" not in line, line
    for needle in needles:
        assert needle.lower() in line.lower(), (needle, line)
    assert proc.stdout == ""
    return line


def assert_offsets_exact(report: dict, target_text: str | None = None) -> None:
    """``text == target[start:end]`` for every finding: on the file text (documents) or its segment."""
    segments = {s["id"]: s for s in report["segments"]}
    for f in report["findings"]:
        base = target_text if target_text is not None else segments[f["segment"]]["target"]
        assert 0 <= f["start"] <= f["end"] <= len(base), f
        assert base[f["start"]:f["end"]] == f["text"], f
    if target_text is not None:
        for s in report["segments"]:
            assert target_text[s["target_start"]:s["target_start"] + len(s["target"])] == s["target"]


def read_as_evalkit(path: Path) -> str:
    """A file's text as evalkit reads it: UTF-8 (a BOM is not text), line ends kept."""
    return path.read_bytes().decode("utf-8-sig")


# -- the cases that end at loading: one subprocess each ---------------------------------------

def _pair(tmp: Path, source: bytes | str = ZH, target: bytes | str = EN, s_name="s.zh.txt", t_name="t.en.txt"):
    for name, data in ((s_name, source), (t_name, target)):
        (tmp / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return [s_name, t_name]


def _files(tmp: Path, files: dict[str, str | bytes], args: list[str]) -> list[str]:
    """Write ``files`` into ``tmp`` and return ``args``."""
    for name, data in files.items():
        (tmp / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return args


def _jsonl(tmp: Path, *lines: str | bytes, name="segs.jsonl") -> list[str]:
    data = b"".join((ln.encode("utf-8") if isinstance(ln, str) else ln) + b"\n" for ln in lines)
    (tmp / name).write_bytes(data)
    return [name]


_XLF_OPEN = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
             '<file source-language="zh" target-language="en" original="a" datatype="plaintext"><body>\n')
_XLF_CLOSE = "</body></file>\n</xliff>\n"
_OK = json.dumps({"id": "1", "source": "你好，世界。", "target": "Hello, world."}, ensure_ascii=False)


def _fifo(tmp: Path) -> list[str]:
    _pair(tmp)
    os.mkfifo(tmp / "pipe.zh.txt")  # any user may make one in a temporary folder on Linux
    return ["pipe.zh.txt", "t.en.txt"]


def _symlink(tmp: Path) -> list[str]:
    _pair(tmp)
    (tmp / "gone.zh.txt").symlink_to(tmp / "nowhere.zh.txt")
    return ["gone.zh.txt", "t.en.txt"]


def _mkdir(tmp: Path, name: str) -> Path:
    (tmp / name).mkdir()
    return tmp / name


# id -> (build files in tmp and return the arguments, words the one-line message must hold)
LOAD_CASES: dict[str, tuple[Callable[[Path], list[str]], tuple[str, ...]]] = {
    "missing-source": (lambda t: ["nope.zh.txt", _pair(t)[1]], ("nope.zh.txt", "no such file")),
    "missing-target": (lambda t: [_pair(t)[0], "nope.en.txt"], ("nope.en.txt", "no such file")),
    "dangling-symlink": (_symlink, ("gone.zh.txt", "no such file")),
    "missing-folder": (lambda t: ["no-such-corpus"], ("no-such-corpus", "no such file or folder")),
    "directory-as-source": (lambda t: [_mkdir(t, "d").name, _pair(t)[1]], ("d", "is a directory")),
    "directory-as-target": (lambda t: [_pair(t)[0], _mkdir(t, "d").name], ("d", "is a directory")),
    "folder-without-inputs": (lambda t: [_mkdir(t, "empty").name], ("empty", "no corpus layout")),
    "fifo-not-a-file": (_fifo, ("pipe.zh.txt", "not a regular file")),
    "empty-source": (lambda t: _pair(t, source=b""), ("s.zh.txt", "is empty")),
    "blank-target": (lambda t: _pair(t, target=" \r\n\t\n"), ("t.en.txt", "is empty")),
    "binary-source": (lambda t: _pair(t, source=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
                      ("s.zh.txt", "binary")),
    "utf16-without-bom": (lambda t: _pair(t, source=ZH.encode("utf-16-le")), ("s.zh.txt", "binary", "utf-16")),
    "random-bytes": (lambda t: _pair(t, source=bytes(range(128, 256)) * 8), ("s.zh.txt", "not utf-8")),
    "gbk-source-detected": (lambda t: _pair(t, source=ZH.encode("gbk")), ("s.zh.txt", "gb18030", "--encoding")),
    "gb18030-source-detected": (lambda t: _pair(t, source="𠀀字：泗县是安徽省的一个县。\n".encode("gb18030")),
                                ("s.zh.txt", "gb18030")),
    "big5-source-detected": (lambda t: _pair(t, source="泗縣是安徽省的一個縣。村裡的幹部很高興。\n".encode("big5")),
                             ("s.zh.txt", "big5", "--encoding")),
    "unknown-encoding": (lambda t: _pair(t, source=ZH.encode("gbk")) + ["--encoding", "klingon"],
                         ("unknown encoding", "klingon")),
    "wrong-encoding-named": (lambda t: _pair(t, source=b"\x81\x30\xff\xfe\xfd") + ["--encoding", "big5"],
                             ("s.zh.txt", "not valid big5", "byte")),
    "swapped-source-target": (lambda t: _pair(t, source=EN, target=ZH), ("swapped",)),
    "source-not-chinese": (lambda t: _pair(t, source=EN), ("s.zh.txt", "does not read as zh", "--src-lang")),
    "target-not-english": (lambda t: _pair(t, target=ZH), ("t.en.txt", "does not read as en", "--tgt-lang")),
    "plain-file-alone": (lambda t: [_pair(t)[0]], ("needs its source",)),
    "three-paths": (lambda t: _pair(t) + ["third.txt"], ("give source target",)),
    "output-folder-missing": (lambda t: _pair(t) + ["--output", "no/such/dir/r.json"], ("does not exist",)),
    "output-is-a-directory": (lambda t: _pair(t) + ["--output", _mkdir(t, "out").name], ("is a directory",)),
    "config-missing": (lambda t: _pair(t) + ["--config", "nope.toml"], ("nope.toml", "no such config")),
    "config-not-toml": (lambda t: _files(t, {"bad.toml": "engine = [\n"}, _pair(t) + ["--config", "bad.toml"]),
                        ("bad.toml", "not valid toml")),
    "config-unknown-key": (lambda t: _files(t, {"e.toml": "enjine = 'hf'\n"}, _pair(t) + ["--config", "e.toml"]),
                           ("e.toml", "unknown key 'enjine'")),
    "xliff-malformed": (lambda t: _files(t, {"bad.xlf": _XLF_OPEN + '<trans-unit id="1"><source>你好</source>'
                                                        "<target>Hi</trans-unit>\n" + _XLF_CLOSE}, ["bad.xlf"]),
                        ("bad.xlf:4:", "not well-formed xml", "mismatched tag")),
    "xliff-truncated": (lambda t: _files(t, {"cut.xlf": _XLF_OPEN + '<trans-unit id="1"><source>你'}, ["cut.xlf"]),
                        ("cut.xlf:4:", "not well-formed xml")),
    "xliff-wrong-root": (lambda t: _files(t, {"page.xlf": "<html><body/></html>\n"}, ["page.xlf"]),
                         ("page.xlf", "root element is <html>")),
    "xliff-no-units": (lambda t: _files(t, {"none.xlf": _XLF_OPEN + _XLF_CLOSE}, ["none.xlf"]),
                       ("none.xlf", "no translation units")),
    "tmx-malformed": (lambda t: _files(t, {"m.tmx": '<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>你好</tuv>'},
                                       ["m.tmx"]), ("m.tmx:1:", "not well-formed xml")),
    "tmx-no-source-language": (lambda t: _files(t, {"m.tmx": '<tmx version="1.4"><body><tu><tuv xml:lang="de"><seg>Hallo'
                                                             '</seg></tuv></tu></body></tmx>'}, ["m.tmx"]),
                               ("m.tmx", "--src-lang")),
    "po-syntax-error": (lambda t: _files(t, {"bad.po": 'msgid "你好"\nmsgstr "Hello"\nfoo bar\n'}, ["bad.po"]),
                        ("bad.po", "line 3")),
    "po-unclosed-string": (lambda t: _files(t, {"bad.po": 'msgid "你好"\nmsgstr "Hello\n\nmsgid "x"\nmsgstr ""\n'},
                                            ["bad.po"]), ("bad.po:2", "not closed")),
    "po-duplicate-message": (lambda t: _files(t, {"dup.po": 'msgid "你好"\nmsgstr "Hi"\n\nmsgid "你好"\nmsgstr "Hello"\n'},
                                              ["dup.po"]), ("dup.po:4", "duplicate message")),
    "po-no-messages": (lambda t: _files(t, {"e.po": 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'},
                                        ["e.po"]), ("e.po", "no messages")),
    "po-unknown-charset": (lambda t: _files(t, {"c.po": 'msgid ""\nmsgstr "Content-Type: text/plain; charset=KLINGON\\n"\n'
                                                        '\nmsgid "你好"\nmsgstr "Hi"\n'.encode("gbk")}, ["c.po"]),
                           ("c.po", "klingon")),
    "csv-unterminated-quote": (lambda t: _files(t, {"u.csv": 'id,source,target\n1,你好,Hello\n2,"再见,Bye\n3,谢谢,Thanks\n'},
                                                ["u.csv"]), ("u.csv", "unterminated", "line 3")),
    "csv-no-columns": (lambda t: _files(t, {"w.csv": "a,b,c,d\n1,2,3,4\n"}, ["w.csv"]), ("w.csv", "column")),
    "csv-duplicate-id": (lambda t: _files(t, {"d.csv": "id,source,target\n1,你好,Hi\n1,再见,Bye\n"}, ["d.csv"]),
                         ("d.csv:3", "duplicate id")),
    "jsonl-bad-json": (lambda t: _jsonl(t, _OK, "{bad json"), ("segs.jsonl:2", "not valid json")),
    "jsonl-not-object": (lambda t: _jsonl(t, "[1, 2]"), ("segs.jsonl:1", "expected a json object")),
    "jsonl-missing-target": (lambda t: _jsonl(t, '{"id": "1", "source": "你好"}'), ("segs.jsonl:1", '"target"')),
    "jsonl-target-not-string": (lambda t: _jsonl(t, '{"source": "你好", "target": 5}'), ("segs.jsonl:1", '"target"')),
    "jsonl-reference-not-string": (lambda t: _jsonl(t, '{"source": "你好", "target": "Hi", "reference": 5}'),
                                   ("segs.jsonl:1", '"reference"')),
    "jsonl-reference-object": (lambda t: _jsonl(t, '{"source": "你好", "target": "Hi", "reference": {"a": 1}}'),
                               ("segs.jsonl:1", '"reference"')),
    "jsonl-duplicate-id": (lambda t: _jsonl(t, _OK, _OK), ("segs.jsonl:2", "duplicate")),
    "jsonl-deep-nesting": (lambda t: _jsonl(t, "[" * 100_000), ("segs.jsonl:1", "nested too deeply")),
    "jsonl-lone-surrogate": (lambda t: _jsonl(t, '{"source": "你好\\ud800", "target": "Hi \\udfff"}'),
                             ("segs.jsonl:1", "lone surrogate")),
    "jsonl-invalid-utf8": (lambda t: _jsonl(t, b'{"source": "\xff\xfe", "target": "Hi"}'), ("segs.jsonl", "utf-8")),
    "jsonl-empty": (lambda t: _jsonl(t, "", "  "), ("segs.jsonl", "no segments")),
    "jsonl-swapped": (lambda t: _jsonl(t, '{"source": "Hello, world.", "target": "你好，世界。"}'), ("swapped",)),
    "side-file-line-count": (lambda t: _files(t, {"r.txt": "one\ntwo\n"}, _jsonl(t, _OK) + ["--retranslation", "r.txt"]),
                             ("r.txt", "2 lines for 1 segments")),
    # U+2028 inside a line is not a line end: 3 lines, not 4
    "side-file-line-separator": (lambda t: _files(t, {"r.txt": "a\u2028b\nc\nd\n"},
                                                  _jsonl(t, _OK, _OK.replace('"1"', '"2"')) + ["--retranslation", "r.txt"]),
                                 ("r.txt", "3 lines for 2 segments")),
    "side-jsonl-not-string": (lambda t: _files(t, {"ref.jsonl": '{"id": "1", "text": 5}\n'},
                                               _jsonl(t, _OK) + ["--reference", "ref.jsonl"]),
                              ("ref.jsonl:1", '"text"')),
    # an id of more digits than Python converts to a number was "internal error: ValueError: Exceeds the limit"
    "jsonl-id-of-5001-digits": (lambda t: _jsonl(t, '{"id": %s, "source": "你好", "target": "Hi"}' % ("7" * 5001)),
                                ("segs.jsonl:1", '"id"', "5,001 digits", "string")),
    # a bad regular expression in the config was "internal error: error: missing )"
    "config-bad-ignore-regex": (lambda t: _files(t, {"i.toml": 'ignore = ["Si (County"]\n'},
                                                 _pair(t) + ["--config", "i.toml"]),
                                ("ignore", "Si (County", "not a valid regular expression")),
    "min-chrf-nan": (lambda t: _pair(t) + ["--min-chrf", "nan"], ("min_chrf", "nan", "not a finite number")),
    "max-mqm-penalty-inf": (lambda t: _pair(t) + ["--max-mqm-penalty", "inf"], ("max_mqm_penalty", "inf")),
    "config-min-chrf-a-string": (lambda t: _files(t, {"c.toml": 'min_chrf = "high"\n'}, _pair(t) + ["--config", "c.toml"]),
                                 ("min_chrf", "not a finite number")),
    "tgt-lang-empty": (lambda t: _pair(t) + ["--tgt-lang", ""], ("tgt_lang", "name a language")),
    "src-lang-blank": (lambda t: _pair(t) + ["--src-lang", " "], ("src_lang", "name a language")),
    # the binary check looked at the first 8 KB only
    "nul-after-8kb": (lambda t: _pair(t, target=EN * 200 + "\x00" + EN), ("t.en.txt", "nul byte", "byte 15200", "line 201")),
}


@pytest.mark.parametrize("case", list(LOAD_CASES))
def test_bad_input_is_one_line_and_exit_2(case, tmp_path):
    build, needles = LOAD_CASES[case]
    args = build(tmp_path)
    before = snapshot(tmp_path)
    started = time.monotonic()
    proc = run_evalkit("check", *args, "--engine", "lexicon", "--format", "json", cwd=tmp_path, timeout=60)
    assert_clean_error(proc, *needles)
    assert time.monotonic() - started < 30
    assert snapshot(tmp_path) == before, "an input file changed"


def install_unreadable_files() -> None:
    """Reading a ``*.locked.*`` file fails as it does for a file without read permission (root reads anything)."""
    import errno

    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if ".locked." in self.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    Path.read_bytes = read_bytes


def test_a_file_without_read_permission_is_one_line_even_for_root(tmp_path):
    args = _pair(tmp_path, s_name="s.locked.zh.txt")
    before = snapshot(tmp_path)
    proc = run_evalkit("check", *args, cwd=tmp_path, setup="tests.test_robustness_inputs:install_unreadable_files")
    assert_clean_error(proc, "s.locked.zh.txt", "permission denied", "make the file readable")
    assert snapshot(tmp_path) == before


def test_unknown_encoding_message_names_a_codec(tmp_path):
    proc = run_evalkit("check", *_pair(tmp_path), "--encoding", "utf-9", cwd=tmp_path)
    line = assert_clean_error(proc, "utf-9")
    assert "gb18030" in line  # the fix: a codec name that works


# -- the cases that load and run: several command lines in one subprocess -----------------------

def _long_line_pair(tmp: Path, repeat: int) -> list[str]:
    """One giant line on each side (no sentence ends): the Si County page, full stops made commas."""
    import re

    corpus = ROOT / "corpora" / "si-county"
    src = re.sub("[。！？]", "，", (corpus / "source.zh.txt").read_text(encoding="utf-8").replace("\n", ""))
    tgt = re.sub(r"[.!?]", ",", (corpus / "target.en.txt").read_text(encoding="utf-8").replace("\n", " "))
    (tmp / "long.zh.txt").write_text(src * repeat + "\n", encoding="utf-8")
    (tmp / "long.en.txt").write_text(tgt * repeat + "\n", encoding="utf-8")
    return ["long.zh.txt", "long.en.txt"]


@pytest.fixture(scope="module")
def loaded_runs(tmp_path_factory):
    """Inputs that are odd but valid (or refused only after alignment), run in one subprocess."""
    tmp = tmp_path_factory.mktemp("loaded")
    zh_crlf = "\ufeff泗县是安徽省的一个县。\r\n\r\n村里的干部很高兴。\r\n"
    en_crlf = "\ufeffSi County is a county in Anhui Province.\r\n\r\nThe village cadres are  very happy .\r\n"
    (tmp / "bom.zh.txt").write_bytes(zh_crlf.encode("utf-8"))
    (tmp / "bom.en.txt").write_bytes(en_crlf.encode("utf-8"))
    (tmp / "gbk.zh.txt").write_bytes(("泗县是安徽省的一个县。村里的干部很高兴。\n").encode("gbk"))
    (tmp / "quotes.en.txt").write_text("Si County is a county in Anhui Province. The cadres ’re  very happy .\n",
                                       encoding="utf-8")
    (tmp / "big5.zh.txt").write_bytes("泗縣是安徽省的一個縣。村裡的幹部很高興。\n".encode("big5"))
    (tmp / "utf16.zh.txt").write_bytes("泗县是安徽省的一个县。村里的干部很高兴。\n".encode("utf-16-le"))
    (tmp / "one.zh.txt").write_text("你好。\n", encoding="utf-8")
    (tmp / "many.en.txt").write_text("".join(f"Hello number {i} .\n" for i in range(60)), encoding="utf-8")
    (tmp / "paras.zh.txt").write_text("".join(f"第{i}段。\n" for i in range(400)), encoding="utf-8")
    (tmp / "paras.en.txt").write_text("".join(f"Paragraph {i}.\n" for i in range(1700)), encoding="utf-8")
    unicode_rows = [
        {"id": "ls", "source": "他说：\u2028你好。", "target": "He said:\u2028hello  ."},
        {"id": "rtl", "source": "你好。", "target": "Hello \u202eolleh\u202c , and שלום ."},
        {"id": "zwj", "source": "家庭。", "target": "Family 👨\u200d👩\u200d👧 e\u0301te\u0301 ."},
        {"id": "crlf", "source": "你好。\r\n再见。", "target": "Hello .\r\nBye ."},
        {"id": "ctl", "source": "你好。", "target": "Hello\x0b\x0c\x1c\x85 there ."},
    ]
    (tmp / "unicode.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in unicode_rows),
                                       encoding="utf-8")
    overlong = [{"id": "short", "source": "你好。", "target": "Hello ."},
                {"id": "huge", "source": "你好，" * 2500, "target": "hello , " * 2000}]
    (tmp / "overlong.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in overlong),
                                        encoding="utf-8")
    long_args = _long_line_pair(tmp, 2)
    odd_name = os.fsdecode(b"n\xff.jsonl")  # a file name that is not UTF-8 (POSIX allows it)
    try:
        (tmp / odd_name).write_text(_OK + "\n", encoding="utf-8")
    except (OSError, UnicodeError):
        odd_name = "plain.jsonl"
        (tmp / odd_name).write_text(_OK + "\n", encoding="utf-8")
    before = snapshot(tmp)
    common = ["--engine", "lexicon", "--format", "json", "--fail-on", "never"]
    invocations = {
        "bom-crlf": ["check", "bom.zh.txt", "bom.en.txt", *common],
        "gbk-named": ["check", "gbk.zh.txt", "quotes.en.txt", "--encoding", "gb18030", *common],
        "big5-named": ["check", "big5.zh.txt", "quotes.en.txt", "--encoding", "big5", *common],
        "mismatched-sentences": ["check", "one.zh.txt", "many.en.txt", *common],
        "mismatched-paragraphs": ["check", "paras.zh.txt", "paras.en.txt", *common],
        "unicode-jsonl": ["check", "unicode.jsonl", *common],
        "overlong-segment": ["check", "overlong.jsonl", *common],
        "long-line": ["check", *long_args, *common],
        "odd-file-name": ["check", odd_name, *common, "--output", "report.json"],
        "utf16-source-named": ["check", "utf16.zh.txt", "quotes.en.txt", "--encoding", "utf-16-le", *common],
    }
    started = time.monotonic()
    results = run_batch(list(invocations.values()), cwd=tmp)
    elapsed = time.monotonic() - started
    after = snapshot(tmp)
    assert {k: after.get(k) for k in before} == before, "an input file changed"
    return tmp, dict(zip(invocations, results)), elapsed


def _report(result) -> dict:
    assert result.returncode == 0, result
    assert "Traceback" not in result.stderr and "error" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def test_bom_and_crlf_keep_offsets_exact_on_the_text_as_read(loaded_runs):
    tmp, runs, _ = loaded_runs
    report = _report(runs["bom-crlf"])
    target = read_as_evalkit(tmp / "bom.en.txt")
    assert "\r\n" in target and not target.startswith("\ufeff")
    assert report["findings"], "the spaced full stop should be found"
    assert_offsets_exact(report, target)
    assert all("\ufeff" not in s["source"] + s["target"] for s in report["segments"])


def test_gbk_source_named_with_encoding_beside_a_utf8_target(loaded_runs):
    tmp, runs, _ = loaded_runs
    report = _report(runs["gbk-named"])
    assert report["segments"][0]["source"].startswith("泗县是安徽省")
    # the target is UTF-8 with a curly quote: read as UTF-8, not as GB18030 mojibake
    target = read_as_evalkit(tmp / "quotes.en.txt")
    assert "’" in "".join(s["target"] for s in report["segments"])
    assert_offsets_exact(report, target)


def test_utf16_source_named_with_encoding_beside_a_utf8_target(loaded_runs):
    # --encoding utf-16-le used to decode the UTF-8 target too, which then read as CJK
    tmp, runs, _ = loaded_runs
    report = _report(runs["utf16-source-named"])
    assert report["segments"][0]["source"].startswith("泗县是安徽省")
    assert_offsets_exact(report, read_as_evalkit(tmp / "quotes.en.txt"))
    assert "’" in "".join(s["target"] for s in report["segments"])


def test_big5_source_named_with_encoding(loaded_runs):
    tmp, runs, _ = loaded_runs
    report = _report(runs["big5-named"])
    assert report["segments"][0]["source"].startswith("泗縣是安徽省")
    assert_offsets_exact(report, read_as_evalkit(tmp / "quotes.en.txt"))


def test_mismatched_sentence_counts_are_refused(loaded_runs):
    _, runs, _ = loaded_runs
    assert_clean_error(runs["mismatched-sentences"], "many.en.txt", "only 1 of", "belong together")


def test_mismatched_paragraph_counts_are_refused_before_a_long_alignment(loaded_runs):
    _, runs, _ = loaded_runs
    assert_clean_error(runs["mismatched-paragraphs"], "paras.zh.txt", "too many or too unlike to align")


def test_unicode_line_separators_rtl_joiners_and_controls_in_jsonl(loaded_runs):
    _, runs, _ = loaded_runs
    report = _report(runs["unicode-jsonl"])
    assert [s["id"] for s in report["segments"]] == ["ls", "rtl", "zwj", "crlf", "ctl"]
    assert report["segments"][0]["target"] == "He said:\u2028hello  ."
    assert_offsets_exact(report)


def test_overlong_segment_is_skipped_and_said_so(loaded_runs):
    _, runs, _ = loaded_runs
    report = _report(runs["overlong-segment"])
    assert any("not checked" in n and "huge" in n for n in report["notes"]), report["notes"]
    assert all(f["segment"] != "huge" for f in report["findings"])
    assert report["segments"][1]["target"] == "hello , " * 2000  # reported, not dropped
    assert_offsets_exact(report)


def test_one_giant_line_each_side_is_cut_and_checked_in_bounded_time(loaded_runs):
    tmp, runs, elapsed = loaded_runs
    report = _report(runs["long-line"])
    target = read_as_evalkit(tmp / "long.en.txt")
    assert len(report["segments"]) > 10
    assert max(len(s["target"]) for s in report["segments"]) <= 1200
    assert report["findings"]
    assert_offsets_exact(report, target)
    assert elapsed < 120


def test_a_file_name_that_is_not_utf8_is_reported_not_a_crash(loaded_runs):
    tmp, runs, _ = loaded_runs
    result = runs["odd-file-name"]
    assert result.returncode == 0, result
    report = json.loads((tmp / "report.json").read_text(encoding="utf-8"))
    assert report["segments"][0]["target"] == "Hello, world."


def test_huge_file_is_refused_without_reading_it(tmp_path):
    from evalkit.formats import base

    big = tmp_path / "big.zh.txt"
    with open(big, "wb") as fh:  # sparse: no disk used
        fh.truncate(base.MAX_INPUT_BYTES + 1)
    _pair(tmp_path)
    proc = run_evalkit("check", "big.zh.txt", "t.en.txt", cwd=tmp_path, timeout=30)
    assert_clean_error(proc, "big.zh.txt", "byte limit")


def test_report_with_chinese_goes_to_an_ascii_stdout(tmp_path):
    """CI shells with LANG=C: the report is written as UTF-8 bytes rather than crashing."""
    args = _jsonl(tmp_path, json.dumps({"source": "你好。", "target": "Hello.", "retranslation": "Hello."},
                                       ensure_ascii=False))
    proc = subprocess.run([sys.executable, "-m", "evalkit", "check", *args, "--engine", "file", "--format", "json"],
                          cwd=tmp_path, env=_env(tmp_path, {"PYTHONIOENCODING": "ascii"}), capture_output=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.decode("utf-8"))["segments"][0]["source"] == "你好。"


def test_decode_names_what_it_detects():
    from evalkit.errors import EncodingError
    from evalkit.formats.base import decode, guess_chinese_encoding

    assert guess_chinese_encoding("你好，世界。今天天气很好。".encode("gbk")) == "gb18030"
    assert guess_chinese_encoding("你好，世界。今天天氣很好。".encode("big5")) == "big5"
    assert guess_chinese_encoding("The café serves crème brûlée.".encode("cp1252")) is None
    assert decode(codecs.BOM_UTF8 + "a\r\nb".encode(), "x") == "a\r\nb"
    with pytest.raises(EncodingError, match="gb18030"):
        decode("县委书记在会上讲话。".encode("gbk"), "x")
    with contextlib.suppress(EncodingError):
        decode(bytes(range(128, 256)), "x")


def test_one_error_tree_every_class_with_its_exit_code_and_purpose():
    import importlib
    import inspect
    import pkgutil

    import evalkit
    from evalkit import errors

    for info in pkgutil.walk_packages(evalkit.__path__, "evalkit."):
        module = importlib.import_module(info.name)
        for name, cls in vars(module).items():
            if inspect.isclass(cls) and issubclass(cls, BaseException) and cls.__module__ == info.name:
                assert issubclass(cls, errors.EvalkitError), f"{info.name}.{name} is outside the error tree"
                assert cls.__doc__ and cls.__doc__.strip(), f"{name} says nothing of its purpose"
                assert cls.exit_code == (1 if issubclass(cls, errors.GateFailed) else 2)
                if module is errors:
                    assert name in errors.__doc__, f"{name} is missing from the drawing of the tree"


@pytest.mark.parametrize("bom, codec", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_only_the_byte_order_mark_is_dropped_a_second_one_is_text(bom, codec):
    from evalkit.formats.base import decode

    assert decode(bom + "Si County".encode(codec), "t.txt") == "Si County"
    # a file whose text itself begins with U+FEFF keeps it, so offsets hold for the text as read
    assert decode(bom + "\ufeffSi County".encode(codec), "t.txt") == "\ufeffSi County"
