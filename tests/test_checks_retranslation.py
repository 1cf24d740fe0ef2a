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
