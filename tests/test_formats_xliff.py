"""XLIFF 1.2 and 2.0: ids, groups, notes, inline tags, entities, and XML that must be refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from evalkit.errors import InputError
from evalkit.formats.xliff import XliffFormat
from evalkit.formats.xmlscan import XmlForbidden
from tests.helpers import blocks_and_newlines, traced_peak
from tests.test_formats_contract import DATA, FormatContract


class TestXliff12Contract(FormatContract):
    format_name = "xliff"
    sample = "app.en.xlf"
    expected = {
        "greeting": ("你好，{name}！", "Hello, {name}!"),
        "cart.items": ("购物车里有 %d 件商品", "There are %d items in the cart"),
        "cart.bold": ("点击<g id=\"1\">这里</g>结账 <b>立即</b>", "Click <g id=\"1\">here</g> to check out <b>now</b>"),
        "untranslated": ("尚未翻译", ""),
    }
    broken = b'<?xml version="1.0"?>\n<xliff version="1.2"><file><body><trans-unit id="1"><source>a</target>'


class TestXliff20Contract(FormatContract):
    format_name = "xliff"
    sample = "app.en.xlf2"
    expected = {
        "welcome": (
            '欢迎使用<pc id="1" dataRefStart="d1" dataRefEnd="d2">翻译工具</pc>',
            'Welcome to the <pc id="1" dataRefStart="d1" dataRefEnd="d2">translation tool</pc>',
        ),
        "err.count#1": (
            '发现 <ph id="1" equiv="{count}" disp="{count}"/> 个错误。',
            'Found <ph id="1" equiv="{count}" disp="{count}"/> errors.',
        ),
        "err.count#2": ("请检查 {file}。", "Please check {file}."),
        "escaped": ("A & B <ok>", "A & B <ok> \nmulti-line"),
    }
    broken = b'<xliff version="2.0"><file id="f"><unit id="u"><segment><source>a &bogus; b</source>'


def read(path: Path):
    return XliffFormat().read(path, encoding=None, src_lang="zh", tgt_lang="en")


def test_xliff12_units_groups_notes_and_context():
    doc = read(DATA / "app.en.xlf")
    assert [s.id for s in doc.segments] == ["greeting", "cart.items", "cart.bold", "untranslated"]  # translate="no" skipped
    assert doc.segment("greeting").context == "home.greeting"
    assert doc.segment("cart.items").meta["notes"] == ["Shown in the header & the sidebar."]
    assert doc.segment("greeting").line == 10


def test_xliff20_multi_segment_units_and_unit_notes():
    doc = read(DATA / "app.en.xlf2")
    assert doc.segment("welcome").context == "app.welcome"
    assert doc.segment("welcome").meta["notes"] == ["Title of the start page"]
    assert doc.segment("err.count#2").line == 27


def test_duplicate_ids_across_files_are_prefixed_with_the_file(tmp_path):
    p = tmp_path / "two.xlf"
    p.write_text(
        '<xliff version="1.2">'
        '<file original="a.txt"><body><trans-unit id="1"><source>一</source><target>one</target></trans-unit></body></file>'
        '<file original="b.txt"><body><trans-unit id="1"><source>二</source><target>two</target></trans-unit></body></file>'
        "</xliff>", encoding="utf-8")
    assert [s.id for s in read(p).segments] == ["1", "b.txt/1"]


def test_declared_encoding_is_honoured(tmp_path):
    p = tmp_path / "latin.xlf"
    p.write_bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff version="1.2"><file><body>'
                  '<trans-unit id="c"><source>café</source><target>Café</target></trans-unit>'
                  '</body></file></xliff>'.encode("latin-1"))
    assert read(p).segment("c").target == "Café"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff version="1.2"><file><body><trans-unit id="1"><source>&lol3;</source><target>x</target></trans-unit></body></file></xliff>
"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<xliff version="1.2"><file><body><trans-unit id="1"><source>&xxe;</source><target>x</target></trans-unit></body></file></xliff>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE xliff SYSTEM "http://example.invalid/evil.dtd">
<xliff version="1.2"><file><body><trans-unit id="1"><source>&ent;</source><target>x</target></trans-unit></body></file></xliff>
"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL, EXTERNAL_DTD], ids=["entity-bomb", "external-entity", "external-dtd"])
def test_entity_declarations_and_external_references_are_refused(tmp_path, payload):
    p = tmp_path / "evil.xlf"
    p.write_bytes(payload)
    with pytest.raises(InputError) as err:
        read(p)
    assert "passwd" not in str(err.value.__context__ or "")
    assert isinstance(err.value, (XmlForbidden, InputError))


def test_not_xliff_is_refused(tmp_path):
    p = tmp_path / "other.xlf"
    p.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(InputError, match="expected <xliff>"):
        read(p)


def test_crlf_files_keep_exact_columns(tmp_path):
    text = (DATA / "app.en.xlf").read_text(encoding="utf-8").replace("\n", "\r\n")
    p = tmp_path / "crlf.xlf"
    p.write_bytes(text.encode("utf-8"))
    from evalkit.report.locate import segment_position

    seg = read(p).segment("cart.items")
    line, col, raw = segment_position(seg, seg.target.index("%d"))
    assert text.splitlines()[line - 1][col - 1:col + 1] == "%d"


# --- streaming: a block and a unit held at a time, the same segments as the whole-file reader ---

TWO_FILES = ('<?xml version="1.0" encoding="UTF-8"?>{nl}<xliff version="1.2">{nl}'
             '<file original="a.txt"><header><skl><internal-file>c2tlbGV0b24=</internal-file></skl></header>{nl}<body>{nl}'
             '<trans-unit id="1" resname="greeting"><source>你好&amp;<![CDATA[<b>]]>𠮷</source>{nl}'
             '  <target state="needs-translation">Hello{nl}&lt;b&gt; <g id="1">there</g></target><note>n1</note></trans-unit>{nl}'
             '<group><trans-unit><source>无编号</source><target>no id</target></trans-unit>{nl}'
             '<trans-unit id="x" translate="no"><source>不译</source></trans-unit>'
             '<trans-unit approved="yes" maxwidth="12"><source>批准</source><target/></trans-unit></group>{nl}'
             '</body></file>{nl}<file original="b.txt"><body>'
             '<trans-unit id="1"><source>二</source><target>two</target></trans-unit>'
             '<trans-unit><source>三</source></trans-unit></body></file>{nl}</xliff>{nl}')


@blocks_and_newlines
def test_a_streamed_file_gives_the_segments_and_positions_of_the_whole_file_reader(tmp_path, newline, block):
    files = [(tmp_path / "two.xlf", TWO_FILES.replace("{nl}", newline)),
             (tmp_path / "app.xlf2", (DATA / "app.en.xlf2").read_text(encoding="utf-8").replace("\n", newline)),
             (tmp_path / "app.xlf", (DATA / "app.en.xlf").read_text(encoding="utf-8").replace("\n", newline))]
    for path, text in files:
        path.write_bytes(text.encode("utf-8"))
        whole = XliffFormat().read(path, src_lang="zh", tgt_lang="en").segments
        streamed = list(XliffFormat().segments(path, block_bytes=block))
        assert streamed == whole, path.name  # ids, texts, states, notes, widths, lines and every run
    two = [s.id for s in XliffFormat().segments(files[0][0], block_bytes=block)]
    assert two == ["1", "1.2", "1.4", "b.txt/1", "2.2"]  # units numbered in their file; translate="no" skipped


def test_a_streamed_file_is_checked_whole_before_any_segment_is_read(tmp_path):
    unit = '<trans-unit id="u{i}"><source>第{i}条</source><target>Item {i}</target></trans-unit>\n'
    body = "".join(unit.format(i=i) for i in range(3000))
    broken = tmp_path / "broken.xlf"
    broken.write_text(f'<xliff version="1.2"><file original="a"><body>\n{body}</bdy></file></xliff>', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.xlf:\d+:\d+: not well-formed XML"):
        XliffFormat().stream(broken, src_lang="zh", tgt_lang="en")
    good = tmp_path / "good.xlf"
    good.write_text(f'<xliff version="1.2"><file original="a"><body>\n{body}</body></file></xliff>', encoding="utf-8")
    doc = XliffFormat().stream(good, src_lang="zh", tgt_lang="en")
    assert len(doc.segments) == 3000 and not isinstance(doc.segments, list)
    assert [s.id for s in doc.segments][-1] == "u2999"


def test_streaming_holds_a_block_and_a_unit_not_the_file(tmp_path):
    unit = '<trans-unit id="u{i}"><source>第{i}条：今天天气很好。</source><target>Item {i}: nice today.</target></trans-unit>\n'

    def write(name: str, n: int) -> Path:
        body = "".join(unit.format(i=i) for i in range(n))
        path = tmp_path / name
        path.write_text(f'<xliff version="1.2"><file original="a"><body>\n{body}</body></file></xliff>\n',
                        encoding="utf-8")
        return path

    small, large = write("s.xlf", 2000), write("l.xlf", 10000)
    streamed = [traced_peak(lambda p=p: sum(1 for _ in XliffFormat().segments(p, block_bytes=1 << 16)))
                for p in (small, large)]
    whole = [traced_peak(lambda p=p: XliffFormat().read(p, src_lang="zh", tgt_lang="en")) for p in (small, large)]
    # what grows in a stream is the set of ids seen (to make a repeated one unique): ~100 bytes a unit
    assert (streamed[1] - streamed[0]) / 8000 < 300, streamed
    assert (whole[1] - whole[0]) / 8000 > 1000, whole
