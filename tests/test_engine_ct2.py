"""The ct2 engine: converts the tiny test model once, agrees with hf, and reuses its conversion."""

from __future__ import annotations

import time

import pytest

import evalkit.engines.ct2 as ct2_module
from evalkit.cache import key_parts
from evalkit.engines.base import ScoringEngine
from evalkit.engines.ct2 import MARKER, CT2Engine
from evalkit.engines.hf import HFEngine
from evalkit.errors import ModelError
from tests.tinymodel import source_lines

FAST = {"max_new_tokens": 24, "threads": 1}


@pytest.fixture(scope="module")
def conversions(tmp_path_factory):
    return tmp_path_factory.mktemp("ct2-conversions")


@pytest.fixture(scope="module")
def sources():
    lines = source_lines()
    return [lines[i % len(lines)][: 5 + (i * 37) % 60] for i in range(11)]


@pytest.fixture(scope="module")
def hf(tiny_marian):
    return HFEngine(str(tiny_marian), batch_size=4, **FAST)


@pytest.fixture(scope="module")
def ct2_float32(tiny_marian, conversions):
    return CT2Engine(str(tiny_marian), compute_type="float32", cache_dir=conversions, batch_size=4, **FAST)


def test_building_the_engine_converts_nothing(tiny_marian, tmp_path):
    eng = CT2Engine(str(tiny_marian), cache_dir=tmp_path, **FAST)
    assert not eng.loaded and not eng.converted
    assert not any(tmp_path.iterdir())
    assert eng.name == "ct2" and isinstance(eng, ScoringEngine)
    assert eng.resolved_compute_type() == "int8"  # the CPU default


def test_float32_conversion_agrees_with_hf(ct2_float32, hf, sources):
    assert ct2_float32.translate(sources) == hf.translate(sources)
    assert ct2_float32.converted
    assert (ct2_float32.conversion_dir() / MARKER).is_file()


def test_float32_scores_agree_with_hf(ct2_float32, hf, sources):
    targets = hf.translate(sources[:4]) + ["Si County, Anhui: Party building leads rural governance", ""]
    srcs = sources[:4] + sources[4:6]
    ours, theirs = ct2_float32.score(srcs, targets), hf.score(srcs, targets)
    for a, b in zip(ours, theirs):
        assert [t for t, _ in a] == [t for t, _ in b]
        assert all(abs(x - y) < 1e-3 for (_, x), (_, y) in zip(a, b))
        assert all(x < 0 for _, x in a)


def test_int8_agrees_with_hf_within_quantisation(tiny_marian, conversions, hf, sources):
    eng = CT2Engine(str(tiny_marian), compute_type="int8", cache_dir=conversions, **FAST)
    expected = hf.translate(sources)
    out = eng.translate(sources)
    assert len(out) == len(sources)
    assert sum(a == b for a, b in zip(out, expected)) >= len(sources) // 2
    ours, theirs = eng.score(sources, expected), hf.score(sources, expected)
    diffs = [abs(x - y) for a, b in zip(ours, theirs) for (_, x), (_, y) in zip(a, b)]
    assert len(diffs) == sum(len(b) for b in theirs)
    assert sum(diffs) / len(diffs) < 0.1 and max(diffs) < 1.0


def test_batching_keeps_order(ct2_float32, sources):
    assert ct2_float32.translate(sources) == [ct2_float32.translate([s])[0] for s in sources]
    assert ct2_float32.translate([]) == [] and ct2_float32.score([], []) == []


def test_workers_share_a_batch_and_agree_with_one_worker(tiny_marian, conversions, hf, sources):
    """Two single-threaded workers translate a batch each, side by side; output and order unchanged."""
    fast = {**FAST, "threads": 2}
    eng = CT2Engine(str(tiny_marian), compute_type="float32", cache_dir=conversions, batch_size=8, **fast)
    assert eng.translate(sources) == hf.translate(sources)
    assert eng._workers == 2 and eng._call_size() == 16
    # a full call is a batch per worker; a short one is shared out, never beyond the batch size
    assert [eng._sub_batch(n) for n in (16, 9, 8, 3, 1)] == [8, 5, 4, 2, 1]
    scores = eng.score(sources[:5], hf.translate(sources[:5]))
    assert [len(s) for s in scores] == [len(s) for s in hf.score(sources[:5], hf.translate(sources[:5]))]


