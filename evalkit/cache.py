"""SQLite cache of re-translations, keyed by engine, model, options and source text."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "EVALKIT_CACHE_DIR"  # a folder for the cache; "off", "0", "none" or "" disable it
NO_CACHE_ENV = "EVALKIT_NO_CACHE"  # any value but "", "0" or "false" disables the cache
CACHE_FILE = "translations.sqlite3"
SCHEMA_VERSION = 1
_DISABLE_WORDS = {"", "0", "off", "none", "false", "no"}

# A cache key's parts: (engine name, model, options as canonical JSON).
KeyParts = tuple[str, str, str]
Warn = Callable[[str], None]


def cache_dir() -> Path:
    """The folder evalkit keeps its caches in: $EVALKIT_CACHE_DIR, else the user cache folder."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override and override.strip().lower() not in _DISABLE_WORDS:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("evalkit", appauthor=False))


def cache_disabled_by_env() -> bool:
    """Whether the environment turns the translation cache off."""
    if os.environ.get(NO_CACHE_ENV, "").strip().lower() not in ("", "0", "false", "no"):
        return True
    override = os.environ.get(CACHE_DIR_ENV)
    return override is not None and override.strip().lower() in _DISABLE_WORDS


# Cache folders found unwritable in this process: said once, then left alone.
_UNWRITABLE: set[Path] = set()


def check_cache_folder(warn: Warn) -> bool:
    """Whether the cache folder can be written; when not, say so once on ``warn`` (caching is then
    off for the run: re-translations and the dictionary snapshot are not stored, never an error)."""
    if cache_disabled_by_env():
        return False
    folder = cache_dir()
    if folder in _UNWRITABLE:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _UNWRITABLE.add(folder)
        warn(f"cannot create the cache folder {folder}: {exc}; running without a cache")
        return False
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        _UNWRITABLE.add(folder)
        warn(f"the cache folder {folder} cannot be written ({exc.strerror or exc}); running without a cache "
             f"(nothing is stored for the next run; set {CACHE_DIR_ENV} to a writable folder)")
        return False
    return True


def key_parts(engine: Any) -> KeyParts:
    """The cache key parts of an engine, from its ``cache_key()`` or else its name and model.

    ``cache_key()`` returns a mapping holding ``engine`` and ``model`` plus every option that
    changes the output (beam size, length limits, compute type, model fingerprint ...).
    """
    if hasattr(engine, "cache_key"):
        key = dict(engine.cache_key())
    else:
        key = {"engine": getattr(engine, "name", type(engine).__name__), "model": getattr(engine, "model", None)}
    name = str(key.pop("engine", getattr(engine, "name", type(engine).__name__)))
    model = str(key.pop("model", getattr(engine, "model", None)))
    return name, model, json.dumps(key, sort_keys=True, ensure_ascii=False, default=str)


def _digest(parts: KeyParts, source: str) -> bytes:
    h = hashlib.sha256()
    for part in (*parts, source):
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


