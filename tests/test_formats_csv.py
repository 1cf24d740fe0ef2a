"""CSV/TSV: header names or language codes, headerless layouts, quoting, multi-line cells."""

from __future__ import annotations

import pytest

from evalkit.errors import InputError
from evalkit.formats.csv import CsvFormat, tokenize
from tests.test_formats_contract import DATA, FormatContract


class TestCsvContract(FormatContract):
    format_name = "csv"
    sample = "strings.csv"
    expected = {
        "hello": ("你好", "Hello"),
        "qty": ("共 {n} 件", 'A total of {n} items, "quoted"'),
        "ml": ("多行", "line one\nline two"),
    }
    broken = b'id,source,target\n1,"unterminated,x\n'


class TestTsvContract(FormatContract):
    format_name = "csv"
    sample = "strings.tsv"
    expected = {"k1": ("保存", "Save"), "k2": ("取消", "Cancel")}
    broken = b"id\tsource\ttarget\nk1\t\xe4\xbf\x9d\xe5\xad\x98\tSave\textra\tcells\n"


def read(path):
    return CsvFormat().read(path, encoding=None, src_lang="zh", tgt_lang="en")


def test_notes_column_and_line_of_a_multiline_cell():
    doc = read(DATA / "strings.csv")
    assert doc.segment("qty").meta["notes"] == ["evalkit-ignore: placeholder"]
    assert doc.segment("ml").line == 4


@pytest.mark.parametrize("body, expected", [
    ("你好,Hello\n再见,Bye\n", [("1", "你好", "Hello"), ("2", "再见", "Bye")]),
    ("a,你好,Hello\nb,再见,Bye\n", [("a", "你好", "Hello"), ("b", "再见", "Bye")]),
    ("id;source;target\nx;你好;Hello\n", [("x", "你好", "Hello")]),
    ("Source,Translation,Key\n你好,Hello,k\n", [("k", "你好", "Hello")]),
])
def test_layouts(tmp_path, body, expected):
    p = tmp_path / "t.csv"
    p.write_text(body, encoding="utf-8")
    assert [(s.id, s.source, s.target) for s in read(p).segments] == expected


def test_unknown_layout_names_the_fix(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a,b,c,d\n1,2,3,4\n", encoding="utf-8")
    with pytest.raises(InputError, match="header"):
        read(p)


def test_tokenizer_matches_the_csv_module():
    import csv
    import io

    text = 'a,"b ""q"" c",d\r\n"multi\nline",,x\n'
    ours = [[f[0] for f in fields] for _, fields in tokenize(text, ",")]
    assert ours == list(csv.reader(io.StringIO(text, newline="")))


MULTI = ('\ufeffid,source,target\r\n1,"泗县是安徽省的\r\n一个县。","Si County is\na county, ""in"" Anhui."\r\n'
         '2,他有3个苹果。,"He has\r\n\r\n5 apples."\r3,"他""好""",He is good\n\n4,泗县,"Si  County"x\n'
         + "".join(f'{n},"源{n}\n",target {n} ""q""\n' for n in range(5, 60)))


def test_a_table_is_streamed_and_its_rows_are_those_of_the_whole_text(tmp_path):
    """Read a few lines at a time (quoted cells spanning lines make a chunk grow), the rows, their
    lines and the file position of every target character are those of the whole text at once."""
    from evalkit.textpos import LineIndex, segment_runs

    path = tmp_path / "multi.csv"
    path.write_bytes(MULTI.encode("utf-8"))
    doc = CsvFormat().stream(path, encoding=None, src_lang="zh", tgt_lang="en")
    assert not isinstance(doc.segments, list) and len(doc.segments) == 59
    text = MULTI.removeprefix("\ufeff")
    index = LineIndex(text)
    whole = tokenize(text, ",")[1:]
    got = list(doc.segments)
    assert [s.id for s in got] == [f[0][0] for _, f in whole]
    for seg, (start, fields) in zip(got, whole):
        assert (seg.source, seg.target) == (fields[1][0], fields[2][0])
        assert seg.meta["runs"] == segment_runs(index, fields[2][0], fields[2][1], fields[2][2])
        assert seg.line == index.position(fields[2][1][0] if fields[2][1] else fields[2][2])[0]
    assert got[1].target == "He has\r\n\r\n5 apples." and got[3].target == "Si  Countyx"


def test_an_unterminated_quote_far_into_the_file_names_its_line(tmp_path):
    path = tmp_path / "late.csv"
    path.write_text("id,source,target\n" + "".join(f"{n},源,t\n" for n in range(1, 40)) + '40,"源\nt\n41,a,b\n',
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"late\.csv: unterminated quoted field in the record starting on line 41$"):
        read(path)
