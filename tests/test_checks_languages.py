"""Checks for every language pair: what each declares it reads, and the target language's conventions."""

from __future__ import annotations

import json

from evalkit.checks.base import all_checks, for_pair
from tests.helpers import run_cli
from tests.test_checks_support import run_check, texts

EN_DE, EN_FR = ("en", "de"), ("en", "fr")


def test_language_agnostic_checks_run_for_every_pair_and_pinyin_only_from_chinese():
    checks = all_checks().values()
    run, other = for_pair(checks, "en", "de")
    ids = {c.id for c in run}
    assert {"number-mismatch", "number-missing", "placeholder", "glossary-term", "repeated-word", "spaced-hyphen",
            "space-before-punctuation", "cjk-punctuation", "untranslated", "length-ratio",
            "unrelated-content"} <= ids
    assert "pinyin" not in ids and "mid-sentence-capital" not in ids
    # zh -> en runs every check but those that read an English source
    english_source = {c.id for c in checks if c.source == ("en",)}
    assert english_source == {"name-not-in-source"}
    assert {c.id for c in for_pair(checks, "zh-CN", "en-US")[0]} == {c.id for c in checks} - english_source
    assert "name-not-in-source" in {c.id for c in for_pair(checks, "en-US", "zh-CN")[0]}
    assert all_checks()["pinyin"].languages == "zh → en +lexicon" and all_checks()["number-mismatch"].languages == "any → any"


def test_a_changed_number_is_flagged_for_a_pair_without_chinese():
    found = run_check("number-mismatch", ("3 files were deleted.", "5 Dateien wurden gelöscht."), langs=EN_DE)
    assert texts(found) == ["5"] and found[0].severity == "major"
    # each side read under its own marks: 1,500.50 in English is 1.500,50 in German
    assert run_check("number-mismatch", ("Price: 1,500.50 EUR", "Preis: 1.500,50 EUR"), langs=EN_DE) == []
    assert texts(run_check("number-mismatch", ("Wait 1804 days", "Attendez 1084 jours"), langs=EN_FR)) == ["1084"]


def test_a_number_left_out_is_flagged_and_one_written_wrongly_is_not_reported_twice():
    found = run_check("number-missing", ("Delete 12 messages?", "Nachrichten löschen?"), langs=EN_DE)
    assert len(found) == 1 and found[0].suggestion == "12"
    assert run_check("number-missing", ("3 files were deleted.", "5 Dateien wurden gelöscht."), langs=EN_DE) == []
    # stated in words, or by an article
    assert run_check("number-missing", ("3 files", "drei Dateien"), ("one file", "eine Datei"), langs=EN_DE) == []


def test_french_spaces_before_high_punctuation_are_required_not_flagged():
    target = "Attention : le fichier est manquant ! Voulez-vous continuer ? « Oui »"
    assert run_check("space-before-punctuation", ("Warning: the file is missing! Continue?", target), langs=EN_FR) == []
    found = run_check("missing-space-before", ("Error: disk full!", "Erreur: disque plein!"), langs=EN_FR)
    assert texts(found) == [":", "!"] and found[0].suggestion == "\u00a0:"
    assert run_check("missing-space-before", ("See http://x.org at 10:30", "Voir http://x.org à 10:30"), langs=EN_FR) == []
    # English and German write no space there
    assert texts(run_check("space-before-punctuation", ("Error: x", "Fehler : x"), langs=EN_DE)) == [" :"]
    assert run_check("missing-space-before", ("Error: x", "Fehler: x"), langs=EN_DE) == []


def test_typographic_quotes_are_not_full_width_punctuation():
    for langs, target in ((EN_DE, "Klicken Sie auf „Speichern“, um sie zu behalten’"),
                          (("zh", "en"), "It’s “done”."), (EN_FR, "C’est « fait »")):
        assert run_check("cjk-punctuation", ("x", target), langs=langs) == []
    assert texts(run_check("cjk-punctuation", ("x", "C'est fait，merci。"), langs=EN_FR)) == ["，", "。"]
    assert run_check("cjk-punctuation", ("File saved.", "ファイルを保存しました。"), langs=("en", "ja")) == []


