"""The re-translation cache: lookups, two processes at once, a corrupt or locked file, turning it off."""

from __future__ import annotations

import multiprocessing
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from evalkit.cache import (
    CACHE_FILE,
    TranslationCache,
    cache_dir,
    cache_disabled_by_env,
    cached_translate,
    key_parts,
)
from evalkit.engines.dict import DictEngine
from evalkit.errors import ModelError

KEY = ("hf", "Helsinki-NLP/opus-mt-zh-en", '{"beam_size": 1}')
TABLE = {"乡村": "village", "振兴": "revitalization", "党建": "party building", "泗县": "Si County"}


@pytest.fixture
def cache(tmp_path):
    with TranslationCache(tmp_path / CACHE_FILE) as c:
        yield c


def test_round_trip_and_keys(cache):
    cache.put_many(KEY, [("乡村", "village"), ("振兴", "revitalization")])
    assert cache.get_many(KEY, ["乡村", "振兴", "党建"]) == {"乡村": "village", "振兴": "revitalization"}
    assert cache.get_many(("ct2", KEY[1], KEY[2]), ["乡村"]) == {}
    assert cache.get_many((KEY[0], "other-model", KEY[2]), ["乡村"]) == {}
    assert cache.get_many((KEY[0], KEY[1], '{"beam_size": 4}'), ["乡村"]) == {}
    assert len(cache) == 2
    assert cache.hits == 2 and cache.misses == 4


def test_failures_are_never_stored(cache):
    cache.put_many(KEY, {"乡村": "", "振兴": "revitalization"})
    assert cache.get_many(KEY, ["乡村", "振兴"]) == {"振兴": "revitalization"}


def test_wal_mode(cache):
    cache.put_many(KEY, [("乡村", "village")])
    with sqlite3.connect(cache.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_many_lookups_beyond_sqlite_parameter_limits(cache):
    pairs = [(f"句子{i}", f"sentence {i}") for i in range(1500)]
    cache.put_many(KEY, pairs)
    assert cache.get_many(KEY, [s for s, _ in pairs]) == dict(pairs)


def test_cached_translate_sends_only_distinct_misses(cache):
    engine = DictEngine(TABLE)
    sources = ["乡村", "振兴", "乡村", "  ", "", "党建"]
    seen = []
    out = cached_translate(engine, sources, cache, progress=lambda done, total: seen.append((done, total)))
    assert out == ["village", "revitalization", "village", "", "", "party building"]
    assert engine.calls == [["乡村", "振兴", "党建"]]  # deduplicated, no blank sources
    assert seen[-1] == (3, 3)
    again = cached_translate(engine, sources + ["泗县"], cache)
    assert again == out + ["Si County"]
    assert engine.calls[1:] == [["泗县"]]  # only the new text reached the engine
    fresh = DictEngine(TABLE)
    assert cached_translate(fresh, sources, cache) == out
    assert fresh.calls == []


def test_cached_translate_without_cache():
    engine = DictEngine(TABLE)
    assert cached_translate(engine, ["乡村", "乡村"], None) == ["village", "village"]
    assert engine.calls == [["乡村"]]


def test_engine_failures_are_retried_next_run(cache):
    class Failing(DictEngine):
        def translate(self, batch):
            out = super().translate(batch)
            self.failed = [i for i, s in enumerate(batch) if s == "振兴"]
            return ["" if i in self.failed else t for i, t in enumerate(out)]

    engine = Failing(TABLE)
    assert cached_translate(engine, ["乡村", "振兴"], cache) == ["village", ""]
    cached_translate(engine, ["乡村", "振兴"], cache)
    assert engine.calls[-1] == ["振兴"]


def test_empty_translations_are_cached_unless_they_may_be_failures(cache):
    engine = DictEngine({"。": "", "乡村": "village"})  # reports failures: its "" is a real output
    assert cached_translate(engine, ["。", "乡村"], cache) == ["", "village"]
    assert cached_translate(engine, ["。", "乡村"], cache) == ["", "village"]
    assert len(engine.calls) == 1

    class Silent:
        """An engine that reports no failures: its empty outputs may be failures."""

        name, model = "silent", None

        def __init__(self):
            self.calls = 0

        def translate(self, batch):
            self.calls += 1
            return ["" for _ in batch]

    silent = Silent()
    cached_translate(silent, ["。"], cache)
    cached_translate(silent, ["。"], cache)
    assert silent.calls == 2


def test_dict_engine():
    engine = DictEngine(TABLE, default="?")
    assert engine.translate(["乡村", "未知"]) == ["village", "?"]
    with pytest.raises(ModelError, match="no translation for '未知'"):
        DictEngine(TABLE).translate(["未知"])
    assert key_parts(DictEngine(TABLE)) != key_parts(DictEngine({"乡村": "countryside"}))


def _worker(path: str, worker: int, n: int, queue) -> None:
    import warnings

    problems = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cache = TranslationCache(path, warn=problems.append)
        for i in range(n):
            cache.put_many(KEY, [(f"w{worker}-{i}", f"translation {worker} {i}")])
            cache.get_many(KEY, [f"w{1 - worker}-{i}", f"w{worker}-{i}"])
        cache.close()
    queue.put((worker, problems))


def test_two_processes_at_once(tmp_path):
    path = str(tmp_path / CACHE_FILE)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(path, w, 150, queue)) for w in (0, 1)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert all(problems == [] for _, problems in results)
    with TranslationCache(path) as cache:
        assert len(cache) == 300
        assert cache.get_many(KEY, ["w0-149", "w1-0"]) == {"w0-149": "translation 0 149", "w1-0": "translation 1 0"}


