"""Settings from evalkit.toml / pyproject.toml and the command line."""

from __future__ import annotations

import pytest

from evalkit.config import load_settings
from evalkit.errors import ConfigError


def test_defaults_without_a_config(tmp_path):
    s = load_settings(None, {}, cwd=tmp_path)
    assert s.fail_on == "major" and s.engine == "auto" and s.format == "text"


def test_pyproject_table_is_read_and_flags_override_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.evalkit]\nfail_on = "critical"\nmin_chrf = 40\n', encoding="utf-8")
    assert load_settings(None, {}, cwd=tmp_path).fail_on == "critical"
    assert load_settings(None, {"fail_on": "minor"}, cwd=tmp_path).fail_on == "minor"
    assert load_settings(None, {}, cwd=tmp_path).min_chrf == 40


def test_evalkit_toml_found_from_a_subfolder(tmp_path):
    (tmp_path / "evalkit.toml").write_text('engine = "lexicon"\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert load_settings(None, {}, cwd=sub).engine == "lexicon"


@pytest.mark.parametrize(
    "body, needle",
    [
        ('fail_one = "major"\n', "unknown key 'fail_one'"),
        ('disable = ["no-such-check"]\n', "unknown check 'no-such-check'"),
        ('fail_on = "sometimes"\n', "fail_on"),
        ("fail_on = [\n", "not valid TOML"),
    ],
)
def test_bad_config_is_an_error(tmp_path, body, needle):
    path = tmp_path / "evalkit.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=needle.replace("[", r"\[")):
        load_settings(str(path), {})
