"""The command line end to end, through a subprocess: exit codes, JSON contract, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import CLEAN_NEWS, SI_COUNTY, run_cli


@pytest.fixture(scope="module")
def si_county_json(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("run")
    proc = run_cli("check", str(SI_COUNTY), "--engine", "lexicon", "--format", "json", cwd=cwd)
    return proc


def test_si_county_fails_the_gate_with_major_errors(si_county_json):
    assert si_county_json.returncode == 1, si_county_json.stderr
    report = json.loads(si_county_json.stdout)
    assert any(f["severity"] in ("major", "critical") for f in report["findings"])
    assert "gate failed" in si_county_json.stderr


def test_json_report_follows_the_contract(si_county_json):
    report = json.loads(si_county_json.stdout)
    assert report["version"] == 1
    assert report["engine"]["name"] == "lexicon"
    for key in ("bleu", "chrf", "ter", "mqm_penalty", "mqm_score"):
        assert isinstance(report["scores"][key], float)
    target = (SI_COUNTY / "target.en.txt").read_bytes().decode("utf-8")
    for f in report["findings"]:
        assert f["text"] == target[f["start"] : f["end"]]
        assert f["severity"] in ("minor", "major", "critical")
        assert f["category"].count("/") == 1 and f["category"] == f["category"].lower()
        assert set(f) >= {"start", "end", "text", "category", "severity", "check", "message", "suggestion", "segment"}
    seg_ids = {s["id"] for s in report["segments"]}
    assert {f["segment"] for f in report["findings"]} <= seg_ids
    for seg in report["segments"]:
        assert target[seg["target_start"] : seg["target_start"] + len(seg["target"])] == seg["target"]
        if seg["source"] and seg["target"]:
            assert seg["retranslation"], seg
            assert set(seg["scores"]) >= {"bleu", "chrf", "ter"}
    assert report["signature"]["sacrebleu"]["chrf"].startswith("nrefs:1")


def test_reference_scores_appear_when_given(si_county_json):
    report = json.loads(si_county_json.stdout)
    # the corpus folder has reference.en.txt, so the scores against it are in the report
    assert "ref1_chrf" in report["scores"]


def test_text_report_lists_findings_with_context(tmp_path):
    proc = run_cli("check", str(SI_COUNTY), "--engine", "lexicon", cwd=tmp_path)
    assert proc.returncode == 1
    assert "chrF++" in proc.stdout
    assert "grass -roots" in proc.stdout
    assert "suggestion:" in proc.stdout


def test_fail_on_never_passes(tmp_path):
    proc = run_cli("check", str(SI_COUNTY), "--engine", "lexicon", "--fail-on", "never", "--format", "json",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr


def test_clean_translation_passes_the_gate(tmp_path):
    proc = run_cli("check", str(CLEAN_NEWS), "--engine", "lexicon", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr


def test_source_target_pair_equals_corpus_folder(tmp_path):
    pair = run_cli("check", str(SI_COUNTY / "source.zh.txt"), str(SI_COUNTY / "target.en.txt"),
                   "--engine", "lexicon", "--format", "json", cwd=tmp_path)
    assert pair.returncode == 1
    findings = json.loads(pair.stdout)["findings"]
    assert findings and all(f["text"] for f in findings)


def test_missing_model_is_one_clear_line(tmp_path):
    proc = run_cli("check", str(SI_COUNTY), "--engine", "hf", "--model", "Helsinki-NLP/opus-mt-zh-en",
                   cwd=tmp_path, env={"HF_HOME": str(tmp_path / "hf")}, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Helsinki-NLP/opus-mt-zh-en" in lines[0]
    assert "Traceback" not in proc.stderr


def test_auto_engine_falls_back_to_lexicon_with_a_warning(tmp_path):
    proc = run_cli("check", str(SI_COUNTY), "--engine", "auto", "--model", str(tmp_path / "no-such-model"),
                   "--format", "json", cwd=tmp_path, env={"HF_HOME": str(tmp_path / "hf")})
    assert proc.returncode == 1
    assert "falling back" in proc.stderr
    assert json.loads(proc.stdout)["engine"]["name"] == "lexicon"


def test_missing_input_is_exit_2(tmp_path):
    proc = run_cli("check", str(tmp_path / "nope.zh.txt"), str(tmp_path / "nope.en.txt"), cwd=tmp_path)
    assert proc.returncode == 2
    assert "no such file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_option_value_is_exit_2(tmp_path):
    proc = run_cli("check", str(SI_COUNTY), "--fail-on", "sometimes", cwd=tmp_path)
    assert proc.returncode == 2


def test_retranslation_file_is_used_instead_of_an_engine(tmp_path):
    proc = run_cli("check", str(SI_COUNTY), "--retranslation", str(SI_COUNTY / "reference.en.txt"),
                   "--engine", "file", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    reference = (SI_COUNTY / "reference.en.txt").read_text(encoding="utf-8")
    with_retr = [s for s in report["segments"] if s["retranslation"]]
    assert with_retr and all(s["retranslation"] in reference for s in with_retr)


def test_checks_lists_registered_checks():
    proc = run_cli("checks")
    assert proc.returncode == 0
    assert "pinyin" in proc.stdout and "accuracy/untranslated" in proc.stdout


def test_no_command_prints_help_and_exits_2():
    proc = run_cli()
    assert proc.returncode == 2
    assert "check" in proc.stdout


def test_json_for_several_files_keeps_the_contract_keys(tmp_path):
    rows = {
        "a.jsonl": [{"id": "1", "source": "全县共有167个行政村。", "target": "The county has 176 administrative villages."}],
        "b.jsonl": [{"id": "1", "source": "我们去公园散步。", "target": "We went for a walk walk in the park ."}],
    }
    for name, items in rows.items():
        (tmp_path / name).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in items) + "\n",
                                     encoding="utf-8")
    proc = run_cli("check", str(tmp_path), "--engine", "lexicon", "--format", "json", "--fail-on", "never",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["version"] == 1 and len(report["files"]) == 2
    assert {"bleu", "chrf", "ter", "mqm_penalty", "mqm_score"} <= set(report["scores"])
    assert report["scores"]["mqm_penalty"] == round(sum(f["scores"]["mqm_penalty"] for f in report["files"]), 3)
    targets = {(Path(f["input"]["path"]).name, s["id"]): s["target"] for f in report["files"] for s in f["segments"]}
    assert {Path(f["file"]).name for f in report["findings"]} == {"a.jsonl", "b.jsonl"}
    for f in report["findings"]:
        assert targets[(Path(f["file"]).name, f["segment"])][f["start"] : f["end"]] == f["text"]


def test_engine_and_format_choices_are_the_registries():
    from evalkit.cli import build_parser
    from evalkit.engines.base import ENGINES
    from evalkit.report.base import REPORTERS

    check = build_parser()._subparsers._group_actions[0].choices["check"]
    choices = {a.dest: a.choices for a in check._actions if a.choices}
    assert tuple(choices["format"]) == tuple(REPORTERS)
    assert tuple(choices["engine"]) == ("auto", *ENGINES)
