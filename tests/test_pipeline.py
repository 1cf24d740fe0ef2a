"""The pipeline's process settings: the garbage collector's threshold for the length of a run."""

from __future__ import annotations

import gc

import pytest

from evalkit.pipeline import fewer_collections


def test_a_run_raises_the_collection_threshold_and_restores_it():
    before = gc.get_threshold()
    with fewer_collections(123_456):
        assert gc.get_threshold() == (123_456, before[1], before[2])
    assert gc.get_threshold() == before


def test_the_threshold_is_restored_when_a_run_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == before


def test_check_inputs_runs_with_the_raised_threshold(monkeypatch):
    import evalkit.formats.loader as loader
    from evalkit.config import Settings
    from evalkit.pipeline import check_inputs

    seen = []

    def load_inputs(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return []

    monkeypatch.setattr(loader, "load_inputs", load_inputs)
    before = gc.get_threshold()
    assert check_inputs(["x"], Settings(engine="lexicon"), warn=lambda m: None) == []
    assert seen == [100_000] and gc.get_threshold() == before
