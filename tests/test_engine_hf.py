"""The hf engine on a tiny random-weight Marian model the tests build: batching, decoding, scores, errors."""

from __future__ import annotations

import json
import math
import shutil
import time

import pytest

from evalkit.cache import TranslationCache, cached_translate, key_parts
from evalkit.engines.base import ScoringEngine, length_buckets, run_with_halving
from evalkit.engines.hf import HFEngine, output_cap
from evalkit.runs import cpu_threads
from evalkit.errors import ModelError
from tests.tinymodel import source_lines

# Short caps keep the random model (which rarely stops by itself) fast; one thread is quicker for
# a model this small and does not suffer when other work shares the CPUs.
FAST = {"max_new_tokens": 24, "threads": 1}


@pytest.fixture(scope="module")
def engine(tiny_marian):
    return HFEngine(str(tiny_marian), batch_size=4, **FAST)


@pytest.fixture(scope="module")
def sources():
    lines = source_lines()
    # lengths deliberately mixed, so that length bucketing reorders them
    return [lines[i % len(lines)][: 5 + (i * 37) % 60] for i in range(11)]


def test_building_the_engine_loads_no_weights(tiny_marian):
    start = time.perf_counter()
    eng = HFEngine(str(tiny_marian))
    assert time.perf_counter() - start < 1.0
    assert not eng.loaded
    assert eng.name == "hf" and eng.model == str(tiny_marian)
    assert isinstance(eng, ScoringEngine)


def test_one_translation_per_input_in_input_order(engine, sources):
    batched = engine.translate(sources)
    assert len(batched) == len(sources) and all(isinstance(t, str) for t in batched)
    one_by_one = [engine.translate([s])[0] for s in sources]
    assert batched == one_by_one
    assert len(set(batched)) > len(sources) // 2  # the outputs depend on the input
    assert engine.failed == []


def test_batch_size_does_not_change_translations(tiny_marian, engine, sources):
    big = HFEngine(str(tiny_marian), batch_size=32, **FAST)
    assert big.translate(sources) == engine.translate(sources)


def test_decoding_is_deterministic(tiny_marian, engine, sources):
    first = engine.translate(sources)
    assert engine.translate(sources) == first
    assert HFEngine(str(tiny_marian), **FAST).translate(sources) == first


def test_beam_search(tiny_marian, sources):
    eng = HFEngine(str(tiny_marian), beam_size=3, batch_size=4, **FAST)
    out = eng.translate(sources[:5])
    assert len(out) == 5
    assert eng.translate(sources[:5]) == out


def test_output_length_is_capped_by_input_length(tiny_marian, sources):
    eng = HFEngine(str(tiny_marian), max_length_ratio=0.5, max_length_offset=2, batch_size=4, threads=1)
    out = eng.translate(sources)
    tok = eng._tokenizer
    for src, tgt in zip(sources, out):
        n_src = len(tok(src)["input_ids"])
        n_tgt = len(tok(text_target=tgt, add_special_tokens=False)["input_ids"])
        # re-tokenising decoded text can merge or split a piece or two
        assert n_tgt <= math.ceil(0.5 * n_src + 2) + 2


def test_min_new_tokens_forces_length(tiny_marian):
    eng = HFEngine(str(tiny_marian), min_new_tokens=12, max_new_tokens=12, threads=1)
    out = eng.translate(["乡村"])
    assert out[0]  # twelve tokens of text, not an immediate end


def test_empty_batch(engine):
    assert engine.translate([]) == []
    assert engine.score([], []) == []


def test_forced_decoding_scores(engine, sources):
    targets = ["Si County, Anhui: Party building leads rural governance", "Village", ""]
    scores = engine.score(sources[:3], targets)
    assert len(scores) == 3
    for target, tokens in zip(targets, scores):
        expected = engine._tokenizer.convert_ids_to_tokens(engine._tokenizer(text_target=target)["input_ids"])
        assert [t for t, _ in tokens] == expected  # one per target token, end token included
        assert tokens[-1][0] == "</s>"
        assert all(math.isfinite(lp) and lp < 0 for _, lp in tokens)
    # scoring alone or in a batch gives the same numbers
    alone = engine.score([sources[1]], [targets[1]])[0]
    assert [t for t, _ in alone] == [t for t, _ in scores[1]]
    assert all(abs(a - b) < 1e-4 for (_, a), (_, b) in zip(alone, scores[1]))


def test_torch_threads_follow_the_cpu_count(tiny_marian):
    import torch

    before = torch.get_num_threads()
    try:
        HFEngine(str(tiny_marian), max_new_tokens=2).translate(["乡村"])
        assert torch.get_num_threads() == cpu_threads()
    finally:
        torch.set_num_threads(before)


