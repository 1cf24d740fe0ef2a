"""Settings from evalkit.toml / pyproject.toml and the command line."""

from __future__ import annotations

import pytest

from evalkit.config import load_settings
from tests.helpers import assert_config_error


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


@pytest.mark.parametrize("body, needle", [
    ('fail_one = "major"\n', "unknown key 'fail_one'"),
    ('disable = ["no-such-check"]\n', "unknown check 'no-such-check'"),
    ('fail_on = "sometimes"\n', "fail_on"),
    ("fail_on = [\n", "not valid TOML"),
    ("min_chrf = 150\n", "min_chrf = 150 is out of range: give a chrF++ score from 0 to 100"),
    ("min_chrf = -1\n", "min_chrf = -1 is out of range"),
    ("max_mqm_penalty = -0.5\n", "max_mqm_penalty = -0.5 is out of range"),
    ("min_translated = 101\n", "min_translated = 101 is not a percentage"),
    ("batch_size = 0\n", "batch_size = 0: give a whole number"),
    ("beam_size = 2.5\n", "beam_size = 2.5: give a whole number"),
    ("jobs = true\n", "jobs = True: give a whole number"),
])
def test_bad_config_is_an_error(tmp_path, body, needle):
    assert_config_error(lambda path: load_settings(path, {}), tmp_path / "evalkit.toml", body, needle)


@pytest.mark.parametrize("body", ["min_chrf = 0\n", "min_chrf = 100\n", "max_mqm_penalty = 0\n", "max_mqm_penalty = 1e6\n"])
def test_the_ends_of_a_range_are_in_it(tmp_path, body):
    path = tmp_path / "evalkit.toml"
    path.write_text(body, encoding="utf-8")
    load_settings(str(path), {})


def test_an_out_of_range_flag_exits_2_with_one_line(tmp_path):
    import subprocess
    import sys

    src, tgt = tmp_path / "s.en.txt", tmp_path / "t.de.txt"
    src.write_text("Open the file.\n", encoding="utf-8")
    tgt.write_text("Öffne die Datei.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "evalkit", "check", str(src), str(tgt), "--min-chrf", "150",
                           "--src-lang", "en", "--tgt-lang", "de", "--quiet"], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["evalkit: error: min_chrf = 150.0 is out of range: give a chrF++ score from 0 to 100"]
