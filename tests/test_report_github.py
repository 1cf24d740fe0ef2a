"""GitHub workflow commands: escaping, most severe first, GitHub's display cap, a closing pointer."""

from __future__ import annotations

import re

from evalkit.model import Finding
from evalkit.report.github import ANNOTATION_CAP, escape_data, escape_property
from tests.test_report_contract import ReporterContract, hostile_report

_COMMAND = re.compile(r"^::(error|warning|notice)(?: ([A-Za-z]+=[^,:]*(?:,[A-Za-z]+=[^,:]*)*))?::(.*)$")


class TestGithubReporter(ReporterContract):
    name = "github"

    def check_output(self, text, reports):
        lines = text.rstrip("\n").split("\n")
        for line in lines:
            assert _COMMAND.match(line), line
        assert lines[-1].startswith("::notice title=evalkit summary::")
        assert "full report" in lines[-1]


def test_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    # what else a log reader may break a line at (a form feed, a Unicode line separator) becomes a space
    assert escape_data("House\x0c0\u2028x\x85y").splitlines() == ["House 0 x y"]
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_hostile_text_cannot_inject_a_command():
    text = TestGithubReporter().render([hostile_report()])
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == 4  # three annotations and the summary
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert "file=docs/hostile%2C a%3Ab%25.md" in lines[0]


def test_most_severe_first_with_lines_and_columns():
    lines = TestGithubReporter().render([hostile_report()]).splitlines()
    assert lines[0].startswith("::error ") and "critical" in lines[0]
    assert "line=2,col=1," in lines[0]
    assert lines[1].startswith("::error ") and "major" in lines[1]
    assert lines[2].startswith("::warning ") and "minor" in lines[2]


def test_capped_at_what_github_displays():
    report = hostile_report()
    f = report.findings[1]
    report.findings = [Finding(**{**f.__dict__, "severity": sev}) for sev in ["minor"] * 15 + ["major"] * 12]
    lines = TestGithubReporter().render([report]).splitlines()
    assert sum(1 for line in lines if line.startswith("::error ")) == ANNOTATION_CAP
    assert sum(1 for line in lines if line.startswith("::warning ")) == ANNOTATION_CAP
    assert "27 finding(s)" in lines[-1] and "7 not shown as annotations" in lines[-1]


def test_closing_line_points_at_the_run_on_github(monkeypatch):
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/app")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    last = TestGithubReporter().render([hostile_report()]).splitlines()[-1]
    assert "https://github.com/acme/app/actions/runs/42" in last
