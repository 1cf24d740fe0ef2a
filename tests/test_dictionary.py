"""CC-CEDICT and jieba helpers."""

from __future__ import annotations

from evalkit.dictionary import Dictionary, en_words, english_vocabulary, stem, tokenize_zh


def test_stems_unify_inflections_and_irregular_forms():
    assert stem("villages") == stem("village")
    assert stem("went") == stem("go")
    assert stem("People's") == stem("person")


def test_english_words_split_hyphens_and_run_together_words():
    assert [w.text for w in en_words("grass-roots manWith 'quotes'")] == ["grass", "roots", "man", "With", "quotes"]
    w = en_words("a brocadeXingchong")[2]
    assert (w.text, w.start, w.end) == ("Xingchong", 9, 18)


def test_senses_names_and_support():
    d = Dictionary.load()
    assert "dispute" in d.content_senses("纠纷")
    assert d.is_proper("泗县") and not d.is_proper("包")  # a bare surname is not a name
    assert d.is_proper("汉")  # 'Han ethnic group'
    assert stem("park") in d.support("公园")


def test_unknown_compounds_are_split_multi_character_words_first():
    d = Dictionary.load()
    assert d.parts("党组织") == ["党", "组织"]
    assert d.parts("人民调解") == ["人民", "调解"]
    assert stem("organization") in d.support("党组织")


def test_synonyms_come_from_shared_senses():
    d = Dictionary.load()
    assert stem("countryside") in d.synonyms("rural")
    assert stem("defend") in d.synonyms("defense")


def test_place_names_by_pinyin():
    d = Dictionary.load()
    assert any(head == "深圳" for head, _ in d.names_by_pinyin()["shenzhen"])


def test_verb_evidence_and_vocabulary():
    d = Dictionary.load()
    verbs, nouns = d.verb_evidence("provide")
    assert verbs > nouns
    verbs, nouns = d.verb_evidence("security")
    assert nouns > verbs
    assert "function" in english_vocabulary() and "chinese" not in english_vocabulary()


def test_jieba_tokens_carry_their_spans():
    toks = tokenize_zh("安徽泗县")
    assert [(t.text, t.start, t.end) for t in toks] == [("安徽", 0, 2), ("泗县", 2, 4)]
