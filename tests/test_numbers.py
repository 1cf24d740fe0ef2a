"""Numbers in Chinese and English text."""

from __future__ import annotations

from evalkit.numbers import en_number_words, en_numbers, parse_zh_numeral, same_digits, zh_numbers


def values(numbers):
    return sorted({n.value for n in numbers})


def test_chinese_numerals():
    assert parse_zh_numeral("一千八百零四") == 1804
    assert parse_zh_numeral("二〇二二") == 2022
    assert parse_zh_numeral("三万五千") == 35000
    assert parse_zh_numeral("两百") == 200
    assert parse_zh_numeral("十二") == 12


def test_wan_and_yi_after_digits():
    assert 450000 in values(zh_numbers("45万条"))
    assert 12000 in values(zh_numbers("1.2万件"))
    assert 350_000_000 in values(zh_numbers("3.5亿元"))
    assert 3000 in values(zh_numbers("3千人"))
    assert values(zh_numbers("共1,804个")) == [1804] and values(zh_numbers("[1,1]的输入")) == [1]


def test_dates_times_and_percentages():
    assert {2022, 8, 10} <= set(values(zh_numbers("2022.08.10")))
    assert {7, 57} <= set(values(zh_numbers("07时57分")))
    assert 60 in values(zh_numbers("百分之六十"))
    assert 100 not in values(zh_numbers("百分之六十"))


def test_strict_mode_skips_numerals_inside_words():
    assert values(zh_numbers("统一管理", strict=True)) == []
    assert values(zh_numbers("三个村", strict=True)) == [3]


def test_english_numbers():
    assert values(en_numbers("450,000 bags and 1.2 million yuan")) == [450000, 1_200_000]
    assert values(en_numbers("at 07:57 on 2022.08.10")) == [7, 8, 10, 57, 2022]
    assert values(en_numbers("60 percent")) == [60]
    assert values(en_numbers("Level III/Relatively Serious [III level/heavier]")) == [3]


def test_transposed_digits():
    assert same_digits(1804, 1084)
    assert not same_digits(1804, 1804) and not same_digits(12, 13)


def test_english_numbers_in_words():
    def words(text):
        return [(n.value, n.text) for n in en_number_words(text)]

    assert words("a quarter of a million -- and half a million") == [
        (250_000, "a quarter of a million"), (500_000, "half a million")]
    assert words("two hundred and fifty thousand") == [(250_000, "two hundred and fifty thousand")]
    assert words("one and a half million, three quarters of a billion") == [
        (1_500_000, "one and a half million"), (750_000_000, "three quarters of a billion")]
    assert words("twenty-five or ninety nine, two thousand five hundred") == [
        (25, "twenty-five"), (99, "ninety nine"), (2500, "two thousand five hundred")]
    # an article, a fraction of no amount and a list of words are not amounts
    assert words("a man, a few, half an hour, a third of the people") == []
    assert words("one two") == [(1, "one"), (2, "two")]
    assert words("ten and five") == [(10, "ten"), (5, "five")]


def test_cheng_counts_tenths_after_a_number_only():
    assert 20 in values(zh_numbers("平均高两成")) and 60 in values(zh_numbers("6成是男性"))
    assert 90 in values(zh_numbers("九成以上"))
    assert 10 not in values(zh_numbers("一成不变")) and 30 not in values(zh_numbers("三成员"))
    assert values(zh_numbers("他成为了")) == []
