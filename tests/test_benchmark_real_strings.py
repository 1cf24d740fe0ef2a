"""The real-strings benchmark's seeding: errors go into prose, never inside a placeholder, tag or URL
they are not about, and each gold line says where its error now stands in the written file."""

from __future__ import annotations

import random
import zipfile

import polib

from benchmarks.real_strings import _mutations, build, seed

PO = '''msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#, python-format
msgid "Change selected %(model)s (all of them)."
msgstr "Modifier les %(model)s choisis (tous)."

msgid "Empty one"
msgstr ""

#, fuzzy
msgid "Fuzzy one"
msgstr "Un flou"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d fichier"
msgstr[1] "%d fichiers"

msgid "Read <a href=\\"https://example.org/en/\\">the notes</a>."
msgstr "Lisez <a href=\\"https://example.org/fr/\\">les notes</a>."

msgctxt "month"
msgid "Save all files now"
msgstr "Enregistrer tous les fichiers"
'''


def test_mutations_leave_placeholders_and_tags_alone_unless_they_are_the_error():
    source, target = "Change selected %(model)s (all of them).", "Modifier les %(model)s choisis (tous)."
    for kind, start, end, new in _mutations(source, target):
        if kind in ("brackets", "double-word"):
            assert "%(model)s" in target[:start] + new + target[end:], kind
    kinds = {m[0] for m in _mutations(source, target)}
    assert {"printf", "brackets", "end-punctuation", "double-word", "whitespace", "untranslated"} <= kinds
    # a link inside a tag is the tag's: changing it is a tag error, not a bare URL's
    tagged = _mutations('See <a href="https://x.org/">it</a>', 'Voir <a href="https://x.org/">ça</a>')
    assert ("url" not in {m[0] for m in tagged}) and any(m[0] == "xml-tag" and "wx.org" in m[3] for m in tagged)
    # no doubled word is seeded into a language written without spaces
    assert "double-word" not in {m[0] for m in _mutations("Save the file now", "现在保存 文件")}


def test_build_keeps_finished_units_and_writes_where_each_gold_error_is(tmp_path):
    wheel = tmp_path / "django.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        for locale in ("fr", "zh_Hans"):
            z.writestr(f"django/conf/locale/{locale}/LC_MESSAGES/django.po", PO)
    out = tmp_path / "corpus"
    files, gold = build(wheel, out)
    assert ("en-fr/conf.po", "en", "fr", "dev") in files and ("zh-en/conf.po", "zh", "en", "dev") in files
    units = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(out / "en-fr/conf.po"))}
    assert len(units) == 3  # the empty, fuzzy and plural units are left out
    reverse = {e.msgid: e.msgstr for e in polib.pofile(str(out / "zh-en/conf.po"))}
    assert "Modifier les %(model)s choisis (tous)." in reverse and len(reverse) == 3  # msgstr read as the source
    for g in gold:
        ctx, _, msgid = g["segment"].rpartition("::") if "::" in g["segment"] else (None, "", g["segment"])
        written = {f: polib.pofile(str(out / f)) for f, *_ in files}[g["file"]]
        [entry] = [e for e in written if e.msgid == msgid and (e.msgctxt or None) == (ctx or None)]
        assert entry.msgstr[g["start"]:g["end"]] == g["text"]


def test_seeding_is_the_same_for_the_same_seed():
    def seeded():
        entries = [polib.POEntry(msgid=f"Save file {i} now.", msgstr=f"Enregistrer le fichier {i} maintenant.")
                   for i in range(60)]
        return seed(entries, random.Random("x"), "a.po", "dev"), [e.msgstr for e in entries]

    first, second = seeded(), seeded()
    assert first == second and first[0]  # something was seeded, and the same way twice
    assert 60 // 6 // 3 <= len(first[0]) <= 60 // 2
