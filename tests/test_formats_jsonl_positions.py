"""JSONL: where each target character sits in its line, for the columns every report gives."""

from __future__ import annotations

import json

import pytest

from evalkit.formats.jsonl import JsonlFormat, member_offsets
from evalkit.report.locate import segment_position

LINES = [
    '{"id": "1", "target": "a\\u00e9\\n\\"b 😀\\ud83d\\ude00c", "source": "x"}',
    '{"target":"x","target":"yz", "source": "s"}',  # the last of a repeated key wins, as in json.loads
    '{ "meta": {"target": "q"}, "target" : "hi", "source": "s" }',  # a nested "target" is not it
]


@pytest.mark.parametrize("line", LINES)
def test_each_decoded_character_maps_to_its_place_in_the_line(line):
    target = json.loads(line)["target"]
    offsets, end = member_offsets(line, "target")
    assert len(offsets) == len(target) and line[end] == '"'
    # what lies between one character's place and the next is that character, plain or escaped
    for ch, off, nxt in zip(target, offsets, offsets[1:] + [end]):
        assert json.loads('"' + line[off:nxt] + '"') == ch


def test_non_string_target_gives_no_map():
    assert member_offsets('{"target": 5, "source": "x"}', "target") is None
    assert member_offsets("{}", "target") is None


def test_segments_know_line_and_column_of_their_characters(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    doc = JsonlFormat().read(path)
    for lineno, (seg, line) in enumerate(zip(doc.segments, LINES), 1):
        last = len(seg.target) - 1
        line_no, col, raw = segment_position(seg, last)
        assert line_no == lineno and line[col - 1] == seg.target[last]
        assert segment_position(seg, len(seg.target))[1] == line.index('"', col - 1) + 1  # the closing quote
