"""fluency/spelling: a target word its language's word list lacks, one letter from a common word."""

from __future__ import annotations

import pytest

from evalkit.checks.spelling import meant
from evalkit.lang import language
from tests.helpers import check_segments


@pytest.mark.parametrize("lang, word, fix", [
    ("it", "documentzione", "documentazione"),  # a letter dropped
    ("pt", "ordenção", "ordenação"),
    ("fr", "fihcier", "fichier"),               # two letters swapped
    ("ru", "Предупрждения", "Предупреждения"),
    ("de", "Dokumnet", "Dokument"),
])
def test_a_slip_is_one_letter_from_the_word_meant(lang, word, fix):
    assert meant(word, language(lang)) == fix


@pytest.mark.parametrize("lang, word", [
    ("fr", "fichier"),     # a word of the language
    ("fr", "xqzwvbk"),     # unknown, but no common word is one letter away
    ("de", "Dateien"),
])
def test_known_words_and_far_strings_are_no_slips(lang, word):
    assert meant(word, language(lang)) is None


def test_the_finding_says_what_was_meant():
    [f] = check_segments(["spelling"], ("Open the documentation", "Apri la documentzione"), tgt_lang="it")
    assert (f.text, f.suggestion, f.category, f.severity) == ("documentzione", "documentazione", "fluency/spelling", "minor")


def test_words_meant_as_written_are_left_alone():
    pairs = [
        ("Log in to Fihcier", "Connectez-vous à Fihcier"),           # the source has it: a name kept
        ("Meet us downtown", "Retrouvez-nous à Tolouse"),            # capitalised mid-sentence: read as a name
        ("Run --fihcier now", "Lancez --fihcier maintenant"),        # a code token
        ("Hello %(fihcier)s", "Bonjour %(fihcier)s"),                # a placeholder
    ]
    assert check_segments(["spelling"], *pairs) == []
    # a word two of the file's targets write is a term of the project, not a slip made twice alike
    twice = [("Open the doc", "Ouvrir le fihcier"), ("Close the doc", "Fermer le fihcier")]
    assert check_segments(["spelling"], *twice) == []
    assert [f.text for f in check_segments(["spelling"], twice[0])] == ["fihcier"]


def test_a_sentence_s_first_word_and_a_german_noun_are_read_too():
    [first] = check_segments(["spelling"], ("Document saved", "Docuemnt enregistré"))
    assert first.suggestion == "Document"
    [noun] = check_segments(["spelling"], ("Open the document", "Öffne das Dokumnet"), tgt_lang="de")
    assert noun.suggestion == "Dokument"


@pytest.mark.parametrize("tgt_lang, pair", [
    ("ja", ("Open the document", "ドキュメントを開く")),  # no spaces between words
    ("zh", ("Open the document", "打开文档")),
    ("xx", ("Open the document", "Ovrir le documnet")),   # no word list for the language
])
def test_languages_the_check_cannot_read_get_no_findings(tgt_lang, pair):
    assert check_segments(["spelling"], pair, tgt_lang=tgt_lang) == []
