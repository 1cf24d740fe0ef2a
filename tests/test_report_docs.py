"""docs/ci.md stays true: its workflows parse, its evalkit commands parse, its screenshot exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from evalkit.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ci.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def _commands() -> list[str]:
    """The evalkit command lines inside the doc's code blocks, comments and redirections off."""
    code = "\n".join(re.findall(r"```\w*\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S))
    found = re.findall(r"(?<![`\w])(evalkit (?:check|baseline|checks)\b[^\n]*)", code)
    return sorted({c.split(">>")[0].split(" #")[0].strip() for c in found if "..." not in c})


def test_the_doc_shows_real_commands():
    assert len(_commands()) >= 8


@pytest.mark.parametrize("command", _commands())
def test_every_evalkit_command_in_the_doc_parses(command):
    args = shlex.split(command, comments=True)[1:]
    build_parser().parse_args(args)  # exits 2 on an unknown flag or choice


def test_workflows_are_valid_yaml():
    import yaml
    blocks = [yaml.safe_load(b) for b in _blocks("yaml")]
    github = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
    steps = github["jobs"]["evalkit"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert any("GITHUB_STEP_SUMMARY" in s.get("run", "") for s in steps)
    assert any("--format github" in s.get("run", "") for s in steps)
    gitlab = next(b for b in blocks if isinstance(b, dict) and "evalkit" in b and "script" in b["evalkit"])
    assert gitlab["evalkit"]["artifacts"]["reports"]["junit"] == "evalkit-junit.xml"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "evalkit" and hooks[0]["entry"].startswith("evalkit check")


def test_screenshot_is_a_png():
    png = ROOT / "docs" / "html-report.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "html-report.png" in DOC.read_text(encoding="utf-8")


def test_config_example_is_accepted(tmp_path):
    from evalkit.config import load_settings

    block = next(b for b in _blocks("toml") if "[tool.evalkit]" in b)
    (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
    settings = load_settings(None, {}, cwd=tmp_path)
    assert settings.fail_on == "major" and settings.severity == {"spaced-hyphen": "major"}


def test_suppressions_example_is_accepted(tmp_path):
    from evalkit.baseline import load_suppressions

    block = next(b for b in _blocks("toml") if "[[suppress]]" in b)
    (tmp_path / "s.toml").write_text(block, encoding="utf-8")
    assert len(load_suppressions(str(tmp_path / "s.toml"))) == 2
