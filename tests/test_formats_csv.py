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
