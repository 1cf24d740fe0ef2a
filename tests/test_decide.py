"""The error model's decision stage, its features and its shipped artifact."""

from __future__ import annotations

import json

import pytest

from evalkit.checks.support import TargetWord
from evalkit.decide import model as model_mod
from evalkit.decide.apply import decide_segment
from evalkit.decide.features import FEATURES
from evalkit.decide.model import Thresholds, WordModel
from evalkit.errors import ConfigError
from evalkit.lang.en import en_words
from evalkit.model import Finding, Segment


def _words(text: str) -> list[TargetWord]:
    return [TargetWord(i, w, content=w.content and len(w.text) > 1) for i, w in enumerate(en_words(text))]


def _finding(seg: Segment, start: int, end: int, check: str, severity: str = "minor") -> Finding:
    return Finding(start, end, seg.target[start:end], "accuracy/mistranslation", severity, check, "m", seg.id)


def _write_up(seg, words, ps, severity):
    return Finding(words[0].start, words[-1].end, seg.target[words[0].start : words[-1].end],
                   "accuracy/mistranslation", severity, "error-model", "model", seg.id, confidence=max(ps))


TH = Thresholds(error=0.5, major=0.4, keep=0.5)


def test_a_weak_finding_is_kept_only_where_the_model_backs_it_and_takes_the_models_severity():
    seg = Segment("1", "源", "the red cat sat on the mat")
    words = _words(seg.target)
    weak_red = _finding(seg, 4, 7, "unsupported-span")  # 'red'
    weak_mat = _finding(seg, 23, 26, "unsupported-span")  # 'mat'
    p_err = [0.1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.2]
    p_maj = [0.0, 0.6, 0.0, 0.0, 0.0, 0.0, 0.0]
    out = decide_segment(seg, words, [weak_red, weak_mat], p_err, p_maj, TH, None)
    assert [(f.text, f.severity) for f in out] == [("red", "major")]
    assert out[0].confidence == 0.9


def test_findings_of_other_checks_pass_unchanged_whatever_the_model_says():
    seg = Segment("1", "源", "the red cat")
    words = _words(seg.target)
    strong = _finding(seg, 8, 11, "hallucinated-name", "critical")
    out = decide_segment(seg, words, [strong], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], TH, _write_up)
    assert out == [strong]


def test_the_model_writes_up_runs_of_flagged_words_no_finding_covers():
    seg = Segment("1", "源", "the red cat sat on the mat")
    words = _words(seg.target)
    covered = _finding(seg, 23, 26, "repeated-word")  # 'mat', already reported
    p_err = [0.1, 0.8, 0.7, 0.1, 0.1, 0.1, 0.9]
    p_maj = [0.0, 0.1, 0.2, 0.0, 0.0, 0.0, 0.9]
    out = decide_segment(seg, words, [covered], p_err, p_maj, TH, _write_up)
    model = [f for f in out if f.check == "error-model"]
    assert [(f.text, f.severity) for f in model] == [("red cat", "minor")]
    assert covered in out


def test_a_run_of_flagged_words_stops_at_a_clause_break():
    seg = Segment("1", "源", "red cats sat; big dogs ran, far away")
    words = _words(seg.target)
    out = decide_segment(seg, words, [], [0.9] * len(words), [0.0] * len(words), TH, _write_up)
    assert [f.text for f in out] == ["red cats sat", "big dogs ran", "far away"]


def test_a_run_of_function_words_alone_is_not_written_up():
    seg = Segment("1", "源", "of the cat")
    words = _words(seg.target)
    out = decide_segment(seg, words, [], [0.9, 0.9, 0.1], [0.0, 0.0, 0.0], TH, _write_up)
    assert out == []