def test_corrupt_file_is_moved_aside_and_rebuilt(tmp_path):
    path = tmp_path / CACHE_FILE
    path.write_bytes(b"this is not an SQLite database, just some bytes " * 100)
    warnings: list[str] = []
    with TranslationCache(path, warn=warnings.append) as cache:
        cache.put_many(KEY, [("乡村", "village")])
        assert cache.get_many(KEY, ["乡村"]) == {"乡村": "village"}
    assert len(warnings) == 1 and "corrupt" in warnings[0]
    assert [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def test_corrupt_file_warns_through_python_warnings_by_default(tmp_path):
    path = tmp_path / CACHE_FILE
    path.write_bytes(b"\x00garbage" * 512)
    with pytest.warns(RuntimeWarning, match="corrupt"):
        cache = TranslationCache(path)
        assert cache.get_many(KEY, ["乡村"]) == {}
    cache.close()


@contextmanager
def another_run_holding(path: Path, *statements: str) -> Iterator[list[str]]:
    """A cache with one translation, another connection that has run ``statements`` (taking a
    lock) for as long as the block lasts, and the list the cache's warnings go to."""
    with TranslationCache(path) as first:
        first.put_many(KEY, [("乡村", "village")])
    holder = sqlite3.connect(path, isolation_level=None)
    for sql in statements:
        holder.execute(sql)
    try:
        yield []
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_existing_cache_opens_while_another_run_writes(tmp_path):
    """Opening a cache that exists only reads it, so a writer elsewhere (WAL) does not lock it out."""
    path = tmp_path / CACHE_FILE
    with another_run_holding(path, "BEGIN IMMEDIATE") as warnings:
        with TranslationCache(path, warn=warnings.append, timeout=0.2) as cache:
            assert cache.get_many(KEY, ["乡村"]) == {"乡村": "village"}
            assert warnings == [] and cache.enabled


def test_locked_file_is_bypassed(tmp_path):
    path = tmp_path / CACHE_FILE
    # a writer outside WAL locks out readers too
    with another_run_holding(path, "PRAGMA journal_mode = DELETE", "BEGIN EXCLUSIVE") as warnings:
        cache = TranslationCache(path, warn=warnings.append, timeout=0.2)
        engine = DictEngine(TABLE)
        assert cached_translate(engine, ["乡村", "振兴"], cache) == ["village", "revitalization"]
        assert len(warnings) == 1 and "running without" in warnings[0]
        assert not cache.enabled


def test_unusable_folder_is_bypassed(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    warnings: list[str] = []
    cache = TranslationCache(blocker / CACHE_FILE, warn=warnings.append)
    assert cached_translate(DictEngine(TABLE), ["乡村"], cache) == ["village"]
    assert len(warnings) == 1 and "without a cache" in warnings[0]


def test_disabled_cache_touches_nothing(tmp_path):
    path = tmp_path / CACHE_FILE
    cache = TranslationCache(path, enabled=False)
    cache.put_many(KEY, [("乡村", "village")])
    assert cache.get_many(KEY, ["乡村"]) == {}
    engine = DictEngine(TABLE)
    cached_translate(engine, ["乡村"], cache)
    cached_translate(engine, ["乡村"], cache)
    assert len(engine.calls) == 2
    assert not path.exists()


def test_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("EVALKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    assert TranslationCache.from_env().path == tmp_path / CACHE_FILE
    assert TranslationCache.from_env().enabled
    assert not TranslationCache.from_env(enabled=False).enabled
    monkeypatch.setenv("EVALKIT_NO_CACHE", "1")
    assert cache_disabled_by_env() and not TranslationCache.from_env().enabled
    monkeypatch.delenv("EVALKIT_NO_CACHE")
    monkeypatch.setenv("EVALKIT_CACHE_DIR", "off")
    assert not TranslationCache.from_env().enabled
    monkeypatch.delenv("EVALKIT_CACHE_DIR")
    from platformdirs import user_cache_dir

    assert cache_dir() == Path(user_cache_dir("evalkit", appauthor=False))
