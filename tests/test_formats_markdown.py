"""Markdown document pairs: blocks aligned by structure, offsets into the raw target file."""

from __future__ import annotations

import pytest

from evalkit.errors import UsageError
from evalkit.formats.base import document_format_for, format_for
from evalkit.formats.markdown import MarkdownFormat, markdown_blocks
from tests.test_formats_contract import DATA


def test_markdown_is_a_document_format_not_a_bilingual_one():
    assert format_for(DATA / "target.md") is None
    assert isinstance(document_format_for(DATA / "target.md"), MarkdownFormat)
    with pytest.raises(UsageError, match="source too"):
        MarkdownFormat().read(DATA / "target.md")


def test_blocks_skip_front_matter_and_code_and_index_the_text():
    text = (DATA / "target.md").read_text(encoding="utf-8")
    blocks = markdown_blocks(text)
    assert [b.text for b in blocks] == [
        "Quick start",
        "After installing, run the `evalkit check` command.",
        "Step one: open the [settings](https://example.com/settings).",
        "Step two: save.",
    ]
    for b in blocks:
        assert text[b.start:b.end] == b.text


def test_pair_reads_as_a_document_with_segments_on_target_offsets():
    doc = MarkdownFormat().read_pair(DATA / "source.md", DATA / "target.md", src_lang="zh", tgt_lang="en")
    assert doc.kind == "document" and doc.format == "markdown"
    assert len(doc.segments) == 4
    for seg in doc.segments:
        assert doc.target_text[seg.target_start:seg.target_end] == seg.target
    assert doc.segments[0].source == "快速入门"
    assert doc.segments[2].line == 8


def test_inline_code_and_link_targets_are_placeholders():
    from evalkit.placeholders import compare

    diff = compare("运行 `evalkit check`，见[文档](https://a.example/docs)。",
                   "Run `evalkit chek`, see the [docs](https://a.example/doc).", markdown=True)
    assert [(src.text, ) for src, _, _ in diff.altered] == [("`evalkit check`",), ("https://a.example/docs",)]


def test_cli_checks_a_markdown_pair_and_locates_findings_in_the_target(tmp_path):
    import json
    import shutil

    from tests.test_report_contract import run_main

    shutil.copy(DATA / "source.md", tmp_path / "source.md")
    target = (DATA / "target.md").read_text(encoding="utf-8").replace("`evalkit check`", "`evalkit chek`")
    (tmp_path / "target.md").write_text(target, encoding="utf-8")
    proc = run_main("check", "source.md", "target.md", "--retranslation", "target.md", "--format", "sarif",
                    "--quiet", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    results = json.loads(proc.stdout)["runs"][0]["results"]
    placeholder = [r for r in results if r["ruleId"] == "placeholder"]
    assert len(placeholder) == 1
    region = placeholder[0]["locations"][0]["physicalLocation"]["region"]
    line = target.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:].startswith("`evalkit chek`")
    assert target[region["charOffset"]:region["charOffset"] + region["charLength"]] == "`evalkit chek`"
