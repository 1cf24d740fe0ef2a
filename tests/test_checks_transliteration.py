"""Pinyin left in the target."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts


def test_pinyin_of_ordinary_words_is_flagged():
    found = run_check(
        "pinyin",
        ("形成镇包村、村包组的体系", "form a system of Baocun and groups"),
        ("带着一面锦旗兴冲冲地赶到", "with a brocadeXingchong rushed to"),
    )
    assert texts(found) == ["Baocun", "Xingchong"]
    assert "包村" in found[0].message and found[0].category == "accuracy/untranslated"


def test_names_are_left_alone():
    found = run_check(
        "pinyin",
        ("来源：泗县融媒体中心 王海燕 徐珂", "Source: Rong Media Center, Si County, Wang Haiyan Xu Ke"),
        ("梨树县气象局解除预警", "Lishu County Meteorological Bureau lifted the warning"),
        ("新华社 近日，一名男子赶到汉……", "Xinhua News Agency: a man rushed to Han..."),
    )
    assert texts(found) == ["Rong"]


def test_english_words_that_happen_to_spell_pinyin_are_english():
    assert run_check("pinyin", ("他在门口等着", "he was waiting at the gate in a long line")) == []
