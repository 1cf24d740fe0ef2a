"""Re-translation comparison: unsupported target words, omissions, partly rendered compounds."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts


def test_a_word_neither_the_source_nor_the_re_translation_supports():
    found = run_check(
        "unsupported-span",
        ("他喝了一杯茶。", "He drank a cup of coffee."),
        ("他喝了一杯茶。", "He drank a cup of tea."),
        retranslations=["He drank a cup of tea."] * 2,
    )
    assert texts(found) == ["coffee"]
    assert found[0].source == "茶" and found[0].suggestion == "tea"


def test_a_paraphrase_the_dictionary_knows_is_left_alone():
    found = run_check("unsupported-span", ("乡村治理很重要。", "Village administration is important."),
                      retranslations=["Rural governance matters a lot."])
    assert found == []


def test_source_content_the_re_translation_renders_and_the_target_leaves_out():
    found = run_check(
        "omission",
        ("我们去公园散步。", "We went for a walk."),
        ("我们去公园散步。", "We went to the park for a walk."),
        retranslations=["We went to the park for a walk."] * 2,
    )
    assert len(found) == 1 and found[0].segment == "1"
    assert found[0].source == "公园" and found[0].suggestion == "add 'park'"


def test_an_omission_the_re_translation_shares_is_a_paraphrase():
    found = run_check("omission", ("我们去公园散步。", "We went for a walk."), retranslations=["We went for a walk."])
    assert found == []


def test_half_of_a_compound_the_dictionary_lacks():
    [f] = run_check("partial-rendering", ("红色乡贤工作站", "Red Township Workstation"),
                    retranslations=["red local worthy workstation"])
    assert f.text == "Township" and "贤" in f.message


def test_a_compound_rendered_whole_is_left_alone():
    found = run_check("partial-rendering", ("红色乡贤工作站", "Red Local Worthies Workstation"),
                      retranslations=["red local worthy workstation"])
    assert found == []


def test_an_unsupported_word_gets_the_re_translation_s_word_for_the_source_word_it_replaced():
    found = run_check(
        "unsupported-span",
        ("加强基层党组织建设", "strengthen the construction of grass-roots party bananas"),
        ("开展农户评议", "carry out the evaluation of farmers' dancing"),
        retranslations=["strengthen the building of grassroots party organizations",
                        "carry out appraisals of farm households"],
    )
    by_text = {f.text: f for f in found}
    assert (by_text["bananas"].source, by_text["bananas"].suggestion) == ("组织", "organizations")
    assert (by_text["dancing"].source, by_text["dancing"].suggestion) == ("评议", "appraisals")
    assert "the re-translation says 'appraisals' there" in by_text["dancing"].message


def test_a_doubled_character_rendered_once_is_whole():
    source = "它们进化出了长长的口器以获取底部的花蜜。"
    found = run_check("partial-rendering", (source, "They have evolved long mouthparts to get the nectar at the bottom."),
                      retranslations=["They evolved a long mouthpart to get the nectar from the bottom."])
    assert found == []


def test_a_number_is_left_to_the_number_checks():
    found = run_check("omission", ("有些冰超过十万年。", "Some ice is more than one hundred thousand years old."),
                      retranslations=["Some of the ice is more than ten myriad years old."])
    assert found == []


def test_a_word_the_source_repeats_and_the_target_renders_once_is_not_left_out():
    source = "它能探测宇宙中任何大的扰动，其中最大的扰动要数大爆炸了。"
    found = run_check("omission", (source, "It can detect any large disturbance in the universe, the biggest of which is the Big Bang."),
                      retranslations=["It can detect any large disturbance in the universe; the largest disturbance is the Big Bang."])
    assert found == []


def test_a_contraction_of_function_words_renders_nothing_and_needs_nothing():
    found = run_check("unsupported-span", ("但这基本上就是我们在讨论的。", "But that's basically what we're talking about."),
                      retranslations=["But this is basically what we are discussing."])
    assert found == []
