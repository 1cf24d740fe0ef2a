"""accuracy/untranslated: empty and source-identical units fail the gate; unit states are counted
in every report and gated on."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from evalkit.cli import main
from evalkit.model import Segment
from evalkit.untranslated import source_language_words, summed_counts, unit_counts, unit_state

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    """No model for en->fr or en->de here: --engine auto runs without a re-translation, as offline."""
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def run(capsys, *args, engine=None):
    """The command line in this process: (exit code, stdout, stderr). The lexicon engine serves
    zh->en only; other pairs take --engine auto."""
    engine = engine or ("auto" if "--src-lang" in args else "lexicon")
    code = main(["check", *args, "--engine", engine, "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


def report_of(capsys, path, *args):
    code, out, err = run(capsys, str(path), "--format", "json", *args)
    return code, json.loads(out), err


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def untranslated_findings(report):
    return [f for f in report["findings"] if "untranslated" in f["check"].split("+")]


# --- what is untranslated ---------------------------------------------------------------------

@pytest.mark.parametrize("source, target", [
    ("Settings", "Settings"),            # an English UI word left in a French file
    ("Save the file", "save the file"),  # case aside, the same words
    ("Open  %s now", "Open %s now"),     # spacing aside
])
def test_identical_english_in_french_is_untranslated(source, target):
    seg = Segment(id="1", source=source, target=target)
    assert unit_state(seg, "en", "fr") == "identical"


@pytest.mark.parametrize("text", [
    "%s", "{count}", "%(name)s", "<b></b>", "42", "3.14", "https://example.org/help", "help@example.org",
    "OK", "GitHub", "Linux", "Description", "v2.1.0", "config.yaml", "src/main.c", "--verbose", "HH:MM",
    "mailto:help@example.org", "os.path.join()", "~/.config/app.ini", "sort -k 1b,1", "en_GB:en", "*.pot",
])
def test_codes_names_and_shared_words_identical_in_both_are_fine(text):
    assert unit_state(Segment(id="1", source=text, target=text), "en", "fr") == "translated"


def test_the_words_around_code_tokens_still_count():
    # the code tokens go (evalkit.codetokens), the English around them is left in a French file
    seg = Segment(id="1", source="Open the settings file with --config", target="Open the settings file with --config")
    assert unit_state(seg, "en", "fr") == "identical"
    assert "config" not in source_language_words(seg.source, "en", "fr")


def test_chinese_left_in_an_english_target_is_untranslated():
    seg = Segment(id="1", source="保存文件", target="保存文件")
    assert unit_state(seg, "zh", "en") == "identical"
    assert source_language_words(seg.source, "zh", "en") == ["保存", "文件"]


def test_same_language_variants_are_not_untranslated():
    assert unit_state(Segment(id="1", source="Colour settings", target="Colour settings"), "en-US", "en-GB") == "translated"


def test_language_wordfreq_lacks_counts_every_word_but_a_lone_name():
    assert unit_state(Segment(id="1", source="Ndeewo ụwa", target="Ndeewo ụwa"), "ig", "yo") == "identical"
    assert unit_state(Segment(id="1", source="Lagos", target="Lagos"), "ig", "yo") == "translated"


def test_a_title_is_a_name_unless_its_file_translates_its_words_elsewhere():
    from evalkit.untranslated import FileUsage

    title = Segment(id="t", source="Mexican Spanish", target="Mexican Spanish")
    assert unit_state(title, "en", "zh-CN") == "translated"  # alone, a title may be a name kept as written
    others = [Segment(id="1", source="Spanish", target="西班牙语"),
              Segment(id="2", source="Argentinian Spanish", target="阿根廷西班牙语")]
    usage = FileUsage([title, *others])
    assert unit_state(title, "en", "zh-CN", usage) == "identical"
    assert source_language_words(title.source, "en", "zh-CN", usage) == ["Spanish"]
    # a word the file keeps as written elsewhere is a name's: 'Google Drive' stays
    brand = Segment(id="b", source="Google Drive", target="Google Drive")
    kept = [Segment(id="3", source="Sign in with Google", target="使用 Google 登录"),
            Segment(id="4", source="Drive not found", target="找不到驱动器")]
    assert unit_state(brand, "en", "zh-CN", FileUsage([brand, *kept])) == "translated"
    # units left untranslated are no evidence either way
    copies = [Segment(id="5", source="Spanish", target="Spanish")]
    assert unit_state(title, "en", "zh-CN", FileUsage([title, *copies])) == "translated"


def test_counts_read_a_title_with_its_file_as_the_check_does(tmp_path, capsys):
    p = write(tmp_path, "langs.po", HEADER.replace('\\n"\n\n', '\\n"\n"Language: zh_CN\\n"\n\n') + "".join(
        f'msgid "{s}"\nmsgstr "{t}"\n\n' for s, t in [
            ("Spanish", "西班牙语"), ("Argentinian Spanish", "阿根廷西班牙语"), ("Mexican Spanish", "Mexican Spanish"),
            ("Google Drive", "Google Drive"), ("Open Google Drive", "打开 Google Drive")]))
    code, report, _ = report_of(capsys, p, "--src-lang", "en", "--tgt-lang", "zh-CN")
    assert [f["segment"] for f in untranslated_findings(report)] == ["Mexican Spanish"]
    assert report["units"]["identical"] == 1 and code == 1


@pytest.mark.parametrize("source, target, src, tgt", [
    ("%(app)s administration", "%(app)s administration", "en", "ja"),  # one word beside a placeholder
    ("更改选中的%(model)s", "更改选中的%(model)s", "zh", "en"),            # a script written without spaces
])
def test_a_whole_unit_left_untranslated_beside_a_placeholder_is_found(source, target, src, tgt):
    from tests.helpers import check_segments

    [f] = check_segments(["untranslated"], (source, target), src_lang=src, tgt_lang=tgt)
    assert (f.start, f.end) == (0, len(target))


def test_empty_target_and_empty_source():
    assert unit_state(Segment(id="1", source="Save", target="  "), "en", "fr") == "empty"
    assert unit_state(Segment(id="1", source="", target=""), "en", "fr") == "translated"  # nothing to translate


def test_counts_partition_the_units():
    segs = [Segment(id=str(i), source=s, target=t, meta={"state": st}) for i, (s, t, st) in enumerate([
        ("Save", "", None), ("Settings", "Settings", "approved"), ("Open", "Ouvrir", "fuzzy"),
        ("Close", "Fermer", "needs-review"), ("Quit", "Quitter", "approved"), ("Help", "Aide", None),
    ])]
    counts = unit_counts(segs, "en", "fr")
    assert counts == {"total": 6, "translated": 2, "untranslated": 2, "empty": 1, "identical": 1, "fuzzy": 1,
                      "needs_review": 1, "approved": 1, "translated_pct": 33.33}
    both = summed_counts([counts, unit_counts(segs[-1:], "en", "fr")])
    assert both["total"] == 7 and both["translated"] == 3 and both["translated_pct"] == 42.86
    assert unit_counts([], "en", "fr")["translated_pct"] == 100.0


# --- each format ------------------------------------------------------------------------------

def test_jsonl_empty_target_fails_the_gate_at_major(tmp_path, capsys):
    p = write(tmp_path, "s.jsonl", '{"id": "a", "source": "保存文件", "target": ""}\n'
                                    '{"id": "b", "source": "打开", "target": "Open"}\n')
    code, report, err = report_of(capsys, p)
    assert code == 1 and "gate failed" in err
    (f,) = untranslated_findings(report)
    assert (f["segment"], f["severity"], f["category"], f["start"], f["end"], f["text"]) == \
        ("a", "major", "accuracy/untranslated", 0, 0, "")
    assert report["units"]["empty"] == 1 and report["units"]["translated_pct"] == 50.0
    assert report["scores"]["mqm_score"] < 100


def test_jsonl_identical_target_fails_and_its_span_is_the_target(tmp_path, capsys):
    p = write(tmp_path, "s.jsonl", '{"id": "a", "source": "保存文件", "target": "保存文件"}\n'
                                    '{"id": "b", "source": "打开文件", "target": "Open the file"}\n')
    code, report, _ = report_of(capsys, p)
    (f,) = untranslated_findings(report)
    assert code == 1 and (f["start"], f["end"], f["text"]) == (0, 4, "保存文件")
    assert "'保存', '文件'" in f["message"]


def test_jsonl_state_field_is_read_and_a_bad_one_is_refused(tmp_path, capsys):
    p = write(tmp_path, "s.jsonl", '{"id": "a", "source": "打开", "target": "Open", "state": "needs-review"}\n')
    code, report, _ = report_of(capsys, p)
    assert code == 0 and report["units"]["needs_review"] == 1 and report["segments"][0]["state"] == "needs-review"
    bad = write(tmp_path, "bad.jsonl", '{"id": "a", "source": "打开", "target": "Open", "state": "done"}\n')
    code, out, err = run(capsys, str(bad))
    assert code == 2 and out == "" and err.count("\n") == 1 and 'bad.jsonl:1: "state" must be one of' in err


def test_po_empty_msgstr_fuzzy_and_plural_forms(tmp_path, capsys):
    p = write(tmp_path, "fr.po", HEADER + (
        'msgid "Save the file"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Open the file"\nmsgstr "Ouvrir le fichier"\n\n'
        'msgid "Settings"\nmsgstr "Settings"\n\n'
        'msgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "un fichier"\nmsgstr[1] ""\n\n'
        'msgid "Close"\nmsgstr "Fermer"\n'))
    code, report, _ = report_of(capsys, p, "--src-lang", "en", "--tgt-lang", "fr")
    flagged = {f["segment"]: f for f in untranslated_findings(report)}
    assert code == 1 and set(flagged) == {"Save the file", "Settings", "one file[1]"}
    assert flagged["Save the file"]["message"] == "not translated: the target is empty"
    assert report["units"] == {"total": 6, "translated": 2, "untranslated": 3, "empty": 2, "identical": 1,
                               "fuzzy": 1, "needs_review": 0, "approved": 0, "translated_pct": 33.33}
    assert {s["id"]: s["state"] for s in report["segments"]}["Open the file"] == "fuzzy"


def test_po_template_is_neither_flagged_nor_counted(tmp_path, capsys):
    p = write(tmp_path, "messages.pot", HEADER + 'msgid "Save the file"\nmsgstr ""\n')
    code, report, _ = report_of(capsys, p, "--src-lang", "en", "--tgt-lang", "fr")
    assert code == 0 and untranslated_findings(report) == [] and report["units"]["total"] == 0


XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="app" source-language="en" target-language="de" datatype="plaintext"><body>
    <trans-unit id="missing"><source>Save the file</source></trans-unit>
    <trans-unit id="blank"><source>Print</source><target></target></trans-unit>
    <trans-unit id="same"><source>Options</source><target state="translated">Options</target></trans-unit>
    <trans-unit id="review"><source>Open</source><target state="needs-review-translation">Öffnen</target></trans-unit>
    <trans-unit id="new"><source>Close</source><target state="new">Schließen</target></trans-unit>
    <trans-unit id="signed"><source>Quit</source><target state="signed-off">Beenden</target></trans-unit>
    <trans-unit id="ok" approved="yes"><source>Help</source><target>Hilfe</target></trans-unit>
    <trans-unit id="url"><source>https://example.org</source><target>https://example.org</target></trans-unit>
    <trans-unit id="locked" translate="no"><source>EvalKit</source></trans-unit>
  </body></file>
</xliff>
"""


