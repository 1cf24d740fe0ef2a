"""JUnit XML: a testsuite per file, a testcase per segment, failures for the segments that fail the gate."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from evalkit.config import Settings
from tests.helpers import run_cli
from tests.test_report_contract import ReporterContract, clean_report, gate_report, hostile_report

XSD = Path(__file__).parent / "data" / "junit" / "junit-10.xsd"


def validate(text: str) -> None:
    """Valid against the Jenkins/Ant JUnit schema, or an AssertionError naming the first fault."""
    import xmlschema

    schema = xmlschema.XMLSchema10(XSD)
    errors = list(schema.iter_errors(text))
    assert not errors, "\n".join(f"{e.path}: {e.reason}" for e in errors[:5])


class TestJunitReporter(ReporterContract):
    name = "junit"

    def check_output(self, text, reports):
        validate(text)
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
    suite = root.find("testsuite")
    assert suite.get("file").endswith("gate.xlf") and case.get("file") is None and case.get("line") is None
    assert case.find("failure").get("message").startswith(suite.get("file") + ":11: ")
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


def test_schema_rejects_what_it_should():
    text = TestJunitReporter().render([hostile_report()], Settings(fail_on="minor"))
    validate(text)
    for bad in (text.replace("<testcase ", '<testcase line="2" ', 1),  # where the old reports had it
                text.replace(' failures="', ' nofailures="', 1)):
        with pytest.raises(AssertionError):
            validate(bad)


def test_odd_file_names_stay_valid(tmp_path):
    names = ["zh CN/消息.jsonl", "we,ird:name%.jsonl", "a&b<c>.jsonl"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(
            '{"id": "1", "source": "价格是100元。", "target": "The price is 200 yuan."}\n', encoding="utf-8")
    proc = run_cli("check", *names, "--engine", "lexicon", "--format", "junit", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    validate(proc.stdout)
    suites = ET.fromstring(proc.stdout).findall("testsuite")
    assert [s.get("file") for s in suites] == names
    assert all(s.find("testcase/failure") is not None for s in suites)
