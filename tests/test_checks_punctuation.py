"""Punctuation against the source: end and start marks, the first capital, brackets, sentences."""

from __future__ import annotations

from evalkit.checks.punctuation import count_sentences
from tests.helpers import check_segments


def test_end_marks_compare_through_each_scripts_forms():
    assert check_segments(["end-punctuation"], ("Save as:", "Enregistrer sous\u00a0:"), ("Done.", "完成。"),
                          ("Quit?", "Beenden?"), ("Loading...", "Chargement…"), ('Say "hi."', "Dites « salut. »"),
                          tgt_lang="fr") == []
    found = check_segments(["end-punctuation"], ("Save as:", "Enregistrer sous"), ("Done", "完成。"), ("Open.", "打开"),
                           tgt_lang="zh")
    assert [(f.text, f.suggestion) for f in found] == [("", "："), ("。", ""), ("", "。")]


def test_an_ending_code_token_is_no_mark():
    assert check_segments(["end-punctuation"], ("Edit ~/.bashrc", "Modifiez ~/.bashrc"),
                          ("Saved as .pot", "Enregistré en .pot")) == []


def test_start_marks():
    found = check_segments(["start-punctuation"], ("...and more", "et plus"), ("(optional)", "(facultatif)"),
                           ("¿Listo?", "Ready?"), ("Quit?", "¿Salir?"))
    assert [(f.segment, f.message) for f in found] == [("1", "the source starts with '...', the target with no mark")]


def test_a_capital_start_lost():
    found = check_segments(["start-capital"], ("Open the file", "ouvrir le fichier"), ("Open", "打开"),
                           ("%s files", "%s fichiers"), ("open it", "Öffnen Sie es"), tgt_lang="de")
    assert [(f.text, f.suggestion) for f in found] == [("ouvrir", "Ouvrir")]


def test_brackets_outside_placeholders_must_balance_like_the_source():
    found = check_segments(["brackets"], ("Size (in bytes)", "Taille (en octets"), ("Name {name}", "Nom"),
                           ("Size (MB)", "大小（MB）"), ("Run foo() now", "Lancez foo() ]"))
    assert [(f.segment, f.category) for f in found] == [("1", "accuracy/omission"), ("4", "accuracy/addition")]


def test_sentences_are_counted_outside_code():
    assert count_sentences("Done. Close the window.") == 2
    assert count_sentences("Edit os.path.join() in v1.2.3, e.g. now") == 1
    assert count_sentences("完成。关闭窗口。") == 2
    found = check_segments(["sentence-count"], ("Done. Close the window.", "Terminé."), ("Done.", "Terminé. Fermez."),
                           ("One.", "Un."))
    assert [(f.segment, f.category) for f in found] == [("1", "accuracy/omission"), ("2", "accuracy/addition")]


def test_a_clause_after_a_colon_may_be_a_sentence_of_its_own():
    found = check_segments(["sentence-count"],
                           ("Skipped %s: the file is not an EPUB or PDF.", "%s をスキップしました。EPUB または PDF ではありません。"),
                           ("Saved. Reload the page to see the changes.", "保存しました：ページを再読み込みすると変更が表示されます。"),
                           ("Error: %s. Try again later.", "エラー: %s。"), ("Done. Close the window.", "Terminé : fermez."),
                           tgt_lang="ja")
    # a label's colon ('Error: %s') and a colon before a word or two join no sentences
    assert [f.segment for f in found] == ["3", "4"]


def test_a_day_or_month_name_written_small_by_the_target_language_is_no_lost_capital():
    assert check_segments(["start-capital"], ("Monday", "lundi"), ("May 3", "3 mai"), ("Friday evening", "viernes por la tarde"),
                          tgt_lang="fr") == []
    [f] = check_segments(["start-capital"], ("Settings", "paramètres"), tgt_lang="fr")
    assert f.text == "paramètres"
    # German writes its nouns with a capital, days included
    [g] = check_segments(["start-capital"], ("Monday", "montag"), tgt_lang="de")
    assert g.suggestion == "Montag"


def test_a_latin_gloss_of_a_name_needs_no_brackets_once_the_target_writes_the_name():
    def found(*pairs):
        return [(f.segment, f.category) for f in check_segments(["brackets"], *pairs, src_lang="zh", tgt_lang="en")]

    assert found(("英国交通大臣沙普斯（Grant Shapps）也在度假。", "British Transport Secretary Grant Shapps is also on vacation."),
                 ("威廉王子（Prince William）想确认", "Prince William (Prince William) wanted")) == []
    # a gloss the target does not write, brackets around other text, a gloss after no other script
    assert found(("沙普斯（Grant Shapps）也在度假。", "Shapps is also on vacation."),
                 ("波兰人(其中大部分是妇女)抗议。", "Poles, most of them women, protested.")) == [
        ("1", "accuracy/omission"), ("1", "accuracy/omission"), ("2", "accuracy/omission"), ("2", "accuracy/omission")]
    assert len(check_segments(["brackets"], ("Size (MB)", "Taille MB"), tgt_lang="fr")) == 2


def test_a_chinese_comma_before_a_clause_may_become_an_english_sentence_break():
    found = check_segments(["sentence-count"],
                           ("我们去年开始研究这个问题，今年已经取得了初步的成果。", "We began studying the problem last year. This year we have first results."),
                           ("会议结束了。大家都回家了。", "The meeting ended."),
                           ("会议结束，好。", "The meeting ended. Good."),
                           src_lang="zh", tgt_lang="en")
    # a comma before a clause joins two sentences; a dropped sentence, or a comma before a word, does not
    assert [f.segment for f in found] == ["2", "3"]
