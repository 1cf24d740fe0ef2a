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


def _props(line: str) -> dict[str, str]:
    fields = _COMMAND.match(line).group(2)
    return dict(kv.split("=", 1) for kv in fields.split(","))


def test_every_annotation_has_an_end():
    lines = TestGithubReporter().render([hostile_report()]).splitlines()
    critical, omission, minor = (_props(line) for line in lines[:3])
    assert (critical["line"], critical["col"], critical["endLine"], critical["endColumn"]) == ("2", "1", "2", "9")
    # a dropped placeholder is an empty span at the end of the target: endColumn == col
    assert omission["endLine"] == omission["line"] and omission["endColumn"] == omission["col"]
    assert int(minor["endColumn"]) - int(minor["col"]) == len("grass -roots")


def test_a_span_over_two_lines_gives_lines_only():
    report = hostile_report()
    text = report.document.target_text
    start = text.index("sentence")
    f = report.findings[0]
    report.findings = [Finding(**{**f.__dict__, "start": start, "end": text.index("script>"),
                                  "text": text[start:text.index("script>")]})]
    props = _props(TestGithubReporter().render([report]).splitlines()[0])
    assert (props["line"], props["endLine"]) == ("1", "2") and "col" not in props and "endColumn" not in props


def test_jsonl_segments_have_real_columns(tmp_path):
    from tests.test_report_contract import run_main

    lines = [
        '{"id": "a", "source": "价格是100元。", "target": "The price is 200 yuan."}',
        # escapes before the span: the column is the character's in the file's line, not the string's
        '{"target": "caf\\u00e9 \\"x\\"\\t 300 yuan", "id": "b", "source": "价格是100元。"}',
    ]
    (tmp_path / "s.jsonl").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    proc = run_main("check", "s.jsonl", "--engine", "lexicon", "--format", "github", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = sorted((int(p["line"]), int(p["col"]), int(p["endColumn"]))
                   for p in map(_props, proc.stdout.splitlines()[:-1]) if "[number-mismatch]" in p["title"])
    assert found == [(1, lines[0].index("200") + 1, lines[0].index("200") + 4),
                     (2, lines[1].index("300") + 1, lines[1].index("300") + 4)]
