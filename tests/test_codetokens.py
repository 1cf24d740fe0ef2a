"""Code-like tokens of software strings: what counts as one, prose checks leaving them alone, and the
code-token check that wants them unchanged in the target."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalkit import codetokens
from evalkit.checks.base import CheckContext, run_checks, select_checks
from evalkit.codetokens import compare_code, find_code_tokens, protected_spans
from evalkit.placeholders import compare
from evalkit.resources import Resources
from tests.helpers import check_segments

PROSE = ["spaced-hyphen", "space-before-punctuation", "missing-space", "run-together", "repeated-word"]


@pytest.mark.parametrize("text, found", [
    ("Use sort -k 1b,1 to sort", [("option", "-k"), ("option-argument", "1b,1")]),
    ("  -b, --ignore-leading-blanks  ignore", [("option", "-b"), ("option", "--ignore-leading-blanks")]),
    ("--width=80 or -n 5", [("option", "--width=80"), ("option", "-n")]),
    ("-k, --key=KEYDEF", [("option", "-k"), ("option", "--key")]),
    ("Time format: HH:MM, YYYY-MM-DD", [("format-code", "HH:MM"), ("format-code", "YYYY-MM-DD")]),
    # strftime directives; '%d/%d' is two printf numbers, not a date
    ("Date as %Y-%m-%d, time as %H:%M; page %d/%d", [("format-code", "%Y-%m-%d"), ("format-code", "%H:%M")]),
    ("LANGUAGE=en_GB:en, de_DE.UTF-8 and zh-CN", [("locale", "en_GB:en"), ("locale", "de_DE.UTF-8"), ("locale", "zh-CN")]),
    ("the .pot file, *.po files", [("extension", ".pot"), ("extension", "*.po")]),
    ("Open GitHub in JavaScript on iOS", [("identifier", "GitHub"), ("identifier", "JavaScript"), ("identifier", "iOS")]),
    ("signed with HMAC-SHA256, encoded as H264", [("identifier", "SHA256"), ("identifier", "H264")]),
    ("Error 0x80070005: access denied", [("identifier", "0x80070005")]),  # a hexadecimal constant
    (r"ready to install.\nRestart now?", []),  # a written-out line break is no part of a name
    ("see https://example.org/a?b=1. Or mail help@example.org.",
     [("url", "https://example.org/a?b=1"), ("email", "help@example.org")]),
    ("Write to mailto:help@example.org.", [("url", "mailto:help@example.org")]),
    # a brace placeholder inside a URL is part of it; a brace literal after it is not
    ("See https://example.com/{lang}/docs/x.html or https://a.b/{a,b}",
     [("url", "https://example.com/{lang}/docs/x.html"), ("url", "https://a.b/")]),
    ("edit /etc/apt/sources.list or ~/.config/app/", [("path", "/etc/apt/sources.list"), ("path", "~/.config/app/")]),
    ("call os.path.join() with max_size, README.md", [("function", "os.path.join()"), ("identifier", "max_size"),
                                                     ("identifier", "README.md")]),
    ("version 1.2.3 or v2.0; $HOME and LC_ALL", [("version", "1.2.3"), ("version", "v2.0"), ("env", "$HOME"),
                                                ("env", "LC_ALL")]),
    ("请编辑config.json文件，访问https://example.cn了解", [("identifier", "config.json"), ("url", "https://example.cn")]),
    # prose: hyphenated words, dashes, abbreviations, 'and/or', German 'd.h.', numbers
    ("a well-known e-mail - and/or e.g. i.e. d.h. 3.5 km/h, 1,000", []),
])
def test_what_counts_as_a_code_token(text, found):
    assert [(t.kind, t.text) for t in find_code_tokens(text)] == found


def _run(pairs, checks, tgt_lang="fr"):
    return check_segments(checks, *pairs, tgt_lang=tgt_lang)


@pytest.mark.parametrize("source, target", [
    ("Sort with sort -k 1b,1 or -b -d.", "Triez avec sort -k 1b,1 ou -b -d."),
    ("Time format: HH:MM (locale en_GB:en)", "Formato de hora: HH:MM (locale en_GB:en)"),
    ("Save as a .pot template", "Als Vorlage .pot speichern"),
    ("Open it on GitHub or in JavaScript.", "Ouvrez-le sur GitHub ou en JavaScript."),
    ("Expands {a,b,c} to a b c", "Développe {a,b,c} en a b c"),
])
def test_prose_checks_leave_code_tokens_of_the_source_alone(source, target):
    assert _run([(source, target)], PROSE) == []


def test_the_same_artifacts_outside_code_are_still_found():
    # the Chinese source has no option, no camel-case name: MT artifacts, as before
    found = _run([("基层的年轻人", "grass -roots young manWith , Sign")], PROSE, tgt_lang="en")
    assert sorted(f.text for f in found) == [" ,", "grass -roots", "manWith"]


def test_a_fix_that_would_alter_a_code_token_is_withheld():
    spans = protected_spans("run make install", "run make install")
    assert spans == []  # plain words are no code
    target = "Run make_install now , please"
    found = _run([("Run make_install now, please", target)], ["space-before-punctuation"])
    assert [f.text for f in found] == [" ,"]


def test_code_token_check_finds_altered_and_missing_tokens():
    diff = compare_code("Use sort -k 1b,1 to sort, see https://example.org", "Utilisez sort -k 1b, 1 pour trier")
    assert [(src.text, s, e) for src, s, e in diff.altered] == [("1b,1", 17, 22)]
    assert [p.text for p in diff.missing] == ["https://example.org"]
    found = _run([("Format: HH:MM", "Format : HH: MM"), ("Edit ~/.bashrc", "Modifiez ~/.profile")], ["code-token"])
    assert [(f.text, f.suggestion, f.severity) for f in found] == [("HH: MM", "HH:MM", "major"),
                                                                   ("~/.profile", "~/.bashrc", "major")]


def test_a_url_changed_after_its_placeholder_is_caught():
    src = "Read https://example.com/{lang}/docs/start.html first."
    assert not compare_code(src, "Lisez d'abord https://example.com/{lang}/docs/start.html.")
    diff = compare_code(src, "Lisez d'abord https://example.com/{lang}/doc/start.html.")
    assert [(src.text, s, e) for src, s, e in diff.altered] == [("https://example.com/{lang}/docs/start.html", 14, 55)]


def test_code_token_check_is_quiet_when_tokens_survive():
    assert not compare_code("Run --help or see https://x.org/doc and v1.2.3", "运行 --help 或见 https://x.org/doc 与 v1.2.3")
    # an option-like word the MT produced in a Chinese->English target is no code of the source
    assert not compare_code("基层", "grass -roots")


def test_a_misread_printf_conversion_is_caught():
    diff = compare("invalid number after %lu: %s", "nombre invalide après %Iu : %s")
    assert [(src.text, s, e) for src, s, e in diff.altered] == [("%lu", 22, 25)]
    assert not diff.missing and not diff.extra


_PLURAL_PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: {forms}\\n"

msgid "One file"
msgid_plural "%(count)s files"
{msgstrs}
'''


def _plural_findings(tmp_path, forms, msgstrs, tgt_lang):
    from evalkit.formats.po import PoFormat

    path = tmp_path / "plural.po"
    path.write_text(_PLURAL_PO.format(forms=forms, msgstrs=msgstrs), encoding="utf-8")
    doc = PoFormat().read(path, src_lang="en", tgt_lang=tgt_lang)
    ctx = CheckContext(document=doc, resources=Resources(), settings={"src_lang": "en", "tgt_lang": tgt_lang})
    return doc, list(run_checks(select_checks(only=["placeholder"]), ctx))


def test_a_single_plural_form_is_the_plural_msgid_translated(tmp_path):
    doc, found = _plural_findings(tmp_path, "nplurals=1; plural=0;", 'msgstr[0] "%(count)s 个文件"', "zh")
    assert doc.segments[0].source == "%(count)s files"
    assert found == []
    _, found = _plural_findings(tmp_path, "nplurals=1; plural=0;", 'msgstr[0] "个文件"', "zh")
    assert [f.message for f in found] == ["placeholder '%(count)s' of the source is missing from the target"]


def test_a_first_plural_form_may_use_the_plural_msgids_placeholder(tmp_path):
    doc, found = _plural_findings(tmp_path, "nplurals=2; plural=(n > 1);",
                                  'msgstr[0] "%(count)s fichier"\nmsgstr[1] "%(count)s fichiers"', "fr")
    assert doc.segments[0].source == "One file" and found == []
    _, found = _plural_findings(tmp_path, "nplurals=2; plural=(n > 1);",
                                'msgstr[0] "%(name)s fichier"\nmsgstr[1] "%(count)s fichiers"', "fr")
    assert [f.text for f in found] == ["%(name)s"]


def test_digits_of_code_tokens_are_no_numbers_of_the_text():
    found = check_segments(["number-mismatch", "number-missing"], ("Payloads are signed with HMAC-SHA256.",
                           "Les charges sont signées avec HMAC-SHA256."), tgt_lang="fr")
    assert found == []
    found = check_segments(["number-missing"], ("版本 3.2.1", "Version 3.2.1"), src_lang="zh", tgt_lang="en")
    assert found == []


_TOKEN_ALPHABET = "aZv09_.%+-`\\~/*$@:; ,()[]{}=xXHhMmDdYys中文'\"\n"


def _scan_without_start_guard():
    return re.compile(codetokens._ALTERNATIVES, re.ASCII)


def _matches(pattern, text: str):
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text)]


def test_the_scan_finds_what_its_alternatives_find_on_the_corpora():
    plain = _scan_without_start_guard()
    root = Path(__file__).resolve().parents[1] / "corpora"
    lines = [line for f in sorted(root.rglob("*.*")) if f.suffix in (".txt", ".jsonl", ".po", ".xlf", ".csv")
             for line in f.read_text(encoding="utf-8", errors="replace").splitlines()]
    assert len(lines) > 200
    assert sum(len(_matches(plain, line)) for line in lines) > 20  # the corpora do hold code tokens
    for line in lines:
        assert _matches(codetokens._SCAN, line) == _matches(plain, line), line


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_TOKEN_ALPHABET, max_size=40))
def test_the_scan_finds_what_its_alternatives_find_on_any_text(text):
    assert _matches(codetokens._SCAN, text) == _matches(_scan_without_start_guard(), text)


def test_code_tokens_are_the_same_asked_twice_and_a_caller_may_change_its_list():
    first = find_code_tokens("run --width=80 on GitHub")
    first.clear()
    assert [t.text for t in find_code_tokens("run --width=80 on GitHub")] == ["--width=80", "GitHub"]


def test_a_link_to_the_pages_in_the_target_language_is_the_same_link():
    src = 'Read <a href="https://example.org/en/4.2/notes/">the notes</a> at https://example.org/en-us/help/'
    tgt = 'Lisez <a href="https://example.org/fr/4.2/notes/">les notes</a> sur https://example.org/fr/help/'
    assert not compare_code(src, tgt, langs=("en", "fr"))
    assert not compare(src, tgt, langs=("en", "fr"))
    # another language's pages, or a changed path, are still a different link
    other = tgt.replace("/fr/4.2/", "/de/4.2/")
    assert compare(src, other, langs=("en", "fr"))
    assert compare_code(src, tgt.replace("/fr/help/", "/fr/aide/"), langs=("en", "fr"))
    assert compare_code(src, tgt)  # without the languages nothing is assumed


def test_a_localised_link_is_said_at_minor_for_a_reviewer_to_confirm():
    src = "Documentation: https://example.org/docs/en/latest/ and <a href=\"https://example.org/en/x/\">x</a>"
    tgt = "Documentation : https://example.org/docs/fr/latest/ et <a href=\"https://example.org/fr/x/\">x</a>"
    diff = compare_code(src, tgt, langs=("en", "fr"))
    assert [(link.text, tgt[s:e]) for link, s, e in diff.localised] == [
        ("https://example.org/docs/en/latest/", "https://example.org/docs/fr/latest/"),
        ("https://example.org/en/x/", "https://example.org/fr/x/")]
    found = _run([(src, tgt)], ["code-token", "placeholder"])
    assert [(f.check, f.text, f.severity, f.suggestion) for f in found] == [
        ("code-token", "https://example.org/docs/fr/latest/", "minor", "https://example.org/docs/en/latest/"),
        ("code-token", "https://example.org/fr/x/", "minor", "https://example.org/en/x/")]
    assert "French pages" in found[0].message
    # a link the source has as written, or one changed beyond its language, is no localised one
    assert not compare_code(src, src, langs=("en", "fr")).localised
    other = compare_code(src, tgt.replace("/docs/fr/latest/", "/docs/fr/stable/"), langs=("en", "fr"))
    assert [link.text for link, _, _ in other.altered] == ["https://example.org/docs/en/latest/"]
    assert len(other.localised) == 1


def test_a_date_pattern_in_the_target_languages_letters_is_the_same_pattern():
    assert not compare_code("Use the YYYY-MM-DD format.", "Utilisez le format AAAA-MM-JJ.")
    assert not compare_code("Use the YYYY-MM-DD format.", "Use el formato AAAA-MM-DD.")
    # a changed shape or a strftime pattern is not a localisation
    assert compare_code("Use the YYYY-MM-DD format.", "Utilisez le format AA-MM-JJ.").missing
    assert compare_code("Use %Y-%m-%d here.", "Utilisez %A-%m-%j ici.")


def test_a_placeholders_name_is_no_code_token_of_its_own():
    # a dropped '%(verbose_name)s' is the placeholder check's finding, not also an identifier's
    assert not compare_code("Add another %(verbose_name)s", "Ajouter un autre")
    assert not compare_code("Between {min_days} and {max_days}.", "Entre {min_days} et.")
    assert compare_code("Set user_name first.", "Définissez d'abord le nom.").missing


def test_a_typographic_quote_ends_a_url():
    found = [t.text for t in find_code_tokens("a scheme such as “https://” or «http://x.org» and ‘www.x.org’")]
    assert found == ["http://x.org", "www.x.org"]
