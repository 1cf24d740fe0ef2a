"""Meta-evaluation: span, character and segment-level agreement with gold annotations."""

from __future__ import annotations

import json

import pytest

from evalkit.errors import InputError
from evalkit.evaluate import (
    Span,
    Unit,
    char_scores,
    evaluate_files,
    format_table,
    kendall_tau_b,
    pearson,
    read_mqm_tsv,
    span_scores,
)
from tests.helpers import run_cli


def unit(uid, text, *spans, penalty=None):
    sp = [Span(s, e, sev, cat, {"minor": 1, "major": 5, "critical": 10}[sev]) for s, e, sev, cat in spans]
    return Unit(uid, text, sp, sum(s.weight for s in sp) if penalty is None else penalty)


TEXT = "the quick brown fox jumps over the lazy dog"


def test_span_matching_by_overlap_with_overlapping_gold():
    gold = {"1": unit("1", TEXT, (4, 15, "major", "accuracy/mistranslation"), (10, 19, "minor", "fluency/grammar"),
                      (35, 39, "minor", "style/awkward"))}
    pred = {"1": unit("1", TEXT, (16, 19, "minor", "fluency/grammar"), (20, 25, "major", "accuracy/mistranslation"))}
    r = span_scores(pred, gold, ["1"])["all"]
    assert (r["precision"], r["recall"]) == (0.5, pytest.approx(1 / 3, abs=1e-4))  # fox hits; 'jumps' hits nothing
    by_cat = span_scores(pred, gold, ["1"])["by_category"]
    assert by_cat["fluency/grammar"]["recall"] == 1.0 and by_cat["accuracy/mistranslation"]["recall"] == 0.0


def test_character_f1_plain_and_severity_aware():
    gold = {"1": unit("1", TEXT, (4, 9, "major", "accuracy/mistranslation"))}  # 'quick'
    pred = {"1": unit("1", TEXT, (4, 15, "minor", "accuracy/mistranslation"))}  # 'quick brown'
    c = char_scores(pred, gold, ["1"])
    assert c["plain"]["recall"] == 1.0 and c["plain"]["precision"] == pytest.approx(5 / 11, abs=1e-4)
    assert c["severity"]["recall"] == 0.5  # right span, wrong severity: half credit


def test_correlations():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert kendall_tau_b([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(4 / 6)
    assert kendall_tau_b([1, 1, 2], [1, 2, 3]) == pytest.approx(2 / (3 ** 0.5 * 2 ** 0.5))


TSV = (
    "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n"
    "sysA\ttalk.1\t1\t1\trater1\t我们去公园。\tWe go to the <v>garden</v>.\tAccuracy/Mistranslation\tMajor\n"
    "sysA\ttalk.1\t1\t1\trater1\t我们去公园。\tWe go to the garden<v>.</v>\tFluency/Punctuation\tMinor\n"
    "sysA\ttalk.1\t1\t1\trater1\t我们去<v>公园</v>。\tWe go to the garden.\tAccuracy/Omission\tMinor\n"
    "sysB\ttalk.1\t1\t1\trater2\t我们去公园。\tWe go to the park.\tNo-error\tNo-error\n"
)


def test_mqm_tsv_spans_weights_and_omissions(tmp_path):
    path = tmp_path / "mqm.tsv"
    path.write_text(TSV, encoding="utf-8")
    units = read_mqm_tsv(path)
    a, b = units["sysA/talk.1/1"], units["sysB/talk.1/1"]
    assert a.target == "We go to the garden." and b.spans == [] and b.penalty == 0
    assert [(s.start, s.end, s.severity) for s in a.spans] == [(13, 19, "major"), (19, 20, "minor"), (0, 0, "minor")]
    assert a.penalty == pytest.approx(5 + 0.1 + 1)


def _report(path, segments, findings):
    path.write_text(json.dumps({"version": 1, "input": {"kind": "segments"}, "segments": segments,
                                "findings": findings}), encoding="utf-8")


def test_evaluate_a_report_against_an_mqm_tsv(tmp_path):
    tsv = tmp_path / "mqm.tsv"
    tsv.write_text(TSV, encoding="utf-8")
    report = tmp_path / "report.json"
    _report(report, [
        {"id": "sysA/talk.1/1", "target": "We go to the garden.", "target_start": 0, "scores": {"chrf": 40.0}},
        {"id": "sysB/talk.1/1", "target": "We go to the park.", "target_start": 0, "scores": {"chrf": 100.0}},
    ], [{"start": 13, "end": 19, "text": "garden", "category": "accuracy/mistranslation", "severity": "major",
         "check": "x", "message": "", "suggestion": None, "segment": "sysA/talk.1/1"}])
    result = evaluate_files(report, tsv)
    assert result["segments"] == 2 and result["gold_spans"] == 2
    assert result["span"]["all"]["precision"] == 1.0 and result["span"]["all"]["recall"] == 0.5
    assert result["correlation"]["evalkit"]["pearson"] == pytest.approx(1.0)
    assert "chrf" in result["correlation"]
    assert "character level" in format_table(result)


def test_gold_jsonl_offsets_are_split_over_document_segments(tmp_path):
    report = tmp_path / "report.json"
    text = "One sentence here. Two sentence there."
    report.write_text(json.dumps({"version": 1, "input": {"kind": "document"}, "segments": [
        {"id": "1", "target": text[:18], "target_start": 0, "scores": {}},
        {"id": "2", "target": text[19:], "target_start": 19, "scores": {}},
    ], "findings": [{"start": 23, "end": 31, "text": "sentence", "category": "fluency/grammar", "severity": "minor",
                     "check": "x", "message": "", "suggestion": None, "segment": "2"}]}), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"start": 23, "end": 31, "text": "sentence", "category": "fluency/grammar",
                                "severity": "minor", "source": None, "correct": "sentences"}) + "\n", encoding="utf-8")
    result = evaluate_files(report, gold)
    assert result["span"]["all"]["f1"] == 1.0 and result["char"]["plain"]["f1"] == 1.0


def test_reports_and_gold_that_share_nothing_are_an_input_error(tmp_path):
    report = tmp_path / "report.json"
    _report(report, [{"id": "x", "target": "t", "target_start": 0, "scores": {}}], [])
    tsv = tmp_path / "mqm.tsv"
    tsv.write_text(TSV, encoding="utf-8")
    with pytest.raises(InputError):
        evaluate_files(report, tsv)


def test_evaluate_command_line(tmp_path):
    tsv = tmp_path / "mqm.tsv"
    tsv.write_text(TSV, encoding="utf-8")
    report = tmp_path / "report.json"
    _report(report, [{"id": "sysA/talk.1/1", "target": "We go to the garden.", "target_start": 0, "scores": {}}], [])
    proc = run_cli("evaluate", str(report), str(tsv), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["span"]["all"]["recall"] == 0.0
    bad = run_cli("evaluate", str(tmp_path / "missing.json"), str(tsv))
    assert bad.returncode == 2 and "no such report" in bad.stderr
