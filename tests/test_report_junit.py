"""JUnit XML: a testsuite per file, a testcase per segment, failures for the segments that fail the gate."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from evalkit.config import Settings
from tests.test_report_contract import ReporterContract, clean_report, gate_report, hostile_report


class TestJunitReporter(ReporterContract):
    name = "junit"

    def check_output(self, text, reports):
        root = ET.fromstring(text.encode("utf-8"))
        assert root.tag == "testsuites"
        suites = root.findall("testsuite")
        assert len(suites) == len(reports)
        for suite, report in zip(suites, reports):
            cases = suite.findall("testcase")
            assert len(cases) == len(report.document.segments) + 1  # + the scores case
            assert int(suite.get("tests")) == len(cases)
            assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)


def test_failures_follow_the_gate():
    reports, _ = gate_report()
    text = TestJunitReporter().render(reports, Settings(fail_on="minor"))
    root = ET.fromstring(text)
    failed = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    assert failed == {"price", "cadres", "hello"}
    case = next(c for c in root.iter("testcase") if c.get("name") == "price")
    assert case.get("line") == "11" and case.get("file") .endswith("gate.xlf")
    assert "gate.xlf:11:30" in case.find("failure").text
    # at fail_on=major the minor spacing finding no longer fails its segment, but is still reported
    root = ET.fromstring(TestJunitReporter().render(reports, Settings(fail_on="major")))
    failed = {c.get("name") for c in root.iter("testcase") if c.find("failure") is not None}
    assert failed == {"price", "hello"}
    cadres = next(c for c in root.iter("testcase") if c.get("name") == "cadres")
    assert "grass -roots" in cadres.find("system-out").text


def test_score_thresholds_fail_the_scores_case():
    root = ET.fromstring(TestJunitReporter().render([clean_report()], Settings(min_chrf=101.0)))
    scores = next(c for c in root.iter("testcase") if c.get("name") == "scores")
    assert "min_chrf" in scores.find("failure").get("message")


def test_control_characters_do_not_break_the_xml():
    text = TestJunitReporter().render([hostile_report()], Settings(fail_on="minor"))
    ET.fromstring(text)
    assert "\x07" not in text
