"""Bilingual lexicons: the registry, CC-CEDICT both ways, a user's glossary as a lexicon."""

from __future__ import annotations

from evalkit.checks.base import all_checks, for_pair
from evalkit.lexicons import GlossaryLexicon, Lexicon, has_lexicon, lexicon_for, pairs


def test_cc_cedict_serves_zh_en_and_en_zh_and_nothing_else():
    assert pairs()[("zh", "en")] == "cc-cedict" and pairs()[("en", "zh")] == "cc-cedict"
    assert has_lexicon("zh-CN", "en-US") and has_lexicon("en", "zh-Hans")
    assert not has_lexicon("en", "de") and lexicon_for("en", "de") is None


def test_the_same_dictionary_indexed_the_other_way():
    zh_en, en_zh = lexicon_for("zh", "en"), lexicon_for("en", "zh")
    assert isinstance(zh_en, Lexicon) and isinstance(en_zh, Lexicon)
    assert "village" in zh_en.translations("村")
    assert "村" in en_zh.translations("village")
    assert "文件" in en_zh.translations("document") and "保存" in en_zh.translations("to save")
    assert en_zh.translations("qwzxv") == []


def test_a_users_glossary_is_a_lexicon_for_its_pair(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("source,target\nfile,Datei\nFile,Akte\n", encoding="utf-8")
    lex = GlossaryLexicon(str(path), "en", "de")
    assert isinstance(lex, Lexicon) and lex.translations("FILE") == ["Datei", "Akte"] and lex.translations("x") == []


def test_checks_that_read_a_lexicon_run_only_for_pairs_that_have_one():
    needing = {c.id for c in all_checks().values() if c.lexicon}
    assert {"unsupported-span", "omission", "pinyin", "hallucinated-name"} <= needing
    for src, tgt in (("en", "de"), ("en", "ru"), ("he", "en")):
        assert not needing & {c.id for c in for_pair(all_checks().values(), src, tgt)[0]}
