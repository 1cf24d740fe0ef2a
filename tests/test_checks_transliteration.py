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


def test_pinyin_gets_the_re_translation_s_words_for_it_as_its_fix():
    found = run_check(
        "pinyin",
        ("形成镇包村、村包组的网格治理服务体系", "form a grid governance service system of Baocun, Village Bags, and Groups"),
        ("来源：泗县融媒体中心", "Source: Rong Media Center, Sixian County"),
        retranslations=[
            "form a grid governance service system in which towns take charge of villages and villages take charge of groups",
            "Source: Sixian County Convergence Media Center",
        ],
    )
    assert [(f.text, f.suggestion) for f in found] == [
        ("Baocun", "charge of villages"),  # 包 as 'charge' (to take charge of), 村 as 'villages'
        ("Rong", "Convergence"),  # no sense of 融 says it: the word between 泗县's and 媒体's renderings
    ]
    assert "the re-translation says 'Convergence'" in found[1].message


def test_without_a_re_translation_a_lone_character_gets_no_guess():
    [f] = run_check("pinyin", ("来源：泗县融媒体中心", "Source: Rong Media Center, Sixian County"))
    assert f.text == "Rong" and f.suggestion is None  # 融's first sense, 'to melt', would mislead


def test_pinyin_before_a_place_word_that_is_no_place_name():
    # 靓村居 'beautify village homes': 村 begins 村居, so 'Liang Village' names no village; the
    # target spells 靓's other reading (liang4, 'attractive'), which the message explains
    found = run_check("pinyin", ("靓村居 共享乡村生活圈", "Pla -Liang Village House and share the rural living circle"),
                      ("梨树县气象局解除预警", "Lishu County Meteorological Bureau lifted the warning"),
                      ("五星红旗村开展活动", "Wuxing Hongqi Village held an event"))
    assert texts(found) == ["Liang"]
    assert "靓 (liang)" in found[0].message and "attractive" in found[0].message
