"""TMX: variants picked by language, tuid ids, notes, inline codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit.errors import InputError
from evalkit.formats.tmx import TmxFormat
from tests.helpers import blocks_and_newlines, traced_peak
from tests.test_formats_contract import DATA, FormatContract


class TestTmxContract(FormatContract):
    format_name = "tmx"
    sample = "memory.tmx"
    expected = {
        "t1": ("今天天气很好。", "The weather is nice today."),
        # the English variant comes first in the file; languages decide, not order
        "t2": ('按<bpt i="1"><b></bpt>确定<ept i="1"></b></ept>。', 'Press <bpt i="1"><b></bpt>OK<ept i="1"></b></ept>.'),
    }
    broken = b"<tmx><body><tu><tuv xml:lang='zh'><seg>x</tuv></tu></body></tmx>"


def test_notes_and_languages():
    doc = TmxFormat().read(DATA / "memory.tmx", src_lang="zh", tgt_lang="en")
    assert doc.segment("t1").meta["notes"] == ["homepage"]
    swapped = TmxFormat().read(DATA / "memory.tmx", src_lang="en", tgt_lang="zh")
    assert swapped.segment("t1").source == "The weather is nice today."


def test_no_unit_in_the_source_language_is_an_error():
    with pytest.raises(InputError, match="--src-lang"):
        TmxFormat().read(DATA / "memory.tmx", src_lang="de", tgt_lang="fr")


# --- streaming: a block and a unit held at a time, the same segments as the whole-file reader ---

def _memory(path, units: int, body: str, newline: str = "\n", bom: str = "") -> Path:
    text = (f'{bom}<?xml version="1.0" encoding="UTF-8"?>{newline}<tmx version="1.4">{newline}'
            f'<header srclang="zh"><note>header</note></header>{newline}<body>{newline}'
            + "".join(body.format(i=i, nl=newline) for i in range(units)) + f"</body>{newline}</tmx>{newline}")
    path.write_bytes(text.encode("utf-8"))
    return path


UNIT = ('<tu tuid="u{i}">{nl}  <prop type="x-context">ctx {i}</prop><note>n{i}</note>{nl}'
        '  <tuv xml:lang="zh-CN"><seg>第{i}条：𠮷野家&amp;<![CDATA[<b>]]>好</seg></tuv>{nl}'
        '  <tuv xml:lang="en"><seg>Item {i}:{nl}the &lt;b&gt; <bpt i="1">&lt;b&gt;</bpt>nice</seg></tuv>{nl}</tu>{nl}'
        '<tu/><tu tuid="v{i}"><tuv xml:lang="zh"><seg>只有原文</seg></tuv></tu>{nl}')


@blocks_and_newlines
def test_a_streamed_memory_gives_the_segments_and_positions_of_the_whole_file_reader(tmp_path, newline, block):
    path = _memory(tmp_path / "m.tmx", 6, UNIT, newline, bom="\ufeff")
    whole = TmxFormat().read(path, src_lang="zh", tgt_lang="en").segments
    streamed = list(TmxFormat().segments(path, "zh", "en", block_bytes=block))
    assert [s.id for s in streamed] == [i for u in range(6) for i in (f"u{u}", f"v{u}")]
    assert streamed == whole  # ids, texts, notes, context, lines and every run's offset, line and column
    assert streamed[2].meta["notes"] == ["n1"] and streamed[2].context == "ctx 1"


def test_a_streamed_target_is_placed_by_the_files_line_and_column(tmp_path):
    doc = TmxFormat().stream(DATA / "memory.tmx", src_lang="zh", tgt_lang="en")
    first = next(iter(doc.segments))
    # line 9 of the file is '      <tuv xml:lang="en-US"><seg>The weather is nice today.</seg></tuv>'
    assert first.line == 9 and first.meta["runs"][0][2:] == [9, 34]
    text = (DATA / "memory.tmx").read_text(encoding="utf-8")
    assert text[first.meta["runs"][0][1]:].startswith("The weather is nice today.")


def test_a_streamed_memory_is_checked_whole_before_any_segment_is_read(tmp_path):
    good = UNIT.replace("{nl}", "\n")
    broken = _memory(tmp_path / "broken.tmx", 300, good)
    broken.write_bytes(broken.read_bytes().replace(b"</body>", b"</bdy>"))
    with pytest.raises(InputError, match=r"broken\.tmx:\d+:\d+: not well-formed XML"):
        TmxFormat().stream(broken, src_lang="zh", tgt_lang="en")
    repeated = _memory(tmp_path / "repeated.tmx", 300, good.replace('tuid="v{i}"', 'tuid="v"'))
    with pytest.raises(InputError, match="duplicate tuid 'v'"):
        TmxFormat().stream(repeated, src_lang="zh", tgt_lang="en")
    other = tmp_path / "other.tmx"
    other.write_text("<xliff><body/></xliff>", encoding="utf-8")
    with pytest.raises(InputError, match="expected <tmx>"):
        TmxFormat().stream(other, src_lang="zh", tgt_lang="en")


def test_a_memory_in_another_encoding_is_read_whole_with_the_same_segments(tmp_path):
    path = tmp_path / "gbk.tmx"
    text = _memory(tmp_path / "utf8.tmx", 3, UNIT).read_text(encoding="utf-8").replace("𠮷", "")
    path.write_bytes(text.replace('encoding="UTF-8"', 'encoding="GB18030"').encode("gb18030"))
    doc = TmxFormat().stream(path, encoding="gb18030", src_lang="zh", tgt_lang="en")
    assert isinstance(doc.segments, list) and doc.segment("u2").source == "第2条：野家&<b>好"


def test_streaming_holds_a_block_and_a_unit_not_the_memory(tmp_path):
    unit = ('<tu tuid="u{i}"><tuv xml:lang="zh"><seg>第{i}条：今天天气很好。</seg></tuv>'
            '<tuv xml:lang="en"><seg>Item {i}: the weather is nice today.</seg></tuv></tu>\n')
    small, large = _memory(tmp_path / "s.tmx", 2000, unit), _memory(tmp_path / "l.tmx", 10000, unit)
    streamed = [traced_peak(lambda p=p: sum(1 for _ in TmxFormat().segments(p, "zh", "en", block_bytes=1 << 16)))
                for p in (small, large)]
    whole = [traced_peak(lambda p=p: TmxFormat().read(p, src_lang="zh", tgt_lang="en")) for p in (small, large)]
    # what grows in a stream is the set of ids seen (a repeated tuid is an error): ~100 bytes a unit;
    # the whole-file reader holds every element and segment: several kB a unit
    assert (streamed[1] - streamed[0]) / 8000 < 300, streamed
    assert (whole[1] - whole[0]) / 8000 > 1000, whole
