"""Symbolic links inside a folder input and files a config names, through the real command line.

By default a link inside a folder input is followed (its text is checked like any file's);
``--no-follow-symlinks`` / ``follow_symlinks = false`` skips it and says so. In CI mode (``CI``
set, or ``--ci``) a link that resolves outside both the folder and the repository root, a
glossary, baseline or suppressions file or a local model folder the config names outside the
repository root, and a ``.evalkit-ignore.toml`` found in the working folder that resolves outside
it, end the run with exit 2 and one line. A hub model name is no local path and is accepted. Paths
given on the command line are the job's own and are read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_robustness_inputs import assert_clean_error, run_batch, snapshot

SECRET = "OUTSIDE-SECRET-91c2"
ROW = {"id": "1", "source": "泗县是安徽省的一个县。", "target": "Si County is a county in Anhui."}


def _jsonl(path: Path, target: str) -> None:
    path.write_text(json.dumps({**ROW, "target": target}, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("links")
    repo, outside = tmp / "repo", tmp / "outside"
    (repo / ".git").mkdir(parents=True)  # a git work tree's marker
    (repo / "in").mkdir()
    (repo / "shared").mkdir()
    outside.mkdir()
    _jsonl(repo / "in" / "a.jsonl", ROW["target"])
    _jsonl(outside / "leak.jsonl", f"{SECRET} is here.")
    _jsonl(repo / "shared" / "common.jsonl", "Si County is common.")
    (repo / "in" / "leak.jsonl").symlink_to(outside / "leak.jsonl")
    (repo / "in2").mkdir()
    _jsonl(repo / "in2" / "a.jsonl", ROW["target"])
    (repo / "in2" / "common.jsonl").symlink_to(repo / "shared" / "common.jsonl")  # inside the repository
    (repo / "in2" / "again.jsonl").symlink_to(repo / "in2" / "a.jsonl")
    (repo / "corpus").mkdir()
    (repo / "corpus" / "source.zh.txt").write_text("泗县是安徽省的一个县。\n", encoding="utf-8")
    (outside / "target.en.txt").write_text(f"{SECRET} County is a county.\n", encoding="utf-8")
    (repo / "corpus" / "target.en.txt").symlink_to(outside / "target.en.txt")
    (outside / "g.csv").write_text(f"source,target\n泗县,{SECRET}\n", encoding="utf-8")
    (repo / "g.csv").write_text("source,target\n泗县,Si County\n", encoding="utf-8")
    (repo / "cfg").mkdir()
    (repo / "cfg" / "out.toml").write_text('glossary = "../outside/g.csv"\n', encoding="utf-8")
    (repo / "cfg" / "baseline.toml").write_text('baseline = "../outside/leak.jsonl"\n', encoding="utf-8")
    (repo / "cfg" / "in.toml").write_text('glossary = "g.csv"\n', encoding="utf-8")
    (repo / "cfg" / "nofollow.toml").write_text("follow_symlinks = false\n", encoding="utf-8")
    (repo / "cfg" / "ci.toml").write_text("ci = false\n", encoding="utf-8")
    (outside / "model").mkdir()  # a local model folder (no config.json: hf says so when it reads it)
    (repo / "models" / "m").mkdir(parents=True)
    (repo / "cfg" / "model-out.toml").write_text('model = "../outside/model"\n', encoding="utf-8")
    (repo / "cfg" / "model-in.toml").write_text('model = "models/m"\n', encoding="utf-8")
    (repo / "cfg" / "model-hub.toml").write_text('model = "Helsinki-NLP/opus-mt-zh-en"\n', encoding="utf-8")
    # suppressions whose one key is the secret: reading them puts it in the error message
    (outside / "ignore.toml").write_text(f"[[suppress]]\n{SECRET} = 1\n", encoding="utf-8")
    (repo / "shared" / "ignore.toml").write_text('[[suppress]]\ncheck = "untranslated"\n', encoding="utf-8")
    (repo / "ignore-out").mkdir()
    (repo / "ignore-out" / ".evalkit-ignore.toml").symlink_to(outside / "ignore.toml")
    (repo / "ignore-in").mkdir()
    (repo / "ignore-in" / ".evalkit-ignore.toml").symlink_to(repo / "shared" / "ignore.toml")
    (repo / "cfg" / "output-out.toml").write_text('output = "../outside/report.json"\n', encoding="utf-8")
    (repo / "cfg" / "output-out-ci.toml").write_text('output = "../outside/report-ci.json"\n', encoding="utf-8")
    (repo / "cfg" / "output-in.toml").write_text('output = "report-in.json"\n', encoding="utf-8")
    (repo / "cfg" / "output-stdout.toml").write_text('output = "-"\n', encoding="utf-8")
    # a repository with no config of its own, below a folder whose evalkit.toml names a file there
    (tmp / "above" / "repo" / ".git").mkdir(parents=True)
    (tmp / "above" / "repo" / "in").mkdir()
    _jsonl(tmp / "above" / "repo" / "in" / "a.jsonl", ROW["target"])
    (tmp / "above" / "g.csv").write_text(f"source,target\n泗县,{SECRET}\n", encoding="utf-8")
    (tmp / "above" / "evalkit.toml").write_text('glossary = "../g.csv"\n', encoding="utf-8")
    (tmp / "work").mkdir()  # a working folder outside the repository its config file is in
    (tmp / "work" / ".evalkit-ignore.toml").write_text(f"[[suppress]]\n{SECRET} = 1\n", encoding="utf-8")
    before = snapshot(tmp)
    common = ["--engine", "lexicon", "--fail-on", "never", "--format", "json"]
    no_ci, ci = {"CI": ""}, {"CI": "true"}
    cases = {
        "default": (["in"], no_ci),
        "no-follow": (["in", "--no-follow-symlinks"], no_ci),
        "no-follow-config": (["in", "--config", "cfg/nofollow.toml"], no_ci),
        "ci-env": (["in"], ci),
        "ci-flag": (["in", "--ci"], no_ci),
        "ci-no-follow": (["in", "--no-follow-symlinks"], ci),
        "ci-link-inside-repo": (["in2"], ci),
        "ci-corpus-link": (["corpus"], ci),
        "corpus-link": (["corpus"], no_ci),
        "config-outside": (["in/a.jsonl", "--config", "cfg/out.toml"], no_ci),
        "ci-config-outside": (["in/a.jsonl", "--config", "cfg/out.toml"], ci),
        "ci-config-baseline-outside": (["in/a.jsonl", "--config", "cfg/baseline.toml"], ci),
        "ci-config-inside": (["in/a.jsonl", "--config", "cfg/in.toml"], ci),
        "ci-command-line-glossary": (["in/a.jsonl", "--glossary", "../outside/g.csv"], ci),
        "ci-key-in-config": (["in/a.jsonl", "--config", "cfg/ci.toml"], no_ci),
        "model-outside": (["in/a.jsonl", "--config", "cfg/model-out.toml", "--engine", "hf"], no_ci),
        "ci-model-outside": (["in/a.jsonl", "--config", "cfg/model-out.toml"], ci),
        "ci-model-outside-flag": (["in/a.jsonl", "--config", "cfg/model-out.toml", "--ci"], no_ci),
        "ci-model-inside": (["in/a.jsonl", "--config", "cfg/model-in.toml"], ci),
        "ci-model-hub": (["in/a.jsonl", "--config", "cfg/model-hub.toml"], ci),
        "ci-command-line-model": (["in/a.jsonl", "--model", "../outside/model"], ci),
        "found-ignore-outside": (["../in/a.jsonl"], no_ci, "ignore-out"),
        "ci-found-ignore-outside": (["../in/a.jsonl"], ci, "ignore-out"),
        "ci-found-ignore-inside": (["../in/a.jsonl"], ci, "ignore-in"),
        "ci-command-line-suppressions": (["../in/a.jsonl", "--suppressions", "../shared/ignore.toml"], ci,
                                         "ignore-out"),
        "output-outside": (["in/a.jsonl", "--config", "cfg/output-out.toml"], no_ci),
        "ci-output-outside": (["in/a.jsonl", "--config", "cfg/output-out-ci.toml"], ci),
        "ci-output-inside": (["in/a.jsonl", "--config", "cfg/output-in.toml"], ci),
        "ci-output-stdout": (["in/a.jsonl", "--config", "cfg/output-stdout.toml"], ci),
        "ci-command-line-output": (["in/a.jsonl", "--output", "../outside/cli.json"], ci),
        "config-above-repository": (["in/a.jsonl"], no_ci, "../above/repo"),
        "ci-config-above-repository": (["in/a.jsonl"], ci, "../above/repo"),
        "ci-working-folder-outside": (["../repo/in/a.jsonl", "--config", "../repo/cfg/nofollow.toml"], ci,
                                      "../work"),
    }
    # config paths are read from the working folder; the config in cfg/ names them from the repository
    results = run_batch([{"argv": ["check", *common, *argv], "env": env, "cwd": (where or [""])[0]}
                         for argv, env, *where in cases.values()], cwd=repo)
    after = snapshot(tmp)
    assert {k: after[k] for k in before} == before  # no input changed
    return {**dict(zip(cases, results)), "written": sorted(set(after) - set(before))}


def _report(result) -> dict:
    assert result.returncode == 0, result
    return json.loads(result.stdout)


def _paths(report: dict) -> list[str]:
    """The input files a report covers."""
    return [f["input"]["path"] for f in report["files"]] if "files" in report else [report["input"]["path"]]


def test_by_default_a_link_inside_a_folder_is_followed(runs):
    assert SECRET in runs["default"].stdout
    assert SECRET in runs["corpus-link"].stdout


@pytest.mark.parametrize("case", ["no-follow", "no-follow-config", "ci-no-follow"])
def test_no_follow_symlinks_skips_links_and_says_so(runs, case):
    r = runs[case]
    report = _report(r)
    assert SECRET not in r.stdout
    assert [line for line in r.stderr.splitlines() if "symbolic link" in line] == [
        "evalkit: warning: skipped 1 symbolic link(s) inside the input folder (--no-follow-symlinks): in/leak.jsonl"]
    assert _paths(report) == ["in/a.jsonl"]  # the folder's own file was checked


@pytest.mark.parametrize("case", ["ci-env", "ci-flag"])
def test_ci_mode_refuses_a_link_out_of_the_repository(runs, case):
    msg = assert_clean_error(runs[case], "in/leak.jsonl", "symbolic link", "outside", "CI mode")
    assert SECRET not in msg


def test_ci_mode_refuses_a_corpus_file_linked_out_of_the_repository(runs):
    assert_clean_error(runs["ci-corpus-link"], "corpus/target.en.txt", "symbolic link", "CI mode")


def test_ci_mode_follows_links_that_stay_in_the_repository(runs):
    report = _report(runs["ci-link-inside-repo"])
    assert "Si County is common." in runs["ci-link-inside-repo"].stdout
    assert _paths(report) == ["in2/a.jsonl", "in2/again.jsonl", "in2/common.jsonl"]


def test_a_config_named_file_outside_the_repository(runs):
    assert SECRET in runs["config-outside"].stdout  # read when not in CI mode (documented)
    for case in ("ci-config-outside", "ci-config-baseline-outside"):
        msg = assert_clean_error(runs[case], "outside the repository root", "config file")
        assert "../outside/" in msg and SECRET not in msg


def test_ci_mode_reads_config_files_inside_the_repository_and_command_line_paths(runs):
    assert "Si County" in runs["ci-config-inside"].stdout
    _report(runs["ci-config-inside"])
    assert SECRET in runs["ci-command-line-glossary"].stdout  # the job's own command line


def test_a_config_file_cannot_turn_ci_mode_off(runs):
    assert_clean_error(runs["ci-key-in-config"], "unknown key 'ci'")


def test_a_config_named_model_folder_outside_the_repository(runs):
    # read as a local folder when not in CI mode: hf finds it is no transformers model
    assert_clean_error(runs["model-outside"], "../outside/model", "config.json")
    for case in ("ci-model-outside", "ci-model-outside-flag"):
        assert_clean_error(runs[case], "model = '../outside/model'", "local path", "outside the repository root",
                           "CI mode", "--model")


@pytest.mark.parametrize("case", ["ci-model-inside", "ci-model-hub", "ci-command-line-model"])
def test_ci_mode_accepts_a_hub_model_a_model_folder_inside_and_the_command_line_model(runs, case):
    _report(runs[case])


def test_a_suppressions_file_found_outside_the_repository(runs):
    # found in the working folder and read when not in CI mode: its text reaches the error line
    assert SECRET in assert_clean_error(runs["found-ignore-outside"], "unknown key")
    for case in ("ci-found-ignore-outside", "ci-working-folder-outside"):
        msg = assert_clean_error(runs[case], ".evalkit-ignore.toml in the working folder",
                                 "outside the repository root", "CI mode", "--suppressions")
        assert SECRET not in msg


def test_ci_mode_reads_a_found_suppressions_file_inside_and_the_command_line_one(runs):
    for case in ("ci-found-ignore-inside", "ci-command-line-suppressions"):
        report = _report(runs[case])
        assert _paths(report) == ["../in/a.jsonl"]
        assert SECRET not in runs[case].stdout


def test_ci_mode_refuses_a_config_named_output_outside_the_repository_and_writes_nothing(runs):
    assert "outside/report.json" in runs["written"]  # written there when not in CI mode (documented)
    assert_clean_error(runs["ci-output-outside"], "output = '../outside/report-ci.json'",
                       "outside the repository root", "CI mode")
    assert "outside/report-ci.json" not in runs["written"]


def test_ci_mode_writes_a_config_named_output_inside_stdout_and_the_command_line_output(runs):
    assert runs["ci-output-inside"].returncode == 0 and "repo/report-in.json" in runs["written"]
    _report(runs["ci-output-stdout"])
    assert runs["ci-command-line-output"].returncode == 0 and "outside/cli.json" in runs["written"]


def test_a_config_found_above_the_repository_does_not_widen_its_root(runs):
    assert SECRET in runs["config-above-repository"].stdout  # found and read when not in CI mode
    msg = assert_clean_error(runs["ci-config-above-repository"], "glossary = '../g.csv'",
                             "outside the repository root", "above/repo")
    assert SECRET not in msg
