"""inconsistent-translation and inconsistent-source: one string translated two ways in a file, and one
translation given to two different strings; units of different contexts are not compared."""

from __future__ import annotations

import json

from tests.helpers import run_cli

PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

msgid "Save"
msgstr "Enregistrer"

msgid "Save."
msgstr "Sauvegarder"

msgid "save"
msgstr "Enregistrer"

msgctxt "state"
msgid "Open"
msgstr "Ouvert"

msgid "Open"
msgstr "Ouvrir"

msgid "Close"
msgstr "Fermer"

msgid "Quit"
msgstr "Quitter"

msgid "Exit"
msgstr "Quitter"

msgid "Leave"
msgstr "Quitter"
'''


def _findings(tmp_path, name, text, check):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = run_cli("check", str(path), "--src-lang", "en", "--tgt-lang", "fr", "--format", "json",
                  "--fail-on", "never", env={"EVALKIT_CACHE_DIR": str(tmp_path / "c"), "HF_HOME": str(tmp_path / "hf")})
    assert out.returncode == 0, out.stderr
    return [f for f in json.loads(out.stdout)["findings"] if check in f["check"].split("+")]


def test_a_string_translated_two_ways_flags_the_odd_one_with_the_usual_one_as_fix(tmp_path):
    [f] = _findings(tmp_path, "a.po", PO, "inconsistent-translation")
    # case and final punctuation aside, 'Save' is 'Enregistrer' twice and 'Sauvegarder' once
    assert (f["segment"], f["text"], f["suggestion"], f["severity"]) == ("Save.", "Sauvegarder", "Enregistrer", "minor")


def test_one_translation_for_different_strings_flags_the_odd_sources(tmp_path):
    found = _findings(tmp_path, "a.po", PO, "inconsistent-source")
    # 'Quitter' renders Quit, Exit and Leave: the first is taken as the file's own, the others flagged
    assert sorted(f["segment"] for f in found) == ["Exit", "Leave"]
    assert all(f["text"] == "Quitter" for f in found)


def test_contexts_keep_strings_apart(tmp_path):
    found = _findings(tmp_path, "a.po", PO, "inconsistent-translation")
    assert not any(f["segment"].startswith("state::") or f["segment"] == "Open" for f in found)


def test_jsonl_rows_of_several_systems_are_not_compared(tmp_path):
    rows = [{"id": str(i), "source": "Save the file", "target": t}
            for i, t in enumerate(["Enregistrer le fichier", "Sauvegarder le fichier"])]
    text = "".join(json.dumps(r) + "\n" for r in rows)
    assert _findings(tmp_path, "rows.jsonl", text, "inconsistent-translation") == []


def test_xliff_resnames_do_not_keep_strings_apart(tmp_path):
    units = "".join(
        f'<trans-unit id="{i}" resname="menu.{i}"><source>Save</source><target>{t}</target></trans-unit>'
        for i, t in enumerate(["Enregistrer", "Enregistrer", "Sauvegarder"]))
    xlf = ('<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
           f'<file source-language="en" target-language="fr" datatype="plaintext" original="a"><body>{units}</body></file></xliff>')
    [f] = _findings(tmp_path, "a.xlf", xlf, "inconsistent-translation")
    assert f["text"] == "Sauvegarder" and f["suggestion"] == "Enregistrer"
