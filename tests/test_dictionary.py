"""CC-CEDICT and jieba helpers."""

from __future__ import annotations

import marshal
import os
import time

import pytest

import evalkit.dictionary
from evalkit.dictionary import Dictionary, english_vocabulary
from evalkit.lang.en import en_words, stem
from evalkit.lang.zh import tokenize_zh
from evalkit.snapshot import read_snapshot, snapshot_path


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


def test_the_usual_reading_of_a_character_gives_its_first_senses():
    d = Dictionary.load()
    # CC-CEDICT lists 综 zeng4 'heddle' (a loom's part) before zong1 'to combine'; 鸟 diao3 before niao3
    assert d.content_senses("综")[0] == "to combine"
    assert d.content_senses("鸟")[0] == "bird" and d.content_senses("厂")[0] == "factory"
    assert d.content_senses("金")[0] == "gold"  # common senses still before the proper noun's
    assert d.content_senses("来自") == ["to come from"]  # not its mail-header label 'From:'
    # a reading asked for still comes first
    assert d.content_senses("综", reading="zeng")[0] == "heddle"


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


def _no_parsing(*_args):
    raise AssertionError("CC-CEDICT was parsed although a snapshot was there to read")


def test_a_snapshot_gives_back_the_parsed_dictionary_without_parsing(tmp_path, monkeypatch):
    path = tmp_path / "cedict-test.marshal"
    parsed = Dictionary.read(path)
    assert path.is_file()
    monkeypatch.setattr(evalkit.dictionary, "_parse_cedict", _no_parsing)
    again = Dictionary.read(path)
    assert again._state() == parsed._state()
    assert again.synonyms("rural") == parsed.synonyms("rural") and stem("countryside") in again.synonyms("rural")
    assert again.support("党组织") == parsed.support("党组织")
    assert any(head == "深圳" for head, _ in again.names_by_pinyin()["shenzhen"])


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong shape"])
def test_a_damaged_snapshot_is_parsed_again_and_replaced(tmp_path, damage):
    path = tmp_path / "cedict-test.marshal"
    stale = tmp_path / "cedict-of-an-older-evalkit.marshal"
    stale.write_bytes(marshal.dumps({"entries": {}}))
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(stale, (month_ago, month_ago))
    other = tmp_path / "cedict-of-another-evalkit-in-use.marshal"
    other.write_bytes(marshal.dumps({"entries": {}}))
    if damage == "garbage":
        path.write_bytes(b"\x00 not a snapshot")
    elif damage == "truncated":
        path.write_bytes(marshal.dumps({"entries": {"包": [("bao1", ["to wrap"])] * 1000}})[:5000])
    else:
        path.write_bytes(marshal.dumps(["a", "list"]))
    if damage != "wrong shape":
        assert read_snapshot(path) is None
    d = Dictionary.read(path)
    assert "dispute" in d.content_senses("纠纷") and d.is_proper("泗县")
    assert read_snapshot(path)["entries"]["纠纷"] == d.readings("纠纷")
    # when a new one is written, a month-old snapshot of another CC-CEDICT or evalkit is removed, and
    # a recent one is kept: two versions sharing a cache folder do not delete each other's
    assert not stale.exists() and other.exists()


def test_a_cache_folder_that_cannot_be_written_only_costs_the_snapshot(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    d = Dictionary.read(blocker / "cedict-test.marshal")
    assert d.is_proper("泗县") and stem("park") in d.support("公园")
    assert list(tmp_path.iterdir()) == [blocker]  # no half-written file left behind


def test_the_snapshot_name_follows_its_sources_and_the_cache_switches(tmp_path, monkeypatch):
    source = tmp_path / "cedict.txt"
    source.write_text("a", encoding="utf-8")
    monkeypatch.delenv("EVALKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(tmp_path / "cache"))
    first = snapshot_path("cedict", 1, [source])
    assert first is not None and first.parent == tmp_path / "cache" and first.name.startswith("cedict-")
    assert snapshot_path("cedict", 1, [source]) == first
    assert snapshot_path("cedict", 2, [source]) != first  # a new layout
    source.write_text("ab", encoding="utf-8")
    assert snapshot_path("cedict", 1, [source]) != first  # a new dictionary
    assert snapshot_path("cedict", 1, [tmp_path / "missing.txt"]) is None
    monkeypatch.setenv("EVALKIT_CACHE_DIR", "off")
    assert snapshot_path("cedict", 1, [source]) is None
    monkeypatch.setenv("EVALKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("EVALKIT_NO_CACHE", "1")
    assert snapshot_path("cedict", 1, [source]) is None


def test_contractions_of_function_words_are_function_words():
    from evalkit.lang.en import is_stopword

    assert all(is_stopword(w) for w in ("we're", "It's", "don't", "I’m", "can't", "there's"))
    assert not any(is_stopword(w) for w in ("county's", "Xi'an", "o'clock", "people's"))
