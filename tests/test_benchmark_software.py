"""The software-strings comparison: its per-unit, per-kind scoring and the report sections it writes."""

from __future__ import annotations

import json

from benchmarks.common import kept_sections, write_section
from benchmarks.software_strings import CORPUS, FILES, code_chunks, score
from evalkit.formats.base import format_for

KINDS = {"placeholder": ("placeholder", "printf"), "code-token": ("url", "format-code"), "brackets": ("brackets",)}
GOLD = [{"file": "a.po", "segment": "1", "kind": "printf"}, {"file": "a.po", "segment": "2", "kind": "url"},
        {"file": "a.po", "segment": "3", "kind": "format-code"}]


def test_a_flag_is_right_when_its_unit_has_an_error_of_its_kind():
    flags = {("a.po", "1"): {"placeholder", "brackets"}, ("a.po", "3"): {"code-token"}, ("a.po", "4"): {"brackets"}}
    s = score(GOLD, flags, KINDS, {"printf", "url", "brackets"})
    assert (s["found"], s["gold"]) == (1, 2)  # the URL of unit 2 was not flagged
    # unit 1's brackets flag and unit 4's are wrong; unit 3's code-token flag is right about a
    # format code, a kind not scored here, so it is counted neither way
    assert (s["right"], s["wrong"]) == (1, 2)
    assert s["per_kind"] == {"printf": [1, 1], "url": [0, 1]}


def test_code_chunks_are_whole_tokens_the_target_keeps():
    assert code_chunks("Use 'tally -k 1b,1' now", "Utilisez « tally -k 1b,1 »") == [(17, 19), (20, 24)]
    assert code_chunks("written to /tmp or", "écrits dans /tmp/ ou") == []  # changed: no longer the source's


def test_sections_are_written_in_place_and_kept_by_a_whole_rewrite(tmp_path):
    report = tmp_path / "quality.md"
    report.write_text("# Detection quality\n\nfigures\n", encoding="utf-8")
    write_section(report, "software", "## Software\n\nv1")
    write_section(report, "software", "## Software\n\nv2")
    text = report.read_text(encoding="utf-8")
    assert text.count("## Software") == 1 and "v2" in text and text.startswith("# Detection quality\n\nfigures\n")
    rewritten = kept_sections(text, "# Detection quality\n\nnew figures\n")
    assert "new figures" in rewritten and "v2" in rewritten
    assert kept_sections(text, text) == text


def test_every_seeded_error_is_a_span_of_its_segments_target_in_a_listed_file():
    gold = [json.loads(line) for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    split_of = {f[0]: f[4] for f in FILES}
    for file, src, tgt, _, split in FILES:
        doc = format_for(CORPUS / file).read(CORPUS / file, src_lang=src, tgt_lang=tgt)
        targets = {seg.id: seg.target for seg in doc.segments}
        sources = {seg.id: seg.source for seg in doc.segments}
        for g in (g for g in gold if g["file"] == file):
            seg = g["segment"] if g["segment"] in targets else g["segment"] + "[0]"  # a plural's one form
            assert targets[seg][g["start"]:g["end"]] == g["text"], (file, g["segment"])
            assert sources[seg] == g["source"] and g["split"] == split
    assert {g["file"] for g in gold} <= set(split_of)  # no gold line for a file the benchmark leaves out
