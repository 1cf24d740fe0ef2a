"""Stray tokens, verbless fragments and mid-sentence capitals."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts


def test_a_stray_word_after_a_sentence():
    found = run_check("stray-token", ("比例超过60%。", "The share exceeds 60%. Essence"), ("谢谢。是的。", "Thank you. Yes."))
    assert texts(found) == ["Essence"] and found[0].severity == "major"


def test_a_verbless_list_where_the_source_has_a_verb():
    found = run_check(
        "verbless-fragment",
        ("不断提升群众获得感、幸福感、安全感。", "We work hard. Feelings, happiness, and sense of security."),
        ("不断提升群众获得感、幸福感、安全感。", "We continuously enhance the sense of gain, happiness and security."),
    )
    assert texts(found) == ["Feelings, happiness, and sense of security."]
    assert "提升" in found[0].message


def test_a_the_more_the_better_sentence_needs_no_verb():
    source = "社会越不平等，孩子的表现越差。"
    assert run_check("verbless-fragment", (source, "The more unequal society, the worse the performance of children."),
                     (source, "The more unequal the society; the poorer the results of children.")) == []


def test_a_common_word_capitalised_mid_sentence():
    found = run_check(
        "mid-sentence-capital",
        ("各平台积极发挥作用，为群众提供支撑", "the platforms are active Function provides support"),
        ("梨树县气象局解除预警", "The Lishu County Meteorological Bureau lifted the warning"),
        ("九江市全力做好主汛期防汛准备工作", "Jiujiang Goes All Out to Prepare for the Main Flood Season"),
        ("开展“四好”创建活动", 'carry out the "Four Good" campaign'),
    )
    assert texts(found) == ["Function"]


def test_capitalised_words_joined_by_a_small_word_are_a_title_case_name():
    found = run_check(
        "mid-sentence-capital",
        ("他领导的司法部将向劳工和家庭部提出要求", "the Ministry he led would ask the Ministry of Labor and Family"),
        ("菲律宾总统发表国情咨文", "the day before the State of the Nation Address by the President"),
        ("延安市文旅局局长介绍", "the director of the Bureau of Culture and Tourism said"),
        # a capital on its own, beside a lowercase 'and', is still an artifact
        ("各平台积极发挥作用，为群众提供支撑", "the platforms are active and Function provides support"),
    )
    assert texts(found) == ["Function"]


def test_a_house_style_capital_is_not_an_error():
    found = run_check(
        "mid-sentence-capital",
        ("加强基层党组织建设", "strengthen grassroots Party organizations"),
        ("发挥党建的引领作用", "the leading role of Party building"),
    )
    assert found == []
