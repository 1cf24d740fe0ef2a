"""`import evalkit`, `evalkit --help` and a local check must not load torch, transformers or Ray (fast start-up)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "transformers", "ctranslate2", "sentencepiece", "ray")  # ray: only --executor ray imports it

PROBE = """
import sys
{code}
heavy = [m for m in {heavy!r} if m in sys.modules]
print("HEAVY:" + ",".join(heavy))
"""


def _loaded(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", PROBE.format(code=code, heavy=HEAVY)],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1].removeprefix("HEAVY:")


def test_import_evalkit_loads_no_heavy_module():
    assert _loaded("import evalkit, evalkit.pipeline, evalkit.engines, evalkit.cli") == ""


def test_help_loads_no_heavy_module():
    code = "from evalkit.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    assert _loaded(code) == ""


def test_check_with_the_offline_engine_loads_no_heavy_module(tmp_path):
    code = (
        "import os\nos.environ['EVALKIT_CACHE_DIR'] = {d!r}\nfrom evalkit.cli import main\n"
        "main(['check', 'corpora/si-county', '--engine', 'lexicon', '--output', {o!r}, '--format', 'json'])"
    ).format(d=str(tmp_path / "cache"), o=str(tmp_path / "r.json"))
    assert _loaded(code) == ""
