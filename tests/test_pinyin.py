"""Pinyin syllables of Latin words and of Chinese characters."""

from __future__ import annotations

from evalkit.pinyin import camel_parts, char_readings, find_spelling, split_syllables, syllable_set


def test_latin_words_split_into_the_fewest_syllables():
    assert split_syllables("Xingchong") == ["xing", "chong"]
    assert split_syllables("Xian") == ["xian"]
    assert split_syllables("Bao-cun") == ["bao", "cun"]
    assert split_syllables("Xi'an") == ["xi", "an"]
    assert split_syllables("Essence") is None
    assert split_syllables("rhythm") is None


def test_the_syllable_inventory():
    syl = syllable_set()
    assert 400 < len(syl) < 450
    assert {"zhuang", "lve", "nv", "er"} <= syl
    assert "ng" not in syl  # interjection readings would let English words pass as pinyin


def test_heteronyms_and_spelling_in_source():
    assert {"jing", "liang"} <= char_readings("靓")
    assert find_spelling(["bao", "cun"], "镇包村、村包组") == [1]
    assert find_spelling(["liang"], "靓村居") == [0]


def test_run_together_words_split_at_capitals():
    assert camel_parts("brocadeXingchong") == [(0, "brocade"), (7, "Xingchong")]
    assert camel_parts("plain") == [(0, "plain")]