def test_batch_size_one_keeps_every_worker_busy(tiny_marian, conversions, hf, sources):
    """At batch size 1 each call takes one input per worker, and translations do not change."""
    eng = CT2Engine(str(tiny_marian), compute_type="float32", cache_dir=conversions, batch_size=1,
                    **{**FAST, "threads": 2})
    assert eng.translate(sources) == hf.translate(sources)
    assert eng._call_size() == 2 and eng._sub_batch(2) == 1 and eng._sub_batch(1) == 1


@pytest.mark.parametrize(
    ("threads", "split"), [(1, (1, 1)), (2, (2, 1)), (3, (3, 1)), (4, (4, 1)), (8, (4, 2)), (16, (4, 4))]
)
def test_thread_split_prefers_single_threaded_workers(threads, split):
    workers, per_worker = ct2_module.thread_split(threads)
    assert (workers, per_worker) == split and workers * per_worker <= threads


def test_beam_search(tiny_marian, conversions, sources):
    eng = CT2Engine(str(tiny_marian), compute_type="float32", cache_dir=conversions, beam_size=3, **FAST)
    out = eng.translate(sources[:4])
    assert len(out) == 4 and eng.translate(sources[:4]) == out


def test_conversion_is_reused(tiny_marian, ct2_float32, conversions, sources):
    ct2_float32.translate(sources[:1])
    folder = ct2_float32.conversion_dir()
    stamp = (folder / "model.bin").stat().st_mtime_ns
    again = CT2Engine(str(tiny_marian), compute_type="float32", cache_dir=conversions, **FAST)
    assert again.conversion_dir() == folder
    start = time.perf_counter()
    again.translate(sources[:1])
    assert not again.converted
    assert (folder / "model.bin").stat().st_mtime_ns == stamp
    assert time.perf_counter() - start < 5


def test_interrupted_conversion_is_redone(tiny_marian, tmp_path):
    eng = CT2Engine(str(tiny_marian), compute_type="float32", cache_dir=tmp_path, **FAST)
    folder = eng.conversion_dir()
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"half a model")  # no marker: a conversion cut short
    assert len(eng.translate(["乡村"])) == 1
    assert eng.converted and (folder / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]  # no work folders left behind


def test_conversion_lives_in_the_evalkit_cache(tiny_marian, tmp_path, monkeypatch):
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(tmp_path))
    int8 = CT2Engine(str(tiny_marian), **FAST).conversion_dir()
    f32 = CT2Engine(str(tiny_marian), compute_type="float32", **FAST).conversion_dir()
    assert int8.parent == tmp_path / "ct2" == f32.parent
    assert int8.name.startswith(tiny_marian.name) and int8.name.endswith("-int8")
    assert f32 != int8


def test_cache_keys_tell_engines_and_quantisations_apart(tiny_marian, conversions, hf):
    int8 = CT2Engine(str(tiny_marian), cache_dir=conversions, **FAST)
    f32 = CT2Engine(str(tiny_marian), compute_type="float32", cache_dir=conversions, **FAST)
    assert len({key_parts(int8), key_parts(f32), key_parts(hf)}) == 3


def test_missing_ctranslate2_says_what_to_install(tiny_marian, monkeypatch):
    monkeypatch.setattr(ct2_module, "_ct2_installed", lambda: False)
    with pytest.raises(ModelError, match=r"pip install .evalkit-l10n\[ct2\]."):
        CT2Engine(str(tiny_marian))


def test_unconvertible_model_type_is_refused_at_once(tiny_marian, tmp_path):
    import json
    import shutil

    other = tmp_path / "other"
    shutil.copytree(tiny_marian, other)
    config = json.loads((other / "config.json").read_text())
    config["model_type"] = "prophetnet"
    (other / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="does not convert 'prophetnet' models; use --engine hf"):
        CT2Engine(str(other), cache_dir=tmp_path)


def test_missing_model(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match="not in the local Hugging Face cache"):
        CT2Engine("evalkit-tests/no-such-model", cache_dir=tmp_path)
    with pytest.raises(ModelError, match="no such model folder"):
        CT2Engine(str(tmp_path / "nowhere"), cache_dir=tmp_path)