def test_the_shipped_model_loads_for_zh_en_only_and_gives_probabilities():
    m = model_mod.for_pair("zh-CN", "en")
    assert m is not None and m.pair == "zh-en"
    assert model_mod.for_pair("en", "de") is None
    p_err, p_maj = m.predict([[0.0] * len(FEATURES), [1.0] * len(FEATURES)])
    assert all(0.0 <= p <= 1.0 for p in p_err + p_maj)
    assert 0 < m.thresholds.error < 1 and 0 < m.thresholds.major <= 1


def _artifact() -> dict:
    from importlib import resources

    return json.loads((resources.files("evalkit.decide") / "models" / "zh-en.json").read_text(encoding="utf-8"))


def test_an_artifact_of_another_version_or_other_features_is_refused(tmp_path):
    meta = _artifact()
    bad = dict(meta, version=99)
    with pytest.raises(ConfigError, match="version 99"):
        WordModel(bad)
    with pytest.raises(ConfigError, match="other features"):
        WordModel(dict(meta, features=list(FEATURES[:-1])))
    path = tmp_path / "m.json"
    path.write_text(json.dumps(meta), encoding="utf-8")
    assert WordModel.from_file(path).thresholds == model_mod.for_pair("zh", "en").thresholds


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(dict(zip(("id", "source", "target", "retranslation"), r)), ensure_ascii=False)
                            + "\n" for r in rows), encoding="utf-8")
    return path


# Fluent MT of a news paragraph, one sentence of it wrong (the meeting's subject), with another
# system's translation as the re-translation.
ROWS = [
    ("1", "市政府昨天召开会议，讨论明年的交通建设计划。", "The city government held a meeting yesterday to discuss next year's transport construction plan.",
     "The municipal government held a meeting yesterday to discuss the transportation construction plan for next year."),
    ("2", "会议决定在城东新建两所小学。", "The meeting decided to build two new hospitals in the west of the city.",
     "The meeting decided to build two new primary schools in the east of the city."),
    ("3", "新学校预计将于后年秋季开学。", "The new schools are expected to open in the autumn of the year after next.",
     "The new schools are expected to open in the fall of the year after next."),
]


def test_the_error_model_runs_only_when_asked_and_then_decides_the_weak_evidence(tmp_path):
    from evalkit.decide.features import WEAK_CHECKS
    from tests.helpers import run_cli

    src = _jsonl(tmp_path / "news.jsonl", ROWS)
    reports = {}
    for name, extra in (("default", []), ("model", ["--error-model"])):
        out = tmp_path / f"{name}.json"
        proc = run_cli("check", str(src), "--engine", "file", "--src-lang", "zh", "--tgt-lang", "en", "--format", "json",
                       "--output", str(out), "--fail-on", "never", *extra, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        reports[name] = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert not [f for f in reports["default"] if f["check"] == "error-model"]
    # by default a weak finding has its check's fixed confidence; with the model, the model's P(error)
    assert {f["confidence"] for f in reports["default"] if f["check"] in WEAK_CHECKS} <= {0.6, 0.8}
    model = [f for f in reports["model"] if f["check"] in (*WEAK_CHECKS, "error-model")]
    th = model_mod.for_pair("zh", "en").thresholds
    assert model and all(f["confidence"] >= min(th.error, th.keep) for f in model)
    # the wrong sentence draws them, where the translation renders the source differently
    assert {f["segment"] for f in model} >= {"2"}
    wrong = " ".join(f["text"] for f in model if f["segment"] == "2")
    assert "hospitals" in wrong or "west" in wrong


def test_error_model_is_a_boolean_setting(tmp_path):
    from tests.helpers import run_cli

    src = _jsonl(tmp_path / "news.jsonl", ROWS[:1])
    (tmp_path / "evalkit.toml").write_text('error_model = "yes"\n', encoding="utf-8")
    proc = run_cli("check", str(src), "--engine", "file", "--config", str(tmp_path / "evalkit.toml"), cwd=tmp_path)
    assert proc.returncode == 2 and "error_model = 'yes' must be true or false" in proc.stderr
