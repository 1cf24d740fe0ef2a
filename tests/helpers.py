"""Helpers shared by the tests: running the real command line in a subprocess, bad config files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from evalkit.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SI_COUNTY = ROOT / "corpora" / "si-county"
CLEAN_NEWS = ROOT / "corpora" / "clean-news"


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300):
    """Run ``python -m evalkit ARGS`` and return the CompletedProcess (text mode)."""
    full_env = dict(os.environ)
    if cwd is not None:  # a test in a folder of its own gets a cache of its own
        full_env["EVALKIT_CACHE_DIR"] = str(cwd / ".evalkit-test-cache")
    full_env.pop("EVALKIT_DEBUG", None)
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "evalkit", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def check_segments(checks, *pairs, src_lang="en", tgt_lang="fr", kind="segments", meta=None, options=None):
    """Findings of ``checks`` (ids) over segments of (source, target) pairs, as a run makes them
    (prose checks leaving code tokens alone); ``meta`` is given to every segment."""
    from evalkit.checks.base import CheckContext, run_checks, select_checks
    from evalkit.model import Document, Segment
    from evalkit.resources import Resources

    segments = [Segment(str(i), s, t, meta=dict(meta or {})) for i, (s, t) in enumerate(pairs, 1)]
    doc = Document("t", segments, kind=kind, src_lang=src_lang, tgt_lang=tgt_lang)
    ctx = CheckContext(document=doc, resources=Resources(options=dict(options or {})),
                       settings={"src_lang": src_lang, "tgt_lang": tgt_lang})
    found = list(run_checks(select_checks(only=list(checks)), ctx))
    for f in found:
        assert f.text == doc.segment(f.segment).target[f.start:f.end], f
    return found


def write_corpus_memory(path: Path, copies: int = 2) -> Path:
    """The bundled corpus's aligned sentences, ``copies`` times over (26 segments each), as a JSONL
    translation memory at ``path``."""
    import json

    from evalkit.formats.document import read_document_pair

    doc = read_document_pair(SI_COUNTY / "source.zh.txt", SI_COUNTY / "target.en.txt", encoding=None,
                             src_lang="zh", tgt_lang="en")
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for seg in doc.segments:
                if seg.source.strip() and seg.target.strip():
                    out.write(json.dumps({"id": f"{k}-{seg.id}", "source": seg.source, "target": seg.target},
                                         ensure_ascii=False) + "\n")
    return path


def assert_config_error(load: Callable[[str], object], path: Path, body: str, needle: str) -> None:
    """Reading ``path``, written with ``body``, by ``load`` is a ConfigError whose message has ``needle``."""
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(needle)):
        load(str(path))


def traced_peak(work: Callable[[], object]) -> int:
    """The peak of the memory Python allocates (tracemalloc, bytes) while ``work()`` runs."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def blocks_and_newlines(test: Callable) -> Callable:
    """Run a streamed reader's ``test(tmp_path, newline, block)`` with LF, CR LF and lone CR lines,
    at blocks of 3 and 5 bytes (which cut four-byte characters, entities, CDATA and CR LF pairs
    apart), of 64 bytes and of 1 MiB (a small file in one block)."""
    test = pytest.mark.parametrize("block", [3, 5, 64, 1 << 20])(test)
    return pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])(test)
