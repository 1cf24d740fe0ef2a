"""Punctuation and spacing artifacts."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts


def test_spaced_hyphen_is_flagged_and_real_hyphens_are_not():
    found = run_check("spaced-hyphen", ("基层", "the grass -roots level, grass-roots people, pages 3 - 5"))
    assert texts(found) == ["grass -roots"]
    assert found[0].suggestion == "grass-roots" and found[0].severity == "minor"


def test_space_before_punctuation():
    found = run_check("space-before-punctuation", ("x", "managers , Sign the contracts . Fine, done..."))
    assert texts(found) == [" ,", " ."]


def test_missing_space_after_a_label_but_not_in_times_numbers_or_abbreviations():
    found = run_check("missing-space", ("作者", "Author:Anhui Time:2022.08.10 at 07:57, cost 1,000, e.g. here, U.S. law"))
    assert texts(found) == ["Author:Anhui", "Time:2022"]
    assert found[0].suggestion == "Author: Anhui"


def test_space_before_a_closing_quote():
    found = run_check("space-before-closing-quote", ("x", 'form a "town and Groups " system'))
    assert texts(found) == [' "']
    assert run_check("space-before-closing-quote", ("x", 'the "big data" and "cloud" era')) == []


def test_run_together_words_are_split_in_the_suggestion():
    found = run_check("run-together", ("x", "Xinhua News AgencyrecentlyA young manWith a PowerPoint on his iPhone"))
    assert texts(found) == ["AgencyrecentlyA", "manWith"]
    assert found[0].suggestion == "Agency recently A" and found[0].severity == "minor"


def test_a_camel_case_name_the_source_writes_so_is_no_run_together():
    found = run_check("run-together", ("头两个项目是MacroBot和DeciBot。", "The first two projects are MacroBot and DeciBot."),
                      ("头两个项目是机器人。", "The first two projects are MacroBot and robots."))
    assert [(f.segment, f.text) for f in found] == [("2", "MacroBot")]


def test_full_width_punctuation_in_english():
    found = run_check("cjk-punctuation", ("你好，世界", "Hello，world"))
    assert texts(found) == ["，"] and found[0].suggestion == ","