class FlakyHFEngine(HFEngine):
    """A real HFEngine whose model fails on any batch that holds a poisoned input (like an OOM)."""

    poison_id: int = -1

    def _load(self):
        if self._model is not None:
            return
        super()._load()
        real_generate = self._model.generate
        engine = self

        def generate(*args, **kwargs):
            if (kwargs["input_ids"] == engine.poison_id).any():
                raise RuntimeError("CUDA out of memory (injected)")
            return real_generate(*args, **kwargs)

        self._model.generate = generate


def test_failed_batches_are_split_and_failures_recorded(tiny_marian, engine, sources):
    eng = FlakyHFEngine(str(tiny_marian), batch_size=8, **FAST)
    eng._load()
    poison = "泗县"
    eng.poison_id = eng._tokenizer(poison)["input_ids"][-2]  # its last piece before </s>
    batch = [s for s in sources if eng.poison_id not in eng._tokenizer(s)["input_ids"]][:6]
    batch.insert(2, poison)
    out = eng.translate(batch)
    assert eng.failed == [2]
    assert out[2] == ""
    expected = engine.translate(batch[:2] + batch[3:])
    assert out[:2] + out[3:] == expected
    assert "out of memory" in eng.last_error


def test_run_with_halving_isolates_bad_items():
    calls = []

    def run(indices):
        calls.append(list(indices))
        if 3 in indices or 5 in indices:
            raise RuntimeError("boom")
        return [i * 10 for i in indices]

    results = [None] * 8
    failed: list[int] = []
    run_with_halving(run, list(range(8)), results, failed)
    assert sorted(failed) == [3, 5]
    assert results == [0, 10, 20, None, 40, None, 60, 70]


def test_length_buckets_and_caps():
    buckets = length_buckets([3, 9, 1, 9, 5], 2)
    assert buckets == [[1, 3], [4, 0], [2]]
    assert output_cap(10, 2.0, 5, 512, 0, 510) == 25
    assert output_cap(10, 2.0, 5, 20, 0, 510) == 20
    assert output_cap(10, 2.0, 5, 512, 40, 510) == 40
    assert output_cap(400, 2.0, 5, 1024, 0, 510) == 510


def test_cached_run_does_no_model_work(tiny_marian, sources, tmp_path):
    cache = TranslationCache(tmp_path / "cache.sqlite3")
    first = HFEngine(str(tiny_marian), **FAST)
    out = cached_translate(first, sources, cache)
    assert first.loaded
    second = HFEngine(str(tiny_marian), **FAST)
    assert cached_translate(second, sources, cache) == out
    assert not second.loaded  # every segment came from the cache: the weights were never read
    other_options = HFEngine(str(tiny_marian), beam_size=2, **FAST)
    assert cache.get_many(key_parts(other_options), sources) == {}


def test_loads_a_hub_name_from_the_local_hub_cache(tiny_marian, tmp_path, monkeypatch, engine):
    import huggingface_hub.constants as hub_constants

    commit = "0" * 40
    repo = tmp_path / "hub" / "models--evalkit-tests--tiny-marian"
    shutil.copytree(tiny_marian, repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit)
    monkeypatch.setattr(hub_constants, "HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    eng = HFEngine("evalkit-tests/tiny-marian", **FAST)
    assert eng.source.revision == commit
    assert eng.translate(["乡村振兴"]) == engine.translate(["乡村振兴"])


def test_missing_model_offline_fails_fast_and_says_how_to_fix(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    start = time.perf_counter()
    with pytest.raises(ModelError) as info:
        HFEngine("evalkit-tests/no-such-model")
    assert time.perf_counter() - start < 2.0
    message = str(info.value)
    assert "'evalkit-tests/no-such-model'" in message
    assert "not in the local Hugging Face cache" in message
    assert "--model /path/to/model" in message and "--engine lexicon" in message
    assert "\n" not in message


def test_missing_model_unreachable_hub_fails_fast(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # the discard port: nothing listens
    monkeypatch.setenv("EVALKIT_HUB_TIMEOUT", "2")
    start = time.perf_counter()
    with pytest.raises(ModelError, match="hub is unreachable") as info:
        HFEngine("evalkit-tests/unreachable-model")
    assert time.perf_counter() - start < 5.0
    assert "hf download evalkit-tests/unreachable-model" in str(info.value)


def test_bad_folders(tmp_path):
    with pytest.raises(ModelError, match="no such model folder"):
        HFEngine(str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match="no config.json"):
        HFEngine(str(tmp_path))
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "gpt2"}))
    with pytest.raises(ModelError, match="no weights"):
        HFEngine(str(tmp_path))
    (tmp_path / "model.safetensors").write_bytes(b"")
    with pytest.raises(ModelError, match="not sequence-to-sequence"):
        HFEngine(str(tmp_path))


def test_unloadable_weights_are_a_model_error_on_first_use(tiny_marian, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_marian, broken)
    (broken / "model.safetensors").write_bytes(b"not safetensors")
    eng = HFEngine(str(broken))  # cheap checks pass: the weights are read lazily
    with pytest.raises(ModelError, match="cannot load model"):
        eng.translate(["乡村"])
