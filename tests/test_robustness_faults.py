"""Faults in the middle of a run: a correct report (saying what was lost) or one clear error.

The engine doubles below implement the Engine protocol for real (they gloss with the lexicon
engine) and fail the way models fail: out of memory on a large batch, an error on one input,
every call failing, a short answer. A subprocess routes ``--engine hf`` to them and runs the real
command line, so batching, the cache, the pipeline and the reporters are all the shipped code.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evalkit.errors import ModelError
from tests.test_robustness_inputs import _env, assert_clean_error, assert_offsets_exact, run_batch, snapshot

HERE = "tests.test_robustness_faults"
CALLS_ENV = "EVALKIT_TEST_ENGINE_CALLS"  # a file the doubles append each batch size to

# Ten sentences; the fourth holds 雷, which the flaky model cannot translate.
SOURCE = "".join(f"{s}\n" for s in [
    "泗县是安徽省的一个县。", "村里的干部很高兴。", "农民种了很多小麦。", "那天晚上打雷了。", "学校有三百名学生。",
    "县城的道路很干净。", "他们一起建设新农村。", "老人们在公园里散步。", "孩子们在河边玩。", "大家都很满意。",
])
TARGET = "".join(f"{s}\n" for s in [
    "Si County is a county in Anhui Province.", "The village cadres are very happy.",
    "The farmers planted a lot of wheat.", "There was thunder that night.", "The school has 300 students.",
    "The roads of the county town are clean.", "They build the new countryside together.",
    "The old people walk in the park.", "The children play by the river.", "Everyone is very satisfied.",
])
FAILING = "那天晚上打雷了。"


class _Double:
    """Shared parts of the engine doubles: identity, cache key, and a log of batch sizes."""

    name = "flaky"
    cacheable = True

    def __init__(self, model: str | None = None, batch_size: int = 16, **_: object):
        from evalkit.engines.lexicon import LexiconEngine

        self.model = model or "flaky-1"
        self.batch_size = batch_size
        self._lexicon = LexiconEngine()

    def cache_key(self) -> dict[str, object]:
        return {"engine": self.name, "model": self.model}

    def _log(self, batch: list[str]) -> None:
        if os.environ.get(CALLS_ENV):
            with open(os.environ[CALLS_ENV], "a", encoding="utf-8") as fh:
                fh.write(f"{len(batch)}\n")


class FlakyEngine(_Double):
    """Out of memory on batches of more than two texts; a ModelError on any text holding 雷."""

    def translate(self, batch: list[str]) -> list[str]:
        self._log(batch)
        if len(batch) > 2:
            raise RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB")
        if any("雷" in s for s in batch):
            raise ModelError("the model produced NaN logits for this input")
        return self._lexicon.translate(batch)


class BrokenEngine(_Double):
    """Loads, then fails on everything (a model whose weights are garbage)."""

    name = "broken"

    def translate(self, batch: list[str]) -> list[str]:
        self._log(batch)
        raise RuntimeError("CUDA error: device-side assert triggered")


class ShortEngine(_Double):
    """Returns one translation too few: a backend bug the pipeline must not trust."""

    name = "short"

    def translate(self, batch: list[str]) -> list[str]:
        self._log(batch)
        return self._lexicon.translate(batch)[:-1]


def double_engine(model: str = "flaky", **options: object):
    """The ``hf`` engine while these tests run: the double the model name asks for."""
    kinds = {"flaky": FlakyEngine, "broken": BrokenEngine, "short": ShortEngine}
    return kinds[str(model).split("-")[0]](model=model, **options)


def install_engines() -> None:
    """Route ``--engine hf`` to the doubles."""
    from evalkit.cache import TranslationCache
    from evalkit.engines import base

    base.ENGINES["hf"] = f"{HERE}:double_engine"
    # a locked cache is given up after one second rather than ten, to keep the test short
    TranslationCache.__init__.__kwdefaults__["timeout"] = 1.0


def install_doubles() -> None:
    """The engine doubles, and a disk that fills up whenever a report is written to a file."""
    import errno

    import evalkit.report.write as write

    install_engines()
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, fh):
            self.fh = fh

        def write(self, text):
            self.fh.write(text[: len(text) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    class FullOs:
        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def fdopen(fd, *args, **kwargs):
            return Full(real_fdopen(fd, *args, **kwargs))

    write.os = FullOs()


def _args(model: str = "flaky", fmt: str = "json") -> list[str]:
    return ["check", "source.zh.txt", "target.en.txt", "--engine", "hf", "--model", model, "--format", fmt,
            "--fail-on", "never", "--batch-size", "8"]


def _calls(path: Path) -> list[int]:
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def _report(result) -> dict:
    assert result.returncode == 0, result
    assert "Traceback" not in result.stderr and "error:" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def _cache_rows(cache_dir: Path) -> int:
    with sqlite3.connect(cache_dir / "translations.sqlite3") as conn:
        return conn.execute("SELECT count(*) FROM translations").fetchone()[0]


OLD_REPORT = '{"previous": "report"}\n'


@pytest.fixture(scope="module")
def faults(tmp_path_factory):
    """Every fault, one command line each, run through ``evalkit.cli.main`` in one subprocess."""
    tmp = tmp_path_factory.mktemp("faults")
    (tmp / "source.zh.txt").write_text(SOURCE, encoding="utf-8")
    (tmp / "target.en.txt").write_text(TARGET, encoding="utf-8")
    junk = tmp / "junk-model"
    junk.mkdir()
    (junk / "config.json").write_text('{"model_type": "marian"', encoding="utf-8")
    (tmp / "corrupt").mkdir()
    (tmp / "corrupt" / "translations.sqlite3").write_bytes(b"this is not a database" * 100)
    (tmp / "locked").mkdir()
    (tmp / "a-file").write_text("x", encoding="utf-8")
    (tmp / "report.json").write_text(OLD_REPORT, encoding="utf-8")
    before = snapshot(tmp)

    def cache(name: str) -> dict[str, str]:
        return {"EVALKIT_CACHE_DIR": str(tmp / name), CALLS_ENV: str(tmp / f"calls-{name}.txt")}

    runs = {
        "oom": {"argv": _args(), "env": cache("shared")},
        "oom-again-as-text": {"argv": _args(fmt="text"), "env": {**cache("shared"), CALLS_ENV: str(tmp / "calls-again.txt")}},
        "broken": {"argv": _args("broken"), "env": cache("broken")},
        "short": {"argv": _args("short"), "env": cache("short")},
        "cannot-load": {"argv": ["check", "source.zh.txt", "target.en.txt", "--engine", "ct2", "--model", str(junk)],
                        "env": cache("ct2")},
        "corrupt-cache": {"argv": _args(), "env": cache("corrupt")},
        "locked-cache": {"argv": _args(), "env": cache("locked")},
        "unusable-cache": {"argv": _args(), "env": {**cache("unusable"), "EVALKIT_CACHE_DIR": str(tmp / "a-file" / "c")}},
        "unwritable-output": {"argv": _args() + ["--output", "missing/dir/report.json"], "env": cache("unwritable")},
        "full-disk": {"argv": _args() + ["--output", "report.json"], "env": cache("full")},
    }
    holder = sqlite3.connect(tmp / "locked" / "translations.sqlite3", isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")  # another process in the middle of a write, in rollback-journal mode
    try:
        started = time.monotonic()
        results = run_batch(list(runs.values()), cwd=tmp, setup=f"{HERE}:install_doubles")
        elapsed = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    after = snapshot(tmp)
    for name in ("source.zh.txt", "target.en.txt", "junk-model/config.json", "report.json"):
        assert after[name] == before[name], f"{name} changed"
    return tmp, dict(zip(runs, results)), elapsed


def test_batch_out_of_memory_is_retried_smaller_and_one_bad_input_is_reported(faults):
    tmp, runs, _ = faults
    report = _report(runs["oom"])
    failed = [s for s in report["segments"] if s["source"] == FAILING]
    assert len(failed) == 1 and failed[0]["retranslation"] is None
    assert all(s["retranslation"] for s in report["segments"] if s["source"] and s["source"] != FAILING)
    note = " ".join(report["notes"])
    assert "1 segment(s) could not be re-translated by flaky" in note
    assert f"segment {failed[0]['id']}" in note and "NaN logits" in note
    assert_offsets_exact(report, TARGET)
    assert _calls(tmp / "calls-shared.txt")[:3] == [10, 5, 2]  # out of memory: the halves were tried
    # the failure is not cached, the nine good translations are
    assert _cache_rows(tmp / "shared") == 9


def test_the_next_run_reuses_the_cache_and_the_text_report_says_what_was_lost(faults):
    tmp, runs, _ = faults
    result = runs["oom-again-as-text"]
    assert result.returncode == 0, result
    assert "note: 1 segment(s) could not be re-translated by flaky" in " ".join(result.stdout.split())
    assert _calls(tmp / "calls-again.txt") == [1]  # only the failing text went to the engine again


def test_a_model_that_fails_on_everything_is_one_clear_error(faults):
    tmp, runs, _ = faults
    assert_clean_error(runs["broken"], "broken engine failed on every text", "device-side assert", "--engine lexicon")
    assert len(_calls(tmp / "calls-broken.txt")) < 30  # it gave up rather than trying each text alone


def test_an_engine_returning_too_few_translations_is_contained(faults):
    _, runs, _ = faults
    assert_clean_error(runs["short"], "short engine failed on every text", "returned 0 translations for 1 texts")


def test_a_model_that_cannot_load_is_exit_2_naming_it(faults):
    _, runs, _ = faults
    assert_clean_error(runs["cannot-load"], "junk-model")


def test_a_corrupt_cache_is_moved_aside_and_rebuilt(faults):
    tmp, runs, _ = faults
    result = runs["corrupt-cache"]
    report = _report(result)
    assert "warning: the translation cache" in result.stderr and "was corrupt" in result.stderr
    assert sum(1 for s in report["segments"] if s["retranslation"]) == 9
    assert _cache_rows(tmp / "corrupt") == 9
    assert [p.name for p in (tmp / "corrupt").iterdir() if ".corrupt-" in p.name]  # kept for a post-mortem


def test_a_locked_cache_is_bypassed_with_a_warning(faults):
    _, runs, elapsed = faults
    result = runs["locked-cache"]
    report = _report(result)
    assert "warning:" in result.stderr and "running without it" in result.stderr
    assert sum(1 for s in report["segments"] if s["retranslation"]) == 9
    assert elapsed < 120


def test_an_unusable_cache_folder_is_bypassed_with_a_warning(faults):
    _, runs, _ = faults
    result = runs["unusable-cache"]
    report = _report(result)
    assert "warning: cannot create the cache folder" in result.stderr
    assert sum(1 for s in report["segments"] if s["retranslation"]) == 9


def test_an_unwritable_output_is_refused_before_any_work(faults):
    tmp, runs, _ = faults
    assert_clean_error(runs["unwritable-output"], "missing/dir/report.json", "does not exist")
    assert _calls(tmp / "calls-unwritable.txt") == []  # the engine never ran
    assert not (tmp / "unwritable").exists()  # nor was the cache opened


def test_a_full_disk_while_writing_the_report_leaves_the_old_report_intact(faults):
    tmp, runs, _ = faults
    assert_clean_error(runs["full-disk"], "report.json", "cannot write report", "no space left")
    assert (tmp / "report.json").read_text(encoding="utf-8") == OLD_REPORT
    assert [p.name for p in tmp.iterdir() if p.name.endswith(".tmp")] == []


def _evalkit_with_doubles(*args: str, cwd: Path, **popen) -> subprocess.Popen:
    code = (f"import sys, importlib; importlib.import_module({HERE!r}).install_engines(); "
            "from evalkit.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd, env=_env(cwd), text=True, **popen)


def test_two_runs_at_once_share_the_cache_safely(tmp_path):
    """Two evalkit processes on one cache (WAL): both finish, agree, and the cache holds each text once."""
    (tmp_path / "source.zh.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "target.en.txt").write_text(TARGET, encoding="utf-8")
    procs = [_evalkit_with_doubles(*_args(), cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert "warning" not in err and "error" not in err, err
    reports = [json.loads(out) for out, _ in outs]
    assert [s["retranslation"] for s in reports[0]["segments"]] == [s["retranslation"] for s in reports[1]["segments"]]
    assert _cache_rows(tmp_path / ".cache") == 9
    with sqlite3.connect(tmp_path / ".cache" / "translations.sqlite3") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_full_disk_on_standard_output_is_one_clear_line(tmp_path):
    # /dev/full: every write fails with ENOSPC (Linux, where evalkit's CI runs)
    (tmp_path / "source.zh.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "target.en.txt").write_text(TARGET, encoding="utf-8")
    with open("/dev/full", "w") as full:
        proc = _evalkit_with_doubles(*_args(), cwd=tmp_path, stdout=full, stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=120)
    proc.stdout, proc.stderr = "", err
    assert_clean_error(proc, "standard output", "no space left")


def _read_only_folder(tmp: Path) -> tuple[list[str], Path]:
    """A folder no file can be created in, and the command prefix that makes it so.

    Not root: the folder is made read-only (0555). Root writes there anyway, so for root a
    read-only file system is mounted on it in a mount namespace of the run's own; where even
    that is not allowed, /proc/self stands in (no process may create a file in it).
    """
    folder = tmp / "ro-cache"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return [], folder
    prefix = ["unshare", "-m", "sh", "-c", 'mount -t tmpfs -o ro tmpfs "$0" && exec "$@"', str(folder)]
    probe = subprocess.run([*prefix, "touch", str(folder / "x")], capture_output=True, text=True)
    if "Read-only file system" in probe.stderr:
        return prefix, folder
    return [], Path("/proc/self")


def test_a_read_only_cache_folder_is_said_once_and_the_run_goes_on(tmp_path):
    (tmp_path / "source.zh.txt").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "target.en.txt").write_text(TARGET, encoding="utf-8")
    prefix, folder = _read_only_folder(tmp_path)
    code = (f"import importlib, sys; importlib.import_module({HERE!r}).install_engines(); "
            "from evalkit.cli import main; sys.exit(main(sys.argv[1:]))")
    env = _env(tmp_path, {"EVALKIT_CACHE_DIR": str(folder)})
    # the flaky engine's re-translations and the dictionary snapshot would both be cached; the
    # lexicon engine's are not, so only the snapshot was lost, and that was never said
    for args in (_args(), [*_args()[:3], "--engine", "lexicon", "--format", "json", "--fail-on", "never"]):
        proc = subprocess.run([*prefix, sys.executable, "-c", code, *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=300)
        report = _report(proc)  # exit 0, no error
        assert sum(1 for s in report["segments"] if s["retranslation"]) >= 9
        warnings = [line for line in proc.stderr.splitlines() if "warning:" in line]
        assert len(warnings) == 1, proc.stderr
        assert f"the cache folder {folder} cannot be written" in warnings[0]
        assert "running without a cache" in warnings[0]
