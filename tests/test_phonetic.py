"""Names in Latin letters against Chinese transliterations, by their consonants."""

from __future__ import annotations

from evalkit.dictionary import Dictionary, usual_reading
from evalkit.phonetic import latin_skeleton, pinyin_skeleton, similar, sounds_like


def _syllables(han: str) -> list[str]:
    return usual_reading(han).split()


def test_skeletons_keep_consonant_classes_once_each():
    assert latin_skeleton("Kronstadt") == "GLNSD" == pinyin_skeleton(["ka", "lang", "shi", "ta", "de"])
    assert latin_skeleton("Wilmès") == "FLMS" == pinyin_skeleton(["wei", "er", "mei", "si"])
    assert latin_skeleton("Cecilia") == "SL" and latin_skeleton("Philipp") == "FLB"


def test_similar_needs_enough_consonants_to_say_something():
    assert similar("BLN", "BLN") and similar("BLSFG", "BLSFS")
    assert not similar("SL", "SL")  # two classes match by chance too often
    assert not similar("SMD", "SMND")


def test_transliteration_characters_come_from_cedict_s_transliterated_names():
    chars = Dictionary.load().transliteration_chars
    assert {"斯", "尔", "布", "兰", "维"} <= chars
    assert not {"深", "圳", "县", "会", "省"} & chars  # Chinese names in pinyin and common words are not


def test_a_name_sounds_like_a_stretch_of_the_source_written_mostly_with_transliteration_characters():
    chars = Dictionary.load().transliteration_chars
    assert sounds_like("Brozović", "布罗佐维奇送出长距离直塞", chars, _syllables) == "布罗佐维奇"
    assert sounds_like("Andanar", "部长马丁·安达纳尔26日", chars, _syllables) == "安达纳尔"
    assert sounds_like("Smith", "市民的生活", chars, _syllables) is None
    assert sounds_like("Hamilton", "他说今天的天气很好，我们去公园散步吧", chars, _syllables) is None
