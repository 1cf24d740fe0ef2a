"""The quality gate: a threshold whose score is missing fails, saying why; it is never skipped."""

from __future__ import annotations

from evalkit.config import Settings
from evalkit.gate import gate_failures
from evalkit.model import Document, Report, Segment
from tests.test_robustness_inputs import run_batch

XLF = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
       '<file source-language="zh" target-language="en" original="a" datatype="plaintext"><body>\n'
       '<trans-unit id="1"><source>泗县是安徽省的一个县。</source></trans-unit>\n'
       '<trans-unit id="2"><source>村里的干部很高兴。</source></trans-unit>\n'
       "</body></file>\n</xliff>\n")
TMX = ('<tmx version="1.4"><header srclang="zh"/><body>'
       '<tu><tuv xml:lang="zh"><seg>泗县是安徽省的一个县。</seg></tuv><tuv xml:lang="de"><seg>Si ist ein Kreis.</seg></tuv></tu>'
       '<tu><tuv xml:lang="zh"><seg>村里的干部很高兴。</seg></tuv></tu></body></tmx>\n')


def _report(segments: list[Segment], scores: dict[str, float]) -> Report:
    doc = Document(name="f.xlf", segments=segments, kind="segments", path="f.xlf", format="xliff")
    return Report(document=doc, findings=[], scores=scores, engine={"name": "lexicon", "model": None}, signature={})


def _untranslated() -> Report:
    segs = [Segment(id="1", source="你好", target="", retranslation="Hello")]
    return _report(segs, {"mqm_penalty": 0.0, "mqm_score": 100.0})


def test_a_file_with_no_target_text_fails_every_threshold_it_is_given():
    reasons = gate_failures([_untranslated()], Settings(fail_on="never", min_chrf=45, max_mqm_penalty=1))
    assert len(reasons) == 2
    assert "chrF++ could not be computed (the file has no target text)" in reasons[0]
    assert "min_chrf 45" in reasons[0]
    assert "max_mqm_penalty 1" in reasons[1] and "no target text" in reasons[1]


def test_no_threshold_no_failure_for_a_missing_score():
    assert gate_failures([_untranslated()], Settings(fail_on="never")) == []


def test_a_target_without_any_retranslation_fails_min_chrf_saying_why():
    segs = [Segment(id="1", source="你好", target="Hello there")]
    report = _report(segs, {"mqm_penalty": 0.0, "mqm_score": 100.0})
    (reason,) = gate_failures([report], Settings(fail_on="never", min_chrf=10, max_mqm_penalty=1))
    assert "no segment has both a target and a re-translation" in reason


def test_scores_that_are_there_are_compared_as_before():
    segs = [Segment(id="1", source="你好", target="Hello there", retranslation="Hello")]
    report = _report(segs, {"chrf": 50.0, "mqm_penalty": 2.0, "mqm_score": 80.0})
    assert gate_failures([report], Settings(fail_on="never", min_chrf=45, max_mqm_penalty=2)) == []
    reasons = gate_failures([report], Settings(fail_on="never", min_chrf=60.0, max_mqm_penalty=1.0))
    assert reasons == ["f.xlf: chrF++ 50.0 below min_chrf 60.0", "f.xlf: MQM penalty 2.0 above max_mqm_penalty 1.0"]


def test_xliff_without_targets_and_tmx_without_the_target_language_fail_the_gate(tmp_path):
    (tmp_path / "none.xlf").write_text(XLF, encoding="utf-8")
    (tmp_path / "none.tmx").write_text(TMX, encoding="utf-8")
    gate = ["--engine", "lexicon", "--min-chrf", "45", "--max-mqm-penalty", "1", "--fail-on", "minor"]
    xlf, tmx, plain = run_batch([["check", "none.xlf", *gate], ["check", "none.tmx", *gate],
                                 ["check", "none.xlf", "--engine", "lexicon", "--fail-on", "never"]], cwd=tmp_path)
    for result, name in ((xlf, "none.xlf"), (tmx, "none.tmx")):
        assert result.returncode == 1, result
        line = result.stderr.strip().splitlines()[-1]
        assert line.startswith("evalkit: gate failed: ")
        assert f"{name}: chrF++ could not be computed (the file has no target text)" in line
        assert "max_mqm_penalty 1.0 is not met" in line
    assert plain.returncode == 0, plain  # no threshold given: nothing to fail
