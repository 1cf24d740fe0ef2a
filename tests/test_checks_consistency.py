"""Consistency of names and terms across a document, and glossary terms."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts


def test_a_name_rendered_two_ways():
    found = run_check(
        "inconsistent-term",
        ("安徽泗县", "Si County, Anhui"),
        ("泗县聚焦乡村治理", "Si County focuses on rural governance"),
        ("来源：泗县融媒体中心", "Source: Media Center, Sixian County"),
    )
    assert texts(found) == ["Sixian County"] and found[0].suggestion == "Si County"


def test_a_consistent_document_is_left_alone():
    found = run_check("inconsistent-term", ("安徽泗县", "Si County, Anhui"), ("来源：泗县融媒体中心", "Source: Media Center, Si County"))
    assert found == []


def test_a_glossary_term_missing_from_the_target(tmp_path):
    glossary = tmp_path / "terms.csv"
    glossary.write_text("source,target\n泗县,Si County\n", encoding="utf-8")
    found = run_check("glossary-term", ("安徽泗县", "Sixian County, Anhui"), ("安徽泗县", "Si County, Anhui"),
                      glossary=str(glossary))
    assert texts(found) == ["Sixian County"] and found[0].suggestion == "Si County"


def test_no_glossary_no_findings():
    assert run_check("glossary-term", ("安徽泗县", "Sixian County, Anhui")) == []


def test_glossaries_in_csv_tsv_and_tbx(tmp_path):
    from evalkit.glossary import read_glossary

    (tmp_path / "a.csv").write_text("zh,en,note\n泗县,Si County,name\n融媒体,media convergence,\n", encoding="utf-8")
    assert read_glossary(tmp_path / "a.csv") == [("泗县", "Si County"), ("融媒体", "media convergence")]
    (tmp_path / "b.tsv").write_text("泗县\tSi County\n", encoding="utf-8")
    assert read_glossary(tmp_path / "b.tsv") == [("泗县", "Si County")]
    (tmp_path / "c.tbx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><martif type="TBX"><text><body>'
        '<termEntry><langSet xml:lang="en"><tig><term>Si County</term></tig></langSet>'
        '<langSet xml:lang="zh-CN"><tig><term>泗县</term></tig></langSet></termEntry>'
        "</body></text></martif>", encoding="utf-8")
    assert read_glossary(tmp_path / "c.tbx") == [("泗县", "Si County")]


def test_a_bad_glossary_is_an_input_error(tmp_path):
    import pytest

    from evalkit.errors import InputError
    from evalkit.glossary import read_glossary

    with pytest.raises(InputError, match="no such glossary"):
        read_glossary(tmp_path / "missing.csv")
    (tmp_path / "bad.tbx").write_text("<martif><text>", encoding="utf-8")
    with pytest.raises(InputError, match="TBX"):
        read_glossary(tmp_path / "bad.tbx")