class TranslationCache:
    """Re-translations stored in one SQLite file, safe for several processes at once.

    The file runs in WAL mode with a busy timeout, so concurrent runs read while one writes.
    A file that is not a database is moved aside and rebuilt; a locked or unwritable one is
    bypassed. Either way ``warn`` gets one line and the run goes on without crashing.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        enabled: bool = True,
        warn: Warn | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.path = Path(path) if path is not None else cache_dir() / CACHE_FILE
        self.enabled = enabled
        self.timeout = timeout
        self.hits = 0
        self.misses = 0
        self._warn_fn = warn
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._warned = False

    @classmethod
    def from_env(cls, *, enabled: bool = True, warn: Warn | None = None) -> TranslationCache:
        """The default cache, turned off by ``enabled=False`` or by the environment."""
        usable = not cache_disabled_by_env() and cache_dir() not in _UNWRITABLE
        return cls(enabled=enabled and usable, warn=warn)

    # -- public API -------------------------------------------------------------------------

    def get_many(self, parts: KeyParts, sources: Iterable[str]) -> dict[str, str]:
        """The cached translations of those ``sources`` that have one."""
        sources = list(dict.fromkeys(sources))
        conn = self._connection()
        found: dict[str, str] = {}
        if conn is not None and sources:
            digests = {_digest(parts, s): s for s in sources}
            keys = list(digests)
            try:
                with self._lock:
                    for i in range(0, len(keys), 500):  # SQLite's bound-parameter limit
                        chunk = keys[i : i + 500]
                        marks = ",".join("?" * len(chunk))
                        rows = conn.execute(
                            f"SELECT key, translation FROM translations WHERE key IN ({marks})", chunk
                        ).fetchall()
                        for key, translation in rows:
                            found[digests[bytes(key)]] = translation
            except sqlite3.Error as exc:
                self._bypass(f"cannot read the translation cache {self.path}: {exc}; running without it")
                found = {}
        self.hits += len(found)
        self.misses += len(sources) - len(found)
        return found

    def put_many(
        self,
        parts: KeyParts,
        pairs: Iterable[tuple[str, str]] | Mapping[str, str],
        keep_empty: bool = False,
    ) -> None:
        """Store (source, translation) pairs.

        An empty translation usually means the engine failed, so it is skipped unless
        ``keep_empty`` says the engine really translated the text to nothing.
        """
        items = pairs.items() if isinstance(pairs, Mapping) else pairs
        rows = [
            (_digest(parts, src), parts[0], parts[1], parts[2], src, tgt, time.time())
            for src, tgt in items
            if tgt or keep_empty
        ]
        conn = self._connection()
        if conn is None or not rows:
            return
        try:
            with self._lock, conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO translations"
                    " (key, engine, model, options, source, translation, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            self._bypass(f"cannot write the translation cache {self.path}: {exc}; running without it")

    def __len__(self) -> int:
        conn = self._connection()
        if conn is None:
            return 0
        try:
            with self._lock:
                return int(conn.execute("SELECT count(*) FROM translations").fetchone()[0])
        except sqlite3.Error:
            return 0

    def clear(self) -> None:
        """Forget every cached translation."""
        conn = self._connection()
        if conn is not None:
            try:
                with self._lock, conn:
                    conn.execute("DELETE FROM translations")
            except sqlite3.Error as exc:
                self._bypass(f"cannot clear the translation cache {self.path}: {exc}")

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- opening, repairing, bypassing ------------------------------------------------------

    def _connection(self) -> sqlite3.Connection | None:
        if not self.enabled:
            return None
        if self._conn is None:
            with self._lock:
                if self._conn is None and self.enabled:
                    self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._bypass(f"cannot create the cache folder {self.path.parent}: {exc}; running without a cache")
            return None
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                self._bypass(f"cannot open the translation cache {self.path}: {exc}; running without it")
                return None
            moved = self._move_aside()
            if moved is None:
                self._bypass(
                    f"the translation cache {self.path} is corrupt ({exc}) and cannot be moved; running without it"
                )
                return None
            self._warn(
                f"the translation cache {self.path} was corrupt ({exc});"
                f" moved it to {moved.name} and started a new one"
            )
        try:
            return self._connect()
        except sqlite3.Error as exc:
            self._bypass(f"cannot rebuild the translation cache {self.path}: {exc}; running without it")
            return None

    def _connect(self) -> sqlite3.Connection:
        """Open the file, retrying while it is locked until the timeout is spent: a process that
        is creating the file or switching it to WAL can make SQLite answer "locked" at once,
        without waiting out the busy timeout (two runs starting on one new cache)."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return self._connect_once()
            except sqlite3.OperationalError as exc:
                message = str(exc).lower()
                if ("locked" not in message and "busy" not in message) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def _connect_once(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            # WAL lets one process write while others read; switching needs a moment's lock, so an
            # existing cache is only read here, and only a new one is switched and given its tables.
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"translations", "meta"} <= tables:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS translations ("
                    " key BLOB PRIMARY KEY, engine TEXT NOT NULL, model TEXT NOT NULL, options TEXT NOT NULL,"
                    " source TEXT NOT NULL, translation TEXT NOT NULL, created REAL NOT NULL)"
                )
                conn.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            conn.execute("SELECT count(*) FROM translations").fetchone()
        except BaseException:
            conn.close()
            raise
        conn.isolation_level = "DEFERRED"
        return conn

    def _move_aside(self) -> Path | None:
        target = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
        try:
            os.replace(self.path, target)
        except OSError:
            return None
        for suffix in ("-wal", "-shm", "-journal"):
            try:
                os.remove(f"{self.path}{suffix}")
            except OSError:
                pass
        return target

    def _bypass(self, message: str) -> None:
        self.enabled = False
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None
        self._warn(message)

    def _warn(self, message: str) -> None:
        if self._warn_fn is not None:
            self._warn_fn(message)
        else:
            warnings.warn(message, RuntimeWarning, stacklevel=3)


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    # OperationalError is locked, read-only or cannot-open: not the file's fault. The rest
    # ("file is not a database", "database disk image is malformed") is damage to repair.
    return not isinstance(exc, sqlite3.OperationalError)


def cached_translate(
    engine: Any,
    sources: list[str],
    cache: TranslationCache | None,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int | None = None,
) -> list[str]:
    """Translate ``sources`` through ``cache``: only uncached, distinct, non-blank texts reach the engine.

    Results are stored chunk by chunk, so an interrupted run keeps what it has done.
    ``progress(done, total)`` counts the texts sent to the engine. An empty string in the
    output means "no re-translation": the source was blank, the engine failed on it, or the
    model's output was empty. Failures (the indices an engine lists in its ``failed``
    attribute after ``translate``, or every empty output of an engine without one) are never
    cached, so the next run tries them again; a run whose texts are all cached does no model
    work.
    """
    outputs = [""] * len(sources)
    wanted = [s for s in dict.fromkeys(sources) if s.strip()]
    use_cache = cache is not None and getattr(engine, "cacheable", True)
    parts = key_parts(engine) if use_cache else None
    known = cache.get_many(parts, wanted) if use_cache else {}
    misses = [s for s in wanted if s not in known]
    if misses:
        step = chunk_size or max(1, int(getattr(engine, "batch_size", 16) or 16) * 4)
        done = 0
        if progress is not None:
            progress(0, len(misses))
        for i in range(0, len(misses), step):
            chunk = misses[i : i + step]
            translated = engine.translate(chunk)
            if len(translated) != len(chunk):
                from evalkit.errors import ModelError

                raise ModelError(
                    f"engine {getattr(engine, 'name', engine)!r} returned {len(translated)} translations"
                    f" for {len(chunk)} inputs"
                )
            fresh = dict(zip(chunk, translated))
            known.update(fresh)
            if use_cache:
                failed = getattr(engine, "failed", None)
                if failed is None:  # no failure report: an empty output may be a failure, keep it out
                    cache.put_many(parts, fresh)
                else:  # failures are retried next run; an empty translation that is not one is kept
                    bad = {chunk[j] for j in failed}
                    cache.put_many(parts, {s: t for s, t in fresh.items() if s not in bad}, keep_empty=True)
            done += len(chunk)
            if progress is not None:
                progress(done, len(misses))
    for i, source in enumerate(sources):
        outputs[i] = known.get(source, "")
    return outputs
