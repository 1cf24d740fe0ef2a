"""Names nothing in the source supports."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts


def test_a_place_name_the_source_does_not_contain_is_critical():
    [f] = run_check("hallucinated-name", ("推动政务服务事项深度进村", "promote the share of Shenzhen Village in services"))
    assert f.text == "Shenzhen Village" and f.severity == "critical"
    assert "深圳" in f.message


def test_place_names_the_source_contains_are_left_alone():
    found = run_check("hallucinated-name", ("深圳市", "Shenzhen City"), ("安徽省宿州市泗县", "Si County, Suzhou City, Anhui Province"))
    assert found == []


def test_an_unsupported_name_like_word():
    found = run_check("unsupported-name", ("他来了。", "Then Zorbatron came."), ("王海燕来了。", "Then Wang Haiyan came."))
    assert texts(found) == ["Zorbatron"]


def test_a_foreign_name_the_source_writes_by_its_sound_is_no_addition():
    found = run_check(
        "unsupported-name",
        ("普京在喀琅施塔得海军基地检阅了舰艇。", "Putin reviewed the ships at the Kronstadt naval base."),
        ("律师萨拉·布兰农对记者说。", "Lawyer Sarah Brannon told reporters."),
        ("比利时首相维尔梅斯宣布。", "Belgian Prime Minister Wilmès announced."),
        # a name that sounds like nothing of its source is still unsupported, accents and all
        ("比利时首相宣布。", "Belgian Prime Minister Zorbatrès announced."),
        ("律师对记者说。", "Lawyer Brannon told reporters."),
    )
    # what sounds like the source is a minor spelling note, not a major addition
    assert [(f.text, f.severity) for f in found] == [("Kronstadt", "minor"), ("Brannon", "minor"), ("Wilmès", "minor"),
                                                     ("Zorbatrès", "major"), ("Brannon", "major")]
    assert "维尔梅斯" in found[2].message and found[2].category == "fluency/spelling"


SHARE = ("推动政务服务事项深度进村比例超过60%",
         "to promote the proportion of Shenzhen Village in government service matters exceeding 60%")
SHARE_RETRANSLATION = "promote government services to go deep into villages, with a proportion of more than 60%"


def test_a_hallucinated_name_gets_the_re_translation_s_words_for_that_place_as_its_fix():
    [f] = run_check("hallucinated-name", SHARE, retranslations=[SHARE_RETRANSLATION])
    assert f.text == "Shenzhen Village"
    # 深度 进 (unrendered there) and 村 (which 'Village' renders), as the re-translation says them
    assert f.suggestion == "deep into villages"
    assert "the re-translation says 'deep into villages'" in f.message


def test_a_dictionary_gloss_is_no_re_translation_to_take_a_fix_from():
    from evalkit.checks.base import CheckContext
    from evalkit.checks.support import retranslation_rendering
    from evalkit.resources import Resources
    from tests.test_checks_support import make_doc

    doc = make_doc(SHARE, retranslations=[SHARE_RETRANSLATION])
    seg = doc.segments[0]
    seg.meta["retranslated_by"] = "lexicon"
    ctx = CheckContext(document=doc, resources=Resources(), settings={})
    assert retranslation_rendering(seg, ctx, [4, 5, 6]) is None
    del seg.meta["retranslated_by"]
    assert retranslation_rendering(seg, ctx, [4, 5, 6]) == "deep into villages"
    assert retranslation_rendering(seg, ctx, [3]) is None  # 事项 (matters): the re-translation leaves it out
    # 推动 and 比例 are said far apart: no one phrase to put in
    assert retranslation_rendering(seg, ctx, [0, 7]) is None
    [f] = run_check("hallucinated-name", SHARE)  # no re-translation at all
    assert f.suggestion is None and "re-translation" not in f.message