def test_xliff_12_missing_target_and_states(tmp_path, capsys):
    p = write(tmp_path, "de.xlf", XLIFF_12)
    code, report, _ = report_of(capsys, p, "--src-lang", "en", "--tgt-lang", "de")
    assert code == 1 and {f["segment"] for f in untranslated_findings(report)} == {"missing", "blank", "same"}
    states = {s["id"]: s["state"] for s in report["segments"]}
    assert states == {"missing": None, "blank": None, "same": "translated", "review": "needs-review",
                      "new": "fuzzy", "signed": "approved", "ok": "approved", "url": None}
    assert report["units"] == {"total": 8, "translated": 3, "untranslated": 3, "empty": 2, "identical": 1,
                               "fuzzy": 1, "needs_review": 1, "approved": 2, "translated_pct": 37.5}


XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" trgLang="en">
  <file id="f1">
    <unit id="u1"><segment state="initial"><source>打开文件</source></segment></unit>
    <unit id="u2"><segment state="initial"><source>打开</source><target>Open</target></segment></unit>
    <unit id="u3"><segment state="reviewed"><source>关闭</source><target>Close</target></segment></unit>
    <unit id="u4"><segment state="final"><source>帮助</source><target>帮助</target></segment></unit>
    <unit id="u5"><segment state="translated"><source>保存</source><target>Save</target></segment></unit>
  </file>
