"""Repetition: back-to-back words and words said more often than the source says them."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts


def test_back_to_back_repeats_and_their_severity():
    found = run_check("repeated-word", ("典型经验", "typical typical experience; villages, villages, villages clean"))
    assert texts(found) == ["typical typical", "villages, villages, villages"]
    assert [f.severity for f in found] == ["minor", "major"]


def test_a_hyphenated_repeat_gets_the_dictionary_sense_as_suggestion():
    target = 'have won the "Five -Five Red Flag Village"'
    [f] = run_check("repeated-word", ("获评五星红旗村", target))
    assert f.text == "Five -Five"
    # the suggestion replaces the span alone: the sense's compound, not the whole 'five-starred red flag'
    assert target[: f.start] + f.suggestion + target[f.end :] == 'have won the "Five-starred Red Flag Village"'


def test_legitimate_doublings_are_left_alone():
    assert run_check("repeated-word", ("他说的那个", "he said that that is what he had had in mind")) == []


def test_a_word_said_again_where_the_source_has_another_word():
    [f] = run_check("repeated-content", ("看得见、摸得着的美丽宜居之地", "a beautiful place that can be visible and visible"))
    assert f.text == "visible" and f.category == "accuracy/mistranslation"
    assert f.suggestion == "tangible" and f.source == "摸得着"


def test_a_word_the_source_also_says_twice_is_not_a_repetition():
    assert run_check("repeated-content", ("两个村和另外三个村", "two villages and three other villages")) == []


def test_a_word_said_again_later_gets_no_deletion_as_its_fix():
    found = run_check("repeated-content", ("绿水青山就是金山银山", "green water and green mountains is the golden mountains and silver mountains"))
    assert found and all(f.suggestion is None for f in found)


def test_a_placeholder_or_tag_name_is_no_repeated_word():
    # the name inside '%(value)s' and the attributes of a tag are not words of the text
    assert run_check("repeated-content", ("“%(value)s”的值必须为整数。", "“%(value)s” value must be an integer.")) == []
    assert run_check("repeated-content", ("请删除<meta name=\"referrer\">标签中的推荐人",
                                          'Remove the referrer from the <meta name="referrer"> tag.')) == []
    # the same word said twice in prose still is
    [f] = run_check("repeated-content", ("它的值必须为整数。", "Its value value is a value that must be an integer."))
    assert f.text.lower().startswith("value")
