"""Lengths: the width a file allows, and targets far longer or shorter than their source."""

from __future__ import annotations

from evalkit.checks.length import columns
from tests.helpers import check_segments


def test_columns_count_wide_characters_twice():
    assert columns("Open") == 4 and columns("打开") == 4


def test_a_target_over_its_maxwidth_is_major_from_the_first_character_over():
    found = check_segments(["max-width"], ("Save", "Enregistrer"), ("Quit", "Quitter"),
                           meta={"max_width": 8, "size_unit": "char"})
    assert [(f.text, f.severity) for f in found] == [("rer", "major")]
    found = check_segments(["max-width"], ("Save", "保存文件"), meta={"max_width": 9, "size_unit": "byte"})
    assert [f.text for f in found] == ["件"]
    assert check_segments(["max-width"], ("Save", "Enregistrer"), meta={"max_width": 8, "size_unit": "pixel"}) == []


def test_formats_carry_the_width_a_unit_allows(tmp_path):
    from evalkit.formats.po import PoFormat
    from evalkit.formats.xliff import XliffFormat

    xlf = tmp_path / "a.xlf"
    xlf.write_text('<xliff version="1.2"><file><body>'
                   '<trans-unit id="a" maxwidth="8" size-unit="byte"><source>Apply</source><target>Anwenden</target></trans-unit>'
                   '<trans-unit id="b"><source>OK</source><target>OK</target></trans-unit>'
                   '</body></file></xliff>', encoding="utf-8")
    doc = XliffFormat().read(xlf, src_lang="en", tgt_lang="de")
    assert [(s.meta.get("max_width"), s.meta.get("size_unit")) for s in doc.segments] == [(8, "byte"), (None, None)]
    xlf2 = tmp_path / "b.xlf"
    xlf2.write_text('<xliff version="2.0" xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0"><file id="f">'
                    '<unit id="u" slr:sizeRestriction="5"><segment><source>Apply</source><target>Anwenden</target>'
                    '</segment></unit></file></xliff>', encoding="utf-8")
    assert XliffFormat().read(xlf2, src_lang="en", tgt_lang="de").segments[0].meta["max_width"] == 5
    po = tmp_path / "c.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#, max-length:6\n'
                  'msgid "Apply"\nmsgstr "Anwenden"\n', encoding="utf-8")
    assert PoFormat().read(po, src_lang="en", tgt_lang="de").segments[0].meta["max_width"] == 6
