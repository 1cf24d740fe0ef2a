"""Usage errors: one line on stderr naming the fix, exit 2, a "did you mean" where one fits."""

from __future__ import annotations

import pytest

from evalkit.cli import main


@pytest.mark.parametrize("argv, line", [
    (["check", "a", "b", "--engine", "nosuch"],
     "evalkit: error: argument --engine: invalid choice: 'nosuch' (choose from 'auto', 'hf', 'ct2', 'lexicon', 'file')"
     " (see evalkit check --help)"),
    (["check", "a", "b", "--engine", "lexcon"],
     "evalkit: error: argument --engine: invalid choice: 'lexcon' (choose from 'auto', 'hf', 'ct2', 'lexicon', 'file');"
     " did you mean 'lexicon'? (see evalkit check --help)"),
    (["check", "a", "--formt", "json"],
     "evalkit: error: unrecognized arguments: --formt json; did you mean '--format'? (see evalkit check --help)"),
    (["baseline", "a", "--fail-on", "majr"],
     "evalkit: error: argument --fail-on: invalid choice: 'majr' (choose from 'never', 'minor', 'major', 'critical');"
     " did you mean 'major'? (see evalkit baseline --help)"),
    (["chek", "a"],
     "evalkit: error: argument COMMAND: invalid choice: 'chek' (choose from 'check', 'baseline', 'checks', 'evaluate');"
     " did you mean 'check'? (see evalkit --help)"),
    (["check"], "evalkit: error: the following arguments are required: PATH (see evalkit check --help)"),
    (["checks", "--zzz"], "evalkit: error: unrecognized arguments: --zzz (see evalkit checks --help)"),
])
def test_a_usage_error_is_one_line_and_exit_2(argv, line, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [line]


def test_help_is_still_the_full_usage(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--help"])
    assert exc.value.code == 0
    assert "--engine" in capsys.readouterr().out
