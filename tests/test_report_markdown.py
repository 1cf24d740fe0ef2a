"""The Markdown summary: verdict, per-file and total table, findings that cannot break the table."""

from __future__ import annotations

from evalkit.config import Settings
from tests.test_report_contract import ReporterContract, clean_report, gate_report, hostile_report


def _table_rows(text):
    return [line for line in text.splitlines() if line.startswith("|")]


def _cells(row: str) -> int:
    body = row.strip()[1:-1]
    n, i = 1, 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if body[i] == "|":
            n += 1
        i += 1
    return n


class TestMarkdownReporter(ReporterContract):
    name = "markdown"

    def check_output(self, text, reports):
        assert text.startswith("## evalkit")
        rows = _table_rows(text)
        widths = {_cells(r) for r in rows}
        assert widths <= {10, 6}, widths  # the files table and the findings table, every row complete
        assert "<script>" not in text


def test_verdict_and_findings():
    reports, settings = gate_report()
    text = TestMarkdownReporter().render(reports, settings)
    assert "❌ **Gate failed**" in text
    assert "gate.xlf:11:30" in text
    assert "grass -roots" in text
    assert TestMarkdownReporter().render([clean_report()], Settings()).count("✅ **Gate passed**") == 1


def test_total_row_for_several_files():
    text = TestMarkdownReporter().render([hostile_report(), clean_report()], Settings())
    assert "| **total** | 3 |" in text


def test_a_file_name_with_a_pipe_and_html_cannot_break_the_table_or_go_live():
    import re

    report = hostile_report()
    report.document.path = "docs/a|<img src=x onerror=alert(1)>`b`|.md"
    text = TestMarkdownReporter().render([report], Settings(fail_on="minor"))
    rows = _table_rows(text)
    assert {_cells(r) for r in rows} <= {10, 6}, rows  # the summary table and the findings table
    for row in rows:  # outside code spans no tag is left; inside one it is shown as text
        assert "<img" not in re.sub(r"`[^`]*`", "", row), row
    assert any("`docs/a\\|<img src=x onerror=alert(1)>'b'\\|.md:" in r for r in rows)
