"""A project's checklist: its own source and target patterns, as Xbench's checklists hold them."""

from __future__ import annotations

import json

import pytest

from evalkit.checks.checklist import checklist_rules
from evalkit.cli import main
from evalkit.config import load_settings
from tests.helpers import assert_config_error, check_segments

CANCEL = {"message": "Cancel is 'Annuler' here", "source": r"\bCancel\b", "target_lacks": "Annuler"}
TU = {"message": "we address users as 'tu'", "target": r"\bvous\b", "ignore_case": True, "suggestion": "tu",
      "severity": "major", "category": "style/awkward"}


def test_a_target_lacking_the_required_pattern_is_a_finding():
    found = check_segments(["checklist"], ("Cancel the upload", "Annuler l'envoi"), ("Cancel", "Abandonner"),
                           ("Upload", "Envoyer"), options={"checklist": checklist_rules([CANCEL])})
    [f] = found
    assert (f.segment, f.start, f.end, f.message, f.severity, f.category) == \
        ("2", 10, 10, "Cancel is 'Annuler' here", "minor", "terminology/wrong-term")


def test_each_match_of_a_target_pattern_is_a_finding_with_the_rule_s_severity():
    found = check_segments(["checklist"], ("Are you sure?", "Êtes-vous sûr ? Vous perdrez tout."),
                           ("Sure", "D'accord"), options={"checklist": checklist_rules([TU])})
    assert [(f.text, f.suggestion, f.severity, f.category) for f in found] == [
        ("vous", "tu", "major", "style/awkward"), ("Vous", "tu", "major", "style/awkward")]


def test_a_rule_runs_only_for_its_target_languages():
    rules = checklist_rules([{**CANCEL, "tgt_lang": ["fr"]}])
    pair = ("Cancel", "Abbrechen")
    assert check_segments(["checklist"], pair, tgt_lang="de", options={"checklist": rules}) == []
    assert len(check_segments(["checklist"], pair, tgt_lang="fr-CA", options={"checklist": rules})) == 1


def test_a_rule_is_applied_to_code_tokens_too():
    # a team's own rule means what it says, even of a token prose checks leave alone
    rules = checklist_rules([{"message": "links go to the French site", "target": r"example\.com/en/"}])
    [f] = check_segments(["checklist"], ("See https://example.com/en/help", "Voir https://example.com/en/help"),
                         options={"checklist": rules})
    assert f.text == "example.com/en/"


@pytest.mark.parametrize("body, needle", [
    ('checklist = "vous"\n', "checklist must be a list of tables"),
    ('[[checklist]]\ntarget = "vous"\n', "checklist rule 1: give a message"),
    ('[[checklist]]\nmessage = "m"\n', "give target (each match is a finding) or target_lacks"),
    ('[[checklist]]\nmessage = "m"\ntarget = "a"\ntarget_lacks = "b"\n', "not both"),
    ('[[checklist]]\nmessage = "m"\ntarget = "("\n', "checklist rule 1: target = '(' is not a valid regular expression"),
    ('[[checklist]]\nmessage = "m"\ntarget = "a"\nseverity = "blocker"\n', "severity = 'blocker' is not one of"),
    ('[[checklist]]\nmessage = "m"\ntarget = "a"\ncategory = "style"\n', "category = 'style' is not one of"),
    ('[[checklist]]\nmessage = "m"\ntarget = "a"\ntarget_has = "b"\n', "unknown key 'target_has'"),
    ('[[checklist]]\nmessage = "m"\ntarget = "a"\n[[checklist]]\nmessage = "n"\nsource = "[x"\ntarget = "b"\n',
     "checklist rule 2: source = '[x' is not a valid regular expression"),
])
def test_a_bad_rule_is_a_config_error(tmp_path, body, needle):
    assert_config_error(lambda path: load_settings(path, {}), tmp_path / "evalkit.toml", body, needle)


def test_the_checklist_of_a_config_file_gates_a_run(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    (tmp_path / "evalkit.toml").write_text(
        '[[checklist]]\nmessage = "Cancel is Annuler here"\nsource = \'\\bCancel\\b\'\ntarget_lacks = "Annuler"\n'
        'severity = "major"\n', encoding="utf-8")
    po = tmp_path / "fr.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
                  'msgid "Cancel"\nmsgstr "Abandonner"\n\nmsgid "Open the file"\nmsgstr "Ouvrir le fichier"\n',
                  encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", str(po), "--src-lang", "en", "--tgt-lang", "fr", "--format", "json", "--no-cache"])
    report = json.loads(capsys.readouterr().out)
    [f] = [f for f in report["findings"] if f["check"] == "checklist"]
    assert code == 1 and f["segment"] == "Cancel" and f["severity"] == "major"
