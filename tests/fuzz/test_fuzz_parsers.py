"""The parser fuzzer with a fixed budget for CI: a fixed seed, a fixed number of inputs per format."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest

from tests.fuzz.parsers import SEEDS, check, mutate

INPUTS_PER_FORMAT = 400


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_mutated_inputs_give_a_document_or_one_clear_error(fmt):
    rng = random.Random(f"evalkit-fuzz-{fmt}")
    with tempfile.TemporaryDirectory() as tmp:
        for seed in SEEDS[fmt][1]:
            check(fmt, seed.encode("utf-8"), Path(tmp))  # the seeds themselves read cleanly
        for _ in range(INPUTS_PER_FORMAT):
            data = mutate(rng.choice(SEEDS[fmt][1]), rng)
            try:
                check(fmt, data, Path(tmp))
            except Exception as exc:
                raise AssertionError(f"{fmt} reader failed on {data[:2000]!r}") from exc