</xliff>
"""


def test_xliff_20_states_and_untranslated_segments(tmp_path, capsys):
    p = write(tmp_path, "en.xlf", XLIFF_20)
    code, report, _ = report_of(capsys, p)
    assert code == 1 and {f["segment"] for f in untranslated_findings(report)} == {"u1", "u4"}
    assert {s["id"]: s["state"] for s in report["segments"]} == \
        {"u1": "fuzzy", "u2": "fuzzy", "u3": "approved", "u4": "approved", "u5": "translated"}
    units = report["units"]
    assert (units["empty"], units["identical"], units["fuzzy"], units["approved"], units["translated"]) == (1, 1, 1, 1, 2)


def test_tmx_unit_without_a_target_variant(tmp_path, capsys):
    p = write(tmp_path, "m.tmx", """<?xml version="1.0"?>
<tmx version="1.4"><header srclang="zh" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
  <tu tuid="1"><tuv xml:lang="zh"><seg>打开</seg></tuv><tuv xml:lang="en"><seg>Open</seg></tuv></tu>
  <tu tuid="2"><tuv xml:lang="zh"><seg>保存文件</seg></tuv></tu>
</body></tmx>
""")
    code, report, _ = report_of(capsys, p)
    assert code == 1 and [f["segment"] for f in untranslated_findings(report)] == ["2"]


def test_csv_empty_target_cell(tmp_path, capsys):
    p = write(tmp_path, "s.csv", "id,source,target\na,打开,Open\nb,保存文件,\n")
    code, report, _ = report_of(capsys, p)
    assert code == 1 and [f["segment"] for f in untranslated_findings(report)] == ["b"]


def test_document_sentence_left_in_the_source_language(tmp_path, capsys):
    src = write(tmp_path, "s.zh.txt", "今天天气很好。\n\n我们去公园散步。\n")
    tgt = write(tmp_path, "t.en.txt", "The weather is nice today.\n\n我们去公园散步。\n")
    code, out, _ = run(capsys, str(src), str(tgt), "--format", "json")
    report = json.loads(out)
    (f,) = untranslated_findings(report)
    text = tgt.read_text(encoding="utf-8")
    assert code == 1 and text[f["start"]:f["end"]] == "我们去公园散步。"


# --- the gate and the reports -----------------------------------------------------------------

PO_STATES = HEADER + ('#, fuzzy\nmsgid "Open the file"\nmsgstr "Ouvrir le fichier"\n\n'
                      'msgid "Close"\nmsgstr "Fermer"\n\nmsgid "Quit"\nmsgstr "Quitter"\n\n'
                      'msgid "Help"\nmsgstr "Aide"\n')


def test_min_translated_and_max_fuzzy_gates(tmp_path, capsys):
    p = write(tmp_path, "fr.po", PO_STATES)
    lang = ["--src-lang", "en", "--tgt-lang", "fr", "--quiet"]
    assert run(capsys, str(p), *lang)[0] == 0  # a fuzzy unit is no finding
    assert run(capsys, str(p), *lang, "--min-translated", "75")[0] == 0
    code, _, err = run(capsys, str(p), "--src-lang", "en", "--tgt-lang", "fr", "--min-translated", "80")
    assert code == 1 and "fr.po: 75.0% of 4 units translated, below min_translated 80%" in err
    assert run(capsys, str(p), *lang, "--max-fuzzy", "1")[0] == 0
    code, _, err = run(capsys, str(p), "--src-lang", "en", "--tgt-lang", "fr", "--max-fuzzy", "0")
    assert code == 1 and "fr.po: 1 unit(s) fuzzy, above max_fuzzy 0" in err


def test_max_needs_review_gate_and_config_keys(tmp_path, capsys, monkeypatch):
    write(tmp_path, "de.xlf", XLIFF_12)
    write(tmp_path, "evalkit.toml", 'src_lang = "en"\ntgt_lang = "de"\nfail_on = "never"\nmax_needs_review = 0\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "de.xlf", engine="auto")
    assert code == 1 and "de.xlf: 1 unit(s) needing review, above max_needs_review 0" in err
    write(tmp_path, "evalkit.toml", 'src_lang = "en"\ntgt_lang = "de"\nfail_on = "never"\nmin_translated = 30\n')
    assert run(capsys, "de.xlf", engine="auto")[0] == 0


@pytest.mark.parametrize("setting, message", [
    ("min_translated = 150", "min_translated = 150 is not a percentage from 0 to 100"),
    ("min_translated = -1", "min_translated = -1 is not a percentage"),
    ('min_translated = "most"', "min_translated = 'most' is not a percentage"),
    ("max_fuzzy = -1", "max_fuzzy = -1 is not a count of units"),
    ("max_needs_review = 1.5", "max_needs_review = 1.5 is not a count of units"),
])
def test_out_of_range_unit_gates_are_one_line_errors(tmp_path, capsys, monkeypatch, setting, message):
    write(tmp_path, "s.jsonl", '{"id": "a", "source": "打开", "target": "Open"}\n')
    write(tmp_path, "evalkit.toml", setting + "\n")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "s.jsonl")
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err and "Traceback" not in err


def test_counts_stay_when_the_check_is_disabled(tmp_path, capsys):
    p = write(tmp_path, "s.jsonl", '{"id": "a", "source": "保存文件", "target": ""}\n')
    code, report, _ = report_of(capsys, p, "--disable", "untranslated", "--min-translated", "100")
    assert untranslated_findings(report) == [] and report["units"]["empty"] == 1 and code == 1


def test_every_report_format_carries_the_counts(tmp_path, capsys):
    a = write(tmp_path, "a.jsonl", '{"id": "1", "source": "保存文件", "target": ""}\n'
                                    '{"id": "2", "source": "打开", "target": "Open", "state": "fuzzy"}\n')
    b = write(tmp_path, "b.jsonl", '{"id": "1", "source": "关闭", "target": "Close"}\n')
    files = [str(a), str(b)]
    line = "2 units: 0 translated (0.0%), 1 untranslated (1 empty, 0 identical to the source), 1 fuzzy"
    assert line in run(capsys, *files)[1]
    combined = json.loads(run(capsys, *files, "--format", "json")[1])
    assert combined["units"]["total"] == 3 and combined["units"]["translated_pct"] == 33.33
    assert [f["units"]["total"] for f in combined["files"]] == [2, 1]
    md = run(capsys, *files, "--format", "markdown")[1]
    assert "| 0/2 (0.0%), 1 fuzzy |" in md and "| **total** | 3 | 1/3 (33.3%), 1 fuzzy |" in md
    html = run(capsys, *files, "--format", "html")[1]
    assert line in html and "0.0%</div>" in html
    sarif = json.loads(run(capsys, *files, "--format", "sarif")[1])
    assert sarif["runs"][0]["properties"]["units"]["empty"] == 1
    assert sarif["runs"][0]["artifacts"][0]["properties"]["units"]["fuzzy"] == 1
    junit = ET.fromstring(run(capsys, *files, "--format", "junit", "--min-translated", "50")[1])
    props = {p.get("name"): p.get("value") for p in junit.find("testsuite").iter("property")}
    assert props["units_empty"] == "1" and props["units_translated_pct"] == "0"
    scores = [c for c in junit.iter("testcase") if c.get("name") == "scores"]
    assert "below min_translated 50%" in scores[0].find("failure").get("message")
    github = run(capsys, *files, "--format", "github")[1]
    assert "3 units: 1 translated (33.3%25)" in github
