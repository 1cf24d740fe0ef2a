"""The error-span TSV of the WMT QE task 2, its measures, the naive baselines and the fixed split."""

from __future__ import annotations

import json

import pytest

from evalkit.decide import data
from evalkit.errors import InputError
from evalkit.evaluate import Span, Unit, char_scores, evaluate_files, format_table, read_gold, read_span_tsv
from evalkit.naive import bag_of_gloss, bag_of_words, mark_all
from tests.helpers import run_cli

SRC = "我们去公园。"
ROWS = [
    # system, doc_id, seg_id, annotator, source, target, start_ids, end_ids, errors
    ("sysA", "doc1", "1", "r1", SRC, "We go to the garden.", "13 0", "19 2", "major minor"),
    ("sysB", "doc1", "1", "r2", SRC, "We go to the park.", "-1", "-1", "no-error"),
    ("sysB", "doc1", "1", "r3", SRC, "We go to the park.", "13", "17", "minor"),  # a second annotation
]


def _tsv(path, rows=ROWS, header=False):
    lines = ["mt_system\tdoc_id\tseg_id\tannotator_id\tsource\ttarget\tstart_ids\tend_ids\terrors"] if header else []
    lines += ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("header", [False, True])
def test_span_tsv_rows_offsets_and_severities(tmp_path, header):
    units = read_span_tsv(_tsv(tmp_path / "s.tsv", header=header))
    a = units["sysA/doc1/1"]
    assert [(s.start, s.end, s.severity) for s in a.spans] == [(13, 19, "major"), (0, 2, "minor")]
    assert a.target[13:19] == "garden" and a.penalty == 6.0 and a.meta["source"] == SRC
    assert units["sysB/doc1/1"].spans == [] and units["sysB/doc1/1"].penalty == 0
    assert [(s.start, s.end) for s in units["sysB/doc1/1/r3"].spans] == [(13, 17)]


def test_gold_reader_tells_the_span_tsv_from_the_mqm_tsv(tmp_path):
    units = read_gold(_tsv(tmp_path / "s.tsv"), {})
    assert set(units) == {"sysA/doc1/1", "sysB/doc1/1", "sysB/doc1/1/r3"}


@pytest.mark.parametrize("row, why", [
    (("sysA", "doc1", "1", "r1", SRC, "We go.", "0", "99", "major"), "bad error span"),
    (("sysA", "doc1", "1", "r1", SRC, "We go.", "0 1", "2", "major"), "differ in length"),
    (("sysA", "doc1", "1", "r1", SRC, "We go.", "a", "2", "major"), "integers"),
    (("sysA", "doc1", "1", "r1", SRC, "We go.", "0", "2", "awful"), "bad error span"),
    (("sysA", "doc1", "1", "r1", SRC, "We go.", "0", "2"), "9 tab-separated columns"),
])
def test_bad_span_rows_are_input_errors_with_the_line(tmp_path, row, why):
    path = _tsv(tmp_path / "s.tsv", [ROWS[0], row])
    with pytest.raises(InputError, match=why) as err:
        read_span_tsv(path)
    assert ":2:" in str(err.value)


def test_major_only_character_measure():
    text = "aaaa bbbb cccc"
    gold = {"1": Unit("1", text, [Span(0, 4, "major", "x", 5), Span(5, 9, "minor", "x", 1)])}
    pred = {"1": Unit("1", text, [Span(0, 9, "major", "x", 5), Span(10, 14, "minor", "x", 1)])}
    c = char_scores(pred, gold, ["1"])
    assert c["major"]["precision"] == pytest.approx(4 / 9, abs=1e-4) and c["major"]["recall"] == 1.0
    # severity-aware: 4 right-severity characters, 4 of the other severity at half: 6 / 13 flagged, 6 / 8 gold
    assert c["severity"]["precision"] == pytest.approx(6 / 13, abs=1e-4) and c["severity"]["recall"] == 0.75


def test_naive_detectors():
    u = {"1": Unit("1", "We go to the garden.", meta={"source": SRC})}
    assert [(s.start, s.end, s.severity) for s in mark_all(u)["1"].spans] == [(0, 20, "major")]
    assert [u["1"].target[s.start:s.end] for s in bag_of_words(u, {"1": "we go to the park"})["1"].spans] == ["garden"]
    # 公园 is 'park' to the dictionary; 'garden' is no sense of 我们, 去 or 公园; function words are not flagged
    assert [u["1"].target[s.start:s.end] for s in bag_of_gloss(u, {"1": SRC})["1"].spans] == ["garden"]
    ok = {"1": Unit("1", "We go to the park.")}
    assert bag_of_gloss(ok, {"1": SRC})["1"].spans == []


def _report(path, segments, findings=()):
    path.write_text(json.dumps({"version": 1, "input": {"kind": "segments"}, "segments": segments,
                                "findings": list(findings)}), encoding="utf-8")
    return path


def test_evaluate_command_with_baselines(tmp_path):
    tsv = _tsv(tmp_path / "s.tsv")
    report = _report(tmp_path / "r.json", [
        {"id": "sysA/doc1/1", "source": SRC, "target": "We go to the garden.", "retranslation": "We go to the park.",
         "target_start": 0, "scores": {}},
        {"id": "sysB/doc1/1", "source": SRC, "target": "We go to the park.", "retranslation": "We go to the park.",
         "target_start": 0, "scores": {}},
    ], [{"start": 13, "end": 19, "text": "garden", "category": "accuracy/mistranslation", "severity": "major",
         "check": "x", "message": "", "suggestion": None, "segment": "sysA/doc1/1"}])
    result = evaluate_files(report, tsv, with_baselines=True)
    assert result["char"]["severity"]["precision"] == 1.0 and result["char"]["major"]["f1"] == 1.0
    assert set(result["baselines"]) == {"mark-all-major", "bag-of-words", "bag-of-gloss"}
    assert result["baselines"]["bag-of-words"]["char"]["major"]["f1"] == 1.0
    assert result["baselines"]["mark-all-major"]["char"]["major"]["precision"] == pytest.approx(6 / 38, abs=1e-4)
    assert "severity (WMT23 QE task 2)" in format_table(result) and "baseline mark-all-major" in format_table(result)
    proc = run_cli("evaluate", str(report), str(tsv), "--baselines", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["baselines"]["bag-of-gloss"]["char"]["plain"]["f1"] > 0
    bad = _tsv(tmp_path / "bad.tsv", [ROWS[0][:8]])
    proc = run_cli("evaluate", str(report), str(bad))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_split_by_document_is_fixed_and_whole(tmp_path):
    rows = [(s, f"doc{d}", str(k), "r", SRC, "We go.", "-1", "-1", "no-error")
            for d in range(40) for k in range(3) for s in ("hyp.Online-W", "hyp.X")]
    _tsv(tmp_path / "2021_zh-en.tsv", rows)
    fit, held = data.load(tmp_path, "fit"), data.load(tmp_path, "held-out")
    assert len(fit) + len(held) == len(rows) and not set(fit) & set(held)
    assert not {u.meta["doc_id"] for u in fit.values()} & {u.meta["doc_id"] for u in held.values()}
    assert 4 <= len({u.meta["doc_id"] for u in held.values()}) <= 18  # about a quarter of 40
    assert all(data.held_out(u.meta["doc_id"]) for u in held.values())
    retr = data.retranslations(held)
    assert all(held[i].meta["system"] == "hyp.X" for i in retr)  # Online-W's own rows have no other system here
