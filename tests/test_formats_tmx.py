"""TMX: variants picked by language, tuid ids, notes, inline codes."""

from __future__ import annotations

import pytest

from evalkit.errors import InputError
from evalkit.formats.tmx import TmxFormat
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
