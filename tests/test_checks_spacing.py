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


def test_ascii_punctuation_in_chinese_and_japanese_text_gets_the_full_width_form():
    zh = run_check("half-width-punctuation", ("Save the file, then close it.", "保存文件,然后关闭。"),
                   ("Done!", "完成!"), langs=("en", "zh"))
    assert texts(zh) == [",", "!"] and [f.suggestion for f in zh] == ["，", "！"]
    ja = run_check("half-width-punctuation", ("File saved, done.", "ファイルを保存しました,完了."), langs=("en", "ja"))
    assert texts(ja) == [",", "."] and [f.suggestion for f in ja] == ["、", "。"]


def test_ascii_marks_in_versions_names_ellipses_and_latin_text_are_left_alone():
    zh = [("Version 3.5", "版本 3.5"), ("Edit config.json", "编辑 config.json 文件"),
          ("Please wait...", "请稍候..."), ("Hello, world.", "Hello, world.")]
    assert run_check("half-width-punctuation", *zh, langs=("en", "zh")) == []
    # Japanese writes ':' as it is: only the marks the pack names are mended.
    assert run_check("half-width-punctuation", ("Settings: save", "設定: 保存"), langs=("en", "ja")) == []
    # Languages that do not write full-width marks are never asked.
    assert run_check("half-width-punctuation", ("x", "保存,然后"), langs=("zh", "en")) == []


def test_a_comma_the_source_writes_unspaced_is_no_missing_space():
    from tests.helpers import check_segments

    assert check_segments(["missing-space"], ("yes,no,maybe", "oui,non,peut-être")) == []
    [f] = check_segments(["missing-space"], ("Yes, no, maybe", "oui,non, peut-être"))
    assert f.text == "oui,non"
