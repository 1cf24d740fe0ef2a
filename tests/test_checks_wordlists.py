"""A project's word lists: terms never translated, and terms always translated."""

from __future__ import annotations

import pytest

from evalkit.config import Settings
from evalkit.errors import ConfigError
from tests.helpers import check_segments


def test_a_do_not_translate_term_must_be_kept():
    found = check_segments(["do-not-translate"], ("Log in to GNOME Shell", "Connectez-vous à GNOME Shell"),
                           ("Log in to GNOME", "Connectez-vous à Gnome"), ("GNOMEish", "gnomesque"),
                           options={"do_not_translate": ["GNOME"]})
    assert [(f.segment, f.suggestion) for f in found] == [("2", "add 'GNOME'")]


def test_a_must_translate_term_may_not_be_left_as_is():
    found = check_segments(["must-translate"], ("Open Settings", "Ouvrir Settings"), ("Open Settings", "Ouvrir Paramètres"),
                           ("Settings", "Settings"), options={"must_translate": ["Settings"]})
    assert [(f.segment, f.text) for f in found] == [("1", "Settings"), ("3", "Settings")]


def test_word_lists_must_be_lists_of_words():
    with pytest.raises(ConfigError, match="do_not_translate must be a list"):
        Settings(do_not_translate="GNOME").validate()
    with pytest.raises(ConfigError, match="must_translate must be a list"):
        Settings(must_translate=[""]).validate()


def test_the_word_list_example_of_the_ci_doc_is_accepted(tmp_path):
    import re

    from evalkit.config import load_settings
    from tests.helpers import ROOT

    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```toml\n(.*?)```", doc, re.S) if "do_not_translate" in b)
    (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
    settings = load_settings(None, {}, cwd=tmp_path)
    assert settings.do_not_translate == ["GNOME", "Weblate"] and settings.must_translate == ["Settings"]
    assert [rule["message"] for rule in settings.checklist] == ["Cancel is 'Annuler' in our interface",
                                                                 "we address users as 'tu'"]
    from evalkit.checks.checklist import checklist_rules

    rules = {"checklist": checklist_rules(settings.checklist)}
    found = check_segments(["checklist"], ("Cancel", "Abandonner"), ("Are you sure?", "Êtes-vous sûr ?"), options=rules)
    assert [(f.segment, f.severity) for f in found] == [("1", "minor"), ("2", "major")]
    assert check_segments(["checklist"], ("Cancel", "Abbrechen"), tgt_lang="de", options=rules) == []  # French rules
