"""Shared pytest fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory):
    """A tiny random-weight Marian model saved like opus-mt (built once per test session)."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("sentencepiece")
    from tests.tinymodel import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))
