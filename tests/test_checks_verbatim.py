"""Xbench-style checks: words in capitals kept as written, and double blanks."""

from __future__ import annotations

import pytest

from tests.helpers import check_segments


def _run(pairs, checks, tgt_lang="fr"):
    return check_segments(checks, *pairs, tgt_lang=tgt_lang)


def test_an_acronym_the_target_drops_or_rewrites_is_found():
    found = _run([("Plug in the USB drive and open the PDF.", "Branchez la clé et ouvrez le Pdf."),
                  ("Connect over SSH.", "Connectez-vous via SSH.")], ["uppercase-word"])
    assert [(f.text, f.suggestion, f.category) for f in found] == [
        ("", None, "accuracy/omission"), ("Pdf", "PDF", "accuracy/mistranslation")]
    assert "'USB'" in found[0].message


@pytest.mark.parametrize("source, target", [
    ("Run courier to see the IMAP log.", "Führen Sie courier aus, um das IMAP-Protokoll zu sehen."),  # a compound keeps it
    ("Write all FILE(s) to standard output.", "Écrire tous les FICHIERs sur la sortie standard."),  # a renamed argument
    ("  -k, --key=KEYDEF   sort via a key", "  -k, --key=DEFCLÉ   trier selon une clé"),
    ("WARNING: DISK FULL", "ATTENTION : DISQUE PLEIN"),  # a source in capitals shouts, it names nothing
    ("Use {COUNT} items from https://x.org/API", "Utilisez {COUNT} éléments de https://x.org/API"),
    ("Chapter IV", "Chapitre 4"),  # a Roman numeral is a number
])
def test_capitals_kept_renamed_or_not_names_are_no_finding(source, target):
    assert _run([(source, target)], ["uppercase-word"]) == []


def test_a_double_blank_between_words_is_found_unless_the_source_lines_up_columns():
    found = _run([("Open the file.", "Ouvrez  le fichier."),
                  ("  -f, --force      overwrite", "  -f, --force      écraser  tout")], ["double-space"])
    assert [(f.segment, f.text, f.suggestion) for f in found] == [("1", "  ", " ")]
    # leading and trailing runs are the edge-whitespace check's
    assert _run([("Open", "  Ouvrir  ")], ["double-space"]) == []
