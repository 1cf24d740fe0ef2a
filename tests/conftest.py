"""Shared pytest fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory):
    """Every cache the tests make (re-translations, the CC-CEDICT snapshot) goes to a folder of this
    session's, not the user's cache folder or the repository; a test that needs its own sets its own."""
    folder = tmp_path_factory.mktemp("evalkit-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("EVALKIT_CACHE_DIR", str(folder))
    # the live runs whose models share the CPUs: this session's only, not every evalkit on the machine
    patch.setenv("EVALKIT_RUNS_DIR", str(tmp_path_factory.mktemp("evalkit-runs")))
    # CI mode is set by the tests of it; the CI service's own CI=true must not change what the rest see
    patch.delenv("CI", raising=False)
    yield folder
    patch.undo()


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory):
    """A tiny random-weight Marian model saved like opus-mt (built once per test session)."""
    from tests.tinymodel import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))
