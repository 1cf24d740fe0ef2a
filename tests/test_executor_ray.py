"""--executor ray: windows checked by actors of a local Ray cluster give the report a local run gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import evalkit.pipeline as pipeline
from evalkit.cli import main
from evalkit.config import Settings
from evalkit.pipeline import check_inputs
from evalkit.report.json import JsonReporter
from tests.helpers import run_cli, write_corpus_memory



@pytest.fixture(scope="module")
def jsonl(tmp_path_factory) -> Path:
    """The bundled corpus's aligned sentences, twice over (52 segments), as a JSONL translation memory."""
    return write_corpus_memory(tmp_path_factory.mktemp("tm") / "tm.jsonl")


@pytest.fixture(scope="module")
def cluster():
    """A real Ray cluster on this machine, two CPUs, started by the test and shut down after it."""
    import ray  # in the dev extra: CI installs it
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def _json(path: Path, **settings) -> str:
    s = Settings(engine="lexicon", format="json", cache=False, **settings)
    return JsonReporter().render(check_inputs([str(path)], s, warn=lambda m: None), s)


def test_the_ray_report_is_the_local_report_byte_for_byte(jsonl, cluster, monkeypatch):
    monkeypatch.setattr(pipeline, "WINDOW_SEGMENTS", 8)  # seven windows for two actors
    local = _json(jsonl, jobs=1)
    assert json.loads(local)["findings"] and json.loads(local)["scores"]["ter"] > 0
    assert _json(jsonl, executor="ray", jobs=2) == local


def test_the_command_line_joins_the_cluster_it_is_given(jsonl, cluster, tmp_path):
    # a separate evalkit process joins the test's cluster by its address, as on an existing cluster
    address = cluster.get_runtime_context().gcs_address
    local, remote = tmp_path / "local.json", tmp_path / "ray.json"
    args = ["check", str(jsonl), "--engine", "lexicon", "--format", "json", "--no-cache", "-q", "--fail-on", "never"]
    assert main(args + ["--output", str(local), "--jobs", "1"]) == 0
    out = run_cli(*args, "--output", str(remote), "--executor", "ray", "--ray-address", address)
    assert out.returncode == 0, out.stderr
    assert remote.read_bytes() == local.read_bytes()


def test_executor_ray_without_ray_is_a_usage_error(jsonl, tmp_path):
    # Ray made unimportable in a fresh interpreter, as on an installation without the extra
    code = ("import sys\nsys.modules['ray'] = None\nfrom evalkit.cli import main\n"
            f"sys.exit(main(['check', {str(jsonl)!r}, '--engine', 'lexicon', '--executor', 'ray', "
            f"'--output', {str(tmp_path / 'r.json')!r}]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "evalkit: error: --executor ray needs Ray, which is not installed: pip install 'evalkit-l10n[ray]'"]
    assert not (tmp_path / "r.json").exists()


def test_an_unknown_executor_in_the_config_is_an_error(jsonl, tmp_path):
    config = tmp_path / "evalkit.toml"
    config.write_text('executor = "spark"\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "evalkit", "check", str(jsonl), "--config", str(config)],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == ["evalkit: error: executor = 'spark' is not one of: local, ray"]

