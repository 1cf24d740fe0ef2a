"""Numbers and offsets for English to Chinese and for Hebrew, a right-to-left target."""

from __future__ import annotations

from tests.test_checks_support import run_check, texts

EN_ZH, EN_HE, HE_EN = ("en", "zh-CN"), ("en", "he"), ("he", "en")


def test_english_to_chinese_numbers_are_read_however_chinese_writes_them():
    assert texts(run_check("number-mismatch", ("3 files were deleted.", "已删除5个文件。"), langs=EN_ZH)) == ["5"]
    assert run_check("number-mismatch", ("3 files were deleted.", "已删除三个文件。"), ("12,000 users", "1.2万用户"),
                     langs=EN_ZH) == []
    found = run_check("number-missing", ("Delete 12 messages?", "删除消息？"), langs=EN_ZH)
    assert len(found) == 1 and found[0].suggestion == "12"


def test_a_right_to_left_target_keeps_logical_offsets():
    # bidi marks around the number are characters of the text: the span still indexes it exactly
    target = "נמחקו \u200f5\u200f קבצים"
    [f] = run_check("number-mismatch", ("3 files were deleted", target), langs=EN_HE)
    assert target[f.start:f.end] == "5" and f.text == "5"
    assert run_check("number-mismatch", ("3 files were deleted", "נמחקו 3 קבצים"), langs=EN_HE) == []
    assert texts(run_check("number-mismatch", ("נמחקו שלושה קבצים", "5 files were deleted"), langs=HE_EN)) == ["5"]
    assert run_check("number-mismatch", ("נמחקו שלושה קבצים", "3 files were deleted"), langs=HE_EN) == []