def test_grammatical_doublings_are_not_repetition():
    assert run_check("repeated-word", ("You are wrong.", "Vous vous trompez."), langs=EN_FR) == []
    assert run_check("repeated-word", ("If you see them", "Wenn Sie sie sehen"), langs=EN_DE) == []
    assert run_check("repeated-word", ("who know the rules", "die die Regeln kennen"), langs=EN_DE) == []
    assert texts(run_check("repeated-word", ("the new file", "die neue neue Datei"), langs=EN_DE)) == ["neue neue"]
    assert texts(run_check("repeated-word", ("the file", "le le fichier"), langs=EN_FR)) == ["le le"]
    assert texts(run_check("repeated-word", ("файл", "файл файл"), langs=("en", "ru"))) == ["файл файл"]


def test_a_word_repeated_across_the_columns_of_a_help_line_is_no_doubling():
    line = ("  --library-path=DIR   use DIR as the library", "  --library-path=DIR   DIR をライブラリとして使う")
    assert run_check("repeated-word", line, langs=("en", "ja")) == []
    # within a sentence, or where the source lays out no columns, the doubling stands
    assert texts(run_check("repeated-word", ("use DIR now", "DIR   DIR を使う"), langs=("en", "ja"))) == ["DIR   DIR"]


def test_a_target_copied_from_its_source_is_untranslated():
    found = run_check("untranslated", ("The file could not be opened.", "The file could not be opened."),
                      ("Google Drive", "Google Drive"), ("Save as PDF", "Save as PDF"), langs=EN_DE)
    assert [f.segment for f in found] == ["1", "3"] and found[0].category == "accuracy/untranslated"
    assert run_check("untranslated", ("Open the file.", "Open the file."), langs=("en", "en-GB")) == []


def test_length_far_off_the_documents_ratio():
    long = "This sentence says a good deal more than a couple of words about the file."
    pairs = [(long, "Dieser Satz sagt viel mehr als ein paar Worte über die Datei aus.")] * 8
    found = run_check("length-ratio", *pairs, (long, "Datei."), (long, long + " " + long + " " + long + " " + long),
                      langs=EN_DE)
    assert [(f.segment, f.category) for f in found] == [("9", "accuracy/omission"), ("10", "accuracy/addition")]


def test_a_glossary_term_missing_in_a_german_target(tmp_path):
    glossary = tmp_path / "g.csv"
    glossary.write_text("source,target\nfile,Datei\n", encoding="utf-8")
    found = run_check("glossary-term", ("Open the file", "Öffnen Sie das Dokument"), ("Open the file", "Die Dateien öffnen"),
                      glossary=str(glossary), langs=EN_DE)
    assert [f.segment for f in found] == ["1"]


def test_an_en_de_run_says_which_checks_did_not_run_and_flags_no_german_noun(tmp_path):
    data = tmp_path / "de.jsonl"
    rows = [{"id": "1", "source": "3 files were deleted.", "target": "5 Dateien wurden gelöscht."},
            {"id": "2", "source": "Do you want to save the changes to this Document?",
             "target": "Möchten Sie die Änderungen an diesem Dokument speichern?"},
            {"id": "3", "source": "If you see them, tell them.", "target": "Wenn Sie sie sehen, sagen Sie es ihnen."}]
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = run_cli("check", str(data), "--src-lang", "en", "--tgt-lang", "de", "--format", "json", cwd=tmp_path,
                  env={"HF_HOME": str(tmp_path / "hf")})
    report = json.loads(out.stdout)
    assert [(f["segment"], f["check"], f["text"]) for f in report["findings"]] == [("1", "number-mismatch", "5")]
    assert "pinyin" not in report["signature"]["checks"]
    assert any("did not run for en→de" in n and "mid-sentence-capital" in n for n in report.get("notes", []))


def test_evalkit_checks_shows_each_checks_languages():
    out = run_cli("checks")
    lines = {line.split()[0]: line for line in out.stdout.splitlines()}
    assert "zh → en" in lines["pinyin"] and "any → any" in lines["number-mismatch"]


def test_checks_for_the_opposite_direction_go_unnamed(tmp_path):
    from evalkit.checks.base import select_checks
    from evalkit.model import Document, Segment
    from evalkit.pipeline import for_document

    doc = lambda s, t: Document("d", [Segment("1", "x", "y")], src_lang=s, tgt_lang=t)  # noqa: E731
    assert for_document(select_checks(), doc("zh", "en"))[1] == []  # name-not-in-source reads en→zh
    [note] = for_document(select_checks(), doc("de", "en"))[1]
    assert "pinyin" in note and "name-not-in-source" in note
