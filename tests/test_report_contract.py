"""The contract every reporter keeps; each reporter's test module subclasses ReporterContract."""

from __future__ import annotations

import contextlib
import html
import json
import io
import os
import subprocess
from pathlib import Path

import pytest

from evalkit.cli import main

from evalkit.config import Settings
from evalkit.model import Document, Finding, Report, Segment
from evalkit.report.base import REPORTERS, get_reporter

DATA = Path(__file__).parent / "data" / "formats"
HOSTILE = '<script>document.title="pwned"</script> | a,b:c %0A `x` *y* \x07 ::error::fake\nline two'


def run_main(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command line in this process (the dictionaries load once per test run), as a
    CompletedProcess like tests.helpers.run_cli; the acceptance test keeps a real subprocess."""
    out, err = io.StringIO(), io.StringIO()
    old_cwd, old_cache = os.getcwd(), os.environ.get("EVALKIT_CACHE_DIR")
    os.environ["EVALKIT_CACHE_DIR"] = str(cwd / ".evalkit-test-cache")
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(list(args))
    finally:
        os.chdir(old_cwd)
        if old_cache is None:
            os.environ.pop("EVALKIT_CACHE_DIR", None)
        else:
            os.environ["EVALKIT_CACHE_DIR"] = old_cache
    return subprocess.CompletedProcess(["evalkit", *args], rc, out.getvalue(), err.getvalue())


def gate_report(fail_on: str = "minor") -> tuple[list[Report], Settings]:
    """The acceptance XLIFF (a number mismatch, a spacing artifact, a dropped placeholder), checked
    in process with its re-translation file: no engine, no network."""
    from evalkit.checks.base import select_checks
    from evalkit.formats.xliff import XliffFormat
    from evalkit.pipeline import check_document

    doc = XliffFormat().read(DATA / "gate.xlf", src_lang="zh", tgt_lang="en")
    lines = (DATA / "gate.retranslation.txt").read_text(encoding="utf-8").splitlines()
    for seg, line in zip(doc.segments, lines):
        seg.retranslation = line
    settings = Settings(fail_on=fail_on, cache=False)
    # the three checks the file is about, so these tests follow the reporters, not other checks
    checks = select_checks(only=["number-mismatch", "spaced-hyphen", "placeholder"])
    return [check_document(doc, settings, None, warn=lambda msg: None, checks=checks)], settings


def hostile_report() -> Report:
    """A document report whose texts try to break every output format."""
    target = f"Intro sentence.\n{HOSTILE} grass -roots end."
    seg1 = Segment(id="1", source="引言。", target="Intro sentence.", target_start=0, retranslation="Intro.", line=1)
    start2 = target.index("<script>")
    seg2 = Segment(id="2<&>\"'", source="源文 <b>", target=target[start2:], target_start=start2,
                   retranslation=HOSTILE, references=["ref <i>x</i>"], line=2)
    doc = Document(name="hostile.md", segments=[seg1, seg2], kind="document", source_text="引言。\n源文",
                   target_text=target, path="docs/hostile, a:b%.md", format="text")
    s = target.index("<script>")
    g = target.index("grass -roots")
    findings = [
        Finding(s, s + 8, "<script>", "accuracy/addition", "critical", "placeholder", "tag <script> is not in the source",
                seg2.id, suggestion="</script>&"),
        Finding(g, g + 12, "grass -roots", "fluency/punctuation", "minor", "spaced-hyphen+repeated-word",
                f"space before the hyphen, {HOSTILE}", seg2.id, suggestion="grass-roots"),
        Finding(len(target), len(target), "", "accuracy/omission", "major", "placeholder",
                "placeholder '{name}' of the source is missing from the target", seg2.id, source="{name}"),
    ]
    return Report(document=doc, findings=findings,
                  scores={"bleu": 12.5, "chrf": 40.25, "ter": 80.0, "mqm_penalty": 15.1, "mqm_score": 10.0},
                  engine={"name": "file", "model": None}, signature={"checks": ["placeholder", "spaced-hyphen"]},
                  notes=["a note with <b>markup</b>"], segment_penalties={seg2.id: 15.1})


def deletion_report() -> Report:
    """One finding whose fix is to delete its span ('Essence' stands alone at the end)."""
    seg = Segment(id="p1", source="比例超过60%。", target="exceeding 60%. Essence", line=1)
    doc = Document(name="stray.jsonl", segments=[seg], kind="segments", path="stray.jsonl", format="jsonl")
    start = seg.target.index("Essence")
    finding = Finding(start, start + 7, "Essence", "accuracy/addition", "major", "stray-token",
                      "'Essence' stands alone and renders nothing in the source", seg.id, suggestion="")
    return Report(document=doc, findings=[finding], scores={"mqm_penalty": 5.0, "mqm_score": 95.0},
                  engine={"name": "file", "model": None}, signature={"checks": ["stray-token"]})


def test_text_and_json_reports_of_a_deletion():
    text = get_reporter("text").render([deletion_report()], Settings(fail_on="minor"))
    assert "suggestion: delete 'Essence'" in text
    data = json.loads(get_reporter("json").render([deletion_report()], Settings(fail_on="minor")))
    assert data["findings"][0]["suggestion"] == ""  # the contract's value: replace the span with nothing


def clean_report() -> Report:
    seg = Segment(id="ok", source="你好", target="Hello", line=3, meta={"runs": [[0, 40, 3, 9], [5, 45, 3, 14]]})
    doc = Document(name="ok.xlf", segments=[seg], kind="segments", path="ok.xlf", format="xliff")
    return Report(document=doc, findings=[], scores={"bleu": 100.0, "chrf": 100.0, "ter": 0.0,
                                                      "mqm_penalty": 0.0, "mqm_score": 100.0},
                  engine={"name": "file", "model": None}, signature={"checks": ["placeholder"]})


class ReporterContract:
    """Subclasses set ``name`` and implement ``check_output(text, reports)`` for a well-formed output."""

    name: str = ""

    def render(self, reports: list[Report], settings: Settings | None = None) -> str:
        return get_reporter(self.name).render(reports, settings or Settings(fail_on="minor"))

    def check_output(self, text: str, reports: list[Report]) -> None:
        raise NotImplementedError

    def test_registered(self):
        assert self.name in REPORTERS
        assert get_reporter(self.name).name == self.name

    def test_renders_the_acceptance_report(self):
        reports, settings = gate_report()
        text = self.render(reports, settings)
        assert isinstance(text, str) and text.endswith("\n")
        self.check_output(text, reports)

    def test_renders_hostile_text_without_breaking(self):
        reports = [hostile_report()]
        self.check_output(self.render(reports), reports)

    def test_renders_a_clean_report_and_several_files(self):
        for reports in ([clean_report()], [hostile_report(), clean_report()]):
            self.check_output(self.render(reports), reports)

    def test_output_is_deterministic(self):
        reports = [hostile_report(), clean_report()]
        assert self.render(reports) == self.render(reports)

    def test_an_empty_suggestion_reads_as_a_deletion(self):
        text = html.unescape(self.render([deletion_report()]))
        assert "delete 'Essence'" in text

    def test_renders_without_settings(self):
        text = get_reporter(self.name).render([hostile_report()], None)
        assert text.endswith("\n")


def test_every_registered_reporter_of_this_issue_is_covered():
    import tests.test_report_github  # noqa: F401
    import tests.test_report_html  # noqa: F401
    import tests.test_report_junit  # noqa: F401
    import tests.test_report_markdown  # noqa: F401
    import tests.test_report_sarif  # noqa: F401

    covered = {cls.name for cls in ReporterContract.__subclasses__()}
    assert {"html", "markdown", "junit", "sarif", "github"} <= covered


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_reporter_imports(name):
    assert get_reporter(name).name == name
