"""Language packs: the registry, and what each pack says about how its language writes."""

from __future__ import annotations

import pytest

from evalkit.lang import LANGUAGES, Language, language, primary
from evalkit.lang.generic import Generic
from evalkit.lang.script import cjk_share, dominant_script, has_han, is_rtl_char, script_of


def values(code: str, text: str) -> list[float]:
    return [n.value for n in language(code).numbers(text)]


@pytest.mark.parametrize("code", sorted(LANGUAGES) + ["pt", "ko", "ar"])
def test_every_pack_meets_the_protocol(code):
    pack = language(code)
    assert isinstance(pack, Language)
    assert pack.code == primary(code)
    assert pack.direction in ("ltr", "rtl")
    assert all(isinstance(w.start, int) and w.end > w.start for w in pack.words("a 1 b"))


def test_region_and_alias_codes_reach_the_pack():
    assert language("zh-CN") is language("zh-cn") or language("zh-CN").code == "zh"
    assert language("de_AT").code == "de" and type(language("de_AT")).__name__ == "German"
    assert language("iw").code == "he"
    assert type(language("pt-BR")) is Generic and language("pt-BR").code == "pt"


def test_numbers_follow_each_languages_marks():
    assert values("en", "1,500 files, 2.5 kg") == [1500, 2.5]
    assert values("de", "1.500 Dateien, 2,5 kg") == [1500, 2.5]
    assert values("fr", "1\u202f500 fichiers, 2,5 kg") == [1500, 2.5]
    assert values("ru", "1 500 файлов, 2,5 кг") == [1500, 2.5]
    assert values("es", "1.500 archivos") == [1500]
    # digits after a decimal mark are no number of their own; a space only parts numbers where it groups none
    assert values("en", "1,5") == [1, 5]  # English does not write a decimal comma: two numbers, as a list
    assert values("fr", "en 2020 3 fois") == [2020, 3]


def test_digits_of_any_script_and_number_words():
    assert values("ar", "٣ ملفات") == [3]
    assert values("hi", "३ फ़ाइलें") == [3]
    assert values("ja", "ファイルが３つ、二十人") == [3, 20]
    assert {3, 250000} <= set(values("zh", "三个文件，25万人"))  # 25万 is also read as 25 (万 written out)
    assert values("de", "drei Dateien") == [3]
    assert values("fr", "trois fichiers") == [3]
    assert values("ru", "три файла") == [3]
    assert values("en", "twenty thousand files") == [20000]


def test_words_of_spaced_and_unspaced_scripts():
    assert [w.text for w in language("de").words("Größe: 3 Straßen-Bahnen")] == ["Größe", "3", "Straßen-Bahnen"]
    assert [w.text for w in language("ja").words("ファイルを保存しました")] == ["ファイル", "を", "保存", "しました"]
    assert [w.text for w in language("zh").words("保存文件。")] == ["保存", "文件"]
    he = "שמור את הקובץ"
    assert [he[w.start:w.end] for w in language("he").words(he)] == ["שמור", "את", "הקובץ"]


def test_sentence_ends_know_abbreviations_and_scripts():
    de = "Dr. Weber kommt um 3.5 Uhr. Dann geht er."
    assert language("de").sentence_ends(de) == [de.index("Uhr.") + 4, len(de)]
    he = "שלום. מה שלומך?"
    assert language("he").sentence_ends(he) == [he.index(".") + 1, len(he)]
    assert language("ja").sentence_ends("保存しました。閉じます。") == [7, 12]


def test_conventions_of_the_named_languages():
    fr, de, ja, he, en = (language(c) for c in ("fr", "de", "ja", "he", "en"))
    assert set(":;?!»") <= set(fr.space_before) and "«" in fr.space_after
    assert de.capitalises_nouns and de.decimal_mark == "," and not en.capitalises_nouns
    assert ja.full_width and not ja.spaced and language("zh").full_width and not fr.full_width
    assert he.direction == "rtl" and not he.cased and language("ar").direction == "rtl"
    assert fr.is_doubling("vous", "vous") and de.is_doubling("Sie", "sie") and not de.is_doubling("Haus", "Haus")
    assert en.is_doubling("had", "had") and not fr.is_doubling("le", "la")


def test_names_by_capitals_where_capitals_mark_names():
    en, de = language("en"), language("de")
    text = "We met Anna in the garden"
    w = next(w for w in en.words(text) if w.text == "Anna")
    assert en.is_name(text, w)
    de_text = "Wir trafen Xqvarenka im Garten"
    ws = {w.text: w for w in de.words(de_text)}
    assert not de.is_name(de_text, ws["Garten"])  # a German noun, not a name
    assert de.is_name(de_text, ws["Xqvarenka"])
    assert not de.is_name(de_text, ws["Wir"])  # sentence-initial


def test_scripts():
    assert has_han("保存 file") and not has_han("ファイル")
    assert cjk_share("ファイル") == 1.0 and cjk_share("...") is None
    assert script_of("ж") == "CYRILLIC" and script_of("א") == "HEBREW" and script_of("1") == ""
    assert dominant_script("Привет, world") == "CYRILLIC"
    assert is_rtl_char("א") and not is_rtl_char("a")


def test_kanji_numerals_inside_words_are_no_numbers():
    from evalkit.lang import language

    def values(lang, text):
        return [n.value for n in language(lang).numbers(text)]

    assert values("ja", "一覧を表示") == [] and values("ja", "統一する") == []
    assert values("ja", "三人が参加") == [3] and values("ja", "第三章") == [3] and values("ja", "二回目") == [2]
    assert values("zh", "二氧化碳排放") == [] and values("zh", "一些零件") == []
    assert values("zh", "三人死亡") == [3] and values("zh", "第三季度") == [3] and values("zh", "两架飞机") == [2]
